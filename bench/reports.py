"""Goal 18: the reports (统计报表) of the province demo — 136 counties, 1,000,000 volunteers,
~100,000 activities — each no slower than 1.5× a bare SQL GROUP BY of the same measures.

- measured: `kxtui.db.reports.build(ReportQuery(...))` for the whole province (a county admin
  of the whole database: the rows are the 136 counties), for 2026: 活动统计 by town (here the
  counties), by month and by format; 志愿者统计 by town; 阵地与六有 by town; 全国科普日 (2026);
  年度统计 (2026 against 2025). Wall clock of the call: its queries, the rows named, rates.
- baseline, in the same run: the same measures as bare SQL written here — the grouped queries
  and, where a figure counts distinct volunteers, the ungrouped one for the total — without
  the reports' checks of stored values (out of range, odd flags, dates), the officer's view,
  nor the rows every group has. What the report adds to SQLite reading the rows.

The province demo is built once into bench/data/ (`bench/roster.py`, about a minute and a
half) and reused. Each figure: one warm-up of both, then min(reps, 3) alternating runs (a
report of the province reads every volunteer: seconds each); medians.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from bench.common import Row, median, ms, ratio, verdict
from bench.fixtures import FROZEN_AT
from bench.roster import province_db
from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import database
from kxtui.db.report_rows import ReportQuery
from kxtui.db.reports import build
from kxtui.domain import AccessRole

GOAL_RATIO = 1.5
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
COUNTY = "substr(r.path, 2, instr(substr(r.path, 2), '/') - 1)"
ACTIVITIES = "FROM activity a JOIN region r ON r.id = a.region_id"
IN_YEAR = "a.deleted_at IS NULL AND a.start_date BETWEEN '2026-01-01' AND '2026-12-31'"
SERVICE = (
    "FROM service_record s JOIN activity a ON a.id = s.activity_id"
    " JOIN region r ON r.id = a.region_id"
)


def _sql(*queries: str) -> Callable[[], object]:
    def run() -> object:
        return [database.execute_sql(query).fetchall() for query in queries]

    return run


def _activities(key: str) -> Callable[[], object]:
    return _sql(
        f"SELECT {key}, COUNT(*), SUM(a.people_reached), SUM(a.materials) {ACTIVITIES}"
        f" WHERE {IN_YEAR} GROUP BY 1",
        f"SELECT {key}, COUNT(DISTINCT s.volunteer_id), COUNT(*), SUM(s.hours) {SERVICE}"
        f" WHERE {IN_YEAR} GROUP BY 1",
        f"SELECT COUNT(*), SUM(a.people_reached), SUM(a.materials) {ACTIVITIES} WHERE {IN_YEAR}",
        f"SELECT COUNT(DISTINCT s.volunteer_id), COUNT(*), SUM(s.hours) {SERVICE} WHERE {IN_YEAR}",
    )


_STARS = ", ".join(
    f"SUM(v.active = 1 AND vs.hours >= {low} AND vs.hours < {high})"
    for low, high in ((100, 300), (300, 600), (600, 1000), (1000, 1500), (1500, 10**12))
)
VOLUNTEERS = _sql(
    f"SELECT {COUNTY}, SUM(v.active = 1), SUM(v.active = 0), SUM(v.joined_on BETWEEN"
    " '2026-01-01' AND '2026-12-31'), SUM(v.active = 1 AND v.platform_registered = 1),"
    f" SUM(v.active = 1 AND v.is_student = 1), {_STARS} FROM volunteer v JOIN region r"
    " ON r.id = v.region_id LEFT JOIN volunteer_service vs ON vs.volunteer_id = v.id GROUP BY 1",
    f"SELECT {COUNTY}, COUNT(DISTINCT s.volunteer_id), SUM(s.hours) FROM service_record s"
    " JOIN activity a ON a.id = s.activity_id JOIN volunteer v ON v.id = s.volunteer_id"
    f" JOIN region r ON r.id = v.region_id WHERE {IN_YEAR} GROUP BY 1",
    f"SELECT {COUNTY}, COUNT(*) FROM team t JOIN region r ON r.id = t.region_id"
    " WHERE t.dissolved_at IS NULL GROUP BY 1",
)
_HELD = (
    "EXISTS (SELECT 1 FROM activity x WHERE x.venue_id = v.id AND x.deleted_at IS NULL"
    " AND x.start_date > '2025-11-15' AND x.start_date <= '2026-11-15')"
)
_TICKS = [f"v.six_{tick}" for tick in ("organisation", "rules", "site", "medium", "feature")]
VENUES = _sql(
    f"SELECT {COUNTY}, COUNT(*), SUM({' AND '.join(_TICKS)} AND {_HELD}),"
    f" {', '.join(f'SUM(NOT {tick})' for tick in _TICKS)}, SUM(NOT {_HELD})"
    " FROM venue v JOIN region r ON r.id = v.region_id GROUP BY 1"
)
_SCIENCE_DAY = (
    "a.deleted_at IS NULL AND ((a.theme_day = 'science_day' AND a.start_date BETWEEN"
    " '2026-01-01' AND '2026-12-31') OR a.start_date BETWEEN '2026-09-01' AND '2026-09-30')"
)
SCIENCE_DAY = _sql(
    f"SELECT a.format, COUNT(*), SUM(a.people_reached) {ACTIVITIES} WHERE {_SCIENCE_DAY}"
    " GROUP BY 1",
    "SELECT COUNT(DISTINCT a.organiser_team_id) + COUNT(DISTINCT NULLIF(a.organiser, '')),"
    f" (SELECT COUNT(DISTINCT s.volunteer_id) {SERVICE} WHERE {_SCIENCE_DAY})"
    f" {ACTIVITIES} WHERE {_SCIENCE_DAY}",
)
_KINDS = (
    "a.format IN ('lecture', 'experts_into_schools')",
    "a.format IN ('exhibition', 'science_show')",
    "a.format = 'field_class'",
    "a.format = 'caravan'",
    "a.campaign = 'dandelion'",
    "a.campaign = 'silver_age'",
)
ANNUAL = _sql(
    "SELECT substr(a.start_date, 1, 4), "
    + ", ".join(f"SUM({k}), SUM(CASE WHEN {k} THEN a.people_reached END)" for k in _KINDS)
    + ", SUM(a.theme_day = 'science_day'), SUM(a.theme_day = 'science_week')"
    f" {ACTIVITIES} WHERE a.deleted_at IS NULL AND a.start_date BETWEEN '2025-01-01'"
    " AND '2026-12-31' GROUP BY 1",
    "SELECT SUM(v.active = 1 AND v.platform_registered = 1 AND (v.joined_on IS NULL"
    " OR v.joined_on <= '2026-12-31')), SUM(v.active = 1 AND v.platform_registered = 1"
    " AND (v.joined_on IS NULL OR v.joined_on <= '2025-12-31')) FROM volunteer v",
    "SELECT SUM(created_at < '2027-01-01'), SUM(created_at < '2026-01-01') FROM team"
    " WHERE dissolved_at IS NULL",
    "SELECT type, SUM(created_at < '2027-01-01'), SUM(created_at < '2026-01-01') FROM venue"
    " GROUP BY 1",
    f"SELECT COUNT(*), SUM({' AND '.join(_TICKS)} AND {_HELD}) FROM venue v",
)

FIGURES: tuple[tuple[str, ReportQuery, Callable[[], object]], ...] = (
    ("活动统计 by county, 2026", ReportQuery(start=YEAR[0], end=YEAR[1]), _activities(COUNTY)),
    ("活动统计 by month, 2026", ReportQuery(start=YEAR[0], end=YEAR[1], by="month"),
     _activities("substr(a.start_date, 1, 7)")),
    ("活动统计 by format, 2026", ReportQuery(start=YEAR[0], end=YEAR[1], by="format"),
     _activities("a.format")),
    ("志愿者统计 by county, 2026", ReportQuery(report="volunteers", start=YEAR[0], end=YEAR[1]),
     VOLUNTEERS),
    ("阵地与六有 by county", ReportQuery(report="venues"), VENUES),
    ("全国科普日 2026", ReportQuery(report="science-day", start=YEAR[0]), SCIENCE_DAY),
    ("年度统计 2026 vs 2025", ReportQuery(report="annual", start=YEAR[0]), ANNUAL),
)  # fmt: skip


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def run(reps: int) -> list[Row]:
    path = province_db()
    open_database(path)
    clock.freeze(FROZEN_AT)
    scope.sign_in(scope.Session(user="bench", name="bench", role=AccessRole.COUNTY_ADMIN))
    rows: list[Row] = []
    try:
        for number, (name, query, bare) in enumerate(FIGURES, 1):
            measured, baseline = [], []
            build(query), bare()  # warm-up: the pages read into the cache
            for _ in range(max(1, min(reps, 3))):
                measured.append(_timed(lambda q=query: build(q)))
                baseline.append(_timed(bare))
            m, b = median(measured), median(baseline)
            rows.append(Row(f"18.{number} {name}", f"≤ {GOAL_RATIO}× bare SQL", ms(m),
                            f"bare GROUP BY {ms(b)}", ratio(m, b),
                            verdict(m <= GOAL_RATIO * b)))  # fmt: skip
    finally:
        scope.sign_out()
        clock.freeze(None)
        close_database()
    return rows
