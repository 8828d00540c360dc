"""The volunteer roster (志愿者花名册): one page of filtered volunteers at a time, and the count.

Like the ledger, pages are keyset-paginated and fetched as ids first, then their columns. A
search uses the `volunteer_key` index (see `volunteer_index`). Up to RANKED matches (a
county's roster hardly has more) are read from the index and sorted best first
(`volunteer_search`: exact, prefix, the rest, each tier in the roster's order). More are listed
in the roster's order alone: a narrow query ("张伟", "138…") reads its few matches from the
index and sorts them; a broad one ("z", "yu") walks the roster in sort order and checks each
volunteer's keys by index, stopping at a page.
A broad query whose matches sit late in the sort order ("王", "zhang" by name: the surname's
people) would walk most of the roster: the walk has a step budget, and past it the page is
read from the matches after all, each match's volunteer read to check the other conditions and
to sort (~0.2 s for 张's 80,000 at 1,000,000 volunteers). When the search is the whole filter
and the order is by name, the walk's budget is smaller, and past it up to `KEYS_NARROW`
matches are put in order from the keys alone, each of which holds its volunteer's name sort
key (~10 ms for 张).
"""

from __future__ import annotations

from typing import Any

from kxtui.db import codes, roster_checks, stars, step_budget
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.volunteer_index import SERVICE
from kxtui.db.errors import OverBudget
from kxtui.db.keyset import Sort, order_by, page_ids, region_subtree
from kxtui.db.numbers import TOTAL_HOURS_LIMIT, is_invalid, row_hours, valid_sum
from kxtui.db.numbers import hours as hours_of
from kxtui.db.rows import RosterFilter, RosterRow
from kxtui.db.teams import TEAM_MEMBERS
from kxtui.db.volunteer_search import TIER, matches_at_most, search_params

NARROW = 10_000  # up to this many key matches, read them from the index and sort them
RANKED = 10_000  # up to this many key matches, a search lists the best matches first
# When the keys alone put the matches in order (the search is the whole filter, by name): the
# walk's budget then, and how many matches they sort at most (~20 ms), past the walk
KEYS_WALK_CHECKS, KEYS_NARROW = 3, 200_000
COUNT_NARROW = 200_000  # the same for a count, which reads every match whichever way
WALK_CHECKS = 15  # the walk's step budget, in progress-handler checks (~1 ms each)

# sort name -> the key columns, each (expression, descending)
SORTS: dict[str, Sort] = {
    "name": (("v.sort_key", False), ("v.id", False)),
    "hours": (("vs.hours", True), ("v.id", True)),
    "last": (("COALESCE(vs.last_served, '')", True), ("v.id", True)),
}
# the name order read from the search keys alone (each key holds its volunteer's sort key)
KEY_NAME_ORDER: Sort = (("k.sort_key", False), ("k.volunteer_id", False))
_FROM = "FROM volunteer v JOIN volunteer_service vs ON vs.volunteer_id = v.id"
_IN_RANGE = "k.key >= :q AND k.key < :q_end"
_SERVICE = f"{SERVICE} WHERE s.volunteer_id = v.id"
_SERVED = f"SELECT 1 {_SERVICE}"
_SERVED_HISTORY = "SELECT 1 FROM historical_hours h WHERE h.volunteer_id = v.id"
_TEAMS = """(SELECT group_concat(name, '、') FROM (SELECT t.name FROM team_membership m
  JOIN team t ON t.id = m.team_id WHERE m.volunteer_id = v.id ORDER BY t.id LIMIT 4))"""
_DOMAINS = "(SELECT group_concat(domain) FROM volunteer_domain d WHERE d.volunteer_id = v.id)"
_YEAR = f"""(SELECT {row_hours("s")} {_SERVICE}
  AND a.start_date >= :year_start AND a.start_date <= :year_end)"""
# historical hours dated (by their start) in the year count in its hours, values out of range
# left out as every total leaves them out
_YEAR_HISTORY = f"""(SELECT {valid_sum("historical_hours", "hours", "h")} FROM historical_hours h
  WHERE h.volunteer_id = v.id AND h.start_date >= :year_start AND h.start_date <= :year_end)"""
_COLUMNS = f"""v.id, v.name, v.gender, v.mobile, r.name, {_TEAMS}, {_DOMAINS},
  v.platform_registered, v.is_student, v.active, {_YEAR}, {_YEAR_HISTORY}, vs.hours,
  vs.last_served, v.sort_key"""


