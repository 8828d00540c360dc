"""志愿者统计: volunteers by the child region or village they live in (their record's region), or
by team — a team's row counts the distinct members of it and of every team below it, as the
team tree does.

Three grouped queries make every table: one over the volunteers (在册, 停用, 新增, 平台注册,
学生, 星级), one over their service records in the period (服务人数, 时长), one over the teams.
By town or village the queries group by each person's region (the volunteers read along the
index of their region: no sort of a million rows) and the regions are added up by the row
they fall in; each person lives in one region, so the rows part the region and the total is
their sum. By team, where teams share members, the total is the same queries over the whole
region, ungrouped: each person counted once.

Decisions, as a county office reads the table:
- 志愿者 (volunteers) are the active ones; 停用 (inactive) those marked inactive; a stored
  status that is neither (written by another program) is neither, and counted in `invalid`,
  as are cumulative hours out of range (left out of the star levels). Another flag that is
  not 1 (平台注册, 学生) reads as not set.
- 新增 (new) counts everyone who joined in the period, active now or not: they were recruited
  then. An open period counts every known joining date; an unknown one, or one that is not a
  real day, is never new.
- 平台注册, 学生 and the star levels count active volunteers only.
- 服务人数 / 时长: the volunteers' service at activities dated in the period, not deleted,
  wherever the activity was held (as the roster's hours count them).
- 星级: the cumulative hours kept per volunteer (`volunteer_service.hours`) reach a level's
  threshold and not the next. The thresholds are the national system's (`stars.DEFAULT`) unless
  the database says otherwise: the meta key `star_hours` ("100,300,600,1000,1500", five
  ascending whole numbers; another platform's levels), or the `stars` argument.
- 服务队: live teams based in the group's regions; by team, the team and its live sub-teams.
- By team, the rows are the live teams based in the region; a member counts wherever they
  live within the officer's view. The row "未加入服务队" holds the region's volunteers in no
  live team based in it. The total is the region's, as by town.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from kxtui.db import stars as stars_module
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.numbers import TOTAL_HOURS_LIMIT
from kxtui.db.report_rows import (
    GROUPINGS,
    MEASURES,
    VOLUNTEERS,
    Report,
    ReportQuery,
    ReportRow,
    Value,
)
from kxtui.db.reports.common import (
    Group,
    Root,
    closed_note,
    hours_sql,
    period_sql,
    rate,
    region_grouping,
    root,
    rows_of,
    subtree_sql,
    summed_hours,
    team_groups,
)
from kxtui.db.words import chinese

COLUMNS = MEASURES[VOLUNTEERS]
STAR_LEVELS = stars_module.LEVELS
STAR_META_KEY = stars_module.META_KEY

# every team below each live team based in the region (`top`), itself included
_BELOW = """WITH RECURSIVE below(team_id, top) AS (
  SELECT t.id, t.id FROM team t JOIN region k ON k.id = t.region_id WHERE {inside}
  UNION ALL
  SELECT t.id, b.top FROM below b JOIN team t ON t.parent_id = b.team_id
  WHERE t.dissolved_at IS NULL
), members AS (
  SELECT DISTINCT b.top, m.volunteer_id FROM below b JOIN team_membership m ON m.team_id = b.team_id
) """
_MEMBERS = "members m JOIN volunteer v ON v.id = m.volunteer_id JOIN region r ON r.id = v.region_id"
_IN_NO_TEAM = """NOT EXISTS (SELECT 1 FROM team_membership tm JOIN team t ON t.id = tm.team_id
  JOIN region k ON k.id = t.region_id WHERE tm.volunteer_id = v.id AND {inside})"""

_RATES = ("platform_rate", "average_hours")
_ACTIVE, _INACTIVE = "v.active IS 1", "v.active IS 0"
_VALID_DAY = "date(v.joined_on) IS v.joined_on"  # a real day, as kxtui writes it
# Hours out of range (numbers.valid_hours, without a typeof per row): SQLite orders text and
# blobs after every number, so the upper bound catches them too; the column is never NULL.
_OUT_OF_RANGE = f"(vs.hours < 0 OR vs.hours > {TOTAL_HOURS_LIMIT})"


class _Source(NamedTuple):
    """Where a grouped query reads its people: `with_` (a CTE or ""), the SQL of a person's
    group key, the FROM clause over v (the volunteer), its conditions; the key of a team t and
    the SQL of the regions whose teams count ("": every region)."""

    with_: str
    key: str
    people: str
    conditions: tuple[str, ...]
    team_key: str = "''"
    regions: str = ""


def _in_regions(column: str, regions: str) -> tuple[str, ...]:
    return (f"{column} IN ({regions})",) if regions else ()


def star_hours() -> tuple[int, ...]:
    """The hours each star level starts at (`stars.thresholds`)."""
    return stars_module.thresholds()


def report(q: ReportQuery, stars: tuple[int, ...] | None = None) -> Report:
    """志愿者统计 of `q` (by town, village or team); `stars` overrides `star_hours()`."""
    if q.by not in GROUPINGS[VOLUNTEERS]:
        raise ValueError(q.by)
    where = root(q.region_id)
    levels = stars or star_hours()
    params: dict[str, Any] = {f"star{i}": hours for i, hours in enumerate(levels, 1)}
    inside = subtree_sql(where, "r.path", params)
    period = period_sql("a.start_date", q.start, q.end, params)
    joined = period_sql("v.joined_on", q.start, q.end, params)
    regions = f"SELECT r.id FROM region r WHERE {' AND '.join(inside)}" if inside else ""
    whole = _Source("", "''", "volunteer v", _in_regions("v.region_id", regions), regions=regions)
    if q.by == "team":
        groups, sources = _team_sources(where, params, regions)
    else:  # by each person's region (one index scan, no sort), then the regions by group
        grouping = region_grouping(where, q.by)
        groups = grouping.groups
        sources = (whole._replace(key="v.region_id", team_key="t.region_id"),)
    found = [_figures(source, period, joined, params, q.by == "team") for source in sources]
    figures = {key: values for rows, _ in found for key, values in rows.items()}
    if q.by != "team":
        figures = _by_group(figures, grouping.key, regions, params)
    if q.by == "team":  # teams share members: the region's people, each once
        totals, invalid = _figures(whole, period, joined, params, False)
        total = totals.get("", dict.fromkeys(COLUMNS, 0))
    else:  # each person lives in one region: the rows part the region, their sums are exact
        total, invalid = _summed(figures.values()), found[0][1]
    return Report(
        query=q, region=where.name, region_id=where.id, parent_id=where.parent_id,
        columns=COLUMNS, column_names={}, rows=_rated(rows_of(groups, figures, COLUMNS)),
        total=_derived(dict(total)), invalid=invalid,
        closed=closed_note(where, q.start, q.end),
    )  # fmt: skip


def _by_group(
    by_region: dict[str, dict[str, Value]], key: str, regions: str, params: dict[str, Any]
) -> dict[str, dict[str, Value]]:
    """The figures of each region added up by the group its region falls in (`key`, SQL
    over the region r)."""
    inside = f" WHERE r.id IN ({regions})" if regions else ""
    group_of = dict(
        database.execute_sql(f"SELECT CAST(r.id AS TEXT), {key} FROM region r{inside}", params)
    )
    grouped: dict[str, list[dict[str, Value]]] = {}
    for region_id, values in by_region.items():
        if region_id in group_of:  # (a volunteer of a region that is not there: in no group)
            grouped.setdefault(str(group_of[region_id]), []).append(values)
    return {group: _derived(_summed(rows)) for group, rows in grouped.items()}


def _team_sources(
    where: Root, params: dict[str, Any], regions: str
) -> tuple[tuple[Group, ...], tuple[_Source, ...]]:
    """The rows by team and their two sources: the teams' members, and the region's
    volunteers in none of its teams (key "")."""
    # (the same bounds as the people's: one root, one view)
    team_inside = " AND ".join(["t.dissolved_at IS NULL", *subtree_sql(where, "k.path", params)])
    in_view = tuple(scope.view_sql("r.path", params))
    groups = (*team_groups(where), Group("", chinese("report.no_team_members")))
    members = _Source(_BELOW.format(inside=team_inside), "CAST(m.top AS TEXT)", _MEMBERS, in_view)
    loners = _Source(
        "",
        "''",
        "volunteer v",
        (*_in_regions("v.region_id", regions), _IN_NO_TEAM.format(inside=team_inside)),
    )
    return groups, (members, loners)


def _figures(
    source: _Source, period: list[str], joined: list[str], params: dict[str, Any], by_team: bool
) -> tuple[dict[str, dict[str, Value]], int]:
    """The measures by the source's key, and how many stored values were left out."""
    result: dict[str, dict[str, Value]] = {}
    invalid = 0
    # a level's hours lie between two thresholds, the top one's up to the limit: in range
    stars = ", ".join(
        f"SUM({_ACTIVE} AND vs.hours >= :star{i} AND vs.hours "
        + (f"< :star{i + 1})" if i < STAR_LEVELS else f"<= {TOTAL_HOURS_LIMIT})")
        for i in range(1, STAR_LEVELS + 1)
    )
    new = " AND ".join([*joined, _VALID_DAY])  # (the day checked only where it is in range)
    where = " AND ".join(source.conditions) or "1"
    people_sql = (
        f"{source.with_}SELECT {source.key} AS k, SUM({_ACTIVE}), SUM({_INACTIVE}), SUM({new}),"
        f" SUM({_ACTIVE} AND v.platform_registered IS 1), SUM({_ACTIVE} AND v.is_student IS 1),"
        f" {stars}, COUNT(*) - SUM({_ACTIVE}) - SUM({_INACTIVE}), SUM({_OUT_OF_RANGE})"
        f" FROM {source.people} LEFT JOIN volunteer_service vs ON vs.volunteer_id = v.id"
        f" WHERE {where} GROUP BY k"
    )
    for key, active, inactive, new_, registered, students, *rest in database.execute_sql(
        people_sql, params
    ):
        counts = [int(n or 0) for n in rest]
        result[str(key)] = {
            **dict.fromkeys(COLUMNS, 0),
            "volunteers": active or 0, "inactive": inactive or 0, "new": new_ or 0,
            "platform_registered": registered or 0, "students": students or 0,
            **{f"stars.{i}": counts[i - 1] for i in range(1, STAR_LEVELS + 1)},
        }  # fmt: skip
        invalid += sum(counts[STAR_LEVELS:])
    served_where = " AND ".join([*source.conditions, "a.deleted_at IS NULL", *period])
    service_sql = (
        f"{source.with_}SELECT {source.key} AS k, COUNT(DISTINCT s.volunteer_id),"
        f" {hours_sql('s')}"
        f" FROM {source.people} JOIN service_record s ON s.volunteer_id = v.id"
        f" JOIN activity a ON a.id = s.activity_id WHERE {served_where} GROUP BY k"
    )
    for key, served, hours, bad_hours in database.execute_sql(service_sql, params):
        values = result.setdefault(str(key), dict.fromkeys(COLUMNS, 0))
        values.update(served=served, service_hours=summed_hours(hours))
        invalid += bad_hours
    for key, teams in _teams(source, params, by_team):
        result.setdefault(str(key), dict.fromkeys(COLUMNS, 0))["teams"] = teams
    return {key: _derived(values) for key, values in result.items()}, invalid


