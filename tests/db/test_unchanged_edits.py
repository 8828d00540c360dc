"""An edit saved without a change writes nothing: no new version (which would raise a false
conflict for the other officer) and no audit entry (which would block their undo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kxtui.db import activities, region_writes, venues, volunteers
from kxtui.db.engine import scope
from kxtui.db.engine.models import Activity, AuditEntry, Region, Team, Venue, Volunteer
from kxtui.db.rows import RegionInput, ServiceInput, VenueInput
from kxtui.db.undo import undo
from kxtui.domain import SixHave
from tests.conftest import ADMIN, LI
from tests.db.test_audit import activity_input, last_id, town, volunteer_input


def saved_twice(model: type, record_id: int, save: Callable[[int], object]) -> None:
    """`save(version)` once with a change, then again with the same values: the second
    leaves the record's version and the audit log as the first left them."""
    save(model.get_by_id(record_id).version)
    version, since = model.get_by_id(record_id).version, last_id()
    save(version)
    assert (model.get_by_id(record_id).version, last_id()) == (version, since)


def test_region_saved_unchanged_writes_nothing(demo_db: Path) -> None:
    village = region_writes.create_region(town().id, RegionInput("无改村", "village", "", "800"))
    data = RegionInput("无改村", "village", "370281", "900")
    saved_twice(
        Region, village, lambda version: region_writes.update_region(village, version, data)
    )


def test_venue_saved_unchanged_writes_nothing(demo_db: Path) -> None:
    six = {item.value: (True, "有") for item in SixHave}
    venue = venues.create_venue(town().id, VenueInput("无改科普园", "science_park"))
    data = VenueInput("无改科普园", "science_park", "", "王五", "13812345678", "路 1 号", six)
    saved_twice(Venue, venue, lambda version: venues.update_venue(venue, version, data))


def test_activity_saved_unchanged_writes_nothing(demo_db: Path) -> None:
    activity = activities.create_activity(activity_input())
    served = (ServiceInput(1, "甲", "1.5"), ServiceInput(2, "乙", "2"))
    data = activity_input(people_reached="120", service=served, duration="2.50")
    saved_twice(Activity, activity, lambda v: activities.update_activity(activity, v, data))


def test_volunteer_saved_unchanged_writes_nothing(demo_db: Path) -> None:
    volunteer = volunteers.create_volunteer(volunteer_input())
    teams = tuple(Team.select(Team.id).limit(2).tuples())
    data = volunteer_input(skills="果树", domains=("health", "agriculture"),
                           team_ids=tuple(team for (team,) in reversed(teams)))  # fmt: skip
    saved_twice(Volunteer, volunteer, lambda v: volunteers.update_volunteer(volunteer, v, data))


def test_an_unchanged_save_leaves_the_other_officers_change_undoable(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    activity = activities.create_activity(activity_input())
    scope.sign_in(LI)
    activities.update_activity(activity, 1, activity_input(people_reached="120"))
    theirs = last_id()
    scope.sign_in(ADMIN)
    activities.update_activity(activity, 2, activity_input(people_reached="120"))
    scope.sign_in(LI)
    undo(theirs)
    assert Activity.get_by_id(activity).people_reached == 100
    assert AuditEntry.get_by_id(last_id()).undoes == theirs
