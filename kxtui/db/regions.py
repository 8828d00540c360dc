"""Regions: the lazy tree, region detail with roll-ups, and the path to the root (the writes
are in `region_writes`)."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from peewee import SQL, ModelSelect, fn

from kxtui import clock
from kxtui.db import numbers, six_haves
from kxtui.db.engine import scope
from kxtui.db.engine.models import (
    Activity,
    Region,
    Rows,
    database,
)
from kxtui.db.rows import (
    Crumb,
    Dependants,
    NodeRef,
    RegionDetail,
    Shortfall,
    TreeRow,
)
from kxtui.domain import TOWN_LEVEL, VILLAGE_LEVEL, RegionKind

SHORTFALL_LIST_LIMIT = 50


def subtree_bounds(path: str) -> tuple[str, str]:
    """Index range [lo, hi) of every path in the subtree of `path` ("/1/5/" → "/1/5/".."/1/50")."""
    return path, path[:-1] + "0"


_COUNTED_KINDS = (
    RegionKind.TOWN,
    RegionKind.SUBDISTRICT,
    RegionKind.VILLAGE,
    RegionKind.COMMUNITY,
    RegionKind.GRID,
)
_KIND_SUMS = ",\n".join(
    f"    SUM(CASE WHEN kind = '{kind}' THEN 1 ELSE 0 END) AS {kind}" for kind in _COUNTED_KINDS
)
_KIND_COLUMNS = ", ".join(f"COALESCE(kinds.{kind}, 0)" for kind in _COUNTED_KINDS)
_ZEROS = ", ".join("0" for _ in _COUNTED_KINDS)

# One pass over the parent's subtree (an index range on region.path) attributes every region
# below to the child it sits under, then counts per child: far cheaper than counting per child
# with correlated subqueries when a town has 1,000 villages. (SQLite's instr(); PostgreSQL
# would say strpos().)
_CHILDREN_SQL = f"""
WITH top AS (SELECT COALESCE((SELECT path FROM region WHERE id = :parent), '/') AS lo),
bounds AS (SELECT lo, substr(lo, 1, length(lo) - 1) || '0' AS hi, length(lo) + 1 AS start FROM top),
below AS (
  SELECT r.id, r.kind, r.parent_id,
    CAST(substr(r.path, b.start, instr(substr(r.path, b.start), '/') - 1) AS INTEGER) AS child
  FROM bounds b CROSS JOIN region r WHERE r.path > b.lo AND r.path < b.hi{{below}}
),
kinds AS (
  SELECT parent_id AS child,
{_KIND_SUMS}
  FROM below WHERE parent_id = child GROUP BY parent_id
),
venues AS (
  SELECT b.child, COUNT(*) AS total, SUM(CASE WHEN b.id = b.child THEN 1 ELSE 0 END) AS own
  FROM venue v JOIN below b ON b.id = v.region_id GROUP BY b.child
)
SELECT 'region' AS node, k.id, k.name, k.kind, k.sort_order, k.pinyin, {_KIND_COLUMNS},
  COALESCE(venues.total, 0), COALESCE(venues.own, 0), 0
FROM region k
LEFT JOIN kinds ON kinds.child = k.id
LEFT JOIN venues ON venues.child = k.id
WHERE k.parent_id IS :parent{{regions}}
UNION ALL
SELECT 'venue', v.id, v.name, v.type, v.sort_order, v.pinyin, {_ZEROS}, 0, 0,
  {six_haves.met_count_sql("v")}