def where_clause(f: RosterFilter, narrow: int | None) -> tuple[list[str], dict[str, Any], bool]:
    """The filter as SQL conditions over v (volunteer) and vs (its service totals), within the
    officer's view (a region or team outside it selects nobody), and whether a search walks
    the roster (more than `narrow` key matches; None: never)."""
    params: dict[str, Any] = {}
    conditions = [
        f"v.region_id IN (SELECT id FROM region WHERE {view})"
        for view in scope.view_sql("path", params)
    ]
    if f.region_id is not None:
        region_subtree(f.region_id, params)
        conditions.append("v.region_id IN (SELECT id FROM region WHERE path >= :lo AND path < :hi)")
    if f.team_id is not None:
        params["team"] = f.team_id
        conditions.append(f"v.id IN {TEAM_MEMBERS}")
    if f.domain:
        params["domain"] = f.domain
        conditions.append(
            "EXISTS (SELECT 1 FROM volunteer_domain d WHERE d.volunteer_id = v.id"
            " AND d.domain = :domain)"
        )
    for name, column in (("registered", "platform_registered"), ("student", "is_student"),
                         ("active", "active")):  # fmt: skip
        value = getattr(f, name)
        if value is not None:
            conditions.append(f"v.{column} = {int(value)}")
    if f.served is not None:
        # served in the period: an activity, or historical hours dated (by their start) in it,
        # as the statement and the year's hours date them (one index range each)
        served, history = _SERVED, _SERVED_HISTORY
        if f.start is not None:
            served += " AND a.start_date >= :start"
            history += " AND h.start_date >= :start"
            params["start"] = f.start.isoformat()
        if f.end is not None:
            served += " AND a.start_date <= :end"
            history += " AND h.start_date <= :end"
            params["end"] = f.end.isoformat()
        either = f"(EXISTS ({served}) OR EXISTS ({history}))"
        conditions.append(either if f.served else f"NOT {either}")
    if f.check:
        conditions.append(roster_checks.condition(f.check, params))
    if f.stars is not None:
        low, high = stars.hours_range(f.stars, stars.thresholds())
        params.update(stars_low=low, stars_high=high)
        below = " AND hours < :stars_high" if high is not None else ""
        conditions.append(
            "v.id IN (SELECT volunteer_id FROM volunteer_service"
            f" WHERE hours >= :stars_low{below} AND hours <= {TOTAL_HOURS_LIMIT})"
        )
    walks = False
    if search_params(f.text, params):
        key = params["q"]
        walks = narrow is not None and not matches_at_most(key, narrow)
        if walks:
            conditions.append(
                "EXISTS (SELECT 1 FROM volunteer_key k WHERE k.volunteer_id = v.id"
                f" AND {_IN_RANGE})"
            )
        else:
            conditions.append(
                f"v.id IN (SELECT k.volunteer_id FROM volunteer_key k WHERE {_IN_RANGE})"
            )
    return conditions or ["1"], params, walks


def _search_only(where: tuple[list[str], dict[str, Any], bool]) -> bool:
    """Whether the search is the whole filter: no other condition, the whole database in view."""
    conditions, params, _ = where
    return len(conditions) == 1 and "q" in params


def _row(raw: tuple[Any, ...], sort: str, levels: stars.Thresholds) -> RosterRow:
    (id_, name, gender, mobile, region, teams, domains, registered, student, active, year,
     year_history, total, last, sort_key, tier) = raw  # fmt: skip
    this_year = hours_of(year)
    if not is_invalid(this_year):
        this_year = hours_of(year + year_history)
    hours_total = hours_of(total)
    key: tuple[Any, ...] = {
        "name": (sort_key, id_),
        "hours": (total, id_),
        "last": (last or "", id_),
    }[sort]
    if tier is not None:
        key = (tier, *key)
    return RosterRow(
        id=id_,
        name=name,
        gender=gender,
        mobile=mobile,
        region=region,
        teams=teams or "",
        domains=domains or "",
        registered=codes.flag(registered),
        student=codes.flag(student),
        active=codes.flag(active),
        hours_this_year=this_year,
        hours_total=hours_total,
        last_served=codes.day(last),
        key=key,
        stars=stars.level(hours_total, levels),
    )


