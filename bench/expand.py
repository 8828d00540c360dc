"""Goal 2: expanding a town with 1,000 villages in the tree (town.db from fixtures).

- keypress → painted: the real app under Pilot (80×24). The cursor sits on the town, nothing
  else runs; the clock starts before `pilot.press("right")` (RegionTree binds → to expand) and
  stops at the first screen paint at which the town is open with its 1,000 villages (the
  worker ran `regions.children`, the tree inserted the rows and drew the visible ones). A
  fresh app per repetition, so every expand really loads. For information also keypress →
  `RegionTree.Loaded` (the rows are in the tree, not yet drawn), seen through run_test's
  message hook.
- baseline, plain Tree: a minimal Textual app whose Tree gets 1,000 pre-made labels added in
  one go when → expands its one node; same clock — the widget's own cost of the same change.
- `regions.children(town)`: the one SQL query (with the label counts) alone, on an open
  connection; `db.call(...)` is the same as the worker runs it, opening its connection.
  Baseline: a bare `SELECT id, name FROM region WHERE parent_id = ?` of the same 1,000 rows.

Repetitions alternate kxtui and the plain Tree; figures are medians.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from time import perf_counter

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree

from bench.common import PaintProbe, Row, median, ms, ratio, until, verdict
from bench.fixtures import FROZEN_AT, VILLAGES, BigTown
from kxtui import db
from kxtui.app import create_app
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import database
from kxtui.db.regions import children
from kxtui.widgets.region_tree import RegionTree

GOAL_S = 0.020
SQL_REPS = 60


def _timed(fn: Callable[[], object], reps: int) -> float:
    samples = []
    for _ in range(reps):
        start = perf_counter()
        fn()
        samples.append(perf_counter() - start)
    return median(samples)


async def _kxtui_expand(town: BigTown) -> tuple[float, float]:
    """Seconds from the keypress to RegionTree.Loaded (rows merged) and to the paint."""
    app = create_app(town.path, frozen_at=FROZEN_AT, cursor_blink=False)
    probe = PaintProbe(app)
    loaded: list[float] = []

    def hook(message: Message) -> None:
        if isinstance(message, RegionTree.Loaded) and probe.condition and not loaded:
            loaded.append(perf_counter())

    async with app.run_test(size=(80, 24), message_hook=hook) as pilot:
        tree = app.screen.query_one(RegionTree)
        await until(lambda: bool(tree.children_of(None)), what="the county")
        tree.expand_node(town.county)
        await until(
            lambda: any(row.ref == town.town for row in tree.children_of(town.county)),
            what="the town",
        )
        await pilot.pause()
        tree.move_cursor_to(town.town)
        await pilot.pause()
        await app.workers.wait_for_complete()  # the town's detail pane
        await pilot.pause()
        assert tree.cursor_row is not None and tree.cursor_row.ref == town.town
        assert not tree.is_expanded(town.town)
        probe.arm(
            lambda: tree.is_expanded(town.town) and len(tree.children_of(town.town)) == VILLAGES
        )
        start = perf_counter()
        await pilot.press("right")
        painted = await probe.painted()
        return loaded[0] - start, painted - start


class PlainTree(Tree[None]):
    BINDINGS = [Binding("right", "toggle_node", show=False)]


class PlainTreeApp(App[None]):
    def __init__(self, labels: list[Text]) -> None:
        super().__init__()
        self.labels = labels

    def compose(self) -> ComposeResult:
        yield PlainTree("root")

    def on_mount(self) -> None:
        tree = self.query_one(PlainTree)
        tree.show_root = False
        self.town = tree.root.add("千村镇", allow_expand=True)
        tree.root.expand()
        tree.focus()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[None]) -> None:
        if event.node is self.town and not self.town.children:
            for label in self.labels:
                self.town.add(label, allow_expand=True)


async def _plain_expand(names: list[str]) -> float:
    app = PlainTreeApp([Text(name) for name in names])
    probe = PaintProbe(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tree = app.query_one(PlainTree)
        tree.move_cursor(app.town)
        await pilot.pause()
        probe.arm(lambda: len(app.town.children) == VILLAGES)
        start = perf_counter()
        await pilot.press("right")
        return await probe.painted() - start


def run(town: BigTown, reps: int) -> list[Row]:
    open_database(town.path)
    try:
        with database.connection_context():
            rows = children(town.town.id)
            names = [row.name for row in rows]
            t_children = _timed(lambda: children(town.town.id), SQL_REPS)
        t_call = _timed(lambda: db.call(children, town.town.id), SQL_REPS)
    finally:
        close_database()
    bare = sqlite3.connect(town.path)
    t_select = _timed(
        lambda: bare.execute(
            "SELECT id, name FROM region WHERE parent_id = ?", (town.town.id,)
        ).fetchall(),
        SQL_REPS,
    )
    bare.close()

    merged, kx, plain = [], [], []
    asyncio.run(_kxtui_expand(town))  # warm-up, discarded
    asyncio.run(_plain_expand(names))
    for _ in range(reps):
        at_loaded, at_painted = asyncio.run(_kxtui_expand(town))
        merged.append(at_loaded)
        kx.append(at_painted)
        plain.append(asyncio.run(_plain_expand(names)))
    e2e, base = median(kx), median(plain)
    return [
        Row(
            "2. expand town, 1,000 villages: key → painted",
            f"≤ {ms(GOAL_S)}",
            ms(e2e),
            f"plain Tree, 1,000 labels {ms(base)}",
            ratio(e2e, base),
            verdict(e2e <= GOAL_S),
        ),
        Row("   key → rows merged into the tree (Loaded)", "", ms(median(merged)), "", "", "info"),
        Row(
            "   regions.children(town), open connection",
            "",
            ms(t_children),
            f"bare SELECT id, name {ms(t_select)}",
            ratio(t_children, t_select),
            "info",
        ),
        Row(
            "   db.call(children) as the worker runs it",
            "",
            ms(t_call),
            f"bare SELECT id, name {ms(t_select)}",
            ratio(t_call, t_select),
            "info",
        ),
    ]