FROM venue v WHERE v.region_id IS :parent{{venues}}
ORDER BY 1, 5, 6, 2
"""


def _and(conditions: list[str]) -> str:
    return "".join(f" AND {condition}" for condition in conditions)


def children(region_id: int | None) -> tuple[TreeRow, ...]:
    """Child regions and the region's own venues, with label counts, in one query; only
    those in the officer's view, and counting only what lies in it.

    `None` lists the top level: the counties, or the officer's view root.
    """
    params: dict[str, object] = six_haves.window(clock.today())
    below = scope.view_sql("r.path", params)
    params["parent"] = scope.view_root_parent() if region_id is None and below else region_id
    sql = _CHILDREN_SQL.format(
        below=_and(below),
        regions=_and(scope.view_sql("k.path", params)),
        venues=_and(scope.view_sql("(SELECT path FROM region WHERE id = :parent)", params)),
    )
    rows = []
    for node, id_, name, type_, _, _, *kinds, venues, own, six in database.execute_sql(
        sql, params
    ).fetchall():
        towns, subdistricts, villages, communities, grids = kinds
        rows.append(
            TreeRow(
                ref=NodeRef(node, id_),
                name=name,
                type=type_,
                towns=towns,
                subdistricts=subdistricts,
                villages=villages,
                communities=communities,
                grids=grids,
                venues=venues,
                expandable=node == "region" and (sum(kinds) + own) > 0,
                six_met=six,
            )
        )
    return tuple(rows)


def path_to_root(ref: NodeRef) -> tuple[Crumb, ...]:
    """The chain of regions from the top of the officer's view down to `ref` (itself
    included); () when `ref` is gone or outside the view."""
    if ref.kind == "region":
        return region_crumbs(ref.id)
    venue = database.execute_sql(
        "SELECT name, type, region_id FROM venue WHERE id = ?", (ref.id,)
    ).fetchone()
    if venue is None:
        return ()
    name, type_, region_id = venue
    return venue_crumbs(ref.id, name, type_, region_id)


def venue_crumbs(venue_id: int, name: str, type_: str, region_id: int) -> tuple[Crumb, ...]:
    """`path_to_root` of a venue whose name, type and region are at hand."""
    crumbs = region_crumbs(region_id)
    return crumbs + (Crumb(NodeRef("venue", venue_id), name, type_),) if crumbs else ()


def region_crumbs(region_id: int) -> tuple[Crumb, ...]:
    """`path_to_root` of a region: its ancestors within the view, and itself."""
    path = database.execute_sql("SELECT path FROM region WHERE id = ?", (region_id,)).fetchone()
    if path is None or not scope.can_view(path[0]):
        return ()
    ids = scope.visible_ids(path[0])
    rows = database.execute_sql(
        f"SELECT id, name, kind FROM region WHERE id IN ({', '.join('?' * len(ids))})", ids
    )
    found = {i: (name, kind) for i, name, kind in rows}
    return tuple(Crumb(NodeRef("region", i), *found[i]) for i in ids if i in found)


def in_subtree(query: ModelSelect[Any], model: Any, lo: str, hi: str) -> ModelSelect[Any]:
    """Restrict `query` (joined through `model.region`) to the regions in [lo, hi)."""
    return query.join(Region, on=(model.region == Region.id)).where(
        Region.path >= lo, Region.path < hi
    )


def kinds_below(lo: str, hi: str) -> dict[str, int]:
    """How many regions of each kind lie strictly below the subtree's root."""
    query = (
        Region.select(Region.kind, fn.COUNT(Region.id))
        .where(Region.path > lo, Region.path < hi)
        .group_by(Region.kind)
    )
    return dict(cast(Rows, query.tuples()))


def top_level() -> ModelSelect[Region]:
    """The regions at the top of the officer's view: the counties, or their view root."""
    root = scope.session().view_path
    return Region.select().where(Region.parent.is_null() if root is None else Region.path == root)


def this_year(today: date) -> tuple[date, date]:
    return date(today.year, 1, 1), date(today.year, 12, 31)


_SHORTFALLS = """SELECT v.id, v.name, r.name, {met}
FROM venue v JOIN region r ON r.id = v.region_id
WHERE r.path >= :lo AND r.path < :hi AND ({count}) < 6"""