def page(
    f: RosterFilter,
    year: int,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[RosterRow, ...]:
    """Up to `limit` volunteers in the filter's sort order (see `ledger.page`); hours this
    year are those of `year`. A search of up to RANKED matches lists them best first
    (exact, prefix, the rest: `volunteer_search`), each tier in the filter's order."""
    where = where_clause(f, NARROW)
    params = where[1]
    if "q" in params and matches_at_most(params["q"], RANKED):  # ranked: from the matches
        where = where_clause(f, narrow=None) if where[2] else where
        return _page(where, f.sort, year, after, before, offset, limit, ranked=True)
    by_keys = f.sort == "name" and not offset and _search_only(where)
    if where[2]:  # a walk: within its budget, else from the matches
        try:
            with step_budget(KEYS_WALK_CHECKS if by_keys else WALK_CHECKS):
                return _page(where, f.sort, year, after, before, offset, limit)
        except OverBudget:
            by_keys = by_keys and matches_at_most(params["q"], KEYS_NARROW)
            where = where_clause(f, narrow=None)
    if by_keys:
        forward = before is None
        ids = ", ".join(map(str, _ids_by_keys(params, after, before, limit)))
        return _read(ids, order_by(SORTS["name"], forward), forward, "name", params, year)
    return _page(where, f.sort, year, after, before, offset, limit)


def _ids_by_keys(
    params: dict[str, Any],
    after: tuple[Any, ...] | None,
    before: tuple[Any, ...] | None,
    limit: int,
) -> list[int]:
    """The ids of up to `limit` volunteers with a key in the search's range, in name order
    after `after` (or just before `before`, read backwards), from the keys alone. A volunteer
    with two keys in the range comes twice, the two side by side: read on past them."""
    ids: list[int] = []
    forward = before is None
    key = after if forward else before
    while True:
        wanted = limit - len(ids)
        sql, _, _ = page_ids(
            "SELECT k.volunteer_id, k.sort_key FROM volunteer_key k", [_IN_RANGE], params,
            KEY_NAME_ORDER, after=key if forward else None, before=None if forward else key,
            offset=0, limit=wanted,
        )  # fmt: skip
        rows = database.execute_sql(sql, params).fetchall()
        for volunteer_id, _ in rows:
            if not ids or ids[-1] != volunteer_id:
                ids.append(volunteer_id)
        if len(rows) < wanted or len(ids) == limit:
            return ids
        key = (rows[-1][1], rows[-1][0])


def _page(
    where: tuple[list[str], dict[str, Any], bool],
    sort: str,
    year: int,
    after: tuple[Any, ...] | None,
    before: tuple[Any, ...] | None,
    offset: int,
    limit: int,
    *,
    ranked: bool = False,
) -> tuple[RosterRow, ...]:
    conditions, params, _ = where
    columns = ((TIER, False), *SORTS[sort]) if ranked else SORTS[sort]
    ids, order, forward = page_ids(
        f"SELECT v.id {_FROM}", conditions, params, columns,
        after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    return _read(ids, order, forward, sort, params, year, ranked=ranked)


def _read(
    ids: str,
    order: str,
    forward: bool,
    sort: str,
    params: dict[str, Any],
    year: int,
    *,
    ranked: bool = False,
) -> tuple[RosterRow, ...]:
    """The rows of the volunteers `ids` (SQL: a list or a query) in the page's order; with
    `ranked`, each with its search tier."""
    params.update(year_start=f"{year}-01-01", year_end=f"{year}-12-31")
    sql = (
        f"SELECT {_COLUMNS}, {TIER if ranked else 'NULL'} {_FROM} "
        "JOIN region r ON r.id = v.region_id "
        f"WHERE v.id IN ({ids or 'NULL'}) ORDER BY {order}"
    )
    levels = stars.thresholds()
    rows = [_row(raw, sort, levels) for raw in database.execute_sql(sql, params).fetchall()]
    return tuple(rows if forward else reversed(rows))


def count(f: RosterFilter) -> int:
    """How many volunteers the filter selects."""
    where = where_clause(f, narrow=COUNT_NARROW)
    conditions, params, _ = where
    if _search_only(where) and not where[2]:  # the keys alone: no volunteer row read
        sql = f"SELECT COUNT(DISTINCT k.volunteer_id) FROM volunteer_key k WHERE {_IN_RANGE}"
    else:  # (every volunteer has service totals: no need to join them)
        sql = f"SELECT COUNT(*) FROM volunteer v WHERE {' AND '.join(conditions)}"
    return database.execute_sql(sql, params).fetchone()[0]
