"""Roster checks (花名册检查): what an officer looks for before reporting upward.

Five checks are roster filters (`RosterFilter.check`, turned into SQL by `condition`): not
fully registered on the national platform, unreachable or unidentifiable, duplicates, inactive
but still in a team, within 10 hours of the next star level. (Not served in a period is
the roster's own `served` filter.) Three are short lists: teams below a minimum size,
volunteers per 1,000 residents (or per village) in the children of a region, and grid
officers who are not volunteers (一员双责).

Each stays fast at 1,000,000 volunteers: the rare sets are read from an index (the partial
index of unusable records) or computed once per state of the database (duplicates).
"""

from __future__ import annotations

import json
import threading
from typing import Any

from kxtui.db import stars
from kxtui.db.engine import scope
from kxtui.db.engine.models import CONTACT_PROBLEM, INACTIVE, database
from kxtui.db.keyset import region_subtree
from kxtui.db.numbers import population
from kxtui.db.rows import CheckList, GridOfficerRow, RegionDensity, TeamSize
from kxtui.domain import VILLAGE_LEVEL, PersonRole

CHECKS = ("platform", "contact", "duplicate", "inactive_in_team", "near_star")
LIST_LIMIT = 1_000  # rows a check list shows; its count is of them all

# The partial indexes' conditions as they are (unqualified: in the roster's queries only the
# volunteer has these columns), so SQLite sees that they imply the indexes and reads those.
_CONDITIONS = {
    "platform": "(v.platform_registered = 0 OR COALESCE(v.platform_id, '') = '')",
    "contact": CONTACT_PROBLEM,
    "duplicate": "v.id IN (SELECT value FROM json_each(:duplicates))",
    "inactive_in_team": (
        f"{INACTIVE} AND EXISTS (SELECT 1 FROM team_membership m WHERE m.volunteer_id = v.id)"
    ),
}


def condition(check: str, params: dict[str, Any]) -> str:
    """The check as an SQL condition over v (volunteer); adds its parameters to `params`."""
    if check == "duplicate":
        params["duplicates"] = json.dumps(duplicate_ids())
    if check == "near_star":
        return _near_star(params)
    return _CONDITIONS[check]


def _near_star(params: dict[str, Any]) -> str:
    """Cumulative hours within `stars.NEAR` hours below a star level's threshold: one range
    of the hours index per level."""
    ranges = []
    for i, threshold in enumerate(stars.thresholds()):
        params[f"near{i}"], params[f"star{i}"] = threshold - stars.NEAR, threshold
        ranges.append(f"(hours >= :near{i} AND hours < :star{i})")
    return f"v.id IN (SELECT volunteer_id FROM volunteer_service WHERE {' OR '.join(ranges)})"


# -- duplicates ----------------------------------------------------------------------------

_DUPLICATES = """
SELECT id FROM volunteer WHERE id_number IN (SELECT id_number FROM volunteer
  WHERE id_number IS NOT NULL GROUP BY id_number HAVING COUNT(*) > 1)
UNION SELECT id FROM volunteer WHERE mobile IN (SELECT mobile FROM volunteer
  WHERE mobile IS NOT NULL GROUP BY mobile HAVING COUNT(*) > 1)
UNION SELECT id FROM volunteer WHERE birth_date IS NOT NULL AND (name, birth_date) IN (
  SELECT name, birth_date FROM volunteer WHERE birth_date IS NOT NULL
  GROUP BY name, birth_date HAVING COUNT(*) > 1)
ORDER BY id
"""
_found: dict[str, tuple[int, tuple[int, ...]]] = {}  # database file -> (audit id, ids)
_lock = threading.Lock()


def duplicate_ids() -> tuple[int, ...]:
    """Volunteers who share their ID number, their mobile, or their name and birth date with
    someone else. Grouping 1,000,000 records takes about a second, so the answer is kept
    until the next write: every write records an audit entry, so the newest entry's id
    tells whether anything changed (in this process or another)."""
    (state,) = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM audit_entry").fetchone()
    with _lock:  # the page and the count ask at once: one of them groups, the other waits
        known = _found.get(database.database)
        if known is None or known[0] != state:
            known = (state, tuple(i for (i,) in database.execute_sql(_DUPLICATES).fetchall()))
            _found[database.database] = known
        return known[1]