def _shortfalls(lo: str, hi: str, today: date) -> tuple[tuple[Shortfall, ...], int]:
    """The venues of the subtree short of any of the six haves: the first ones in tree order,
    and how many in all."""
    met = six_haves.met_sql("v")
    sql = _SHORTFALLS.format(met=", ".join(met.values()), count=six_haves.met_count_sql("v"))
    params = {"lo": lo, "hi": hi, **six_haves.window(today)}
    total = database.execute_sql(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
    rows = database.execute_sql(
        f"{sql} ORDER BY r.path, v.sort_order, v.pinyin LIMIT {SHORTFALL_LIST_LIMIT}", params
    ).fetchall()
    items = tuple(
        Shortfall(
            venue_id=venue_id,
            name=name,
            region_name=region_name,
            missing=tuple(item.value for item, ok in zip(met, flags, strict=True) if not ok),
        )
        for venue_id, name, region_name, *flags in rows
    )
    return items, total


def detail(region_id: int, today: date) -> RegionDetail | None:
    """A region with the roll-ups of its whole subtree; None if it no longer exists."""
    region = Region.get_or_none(Region.id == region_id)
    if region is None:
        return None
    scope.require_path_visible(region.path)
    lo, hi = subtree_bounds(region.path)
    kinds = kinds_below(lo, hi)
    by_type = database.execute_sql(
        "SELECT v.type, COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id "
        "WHERE r.path >= ? AND r.path < ? GROUP BY v.type ORDER BY 2 DESC, 1",
        (lo, hi),
    ).fetchall()
    activities = in_subtree(Activity.select(), Activity, lo, hi).where(
        Activity.deleted_at.is_null(), Activity.start_date.between(*this_year(today))
    )
    reached, bad_values = (
        activities.select(
            SQL(numbers.valid_sum("activity", "people_reached")),
            SQL(numbers.bad_count("activity", "people_reached")),
        )
        .tuples()
        .get()
    )
    shortfalls, shortfall_total = _shortfalls(lo, hi, today)
    counts = subtree_counts(region.path)
    return RegionDetail(
        id=region.id,
        version=region.version,
        name=region.name,
        kind=region.kind,
        code=region.code,
        population=numbers.population(region.population),
        path=path_to_root(NodeRef("region", region.id)),
        towns=sum(kinds.get(k, 0) for k in TOWN_LEVEL),
        villages=sum(kinds.get(k, 0) for k in VILLAGE_LEVEL),
        grids=kinds.get(RegionKind.GRID, 0),
        venues_by_type=tuple((t, n) for t, n in by_type),
        teams=counts.teams,
        volunteers=counts.volunteers,
        officers=counts.officers,
        activities_this_year=activities.count(),
        people_reached_this_year=reached,
        shortfalls=shortfalls,
        shortfall_total=shortfall_total,
        region_path=region.path,
        invalid_this_year=bad_values,
    )


_SUBTREE_COUNTS = """SELECT
  (SELECT COUNT(*) FROM region WHERE path > :lo AND path < :hi),
  {counts},
  (SELECT COUNT(*) FROM officer_account a WHERE EXISTS (SELECT 1 FROM region r
     WHERE r.id IN (a.region_id, a.view_region_id) AND r.path >= :lo AND r.path < :hi))"""
_IN_SUBTREE = """(SELECT COUNT(*) FROM {table} x JOIN region r ON r.id = x.region_id
  WHERE r.path >= :lo AND r.path < :hi{also})"""


def subtree_counts(path: str) -> Dependants:
    """What lies in the subtree of the region at `path`, itself included, in one query: the
    figures of its detail and of a refused delete, counted the same way."""
    lo, hi = subtree_bounds(path)
    tables = (
        ("venue", ""),
        ("activity", ""),
        ("volunteer", ""),
        ("team", " AND x.dissolved_at IS NULL"),
        ("team", " AND x.dissolved_at IS NOT NULL"),
        ("officer", ""),
    )
    sql = _SUBTREE_COUNTS.format(
        counts=",\n  ".join(_IN_SUBTREE.format(table=t, also=also) for t, also in tables)
    )
    return Dependants(*database.execute_sql(sql, {"lo": lo, "hi": hi}).fetchone())


def levels_to(
    target: NodeRef | None,
) -> tuple[NodeRef | None, list[tuple[NodeRef | None, tuple[TreeRow, ...]]]]:
    """Children of every region from the top down to `target`'s parent (and target if region).

    Returns the target (None if it vanished) and [(parent ref, children rows), ...].
    """
    crumbs = path_to_root(target) if target is not None else ()
    if not crumbs:
        return None, [(None, children(None))]
    parents: list[NodeRef | None] = [None]
    parents += [c.ref for c in crumbs if c.ref.kind == "region" and c.ref != target]
    return target, [(ref, children(ref.id if ref else None)) for ref in parents]
