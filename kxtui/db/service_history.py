"""A volunteer's (or a team's) service: the activities they served at and their historical hours
(历史时数, recorded elsewhere before the county used kxtui), one line each, newest first, one
page at a time (a volunteer of many years may have hundreds), with the totals of a period —
the hours statement (服务时长明细) on screen, and the rows its XLSX is written from.

Both sources are one UNION ALL ordered by (date, kind, id): an activity line is dated by the
activity's start, a historical one by its start date; a period holds the lines it dates. Keyset
paging runs over the union as over one table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kxtui.db import codes
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.volunteer_index import SERVICE
from kxtui.db.keyset import Sort, page_ids
from kxtui.db.numbers import bad, bad_count, one_hours, valid_sum
from kxtui.db.numbers import hours as hours_of
from kxtui.db.rows import ServiceHistoryLine, ServiceQuery, ServiceTotals
from kxtui.db.teams import TEAM_MEMBERS

ACTIVITY, HISTORICAL = "a", "h"  # the `kind` of a line
# (a team's lines: several members at one activity, told apart by their service record)
NEWEST_FIRST: Sort = (("x.day", True), ("x.kind", True), ("x.ref", True), ("x.id", True))

_LINES = """SELECT 'a' AS kind, a.id AS ref, s.id AS id, a.start_date AS day, a.end_date AS last,
  a.title AS title, COALESCE(t.name, a.organiser) AS organiser, COALESCE(e.name, r.name) AS place,
  '' AS source, s.hours AS hours, s.volunteer_id AS volunteer_id
  {service}
  JOIN region r ON r.id = a.region_id LEFT JOIN venue e ON e.id = a.venue_id
  LEFT JOIN team t ON t.id = a.organiser_team_id
  WHERE {who_s}{period_a}
