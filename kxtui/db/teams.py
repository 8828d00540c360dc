"""Volunteer teams (志愿服务队): the lazy tree 总队 → 支队 → 领域分队 → 专业队 with each team's
members and their hours this year, and the teams a volunteer belongs to.

A team's members are the distinct volunteers of the team and of every team below it — a
总队 counts its whole tree, each person once, as an officer reads "the general team has
7,000 volunteers". Their hours this year are those volunteers' service hours at activities
of this year that were not deleted, whichever team organised them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kxtui.db import codes, scope
from kxtui.db.keyset import region_subtree
from kxtui.db.models import database
from kxtui.db.numbers import hours as hours_of
from kxtui.db.rows import Membership, NodeRef, TeamNode
from kxtui.db.volunteer_index import SERVICE

# One query per level: every team below the level's teams is attributed to the one it sits
# under (`top`), then members and hours are grouped by it — the cost follows the level's
# subtree, never one query per node.
_LEVEL_SQL = """
WITH RECURSIVE
level(id) AS ({level}),
below(team_id, top) AS (
  SELECT id, id FROM level
  UNION ALL
  SELECT t.id, b.top FROM below b JOIN team t ON t.parent_id = b.team_id
),
members AS (
  SELECT DISTINCT b.top, m.volunteer_id
  FROM below b JOIN team_membership m ON m.team_id = b.team_id
),
counted AS (SELECT top, COUNT(*) AS members FROM members GROUP BY top),
served AS (
  SELECT mb.top, SUM((SELECT SUM(s.hours) {service} WHERE s.volunteer_id = mb.volunteer_id
    AND a.start_date >= :year_start AND a.start_date <= :year_end)) AS hours
  FROM members mb GROUP BY mb.top
)
SELECT t.id, t.name, t.level, t.domain, COALESCE(c.members, 0), COALESCE(sv.hours, 0),
  EXISTS (SELECT 1 FROM team x WHERE x.parent_id = t.id AND x.dissolved_at IS NULL), r.path
FROM level JOIN team t ON t.id = level.id JOIN region r ON r.id = t.region_id
LEFT JOIN counted c ON c.top = t.id
LEFT JOIN served sv ON sv.top = t.id
ORDER BY t.sort_order, t.pinyin, t.id
"""

# A dissolved team has no team below it and no members: leaving it out of a level is enough.
_CHILDREN = "SELECT id FROM team WHERE parent_id = :parent AND dissolved_at IS NULL"
_TOP = "SELECT id FROM team WHERE parent_id IS NULL AND dissolved_at IS NULL"
# Teams based in the region's subtree whose parent team is based outside it (or who have none):
# for a town, its 支队; for a county, its 总队.
_TOP_IN_REGION = """SELECT t.id FROM region r JOIN team t ON t.region_id = r.id
  LEFT JOIN team p ON p.id = t.parent_id LEFT JOIN region pr ON pr.id = p.region_id
  WHERE r.path >= :lo AND r.path < :hi AND t.dissolved_at IS NULL
    AND (pr.path IS NULL OR pr.path < :lo OR pr.path >= :hi)"""


def _level(level: str, params: dict[str, Any], year: int) -> tuple[TeamNode, ...]:
    params.update(year_start=f"{year}-01-01", year_end=f"{year}-12-31")
    sql = _LEVEL_SQL.format(level=level, service=SERVICE)
    return tuple(
        TeamNode(
            NodeRef("team", id_), name, level_, domain, members, hours_of(hours), bool(more), path
        )  # fmt: skip
        for id_, name, level_, domain, members, hours, more, path in database.execute_sql(
            sql, params
        )
    )


def children(team_id: int, year: int) -> tuple[TeamNode, ...]:
    """The teams directly under a team, with their members and their hours in `year` (the
    team must be based in the officer's view)."""
    region_id = database.execute_sql(
        "SELECT region_id FROM team WHERE id = ?", (team_id,)
    ).fetchone()
    if region_id is not None:
        scope.require_visible(region_id[0])
    return _level(_CHILDREN, {"parent": team_id}, year)


def top_teams(region_id: int | None, year: int) -> tuple[TeamNode, ...]:
    """The highest teams based in the region's subtree (None: the teams without a parent —
    at a province's 136 总队 and 1,000,000 volunteers that level takes seconds, a county's
    tens of milliseconds)."""
    if region_id is None:  # an officer's whole view: the highest teams based in it
        region_id = scope.view_root()
    if region_id is None:
        return _level(_TOP, {}, year)
    scope.require_visible(region_id)
    params: dict[str, Any] = {}
    region_subtree(region_id, params)
    return _level(_TOP_IN_REGION, params, year)


_MEMBERSHIPS_SQL = """
WITH RECURSIVE up(team_id, ancestor, depth) AS (
  SELECT team_id, team_id, 0 FROM team_membership WHERE volunteer_id = :volunteer
  UNION ALL
  SELECT up.team_id, t.parent_id, up.depth + 1 FROM up JOIN team t ON t.id = up.ancestor
  WHERE t.parent_id IS NOT NULL
)
SELECT m.team_id, m.joined_on, a.name
FROM up JOIN team_membership m ON m.team_id = up.team_id AND m.volunteer_id = :volunteer
JOIN team a ON a.id = up.ancestor
ORDER BY m.team_id, up.depth DESC
"""


def memberships_of(volunteer_id: int) -> tuple[Membership, ...]:
    """The volunteer's teams, each with its path from the 总队 down and the date joined."""
    paths: dict[int, list[str]] = {}
    joined: dict[int, date | codes.Odd | None] = {}
    for team_id, day, name in database.execute_sql(_MEMBERSHIPS_SQL, {"volunteer": volunteer_id}):
        paths.setdefault(team_id, []).append(name)
        joined[team_id] = codes.day(day)
    return tuple(Membership(team, tuple(path), joined[team]) for team, path in paths.items())


_ANCESTORS = """WITH RECURSIVE up(id, depth) AS (
  SELECT parent_id, 1 FROM team WHERE id = :team
  UNION ALL SELECT t.parent_id, up.depth + 1 FROM up JOIN team t ON t.id = up.id
  WHERE t.parent_id IS NOT NULL)
SELECT id FROM up WHERE id IS NOT NULL ORDER BY depth DESC"""


def levels_to(
    region_id: int | None, team_id: int | None, year: int
) -> tuple[NodeRef | None, list[tuple[NodeRef | None, tuple[TeamNode, ...]]]]:
    """The tree read afresh down to a team: the region's highest teams, then the teams below
    each team on the way to `team_id`. Returns the team to select (None when it is not in
    the tree) and [(parent or None, its teams), ...]."""
    levels: list[tuple[NodeRef | None, tuple[TeamNode, ...]]] = [(None, top_teams(region_id, year))]
    if team_id is None:
        return None, levels
    chain = [i for (i,) in database.execute_sql(_ANCESTORS, {"team": team_id})] + [team_id]
    top = {row.ref.id for row in levels[0][1]}
    start = next((i for i, team in enumerate(chain) if team in top), None)
    if start is None:
        return None, levels
    levels += [(NodeRef("team", t), children(t, year)) for t in chain[start:-1]]
    return NodeRef("team", team_id), levels
