"""The activity ledger (活动台账): one page of filtered activities at a time, the totals, and
one activity's record (`detail`).

Pages are keyset-paginated: the next page starts after the last row's sort key, so paging
through 100,000 activities costs the same on page 1,000 as on page 1. Only a jump far away
(End, a scrollbar drag) uses OFFSET once, and paging continues by key from there.
"""

from __future__ import annotations

from typing import Any, cast

from kxtui.db import codes
from kxtui.db.engine import scope
from kxtui.db.engine.models import (
    Activity,
    Region,
    Rows,
    ServiceRecord,
    Team,
    Venue,
    Volunteer,
    database,
)
from kxtui.db.keyset import Sort, page_ids, region_subtree
from kxtui.db.numbers import bad_count, count, one_hours, row_hours, valid_sum
from kxtui.db.numbers import hours as hours_of
from kxtui.db.pinyin import search_key
from kxtui.db.rows import ActivityDetail, Choice, LedgerFilter, LedgerRow, LedgerTotals, ServiceLine
from kxtui.db.search import like_escape

# sort name -> the key columns, each (expression, descending)
SORTS: dict[str, Sort] = {
    "date": (("a.start_date", True), ("a.id", True)),
    "reach": (("a.people_reached", True), ("a.id", True)),
    "venue": (("COALESCE(v.pinyin, '~')", False), ("a.start_date", True), ("a.id", True)),
}

_HOURS = f"(SELECT {row_hours('s')} FROM service_record s WHERE s.activity_id = a.id)"
_SERVED = "(SELECT COUNT(*) FROM service_record s WHERE s.activity_id = a.id)"
_COLUMNS = f"""a.id, a.start_date, a.end_date, a.title, r.name, COALESCE(v.name, ''),
  COALESCE(t.name, a.organiser), a.theme_day, a.campaign, a.format, a.people_reached,
  a.materials, {_SERVED}, {_HOURS}, a.version, r.path"""
_VENUE = " LEFT JOIN venue v ON v.id = a.venue_id"
_TEAM = " LEFT JOIN team t ON t.id = a.organiser_team_id"
_FROM = f"FROM activity a JOIN region r ON r.id = a.region_id{_VENUE}{_TEAM}"


def _from(f: LedgerFilter) -> str:
    """`_FROM` without the joins this filter and sort do not use: the planner keeps an
    unused LEFT JOIN in the plan, and it costs a page of a big county tenfold."""
    venue = _VENUE if f.venue_type or f.text.strip() or f.sort == "venue" else ""
    return f"FROM activity a JOIN region r ON r.id = a.region_id{venue}" + (
        _TEAM if f.text.strip() else ""
    )


def where_clause(f: LedgerFilter) -> tuple[list[str], dict[str, Any]]:
    """The filter as SQL conditions over a (activity), r (region), v (venue), t (team), within
    the officer's view (a region outside it selects nothing)."""
    params: dict[str, Any] = {}
    conditions = ["a.deleted_at IS NULL", *scope.view_sql("r.path", params)]
    if f.region_id is not None:
        region_subtree(f.region_id, params)
        conditions.append("r.path >= :lo AND r.path < :hi")
    if f.start is not None:
        conditions.append("a.start_date >= :start")
        params["start"] = f.start.isoformat()
    if f.end is not None:
        conditions.append("a.start_date <= :end")
        params["end"] = f.end.isoformat()
    for column in ("theme_day", "campaign", "format"):
        value = getattr(f, column)
        if value == "none":
            conditions.append(f"a.{column} IS NULL")
        elif value:
            conditions.append(f"a.{column} = :{column}")
            params[column] = value
    if f.venue_type:
        conditions.append("v.type = :venue_type")
        params["venue_type"] = f.venue_type
    text = f.text.strip()
    if text:
        params["q"] = f"%{like_escape(text)}%"
        matches = ["a.title", "v.name", "a.organiser", "t.name", "r.name"]
        parts = [f"{column} LIKE :q ESCAPE '\\'" for column in matches]
        key = search_key(text)
        if key:
            params["k_prefix"] = f"{like_escape(key)}%"
            params["k"] = f"%{like_escape(key)}%"
            for table in ("a", "v", "t"):
                parts.append(f"{table}.initials LIKE :k_prefix ESCAPE '\\'")
                parts.append(f"{table}.pinyin LIKE :k_prefix ESCAPE '\\'")
                if len(key) >= 2:
                    parts.append(f"{table}.initials LIKE :k ESCAPE '\\'")
                if len(key) >= 3:
                    parts.append(f"{table}.pinyin LIKE :k ESCAPE '\\'")
        conditions.append("(" + " OR ".join(parts) + ")")
    return conditions, params