UNION ALL
SELECT 'h', h.id, h.id, h.start_date, h.end_date, h.title, h.organiser, '', h.source, h.hours,
  h.volunteer_id
  FROM historical_hours h WHERE {who_h}{period_h}"""


def _lines(query: ServiceQuery, params: dict[str, Any]) -> str:
    """The union of both sources for the query, as SQL (its parameters added to `params`)."""
    if query.team_id is not None:
        params["team"] = query.team_id
        who_s, who_h = (f"s.volunteer_id IN {TEAM_MEMBERS}", f"h.volunteer_id IN {TEAM_MEMBERS}")
        views = scope.view_sql("path", params)
        if views:  # a team's members outside the officer's view are left out
            inside = " AND ".join(
                f"v.region_id IN (SELECT id FROM region WHERE {v})" for v in views
            )
            mine = f"(SELECT v.id FROM volunteer v WHERE {inside})"
            who_s += f" AND s.volunteer_id IN {mine}"
            who_h += f" AND h.volunteer_id IN {mine}"
    else:
        params["volunteer"] = query.volunteer_id
        who_s, who_h = "s.volunteer_id = :volunteer", "h.volunteer_id = :volunteer"
    period_a = period_h = ""
    if query.start is not None:
        params["start"] = query.start.isoformat()
        period_a += " AND a.start_date >= :start"
        period_h += " AND h.start_date >= :start"
    if query.end is not None:
        params["end"] = query.end.isoformat()
        period_a += " AND a.start_date <= :end"
        period_h += " AND h.start_date <= :end"
    return _LINES.format(service=SERVICE, who_s=who_s, who_h=who_h, period_a=period_a,
                         period_h=period_h)  # fmt: skip


def _query(who: int | ServiceQuery) -> ServiceQuery:
    """The query of `who` (a volunteer's id: all their service), once its scope is checked."""
    query = ServiceQuery(volunteer_id=who) if isinstance(who, int) else who
    if query.team_id is not None:
        home = database.execute_sql(
            "SELECT region_id FROM team WHERE id = ?", (query.team_id,)
        ).fetchone()
    else:
        home = database.execute_sql(
            "SELECT region_id FROM volunteer WHERE id = ?", (query.volunteer_id,)
        ).fetchone()
    if home is not None:
        scope.require_visible(home[0])
    return query


def _line(raw: tuple[Any, ...]) -> ServiceHistoryLine:
    kind, ref, id_, day, last, title, organiser, place, source, hours, volunteer, name = raw
    historical = kind == HISTORICAL
    return ServiceHistoryLine(
        id=id_,
        activity_id=0 if historical else ref,
        start_date=codes.day(day),
        title=title or "",
        place=place or "",
        hours=one_hours(hours),
        key=(day, kind, ref, id_),
        organiser=organiser or "",
        source=source or "",
        historical=historical,
        end_date=codes.day(last),
        volunteer_id=volunteer,
        volunteer=name or "",
    )


def page(
    who: int | ServiceQuery,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[ServiceHistoryLine, ...]:
    """Up to `limit` lines of a volunteer's service (`who`: their id, or a `ServiceQuery` of a
    volunteer or a team and a period): the activities served at (deleted ones left out) with
    the venue (or the region), and the historical hours (with their source), newest
    first; paged like `ledger.page`. Refused for a volunteer (or team) outside the officer's
    view."""
    query = _query(who)
    params: dict[str, Any] = {}
    union = _lines(query, params)
    sql, order, forward = page_ids(
        f"SELECT x.*, p.name FROM ({union}) x JOIN volunteer p ON p.id = x.volunteer_id", ["1"],
        params, NEWEST_FIRST, after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    rows = [_line(raw) for raw in database.execute_sql(sql, params)]
    return tuple(rows if forward else reversed(rows))


def totals(who: int | ServiceQuery) -> ServiceTotals:
    """How many lines the query has, their hours (values out of range left out, and counted),
    and the historical part of both."""
    query = _query(who)
    params: dict[str, Any] = {}
    union = _lines(query, params)
    historical = "x.kind = 'h'"
    sql = (
        f"SELECT COUNT(*), SUM({historical}), {valid_sum('service_record', 'hours', 'x')}, "
        f"{_valid_sum_where(historical)}, {bad_count('service_record', 'hours', 'x')} "
        f"FROM ({union}) x"
    )
    count, historical_count, hours, historical_hours, left_out = database.execute_sql(
        sql, params
    ).fetchone()
    return ServiceTotals(
        lines=count,
        hours=hours_of(hours),
        historical_lines=historical_count or 0,
        historical_hours=hours_of(historical_hours),
        left_out=left_out,
    )


def _valid_sum_where(condition: str) -> str:
    return (
        f"COALESCE(SUM(CASE WHEN {condition} AND NOT {bad('service_record', 'hours', 'x')} "
        "THEN x.hours END), 0)"
    )


def lines(who: int | ServiceQuery, batch: int = 1000) -> Iterator[ServiceHistoryLine]:
    """Every line of the query, oldest first (a statement's rows), read a batch at a time."""
    query = _query(who)
    params: dict[str, Any] = {}
    union = _lines(query, params)
    sql = (
        f"SELECT x.*, p.name FROM ({union}) x JOIN volunteer p ON p.id = x.volunteer_id "
        "ORDER BY x.day, x.kind, x.ref, x.id"
    )
    cursor = database.execute_sql(sql, params)
    while rows := cursor.fetchmany(batch):
        yield from (_line(raw) for raw in rows)


def teams_named(name: str) -> list[int]:
    """The live teams in the officer's view called exactly `name` (a statement by team)."""
    params: dict[str, Any] = {"name": name.strip()}
    views = scope.view_sql("r.path", params)
    inside = "".join(f" AND {view}" for view in views)
    sql = (
        "SELECT t.id FROM team t JOIN region r ON r.id = t.region_id "
        f"WHERE t.name = :name AND t.dissolved_at IS NULL{inside} ORDER BY t.id"
    )
    return [row[0] for row in database.execute_sql(sql, params)]
