"""The county server of docs/deploy.md, end to end, through a real OpenSSH server on 127.0.0.1
(set up by tests/county_server.py from the guide itself). Each attempt at more than an officer
may do is one short test: `log_in(tmux, server, "viewer")`, then keys.
"""

from __future__ import annotations

import os
import pwd
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import county_server as county
from tests import deploy_guide as guide
from tests.county_server import SSHD, CountyServer, Terminal, log_in
from tests.terminal import draft_saved, wait_until_gone

pytestmark = pytest.mark.terminal


@pytest.fixture
def county_server(tmux: Callable[..., str], demo_file: Path) -> Iterator[CountyServer]:
    with county.county_server(demo_file) as server:
        yield server


def _check_passes(server: CountyServer) -> None:
    """The guide's `kxtui check`, run as the service account, finds nothing wrong."""
    check = server.kxtui("check", "--db", str(server.database))
    assert check.returncode == 0, check.stdout + check.stderr


def _county_overview(terminal: Terminal) -> str:
    shown = terminal.wait_for("阜安街道 · 2 村 · 11 社区 · 5 阵地", timeout=40)
    assert "胶州市" not in shown.splitlines()[1], "kxtui knows the officer from sudo: one town"
    return shown


# -- the tests --------------------------------------------------------------------------------


