"""How a typed name finds people, best first: the roster's search and the activity form's
volunteer suggestions rank the same way.

A query matches a volunteer by a search key (`volunteer_index`). Matches come in three tiers:
exact (the whole name, full pinyin, initials or mobile is the query: `zw` → 张伟, 赵伟), prefix
(one of them begins with it: 张伟明), then the rest (a later syllable or character: 刘泽伟).
Suggestions then put the people of the activity's village first, then of its town, then of
its organising team, then those who served most recently; the roster its chosen order. Last,
the name sort key and the id, so the same query always lists the same people the same way.
"""

from __future__ import annotations

from typing import Any

from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.volunteer_index import HIGHEST, query_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import Choice
from kxtui.domain import TOWN_LEVEL, VILLAGE_LEVEL

SUGGESTIONS = 12
NARROW = 1_000  # up to this many key matches, suggestions start from them, else from the county
# a volunteer's whole keys: what an exact or a prefix match is a match of
_WHOLE = ("v.name", "v.pinyin", "v.initials", "v.mobile")
TIER = (
    "(CASE WHEN " + " OR ".join(f"{c} = :q" for c in _WHOLE) + " THEN 0"
    " WHEN " + " OR ".join(f"substr({c}, 1, :q_length) = :q" for c in _WHOLE) + " THEN 1"
    " ELSE 2 END)"
)  # fmt: skip
_IN_RANGE = "k.key >= :q AND k.key < :q_end"
# a volunteer the query matches: checked per volunteer (many matches), or read from the keys
_MATCHES = f"EXISTS (SELECT 1 FROM volunteer_key k WHERE k.volunteer_id = v.id AND {_IN_RANGE})"
_FEW_MATCHES = f"v.id IN (SELECT k.volunteer_id FROM volunteer_key k WHERE {_IN_RANGE})"


def search_params(text: str, params: dict[str, Any]) -> bool:
    """Put the query's parameters of `TIER` and of the key range in `params`; False when `text`
    searches nothing (blank, or only punctuation)."""
    key = query_key(text)
    if key:
        params.update(q=key, q_end=key + HIGHEST, q_length=len(key))
    return bool(key)


def matches_at_most(key: str, limit: int) -> bool:
    """Whether at most `limit` search keys begin with `key` (reads at most limit + 1)."""
    (count,) = database.execute_sql(
        "SELECT COUNT(*) FROM (SELECT 1 FROM volunteer_key WHERE key >= ? AND key < ? LIMIT ?)",
        (key, key + HIGHEST, limit + 1),
    ).fetchone()
    return bool(count <= limit)


def find_volunteers(
    region_id: int | None,
    text: str,
    venue_id: int | None = None,
    team_id: int | None = None,
) -> tuple[Choice, ...]:
    """Active volunteers of the activity's county (`region_id`'s) whom `text` finds by name,
    pinyin, initials or mobile, best first (see the module); `venue_id` and `team_id` are
    the activity's venue and organising team, when chosen. The flag marks those not
    registered on the national platform."""
    params: dict[str, Any] = {"limit": SUGGESTIONS}
    if not search_params(text, params):
        return ()
    few = matches_at_most(params["q"], NARROW)
    conditions = ["v.active", _FEW_MATCHES if few else _MATCHES, *scope.view_sql("r.path", params)]
    place = _place_path(region_id, venue_id)
    if place is not None:
        params["county_lo"], params["county_hi"] = subtree_bounds(_ancestor(place, 1))
        conditions.append("r.path >= :county_lo AND r.path < :county_hi")
    sql = (
        f"{_team_members(team_id, params)}"
        "SELECT v.id, v.name, r.name, v.platform_registered FROM volunteer v"
        " JOIN region r ON r.id = v.region_id"
        " LEFT JOIN volunteer_service vs ON vs.volunteer_id = v.id"
        f" WHERE {' AND '.join(conditions)}"
        f" ORDER BY {TIER}, {_locality(place, team_id, params)}"
        "COALESCE(vs.last_served, '') DESC, v.sort_key, v.id LIMIT :limit"
    )
    rows = database.execute_sql(sql, params).fetchall()
    return tuple(Choice(i, name, where, not registered) for i, name, where, registered in rows)


def _place_path(region_id: int | None, venue_id: int | None) -> str | None:
    """The path of where the activity takes place: its venue's region, else its region."""
    if venue_id is not None:
        row = database.execute_sql(
            "SELECT r.path FROM venue x JOIN region r ON r.id = x.region_id WHERE x.id = ?",
            (venue_id,),
        ).fetchone()
        if row is not None:
            return row[0]
    if region_id is not None:
        row = database.execute_sql("SELECT path FROM region WHERE id = ?", (region_id,)).fetchone()
        if row is not None:
            return row[0]
    return None


def _ancestor(path: str, depth: int) -> str:
    """The path of the ancestor at `depth` (1: the county) of the region at `path`."""
    return "/" + "/".join(path.strip("/").split("/")[:depth]) + "/"


def _locality(place: str | None, team_id: int | None, params: dict[str, Any]) -> str:
    """An ORDER BY term ranking a volunteer by where they live and serve, with its comma: 0 in
    the activity's village, 1 in its town, 2 in its organising team, 3 elsewhere (none when
    the activity has no village, town or team: ORDER BY 3 would mean the third column)."""
    cases = []
    if place is not None:
        ids = scope.path_ids(place)
        kinds = dict(
            database.execute_sql(
                f"SELECT path, kind FROM region WHERE id IN ({', '.join('?' * len(ids))})", ids
            ).fetchall()
        )
        for rank, level in ((0, VILLAGE_LEVEL), (1, TOWN_LEVEL)):
            path = next((p for p, kind in kinds.items() if kind in level), None)
            if path is not None:
                params[f"lo{rank}"], params[f"hi{rank}"] = subtree_bounds(path)
                cases.append(f"WHEN r.path >= :lo{rank} AND r.path < :hi{rank} THEN {rank}")
    if team_id is not None:
        cases.append("WHEN v.id IN members THEN 2")
    return f"(CASE {' '.join(cases)} ELSE 3 END), " if cases else ""


def _team_members(team_id: int | None, params: dict[str, Any]) -> str:
    """A WITH clause naming `members`: the volunteers of the team and of every team below it."""
    if team_id is None:
        return ""
    params["team"] = team_id
    return (
        "WITH RECURSIVE below(id) AS (SELECT :team UNION ALL"
        " SELECT t.id FROM team t JOIN below ON t.parent_id = below.id),"
        " members(id) AS (SELECT m.volunteer_id FROM team_membership m WHERE m.team_id IN below) "
    )
