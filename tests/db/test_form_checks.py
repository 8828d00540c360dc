"""The checks a form asks while the officer corrects it: what saving would refuse, found
without saving (sibling names included, which only a read of the database can tell)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db import region_writes, venues
from kxtui.db.engine.models import AuditEntry, Region
from kxtui.db.rows import RegionInput, VenueInput
from kxtui.db.validation import problems


@pytest.fixture
def town(empty_db: Path) -> int:
    county = region_writes.create_region(None, RegionInput("胶州市", "county", "370281"))
    return region_writes.create_region(county, RegionInput("李哥庄镇", "town"))


def test_a_region_is_checked_as_saving_would_without_saving(town: int) -> None:
    county = Region.get_by_id(town).parent_id
    entries = AuditEntry.select().count()
    same_name = RegionInput("李哥庄镇", "town")
    assert problems(region_writes.check_region, same_name, county) == (
        {"name": ("field.duplicate_sibling", {})},
        False,
    )
    assert problems(region_writes.check_region, same_name, None, town) == ({}, False), (
        "its own name"
    )
    assert problems(region_writes.check_region, RegionInput("", "village"), county)[0].keys() == {
        "name",
        "kind",
    }
    assert AuditEntry.select().count() == entries, "nothing written"


def test_a_venue_is_checked_as_saving_would_without_saving(town: int) -> None:
    venue = venues.create_venue(town, VenueInput("科普活动中心", "tech_courtyard"))
    same_name = VenueInput("科普活动中心", "tech_courtyard")
    assert problems(venues.check_venue, same_name, town)[0] == {
        "name": ("field.duplicate_sibling", {})
    }
    assert problems(venues.check_venue, same_name, None, venue) == ({}, False)
    assert problems(venues.check_venue, VenueInput("x", ""), town)[0].keys() == {"type"}
