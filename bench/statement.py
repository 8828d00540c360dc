"""Goal 20: a volunteer's hours statement on screen (the F3 pane), key → first paint of its rows.

The database: a copy of the province demo (`bench/roster.py` builds it once into bench/data/)
in which the volunteer with the most service records is topped up to 1,000 of them (service
records at activities they had not served at (the first in the province), 2 hours each; their totals
recomputed as the app keeps them). The real app under Pilot at 80×24, the volunteer's form open
on its record pane (pushed at start, as an officer's Enter from the roster leaves it), timed
from before `pilot.press(key)` to the first paint at which the history pane is shown and every
visible line of its table has its row of the new period:
- F3: the pane, all time (its first page is read while the form composes: F3 shows it);
- `p`: the next period (this year), a new query of the union of service records and
  historical hours, read by key from the (volunteer, …) indexes;
- for information, `p` again (last year), and the period's totals line.
The goal: p95 of F3 and `p` ≤ 100 ms. The floor, same run: an app whose key pushes a screen
with a header, a caption line and a DataTable of the same 1,000 lines already in memory.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static, TabbedContent

from bench.common import PaintProbe, Row, median, ms, percentile, ratio, until, verdict
from bench.fixtures import FROZEN_AT
from bench.ledger import fresh
from bench.roster import province_db
from kxtui.app import create_app
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.history_table import ServiceHistory, ServiceHistoryTable

GOAL_S = 0.100
SIZE = (80, 24)
SERVICES = 1_000


def statement_db(work: Path) -> tuple[Path, int]:
    """A copy of the province demo whose busiest volunteer has `SERVICES` service records."""
    path = work / "statement.db"
    source = province_db()
    with sqlite3.connect(source) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(source, path)
    with sqlite3.connect(path) as db:
        volunteer, served = db.execute(
            "SELECT volunteer_id, COUNT(*) FROM service_record GROUP BY volunteer_id "
            "ORDER BY COUNT(*) DESC LIMIT 1"
        ).fetchone()
        db.execute(
            "INSERT INTO service_record (activity_id, volunteer_id, hours) SELECT a.id, ?, 2 "
            "FROM activity a WHERE a.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM "
            "service_record s WHERE s.activity_id = a.id AND s.volunteer_id = ?) "
            "ORDER BY a.id LIMIT ?",
            (volunteer, volunteer, SERVICES - served),
        )
        db.execute(
            "UPDATE volunteer_service SET hours = (SELECT SUM(s.hours) FROM service_record s "
            "WHERE s.volunteer_id = :v), last_served = (SELECT MAX(a.start_date) FROM "
            "service_record s JOIN activity a ON a.id = s.activity_id WHERE s.volunteer_id = :v) "
            "WHERE volunteer_id = :v",
            {"v": volunteer},
        )
        count = db.execute(
            "SELECT COUNT(*) FROM service_record WHERE volunteer_id = ?", (volunteer,)
        ).fetchone()[0]
    assert count == SERVICES, f"{count} service records, not {SERVICES}"
    return path, volunteer


def _rows_shown(app: App, period: object) -> Callable[[], bool]:
    """The history pane is shown with the rows of `period` on every visible line."""

    def shown() -> bool:
        screen = app.screen
        if not isinstance(screen, VolunteerFormScreen):
            return False
        if screen.query_one(TabbedContent).active != "pane-history":
            return False
        history = screen.query_one(ServiceHistory)
        table = screen.query_one(ServiceHistoryTable)
        if history.period != period or table.filter != history.service_query:
            return False
        visible = min(table.total, table.scrollable_content_region.height)
        return visible > 0 and all(i in table._rows for i in range(visible))

    return shown


async def _real(path: Path, volunteer: int) -> dict[str, list[float]]:
    from kxtui.dates import Period
    from kxtui.db import call, volunteers

    app = create_app(path, frozen_at=FROZEN_AT, cursor_blink=False)
    probe = PaintProbe(app)
    times: dict[str, list[float]] = {"F3": [], "p": [], "p2": [], "totals": []}

    async def timed(key: str, condition: Callable[[], bool]) -> float:
        probe.arm(condition)
        start = perf_counter()
        await pilot.press(key)
        took = await probe.painted() - start
        await app.workers.wait_for_complete()
        await pilot.pause()
        return took

    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        detail = call(volunteers.volunteer_detail, volunteer)
        app.push_screen(VolunteerFormScreen(existing=detail))
        await until(lambda: isinstance(app.screen, VolunteerFormScreen), what="the form")
        await app.workers.wait_for_complete()
        await pilot.pause()
        times["F3"].append(await timed("f3", _rows_shown(app, Period.ALL)))
        history = app.screen.query_one(ServiceHistory)
        totals = history.query_one("#history-totals", Static)

        def totals_of(name: str) -> Callable[[], bool]:
            return lambda: str(totals.content).startswith(name)

        probe.arm(_rows_shown(app, Period.YEAR))
        start = perf_counter()
        await pilot.press("p")
        times["p"].append(await probe.painted() - start)
        if totals_of("本年")():  # counted by the rows' paint already
            times["totals"].append(times["p"][-1])
        else:
            probe.arm(totals_of("本年"))
            times["totals"].append(await probe.painted() - start)
        await app.workers.wait_for_complete()
        await pilot.pause()
        times["p2"].append(await timed("p", _rows_shown(app, Period.LAST_YEAR)))
    return times


class _Floor(App[None]):
    """A screen of the same size: a header, a caption and a DataTable of the rows in memory."""

    BINDINGS = [Binding("f3", "open", "open")]

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()

    def action_open(self) -> None:
        rows = self.rows

        class Table(Screen[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("全部时间：1000 条，合计 2000 小时（其中历史 0 小时）")
                table: DataTable[str] = DataTable()
                table.add_columns("日期", "活动", "阵地/区域", "小时")
                table.add_rows(rows)
                yield table

        self.push_screen(Table())


async def _floor(rows: list[tuple[str, ...]]) -> float:
    app = _Floor(rows)
    probe = PaintProbe(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        probe.arm(lambda: isinstance(app.screen, Screen) and bool(app.screen.query(DataTable)))
        began = perf_counter()
        await pilot.press("f3")
        took = await probe.painted() - began
    return took


def _lines(path: Path, volunteer: int) -> list[tuple[str, ...]]:
    with sqlite3.connect(path) as db:
        return [
            (str(day), title, place, str(hours))
            for day, title, place, hours in db.execute(
                "SELECT a.start_date, a.title, r.name, s.hours FROM service_record s JOIN "
                "activity a ON a.id = s.activity_id JOIN region r ON r.id = a.region_id "
                "WHERE s.volunteer_id = ? ORDER BY a.start_date DESC",
                (volunteer,),
            )
        ]


def run(work: Path, reps: int) -> list[Row]:
    path, volunteer = statement_db(work)
    fresh(_real(path, volunteer))  # warm-up, discarded
    runs = [fresh(_real(path, volunteer)) for _ in range(reps)]
    rows = _lines(path, volunteer)
    fresh(_floor(rows))
    floor = [fresh(_floor(rows)) for _ in range(reps)]

    def each(key: str) -> list[float]:
        return [t for r in runs for t in r[key]]

    both = each("F3") + each("p")
    p95, floor95 = percentile(both, 95), percentile(floor, 95)
    return [
        Row(f"21. hours statement, {SERVICES:,} services (province): F3, p → rows painted (p95)",
            f"≤ {ms(GOAL_S)}", ms(p95), ms(floor95), ratio(p95, floor95), verdict(p95 <= GOAL_S)),
        *(Row(f"    {name} (p50 / p95)", measured=f"{ms(median(each(key)))} / "
              f"{ms(percentile(each(key), 95))}", verdict="info")
          for name, key in (("F3", "F3"), ("p: this year", "p"), ("p again: last year", "p2"),
                            ("p → the period's totals line", "totals"))),
    ]  # fmt: skip
