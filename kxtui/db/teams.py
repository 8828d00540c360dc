"""Volunteer teams (志愿服务队): the lazy tree 总队 → 支队 → 领域分队 → 专业队 with each team's
members and their hours this year, the teams a volunteer belongs to, and one team as its
forms read it (its record, members, the levels and parents it may have). Writes are in
`team_writes`.

A team's members are the distinct volunteers of the team and of every team below it — a
总队 counts its whole tree, each person once, as an officer reads "the general team has
7,000 volunteers". Their hours this year are those volunteers' service hours at activities
of this year that were not deleted, whichever team organised them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from peewee import Case

from kxtui.db import codes
from kxtui.db.engine import scope
from kxtui.db.engine.models import Region, Rows, Team, TeamMembership, Volunteer, database
from kxtui.db.engine.volunteer_index import SERVICE
from kxtui.db.errors import RefusedError
from kxtui.db.find import SUGGESTIONS, name_matches
from kxtui.db.keyset import region_subtree
from kxtui.db.numbers import hours as hours_of
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import Choice, Membership, NodeRef, TeamCounts, TeamDetail, TeamNode
from kxtui.domain import TeamLevel

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


# -- one team ----------------------------------------------------------------------

LEVELS = tuple(TeamLevel)  # the 总队 first


def rank(level: str | None) -> int:
    """A level's place from the top (总队 0); an unknown level ranks below every other."""
    return LEVELS.index(TeamLevel(level)) if level in LEVELS else len(LEVELS)


def levels_below(parent_level: str | None) -> tuple[TeamLevel, ...]:
    """The levels a team may have under a team of `parent_level` (None: at the top, any)."""
    return LEVELS if parent_level is None else LEVELS[rank(parent_level) + 1 :]


def live(team_id: int) -> Team:
    """The team, unless it is gone or dissolved (RefusedError)."""
    team = Team.find(team_id)
    if team is None or team.dissolved_at is not None:
        raise RefusedError("refused.gone")
    return team


# SQL, a subquery: the volunteers of the team :team and of every team below it (the roster's
# team filter, a team's hours statement)
TEAM_MEMBERS = """(WITH RECURSIVE below(id) AS (SELECT :team UNION ALL SELECT t.id FROM team t
  JOIN below ON t.parent_id = below.id) SELECT m.volunteer_id FROM team_membership m
  WHERE m.team_id IN below)"""


def subtree_ids(team_id: int) -> list[int]:
    """The team and every team below it."""
    sql = """WITH RECURSIVE below(id) AS (SELECT ? UNION ALL
      SELECT t.id FROM team t JOIN below b ON t.parent_id = b.id) SELECT id FROM below"""
    return [i for (i,) in database.execute_sql(sql, (team_id,))]


_DETAIL = """SELECT t.id, t.version, t.name, t.level, t.domain, r.id, r.name, r.path,
  l.id, l.name, p.id, p.name, p.level
FROM team t JOIN region r ON r.id = t.region_id
LEFT JOIN volunteer l ON l.id = t.leader_id LEFT JOIN team p ON p.id = t.parent_id
WHERE t.id = ? AND t.dissolved_at IS NULL"""


def detail(team_id: int) -> TeamDetail | None:
    """A team as its form edits it; None when it no longer exists or was dissolved."""
    row = database.execute_sql(_DETAIL, (team_id,)).fetchone()
    if row is None:
        return None
    id_, version, name, level, domain, region_id, region, path, leader_id, leader, *parent = row
    scope.require_path_visible(path)
    return TeamDetail(
        id_, version, name, level, domain, Choice(region_id, region),
        Choice(leader_id, leader) if leader_id else None,
        Choice(parent[0], parent[1]) if parent[0] else None, parent[2], path,
    )  # fmt: skip


def counts(team_id: int) -> TeamCounts:
    """What dissolving the team touches (see `TeamCounts`)."""
    sub_teams, members, activities = database.execute_sql(
        "SELECT (SELECT COUNT(*) FROM team WHERE parent_id = :t AND dissolved_at IS NULL),"
        " (SELECT COUNT(*) FROM team_membership WHERE team_id = :t),"
        " (SELECT COUNT(*) FROM activity WHERE organiser_team_id = :t AND deleted_at IS NULL)",
        {"t": team_id},
    ).fetchone()
    return TeamCounts(sub_teams, members, activities)


def members(team_id: int) -> tuple[Choice, ...]:
    """The team's own members (not those of the teams below it), by name, each with their
    village; the flag marks those not registered on the national platform."""
    team = live(team_id)
    scope.require_visible(team.region_id)
    rows = (
        Volunteer.select(Volunteer.id, Volunteer.name, Region.name, Volunteer.platform_registered)
        .join(TeamMembership, on=TeamMembership.volunteer == Volunteer.id)
        .switch(Volunteer)
        .join(Region)
        .where(TeamMembership.team == team_id)
        .order_by(Volunteer.pinyin, Volunteer.id)
        .tuples()
    )
    return tuple(
        Choice(i, name, where, not registered) for i, name, where, registered in cast(Rows, rows)
    )


def find_parents(team_id: int, text: str) -> tuple[Choice, ...]:
    """Teams the team may move under, matching `text` (characters, pinyin or initials): of a
    higher level, in the officer's view and the team's county, neither the team nor below it."""
    team = live(team_id)
    county = database.execute_sql(
        "SELECT c.path FROM region r JOIN region c ON r.path LIKE c.path || '%'"
        " AND c.parent_id IS NULL WHERE r.id = ?",
        (team.region_id,),
    ).fetchone()
    query = Team.select(Team.id, Team.name, Region.name).join(Region)
    query = query.where(
        scope.in_view(Region.path),
        Team.dissolved_at.is_null(),
        Team.level.in_([level.value for level in LEVELS[: rank(team.level)]]),
        Team.id.not_in(subtree_ids(team_id)),
    )
    if county:
        lo, hi = subtree_bounds(county[0])
        query = query.where(Region.path >= lo, Region.path < hi)
    if text.strip():
        query = query.where(name_matches(Team, text.strip()))
    by_level = Case(Team.level, [(level.value, i) for i, level in enumerate(LEVELS)])
    rows = query.order_by(by_level, Team.sort_order).limit(SUGGESTIONS).tuples()
    return tuple(Choice(i, name, where) for i, name, where in cast(Rows, rows))
