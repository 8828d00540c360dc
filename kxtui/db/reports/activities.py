"""活动统计: activities by child region, village, theme day, campaign, format, target group,
month, organising team or venue type — and a cross table of two of these for one measure.

Two grouped queries make every table: one over the activities (场次, 受众人次, 资料), one over
their service records (distinct volunteers, 服务人次, 时长). The total is read by the same
queries ungrouped, so a volunteer who served in two towns is one volunteer in the total.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kxtui.db.engine.models import database
from kxtui.db.numbers import bad_count, valid_sum
from kxtui.db.report_rows import ACTIVITIES, MEASURES, Report, ReportQuery, Value
from kxtui.db.reports.common import (
    Group,
    Grouping,
    Root,
    closed_note,
    code_groups,
    hours_sql,
    month_groups,
    region_grouping,
    root,
    rows_of,
    subtree_sql,
    summed_hours,
    team_groups,
)
from kxtui.db.words import chinese
from kxtui.domain import ActivityFormat, Campaign, TargetGroup, ThemeDay, VenueType

COLUMNS = MEASURES[ACTIVITIES]
_REGION = " JOIN region r ON r.id = a.region_id"
_FROM = f"FROM activity a{_REGION}"
_VENUE = " LEFT JOIN venue v ON v.id = a.venue_id"
_CODES = {"theme_day": ThemeDay, "campaign": Campaign, "format": ActivityFormat}
# (measure, SQL over the activities a, or over their service records s) ; the bad values
_ACTIVITY_SQL = (
    f"COUNT(*), {valid_sum('activity', 'people_reached', 'a')}, "
    f"{valid_sum('activity', 'materials', 'a')}, "
    f"{bad_count('activity', 'people_reached', 'a')} + {bad_count('activity', 'materials', 'a')}"
)
_SERVICE_SQL = f"COUNT(DISTINCT s.volunteer_id), COUNT(*), {hours_sql('s')}"


def report(q: ReportQuery) -> Report:
    where = root(q.region_id)
    params: dict[str, Any] = {}
    conditions = ["a.deleted_at IS NULL", *subtree_sql(where, "r.path", params)]
    if q.start is not None:
        conditions.append("a.start_date >= :start")
        params["start"] = q.start.isoformat()
    if q.end is not None:
        conditions.append("a.start_date <= :end")
        params["end"] = q.end.isoformat()
    rows_by = grouping(where, q.by, q, conditions, params)
    figures, _ = _figures((rows_by,), conditions, params)
    # (the values left out, counted once: an activity of two target groups is in two rows)
    ungrouped, invalid = _figures((), conditions, params)
    total = ungrouped.get((), {})
    if q.across is None:
        rows = rows_of(rows_by.groups, {k[0]: v for k, v in figures.items()}, COLUMNS)
        rows = _named(rows, q.by)
        columns, names = COLUMNS, {}
    else:  # a cross table of one measure: a column per group of `across`, then the row's total
        rows_across = grouping(where, q.across, q, conditions, params)
        cells, _ = _figures((rows_by, rows_across), conditions, params)
        across_totals, _ = _figures((rows_across,), conditions, params)
        shown = [g for g in rows_across.groups if g.key or (g.key,) in across_totals]
        known = {g.key for g in rows_across.groups}
        # a key no group has (a code another program wrote, a dissolved team) is a column too,
        # so the columns add up to the row's total
        odd = rows_of((), {k: {} for (k,) in across_totals if k not in known}, ())
        odd = _named(tuple(row._replace(drill=None) for row in odd), q.across)
        columns = (*(g.key for g in shown), *(row.key for row in odd), "total")
        names = {g.key: g.name for g in shown} | {row.key: row.name for row in odd}
        names["total"] = chinese("sheet.total")
        by_row: dict[str, dict[str, Value]] = {}
        for (key, column), values in cells.items():
            by_row.setdefault(key, {})[column] = values[q.measure]
        for (key,), values in figures.items():
            by_row.setdefault(key, {})["total"] = values[q.measure]
        rows = _named(rows_of(rows_by.groups, by_row, columns), q.by)
        total = {key: across_totals.get((key,), {}).get(q.measure, 0) for key in columns[:-1]}
        total["total"] = ungrouped.get((), {}).get(q.measure, 0)
    return Report(
        query=q, region=where.name, region_id=where.id, parent_id=where.parent_id,
        columns=columns, column_names=names, rows=rows, total=total or dict.fromkeys(columns, 0),
        invalid=invalid, closed=closed_note(where, q.start, q.end),
    )  # fmt: skip


def grouping(
    where: Root, by: str, q: ReportQuery, conditions: list[str], params: dict[str, Any]
) -> Grouping:
    """The rows of grouping `by` and the SQL of an activity's key in it."""
    if by in ("town", "village"):
        return region_grouping(where, by)
    if by in _CODES:
        return Grouping(f"COALESCE(a.{by}, '')", code_groups(_CODES[by]))
    if by == "venue_type":
        return Grouping("COALESCE(v.type, '')", code_groups(VenueType, "report.no_venue"), _VENUE)
    if by == "target_group":
        codes = " UNION ALL ".join(f"SELECT '{code.value}'" for code in TargetGroup)
        join = (
            f" JOIN (SELECT '' AS code UNION ALL {codes}) g ON (g.code = '' AND"
            " a.target_groups = '') OR instr(',' || a.target_groups || ',', ',' || g.code"
            " || ',') > 0"
        )
        return Grouping("g.code", code_groups(TargetGroup), join)
    if by == "month":
        first, last = q.start, q.end
        if first is None or last is None:
            where_sql = " AND ".join(conditions)
            low, high = database.execute_sql(
                f"SELECT MIN(a.start_date), MAX(a.start_date) {_FROM} WHERE {where_sql}", params
            ).fetchone()
            first = first or (date.fromisoformat(str(low)[:10]) if low else last)
            last = last or (date.fromisoformat(str(high)[:10]) if high else first)
        groups = month_groups(first, last) if first and last else ()
        return Grouping("substr(a.start_date, 1, 7)", groups)
    if by == "team":
        groups = (*team_groups(where), Group("", chinese("report.no_team")))
        return Grouping("COALESCE(CAST(a.organiser_team_id AS TEXT), '')", groups)
    raise ValueError(by)


