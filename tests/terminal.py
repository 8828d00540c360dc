"""Driving the installed `kxtui` in a real terminal: tmux sessions, waiting for the screen,
finding the app's processes and its autosaved drafts. Used by the tmux and SSH tests."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

KXTUI = shutil.which("kxtui")


def needs(reason: str) -> None:
    """Skip for want of a tool, except in CI, which installs every tool and so must fail."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def tmux_server() -> Iterator[Callable[..., str]]:
    """A private tmux server; `run(*args)` runs a tmux command on it and returns its output."""
    if shutil.which("tmux") is None or KXTUI is None:
        needs("needs tmux and the installed kxtui command (.ci/run installs both)")
    socket = f"kxtest-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "LC_ALL": "C.UTF-8"}  # tmux passes typed Chinese only in a UTF-8 locale

    def run(*args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30, env=env
        )
        return result.stdout

    # A session that outlives the tests' own: when the last session ends the tmux server
    # exits, and a session started at that moment would be lost with it.
    run("new-session", "-d", "-s", "keep", "sleep 600")
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


def running(db_path: Path) -> list[str]:
    """Process ids of kxtui on this database (not tmux, whose command line names it too)."""
    found = subprocess.run(["pgrep", "-f", f"kxtui --db {db_path}"], capture_output=True, text=True)
    pids = []
    for pid in found.stdout.split():
        try:
            argv0 = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
        except OSError:
            continue  # already gone
        if b"python" in argv0 or argv0.endswith(b"kxtui"):
            pids.append(pid)
    return pids


def wait_until_gone(db_path: Path, timeout: float = 10.0) -> list[str]:
    """Wait for every kxtui on `db_path` to exit; the ones still running."""
    deadline = time.monotonic() + timeout
    while running(db_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    return running(db_path)


def draft_saved(db_path: Path, text: str, timeout: float = 20.0) -> None:
    """Wait until the autosave has written a draft holding `text` (read as a second process)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        try:
            if connection.execute(
                "SELECT 1 FROM form_draft WHERE data LIKE ?", (f"%{text}%",)
            ).fetchone():
                return
        finally:
            connection.close()
        time.sleep(0.1)
    raise AssertionError(f"no draft holding {text!r} was saved")
