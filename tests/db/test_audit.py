"""The audit log: one entry per committed change with before and after values, none for a
rolled-back one, append-only, its queries, and undo."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from peewee import IntegrityError

from kxtui import clock
from kxtui.db import activities, audit, region_writes, venues, volunteers
from kxtui.db.engine import scope, writes
from kxtui.db.engine.models import Activity, AuditEntry, Region, ServiceRecord, Venue, Volunteer
from kxtui.db.errors import ConflictError, RefusedError, ValidationError
from kxtui.db.rows import (
    ActivityInput,
    AuditFilter,
    LedgerFilter,
    RegionInput,
    ServiceInput,
    VenueInput,
    VolunteerInput,
)
from kxtui.db.sheets.export_activities import export_activities
from kxtui.db.sheets.import_activities import import_sheet
from kxtui.db.undo import UNDO_HOURS, undo
from kxtui.domain import AccessRole
from tests.conftest import FROZEN_AT, LI


def town() -> Region:
    return Region.get(Region.name == "阜安街道")


def new_entries(since: int) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.id > since).order_by(AuditEntry.id))


def last_id() -> int:
    return AuditEntry.select(AuditEntry.id).order_by(AuditEntry.id.desc()).scalar() or 0


def changes(entry: AuditEntry) -> dict[str, list[Any]]:
    return json.loads(entry.changes)


def one_entry(since: int, action: str, entity: str, entity_id: int) -> dict[str, list[Any]]:
    """The write made exactly one entry, of this record; its changes, each [old, new]."""
    [entry] = new_entries(since)
    assert (entry.action, entry.entity, entry.entity_id) == (action, entity, entity_id)
    assert entry.actor == writes.current_actor() and entry.at == FROZEN_AT
    found = changes(entry)
    assert found and all(isinstance(v, list) and len(v) == 2 for v in found.values())
    return found


def activity_input(**changed: object) -> ActivityInput:
    data = ActivityInput(title="科普讲座", start="2026-11-01", end="", duration="2",
                         region_id=town().id, format="lecture", people_reached="100",
                         materials="50", service=(ServiceInput(1, "甲", "2"),))  # fmt: skip
    return data._replace(**changed)


def volunteer_input(**changed: object) -> VolunteerInput:
    home = Region.get(Region.kind == "village")
    data = VolunteerInput(name="审计测试", region_id=home.id, mobile="13912345678",
                          joined_on="2026-05-30")  # fmt: skip
    return data._replace(**changed)


# -- one entry per committed change ----------------------------------------------------------


def test_region_writes_each_record_one_entry_with_before_and_after(demo_db: Path) -> None:
    parent = town()
    since = last_id()
    village = region_writes.create_region(parent.id, RegionInput("审计村", "village", "", "800"))
    made = one_entry(since, "create", "region", village)
    assert made["name"] == [None, "审计村"] and made["population"] == [None, 800]
    assert AuditEntry.get(AuditEntry.id > since).region_path == f"{parent.path}{village}/"

    since = last_id()
    region_writes.update_region(village, 1, RegionInput("审计新村", "village", "", "900"))
    assert one_entry(since, "update", "region", village) == {
        "name": ["审计村", "审计新村"],
        "population": [800, 900],
    }
    since = last_id()
    region_writes.delete_region(village, 2)
    gone = one_entry(since, "delete", "region", village)
    assert gone["name"] == ["审计新村", None] and gone["parent_id"] == [parent.id, None]
    assert AuditEntry.get(AuditEntry.id > since).region_path == f"{parent.path}{village}/"


def test_venue_writes_each_record_one_entry_with_before_and_after(demo_db: Path) -> None:
    since = last_id()
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    made = one_entry(since, "create", "venue", venue)
    assert made["name"] == [None, "审计科普园"] and made["region_id"] == [None, town().id]
    since = last_id()
    venues.update_venue(venue, 1, VenueInput("审计科普园", "science_park", phone="13812345678"))
    assert one_entry(since, "update", "venue", venue) == {"phone": ["", "13812345678"]}
    since = last_id()
    venues.delete_venue(venue, 2)
    gone = one_entry(since, "delete", "venue", venue)
    assert gone["phone"] == ["13812345678", None] and gone["version"] == [2, None]


def test_activity_writes_each_record_one_entry_with_before_and_after(demo_db: Path) -> None:
    since = last_id()
    activity = activities.create_activity(activity_input())
    made = one_entry(since, "create", "activity", activity)
    assert made["title"] == [None, "科普讲座"] and made["service"] == [None, [[1, "2"]]]
    since = last_id()
    activities.update_activity(activity, 1, activity_input(people_reached="120"))
    assert one_entry(since, "update", "activity", activity) == {"people_reached": [100, 120]}
    since = last_id()
    activities.delete_activity(activity, 2)
    assert one_entry(since, "delete", "activity", activity) == {"deleted": [False, True]}
    since = last_id()
    activities.restore_activity(activity)
    assert one_entry(since, "restore", "activity", activity) == {"deleted": [True, False]}


def test_volunteer_writes_each_record_one_entry_with_before_and_after(demo_db: Path) -> None:
    since = last_id()
    volunteer = volunteers.create_volunteer(volunteer_input())
    made = one_entry(since, "create", "volunteer", volunteer)
    assert made["mobile"] == [None, "13912345678"] and made["teams"] == [None, []]
    since = last_id()
    volunteers.update_volunteer(volunteer, 1, volunteer_input(skills="无人机"))
    assert one_entry(since, "update", "volunteer", volunteer) == {"skills": ["", "无人机"]}


def test_an_import_records_one_entry_per_activity(demo_db: Path, tmp_path: Path) -> None:
    exported = tmp_path / "all.csv"
    export_activities(LedgerFilter(), exported)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))[:4]
    for row in rows[1:]:
        row[0] = ""  # no 编号: new activities
    with (tmp_path / "new.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    since = last_id()
    assert import_sheet(tmp_path / "new.csv").imported == 3
    entries = new_entries(since)
    assert [e.action for e in entries] == ["import"] * 3
    for entry in entries:
        activity = Activity.get_by_id(entry.entity_id)
        found = changes(entry)
        assert found["title"] == [None, activity.title]
        assert found["source"] == [None, f"new.csv:{entries.index(entry) + 2}"]
        assert entry.region_path == Region.get_by_id(activity.region_id).path
    undo(entries[0].id)  # an imported activity is undone like a new one: soft deleted
    assert Activity.get_by_id(entries[0].entity_id).deleted_at is not None
    assert changes(undone_entry(entries[0].id)) == {"deleted": [False, True]}


def test_a_refused_or_failed_write_leaves_no_entry(demo_db: Path) -> None:
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    since = last_id()
    with pytest.raises(ValidationError):
        venues.create_venue(town().id, VenueInput("", "science_park"))
    with pytest.raises(ConflictError):
        venues.update_venue(venue, 7, VenueInput("别名", "science_park"))
    with pytest.raises(RefusedError):
        region_writes.delete_region(town().id, town().version)
    with pytest.raises(RuntimeError), writes.write_transaction() as write:
        Venue.update(name="改了").where(Venue.id == venue).execute()
        write.audit("update", "venue", venue, "改了", {"name": ["审计科普园", "改了"]})
        raise RuntimeError("the disk is full")  # after the entry: both roll back
    assert new_entries(since) == []
    assert Venue.get_by_id(venue).name == "审计科普园"


def test_the_audit_table_is_append_only(demo_db: Path) -> None:
    entry = AuditEntry.select().first()
    with pytest.raises(IntegrityError, match="append-only"):
        AuditEntry.update(summary="抹掉").where(AuditEntry.id == entry.id).execute()
    with pytest.raises(IntegrityError, match="append-only"):
        AuditEntry.delete().execute()
    assert AuditEntry.get_by_id(entry.id).summary == entry.summary


# -- the log's queries -----------------------------------------------------------------------


def test_filters_select_by_officer_region_table_and_period(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jingzhou = Region.get(Region.name == "荆州区")
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    monkeypatch.setattr(scope, "_current", {"session": LI})
    other = venues.create_venue(jingzhou.id, VenueInput("荆州科普园", "science_park"))
    volunteer = volunteers.create_volunteer(volunteer_input())
    everyone = audit.count(AuditFilter())
    assert everyone == AuditEntry.select().count()

    def ids(f: AuditFilter) -> list[int | None]:
        assert audit.count(f) == len(audit.page(f, limit=1000))
        return [row.entity_id for row in audit.page(f, limit=1000)]

    assert ids(AuditFilter(actor="li")) == [volunteer, other]  # newest first
    assert venue in ids(AuditFilter(region_id=town().id))
    assert other not in ids(AuditFilter(region_id=town().id))
    assert ids(AuditFilter(region_id=jingzhou.id, entity="venue")) == [other]
    today = FROZEN_AT.date()
    assert len(ids(AuditFilter(start=today, end=today))) == 3
    assert ids(AuditFilter(end=today - timedelta(days=1), actor="li")) == []
    assert {"li", writes.current_actor()} <= {w.user for w in audit.writers()}


def test_writers_are_found_by_name_pinyin_initials_and_login(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kxtui.db.officers import add_officer
    from kxtui.db.rows import OfficerInput

    add_officer(OfficerInput("zhangwei", "张伟", AccessRole.COUNTY_ADMIN.value))
    for user in ("zhangwei", "nobody-known"):  # the second has no officer account
        session = scope.Session(user, "", AccessRole.COUNTY_ADMIN)
        monkeypatch.setattr(scope, "_current", {"session": session})
        venues.create_venue(town().id, VenueInput(f"{user}的科普点", "notice_point"))
    writers = {w.user: w for w in audit.writers()}
    assert writers["zhangwei"].name == "张伟" and writers["nobody-known"].name == ""
    zhang = writers["zhangwei"]
    for query in ("张", "张伟", "伟", "zhangwei", "zhang wei", "ZW", "zw", "wei"):
        assert zhang.matches(query), query
    for query in ("李", "lm", "张三"):
        assert not zhang.matches(query), query
    assert writers["nobody-known"].matches("known") and not writers["nobody-known"].matches("zw")


def test_pages_follow_one_another_without_gaps(demo_db: Path) -> None:
    for n in range(7):
        venues.create_venue(town().id, VenueInput(f"审计点{n}", "notice_point"))
    f = AuditFilter(entity="venue")
    everything = [row.id for row in audit.page(f, limit=100)]
    first = audit.page(f, limit=3)
    second = audit.page(f, after=first[-1].key, limit=3)
    back = audit.page(f, before=second[0].key, limit=3)
    assert [r.id for r in first + second] == everything[:6]
    assert back == first
    assert [r.id for r in audit.page(f, offset=3, limit=3)] == everything[3:6]


def test_detail_shows_each_field_old_and_new(demo_db: Path) -> None:
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    venues.update_venue(venue, 1, VenueInput("审计公园", "science_park", contact="王"))
    found = audit.detail(last_id())
    assert found is not None and found.row.region == "阜安街道"
    assert {(c.field, c.old, c.new) for c in found.changes} == {
        ("name", "审计科普园", "审计公园"),
        ("contact", "", "王"),
    }


# -- undo ------------------------------------------------------------------------------------


def undone_entry(entry_id: int) -> AuditEntry:
    entry = AuditEntry.get_by_id(last_id())
    assert (entry.action, entry.undoes) == ("undo", entry_id)
    return entry


def test_undo_of_an_update_puts_the_old_values_back(demo_db: Path) -> None:
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    venues.update_venue(venue, 1, VenueInput("审计公园", "science_park", contact="王"))
    edit = last_id()
    undo(edit)
    row = Venue.get_by_id(venue)
    assert (row.name, row.contact, row.pinyin, row.version) == (
        "审计科普园",
        "",
        "shenjikepuyuan",
        3,
    )
    assert changes(undone_entry(edit)) == {
        "name": ["审计公园", "审计科普园"],
        "contact": ["王", ""],
    }
    assert audit.detail(edit).row.undone  # type: ignore[union-attr]
    with pytest.raises(RefusedError, match="undo.already"):
        undo(edit)


def test_undo_of_an_activity_update_restores_its_service_records(demo_db: Path) -> None:
    activity = activities.create_activity(activity_input())
    two = (ServiceInput(1, "甲", "1"), ServiceInput(2, "乙", "1.5"))
    activities.update_activity(activity, 1, activity_input(title="改过", service=two))
    undo(last_id())
    assert Activity.get_by_id(activity).title == "科普讲座"
    served = ServiceRecord.select().where(ServiceRecord.activity == activity)
    assert [(s.volunteer_id, float(s.hours)) for s in served] == [(1, 2.0)]


def test_undo_of_a_volunteer_update_restores_teams_and_search_keys(demo_db: Path) -> None:
    volunteer = volunteers.create_volunteer(volunteer_input(team_ids=(1,)))
    volunteers.update_volunteer(volunteer, 1, volunteer_input(name="改名者", team_ids=(2,)))
    undo(last_id())
    detail = volunteers.volunteer_detail(volunteer)
    assert detail is not None and detail.name == "审计测试"
    assert [t.id for t in detail.teams] == [1]
    assert Volunteer.get_by_id(volunteer).pinyin == "shenjiceshi"


def test_undo_of_a_create_or_import_soft_deletes_an_activity(demo_db: Path) -> None:
    activity = activities.create_activity(activity_input())
    created = last_id()
    undo(created)
    assert Activity.get_by_id(activity).deleted_at is not None
    assert changes(undone_entry(created)) == {"deleted": [False, True]}


def test_undo_of_a_create_of_anything_else_is_refused(demo_db: Path) -> None:
    venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    with pytest.raises(RefusedError, match="undo.create_kept"):
        undo(last_id())


def test_undo_of_a_delete_restores_the_record(demo_db: Path) -> None:
    activity = activities.create_activity(activity_input())
    activities.delete_activity(activity, 1)
    undo(last_id())
    assert Activity.get_by_id(activity).deleted_at is None
    venue = venues.create_venue(
        town().id, VenueInput("审计科普园", "science_park", phone="13812345678")
    )
    venues.delete_venue(venue, 1)
    deleted = last_id()
    undo(deleted)
    row = Venue.get_by_id(venue)
    assert (row.name, row.phone, row.region_id, row.version) == (
        "审计科普园",
        "13812345678",
        town().id,
        2,
    )
    assert changes(undone_entry(deleted))["name"] == [None, "审计科普园"]
    village = region_writes.create_region(town().id, RegionInput("审计村", "village"))
    region_writes.delete_region(village, 1)
    undo(last_id())
    assert Region.get_by_id(village).path == f"{town().path}{village}/"


def test_undo_is_refused_for_someone_elses_an_old_or_a_since_changed_entry(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    venues.update_venue(venue, 1, VenueInput("审计公园", "science_park"))
    first = last_id()
    monkeypatch.setattr(scope, "_current", {"session": LI})
    with pytest.raises(RefusedError, match="undo.not_yours"):
        undo(first)
    venues.update_venue(venue, 2, VenueInput("李改的公园", "science_park"))
    monkeypatch.undo()
    with pytest.raises(RefusedError, match="undo.changed_since") as refused:
        undo(first)
    assert refused.value.params["by"] == "li"
    venues.update_venue(venue, 3, VenueInput("再改", "science_park"))
    clock.freeze(FROZEN_AT + timedelta(hours=UNDO_HOURS, minutes=1))
    with pytest.raises(RefusedError, match="undo.too_old"):
        undo(last_id())
    assert Venue.get_by_id(venue).name == "再改"
    clock.freeze(FROZEN_AT)
    undo(last_id())
    with pytest.raises(RefusedError, match="undo.not_undoable"):
        undo(last_id())  # an undo is not undone; the change is made again instead
    assert Venue.get_by_id(venue).name == "李改的公园"


def test_undo_is_refused_outside_the_officers_area(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An officer whose area no longer covers a record cannot change it by undoing."""
    venue = venues.create_venue(town().id, VenueInput("审计科普园", "science_park"))
    venues.update_venue(venue, 1, VenueInput("审计公园", "science_park"))
    elsewhere = Region.get(Region.name == "荆州区")
    moved = scope.Session(
        user=scope.session().user, name="调走的管理员", role=AccessRole.COUNTY_ADMIN,
        edit_path=elsewhere.path, view_path=elsewhere.path, edit_name="荆州区",
    )  # fmt: skip
    monkeypatch.setattr(scope, "_current", {"session": moved})
    with pytest.raises(RefusedError, match="refused.out_of_scope"):
        undo(last_id())
    assert Venue.get_by_id(venue).name == "审计公园"
