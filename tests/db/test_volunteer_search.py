"""How a typed name finds people: the activity form's suggestions and the roster's search rank
exact matches, then prefix matches, then the rest; suggestions then by the activity's village,
town and organising team, then by the last service; always the same order for the same query.
Checked against a ranking computed here in Python over every volunteer of the county."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db import roster, volunteers
from kxtui.db.engine.models import Region, Team, TeamMembership, Venue, Volunteer, VolunteerService
from kxtui.db.engine.volunteer_index import search_keys
from kxtui.db.pinyin import search_key
from kxtui.db.rows import RosterFilter, VolunteerInput
from kxtui.db.volunteer_search import SUGGESTIONS, find_volunteers
from kxtui.domain import TOWN_LEVEL, VILLAGE_LEVEL


def region(name: str) -> Region:
    return Region.get(Region.name == name)


def add(name: str, home: str, mobile: str = "") -> int:
    data = VolunteerInput(name=name, region_id=region(home).id, mobile=mobile, confirmed=True)
    return volunteers.create_volunteer(data)


def tier(v: Volunteer, key: str) -> int:
    whole = [v.name, v.pinyin, v.initials, v.mobile or ""]
    if key in whole:
        return 0
    return 1 if any(w.startswith(key) for w in whole) else 2


def ancestor(path: str, kinds: tuple[str, ...]) -> str | None:
    ids = [int(i) for i in path.strip("/").split("/")]
    for depth, region_id in enumerate(ids, start=1):
        if Region.get_by_id(region_id).kind in kinds:
            return "/" + "/".join(map(str, ids[:depth])) + "/"
    return None


def expected(query: str, place: Region, team: int | None = None) -> list[int]:
    """The suggestions, ranked here: every active volunteer of the place's county."""
    key = search_key(query) if query.isascii() else query
    county = ancestor(place.path, ("county",))
    village, town = ancestor(place.path, VILLAGE_LEVEL), ancestor(place.path, TOWN_LEVEL)
    members = set()
    if team is not None:
        below, todo = set(), [team]
        while todo:
            below.add(todo[-1])
            todo += [t.id for t in Team.select().where(Team.parent == todo.pop())]
        members = {
            m.volunteer_id for m in TeamMembership.select().where(TeamMembership.team.in_(below))
        }
    last = {s.volunteer_id: str(s.last_served or "") for s in VolunteerService.select()}
    ranked = []
    for v in Volunteer.select(Volunteer, Region).join(Region).where(Volunteer.active):
        if not v.region.path.startswith(county):
            continue
        if not any(k.startswith(key) for k in search_keys(v.name, v.mobile)):
            continue
        home = v.region.path
        locality = (
            0 if village and home.startswith(village)
            else 1 if town and home.startswith(town)
            else 2 if v.id in members
            else 3
        )  # fmt: skip
        ranked.append(
            ((tier(v, key), locality, _descending(last.get(v.id, "")), v.sort_key, v.id), v.id)
        )
    return [i for _, i in sorted(ranked)[:SUGGESTIONS]]


def _descending(day: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in day) + (1,)  # "" (never served) after every date


def names(choices) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for c in choices]


def test_exact_initials_before_prefix_before_the_rest(demo_db: Path) -> None:
    village = region("刘家岭村")
    ids = {add(n, village.name): n for n in ("张伟", "赵伟", "刘泽伟", "张伟明")}
    found = find_volunteers(village.id, "zw")
    shown = names(found)
    # the two whose initials are exactly zw, of the activity's village, first
    assert shown[:2] == ["张伟", "赵伟"]
    assert shown.index("张伟明") < shown.index("刘泽伟")
    key = "zw"
    tiers = [tier(Volunteer.get_by_id(c.id), key) for c in found]
    assert tiers == sorted(tiers) and tiers[0] == 0 and 2 in tiers
    assert [c.id for c in found] == expected("zw", village)
    assert set(ids) <= {c.id for c in found}


def test_full_pinyin_and_characters_rank_the_same_way(demo_db: Path) -> None:
    village = region("刘家岭村")
    for name in ("张伟", "刘张伟", "张伟明"):
        add(name, village.name)
    for query in ("zhangwei", "张伟"):
        found = find_volunteers(village.id, query)
        assert names(found)[0] == "张伟"
        assert names(found).index("张伟明") < names(found).index("刘张伟")
        assert [c.id for c in found] == expected(query, village)


def test_the_same_name_in_two_villages_comes_first_where_the_activity_is(demo_db: Path) -> None:
    here, there = region("刘家岭村"), region("韩家营村")  # two villages of 阜安街道
    mine, theirs = add("王佳", here.name), add("王佳", there.name)
    at_here = [c.id for c in find_volunteers(here.id, "wj")]
    at_there = [c.id for c in find_volunteers(there.id, "wj")]
    assert at_here[0] == mine and at_there[0] == theirs
    assert at_here == expected("wj", here) and at_there == expected("wj", there)
    venue = Venue.get(Venue.region == there.id)  # its village counts, whatever the region
    by_venue = [c.id for c in find_volunteers(here.id, "wj", venue.id)]
    assert by_venue[0] == theirs


def test_the_same_query_lists_the_same_people_in_the_same_order(demo_db: Path) -> None:
    county = region("胶州市")
    first = find_volunteers(county.id, "wj")
    assert all(find_volunteers(county.id, "wj") == first for _ in range(3))
    assert [c.id for c in first] == expected("wj", county)
    # the town's people before the county's, for a place in a town but in no village
    town = region("胶莱镇")
    assert [c.id for c in find_volunteers(town.id, "wj")] == expected("wj", town)


def test_the_organising_teams_people_come_before_others(demo_db: Path) -> None:
    county = region("胶州市")
    leaves = (
        Team.select()
        .join(Region)
        .where(
            Region.path.startswith(county.path),
            Team.id.not_in(Team.select(Team.parent).where(Team.parent.is_null(False))),
        )
    )
    team = next(t for t in leaves if TeamMembership.select().where(TeamMembership.team == t))
    members = {
        m.volunteer_id
        for m in TeamMembership.select()
        .join(Volunteer)
        .where(TeamMembership.team == team, Volunteer.active)
    }
    # an active member whose initials, without the team, first suggest someone outside it
    query = next(
        initials
        for initials in sorted({Volunteer.get_by_id(i).initials for i in members})
        if find_volunteers(county.id, initials)[0].id not in members
    )
    with_team = [c.id for c in find_volunteers(county.id, query, None, team.id)]
    assert with_team == expected(query, county, team.id)
    assert with_team[0] in members


@pytest.mark.parametrize("query", ["zw", "wj", "z", "张", "138", "zhang"])
def test_the_roster_ranks_a_search_and_pages_through_it(demo_db: Path, query: str) -> None:
    f = RosterFilter(text=query)
    rows = roster.page(f, 2026, limit=10_000)
    assert len(rows) == roster.count(f)
    key = search_key(query) if query.isascii() else query
    ranks = [(tier(Volunteer.get_by_id(r.id), key), r.key[1:]) for r in rows]
    assert ranks == sorted(ranks)  # by tier, then by name (the sort key, the id)
    assert [r.key[0] for r in rows] == [t for t, _ in ranks]
    paged, after = [], None
    while page := roster.page(f, 2026, after=after, limit=7):
        paged += page
        after = page[-1].key
    assert [r.id for r in paged] == [r.id for r in rows]
    back = roster.page(f, 2026, before=rows[20].key, limit=7) if len(rows) > 20 else ()
    assert [r.id for r in back] == [r.id for r in rows[13:20]]
