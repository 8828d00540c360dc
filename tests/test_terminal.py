"""The installed `kxtui` in a real terminal (tmux): start, expand a town, quit cleanly."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.terminal import KXTUI, draft_saved, needs, running, wait_for, wait_until_gone

pytestmark = pytest.mark.terminal


def test_expand_a_town_and_quit(tmux, demo_path: Path, tmp_path: Path) -> None:
    exit_file = tmp_path / "exit-code"
    command = f"{KXTUI} --db {demo_path}; echo $? > {exit_file}; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)
    screen = lambda: tmux("capture-pane", "-p", "-t", "t")  # noqa: E731
    wait_for(screen, "胶州市 · 4 镇 · 8 街道 · 87 阵地")
    wait_for(screen, "10,759")  # the county's detail pane
    tmux("send-keys", "-t", "t", "Right")
    wait_for(screen, "阜安街道 · 2 村 · 11 社区 · 5 阵地")
    tmux("send-keys", "-t", "t", "Down", "Right")
    wait_for(screen, "馨泰社区")
    wait_for(screen, "胶州市 ›")  # the detail pane's path follows the cursor, a moment later
    tmux("send-keys", "-t", "t", "q")
    deadline = time.monotonic() + 15
    while not exit_file.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert exit_file.read_text().strip() == "0"
    assert "Traceback" not in screen()


def test_demo_flag_builds_the_demo_in_the_data_directory(tmux, tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    command = f"XDG_DATA_HOME={data_home} {KXTUI} --demo; sleep 30"
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command)
    screen = lambda: tmux("capture-pane", "-p", "-t", "t")  # noqa: E731
    wait_for(screen, "胶州市 · 4 镇 · 8 街道 · 87 阵地", timeout=60)
    assert (data_home / "kxtui" / "demo.db").exists()
    tmux("send-keys", "-t", "t", "q")


def half_typed_venue(tmux, db_path: Path) -> Callable[[], str]:  # type: ignore[no-untyped-def]
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", f"{KXTUI} --db {db_path}")
    screen = lambda: tmux("capture-pane", "-p", "-t", "t")  # noqa: E731
    wait_for(screen, "10,759")
    tmux("send-keys", "-t", "t", "v")
    wait_for(screen, "新建阵地（")
    tmux("send-keys", "-t", "t", "-l", "断线前的阵地")
    wait_for(screen, "断线前的阵地")
    draft_saved(db_path, "断线前的阵地")  # kept about a second after the last keystroke
    return screen


def resumes_the_draft(tmux, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    command = f"{KXTUI} --db {db_path}; echo kxtui exited: $?; sleep 30"  # a failure stays shown
    tmux("new-session", "-d", "-s", "again", "-x", "80", "-y", "24", command)
    screen = lambda: tmux("capture-pane", "-p", "-t", "again")  # noqa: E731
    wait_for(screen, "未完成的表单")
    assert "断线前的阵地" in screen()
    tmux("send-keys", "-t", "again", "Enter")
    shown = wait_for(screen, "新建阵地（")
    assert "断线前的阵地" in shown
    assert "Traceback" not in shown


def test_a_killed_process_loses_no_half_typed_form(tmux, demo_path: Path) -> None:
    half_typed_venue(tmux, demo_path)
    [pid] = running(demo_path)
    os.kill(int(pid), 9)  # SIGKILL: no handler runs; the autosaved draft must be there
    resumes_the_draft(tmux, demo_path)


def test_closing_the_terminal_keeps_the_form_and_leaves_no_process(tmux, demo_path: Path) -> None:
    half_typed_venue(tmux, demo_path)
    tmux("send-keys", "-t", "t", "-l", "又加几个字")
    time.sleep(0.3)  # typed after the last autosave: only the hang-up handler can keep it
    tmux("kill-session", "-t", "t")  # the terminal goes away: SIGHUP, like a dropped SSH line
    assert wait_until_gone(demo_path) == [], "kxtui must exit when its terminal hangs up"
    resumes_the_draft(tmux, demo_path)
    assert "断线前的阵地又加几个字" in tmux("capture-pane", "-p", "-t", "again")


def test_end_of_input_exits_instead_of_spinning(demo_path: Path) -> None:
    """A terminal that reaches end-of-file without a SIGHUP (no controlling terminal)."""
    if KXTUI is None:
        needs("needs the installed kxtui command")
    import fcntl
    import select
    import struct
    import termios
    import threading

    master, replica = os.openpty()
    fcntl.ioctl(replica, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [KXTUI, "--db", str(demo_path)],
        stdin=replica,
        stdout=replica,
        stderr=replica,
        start_new_session=True,
        env=env,
    )
    os.close(replica)
    output = bytearray()
    stop = threading.Event()

    def drain() -> None:  # the terminal's other end must be read, or the app blocks writing
        while not stop.is_set():
            if select.select([master], [], [], 0.1)[0]:
                try:
                    output.extend(os.read(master, 65536))
                except OSError:
                    return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    deadline = time.monotonic() + 20
    while "胶州市".encode() not in output and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "胶州市".encode() in output, "the app never drew its first screen"
    stop.set()
    reader.join()  # (a read blocked on the descriptor would keep it open past close())
    os.close(master)  # the terminal is gone
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("kxtui kept running after its terminal reached end of input") from None
