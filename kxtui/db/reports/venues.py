"""阵地与六有: venues by child region, village or venue type, and how many meet each of the six
haves (六有) — as they stand today, whatever the period (a timeless report).

One rule with the tree and a region's shortfalls (`six_haves`): five haves are the venue
form's ticks, 有活动 is an activity at the venue in the last 12 months. A stored tick that is
neither 0 nor 1 (written by another program) is not met, and counted in `invalid`. Each venue
lies in one region and has one type, so the rows part the region and the total is their sum.
"""

from __future__ import annotations

from typing import Any

from kxtui import clock
from kxtui.db import six_haves
from kxtui.db.engine.models import database
from kxtui.db.report_rows import GROUPINGS, MEASURES, VENUES, Report, ReportQuery, Value, VenueLine
from kxtui.db.reports.common import (
    Grouping,
    code_groups,
    rate,
    region_grouping,
    root,
    rows_of,
    subtree_sql,
)
from kxtui.domain import SixHave, VenueType

COLUMNS = MEASURES[VENUES]
_FROM = "FROM venue v JOIN region r ON r.id = v.region_id"
SHORTFALLS = ("any", "none")  # besides a SixHave code: venues missing any, or none


def _odd_ticks() -> str:
    """SQL: how many of venue v's ticks are neither 0 nor 1."""
    return " + ".join(
        f"(v.six_{item.value} NOT IN (0, 1))"  # (NOT NULL columns)
        for item in six_haves.TICKED
    )


def report(q: ReportQuery) -> Report:
    """阵地与六有 of `q` by town, village or venue type (the period is not used)."""
    if q.by not in GROUPINGS[VENUES]:
        raise ValueError(q.by)
    where = root(q.region_id)
    params: dict[str, Any] = six_haves.window(clock.today())
    conditions = " AND ".join(subtree_sql(where, "r.path", params)) or "1"
    if q.by == "venue_type":
        grouping = Grouping("COALESCE(v.type, '')", code_groups(VenueType))
    else:
        grouping = region_grouping(where, q.by)
    met = six_haves.met_sql("v")
    # each venue's haves read once (materialised: 有活动 probes the ledger), then added up
    haves = ", ".join(f"({condition}) AS h{i}" for i, condition in enumerate(met.values()))
    all_met = " AND ".join(f"h{i}" for i in range(len(met)))
    missing = ", ".join(f"SUM(NOT h{i})" for i in range(len(met)))
    sql = (
        f"WITH venues AS MATERIALIZED (SELECT {grouping.key} AS k, {haves}, {_odd_ticks()} AS odd"
        f" {_FROM} WHERE {conditions})"
        f" SELECT k, COUNT(*), SUM({all_met}), {missing}, SUM(odd) FROM venues GROUP BY k"
    )
    figures: dict[str, dict[str, Value]] = {}
    invalid = 0
    for key, venues, fully_met, *rest in database.execute_sql(sql, params):
        shortfalls, odd = rest[:-1], rest[-1]
        figures[str(key)] = {
            "venues": venues, "fully_met": fully_met,
            **{f"missing.{item.value}": n for item, n in zip(SixHave, shortfalls, strict=True)},
        }  # fmt: skip
        invalid += odd
    total: dict[str, Value] = dict.fromkeys(COLUMNS, 0)
    for values in figures.values():
        for column, value in values.items():
            total[column] = (total[column] or 0) + (value or 0)
    rows = tuple(
        row._replace(values=_rated(dict(row.values)))
        for row in rows_of(grouping.groups, figures, COLUMNS)
    )
    return Report(
        query=q, region=where.name, region_id=where.id, parent_id=where.parent_id,
        columns=COLUMNS, column_names={}, rows=rows, total=_rated(total), invalid=invalid,
    )  # fmt: skip


def _rated(values: dict[str, Value]) -> dict[str, Value]:
    values["rate"] = rate(values["fully_met"], values["venues"])
    return values


def venues_of(
    region_id: int | None, venue_type: str | None = None, shortfall: str | None = None
) -> tuple[VenueLine, ...]:
    """The venues behind a row: those in the region's subtree (None: the officer's view), of
    `venue_type` when given, missing the have `shortfall` when given (a SixHave code; "any":
    missing one or more; "none": all six met) — in the tree's order, each with what it lacks."""
    where = root(region_id)
    params: dict[str, Any] = six_haves.window(clock.today())
    conditions = subtree_sql(where, "r.path", params)
    if venue_type is not None:
        conditions.append("v.type IS :type")
        params["type"] = venue_type
    met = six_haves.met_sql("v")
    flags = ", ".join(f"({condition})" for condition in met.values())
    sql = (
        f"SELECT v.id, v.name, r.name, v.type, {flags} {_FROM}"
        f" WHERE {' AND '.join(conditions) or '1'} ORDER BY r.path, v.sort_order, v.pinyin, v.id"
    )
    lines = []
    for id_, name, region, type_, *held in database.execute_sql(sql, params):
        missing = tuple(item.value for item, ok in zip(SixHave, held, strict=True) if not ok)
        if shortfall == "any" and not missing or shortfall == "none" and missing:
            continue
        if shortfall not in (None, *SHORTFALLS) and shortfall not in missing:
            continue
        lines.append(VenueLine(id_, name, region, str(type_), missing))
    return tuple(lines)
