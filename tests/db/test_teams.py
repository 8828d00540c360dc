"""The team tree's counts, a volunteer's memberships and service history, against a small
county whose numbers are worked out by hand below."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kxtui.db import service_history, teams, volunteers
from kxtui.db.models import Activity, Region, ServiceRecord, Team, TeamMembership, Venue, Volunteer
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import NodeRef
from kxtui.domain import TeamLevel

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
