"""Moving files between the server and the officer's PC through the terminal itself: ZMODEM,
with Debian's lrzsz (`sz` sends, `rz` receives). Xshell, SecureCRT and MobaXterm start their
side by themselves when they see the transfer begin.

The app is suspended while the program runs (Textual's `App.suspend`: the terminal back in
its normal mode, the app reading and drawing nothing), then resumes. `sz` sends one export
with every control character escaped (safe through ssh and sudo); `rz` receives into the
officer's uploads folder in restricted mode (no paths, no names beginning with a dot) and
renames a file that is already there instead of overwriting it.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import subprocess
import sys
import termios
import time
from pathlib import Path
from typing import Any

from kxtui.db.errors import KxError
from kxtui.i18n import t


def send_command(name: str) -> list[str]:
    """`sz` sending the file `name` of the working directory (the exports folder)."""
    return [_program("sz"), "--escape", "--binary", "--", name]


def receive_command() -> list[str]:
    """`rz` receiving into the working directory (the uploads folder), never overwriting."""
    return [_program("rz"), "--escape", "--binary", "--restricted", "--rename"]


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise KxError("zmodem.missing")
    return found


def run_suspended(app: Any, command: list[str], folder: Path) -> None:
    """Run `command` in `folder` on the app's terminal, the app suspended meanwhile;
    KxError when it fails."""
    with app.suspend():
        print(t("zmodem.starting"), flush=True)
        code = subprocess.run(command, cwd=folder, check=False).returncode
        discard_input()
    if code != 0:
        raise KxError("zmodem.failed", program=Path(command[0]).name, code=code)


def discard_input(quiet: float = 1.0, limit: float = 5.0) -> None:
    """Throw away what the terminal sends after the transfer until it has been quiet for a
    second: the peer repeats its last frame (ZFIN) for a while after `sz` has ended, and the
    app would read those bytes as keys."""
    fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    if fd < 0 or not os.isatty(fd):
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            return
        termios.tcflush(fd, termios.TCIFLUSH)


def received(folder: Path, before: set[str]) -> list[str]:
    """The files in `folder` that were not there `before` (what `rz` wrote), by name; one
    that `rz` renamed because its name was taken ("名单.csv.0") gets a name that keeps its
    suffix ("名单(1).csv"), so it can be imported."""
    names = []
    for name in sorted(p.name for p in folder.iterdir() if p.name not in before):
        match = _RENAMED.fullmatch(name)
        if match is not None:
            name = _keep_suffix(folder, name, match[1], match[2])
        names.append(name)
    return names


_RENAMED = re.compile(r"(.+)(\.[A-Za-z]{1,5})\.\d+")


def _keep_suffix(folder: Path, name: str, stem: str, suffix: str) -> str:
    for number in range(1, 1000):
        wanted = f"{stem}({number}){suffix}"
        try:
            os.link(folder / name, folder / wanted)  # never over an existing file
        except FileExistsError:
            continue
        except OSError:
            return name
        os.unlink(folder / name)
        return wanted
    return name
