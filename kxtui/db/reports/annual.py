"""年度统计: the year's figures beside last year's, as county summaries compare them — activities
by kind (次, 人次), theme days, registered volunteers, teams, venues by type, the 六有 rate.

The year is that of the period's start (else its end, else today's). Activities count by
their start date, not deleted, within the officer's view; 人次 leaves out stored values out
of range (counted in `invalid`). What kxtui keeps no history of is read as it stands today:
- 注册科普志愿者: active volunteers registered on the national platform who joined by the
  year's end (or whose joining date is unknown);
- 科技志愿服务队: teams created by the year's end and not dissolved by then;
- 阵地: venues created by the year's end (a deleted venue is gone from both years);
- 六有达标率: today's, in this year's column only (kxtui keeps no history of the six haves).
`change` is this year less last year; None where either is None.
"""

from __future__ import annotations

from typing import Any

from kxtui.db.engine.models import database
from kxtui.db.numbers import bad_count, valid_sum
from kxtui.db.report_rows import (
    ANNUAL,
    MEASURES,
    VENUES,
    Report,
    ReportQuery,
    ReportRow,
    Value,
)
from kxtui.db.reports import venues
from kxtui.db.reports.common import closed_note, root, subtree_sql
from kxtui.db.reports.science_day import year_of
from kxtui.db.words import chinese, marked_chinese
from kxtui.domain import LABELS, ActivityFormat, Campaign, ThemeDay, VenueType

COLUMNS = MEASURES[ANNUAL]


# The activity figures, each in 次 and 人次: key -> (the column, the codes it holds)
KINDS: dict[str, tuple[str, frozenset[str]]] = {
    "lectures": (
        "format",
        frozenset({ActivityFormat.LECTURE, ActivityFormat.EXPERTS_INTO_SCHOOLS}),
    ),
    "exhibitions": ("format", frozenset({ActivityFormat.EXHIBITION, ActivityFormat.SCIENCE_SHOW})),
    "training": ("format", frozenset({ActivityFormat.FIELD_CLASS})),
    "caravan": ("format", frozenset({ActivityFormat.CARAVAN})),
    "dandelion": ("campaign", frozenset({Campaign.DANDELION})),
    "silver_age": ("campaign", frozenset({Campaign.SILVER_AGE})),
}
# The theme days, counted in 次 only
THEME_DAYS: dict[str, tuple[str, frozenset[str]]] = {
    "science_day": ("theme_day", frozenset({ThemeDay.SCIENCE_DAY})),
    "science_week": ("theme_day", frozenset({ThemeDay.SCIENCE_WEEK})),
}
_CODES = ("format", "campaign", "theme_day")


def report(q: ReportQuery) -> Report:
    """年度统计 of the year of `q` against the year before."""
    where = root(q.region_id)
    year = year_of(q)
    params: dict[str, Any] = {
        "last_start": f"{year - 1}-01-01", "last_end": f"{year - 1}-12-31",
        "this_start": f"{year}-01-01", "this_end": f"{year}-12-31",
        "last_next": f"{year}-01-01", "this_next": f"{year + 1}-01-01",
    }  # fmt: skip
    figures, invalid = _activities(where, params, year)
    rows = [*figures, *_people(where, params), *_venues(where, params)]
    now = venues.report(ReportQuery(report=VENUES, region_id=q.region_id)).total["rate"]
    rows.append(_row("six_rate", chinese("report.annual.six_rate"), now, None))
    return Report(
        query=q, region=where.name, region_id=where.id, parent_id=where.parent_id,
        columns=COLUMNS, column_names={}, rows=tuple(rows), total={}, invalid=invalid,
        closed=closed_note(where, q.start, q.end), notes=(chinese("report.annual.note"),),
    )  # fmt: skip


def _row(key: str, name: str, this: Value, last: Value) -> ReportRow:
    change = None if this is None or last is None else this - last
    return ReportRow(key, name, {"this_year": this, "last_year": last, "change": change})


