"""Goals 5–6: the activity ledger (活动台账) at 100,000 activities; 7: PgDn (info).

The database: a copy of the county demo whose ~670 activities (with their service records,
~9 each) are repeated in SQL to 100,000 (`import_activities.replicate`, INSERT ... SELECT).
The ledger opens on the first county (胶州市) for this year (2026, the demo's "today"), the
screen's default filter: ~37,500 of the 100,000 activities.

- 5. first frame: the real app under Pilot (120×36), hierarchy screen with the county selected
  and its detail loaded; the clock starts before `pilot.press("t")` and stops at the first
  paint at which the ledger table shows real rows (not "…" placeholders) on every visible line
  that has an activity: `LedgerTable._rows` holds every visible index below the table's
  total, and min(visible lines, activities in the filter) rows are drawn. For information:
  → the first real row painted, and → the totals line painted (no longer "正在统计…").
- 6. filter keystroke: same session, search field focused with "/". Keys "科", "普" (the
  field holds "科", then "科普"), then the field is set to "" and "k", "p" are typed; then the
  field is cleared, the filter dialog opened with "f", a town (the county's busiest this year)
  chosen, and Ctrl+S applies it (LedgerFilter.region_id = the town). Before every key the
  previous filter's rows and totals are on screen and every worker is done; the clock starts
  before `pilot.press(key)` and stops at the first paint showing the new filter's first page
  as in 5. p50 / p95 over all keys and sessions; per key p50s, and → totals painted. Info, not
  in the goal: the period key "p" from this year through quarter, month, last year, all time,
  and back (every other session).
- 7. PgDn ×50 (first session, default filter): key → the paint at which the cursor moved a
  page and every visible line has its row, fetched by keyset pagination when needed.
- baselines, same run: 5 and 6 are the same sessions on the county demo itself (~670
  activities, ~250 in the filter): what the screen costs when the data is small. The Textual
  floor: an app whose "t" pushes a screen with the ledger's widgets and footer keys around a
  plain DataTable of 40 in-memory rows, and whose search field refills that table (another 40
  rows) on every change; same keys, same clock. 7: a plain DataTable holding 2,000 of the same
  rows in memory, PgDn ×50.
- data layer (info): `ledger.page(f, limit=100)` (the table's page size) and `ledger.totals(f)`
  for the same filters, on an open connection (medians), at 100,000 and at demo size; and
  `db.call(ledger.page, ...)` as a worker runs it (opening its own connection).

Each repetition runs one 100,000 session, one demo session and one floor session, each a
fresh app, after one discarded warm-up of each; before each session the garbage of the
previous ones is collected and the rest frozen (`fresh`).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter
from typing import Any, TypeVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from bench.common import PaintProbe, Row, median, ms, percentile, ratio, until, verdict
from bench.fixtures import FROZEN_AT
from bench.import_activities import ROWS, replicate
from kxtui import db
from kxtui.app import create_app
from kxtui.dates import Period, period_bounds
from kxtui.db import ledger
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region, database
from kxtui.db.rows import Choice, LedgerFilter
from kxtui.i18n import t
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.ledger_filter import LedgerFilterScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.ledger_table import LedgerTable
from kxtui.widgets.paged_table import PAGE

GOAL_S = 0.050
SIZE = (120, 36)
PGDN = 50
SQL_REPS = 3
TOWN = "town"  # the label of the town-filter step
# (text in the field before the key, key): "科" then "普"; "k" then "p"
TYPED = (("", "科"), ("科", "普"), ("", "k"), ("k", "p"))
STEPS = (*(prefix + key for prefix, key in TYPED), TOWN)
# the period key "p", from this year: each period and the one before, all time, this year again
PERIODS = (Period.LAST_YEAR, Period.QUARTER, Period.LAST_QUARTER, Period.MONTH, Period.LAST_MONTH,
           Period.ALL, Period.YEAR)  # fmt: skip


@dataclass(frozen=True)
class Place:
    """The database under test and what the filters must show on it."""

    path: Path
    activities: int
    county: int
    town: Choice
    counts: dict[LedgerFilter, int]  # activities in each filter the sessions use


@dataclass
class Session:
    first_row: float = 0.0
    first_page: float = 0.0
    totals: float = 0.0
    keys: dict[str, float] = field(default_factory=dict)
    keys_totals: dict[str, float] = field(default_factory=dict)
    periods: dict[str, float] = field(default_factory=dict)
    pgdn: list[float] = field(default_factory=list)
    pages_fetched: int = 0


def base_filter(county: int) -> LedgerFilter:
    """The ledger screen's filter when it opens on `county`: this year, sorted by date."""
    start, end = period_bounds(Period.YEAR, FROZEN_AT.date())
    return LedgerFilter(region_id=county, start=start, end=end)


