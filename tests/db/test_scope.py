"""Region scopes, enforced in the data layer: officers of different roles on the demo county.

A town officer of 阜安街道, a village liaison of 郭庄村 who may also see 胶莱镇, a viewer of
胶州市: each rule is proved on regions, venues, activities, volunteers, teams, imports and
exports, against what a county admin of the whole database sees.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kxtui.db import (
    activities,
    find,
    ledger,
    officers,
    region_writes,
    regions,
    roster,
    roster_checks,
    search,
    service_history,
    stats,
    teams,
    venues,
    volunteer_search,
)
from kxtui.db import volunteers as volunteer_db
from kxtui.db.drafts import drafts, save_draft
from kxtui.db.engine import scope
from kxtui.db.engine.models import (
    Activity,
    AuditEntry,
    OfficerAccount,
    Region,
    Team,
    Venue,
    Volunteer,
)
from kxtui.db.errors import NotSignedIn, RefusedError, ValidationError
from kxtui.db.rows import (
    ActivityInput,
    LedgerFilter,
    NodeRef,
    OfficerInput,
    RegionInput,
    RosterFilter,
    VenueInput,
    VolunteerInput,
)
from kxtui.db.sheets import import_volunteers as volunteer_import
from kxtui.db.sheets.columns import header
from kxtui.db.sheets.export_activities import count_activities, export_activities, regions_named
from kxtui.db.sheets.import_activities import check_sheet, import_sheet
from kxtui.domain import AccessRole
from tests.conftest import ADMIN, FROZEN_AT


def region(name: str) -> Region:
    return Region.get(Region.name == name)


def path_of(name: str) -> str:
    return region(name).path


def officer(user: str, role: AccessRole, where: str | None, view: str | None = None):
    """Add the account (as the whole-database admin) and sign in as it."""
    scope.sign_in(ADMIN)
    place = region(where).id if where else None
    wider = region(view).id if view else None
    officers.add_officer(OfficerInput(user, f"{user}姓名", role, place, wider))
    return scope.sign_in(officers.session_for(user, OfficerAccount.get(user_name=user)))


def refused(call, *args) -> RefusedError:  # type: ignore[no-untyped-def]
    with pytest.raises(RefusedError) as raised:
        call(*args)
    return raised.value


def field_errors(call, *args) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as raised:
        call(*args)
    return {field: key for field, (key, _) in raised.value.errors.items()}


def town_officer():  # type: ignore[no-untyped-def]
    return officer("fuan", AccessRole.TOWN_STAFF, "阜安街道")


def liaison():  # type: ignore[no-untyped-def]
    return officer("guo", AccessRole.VILLAGE_LIAISON, "郭庄村", view="胶莱镇")


def venue_input(name: str = "新阵地") -> VenueInput:
    return VenueInput(name=name, type="community_station", level="", contact="", phone="",
                      address="", six={})  # fmt: skip


def activity_input(where: str) -> ActivityInput:
    return ActivityInput(title="科普讲座", start="2026-11-01", end="", duration="2",
                         region_id=region(where).id, format="lecture", people_reached="30",
                         confirmed=True)  # fmt: skip


# -- nobody signed in --------------------------------------------------------------------------


def test_nobody_signed_in_reads_and_writes_nothing(demo_db: Path) -> None:
    scope.sign_out()
    for call, args in (
        (regions.children, (None,)),
        (search.search, ("胶州",)),
        (ledger.totals, (LedgerFilter(),)),
        (roster.count, (RosterFilter(),)),
        (stats.county_stats, ()),
        (volunteer_search.find_volunteers, (None, "张")),
        (region_writes.create_region, (None, RegionInput("新县", "county"))),
        (drafts, ()),
    ):
        with pytest.raises(NotSignedIn):
            call(*args)


# -- regions ---------------------------------------------------------------------------------


def test_the_tree_starts_at_the_officers_own_region(demo_db: Path) -> None:
    county = region("胶州市")
    assert [row.name for row in regions.children(None)] == ["胶州市", "荆州区"]
    whole_town = regions.children(region("阜安街道").id)
    town_officer()
    top = regions.children(None)
    assert [row.name for row in top] == ["阜安街道"]
    assert top[0].venues == 5 and top[0].communities == 11  # counted within the view
    assert regions.children(region("阜安街道").id) == whole_town
    assert [row.name for row in regions.children(county.id)] == ["阜安街道"]  # no county venues
    assert regions.children(region("荆州区").id) == ()
    village = region("馨泰社区")
    crumbs = regions.path_to_root(NodeRef("region", village.id))
    assert [crumb.name for crumb in crumbs] == ["阜安街道", "馨泰社区"]
    assert regions.path_to_root(NodeRef("region", region("郭庄村").id)) == ()


def test_region_detail_outside_the_view_is_refused(demo_db: Path) -> None:
    town_officer()
    assert regions.detail(region("馨泰社区").id, FROZEN_AT.date()) is not None
    error = refused(regions.detail, region("胶莱镇").id, FROZEN_AT.date())
    assert error.key == "refused.out_of_view"
    assert error.params == {"region": "胶州市/胶莱镇", "scope": "胶州市/阜安街道"}
    county = county_id("胶州市")
    assert refused(regions.detail, county, FROZEN_AT.date()).key == "refused.out_of_view"


def county_id(name: str) -> int:
    return Region.get(Region.name == name, Region.parent.is_null()).id


def test_region_writes_outside_the_edit_subtree_are_refused(demo_db: Path) -> None:
    town_officer()
    mine = region_writes.create_region(region("馨泰社区").id, RegionInput("一网格", "grid"))
    assert Region.get_by_id(mine).path.startswith(path_of("阜安街道"))
    other = region("郭庄村")
    error = refused(region_writes.create_region, other.id, RegionInput("一网格", "grid"))
    assert error.key == "refused.out_of_scope"
    assert error.params == {"region": "胶州市/胶莱镇/郭庄村", "scope": "胶州市/阜安街道"}
    assert refused(region_writes.create_region, None, RegionInput("新县", "county")).key == (
        "refused.top_level"
    )
    renamed = RegionInput("改名村", "village")
    assert refused(region_writes.update_region, other.id, other.version, renamed).key == (
        "refused.out_of_scope"
    )
    assert (
        refused(region_writes.delete_region, other.id, other.version).key == "refused.out_of_scope"
    )
    assert region("郭庄村").name == "郭庄村"


# -- venues ----------------------------------------------------------------------------------


def test_venue_writes_follow_the_liaisons_village_not_their_wider_view(demo_db: Path) -> None:
    liaison()
    assert [row.name for row in regions.children(None)] == ["胶莱镇"]
    village = region("郭庄村")
    venue_id = venues.create_venue(village.id, venue_input())
    assert Venue.get_by_id(venue_id).region_id == village.id
    seen = Venue.get(Venue.name == "王家疃中草药种植科普教育基地")  # in 胶莱镇: visible
    assert venues.detail(seen.id, FROZEN_AT.date()) is not None
    for call, args in (
        (venues.create_venue, (region("王家疃村").id, venue_input())),
        (venues.update_venue, (seen.id, seen.version, venue_input("改名"))),
        (venues.delete_venue, (seen.id, seen.version)),
    ):
        assert refused(call, *args).key == "refused.out_of_scope"
    elsewhere = Venue.get(Venue.name == "阜安街道科普活动中心")
    assert refused(venues.detail, elsewhere.id, FROZEN_AT.date()).key == "refused.out_of_view"


# -- activities and the ledger ----------------------------------------------------------------


def test_activities_outside_the_edit_subtree_are_refused(demo_db: Path) -> None:
    town_officer()
    created = activities.create_activity(activity_input("馨泰社区"))
    assert Activity.get_by_id(created).region_id == region("馨泰社区").id
    errors = field_errors(activities.create_activity, activity_input("郭庄村"))
    assert errors == {"region": "field.out_of_scope"}
    foreign = Activity.select().join(Region).where(Region.path.startswith(path_of("胶莱镇")))
    other = foreign.get()
    for call, args in (
        (activities.update_activity, (other.id, other.version, activity_input("馨泰社区"))),
        (activities.delete_activity, (other.id, other.version)),
        (activities.restore_activity, (other.id,)),
    ):
        assert refused(call, *args).key == "refused.out_of_scope"
    assert refused(ledger.detail, other.id).key == "refused.out_of_view"
    mine = Activity.get_by_id(created)  # and one's own cannot be moved out of the subtree
    moved = activity_input("郭庄村")
    assert field_errors(activities.update_activity, created, mine.version, moved) == {
        "region": "field.out_of_scope"
    }


def test_the_ledger_and_lookups_are_clipped_to_the_view(demo_db: Path) -> None:
    town = region("阜安街道")
    whole = ledger.totals(LedgerFilter())
    in_town = ledger.totals(LedgerFilter(region_id=town.id))
    town_officer()
    assert ledger.totals(LedgerFilter()) == in_town != whole
    assert ledger.totals(LedgerFilter(region_id=county_id("胶州市"))) == in_town  # clipped
    assert ledger.totals(LedgerFilter(region_id=county_id("荆州区"))).activities == 0
    rows = ledger.page(LedgerFilter(), limit=500)
    assert len(rows) == in_town.activities
    live = Activity.select().join(Region).where(Activity.deleted_at.is_null())
    assert live.where(scope.in_view(Region.path)).count() == in_town.activities
    inside = path_of("阜安街道")
    for choice in find.find_regions("村"):
        assert region_by_id(choice.id).path.startswith(inside)
    assert find.find_regions("郭庄") == ()
    for choice in find.find_venues(None, "科普"):
        assert Venue.get_by_id(choice.id).region.path.startswith(inside)
    assert find.find_venues(region("胶莱镇").id, "") == ()
    assert find.find_regions_below(county_id("胶州市"), "")[0].name == "阜安街道"
    for choice in volunteer_search.find_volunteers(None, "王"):
        assert Volunteer.get_by_id(choice.id).region.path.startswith(inside)


def region_by_id(region_id: int) -> Region:
    return Region.get_by_id(region_id)


def test_jump_to_and_stats_see_only_the_view(demo_db: Path) -> None:
    assert search.search("郭庄村")
    town_officer()
    assert search.search("郭庄村") == ()
    hits = search.search("馨泰")
    assert hits and all(hit.where[0] == "阜安街道" for hit in hits)  # from the view root down
    (row,) = stats.county_stats()
    assert row.name == "阜安街道" and row.villages == 13 and row.venues == 5


# -- volunteers and teams -----------------------------------------------------------------------


def volunteer_input(where: str) -> VolunteerInput:
    return VolunteerInput(name="范围测试", region_id=region(where).id, mobile="13912340000",
                          confirmed=True)  # fmt: skip


def test_volunteers_outside_the_edit_subtree_are_refused(demo_db: Path) -> None:
    in_town = roster.count(RosterFilter(region_id=region("阜安街道").id))
    town_officer()
    assert roster.count(RosterFilter()) == in_town
    assert roster.count(RosterFilter(region_id=county_id("荆州区"))) == 0
    created = volunteer_db.create_volunteer(volunteer_input("馨泰社区"))
    assert field_errors(volunteer_db.create_volunteer, volunteer_input("郭庄村")) == {
        "region": "field.out_of_scope"
    }
    other = Volunteer.select().join(Region).where(Region.path.startswith(path_of("胶莱镇"))).get()
    data = volunteer_input("馨泰社区")._replace(name=other.name, mobile="")
    assert refused(volunteer_db.update_volunteer, other.id, other.version, data).key == (
        "refused.out_of_scope"
    )
    assert refused(volunteer_db.volunteer_detail, other.id).key == "refused.out_of_view"
    assert volunteer_db.volunteer_detail(created) is not None
    assert volunteer_db.find_homes("郭庄") == ()
    assert volunteer_db.find_homes("馨泰")


def test_teams_are_seen_only_within_the_view(demo_db: Path) -> None:
    town_officer()
    inside = path_of("阜安街道")
    found = find.find_teams(None, "队")
    assert found and all(Team.get_by_id(c.id).region.path.startswith(inside) for c in found)
    assert find.find_teams(None, "胶莱镇") == ()
    foreign = Team.select().join(Region).where(Region.path.startswith(path_of("胶莱镇"))).get()
    assert roster.count(RosterFilter(team_id=foreign.id)) == 0
    year = FROZEN_AT.year
    tops = teams.top_teams(None, year)  # the team tree of the officer's whole view
    assert tops and all(Team.get_by_id(n.ref.id).region.path.startswith(inside) for n in tops)
    assert refused(teams.top_teams, region("胶莱镇").id, year).key == "refused.out_of_view"
    assert refused(teams.children, foreign.id, year).key == "refused.out_of_view"
    member = Volunteer.select().join(Region).where(Region.path.startswith(path_of("胶莱镇"))).get()
    assert refused(service_history.page, member.id).key == "refused.out_of_view"
    small = roster_checks.small_teams(None, 10_000)  # every team without teams below it
    assert small.rows and all(
        Team.get_by_id(row.id).region.path.startswith(inside) for row in small.rows
    )
    assert {row.name for row in roster_checks.density(None).rows} == {
        r.name for r in Region.select().where(Region.parent == region("阜安街道"))
    }
    assert refused(roster_checks.density, region("胶莱镇").id).key == "refused.out_of_view"
    assert refused(roster_checks.small_teams, region("胶莱镇").id, 20).key == "refused.out_of_view"


# -- imports and exports ----------------------------------------------------------------------


def test_an_import_reports_each_row_outside_the_scope(demo_db: Path, tmp_path: Path) -> None:
    everything = tmp_path / "all.csv"
    export_activities(LedgerFilter(region_id=county_id("胶州市")), everything)
    rows = list(csv.reader(io.StringIO(everything.read_text(encoding="utf-8-sig"), newline="")))
    place = rows[0].index(header("region"))
    for row in rows[1:]:
        row[0] = ""  # no 编号: every row is a new activity
    path = tmp_path / "new.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    in_town = [row for row in rows[1:] if row[place].split("/")[0] == "阜安街道"]
    town_officer()
    report = check_sheet(path)
    outside = {p.row for p in report.errors if p.key == "field.out_of_scope"}
    assert report.bad == len(outside) == len(rows) - 1 - len(in_town) > 0
    assert {p.column for p in report.errors if p.row in outside} == {"region"}
    assert import_sheet(path).imported == 0  # bad rows: nothing
    before = AuditEntry.select().count()
    done = import_sheet(path, valid_only=True)
    assert done.imported == len(in_town) > 0
    entries = AuditEntry.select().where(AuditEntry.id > before)
    assert {(e.actor, e.officer_id) for e in entries} == {
        ("fuan", OfficerAccount.get(user_name="fuan").id)
    }


def test_an_export_holds_only_the_view(demo_db: Path, tmp_path: Path) -> None:
    in_town = count_activities(LedgerFilter(region_id=region("阜安街道").id))
    town_officer()
    assert count_activities(LedgerFilter()) == in_town
    result = export_activities(LedgerFilter(), tmp_path / "mine.csv")
    assert result.rows == in_town
    text = (tmp_path / "mine.csv").read_text(encoding="utf-8-sig")
    assert "胶莱镇" not in text
    assert regions_named("胶莱镇") == ()
    assert [name for _, name in regions_named("馨泰社区")] == ["胶州市/阜安街道/馨泰社区"]


# -- viewers, drafts, audit ------------------------------------------------------------------


def test_a_viewer_reads_and_is_refused_every_write(demo_db: Path, tmp_path: Path) -> None:
    officer("chakan", AccessRole.VIEWER, "胶州市")
    assert [row.name for row in regions.children(None)] == ["胶州市"]
    assert ledger.totals(LedgerFilter()).activities > 0
    village = region("郭庄村")
    for call, args in (
        (region_writes.create_region, (village.id, RegionInput("一网格", "grid"))),
        (venues.create_venue, (village.id, venue_input())),
        (activities.create_activity, (activity_input("郭庄村"),)),
        (volunteer_db.create_volunteer, (volunteer_input("郭庄村"),)),
        (check_sheet, (tmp_path / "none.csv",)),
        (volunteer_import.check_file, (tmp_path / "none.csv",)),
        (volunteer_import.import_file, (tmp_path / "none.csv",)),
    ):
        error = refused(call, *args)
        assert error.key == "refused.viewer" and error.params == {"name": "chakan姓名"}


def test_drafts_belong_to_the_unix_user(demo_db: Path) -> None:
    town_officer()
    save_draft("venue", "new:1", "阜安的草稿", {"values": {}})
    liaison()
    assert drafts() == ()
    save_draft("venue", "new:1", "郭庄的草稿", {"values": {}})
    assert [d.summary for d in drafts()] == ["郭庄的草稿"]
    scope.sign_in(officers.session_for("fuan", OfficerAccount.get(user_name="fuan")))
    assert [d.summary for d in drafts()] == ["阜安的草稿"]


def test_audit_entries_name_the_unix_user_and_the_officer(demo_db: Path) -> None:
    signed_in = liaison()
    venue_id = venues.create_venue(region("郭庄村").id, venue_input())
    entry = AuditEntry.get(AuditEntry.entity == "venue", AuditEntry.entity_id == venue_id)
    assert (entry.actor, entry.officer_id) == ("guo", signed_in.officer_id)
    assert entry.officer.user_name == "guo"  # resolvable to the account
    assert Venue.get_by_id(venue_id).created_by == "guo"