def test_the_deployed_layout_is_the_guides(
    tmux: Callable[..., str], county_server: CountyServer
) -> None:
    service = pwd.getpwnam(county_server.service)
    assert service.pw_dir == "/nonexistent" and not Path(service.pw_dir).exists()
    assert service.pw_shell == "/usr/sbin/nologin"
    assert county_server.database.parent.stat().st_mode & 0o777 == 0o700
    effective = county.run(
        str(SSHD), "-T", "-f", str(county_server.folder / "sshd-0.conf"),
        "-C", f"user={county_server.officers['town']},host=pc,addr=127.0.0.1",
    ).stdout  # fmt: skip
    for setting in ("clientaliveinterval 30", "clientalivecountmax 4", "disableforwarding yes"):
        assert setting in effective
    assert "maxstartups 100:30:200" in effective
    # the sudo rule takes no arguments: the launcher with one is refused
    launcher = county_server.names[guide.LAUNCHER]
    refused = subprocess.run(
        ["runuser", "-u", county_server.officers["town"], "--", "sudo", "-n", "-u",
         county_server.service, launcher, "--help"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert refused.returncode == 1 and refused.stderr.startswith("sudo: "), refused.stderr
    viewer = log_in(tmux, county_server, "viewer")  # each officer gets kxtui, of their area
    _county_overview(viewer)
    # the guide's "who is still in" before a restore names the officer
    who = county.run("ps", "-ww", "-o", "ruser:32=,args=", "-C", "sudo").stdout
    assert any(
        line.split()[0] == county_server.officers["viewer"] and launcher in line
        for line in who.splitlines()
    ), who


def test_a_dropped_ssh_connection_keeps_the_half_typed_form(
    tmux: Callable[..., str], county_server: CountyServer
) -> None:
    database = county_server.database
    first = log_in(tmux, county_server, "town")
    _county_overview(first)
    first.press("v")
    first.wait_for("新建阵地（阜安街道）")
    first.type("断线前的阵地")
    first.wait_for("断线前的阵地")
    draft_saved(database, "断线前的阵地")

    os.kill(first.client_pid(), signal.SIGKILL)  # the line drops: the ssh client just dies
    assert wait_until_gone(database, timeout=20) == [], "kxtui must exit when its line drops"

    again = log_in(tmux, county_server, "town")
    again.wait_for("未完成的表单", timeout=40)
    assert "断线前的阵地" in again.screen()
    again.press("Enter")
    shown = again.wait_for("新建阵地（阜安街道）")
    assert "断线前的阵地" in shown
    assert "Traceback" not in shown
    again.press("Escape")


def test_a_silently_dead_line_ends_the_session(
    tmux: Callable[..., str], county_server: CountyServer
) -> None:
    # The guide's ClientAlive settings, with seconds instead of minutes for the test
    quick = county_server.start_sshd(
        {"ClientAliveInterval 30": "ClientAliveInterval 1", "CountMax 4": "CountMax 2"}
    )
    terminal = log_in(tmux, county_server, "town", port=quick)
    _county_overview(terminal)
    client = terminal.client_pid()
    os.kill(client, signal.SIGSTOP)  # the line goes quiet: nothing arrives, nothing is closed
    try:
        assert wait_until_gone(county_server.database, timeout=20) == [], (
            "sshd must hang up a line that stopped answering, and kxtui exit with it"
        )
    finally:
        os.kill(client, signal.SIGKILL)


def test_the_nightly_job_keeps_real_backups_among_forged_names(
    county_server: CountyServer,
) -> None:
    nightly = county_server.names[guide.NIGHTLY]
    first = county_server.as_service(nightly)
    assert first.returncode == 0, first.stdout + first.stderr
    real = sorted(county_server.backups.iterdir())
    assert len(real) == 1
    # What a viewer's file dialog left there as the service account: names of the future,
    # half of them even whole copies of a real backup.
    for number in range(30):
        content = real[0].read_bytes() if number % 2 else b"PK\x03\x04 an exported sheet"
        county_server.plant_as_service(f"kxtui-20991231-{number:06d}.db", content)
    time.sleep(1.1)  # the next backup's name is a second later

    second = county_server.as_service(nightly)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "检查通过" in second.stdout, "the check ran after the backup, and passed"
    assert "30 个文件名像备份" in second.stderr
    kept = sorted(path.name for path in county_server.backups.glob("kxtui-2*.db"))
    assert len(kept) == 32 and real[0].name in kept, "no real backup and no planted file pruned"
    newest = [name for name in kept if not name.startswith("kxtui-2099")]
    assert len(newest) == 2
    _check_passes(county_server)


# -- an officer who wants more: the file dialogs -----------------------------------------------


def _inside(terminal: Terminal) -> list[str]:
    """The lines inside the dialog's frame."""
    lines = terminal.screen().splitlines()
    return [line.split("│")[1].strip() for line in lines if line.count("│") == 2]


def _joined(terminal: Terminal) -> str:
    """The text inside the dialog's frame, as one line, so a message that wrapped at 80
    columns is found whole."""
    return "".join(_inside(terminal))


def _says(terminal: Terminal, text: str, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in _joined(terminal):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{terminal.screen()}")
        time.sleep(0.1)


def _enter_name(terminal: Terminal, name: str) -> None:
    """Clear the export dialog's name and type `name`, at a person's pace: each step shown
    before the next key."""
    terminal.press("End", "C-u")
    _says(terminal, "文件名只填文件名")
    terminal.type(name)
    deadline = time.monotonic() + 20
    while not any(line.startswith("文件名") and name[-20:] in line for line in _inside(terminal)):
        assert time.monotonic() < deadline, f"{name!r} never filled in:\n{terminal.screen()}"
        time.sleep(0.1)
    terminal.press("Enter")


def _files_state(server: CountyServer) -> dict[str, object]:
    """What an officer's dialogs must not change: the backups and the service account's
    (nonexistent) home; the database is checked by `kxtui check` and its header."""
    return {
        "backups": sorted(path.name for path in server.backups.iterdir()),
        "home": Path("/nonexistent").exists(),
        "header": server.database.read_bytes()[:16],
    }


@pytest.mark.parametrize("officer", ["town", "viewer"])
def test_an_officer_cannot_export_over_the_database_a_backup_or_a_home(
    tmux: Callable[..., str], county_server: CountyServer, officer: str
) -> None:
    nightly = county_server.as_service(county_server.names[guide.NIGHTLY])
    assert nightly.returncode == 0, nightly.stdout + nightly.stderr
    before = _files_state(county_server)
    backup = next(county_server.backups.iterdir())
    terminal = log_in(tmux, county_server, officer)
    _county_overview(terminal)
    terminal.press("t")
    terminal.wait_for("条活动", timeout=30)
    terminal.press("Down")  # from the ledger's search field to its rows, where letters are keys
    terminal.press("x")
    terminal.wait_for("只填文件名")
    attempts = (
        str(county_server.database),
        "../../srv/kxtui.db",
        str(backup),
        "/nonexistent/.ssh/authorized_keys",
        ".ssh",
    )
    for attempt in attempts:
        _enter_name(terminal, attempt)
        _says(terminal, f"“{attempt}”不是可用的文件名")
        assert "Traceback" not in terminal.screen()
    # a plain name is written — as a new file in the officer's own folder, nowhere else
    _enter_name(terminal, "kxtui-20991231-000001")
    terminal.wait_for("按 Z 通过 ZMODEM", timeout=30)
    exports = county_server.database.parent / "files" / county_server.officers[officer]
    written = exports / "exports" / "kxtui-20991231-000001.xlsx"
    assert written.read_bytes()[:2] == b"PK", "the export went into the officer's own folder"
    terminal.press("Escape")
    assert _files_state(county_server) == before
    _check_passes(county_server)


def test_an_officer_cannot_import_the_database_or_a_file_outside_their_uploads(
    tmux: Callable[..., str], county_server: CountyServer
) -> None:
    before = _files_state(county_server)
    elsewhere = county_server.folder / "someone-elses-export.csv"
    elsewhere.write_text("姓名,手机号\n张三,13800138000\n", encoding="utf-8")
    elsewhere.chmod(0o644)
    terminal = log_in(tmux, county_server, "town")
    _county_overview(terminal)
    terminal.press("t")
    terminal.wait_for("条活动", timeout=30)
    terminal.press("Down")  # from the ledger's search field to its rows, where letters are keys
    for attempt in (
        str(county_server.database),
        f"{county_server.database}-wal",
        str(elsewhere),
        "../../srv/kxtui.db",
    ):
        terminal.press("i")
        terminal.wait_for("Ctrl+U")
        terminal.type(attempt)
        terminal.press("Enter")
        _says(terminal, "只能导入你的上传目录中的文件")
        assert "张三" not in terminal.screen() and "Traceback" not in terminal.screen()
        terminal.press("Escape")
        terminal.wait_for("条活动")
    assert _files_state(county_server) == before
    _check_passes(county_server)


def test_keys_that_arrive_in_one_read_take_effect_in_the_order_typed(
    tmux: Callable[..., str], county_server: CountyServer
) -> None:
    """End, Ctrl+U, a name and Enter in one send: the line hands kxtui a single read."""
    terminal = log_in(tmux, county_server, "town")
    _county_overview(terminal)
    terminal.press("t")
    terminal.wait_for("条活动", timeout=30)
    terminal.press("Down")  # from the ledger's search field to its rows, where letters are keys
    terminal.press("x")
    terminal.wait_for("只填文件名")
    terminal.press("End", "C-u", ".x", "Enter")
    _says(terminal, "“.x”不是可用的文件名")
    assert "请填写文件名" not in terminal.screen()
