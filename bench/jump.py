"""Goal 3: jump-to, keystroke → results on screen, on the county demo (demo.db).

- keystroke → results painted: the real app under Pilot (80×24), jump-to opened with "/".
  For each query the input is first set to the query minus its last character and its results
  are left to arrive; then the clock starts before `pilot.press(last character)` and stops at
  the first screen paint at which `JumpScreen.searched_for == query` (the worker ran
  `kxtui.db.search.search`, the OptionList was refilled and drawn). p50 and p95 over all
  queries and repetitions; the per-query lines show p50s.
- baseline, in-memory filter: a minimal Textual app with an Input and an OptionList that, on
  every change, filters an in-memory list of the same region and venue names (name contains,
  pinyin / initials prefix, at most 50) on the event loop and refills the list; same clock —
  what a keystroke costs Textual itself.
- `search.search(query)`: the SQL part alone, on an open connection (median per query).

Sessions alternate kxtui and the baseline (a fresh app each, all queries once per session).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList

from bench.common import PaintProbe, Row, median, ms, percentile, ratio, until, verdict
from bench.fixtures import FROZEN_AT
from kxtui.app import create_app
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region, Venue, database
from kxtui.db.pinyin import search_key
from kxtui.db.search import LIMIT, search
from kxtui.screens.jump import JumpScreen
from kxtui.widgets.region_tree import RegionTree

GOAL_S = 0.050
QUERIES = ("j", "jz", "jzs", "jiaozhou", "胶州", "kp", "fajd")
SQL_REPS = 30

Entry = tuple[str, str, str]  # name, pinyin, initials


class MiniJump(App[None]):
    """Input + OptionList filtering an in-memory list, synchronously on each change."""

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = entries
        self.searched_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Input()
        yield OptionList()

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        key = search_key(text)
        hits = [
            name for name, full, initials in self.entries
            if text and (text in name or (key and (full.startswith(key) or key in initials)))
        ][:LIMIT]  # fmt: skip
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_options(hits)
        if hits:
            results.highlighted = 0
        self.searched_for = event.value


async def _type_queries(
    app: App,
    pilot,
    field: Input,
    shown: Callable[[], str | None],  # type: ignore[no-untyped-def]
) -> dict[str, float]:
    """Per query: seconds from the last keystroke to the paint showing its results."""
    probe = PaintProbe(app)
    samples = {}
    for query in QUERIES:
        prefix = query[:-1]
        if field.value != prefix:  # else nothing to search: the list is as the prefix left it
            field.value = prefix
            await until(lambda p=prefix: shown() == p, what=f"results of {prefix!r}")
        field.cursor_position = len(prefix)
        await app.workers.wait_for_complete()
        await pilot.pause()
        probe.arm(lambda q=query: shown() == q)
        start = perf_counter()
        await pilot.press(query[-1])
        samples[query] = await probe.painted() - start
        assert field.value == query, (field.value, query)
    return samples


async def _kxtui_session(db: Path) -> dict[str, float]:
    app = create_app(db, frozen_at=FROZEN_AT, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = app.screen.query_one(RegionTree)
        await until(lambda: bool(tree.children_of(None)), what="the counties")
        await pilot.press("slash")
        await until(lambda: isinstance(app.screen, JumpScreen), what="jump-to")
        screen = app.screen
        assert isinstance(screen, JumpScreen)
        return await _type_queries(app, pilot, screen.query_one(Input), lambda: screen.searched_for)


async def _mini_session(entries: list[Entry]) -> dict[str, float]:
    app = MiniJump(entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        return await _type_queries(app, pilot, app.query_one(Input), lambda: app.searched_for)


def _sql_figures(db: Path) -> tuple[dict[str, float], dict[str, int], list[Entry]]:
    open_database(db)
    try:
        with database.connection_context():
            times, hits = {}, {}
            for query in QUERIES:
                hits[query] = len(search(query))
                samples = []
                for _ in range(SQL_REPS):
                    start = perf_counter()
                    search(query)
                    samples.append(perf_counter() - start)
                times[query] = median(samples)
            entries: list[Entry] = []
            for model in (Region, Venue):
                entries.extend(model.select(model.name, model.pinyin, model.initials).tuples())
    finally:
        close_database()
    return times, hits, entries


def run(db: Path, reps: int) -> list[Row]:
    sql, hits, entries = _sql_figures(db)
    asyncio.run(_kxtui_session(db))  # warm-up, discarded
    asyncio.run(_mini_session(entries))
    kx: dict[str, list[float]] = {q: [] for q in QUERIES}
    mini: dict[str, list[float]] = {q: [] for q in QUERIES}
    for _ in range(reps):
        for query, seconds in asyncio.run(_kxtui_session(db)).items():
            kx[query].append(seconds)
        for query, seconds in asyncio.run(_mini_session(entries)).items():
            mini[query].append(seconds)
    all_kx = [s for samples in kx.values() for s in samples]
    all_mini = [s for samples in mini.values() for s in samples]
    p50, p95 = median(all_kx), percentile(all_kx, 95)
    b50, b95 = median(all_mini), percentile(all_mini, 95)
    rows = [
        Row(
            "3. jump-to keystroke → results painted, p50",
            f"≤ {ms(GOAL_S)}",
            ms(p50),
            f"in-memory filter p50 {ms(b50)}",
            ratio(p50, b50),
            verdict(p50 <= GOAL_S),
        ),
        Row(
            "   jump-to keystroke → results painted, p95",
            f"≤ {ms(GOAL_S)}",
            ms(p95),
            f"in-memory filter p95 {ms(b95)}",
            ratio(p95, b95),
            verdict(p95 <= GOAL_S),
        ),
    ]
    for query in QUERIES:
        q50, m50 = median(kx[query]), median(mini[query])
        rows.append(
            Row(
                f"   {query!r} ({hits[query]} hits): key → painted p50",
                "",
                ms(q50),
                f"in-memory filter {ms(m50)}",
                ratio(q50, m50),
                "info",
            )
        )
        rows.append(
            Row(
                f"   {query!r}: search.search() alone",
                "",
                ms(sql[query]),
                f"share of key → painted {sql[query] / q50:.0%}",
                "",
                "info",
            )
        )
    return rows
