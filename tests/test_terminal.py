"""The installed `kxtui` in a real terminal (tmux): start, expand a town, quit cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.terminal

KXTUI = shutil.which("kxtui")


@pytest.fixture
def tmux() -> Iterator[Callable[..., str]]:
    if shutil.which("tmux") is None or KXTUI is None:
        reason = "needs tmux and the installed kxtui command (.ci/run installs both)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    socket = f"kxtest-{uuid.uuid4().hex[:8]}"

    def run(*args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30
        )
        return result.stdout

    yield run
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


def wait_for(screen: Callable[[], str], text: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = screen()
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")


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
    shown = wait_for(screen, "馨泰社区")
    assert "胶州市 ›" in shown
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