# -- lists ---------------------------------------------------------------------------------


def _in_scope(path: str, region_id: int | None, params: dict[str, Any]) -> str:
    """`path` (a region's path) lies in the region's subtree (the officer's whole view when
    None); a region outside the view is refused."""
    conditions = scope.view_sql(path, params)
    if region_id is not None:
        scope.require_visible(region_id)
        region_subtree(region_id, params)
        conditions.append(f"{path} >= :lo AND {path} < :hi")
    return " AND ".join(conditions) or "1"


def _listed(sql: str, params: dict[str, Any], make: Any) -> CheckList:
    rows = database.execute_sql(f"{sql} LIMIT {LIST_LIMIT}", params).fetchall()
    if len(rows) < LIST_LIMIT:
        total = len(rows)
    else:
        (total,) = database.execute_sql(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()
    return CheckList(tuple(make(*row) for row in rows), total)


def small_teams(region_id: int | None, minimum: int) -> CheckList:
    """Teams of the region's subtree with fewer than `minimum` active members, smallest
    first. Only teams with no team below them: a 总队 or 支队 is as big as its teams."""
    params: dict[str, Any] = {"minimum": minimum}
    sql = f"""
        SELECT t.id, t.name, t.level, r.name,
          (SELECT COUNT(*) FROM team_membership m JOIN volunteer v ON v.id = m.volunteer_id
           WHERE m.team_id = t.id AND v.active) AS active,
          (SELECT COUNT(*) FROM team_membership m WHERE m.team_id = t.id)
        FROM team t JOIN region r ON r.id = t.region_id
        WHERE {_in_scope("r.path", region_id, params)} AND t.dissolved_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM team below WHERE below.parent_id = t.id
            AND below.dissolved_at IS NULL)
          AND active < :minimum
        ORDER BY active, r.path, t.sort_order, t.id"""
    return _listed(sql, params, TeamSize)


def density(region_id: int | None) -> CheckList:
    """The region's children (the counties when None; for an officer of one area, the
    children of their area), each with its volunteers, its population when known, and its
    villages and communities."""
    if region_id is None:
        region_id = scope.view_root()
    if region_id is not None:
        scope.require_visible(region_id)
    params: dict[str, Any] = {"parent": region_id}
    kinds = ", ".join(f"'{kind}'" for kind in VILLAGE_LEVEL)
    below = "r.path >= c.path AND r.path < substr(c.path, 1, length(c.path) - 1) || '0'"
    sql = f"""
        SELECT c.id, c.name, c.kind,
          (SELECT COUNT(*) FROM volunteer v WHERE v.region_id IN
            (SELECT r.id FROM region r WHERE {below})),
          c.population,
          (SELECT COUNT(*) FROM region r  -- "+": by the path index, not by every village's
           WHERE {below} AND +r.kind IN ({kinds}))
        FROM region c WHERE c.parent_id IS :parent
        ORDER BY c.sort_order, c.id"""
    listed = _listed(sql, params, RegionDensity)
    rows = tuple(row._replace(population=population(row.population)) for row in listed.rows)
    return listed._replace(rows=rows)


def grid_officers_not_volunteers(region_id: int | None) -> CheckList:
    """Active grid officers (网格员) of the region's subtree without a volunteer record:
    under 一员双责 every grid officer is also a science volunteer."""
    params: dict[str, Any] = {"role": PersonRole.GRID_OFFICER.value}
    sql = f"""
        SELECT o.id, o.name, g.name, COALESCE(p.name, ''), o.mobile
        FROM officer o JOIN region g ON g.id = o.region_id
        LEFT JOIN region p ON p.id = g.parent_id
        WHERE o.role = :role AND o.volunteer_id IS NULL AND o.active
          AND {_in_scope("g.path", region_id, params)}
        ORDER BY g.path, o.id"""
    return _listed(sql, params, GridOfficerRow)
