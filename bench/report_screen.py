"""Goal 19: the reports screen at county scale, key → first paint of the table.

The real app under Pilot at 80×24 on the county demo, the county selected. Timed, from before
`pilot.press(key)` to the first paint at which the table shows the new report's rows on
every visible line (its figures read: the report is built in a worker) and its total line:
- `R` on the tree: the county's activity report by town (12 rows);
- Enter on each town in turn: that town's villages (a drill-down), then Backspace back up;
- for information, `b` (the next grouping) and `p` (the next period) from the county.
The goal: p95 of R and of the drill-downs ≤ 100 ms. The floor, same run: an app whose key
pushes a screen with the same header, footer and a DataTable of the county's 12 rows and
figures already in memory — what a screen of this size costs Textual with no query at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from bench.common import PaintProbe, Row, median, ms, percentile, ratio, until, verdict
from bench.fixtures import FROZEN_AT
from bench.ledger import fresh
from kxtui.app import create_app
from kxtui.screens.reports import ReportScreen

GOAL_S = 0.100
SIZE = (80, 24)


def _shown(app: App, region_id: object, by: str, period: object) -> Callable[[], bool]:
    """The reports screen shows the report of (region, grouping, period): every visible
    line has its row, and the total line is drawn."""

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, ReportScreen) or screen.counted is None:
            return False
        f, table = screen.filter, screen.table
        if (f.region_id, f.by, f.start) != (region_id, by, period) or table.filter != f:
            return False
        if screen.counted.query != f._replace(text=""):
            return False
        visible = min(table.total, table.scrollable_content_region.height)
        return visible > 0 and all(i in table._rows for i in range(visible))

    return shown


async def _real(path: Path) -> dict[str, list[float]]:
    app = create_app(path, frozen_at=FROZEN_AT, cursor_blink=False)
    probe = PaintProbe(app)
    times: dict[str, list[float]] = {"R": [], "drill": [], "b": [], "p": []}

    async def timed(key: str, condition: Callable[[], bool]) -> float:
        probe.arm(condition)
        start = perf_counter()
        await pilot.press(key)
        took = await probe.painted() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        return took

    async with app.run_test(size=SIZE) as pilot:
        hierarchy = app.screen
        await until(lambda: hierarchy._region_crumb() is not None, what="the county selected")
        await app.workers.wait_for_complete()
        county = hierarchy._region_crumb().ref.id  # type: ignore[attr-defined]

        def opened() -> bool:
            return isinstance(app.screen, ReportScreen)

        probe.arm(lambda: opened() and _shown(app, county, "town", app.screen.filter.start)())
        began = perf_counter()
        await pilot.press("R")
        times["R"].append(await probe.painted() - began)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen) and screen.counted is not None
        start = screen.filter.start
        await pilot.press("down")  # from the search field to the rows
        towns = [row.drill for row in screen.counted.rows if row.drill is not None]
        for i, town in enumerate(towns):
            times["drill"].append(await timed("enter", _shown(app, town, "town", start)))
            await timed("backspace", _shown(app, county, "town", start))
            if i + 1 < len(towns):
                await pilot.press("down")
        times["b"].append(await timed("b", _shown(app, county, "village", start)))
        times["p"].append(
            await timed("p", lambda: screen.filter.start != start and _shown(
                app, county, "village", screen.filter.start)())
        )  # fmt: skip
    return times


class _Floor(App[None]):
    """The same screen's widgets around a DataTable of rows already in memory."""

    BINDINGS = [Binding("R", "open", "open")]

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()

    def action_open(self) -> None:
        rows = self.rows

        class Table(Screen[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("活动统计 · 胶州市 · 2026")
                table: DataTable[str] = DataTable()
                table.add_columns("名称", "场次", "受众人次", "资料(份)", "志愿者", "服务人次")
                table.add_rows(rows)
                yield table
                yield Static("合计")
                yield Footer()

        self.push_screen(Table())


async def _floor(rows: list[tuple[str, ...]]) -> float:
    app = _Floor(rows)
    probe = PaintProbe(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe.arm(lambda: isinstance(app.screen, Screen) and bool(app.screen.query(DataTable)))
        began = perf_counter()
        await pilot.press("R")
        took = await probe.painted() - began
    return took


def run(demo_db: Path, reps: int) -> list[Row]:
    fresh(_real(demo_db))  # warm-up, discarded
    runs = [fresh(_real(demo_db)) for _ in range(reps)]
    rows = [(f"镇{i}", "20", "4,440", "5,584", "156", "177") for i in range(12)]
    fresh(_floor(rows))
    floor = [fresh(_floor(rows)) for _ in range(reps)]
    opened = [t for r in runs for t in r["R"]]
    drills = [t for r in runs for t in r["drill"]]
    both = opened + drills
    p95 = percentile(both, 95)
    return [
        Row("19. reports: R and drill-downs, key → table painted (p95)", f"≤ {ms(GOAL_S)}",
            ms(p95), ms(percentile(floor, 95)), ratio(p95, percentile(floor, 95)),
            verdict(p95 <= GOAL_S)),
        Row("    R (p50 / p95)", measured=f"{ms(median(opened))} / {ms(percentile(opened, 95))}",
            verdict="info"),
        Row("    Enter on a town (p50 / p95)",
            measured=f"{ms(median(drills))} / {ms(percentile(drills, 95))}", verdict="info"),
        Row("    b (by village), p (period) p50",
            measured=f"{ms(median([t for r in runs for t in r['b']]))}, "
            f"{ms(median([t for r in runs for t in r['p']]))}", verdict="info"),
    ]  # fmt: skip
