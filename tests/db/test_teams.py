"""The team tree's counts, a volunteer's memberships and service history, against a small
county whose numbers are worked out by hand below."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kxtui.db import (
    audit,
    find,
    region_writes,
    service_history,
    team_writes,
    teams,
    undo,
    volunteers,
)
from kxtui.db.audit_text import shown as shown_changes
from kxtui.db.engine import scope
from kxtui.db.engine.models import (
    Activity,
    AuditEntry,
    Region,
    ServiceRecord,
    Team,
    TeamMembership,
    Venue,
    Volunteer,
)
from kxtui.db.engine.writes import editable
from kxtui.db.errors import ConflictError, RefusedError, ValidationError
from kxtui.db.lookups import Lookups
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import NodeRef, TeamCounts, TeamInput
from kxtui.db.sheets.columns import Problem
from kxtui.db.sheets.places import Regions
from kxtui.domain import AccessRole, TeamLevel
from tests.conftest import FROZEN_AT

YEAR = 2026
AT = datetime(2026, 1, 1)
TRACKED = {"created_at": AT, "created_by": "t", "updated_at": AT, "updated_by": "t"}


def region(name: str, kind: str, parent: Region | None) -> Region:
    r = Region.create(name=name, kind=kind, parent=parent, pinyin=name, initials=name, path="",
                      **TRACKED)  # fmt: skip
    r.path = f"{parent.path if parent else '/'}{r.id}/"
    r.save()
    return r


def team(name: str, level: str, where: Region, parent: Team | None = None) -> Team:
    full, initials = pinyin_keys(name)
    return Team.create(name=name, level=level, region=where, parent=parent, pinyin=full,
                       initials=initials, sort_order=Team.select().count(), **TRACKED)  # fmt: skip


def activity(day: str, where: Region, service: dict[Volunteer, str], **extra: Any) -> Activity:
    a = Activity.create(title=f"活动{day}", start_date=day, end_date=day, region=where,
                        format="lecture", **TRACKED, **extra)  # fmt: skip
    for volunteer, hours in service.items():
        ServiceRecord.create(activity=a, volunteer=volunteer, hours=Decimal(hours))
    return a


@pytest.fixture
def county(empty_db: Path) -> dict[str, Any]:
    """总队 G (county C) → 支队 B1 (town T1) → 领域分队 D1 → 专业队 P1 (village V1), and 支队 B2
    (town T2); 总队 G2 in another county. Members: a in D1, P1 and B2; b in P1; c in B1; d in
    B2; e in G2. Hours in 2026: a 2, b 3, c 4, d 1.5 (a's 10 were in 2025, c's 5 at a deleted
    activity)."""
    c, c2 = region("甲县", "county", None), region("乙县", "county", None)
    t1, t2 = region("一镇", "town", c), region("二镇", "town", c)
    v1, v2 = region("一村", "village", t1), region("二村", "village", t2)
    g = team("甲县总队", TeamLevel.GENERAL, c)
    b1 = team("一镇支队", TeamLevel.BRANCH, t1, g)
    d1 = team("一镇健康分队", TeamLevel.DOMAIN_DIVISION, t1, b1)
    p1 = team("一村专业队", TeamLevel.PROFESSIONAL, v1, d1)
    b2 = team("二镇支队", TeamLevel.BRANCH, t2, g)
    g2 = team("乙县总队", TeamLevel.GENERAL, c2)
    people = {
        name: Volunteer.create(
            name=name, pinyin=name, initials=name, region=v1 if name < "d" else v2, **TRACKED
        )  # fmt: skip
        for name in "abcde"
    }
    for name, joined in (("a", [d1, p1, b2]), ("b", [p1]), ("c", [b1]), ("d", [b2]), ("e", [g2])):
        for day, t in enumerate(joined, start=1):
            TeamMembership.create(team=t, volunteer=people[name], joined_on=date(2024, 1, day))
    venue = Venue.create(name="一村科普馆", type="science_museum", region=v1, pinyin="",
                         initials="", **TRACKED)  # fmt: skip
    a, b, c_, d, e = (people[n] for n in "abcde")
    activity("2026-03-01", v1, {a: "2", b: "3", d: "1.5"}, venue=venue)
    activity("2025-12-31", v1, {a: "10"})
    activity("2026-06-01", v2, {c_: "5"}, deleted_at=AT)
    activity("2026-12-31", v2, {c_: "4"})
    activity("2027-01-01", v2, {e: "7"})
    names = {"C": c, "T1": t1, "T2": t2, "V1": v1, "V2": v2}
    return {"regions": names, "teams": {"G": g, "B1": b1, "D1": d1, "P1": p1, "B2": b2,
            "G2": g2}, "people": people}  # fmt: skip


def shown(rows: tuple) -> list[tuple[str, int, Decimal, bool]]:
    return [(r.name, r.members, r.hours_this_year, r.expandable) for r in rows]


def test_each_level_counts_distinct_members_below_and_their_hours_this_year(county) -> None:
    t = county["teams"]
    assert shown(teams.top_teams(county["regions"]["C"].id, YEAR)) == [
        ("甲县总队", 4, Decimal("10.5"), True),  # a, b, c, d: 2 + 3 + 4 + 1.5
    ]
    assert shown(teams.children(t["G"].id, YEAR)) == [
        ("一镇支队", 3, Decimal(9), True),  # a (twice below), b, c
        ("二镇支队", 2, Decimal("3.5"), False),  # a and d
    ]
    assert shown(teams.children(t["B1"].id, YEAR)) == [("一镇健康分队", 2, Decimal(5), True)]
    assert shown(teams.children(t["D1"].id, YEAR)) == [("一村专业队", 2, Decimal(5), False)]
    assert teams.children(t["P1"].id, YEAR) == ()
    assert shown(teams.children(t["G"].id, YEAR - 1))[0] == ("一镇支队", 3, Decimal(10), True)
    node = teams.top_teams(county["regions"]["C"].id, YEAR)[0]
    assert node.ref == NodeRef("team", t["G"].id) and node.level == TeamLevel.GENERAL


def test_the_top_of_a_region_is_its_highest_teams(county) -> None:
    r = county["regions"]

    def top(region_id: int | None) -> list[str]:
        return [row.name for row in teams.top_teams(region_id, YEAR)]

    assert top(r["T1"].id) == ["一镇支队"]
    assert top(r["T2"].id) == ["二镇支队"]
    assert top(r["V1"].id) == ["一村专业队"]
    assert top(r["V2"].id) == []
    assert top(None) == ["甲县总队", "乙县总队"]
    assert shown(teams.top_teams(None, YEAR))[1] == ("乙县总队", 1, Decimal(0), False)


def test_memberships_name_the_path_from_the_general_team(county) -> None:
    a = county["people"]["a"]
    got = [(m.path, m.joined_on) for m in teams.memberships_of(a.id)]
    assert got == [
        (("甲县总队", "一镇支队", "一镇健康分队"), date(2024, 1, 1)),
        (("甲县总队", "一镇支队", "一镇健康分队", "一村专业队"), date(2024, 1, 2)),
        (("甲县总队", "二镇支队"), date(2024, 1, 3)),
    ]
    detail = volunteers.volunteer_detail(a.id)
    assert detail is not None
    assert [c.name for c in detail.teams] == ["一镇健康分队", "一村专业队", "二镇支队"]
    assert (detail.activities, detail.hours) == (2, Decimal(12))
    detail = volunteers.volunteer_detail(county["people"]["c"].id)
    assert detail is not None and (detail.activities, detail.hours) == (1, Decimal(4))
    assert volunteers.volunteer_detail(999_999) is None


def test_history_is_newest_first_with_the_venue_or_region_and_no_deleted(county) -> None:
    p = county["people"]
    got = [(h.start_date, h.place, h.hours) for h in service_history.page(p["a"].id)]
    assert got == [(date(2026, 3, 1), "一村科普馆", Decimal(2)), (date(2025, 12, 31), "一村", 10)]
    got = [(h.start_date, h.place) for h in service_history.page(p["c"].id)]
    assert got == [(date(2026, 12, 31), "二村")]


def test_history_pages_forward_and_back_match_sql(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as connection:
        (busiest,) = connection.execute(
            "SELECT volunteer_id FROM service_record GROUP BY volunteer_id "
            "ORDER BY COUNT(*) DESC, volunteer_id LIMIT 1"
        ).fetchone()
        latest = connection.execute(
            "SELECT a.id FROM service_record s JOIN activity a ON a.id = s.activity_id "
            "WHERE s.volunteer_id = ? ORDER BY a.start_date DESC, a.id DESC LIMIT 1",
            (busiest,),
        ).fetchone()[0]
        connection.execute("UPDATE activity SET deleted_at = '2026-11-01' WHERE id = ?", (latest,))
        expected = [
            row[0]
            for row in connection.execute(
                "SELECT a.id FROM service_record s JOIN activity a ON a.id = s.activity_id "
                "WHERE s.volunteer_id = ? AND a.deleted_at IS NULL "
                "ORDER BY a.start_date DESC, a.id DESC",
                (busiest,),
            )
        ]
    assert len(expected) > 6 and latest not in expected
    pages = [service_history.page(busiest, limit=3)]
    while pages[-1]:
        pages.append(service_history.page(busiest, after=pages[-1][-1].key, limit=3))
    assert [h.activity_id for page in pages for h in page] == expected
    back = service_history.page(busiest, before=pages[1][0].key, limit=3)
    assert back == pages[0]
    far = service_history.page(busiest, offset=3, limit=3)
    assert far == pages[1]
    detail = volunteers.volunteer_detail(busiest)
    assert detail is not None and detail.activities == len(expected)


# -- managing teams ---------------------------------------------------------------------


def entries(entity: str, entity_id: int) -> list[tuple[str, dict[str, Any]]]:
    rows = AuditEntry.select().where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
    return [(e.action, json.loads(e.changes)) for e in rows.order_by(AuditEntry.id)]


def field_errors(call: Any, *args: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        call(*args)
    return {field: key for field, (key, _) in raised.value.errors.items()}


def new(name: str, level: str, region: Region, leader: Volunteer | None = None) -> TeamInput:
    return TeamInput(name, level, "health", region.id, leader.id if leader else None)


def test_a_team_is_added_under_a_team_at_a_lower_level_inside_its_region(county) -> None:
    r, t, p = county["regions"], county["teams"], county["people"]
    made = team_writes.create_team(t["D1"].id, new("一村义诊队", "professional", r["V1"], p["b"]))
    stored = teams.detail(made)
    assert (stored.name, stored.level, stored.domain) == ("一村义诊队", "professional", "health")
    assert (stored.parent.name, stored.region.name, stored.leader.name) == (
        "一镇健康分队",
        "一村",
        "b",
    )
    assert [row.name for row in teams.children(t["D1"].id, YEAR)] == ["一村专业队", "一村义诊队"]
    assert Team.get_by_id(made).initials == "ycyzd"
    [(action, changes)] = entries("team", made)
    assert action == "create" and changes["parent"] == [None, "一镇健康分队"]
    assert changes["region"] == [None, "一村"] and changes["team_level"] == [None, "professional"]
    # a level not below the parent's, a region outside the parent's, a sibling's name
    assert field_errors(
        team_writes.create_team, t["D1"].id, new("一村专业队", "branch", r["V2"])
    ) == {"name": "field.duplicate_sibling", "level": "field.team_level_under",
          "region": "field.team_region_outside_parent"}  # fmt: skip
    # no parent: any level, anywhere the officer edits
    top = team_writes.create_team(None, new("二村服务队", "professional", r["V2"]))
    assert [row.name for row in teams.top_teams(r["V2"].id, YEAR)] == ["二村服务队"]
    assert teams.detail(top).parent is None


def test_an_edit_keeps_the_teams_below_in_order_and_refuses_a_stale_version(county) -> None:
    r, t = county["regions"], county["teams"]
    b1 = teams.detail(t["B1"].id)
    renamed = TeamInput("一镇科技支队", "branch", "education", r["T1"].id, None)
    team_writes.update_team(b1.id, b1.version, renamed)
    after = teams.detail(b1.id)
    assert (after.name, after.domain, after.version) == (
        "一镇科技支队",
        "education",
        b1.version + 1,
    )
    assert Team.get_by_id(b1.id).pinyin == "yizhenkejizhidui"
    assert entries("team", b1.id)[-1] == (
        "update",
        {"name": ["一镇支队", "一镇科技支队"], "domain": [None, "education"]},
    )
    with pytest.raises(ConflictError):  # someone saved since the form read it
        team_writes.update_team(b1.id, b1.version, renamed._replace(name="又一名"))
    # below a 领域分队 already, and the 专业队 below it lives in 一村, not 二镇
    lower = renamed._replace(level="professional", region_id=r["T2"].id)
    assert field_errors(team_writes.update_team, b1.id, after.version, lower) == {
        "level": "field.team_level_over", "region": "field.team_region_below"
    }  # fmt: skip
    team_writes.update_team(b1.id, after.version, renamed)  # unchanged: nothing written
    assert teams.detail(b1.id).version == after.version


def test_a_move_refuses_the_team_itself_a_team_below_it_and_a_lower_level(county) -> None:
    t = county["teams"]
    d1 = teams.detail(t["D1"].id)
    for parent, error in (
        (t["D1"].id, "field.team_under_itself"),
        (t["P1"].id, "field.team_under_itself"),  # below it: a cycle
        (None, "field.required"),
    ):
        assert field_errors(team_writes.move_team, d1.id, d1.version, parent) == {"parent": error}
    p1 = teams.detail(t["P1"].id)
    assert field_errors(team_writes.move_team, p1.id, p1.version, t["B2"].id) == {
        "parent": "field.team_parent_region"  # 一村 is not in 二镇
    }
    assert field_errors(team_writes.move_team, d1.id, d1.version, t["B2"].id) == {
        "parent": "field.team_parent_region"
    }
    # the parents offered: higher levels only, not itself nor below it, in its county
    assert [c.name for c in teams.find_parents(d1.id, "")] == [
        "甲县总队",
        "一镇支队",
        "二镇支队",
    ]
    assert [c.name for c in teams.find_parents(p1.id, "一镇")] == ["一镇支队", "一镇健康分队"]
    # the 专业队 under the 支队 directly (as 一校七队's teams are): it takes its members along
    team_writes.move_team(p1.id, p1.version, t["B1"].id)
    assert [row.name for row in teams.children(t["B1"].id, YEAR)] == ["一镇健康分队", "一村专业队"]
    assert shown(teams.children(t["D1"].id, YEAR)) == []
    parent = {"parent": ["一镇健康分队", "一镇支队"], "parent_id": [t["D1"].id, t["B1"].id]}
    assert entries("team", p1.id)[-1] == ("update", parent)


def test_dissolving_is_refused_with_teams_below_and_keeps_the_record(county) -> None:
    t, p = county["teams"], county["people"]
    d1 = teams.detail(t["D1"].id)
    assert teams.counts(d1.id) == TeamCounts(sub_teams=1, members=1, activities=0)
    with pytest.raises(RefusedError) as refused:
        team_writes.dissolve_team(d1.id, d1.version)
    assert refused.value.key == "refused.team_has_sub_teams" and refused.value.params["count"] == 1
    p1 = teams.detail(t["P1"].id)
    Activity.update(organiser_team=p1.id).where(Activity.title == "活动2026-03-01").execute()
    assert teams.counts(p1.id) == TeamCounts(sub_teams=0, members=2, activities=1)
    team_writes.dissolve_team(p1.id, p1.version)
    assert teams.detail(p1.id) is None and teams.children(d1.id, YEAR) == ()
    assert Team.get_by_id(p1.id).dissolved_by == "tester"  # the record stays, for the ledger
    assert Volunteer.get_or_none(Volunteer.id == p["b"].id) is not None
    assert [m.path[-1] for m in teams.memberships_of(p["a"].id)] == ["一镇健康分队", "二镇支队"]
    assert entries("team", p1.id)[-1] == (
        "dissolve",
        {"dissolved": [False, True], "members": ["a、b", None],
         "members_ids": [[p["a"].id, p["b"].id], None]},
    )  # fmt: skip
    # gone from every list: suggestions, a volunteer's teams, the tree's count of D1
    assert "一村专业队" not in [c.name for c in find.find_teams(None, "一村")]
    assert Lookups().known_teams([p1.id, d1.id]) == {d1.id}
    places = Regions(None)  # nor does a spreadsheet name it
    places.load_teams(["一村专业队", "一镇健康分队"])
    assert list(places.teams) == ["一镇健康分队"]
    # its name stays taken under its parent
    again = new("一村专业队", "professional", county["regions"]["V1"])
    assert field_errors(team_writes.create_team, d1.id, again) == {
        "name": "field.team_name_dissolved"
    }
    # then D1 has none below: it may go
    d1 = teams.detail(d1.id)
    assert teams.counts(d1.id).sub_teams == 0
    team_writes.dissolve_team(d1.id, d1.version)


def test_members_join_and_leave_in_one_write_each_volunteer_audited(county) -> None:
    t, p = county["teams"], county["people"]
    b2 = teams.detail(t["B2"].id)
    assert [m.name for m in teams.members(b2.id)] == ["a", "d"]
    d_version = Volunteer.get_by_id(p["d"].id).version
    team_writes.set_members(b2.id, b2.version, (p["a"].id, p["c"].id, p["b"].id))
    assert [m.name for m in teams.members(b2.id)] == ["a", "b", "c"]
    assert TeamMembership.get(team=b2.id, volunteer=p["c"].id).joined_on == FROZEN_AT.date()
    assert entries("team", b2.id)[-1] == (
        "update",
        {"joined": [None, "c、b"], "joined_ids": [None, [p["c"].id, p["b"].id]],
         "left": ["d", None], "left_ids": [[p["d"].id], None]},
    )  # fmt: skip
    assert entries("volunteer", p["d"].id)[-1] == ("update", {"teams": [[b2.id], []]})
    before = sorted([t["B1"].id, b2.id])
    assert entries("volunteer", p["c"].id)[-1] == ("update", {"teams": [[t["B1"].id], before]})
    assert Volunteer.get_by_id(p["d"].id).version == d_version + 1  # an open form conflicts
    assert shown(teams.children(t["G"].id, YEAR))[1][:2] == ("二镇支队", 3)
    with pytest.raises(ConflictError):
        team_writes.set_members(b2.id, b2.version, ())
    assert field_errors(team_writes.set_members, b2.id, b2.version + 1, (p["a"].id, 99999)) == {
        "members": "field.members_gone"
    }


TOWN_ONE = scope.Session(user="yizhen", name="一镇王", role=AccessRole.TOWN_STAFF)
VIEWER = scope.Session(user="kan", name="查看员", role=AccessRole.VIEWER)


def test_an_officer_manages_the_teams_of_their_area_only_and_a_viewer_none(county) -> None:
    r, t, p = county["regions"], county["teams"], county["people"]
    scope.sign_in(replace(TOWN_ONE, edit_path=r["T1"].path, view_path=r["C"].path,
                          edit_name="甲县/一镇", view_name="甲县"))  # fmt: skip
    b2, p1 = teams.detail(t["B2"].id), teams.detail(t["P1"].id)
    for call, args in (
        (team_writes.update_team, (b2.id, b2.version, new("二镇支队", "branch", r["T2"]))),
        (team_writes.move_team, (b2.id, b2.version, t["G"].id)),
        (team_writes.dissolve_team, (b2.id, b2.version)),
        (team_writes.set_members, (b2.id, b2.version, ())),
    ):
        with pytest.raises(RefusedError) as refused:
            call(*args)
        assert refused.value.key == "refused.out_of_scope"
    # a team of their town: yes, under the county's 总队 too; based in the next town: no
    assert field_errors(team_writes.create_team, t["G"].id, new("二镇新队", "branch", r["T2"])) == {
        "region": "field.team_region_out_of_area"
    }
    made = team_writes.create_team(t["G"].id, new("一镇新队", "branch", r["T1"]))
    team_writes.set_members(p1.id, p1.version, (p["a"].id,))
    assert [m.name for m in teams.members(p1.id)] == ["a"] and made
    scope.sign_in(VIEWER)
    with pytest.raises(RefusedError) as refused:
        team_writes.create_team(None, new("看看", "general", r["C"]))
    assert refused.value.key == "refused.viewer"


# -- undoing team changes, dissolved teams elsewhere ----------------------------------


def last_entry(entity: str, entity_id: int) -> int:
    rows = AuditEntry.select(AuditEntry.id).where(
        AuditEntry.entity == entity, AuditEntry.entity_id == entity_id
    )
    return rows.order_by(AuditEntry.id.desc()).first().id


def refusal(entry_id: int) -> tuple[str, dict[str, Any]]:
    with pytest.raises(RefusedError) as refused:
        undo.undo(entry_id)
    return refused.value.key, refused.value.params


def member_names(team_id: int) -> list[str]:
    return [m.name for m in teams.members(team_id)]


def test_undo_of_a_team_edit_puts_its_fields_back(county) -> None:
    r, t, p = county["regions"], county["teams"], county["people"]
    p1 = teams.detail(t["P1"].id)
    edited = TeamInput("一村义诊队", "professional", "education", r["T1"].id, p["a"].id)
    team_writes.update_team(p1.id, p1.version, edited)
    entry = last_entry("team", p1.id)
    # the log shows names; the ids beside them (for the undo) are not shown
    fields = [c.field for c in audit.detail(entry).changes]
    assert {"region_id", "leader_id"} <= set(fields)
    assert [c.field for c in shown_changes(audit.detail(entry).changes)] == [
        "name", "domain", "region", "leader"
    ]  # fmt: skip
    undo.undo(entry)
    back = teams.detail(p1.id)
    assert (back.name, back.domain, back.region.id, back.leader) == (
        "一村专业队",
        None,
        r["V1"].id,
        None,
    )
    assert back.version == p1.version + 2
    assert [c.name for c in find.find_teams(None, "一村专业")] == ["一村专业队"]  # search keys
    assert refusal(entry)[0] == "undo.already"


def test_undo_of_an_edit_the_team_no_longer_allows_is_refused_with_the_forms_reason(county) -> None:
    r, t = county["regions"], county["teams"]
    d1 = teams.detail(t["D1"].id)
    team_writes.update_team(d1.id, d1.version, TeamInput("一镇卫生分队", "domain_division",
                                                         "health", r["T1"].id, None))  # fmt: skip
    renamed = last_entry("team", d1.id)
    team_writes.create_team(t["B1"].id, new("一镇健康分队", "domain_division", r["T1"]))
    assert refusal(renamed)[0] == "field.duplicate_sibling"
    assert teams.detail(d1.id).name == "一镇卫生分队"


def test_undo_of_a_move_puts_the_team_back_under_its_old_parent(county) -> None:
    t = county["teams"]
    p1 = teams.detail(t["P1"].id)
    team_writes.move_team(p1.id, p1.version, t["B1"].id)
    moved = last_entry("team", p1.id)
    undo.undo(moved)
    assert teams.detail(p1.id).parent.id == t["D1"].id
    assert [row.name for row in teams.children(t["D1"].id, YEAR)] == ["一村专业队"]
    # moved again, then the old parent dissolved: the undo does not put it under that
    p1 = teams.detail(p1.id)
    team_writes.move_team(p1.id, p1.version, t["B1"].id)
    moved = last_entry("team", p1.id)
    d1 = teams.detail(t["D1"].id)
    team_writes.dissolve_team(d1.id, d1.version)
    assert refusal(moved) == ("undo.parent_dissolved", {"team": "一镇健康分队"})
    assert teams.detail(p1.id).parent.id == t["B1"].id


def test_undo_of_a_members_change_brings_them_back_each_volunteer_audited(county) -> None:
    t, p = county["teams"], county["people"]
    b2 = teams.detail(t["B2"].id)
    team_writes.set_members(b2.id, b2.version, (p["a"].id, p["c"].id))  # c joins, d leaves
    entry = last_entry("team", b2.id)
    c_version = Volunteer.get_by_id(p["c"].id).version
    undo.undo(entry)
    assert member_names(b2.id) == ["a", "d"]
    assert Volunteer.get_by_id(p["c"].id).version == c_version + 1
    assert entries("volunteer", p["d"].id)[-1] == ("update", {"teams": [[], [b2.id]]})
    assert entries("team", b2.id)[-1][1]["joined"] == [None, "d"]


def test_undo_of_a_dissolve_brings_the_team_back_with_its_members(county) -> None:
    t, p = county["teams"], county["people"]
    p1 = teams.detail(t["P1"].id)
    team_writes.dissolve_team(p1.id, p1.version)
    dissolved = last_entry("team", p1.id)
    undo.undo(dissolved)
    assert teams.detail(p1.id) is not None and member_names(p1.id) == ["a", "b"]
    assert [row.name for row in teams.children(t["D1"].id, YEAR)] == ["一村专业队"]
    assert entries("volunteer", p["b"].id)[-1] == ("update", {"teams": [[], [p1.id]]})
    # dissolved again, and then the team above it: not restored under a dissolved team
    p1 = teams.detail(p1.id)
    team_writes.dissolve_team(p1.id, p1.version)
    again = last_entry("team", p1.id)
    d1 = teams.detail(t["D1"].id)
    team_writes.dissolve_team(d1.id, d1.version)
    assert refusal(again) == ("undo.parent_dissolved", {"team": "一镇健康分队"})
    assert Team.get_by_id(p1.id).dissolved_at is not None and member_names_raw(p1.id) == []


def member_names_raw(team_id: int) -> list[int]:
    rows = TeamMembership.select(TeamMembership.volunteer).where(TeamMembership.team == team_id)
    return [v for (v,) in rows.tuples()]


def test_no_undo_puts_anyone_back_into_a_team_dissolved_since(county) -> None:
    t, p = county["teams"], county["people"]
    p1 = teams.detail(t["P1"].id)
    team_writes.set_members(p1.id, p1.version, (p["a"].id,))  # b leaves P1
    chosen, b_left = last_entry("team", p1.id), last_entry("volunteer", p["b"].id)
    p1 = teams.detail(p1.id)
    team_writes.dissolve_team(p1.id, p1.version)
    a_left = last_entry("volunteer", p["a"].id)  # the dissolve's own entry of a
    for entry in (chosen, b_left, a_left):
        assert refusal(entry) == ("undo.team_dissolved", {"team": "一村专业队"})
    assert member_names_raw(p1.id) == []
    assert [m.path[-1] for m in teams.memberships_of(p["b"].id)] == []
    # a volunteer form's change of teams likewise
    team_writes.create_team(t["D1"].id, new("一村义诊队", "professional", county["regions"]["V1"]))
    assert refusal(last_entry("team", Team.select().order_by(Team.id.desc()).first().id))[0] == (
        "undo.create_kept"
    )


def test_dissolving_gives_each_member_a_new_version_so_an_open_form_conflicts(county) -> None:
    t, p = county["teams"], county["people"]
    a_before, c_before = (Volunteer.get_by_id(p[n].id).version for n in "ac")
    p1 = teams.detail(t["P1"].id)
    team_writes.dissolve_team(p1.id, p1.version)
    assert Volunteer.get_by_id(p["a"].id).version == a_before + 1
    assert Volunteer.get_by_id(p["c"].id).version == c_before  # not a member: unchanged
    a_teams = sorted([t["D1"].id, p1.id, t["B2"].id])
    assert entries("volunteer", p["a"].id)[-1] == (
        "update", {"teams": [a_teams, sorted([t["D1"].id, t["B2"].id])]}
    )  # fmt: skip
    with pytest.raises(ConflictError):  # a form opened on a before saves over this version
        editable(Volunteer, p["a"].id, a_before)


def test_a_sheet_naming_a_dissolved_team_says_it_was_dissolved(county) -> None:
    t = county["teams"]
    p1 = teams.detail(t["P1"].id)
    team_writes.dissolve_team(p1.id, p1.version)
    places = Regions(None)
    places.load_teams(["一村专业队", "无此队"])
    problems: list[Problem] = []
    county_id = county["regions"]["C"].id
    assert places.team(2, "一村专业队", county_id, problems) is None
    assert places.team(3, "无此队", county_id, problems) is None
    assert places.team(4, "一村专业队", county["regions"]["C"].id + 99, problems) is None
    assert [(p.row, p.key) for p in problems] == [
        (2, "sheet.team_dissolved"), (3, "sheet.team_unknown"), (4, "sheet.team_unknown")
    ]  # fmt: skip


def test_a_region_counts_dissolved_teams_apart_and_keeps_them(county) -> None:
    r, t = county["regions"], county["teams"]
    v1 = r["V1"]
    assert region_writes.dependants(v1.id).teams == 1
    p1 = teams.detail(t["P1"].id)
    team_writes.dissolve_team(p1.id, p1.version)
    # nothing else left in the village: only the dissolved team's record keeps it
    Activity.delete().where(Activity.region == v1.id).execute()
    Venue.delete().where(Venue.region == v1.id).execute()
    Volunteer.update(region=r["V2"].id).where(Volunteer.region == v1.id).execute()
    deps = region_writes.dependants(v1.id)
    assert (deps.teams, deps.dissolved_teams) == (0, 1) and deps.any()
    with pytest.raises(RefusedError) as refused:
        region_writes.delete_region(v1.id, Region.get_by_id(v1.id).version)
    assert refused.value.key == "refused.region_has_dependants"
    assert (refused.value.params["teams"], refused.value.params["dissolved_teams"]) == (0, 1)