def filters(county: int, town: int) -> dict[str, LedgerFilter]:
    base = base_filter(county)
    named = {"default": base}
    named.update({text: base._replace(text=text) for text in STEPS if text != TOWN})
    named[TOWN] = base._replace(region_id=town)
    for period in PERIODS:
        start, end = period_bounds(period, FROZEN_AT.date())
        named[period.value] = base._replace(start=start, end=end)
    return named


def _place(path: Path) -> Place:
    """The first county, its busiest town this year, and each filter's activity count."""
    open_database(path)
    try:
        with database.connection_context():
            county = (
                Region.select(Region.id)
                .where(Region.parent.is_null())
                .order_by(Region.sort_order, Region.id)
                .scalar()
            )
            base = base_filter(county)
            town_id, town_name = database.execute_sql(
                "SELECT r.id, r.name FROM region r JOIN region c ON c.path >= r.path "
                "AND c.path < r.path || '~' JOIN activity a ON a.region_id = c.id "
                "WHERE r.parent_id = ? AND a.deleted_at IS NULL AND a.start_date >= ? "
                "AND a.start_date <= ? GROUP BY r.id ORDER BY COUNT(*) DESC, r.id LIMIT 1",
                (county, base.start.isoformat(), base.end.isoformat()),  # type: ignore[union-attr]
            ).fetchone()
            (activities,) = database.execute_sql(
                "SELECT COUNT(*) FROM activity WHERE deleted_at IS NULL"
            ).fetchone()
            counts = {f: ledger.totals(f).activities for f in filters(county, town_id).values()}
    finally:
        close_database()
    return Place(path, activities, county, Choice(town_id, town_name, "town"), counts)


# -- what is on screen -------------------------------------------------------------------


def page_shown(table: LedgerTable, count: int) -> bool:
    """Every visible line that has an activity shows its row (no "…"), and exactly
    min(visible lines, activities left below the scroll offset) rows are drawn."""
    top = table.scroll_offset.y
    height = table.scrollable_content_region.height
    drawn = 0
    for index in range(top, top + height):
        if index >= table.total:
            break
        if index not in table._rows:
            return False
        drawn += 1
    return height > 0 and drawn == min(height, max(count - top, 0))


def row_shown(table: LedgerTable) -> bool:
    return table.total > 0 and table.scroll_offset.y in table._rows


def totals_shown(screen: LedgerScreen, f: LedgerFilter) -> bool:
    text = str(screen.query_one("#list-count", Static).content)
    return screen.table.filter == f and bool(text) and text != t("ledger.counting")


# -- the real app ----------------------------------------------------------------------------


async def _settle(app: App, pilot, ready: Callable[[], bool], what: str) -> None:  # type: ignore[no-untyped-def]
    await until(ready, what=what)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _timed_key(
    pilot,  # type: ignore[no-untyped-def]
    key: str,
    probes: list[tuple[PaintProbe, Callable[[], bool]]],
) -> list[float]:
    """Seconds from before `pilot.press(key)` to the paint at which each probe's condition
    holds, in the order given."""
    for probe, condition in probes:
        probe.arm(condition)
    start = perf_counter()
    await pilot.press(key)
    return [await probe.painted() - start for probe, _ in probes]


