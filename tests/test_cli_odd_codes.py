"""Every command that reads records, on a database whose codes, dates and flags another program
wrote (tests/hostile.py): no traceback and no "unexpected error"; the exports write the marked
value; `kxtui check` lists every such value (table, id, column, value) and exits 1."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kxtui.cli import main
from kxtui.db import officers
from kxtui.db.engine import scope
from tests.hostile import ODD_ACCOUNT, ODD_KINDS, TOWN_RECORDS, spoil

KINDS = ("code-unknown", "code-number", "code-hostile", "date-impossible", "date-word",
         "flag-text")  # fmt: skip
MARKERS = {"code": "⚠未知代码", "date": "⚠无效日期", "flag": "⚠无效标记"}


def kxtui(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kxtui", *args], capture_output=True, text=True, timeout=300
    )


def spoiled(path: Path, odd: str) -> Path:
    kind, value = ODD_KINDS[odd]
    with sqlite3.connect(path) as connection:
        connection.execute(ODD_ACCOUNT)
        assert spoil(connection, kind, value, TOWN_RECORDS) > 0
    return path


@pytest.mark.parametrize("odd", KINDS)
def test_no_command_crashes_and_exports_write_the_marker(demo_path, tmp_path, odd) -> None:
    db = str(spoiled(demo_path, odd))
    commands = {
        "stats": ("stats",),
        "stats-json": ("stats", "--json"),
        "officers": ("officer", "list"),
        "activities.csv": ("export", "activities", "-o", str(tmp_path / "a.csv")),
        "activities.xlsx": ("export", "activities", "-o", str(tmp_path / "a.xlsx")),
        "volunteers.csv": ("export", "volunteers", "-o", str(tmp_path / "v.csv")),
        "volunteers.xlsx": ("export", "volunteers", "-o", str(tmp_path / "v.xlsx")),
        "backup": ("backup", "-o", str(tmp_path / "copy.db")),
    }
    for name, args in commands.items():
        result = (
            kxtui(*args, "--db", db)
            if args[0] != "officer"
            else kxtui("officer", "list", "--db", db)
        )
        output = result.stdout + result.stderr
        assert result.returncode == 0, (name, output[-500:])
        assert "Traceback" not in output and "意外错误" not in output, name
        assert "\x1b[2J" not in output and "\u202e" not in output, name
    marker = MARKERS.get(odd.split("-")[0])
    if marker:
        exported = (tmp_path / "a.csv").read_text("utf-8-sig")
        exported += (tmp_path / "v.csv").read_text("utf-8-sig")
        assert marker in exported
        assert "\x1b" not in exported and "\u202e" not in exported
    if odd.startswith("code"):
        assert "⚠未知代码" in kxtui("officer", "list", "--db", db).stdout


def test_check_lists_every_odd_code_date_and_flag_and_exits_1(demo_path) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute(ODD_ACCOUNT)
        connection.execute("PRAGMA ignore_check_constraints = ON")
        connection.execute("UPDATE region SET kind = 'zzz' WHERE id = 2")
        connection.execute("UPDATE venue SET level = 42 WHERE id = 1")
        connection.execute("UPDATE activity SET target_groups = 'youth,zzz' WHERE id = 3")
        connection.execute("UPDATE activity SET end_date = '2026-13-45' WHERE id = 4")
        connection.execute(
            "UPDATE volunteer SET joined_on = 'yesterday', active = 'yes' WHERE id = 5"
        )
        connection.execute("UPDATE officer_account SET role = '' WHERE user_name = 'odd'")
    result = kxtui("check", "--db", str(demo_path))
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    for table_column, example in (
        ("region.kind", "#2 'zzz'"),
        ("venue.level", "#1 '42'"),
        ("activity.target_groups", "#3 'youth,zzz'"),
        ("activity.end_date", "#4 '2026-13-45'"),
        ("volunteer.joined_on", "#5 'yesterday'"),
        ("volunteer.active", "#5 'yes'"),
        ("officer_account.role", "#2 ''"),
    ):
        assert table_column in out and example in out, (table_column, out)
    assert "activity.start_date" not in out and "activity.format" not in out


def test_check_passes_the_demo(demo_path) -> None:
    result = kxtui("check", "--db", str(demo_path))
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(
    ("spoiling", "message"),
    [
        ("UPDATE officer_account SET role = 'zzz' WHERE user_name = 'odd'", "角色“zzz”"),
        ("UPDATE officer_account SET region_id = 999 WHERE user_name = 'odd'", "区域不存在"),
    ],
    ids=("role", "region"),
)
@pytest.mark.parametrize("command", [["stats"], ["officer", "list"]])
def test_an_account_with_an_unknown_role_or_region_gets_a_message_and_exit_3(
    demo_path, monkeypatch, capsys, spoiling, message, command
) -> None:
    with sqlite3.connect(demo_path) as connection:  # foreign keys off, as another program
        connection.execute(ODD_ACCOUNT)
        connection.execute(spoiling)
    monkeypatch.setattr(officers, "unix_user", lambda _path: "odd")
    scope.sign_out()
    assert main([*command, "--db", str(demo_path)]) == 3
    err = capsys.readouterr().err
    assert "系统用户 odd 的账户" in err and message in err and "Traceback" not in err


# A venue, an activity and a volunteer whose region is not there, and an activity whose venue
# is not there (written with foreign keys off, as another program may)
DANGLING = (
    "UPDATE venue SET region_id = 9999 WHERE id = (SELECT MIN(id) FROM venue WHERE {town})",
    "UPDATE activity SET region_id = 9999 WHERE id = (SELECT MIN(id) FROM activity WHERE {town})",
    "UPDATE activity SET venue_id = 9999 WHERE id = (SELECT MAX(id) FROM activity WHERE {town})",
    "UPDATE volunteer SET region_id = 9999 WHERE id = (SELECT MIN(id) FROM volunteer WHERE {town})",
)


def dangling(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        for query in DANGLING:
            assert connection.execute(query.format(town=TOWN_RECORDS["venue"])).rowcount == 1
    return path


def test_no_command_crashes_on_a_reference_to_a_record_that_is_not_there(
    demo_path, tmp_path
) -> None:
    db = str(dangling(demo_path))
    for args in (
        ("stats",),
        ("stats", "--json"),
        ("export", "activities", "-o", str(tmp_path / "a.csv")),
        ("export", "activities", "-o", str(tmp_path / "a.xlsx")),
        ("export", "volunteers", "-o", str(tmp_path / "v.csv")),
        ("export", "volunteers", "-o", str(tmp_path / "v.xlsx")),
    ):
        result = kxtui(*args, "--db", db)
        output = result.stdout + result.stderr
        assert result.returncode == 0, (args, output[-500:])
        assert "Traceback" not in output and "意外错误" not in output, args
    assert "⚠不存在的区域 #9999" in (tmp_path / "v.csv").read_text("utf-8-sig")