def _teams(source: _Source, params: dict[str, Any], by_team: bool) -> list[tuple[Any, ...]]:
    """Live teams by group: based in the group's regions, or (by team) the team's subtree."""
    if by_team:
        if not source.with_:
            return []  # the volunteers in no team: no team of theirs to count
        sql = (
            f"{source.with_}SELECT CAST(b.top AS TEXT), COUNT(DISTINCT b.team_id) FROM below b"
            " GROUP BY b.top"
        )
    else:
        where = " AND ".join(
            ["t.dissolved_at IS NULL", *_in_regions("t.region_id", source.regions)]
        )
        sql = f"SELECT {source.team_key} AS k, COUNT(*) FROM team t WHERE {where} GROUP BY k"
    return database.execute_sql(sql, params).fetchall()


def _summed(rows: Iterable[dict[str, Value]]) -> dict[str, Value]:
    """The counts and hours of the rows added up."""
    total: dict[str, Value] = dict.fromkeys(COLUMNS, 0)
    for values in rows:
        for column in COLUMNS:
            if column not in _RATES:
                total[column] = (total[column] or 0) + (values[column] or 0)
    return total


def _rated(rows: tuple[ReportRow, ...]) -> tuple[ReportRow, ...]:
    """The rows with their rates (a row without figures has none: None, not 0)."""
    return tuple(row._replace(values=_derived(dict(row.values))) for row in rows)


def _derived(values: dict[str, Value]) -> dict[str, Value]:
    """The rates from the counts: 平台注册率 to four places, 人均时长 to two."""
    values["platform_rate"] = rate(values["platform_registered"], values["volunteers"])
    values["average_hours"] = rate(values["service_hours"], values["served"], "0.01")
    return values
