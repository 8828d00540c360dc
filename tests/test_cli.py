"""The command line as a person uses it: kxtui demo / stats / --version / --help."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kxtui import __version__
from kxtui.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kxtui", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_version_and_bilingual_help() -> None:
    assert run("--version").stdout.strip() == f"kxtui {__version__}"
    help_text = run("--help").stdout
    for word in ("演示", "demo", "统计", "stats", "--db", "--lang"):
        assert word in help_text


def test_demo_refuses_to_overwrite_without_force(tmp_path: Path, capsys) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"precious")
    assert main(["demo", "--db", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert target.read_bytes() == b"precious"


def test_stats_json_reports_the_demo_counts(demo_file: Path) -> None:
    result = run("stats", "--db", str(demo_file), "--json")
    assert result.returncode == 0, result.stderr
    counties = json.loads(result.stdout)["counties"]
    jiaozhou = counties["胶州市"]
    assert {k: jiaozhou[k] for k in ("towns", "villages", "venues", "teams", "volunteers")} == {
        "towns": 12,
        "villages": 204,
        "venues": 87,
        "teams": 110,
        "volunteers": 10759,
    }
    assert 450 <= jiaozhou["activities"] <= 550
    assert counties["荆州区"]["grids"] == 170


def test_demo_with_force_rebuilds_the_same_data(demo_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "again.db"
    target.write_text("old")
    result = run("demo", "--db", str(target), "--force")
    assert result.returncode == 0, result.stderr
    stats = json.loads(run("stats", "--db", str(target), "--json").stdout)
    reference = json.loads(run("stats", "--db", str(demo_file), "--json").stdout)
    assert stats == reference


@pytest.mark.parametrize("command", [["stats"], []])
def test_a_file_that_is_not_a_database_exits_2_untouched(tmp_path: Path, command) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"PK\x03\x04 not a database")
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    result = run(*command, "--db", str(target))
    assert result.returncode == 2
    assert "不是 SQLite" in result.stderr
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before


def test_kxtui_db_environment_variable_is_used(demo_file: Path, tmp_path: Path) -> None:
    import os

    env = {**os.environ, "KXTUI_DB": str(demo_file)}
    result = run("stats", "--json", env=env)
    assert "胶州市" in json.loads(result.stdout)["counties"]


def test_the_app_without_a_terminal_says_so(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`ssh server some-command` where sshd starts kxtui for every login: no terminal."""
    assert main(["--db", str(demo_path)]) == 2  # pytest's stdin and stdout are not terminals
    assert "kxtui 需要在终端中运行" in capsys.readouterr().err


def test_a_command_line_without_a_command_is_read_without_the_commands() -> None:
    """`kxtui`, `kxtui --demo --lang en` open the app without building the commands' parsers
    (or importing their modules); any other word needs them, to run or to be refused."""
    from kxtui.cli import COMMANDS, _names_a_command, build_parser

    whole = build_parser()
    commands = next(a for a in whole._actions if a.dest == "command").choices
    assert set(commands) == set(COMMANDS)
    assert not _names_a_command(["--demo", "--lang", "en", "--db", "check", "--as", "li"])
    assert not _names_a_command(["--db=report", "--read-only"])
    for argv in (["report", "x"], ["--help"], ["-h"], ["exprot"], ["--db", "a.db", "stats"]):
        assert _names_a_command(argv), argv
    light = build_parser(with_commands=False).parse_args(["--demo", "--lang", "en"])
    full = whole.parse_args(["--demo", "--lang", "en"])
    assert vars(light) == vars(full)


def test_a_mistyped_command_is_refused_with_the_commands_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["exprot"])
    assert exit_.value.code == 2
    assert "export" in capsys.readouterr().err