def _row(raw: tuple[Any, ...], sort: str, venue_key: str | None) -> LedgerRow:
    (id_, start, end, title, region, venue, organiser, theme, campaign, fmt, reach, materials,
     served, hours, version, region_path) = raw  # fmt: skip
    start_text = str(start)
    key: tuple[Any, ...] = {
        "date": (start_text, id_),
        "reach": (reach, id_),
        "venue": (venue_key or "~", start_text, id_),
    }[sort]
    return LedgerRow(
        id=id_,
        start_date=codes.day(start),  # type: ignore[arg-type]
        end_date=codes.day(end),  # type: ignore[arg-type]
        title=title,
        region=region,
        venue=venue,
        organiser=organiser or "",
        theme_day=theme,
        campaign=campaign,
        format=fmt,
        people_reached=count(reach),
        materials=count(materials),
        volunteers=served,
        hours=hours_of(hours),
        key=key,
        version=version,
        region_path=region_path,
    )


def page(
    f: LedgerFilter,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 50,
) -> tuple[LedgerRow, ...]:
    """Up to `limit` rows in the filter's sort order: the first ones, the ones after the sort
    key `after`, the ones just before `before` (still returned in sort order), or (for a
    far jump) the ones from `offset`."""
    conditions, params = where_clause(f)
    # The page's ids first, then their columns: the per-row sums are computed for the page
    # alone, not for every row the sort has to look at.
    ids, order, forward = page_ids(
        f"SELECT a.id {_from(f)}", conditions, params, SORTS[f.sort],
        after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    venue_key = ", COALESCE(v.pinyin, '~')" if f.sort == "venue" else ""
    sql = f"SELECT {_COLUMNS}{venue_key} {_FROM} WHERE a.id IN ({ids}) ORDER BY {order}"
    rows = [
        _row(raw[:16], f.sort, raw[16] if venue_key else None)
        for raw in database.execute_sql(sql, params).fetchall()
    ]
    return tuple(rows if forward else reversed(rows))


def totals(f: LedgerFilter) -> LedgerTotals:
    """Count, people reached, materials and volunteer hours of every activity in the filter;
    the sums leave out the values out of range, and `invalid` says how many."""
    conditions, params = where_clause(f)
    where = " AND ".join(conditions)
    activities, reached, materials, bad_activity_values = database.execute_sql(
        f"SELECT COUNT(*), {valid_sum('activity', 'people_reached', 'a')}, "
        f"{valid_sum('activity', 'materials', 'a')}, "
        f"{bad_count('activity', 'people_reached', 'a')} + "
        f"{bad_count('activity', 'materials', 'a')} {_FROM} WHERE {where}",
        params,
    ).fetchone()
    hours, volunteers, bad_hours = database.execute_sql(
        f"SELECT {valid_sum('service_record', 'hours', 's')}, COUNT(DISTINCT s.volunteer_id), "
        f"{bad_count('service_record', 'hours', 's')} FROM service_record s "
        f"WHERE s.activity_id IN (SELECT a.id {_FROM} WHERE {where})",
        params,
    ).fetchone()
    return LedgerTotals(
        activities=activities,
        people_reached=reached,
        materials=materials,
        hours=hours_of(hours),
        volunteers=volunteers,
        invalid=bad_activity_values + bad_hours,
    )


def detail(activity_id: int) -> ActivityDetail | None:
    """One activity as the form shows it; None if it no longer exists."""
    a = Activity.get_or_none(Activity.id == activity_id)
    if a is None:
        return None
    scope.require_visible(a.region_id)
    region = Region.get_by_id(a.region_id)
    venue = Venue.get_or_none(Venue.id == a.venue_id) if a.venue_id else None
    team = Team.get_or_none(Team.id == a.organiser_team_id) if a.organiser_team_id else None
    lines = (
        ServiceRecord.select(
            ServiceRecord.volunteer,
            Volunteer.name,
            ServiceRecord.hours,
            Volunteer.platform_registered,
        )
        .join(Volunteer)
        .where(ServiceRecord.activity == activity_id)
        .order_by(ServiceRecord.id)
        .tuples()
    )
    return ActivityDetail(
        id=a.id,
        version=a.version,
        title=a.title,
        start_date=a.start_date,
        end_date=a.end_date,
        duration=one_hours(a.duration),
        region=Choice(region.id, region.name),
        venue=Choice(venue.id, venue.name) if venue else None,
        organiser_team=Choice(team.id, team.name) if team else None,
        organiser=a.organiser,
        theme_day=a.theme_day,
        campaign=a.campaign,
        target_groups=tuple(g for g in a.target_groups.split(",") if g),
        format=a.format,
        people_reached=count(a.people_reached),
        materials=count(a.materials),
        notes=a.notes,
        service=tuple(
            ServiceLine(v, name, one_hours(h), bool(reg)) for v, name, h, reg in cast(Rows, lines)
        ),
        deleted=a.deleted_at is not None,
        region_path=region.path,
    )
