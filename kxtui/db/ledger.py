"""The activity ledger (活动台账): one page of filtered activities at a time, and the totals.

Pages are keyset-paginated: the next page starts after the last row's sort key, so paging
through 100,000 activities costs the same on page 1,000 as on page 1. Only a jump far away
(End, a scrollbar drag) uses OFFSET once, and paging continues by key from there.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kxtui.db.models import Region, database
from kxtui.db.pinyin import search_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import LedgerFilter, LedgerRow, LedgerTotals
from kxtui.db.rows import hours as hours_of
from kxtui.db.search import like_escape

# sort name -> the key columns, each (expression, descending)
SORTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "date": (("a.start_date", True), ("a.id", True)),
    "reach": (("a.people_reached", True), ("a.id", True)),
    "venue": (("COALESCE(v.pinyin, '~')", False), ("a.start_date", True), ("a.id", True)),
}

_HOURS = "(SELECT COALESCE(SUM(s.hours), 0) FROM service_record s WHERE s.activity_id = a.id)"
_SERVED = "(SELECT COUNT(*) FROM service_record s WHERE s.activity_id = a.id)"
_COLUMNS = f"""a.id, a.start_date, a.end_date, a.title, r.name, COALESCE(v.name, ''),
  COALESCE(t.name, a.organiser), a.theme_day, a.campaign, a.format, a.people_reached,
  a.materials, {_SERVED}, {_HOURS}, a.version"""
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
    """The filter as SQL conditions over a (activity), r (region), v (venue), t (team)."""
    conditions = ["a.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if f.region_id is not None:
        path = Region.select(Region.path).where(Region.id == f.region_id).scalar() or "/-/"
        params["lo"], params["hi"] = subtree_bounds(path)
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


def keyset_after(columns: tuple[tuple[str, bool], ...], key: tuple[Any, ...], forward: bool) -> str:
    """Rows strictly after `key` in the sort order (before it when not `forward`)."""
    ors = []
    for i, (column, desc) in enumerate(columns):
        op = "<" if desc == forward else ">"
        equal = [f"{c} = :key{j}" for j, (c, _) in enumerate(columns[:i])]
        ors.append("(" + " AND ".join([*equal, f"{column} {op} :key{i}"]) + ")")
    return "(" + " OR ".join(ors) + ")"


def _row(raw: tuple[Any, ...], sort: str, venue_key: str | None) -> LedgerRow:
    (id_, start, end, title, region, venue, organiser, theme, campaign, fmt, reach, materials,
     served, hours, version) = raw  # fmt: skip
    start_text = str(start)
    key: tuple[Any, ...] = {
        "date": (start_text, id_),
        "reach": (reach, id_),
        "venue": (venue_key or "~", start_text, id_),
    }[sort]
    return LedgerRow(
        id=id_,
        start_date=date.fromisoformat(start_text),
        end_date=date.fromisoformat(str(end)),
        title=title,
        region=region,
        venue=venue,
        organiser=organiser or "",
        theme_day=theme,
        campaign=campaign,
        format=fmt,
        people_reached=reach,
        materials=materials,
        volunteers=served,
        hours=hours_of(hours),
        key=key,
        version=version,
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
    columns = SORTS[f.sort]
    conditions, params = where_clause(f)
    forward = before is None
    key = after if forward else before
    if key is not None:
        conditions.append(keyset_after(columns, key, forward))
        params.update({f"key{i}": value for i, value in enumerate(key)})
    order = ", ".join(f"{c} {'DESC' if desc == forward else 'ASC'}" for c, desc in columns)
    params.update(limit=limit, offset=offset if key is None else 0)
    # The page's ids first, then their columns: the per-row sums are computed for the page
    # alone, not for every row the sort has to look at.
    ids = f"SELECT a.id {_from(f)} WHERE {' AND '.join(conditions)} ORDER BY {order} "
    ids += "LIMIT :limit OFFSET :offset"
    venue_key = ", COALESCE(v.pinyin, '~')" if f.sort == "venue" else ""
    sql = f"SELECT {_COLUMNS}{venue_key} {_FROM} WHERE a.id IN ({ids}) ORDER BY {order}"
    rows = [
        _row(raw[:15], f.sort, raw[15] if venue_key else None)
        for raw in database.execute_sql(sql, params).fetchall()
    ]
    return tuple(rows if forward else reversed(rows))


def totals(f: LedgerFilter) -> LedgerTotals:
    """Count, people reached, materials and volunteer hours of every activity in the filter."""
    conditions, params = where_clause(f)
    where = " AND ".join(conditions)
    count, reached, materials = database.execute_sql(
        f"SELECT COUNT(*), COALESCE(SUM(a.people_reached), 0), COALESCE(SUM(a.materials), 0) "
        f"{_FROM} WHERE {where}",
        params,
    ).fetchone()
    hours, volunteers = database.execute_sql(
        "SELECT COALESCE(SUM(s.hours), 0), COUNT(DISTINCT s.volunteer_id) FROM service_record s "
        f"WHERE s.activity_id IN (SELECT a.id {_FROM} WHERE {where})",
        params,
    ).fetchone()
    return LedgerTotals(
        activities=count,
        people_reached=reached,
        materials=materials,
        hours=hours_of(hours),
        volunteers=volunteers,
    )
