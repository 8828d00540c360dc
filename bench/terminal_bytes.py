"""Bytes written to the terminal per key (issue 6 §6): what one key costs an officer on a
village's mobile link, against VisiData on the same volunteers.

Both programs run in a real terminal: a tmux server of their own (no config file), one window
of 120×36, the program started in it with TERM=xterm-256color and no COLORTERM (as an SSH
session usually has it: 256 colours). `tmux pipe-pane -o 'cat >> FILE'` records everything
the program writes to the terminal, escape sequences included. For each key: wait until the
output is quiet (no new byte for `QUIET` s), note the file's size, send the key (`tmux
send-keys`), wait until quiet again, and subtract. Each key is sent `KEYS` times in a row (or
`--reps` times when fewer); the figure is the median of those counts, the largest given
beside it.

- kxtui: the installed `kxtui` command of this virtualenv (`python -m kxtui` without it) on a
  copy of the county demo (bench/fixtures.py), in Chinese. The hierarchy screen opens with
  the first county selected and its detail shown; → expands it, then tree: ↓ from the county
  down its towns (the cursor on the next node, the detail pane showing that node). Home, then
  `m` opens the roster of the county, `t` (after Esc) its ledger; each opens in its search
  field, and the first ↓ (not counted) goes into the table; then ↓ and PgDn. A screen is
  measured once its count (roster) or totals (ledger) are on screen.
- VisiData: `vd volunteers.csv` ($KXTUI_BENCH_VD, else `vd` on the PATH; skipped when
  missing), the county demo's volunteers exported as bench/roster.py exports the province's
  (name, pinyin, initials, mobile, region id, hours); ↓ and PgDn once "N rows" says loading
  is done.

Goals: ≤ 2 KB (`GOAL_MOVE` bytes) for ↓ in every list; PgDn ≤ 1.5× VisiData's PgDn. VisiData's
↓ is shown beside each ↓ for comparison.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Row, ratio, verdict
from bench.roster import visidata, volunteers_csv
from kxtui.i18n import set_language

SIZE = (120, 36)
QUIET = 0.5  # seconds without a new byte: the key's output is complete
KEYS = 5  # of each kind, in a row
GOAL_MOVE = 2048
GOAL_PAGE_RATIO = 1.5
DOWN, PAGE_DOWN = "Down", "NPage"  # tmux key names


def kxtui_command(db: Path) -> list[str]:
    installed = Path(sys.executable).with_name("kxtui")
    program = [str(installed)] if installed.exists() else [sys.executable, "-m", "kxtui"]
    return [*program, "--db", str(db), "--lang", "zh"]


class Pane:
    """A program in a tmux window of its own server, its output recorded to a file."""

    def __init__(self, argv: list[str], folder: Path, name: str) -> None:
        self.socket = f"kxtui-bench-bytes-{os.getpid()}-{name}"
        self.log = folder / f"{name}.out"
        self.log.write_bytes(b"")
        env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "COLORTERM")}
        command = " ".join(["env", "-u", "COLORTERM", "TERM=xterm-256color", *map(_quote, argv)])
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "b", "-x", str(SIZE[0]),
                   "-y", str(SIZE[1]), command, env=env)  # fmt: skip
        self._tmux("pipe-pane", "-o", "-t", "b", f"cat >> {_quote(str(self.log))}")

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, check=True, env=env)  # fmt: skip
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "b")

    def until(self, shown: Callable[[str], bool], what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not shown(self.screen()):
            if time.monotonic() > deadline:
                raise TimeoutError(f"never showed {what}; screen:\n{self.screen()}")
            time.sleep(0.05)

    def quiet(self, timeout: float = 30.0) -> int:
        """Wait until nothing was written for `QUIET` s; the bytes written so far."""
        deadline = time.monotonic() + timeout
        size, since = self.log.stat().st_size, time.monotonic()
        while time.monotonic() - since < QUIET:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.socket}: output never went quiet")
            time.sleep(0.02)
            now = self.log.stat().st_size
            if now != size:
                size, since = now, time.monotonic()
        return size

    def key(self, key: str) -> int:
        """Send `key`; the bytes written in answer."""
        before = self.quiet()
        self.send(key)
        return self.quiet() - before

    def send(self, key: str) -> None:
        """Send `key` without waiting for quiet first (a blinking cursor is never quiet)."""
        self._tmux("send-keys", "-t", "b", key)

    def keys(self, key: str, times: int) -> list[int]:
        return [self.key(key) for _ in range(times)]

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def _quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def _kxtui(db: Path, folder: Path, times: int) -> dict[str, list[int]]:
    set_language("zh")
    pane = Pane(kxtui_command(db), folder, "kxtui")
    counts: dict[str, list[int]] = {}
    try:
        pane.until(lambda s: "六有" in s, "the first county's detail")
        pane.key("Right")  # the county's towns
        pane.until(lambda s: "├ " in s, "the county's towns")
        counts["tree"] = pane.keys(DOWN, times)
        pane.key("Home")
        pane.send("m")
        pane.until(lambda s: "共 " in s and "名志愿者" in s, "the roster's count")
        pane.send(DOWN)  # from the search field (its cursor blinks) into the table
        counts["roster"] = pane.keys(DOWN, times)
        counts["roster PgDn"] = pane.keys(PAGE_DOWN, times)
        pane.key("Escape")
        pane.until(lambda s: "六有" in s, "the tree again")
        pane.send("t")
        pane.until(lambda s: "条活动 · " in s, "the ledger's totals")
        pane.send(DOWN)
        counts["ledger"] = pane.keys(DOWN, times)
        counts["ledger PgDn"] = pane.keys(PAGE_DOWN, times)
    finally:
        pane.close()
    return counts


def _visidata(vd: str, csv: Path, folder: Path, times: int) -> dict[str, list[int]]:
    pane = Pane([vd, str(csv)], folder, "vd")
    try:
        pane.until(lambda s: " rows" in s and "loading" not in s, "all rows loaded")
        return {"Down": pane.keys(DOWN, times), "PgDn": pane.keys(PAGE_DOWN, times)}
    finally:
        pane.close()


def _kb(counts: list[int]) -> str:
    return f"{statistics.median(counts) / 1024:.2f} KB (max {max(counts) / 1024:.2f})"


def run(demo_db: Path, reps: int) -> list[Row]:
    if shutil.which("tmux") is None:
        return [Row("bytes per key: tmux is not installed", verdict="info", measured="skipped")]
    times = max(1, min(KEYS, reps))
    with tempfile.TemporaryDirectory(prefix="kxtui-bytes-") as name:
        folder = Path(name)
        db = folder / "demo.db"
        shutil.copy(demo_db, db)
        csv = volunteers_csv(db)
        kx = _kxtui(db, folder, times)
        vd = visidata()
        peer = _visidata(vd, csv, folder, times) if vd else None
    rows = []
    goal = f"≤ {GOAL_MOVE / 1024:.1f} KB"
    peer_down = statistics.median(peer["Down"]) if peer else 0
    for what, label in (("roster", "roster"), ("ledger", "ledger"), ("tree", "hierarchy tree")):
        median = statistics.median(kx[what])
        base = f"VisiData ↓ {_kb(peer['Down'])}" if peer else "VisiData skipped"
        figure = f"17. bytes per key, 120×36: ↓ in the {label}"
        shown = ratio(median, peer_down) if peer else ""
        rows.append(Row(figure, goal, _kb(kx[what]), base, shown, verdict(median <= GOAL_MOVE)))
    page_goal = f"≤ {GOAL_PAGE_RATIO}× VisiData"
    for what in ("roster", "ledger"):
        counts = kx[f"{what} PgDn"]
        median = statistics.median(counts)
        if peer:
            base = statistics.median(peer["PgDn"])
            rows.append(Row(f"    PgDn in the {what}", page_goal, _kb(counts),
                            f"VisiData PgDn {_kb(peer['PgDn'])}", ratio(median, base),
                            verdict(median <= GOAL_PAGE_RATIO * base)))  # fmt: skip
        else:
            rows.append(Row(f"    PgDn in the {what}", page_goal, _kb(counts),
                            "VisiData skipped (no vd)", verdict="info"))  # fmt: skip
    return rows
