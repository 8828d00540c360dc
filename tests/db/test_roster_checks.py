"""Every roster check against a small county built by hand: each must find exactly the cases
planted in it, and the roster's pages and count must agree."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kxtui.db import roster, roster_checks, volunteers
from kxtui.db.engine import volunteer_index
from kxtui.db.engine.models import (
    Activity,
    AuditEntry,
    Officer,
    Region,
    ServiceRecord,
    Team,
    TeamMembership,
    Volunteer,
    database,
)
from kxtui.db.rows import RosterFilter, VolunteerInput

YEAR = 2026
AT = datetime(2026, 1, 5, 9, 0)
STAMP = {"created_at": AT, "created_by": "t", "updated_at": AT, "updated_by": "t"}
VALID_ID = "370281198203125831"
BAD_CHECKSUM = "370281198203125832"
OTHER_VALID_ID = "421003200002290043"


def region(name: str, kind: str, parent: Region | None, population: int | None = None) -> Region:
    row = Region.create(name=name, kind=kind, parent=parent, pinyin=name, initials=name,
                        path="/", population=population, **STAMP)  # fmt: skip
    row.path = (parent.path if parent else "/") + f"{row.id}/"
    row.save()
    return row


class County:
    """The hand-built county: who is planted for which check."""

    def __init__(self) -> None:
        self.county = region("测试县", "county", None)
        self.town = region("甲镇", "town", self.county, population=5000)
        self.village = region("一村", "village", self.town, population=1000)
        self.other_village = region("二村", "village", self.town)
        self.grid = region("一村第一网格", "grid", self.village)
        self.other_town = region("乙镇", "town", self.county)
        self.far_village = region("三村", "village", self.other_town)
        self.ids: dict[str, int] = {}
        self.serial = 0

    def volunteer(self, key: str, home: Region | None = None, **values: Any) -> int:
        self.serial += 1
        row = {"name": f"志愿者{self.serial:02d}", "pinyin": f"zhiyuanzhe{self.serial:02d}",
               "initials": "zyz", "region": home or self.village,
               "mobile": f"1380000{self.serial:04d}", "platform_registered": True,
               "platform_id": f"DMZY{self.serial:08d}", **STAMP, **values}  # fmt: skip
        self.ids[key] = Volunteer.create(**row).id
        return self.ids[key]


@pytest.fixture
def county(empty_db: Path) -> County:
    c = County()
    with database.atomic():
        c.volunteer("fine")
        c.volunteer("unregistered", platform_registered=False, platform_id=None)
        c.volunteer("registered_without_id", platform_id=None)
        c.volunteer("no_mobile", mobile=None)
        c.volunteer("bad_mobile", mobile="12345678901")
        c.volunteer("bad_id", id_number=BAD_CHECKSUM)
        c.volunteer("same_id_1", id_number=VALID_ID)
        c.volunteer("same_id_2", id_number=VALID_ID)
        c.volunteer("same_mobile_1", mobile="13912345678")
        c.volunteer("same_mobile_2", mobile="13912345678")
        born = date(1990, 4, 1)
        c.volunteer("namesake_1", name="王芳", birth_date=born)
        c.volunteer("namesake_2", name="王芳", birth_date=born, home=c.far_village)
        c.volunteer("same_name_other_birth", name="王芳", birth_date=date(1991, 4, 1))
        c.volunteer("valid_id", id_number=OTHER_VALID_ID)
        c.volunteer("inactive_in_team", active=False)
        c.volunteer("inactive_alone", active=False)
        c.volunteer("in_grid", home=c.grid)
        c.volunteer("far", home=c.far_village)
        volunteer_index.refresh_service()
        volunteer_index.check_id_numbers()
        branch = Team.create(name="甲镇支队", pinyin="", initials="", level="branch",
                             region=c.town, **STAMP)  # fmt: skip
        small = Team.create(name="甲镇一队", pinyin="", initials="", level="professional",
                            region=c.village, parent=branch, **STAMP)  # fmt: skip
        big = Team.create(name="甲镇二队", pinyin="", initials="", level="professional",
                          region=c.town, parent=branch, **STAMP)  # fmt: skip
        empty = Team.create(name="乙镇一队", pinyin="", initials="", level="professional",
                            region=c.other_town, **STAMP)  # fmt: skip
        c.teams = {"branch": branch.id, "small": small.id, "big": big.id, "empty": empty.id}
        members = {small: ("fine", "unregistered", "inactive_in_team"),
                   big: ("no_mobile", "bad_mobile", "bad_id", "same_id_1", "same_id_2",
                         "valid_id"),
                   branch: ("fine",)}  # fmt: skip
        for team, keys in members.items():
            for key in keys:
                TeamMembership.create(team=team, volunteer=c.ids[key])
        officer = {"pinyin": "", "initials": "", **STAMP}
        Officer.create(name="网格员甲", role="grid_officer", region=c.grid, **officer)
        Officer.create(name="网格员乙", role="grid_officer", region=c.grid,
                       volunteer=c.ids["in_grid"], **officer)  # fmt: skip
        Officer.create(name="网格员丙", role="grid_officer", region=c.grid, active=False,
                       **officer)  # fmt: skip
        Officer.create(name="联络员", role="village_liaison", region=c.village, **officer)
        Officer.create(name="乙镇网格员", role="grid_officer", region=c.far_village, **officer)
        AuditEntry.create(at=AT, actor="t", action="test", entity="database")
    return c


def found(f: RosterFilter) -> set[int]:
    """The volunteers a filter shows, page by page, checked against its count."""
    ids: list[int] = []
    rows = roster.page(f, YEAR, limit=3)
    while rows:
        ids += [row.id for row in rows]
        rows = roster.page(f, YEAR, after=rows[-1].key, limit=3)
    assert len(ids) == len(set(ids)) == roster.count(f)
    return set(ids)


def planted(county: County, *keys: str) -> set[int]:
    return {county.ids[key] for key in keys}


@pytest.mark.parametrize(
    ("check", "keys"),
    [
        ("platform", ("unregistered", "registered_without_id")),
        ("contact", ("no_mobile", "bad_mobile", "bad_id")),
        ("duplicate", ("same_id_1", "same_id_2", "same_mobile_1", "same_mobile_2",
                       "namesake_1", "namesake_2")),
        ("inactive_in_team", ("inactive_in_team",)),
    ],
)  # fmt: skip
def test_each_check_finds_exactly_what_was_planted(county: County, check: str, keys) -> None:
    assert found(RosterFilter(check=check)) == planted(county, *keys)


def test_checks_combine_with_the_other_filters(county: County) -> None:
    f = RosterFilter(check="duplicate", region_id=county.other_town.id)
    assert found(f) == planted(county, "namesake_2")
    team = RosterFilter(check="contact", team_id=county.teams["branch"])  # teams below too
    assert found(team) == planted(county, "no_mobile", "bad_mobile", "bad_id")


def test_not_served_in_the_period(county: County) -> None:
    def activity(day: date) -> Activity:
        return Activity.create(title="讲座", start_date=day, end_date=day, format="lecture",
                               region=county.village, **STAMP)  # fmt: skip

    this_year, last_year = activity(date(YEAR, 3, 1)), activity(date(YEAR - 1, 3, 1))
    for who, at in (("fine", this_year), ("far", this_year), ("bad_id", last_year)):
        ServiceRecord.create(activity=at, volunteer=county.ids[who], hours=Decimal(2))
    year = RosterFilter(served=False, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    assert found(year) == set(county.ids.values()) - planted(county, "fine", "far")
    march = RosterFilter(served=False, start=date(YEAR, 3, 1), end=date(YEAR, 3, 31))
    assert found(march._replace(region_id=county.other_town.id)) == planted(county, "namesake_2")


def test_the_id_number_check_follows_every_write(county: County) -> None:
    data = VolunteerInput(name="新人", region_id=county.village.id, mobile="13700001111",
                          id_number=OTHER_VALID_ID[:-1] + "1")  # fmt: skip
    with pytest.raises(Exception):  # noqa: B017 (the form refuses a bad number at once)
        volunteers.create_volunteer(data)
    new = volunteers.create_volunteer(data._replace(id_number="11010519491231002X"))
    assert Volunteer.get_by_id(new).id_number_valid is True
    assert new not in found(RosterFilter(check="contact"))
    with database.atomic():  # a number that stopped passing (a data fix outside the form)
        Volunteer.update(id_number="11010519491231002Y").where(Volunteer.id == new).execute()
        volunteer_index.check_id_numbers([new])
    assert new in found(RosterFilter(check="contact"))


def test_duplicates_are_counted_again_after_a_write(county: County) -> None:
    before = found(RosterFilter(check="duplicate"))
    new = volunteers.create_volunteer(
        VolunteerInput(
            name="王芳", region_id=county.grid.id, birth_date="1991-04-01", confirmed=True
        )  # a namesake lives in the village
    )
    after = found(RosterFilter(check="duplicate"))
    assert after == before | {new, county.ids["same_name_other_birth"]}


def test_teams_below_the_minimum_count_active_members_of_teams_with_none_below(
    county: County,
) -> None:
    listed = roster_checks.small_teams(county.county.id, 5)
    assert [(t.name, t.active, t.members) for t in listed.rows] == [
        ("乙镇一队", 0, 0),
        ("甲镇一队", 2, 3),  # the inactive member is not counted; the 支队 has teams below
    ]
    assert listed.total == 2
    assert [t.id for t in roster_checks.small_teams(county.town.id, 5).rows] == [
        county.teams["small"]
    ]
    assert roster_checks.small_teams(county.county.id, 2).rows[0].name == "乙镇一队"
    assert len(roster_checks.small_teams(county.county.id, 7).rows) == 3


def test_density_per_thousand_residents_or_per_village(county: County) -> None:
    towns = roster_checks.density(county.county.id).rows
    assert [(r.name, r.volunteers, r.population, r.villages) for r in towns] == [
        ("甲镇", 16, 5000, 2),
        ("乙镇", 2, None, 1),
    ]
    assert towns[0].per_thousand == Decimal("3.2") and towns[1].per_thousand is None
    assert towns[1].per_village == 2
    villages = roster_checks.density(county.town.id).rows
    assert [(r.name, r.volunteers, r.per_thousand, r.per_village) for r in villages] == [
        ("一村", 16, 16, 16),  # its grid's volunteer included
        ("二村", 0, None, 0),
    ]
    assert [r.name for r in roster_checks.density(None).rows] == ["测试县"]


def test_grid_officers_who_are_not_volunteers(county: County) -> None:
    everywhere = roster_checks.grid_officers_not_volunteers(county.county.id)
    assert [(o.name, o.grid, o.community) for o in everywhere.rows] == [
        ("网格员甲", "一村第一网格", "一村"),
        ("乙镇网格员", "三村", "乙镇"),
    ]
    town = roster_checks.grid_officers_not_volunteers(county.other_town.id)
    assert [o.name for o in town.rows] == ["乙镇网格员"] and town.total == 1


def test_lists_show_the_first_rows_and_count_them_all(county: County, monkeypatch) -> None:
    monkeypatch.setattr(roster_checks, "LIST_LIMIT", 1)
    listed = roster_checks.grid_officers_not_volunteers(None)
    assert len(listed.rows) == 1 and listed.total == 2


def test_checks_at_scale_read_the_partial_indexes(county: County) -> None:
    for check, index in (("contact", "volunteer_contact_problem"),
                         ("inactive_in_team", "volunteer_inactive")):  # fmt: skip
        conditions, params, _ = roster.where_clause(RosterFilter(check=check), None)
        sql = f"SELECT COUNT(*) FROM volunteer v WHERE {' AND '.join(conditions)}"
        plan = " ".join(r[3] for r in database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params))
        assert f"INDEX {index}" in plan, plan


def test_every_demo_id_number_is_checked(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as connection:
        unchecked = connection.execute(
            "SELECT COUNT(*) FROM volunteer WHERE (id_number IS NULL) <> (id_number_valid IS NULL)"
        ).fetchone()
        checked = connection.execute(
            "SELECT COUNT(*) FROM volunteer WHERE id_number_valid = 1"
        ).fetchone()
    assert unchecked == (0,) and checked[0] > 1000


def test_undoing_an_edit_checks_the_id_number_it_puts_back(county: County) -> None:
    from kxtui.db import undo
    from kxtui.db.engine.models import AuditEntry as Entry

    who = county.ids["bad_id"]  # an old record whose number fails the checks
    fixed = VolunteerInput(name=Volunteer.get_by_id(who).name, region_id=county.village.id,
                           mobile="13800000006", id_number="11010519491231002X")  # fmt: skip
    volunteers.update_volunteer(who, Volunteer.get_by_id(who).version, fixed)
    assert who not in found(RosterFilter(check="contact"))
    undo.undo(Entry.select().order_by(Entry.id.desc()).first().id)
    assert Volunteer.get_by_id(who).id_number == BAD_CHECKSUM
    assert who in found(RosterFilter(check="contact"))