async def _session(place: Place, pgdn: bool = False, periods: bool = True) -> Session:
    app = create_app(place.path, frozen_at=FROZEN_AT, cursor_blink=False)
    rows_probe, row_probe, totals_probe = PaintProbe(app), PaintProbe(app), PaintProbe(app)
    named = filters(place.county, place.town.id)
    result = Session()
    async with app.run_test(size=SIZE) as pilot:
        hierarchy = app.screen
        await _settle(
            app, pilot, lambda: hierarchy._region_crumb() is not None, "the county selected"
        )

        # 5. first frame
        base = named["default"]
        count = place.counts[base]

        def screen() -> LedgerScreen | None:
            return app.screen if isinstance(app.screen, LedgerScreen) else None

        def table() -> LedgerTable | None:
            shown = screen()
            try:
                return shown.table if shown is not None else None
            except NoMatches:  # not composed yet
                return None

        result.first_page, result.first_row, result.totals = await _timed_key(
            pilot,
            "t",
            [
                (rows_probe, lambda: (tb := table()) is not None and page_shown(tb, count)),
                (row_probe, lambda: (tb := table()) is not None and row_shown(tb)),
                (totals_probe, lambda: (s := screen()) is not None and totals_shown(s, base)),
            ],
        )
        ledger_screen = screen()
        assert ledger_screen is not None and ledger_screen.filter == base, ledger_screen
        tb = ledger_screen.table
        await _settle(app, pilot, lambda: tb.total == count, "the totals")

        # 7. PgDn ×50
        if pgdn:
            for _ in range(PGDN):
                before = tb.cursor
                (seconds,) = await _timed_key(
                    pilot,
                    "pagedown",
                    [(rows_probe, lambda b=before: tb.cursor != b and page_shown(tb, count))],
                )
                result.pgdn.append(seconds)
                await app.workers.wait_for_complete()
            result.pages_fetched = -(-len(tb._rows) // PAGE)
            await pilot.press("home")

        # 6. filter keystrokes
        await pilot.press("slash")
        field_ = ledger_screen.query_one("#list-search", Input)
        await until(lambda: field_.has_focus, what="the search field")

        async def show_text(text: str) -> None:
            f = base._replace(text=text)
            if field_.value != text:
                field_.value = text
            field_.cursor_position = len(text)
            await _settle(
                app,
                pilot,
                lambda: tb.filter == f and tb.total == place.counts[f] and page_shown(tb, tb.total),
                f"the rows of {text!r}",
            )

        for prefix, key in TYPED:
            await show_text(prefix)
            f = base._replace(text=prefix + key)
            seconds, counted = await _timed_key(
                pilot,
                key,
                [
                    (rows_probe, lambda f=f: tb.filter == f and page_shown(tb, place.counts[f])),
                    (totals_probe, lambda f=f: totals_shown(ledger_screen, f)),
                ],
            )
            assert field_.value == prefix + key, (field_.value, prefix + key)
            result.keys[prefix + key] = seconds
            result.keys_totals[prefix + key] = counted

        await show_text("")
        await pilot.press("escape")  # the search field gives the focus back to the table
        await until(lambda: tb.has_focus, what="the table focused")

        # info: the period key
        for period in PERIODS if periods else ():
            f = named[period.value]
            (seconds,) = await _timed_key(
                pilot,
                "p",
                [(rows_probe, lambda f=f: tb.filter == f and page_shown(tb, place.counts[f]))],
            )
            result.periods[period.value] = seconds
            await _settle(app, pilot, lambda f=f: tb.total == place.counts[f], "the totals")
        await pilot.press("f")
        await until(lambda: isinstance(app.screen, LedgerFilterScreen), what="the filter dialog")
        dialog = app.screen
        await pilot.pause()
        dialog.query_one("#town", ChoiceInput).set_choice(place.town)
        await app.workers.wait_for_complete()
        await pilot.pause()
        f = named[TOWN]
        assert ledger_screen.filter == base, ledger_screen.filter
        seconds, counted = await _timed_key(
            pilot,
            "ctrl+s",
            [
                (rows_probe, lambda: tb.filter == f and page_shown(tb, place.counts[f])),
                (totals_probe, lambda: totals_shown(ledger_screen, f)),
            ],
        )
        assert ledger_screen.filter == f, ledger_screen.filter
        result.keys[TOWN] = seconds
        result.keys_totals[TOWN] = counted
        await app.workers.wait_for_complete()
    return result


# -- the Textual floor: the same layout around a plain DataTable -------------------------------

FLOOR_ROWS = 40
COLUMNS = ["日期", "活动名称", "区域", "阵地", "组织单位", "形式", "人次", "服务时长"]


class FloorScreen(Screen[None]):
    """The ledger screen's widgets and footer keys, with a DataTable of 40 in-memory rows that
    every change of the search field refills (with another 40 rows)."""

    BINDINGS = [
        Binding(b.key, "app.bell", t(b.description), show=b.show)
        for b in LedgerScreen.BINDINGS
        if isinstance(b, Binding) and b.key != "slash"
    ] + [Binding("slash", "search", t("key.search"))]

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows
        self.shown_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("胶州市 · 2026-01-01 — 2026-12-31 · 按日期")
        yield Input(placeholder=t("ledger.search_hint"), compact=True)
        yield Static(" ".join(COLUMNS))
        yield DataTable(cursor_type="row", show_header=False)
        yield Static(t("ledger.counting"))
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        table.add_rows(self.rows[:FLOOR_ROWS])
        table.focus()
        self.shown_for = ""

    def action_search(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        start = sum(map(ord, event.value)) * 37 % (len(self.rows) - FLOOR_ROWS)
        table = self.query_one(DataTable)
        table.clear()
        table.add_rows(self.rows[start : start + FLOOR_ROWS])
        self.shown_for = event.value


class FloorApp(App[None]):
    BINDINGS = [Binding("t", "ledger", "ledger")]

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Static("hierarchy")
        yield Footer()

    def action_ledger(self) -> None:
        self.push_screen(FloorScreen(self.rows))


async def _floor_session(rows: list[tuple[str, ...]]) -> Session:
    app = FloorApp(rows)
    probe = PaintProbe(app)
    result = Session()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def floor() -> FloorScreen | None:
            return app.screen if isinstance(app.screen, FloorScreen) else None

        (result.first_page,) = await _timed_key(
            pilot, "t", [(probe, lambda: (s := floor()) is not None and s.shown_for == "")]
        )
        screen = floor()
        assert screen is not None
        await pilot.pause()
        await pilot.press("slash")
        field_ = screen.query_one(Input)
        await until(lambda: field_.has_focus, what="the search field")
        for prefix, key in TYPED:
            if field_.value != prefix:
                field_.value = prefix
                await until(lambda p=prefix: screen.shown_for == p, what=f"rows of {prefix!r}")
            field_.cursor_position = len(prefix)
            await pilot.pause()
            (result.keys[prefix + key],) = await _timed_key(
                pilot, key, [(probe, lambda v=prefix + key: screen.shown_for == v)]
            )
    return result


# -- the PgDn baseline: a plain DataTable ---------------------------------------------------


class PlainTableApp(App[None]):
    """The ledger's layout with a DataTable holding every row in memory."""

    def __init__(self, columns: list[str], rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.columns, self.rows = columns, rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("filter")
        yield Static("search")
        yield DataTable(cursor_type="row")
        yield Static("totals")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*self.columns)
        table.add_rows(self.rows)
        table.focus()


async def _plain_pgdn(columns: list[str], rows: list[tuple[str, ...]]) -> list[float]:
    app = PlainTableApp(columns, rows)
    probe = PaintProbe(app)
    samples = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        for _ in range(PGDN):
            before = table.cursor_row
            (seconds,) = await _timed_key(
                pilot, "pagedown", [(probe, lambda b=before: table.cursor_row != b)]
            )
            samples.append(seconds)
        assert table.cursor_row > PGDN, table.cursor_row
    return samples


# -- the data layer ------------------------------------------------------------------------


def _timed(fn: Callable[[], Any], reps: int) -> float:
    fn()
    samples = []
    for _ in range(reps):
        start = perf_counter()
        fn()
        samples.append(perf_counter() - start)
    return median(samples)


@dataclass
class Sql:
    page: dict[str, float]
    totals: dict[str, float]
    call_page: float
    table_rows: list[tuple[str, ...]]  # for the DataTable baseline


def _sql(place: Place, plain_rows: int = 0) -> Sql:
    named = filters(place.county, place.town.id)
    open_database(place.path)
    try:
        with database.connection_context():
            pages, totals = {}, {}
            for name, f in named.items():
                pages[name] = _timed(lambda f=f: ledger.page(f, limit=PAGE), SQL_REPS * 5)
                totals[name] = _timed(lambda f=f: ledger.totals(f), SQL_REPS)
            table_rows: list[tuple[str, ...]] = []
            after = None
            cell = LedgerTable(ledger.page).cell
            while len(table_rows) < plain_rows:
                got = ledger.page(named["default"], after=after, limit=PAGE)
                table_rows += [tuple(cell(row, c) for c, _ in LedgerTable.WIDE) for row in got]
                after = got[-1].key
        call_page = _timed(lambda: db.call(ledger.page, named["default"], limit=PAGE), SQL_REPS * 5)
    finally:
        close_database()
    return Sql(pages, totals, call_page, table_rows)


# -- the figures ---------------------------------------------------------------------------

T = TypeVar("T")


def fresh(session: Coroutine[Any, Any, T]) -> T:
    """Run one session as in a fresh process: the previous sessions' garbage is collected and
    what is left is frozen (gc.freeze), so their objects do not lengthen the generation-2
    collections that fall inside this session's timings (measured: 40–180 ms and growing
    with each session, against 10–40 ms for one app's own objects, which still count)."""
    gc.collect()
    gc.freeze()
    return asyncio.run(session)


def run(demo_db: Path, work: Path, reps: int) -> list[Row]:
    big_path = work / "ledger-100k.db"
    started = perf_counter()
    replicate(demo_db, big_path, ROWS)
    build_s = perf_counter() - started
    big, small = _place(big_path), _place(demo_db)
    sql_big = _sql(big, plain_rows=2_000)
    sql_small = _sql(small)

    try:
        fresh(_session(big, periods=False))  # warm-up, discarded
        fresh(_session(small, periods=False))
        fresh(_plain_pgdn(COLUMNS, sql_big.table_rows))
        fresh(_floor_session(sql_big.table_rows))
        kx: list[Session] = []
        base: list[Session] = []
        floor: list[Session] = []
        for rep in range(reps):  # the period key (info) in every other session, to save time
            kx.append(fresh(_session(big, pgdn=rep == 0, periods=rep % 2 == 0)))
            base.append(fresh(_session(small, periods=rep % 2 == 0)))
            floor.append(fresh(_floor_session(sql_big.table_rows)))
        plain = fresh(_plain_pgdn(COLUMNS, sql_big.table_rows))
    finally:
        gc.unfreeze()
    return _report(big, small, sql_big, sql_small, kx, base, floor, plain, build_s)


def _dist(values: list[float]) -> tuple[float, float]:
    return median(values), percentile(values, 95)


def _info(figure: str, value: float, baseline: str = "", base: float = 0.0) -> Row:
    return Row(figure, "", ms(value), baseline, ratio(value, base) if base else "", "info")


def _report(
    big: Place,
    small: Place,
    sql_big: Sql,
    sql_small: Sql,
    kx: list[Session],
    base: list[Session],
    floor: list[Session],
    plain: list[float],
    build_s: float,
) -> list[Row]:
    goal = f"≤ {ms(GOAL_S)}"
    f50, f95 = _dist([s.first_page for s in kx])
    b50, b95 = _dist([s.first_page for s in base])
    l50, l95 = _dist([s.first_page for s in floor])
    rows = [
        _info(
            f"5. ledger first frame, {big.activities:,} activities: t → first page painted, p50",
            f50,
            f"demo ({small.activities:,}) p50 {ms(b50)}",
            b50,
        ),
        Row(
            "   ledger first frame: t → first page painted, p95",
            goal,
            ms(f95),
            f"demo p95 {ms(b95)}",
            ratio(f95, b95),
            verdict(f95 <= GOAL_S),
        ),
        _info(
            "   t → first real row painted (one line)",
            median([s.first_row for s in kx]),
            f"demo {ms(median([s.first_row for s in base]))}",
            median([s.first_row for s in base]),
        ),
        _info(
            "   t → totals painted (no longer 正在统计…)",
            median([s.totals for s in kx]),
            f"demo {ms(median([s.totals for s in base]))}",
            median([s.totals for s in base]),
        ),
        Row(
            f"   Textual floor: t → same layout with a {FLOOR_ROWS}-row DataTable, p50 / p95",
            "",
            f"{ms(l50)} / {ms(l95)}",
            "kxtui p95 / floor p95",
            ratio(f95, l95),
            "info",
        ),
    ]

    k50, k95 = _dist([s.keys[k] for s in kx for k in STEPS])
    d50, d95 = _dist([s.keys[k] for s in base for k in STEPS])
    l50, l95 = _dist([seconds for s in floor for seconds in s.keys.values()])
    rows += [
        _info(
            f"6. filter keystroke → first page painted, p50 ({len(kx) * len(STEPS)} keys)",
            k50,
            f"demo p50 {ms(d50)}",
            d50,
        ),
        Row(
            "   filter keystroke → first page painted, p95",
            goal,
            ms(k95),
            f"demo p95 {ms(d95)}",
            ratio(k95, d95),
            verdict(k95 <= GOAL_S),
        ),
        Row(
            "   typed keys only (科 普 k p, no dialog), p50 / p95",
            "",
            " / ".join(ms(v) for v in _dist([s.keys[k] for s in kx for k in STEPS[:-1]])),
            "demo "
            + " / ".join(ms(v) for v in _dist([s.keys[k] for s in base for k in STEPS[:-1]])),
            "",
            "info",
        ),
        Row(
            f"   Textual floor: key → Input + {FLOOR_ROWS}-row DataTable refilled, p50 / p95",
            "",
            f"{ms(l50)} / {ms(l95)}",
            "kxtui p95 / floor p95",
            ratio(k95, l95),
            "info",
        ),
    ]
    named = filters(big.county, big.town.id)
    for step in STEPS:
        f = named[step]
        shown = f"{big.town.name} (Ctrl+S)" if step == TOWN else repr(step)
        rows.append(
            _info(
                f"   {shown} ({big.counts[f]:,} rows): key → page painted p50",
                median([s.keys[step] for s in kx]),
                f"demo ({small.counts[f]:,} rows) {ms(median([s.keys[step] for s in base]))}",
                median([s.keys[step] for s in base]),
            )
        )
        rows.append(
            _info(
                f"   {shown}: key → totals painted p50", median([s.keys_totals[step] for s in kx])
            )
        )
    for period in PERIODS:
        f = named[period.value]
        rows.append(
            _info(
                f"   'p' → {t(f'ledger.period.{period.value}')} ({big.counts[f]:,} rows): "
                "key → page painted p50",
                median([s.periods[period.value] for s in kx if s.periods]),
                f"demo ({small.counts[f]:,} rows) "
                f"{ms(median([s.periods[period.value] for s in base if s.periods]))}",
                median([s.periods[period.value] for s in base if s.periods]),
            )
        )

    rows.append(Row("   data layer (open connection), medians:", verdict="info"))
    periods = {p.value for p in PERIODS}
    for step in ("default", *STEPS, *(p.value for p in PERIODS[:-1])):
        if step == "default":
            shown = "default (this year)"
        elif step == TOWN:
            shown = big.town.name
        elif step in periods:
            shown = t(f"ledger.period.{step}")
        else:
            shown = repr(step)
        for name, big_s, small_s in (
            (f"ledger.page(limit={PAGE})", sql_big.page[step], sql_small.page[step]),
            ("ledger.totals()", sql_big.totals[step], sql_small.totals[step]),
        ):
            rows.append(_info(f"   {name} {shown}", big_s, f"demo {ms(small_s)}", small_s))
    rows.append(
        _info(
            "   db.call(ledger.page) default (as the worker: own connection)",
            sql_big.call_page,
            f"demo {ms(sql_small.call_page)}",
            sql_small.call_page,
        )
    )

    p50, p95 = _dist(kx[0].pgdn)
    q50, q95 = _dist(plain)
    rows += [
        _info(
            f"7. PgDn ×{PGDN} → painted, p50 ({kx[0].pages_fetched} pages of {PAGE} fetched)",
            p50,
            f"DataTable, 2,000 rows in memory {ms(q50)}",
            q50,
        ),
        _info("   PgDn → painted, p95", p95, f"DataTable p95 {ms(q95)}", q95),
        Row(
            f"   build: demo → {big.activities:,} activities (INSERT ... SELECT)",
            measured=f"{build_s:.1f} s",
            verdict="info",
        ),
    ]
    return rows
