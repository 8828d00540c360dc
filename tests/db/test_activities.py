"""Activity checks and writes: every message, warnings that need confirming, one audited
transaction with the service records, soft delete and undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kxtui.db import activities, ledger
from kxtui.db.engine.models import Activity, AuditEntry, Region, ServiceRecord, Venue
from kxtui.db.errors import ConflictError, NeedsConfirmation, RefusedError, ValidationError
from kxtui.db.rows import ActivityInput, LedgerFilter, ServiceInput

TODAY = date(2026, 11, 20)


def good(**changes: object) -> ActivityInput:
    town = Region.get(Region.name == "阜安街道")
    data = ActivityInput(title="科普讲座", start="2026-11-01", end="", duration="2",
                         region_id=town.id, format="lecture", people_reached="100",
                         materials="50", service=(ServiceInput(1, "甲", "2"),))  # fmt: skip
    return data._replace(**changes)


def errors(data: ActivityInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        activities.checked(data, TODAY)
    assert not isinstance(raised.value, NeedsConfirmation)
    return {field: key for field, (key, _) in raised.value.errors.items()}


def warnings(data: ActivityInput) -> dict[str, str]:
    with pytest.raises(NeedsConfirmation) as raised:
        activities.checked(data, TODAY)
    activities.checked(data._replace(confirmed=True), TODAY)  # confirmed: accepted
    return {field: key for field, (key, _) in raised.value.errors.items()}


def test_errors_name_their_field(demo_db: Path) -> None:
    assert errors(good(title="", format="", start="", duration="")) == {
        "title": "field.required", "format": "field.required",
        "start": "field.required", "duration": "field.required",
    }  # fmt: skip
    assert errors(good(start="2026-02-30", end="明年")) == {"start": "field.date",
                                                          "end": "field.date"}  # fmt: skip
    assert errors(good(end="2026-10-01")) == {"end": "field.end_before_start"}
    assert errors(good(duration="25")) == {"duration": "field.duration_limit"}
    assert errors(good(duration="-1")) == {"duration": "field.hours"}
    assert errors(good(people_reached="12a", materials="-3")) == {
        "people_reached": "field.count", "materials": "field.count"}  # fmt: skip
    assert errors(good(people_reached="99999999")) == {"people_reached": "field.count_limit"}
    assert errors(good(title="讲座\x1b[31m")) == {"title": "field.control"}
    twice = (ServiceInput(1, "甲", "2"), ServiceInput(1, "甲", "1"))
    assert errors(good(service=twice)) == {"service": "field.volunteer_twice"}
    assert errors(good(service=(ServiceInput(1, "甲", "0"),))) == {"service": "field.service_hours"}
    assert errors(good(region_id=None)) == {"region": "field.required"}


def test_a_venue_outside_the_region_is_refused(demo_db: Path) -> None:
    elsewhere = Venue.select().join(Region).where(~Region.path.startswith(
        Region.get(Region.name == "阜安街道").path)).first()  # fmt: skip
    assert errors(good(venue_id=elsewhere.id)) == {"venue": "field.venue_outside"}


def test_odd_values_ask_for_confirmation(demo_db: Path) -> None:
    assert warnings(good(start="1999-12-31", end="1999-12-31")) == {
        "start": "warn.date_far", "end": "warn.date_far"}  # fmt: skip
    assert warnings(good(people_reached="200000", materials="0")) == {
        "people_reached": "warn.count_large"}  # fmt: skip
    assert warnings(good(people_reached="100", materials="1000")) == {"materials": "warn.materials"}
    assert warnings(good(service=(ServiceInput(1, "甲", "3"),))) == {"service": "warn.hours_over"}


def test_create_edit_delete_undo_each_one_audited_transaction(demo_db: Path) -> None:
    audits = AuditEntry.select().count()
    county = LedgerFilter(region_id=Region.get(Region.name == "胶州市").id)
    before = ledger.totals(county).activities
    new_id = activities.create_activity(good(service=(ServiceInput(1, "甲", "2"),
                                                      ServiceInput(2, "乙", "1.5"))))  # fmt: skip
    assert ServiceRecord.select().where(ServiceRecord.activity == new_id).count() == 2
    assert ledger.totals(county).activities == before + 1
    detail = ledger.detail(new_id)
    assert detail is not None and [str(s.hours) for s in detail.service] == ["2", "1.5"]
    activities.update_activity(new_id, detail.version, good(title="改过的讲座"))
    with pytest.raises(ConflictError):  # the version read before the edit is stale now
        activities.update_activity(new_id, detail.version, good(title="覆盖"))
    version = Activity.get_by_id(new_id).version
    activities.delete_activity(new_id, version)
    assert ledger.totals(county).activities == before
    with pytest.raises(RefusedError):
        activities.update_activity(new_id, version + 1, good())
    activities.restore_activity(new_id)
    assert ledger.totals(county).activities == before + 1
    actions = [a.action for a in AuditEntry.select().where(AuditEntry.id > 0)
               .order_by(AuditEntry.id)][audits:]  # fmt: skip
    assert actions == ["create", "update", "delete", "restore"]


def test_a_failed_check_writes_nothing(demo_db: Path) -> None:
    counts = (
        Activity.select().count(),
        ServiceRecord.select().count(),
        AuditEntry.select().count(),
    )
    with pytest.raises(ValidationError):
        activities.create_activity(good(service=(ServiceInput(999999, "查无此人", "1"),)))
    assert (Activity.select().count(), ServiceRecord.select().count(),
            AuditEntry.select().count()) == counts  # fmt: skip


def test_the_same_title_date_and_place_asks_first_naming_the_one_saved(demo_db: Path) -> None:
    from kxtui.db.engine import scope
    from kxtui.domain import AccessRole

    town = Region.get(Region.name == "阜安街道")
    first = activities.create_activity(good())
    with pytest.raises(NeedsConfirmation) as raised:
        activities.create_activity(good(notes="又录了一次"))
    key, params = raised.value.errors["title"]
    assert (key, params["id"], params["place"]) == ("warn.same_activity", first, "阜安街道")
    venue = Venue.select().where(Venue.region == town.id).first()
    for other in (good(start="2026-11-02"), good(title="科普讲座二"), good(venue_id=venue.id)):
        activities.create_activity(other)  # another date, title or venue: nothing to ask
    again = activities.create_activity(good(notes="又录了一次", confirmed=True))
    version = Activity.get_by_id(first).version
    activities.update_activity(first, version, good(notes="改备注"))  # keeps all three
    activities.delete_activity(again, Activity.get_by_id(again).version)
    assert activities.same_activity("科普讲座", date(2026, 11, 1), town.id, None) is not None
    assert (
        activities.same_activity("科普讲座", date(2026, 11, 1), town.id, None, excluding=first)
        is None
    ), "itself when edited, and a deleted one, are no duplicates"
    view_elsewhere = Region.get(Region.name == "胶莱镇").path
    scope.sign_in(scope.Session("li", "李四", AccessRole.TOWN_STAFF, view_path=view_elsewhere))
    assert activities.same_activity("科普讲座", date(2026, 11, 1), town.id, None) is None