def _named(rows: tuple[Any, ...], by: str) -> tuple[Any, ...]:
    """Rows of teams outside the region's live teams (dissolved, or of another region) named
    by their names rather than as unknown keys."""
    if by != "team":
        return rows
    odd = [row.key for row in rows if row.key and row.drill is None and row.key.isdigit()]
    if not odd:
        return rows
    names = dict(
        database.execute_sql(
            f"SELECT CAST(id AS TEXT), name FROM team WHERE id IN ({','.join(odd)})"
        ).fetchall()
    )
    return tuple(row._replace(name=names.get(row.key, row.name)) for row in rows)


def _figures(
    groupings: tuple[Grouping, ...], conditions: list[str], params: dict[str, Any]
) -> tuple[dict[tuple[str, ...], dict[str, Value]], int]:
    """The measures of each combination of the groupings' keys ((): ungrouped), and how many
    stored values were out of range."""
    keys = [f"{g.key} AS k{i}" for i, g in enumerate(groupings)]
    joins = "".join(dict.fromkeys(g.joins for g in groupings))
    group_by = f" GROUP BY {', '.join(f'k{i}' for i in range(len(groupings)))}" if keys else ""
    select = ", ".join(keys) + ", " if keys else ""
    where = " AND ".join(conditions)
    from_ = f"{_FROM}{joins}"
    result: dict[tuple[str, ...], dict[str, Value]] = {}
    invalid = 0
    n = len(groupings)
    for raw in database.execute_sql(
        f"SELECT {select}{_ACTIVITY_SQL} {from_} WHERE {where}{group_by}", params
    ):
        key = tuple(str(k) for k in raw[:n])
        count, reached, materials, bad = raw[n:]
        result[key] = {
            **dict.fromkeys(COLUMNS, 0),
            "activities": count,
            "people_reached": reached,
            "materials": materials,
        }
        invalid += bad
    service_from = f"FROM service_record s JOIN activity a ON a.id = s.activity_id{_REGION}{joins}"
    for raw in database.execute_sql(
        f"SELECT {select}{_SERVICE_SQL} {service_from} WHERE {where}{group_by}", params
    ):
        key = tuple(str(k) for k in raw[:n])
        volunteers, services, served_hours, bad = raw[n:]
        values = result.setdefault(key, dict.fromkeys(COLUMNS, 0))
        values.update(volunteers=volunteers, volunteer_services=services,
                      service_hours=summed_hours(served_hours))  # fmt: skip
        invalid += bad
    return result, invalid
