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
import statistics
from collections.abc import Callable
from dataclasses import dataclass
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