def _activities(where: Any, params: dict[str, Any], year: int) -> tuple[list[ReportRow], int]:
    conditions = " AND ".join(
        ["a.deleted_at IS NULL", "a.start_date >= :last_start", "a.start_date <= :this_end",
         *subtree_sql(where, "r.path", params)]
    )  # fmt: skip
    # by year and codes (a few hundred groups), then each figure adds up the groups it takes
    figures: dict[str, list[int]] = {}  # "2026.lectures.count" -> [n]
    invalid = 0
    for y, *codes, count, reached, odd in database.execute_sql(
        f"SELECT substr(a.start_date, 1, 4), a.format, a.campaign, a.theme_day, COUNT(*),"
        f" {valid_sum('activity', 'people_reached', 'a')},"
        f" {bad_count('activity', 'people_reached', 'a')} FROM activity a"
        f" JOIN region r ON r.id = a.region_id WHERE {conditions} GROUP BY 1, 2, 3, 4",
        params,
    ):
        held = dict(zip(_CODES, codes, strict=True))
        kinds = [kind for kind, (column, values) in KINDS.items() if held[column] in values]
        for kind in kinds:
            figures.setdefault(f"{y}.{kind}.count", [0])[0] += count
            figures.setdefault(f"{y}.{kind}.people", [0])[0] += reached
        for day, (column, values) in THEME_DAYS.items():
            if held[column] in values:
                figures.setdefault(f"{y}.{day}.count", [0])[0] += count
        invalid += odd if kinds else 0  # (人次 left out of a figure)
    keys = [f"{kind}.{part}" for kind in KINDS for part in ("count", "people")]
    keys += [f"{day}.count" for day in THEME_DAYS]
    rows = [
        _row(key, chinese(f"report.annual.{key}"),
             figures.get(f"{year}.{key}", [0])[0], figures.get(f"{year - 1}.{key}", [0])[0])
        for key in keys
    ]  # fmt: skip
    return rows, invalid


def _people(where: Any, params: dict[str, Any]) -> list[ReportRow]:
    """Registered volunteers and live teams at each year's end."""
    inside = " AND ".join(subtree_sql(where, "r.path", params))
    regions = f"v.region_id IN (SELECT r.id FROM region r WHERE {inside})" if inside else "1"
    # (a day that is no day, 'soon', is as unknown; checked only where it is past the end)
    joined = "(v.joined_on IS NULL OR v.joined_on <= :{} OR date(v.joined_on) IS NOT v.joined_on)"
    registered = "v.active IS 1 AND v.platform_registered IS 1"
    this_v, last_v = database.execute_sql(
        f"SELECT SUM({joined.format('this_end')}), SUM({joined.format('last_end')})"
        f" FROM volunteer v WHERE {registered} AND {regions}",
        params,
    ).fetchone()
    live = "t.created_at < :{0} AND (t.dissolved_at IS NULL OR t.dissolved_at >= :{0})"
    this_t, last_t = database.execute_sql(
        f"SELECT SUM({live.format('this_next')}), SUM({live.format('last_next')})"
        f" FROM team t JOIN region r ON r.id = t.region_id WHERE {inside or '1'}",
        params,
    ).fetchone()
    return [
        _row(
            "volunteers.registered", chinese("report.annual.volunteers"), this_v or 0, last_v or 0
        ),
        _row("teams", chinese("report.annual.teams"), this_t or 0, last_t or 0),
    ]


def _venues(where: Any, params: dict[str, Any]) -> list[ReportRow]:
    """Venues by type at each year's end: every type, then any type kxtui does not know."""
    inside = " AND ".join(subtree_sql(where, "r.path", params)) or "1"
    counts = {
        str(type_): (this or 0, last or 0)
        for type_, this, last in database.execute_sql(
            "SELECT COALESCE(v.type, ''), SUM(v.created_at < :this_next),"
            " SUM(v.created_at < :last_next) FROM venue v JOIN region r ON r.id = v.region_id"
            f" WHERE {inside} GROUP BY 1",
            params,
        )
    }
    names = {code.value: LABELS[f"VenueType.{code.value}"][0] for code in VenueType}
    odd = [code for code in counts if code not in names]
    return [
        _row(
            f"venues.{code}",
            chinese(
                "report.annual.venues", type=names.get(code) or marked_chinese("code.unknown", code)
            ),
            *counts.get(code, (0, 0)),
        )
        for code in [*names, *odd]
    ]
