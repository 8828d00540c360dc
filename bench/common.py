"""Shared pieces: result rows, statistics, the printed table, and the paint probe.

The paint probe is how every in-app figure ends: Textual computes the changed screen lines
(`Compositor.render_update`) and hands them to `App._display`, also under `run_test` (the
headless driver only skips writing the escape codes). Wrapping `_display` on the app instance
timestamps the first paint at which a condition holds ("the town has 1,000 children", "the
list shows the results of 'jzs'"), so the figure is keypress → data on screen, independent of
how long Pilot's own `press()`/`pause()` wait afterwards (each waits ≥ 20 ms for idleness).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import select
import statistics
import struct
import subprocess
import termios
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from rich.cells import cell_len
from textual.app import App


@dataclass
class Row:
    """One line of the printed table."""

    figure: str
    goal: str = ""
    measured: str = ""
    baseline: str = ""
    ratio: str = ""
    verdict: str = ""  # "met", "MISSED" or "info"


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceiling
    return ordered[int(rank) - 1]


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f} ms" if value < 9.995 else f"{value:.1f} ms"


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}×" if base > 0 else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def print_table(rows: list[Row]) -> None:
    header = Row("figure", "goal", "measured", "baseline (same run)", "ratio", "verdict")
    columns = ("figure", "goal", "measured", "baseline", "ratio", "verdict")
    widths = [max(cell_len(getattr(r, c)) for r in [header, *rows]) for c in columns]

    def line(row: Row) -> str:
        cells = [getattr(row, c) for c in columns]
        return "  ".join(
            cell + " " * (width - cell_len(cell)) for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    rule = "-" * (sum(widths) + 2 * (len(widths) - 1))
    print(line(header))
    print(rule)
    for row in rows:
        print(line(row))
    print(rule)


async def until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "") -> None:
    """Let the event loop run (without forcing paints) until `condition()` holds."""
    deadline = perf_counter() + timeout
    while not condition():
        if perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what or condition}")
        await asyncio.sleep(0.001)


class PaintProbe:
    """Timestamps the first screen paint at which an armed condition holds."""

    def __init__(self, app: App) -> None:
        self.condition: Callable[[], bool] | None = None
        self.at: float | None = None
        original = app._display

        def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
            original(screen, renderable)
            if self.condition is not None and self.at is None and self.condition():
                self.at = perf_counter()

        app._display = display  # type: ignore[method-assign]

    def arm(self, condition: Callable[[], bool]) -> None:
        self.condition, self.at = condition, None

    async def painted(self, timeout: float = 20.0) -> float:
        await until(lambda: self.at is not None, timeout, "the paint")
        assert self.at is not None
        return self.at


class Terminal:
    """A program spawned in an 80×24 pseudo-terminal (TERM xterm-256color, the size set before
    the exec): when markers first appear in what it writes, keys typed to it, its peak RSS."""

    def __init__(self, argv: list[str], size: tuple[int, int] = (80, 24)) -> None:
        self.argv = argv
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(size[0]),
               "LINES": str(size[1])}  # fmt: skip
        # Bytecode as an installed kxtui has it (pip compiles it; Python caches what it
        # imports): a warm-up run writes it, the timed runs read it — for every program alike.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.master, self.output, self.mark = master, b"", 0
        self.chunks: list[tuple[float, int]] = []  # (read at, output length after it)
        self.start = perf_counter()
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)

    def until(self, marker: bytes, timeout: float = 20.0) -> float:
        """Seconds from the spawn until `marker` was read, in the output since the last `send`
        (earlier markers first: each is timed when the chunk that completed it was read)."""
        while (at := self.output.find(marker, self.mark)) < 0:
            if perf_counter() - self.start > timeout or not self._read():
                tail = self.output[-600:].decode("utf-8", "replace")
                raise RuntimeError(f"{self.argv[1:3]}: never printed {marker.decode()!r}; "
                                   f"output ended with {tail!r}")  # fmt: skip
        end = at + len(marker)
        return next(when for when, length in self.chunks if length >= end) - self.start

    def _read(self) -> bool:
        ready, _, _ = select.select([self.master], [], [], 0.05)
        if not ready:
            return self.proc.poll() is None
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child closed the terminal
            return False
        self.output += chunk
        self.chunks.append((perf_counter(), len(self.output)))
        return True

    def send(self, keys: bytes) -> float:
        """Type `keys`; later markers are looked for in what follows. Returns the time sent."""
        self.mark = len(self.output)
        sent = perf_counter() - self.start
        os.write(self.master, keys)
        return sent

    def peak_rss(self) -> int:
        """The process's peak resident set (VmHWM), in bytes."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
        raise RuntimeError("no VmHWM")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        os.close(self.master)
