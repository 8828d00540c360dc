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
    check = county_server.kxtui("check", "--db", str(county_server.database))
    assert check.returncode == 0, check.stdout + check.stderr
