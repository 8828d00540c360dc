"""Region and venue writes: validation, uniqueness, audit, conflicts, refusals, locking."""

from __future__ import annotations

import json
import sys
import threading
import unicodedata
from pathlib import Path

import pytest

from kxtui import db
from kxtui.db import region_writes, venues
from kxtui.db.engine.models import AuditEntry, Region, Venue, database
from kxtui.db.engine.scope import set_read_only
from kxtui.db.engine.writes import write_transaction
from kxtui.db.errors import ConflictError, ReadOnlyError, RefusedError, ValidationError
from kxtui.db.rows import RegionInput, VenueInput
from kxtui.db.validation import CONTROL_CHARACTERS, Checker
from tests.hostile import REFUSED_AT_INPUT


@pytest.fixture
def county(empty_db: Path) -> int:
    return region_writes.create_region(None, RegionInput("胶州市", "county", "370281"))


def test_region_gets_path_pinyin_and_audit(county: int) -> None:
    town = region_writes.create_region(county, RegionInput("李哥庄镇", "town"))
    row = Region.get_by_id(town)
    assert row.path == f"/{county}/{town}/"
    assert (row.pinyin, row.initials) == ("ligezhuangzhen", "lgzz")
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.entity, entry.entity_id) == ("create", "region", town)
    assert entry.actor and entry.at is not None


def test_child_kind_must_fit_the_parent(county: int) -> None:
    with pytest.raises(ValidationError) as caught:
        region_writes.create_region(county, RegionInput("某村", "village"))
    assert caught.value.errors["kind"][0] == "field.choice"


def test_sibling_names_are_unique_but_cousins_may_share(county: int) -> None:
    a = region_writes.create_region(county, RegionInput("胶莱镇", "town"))
    b = region_writes.create_region(county, RegionInput("铺集镇", "town"))
    region_writes.create_region(a, RegionInput("王家村", "village"))
    region_writes.create_region(b, RegionInput("王家村", "village"))  # a cousin: allowed
    with pytest.raises(ValidationError) as caught:
        region_writes.create_region(a, RegionInput(" 王家村 ", "village"))
    assert caught.value.errors["name"][0] == "field.duplicate_sibling"


@pytest.mark.parametrize("reason", sorted(REFUSED_AT_INPUT))
def test_hostile_characters_are_refused_with_a_reason(county: int, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        venues.create_venue(county, VenueInput(REFUSED_AT_INPUT[reason], "science_park"))
    assert caught.value.errors["name"][0] == f"field.{reason}"
    assert Venue.select().count() == 0


def test_every_control_character_and_only_those_is_refused() -> None:
    # The regex stands in for a per-character unicodedata.category(ch) == "Cc" test.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    control = {ch for ch in everything if unicodedata.category(ch) == "Cc"}
    assert len(control) == 65
    assert set(CONTROL_CHARACTERS.findall(everything)) == control
    for ch in control - {"\x00"}:  # NUL has its own message
        checker = Checker()
        checker.text("name", f"名{ch}称", required=True, limit=100)
        assert checker.errors["name"][0] == "field.control", repr(ch)


def test_every_bad_field_is_reported_at_once(county: int) -> None:
    data = VenueInput("", "", phone="12345", six={"rules": (False, "x" * 201)})
    with pytest.raises(ValidationError) as caught:
        venues.create_venue(county, data)
    assert {k: v[0] for k, v in caught.value.errors.items()} == {
        "name": "field.required",
        "type": "field.required",
        "phone": "field.phone",
        "six_rules_note": "field.too_long",
    }


@pytest.mark.parametrize("phone", ["13812345678", "0532-87654321", "+86 138 1234 5678"])
def test_valid_phones_pass(county: int, phone: str) -> None:
    venue = venues.create_venue(county, VenueInput("科普公园", "science_park", phone=phone))
    assert Venue.get_by_id(venue).phone == phone


@pytest.mark.parametrize("phone", ["1381234567", "12812345678", "0532-123", "phone"])
def test_invalid_phones_fail(county: int, phone: str) -> None:
    with pytest.raises(ValidationError) as caught:
        venues.create_venue(county, VenueInput("科普公园", "science_park", phone=phone))
    assert caught.value.errors["phone"][0] == "field.phone"


def test_update_records_the_change_and_bumps_version(county: int) -> None:
    venue = venues.create_venue(county, VenueInput("科普公园", "science_park"))
    six = {"organisation": (True, ""), "rules": (False, "制度未上墙")}
    venues.update_venue(venue, 1, VenueInput("中心科普公园", "science_park", six=six))
    row = Venue.get_by_id(venue)
    assert (row.name, row.version, row.six_organisation, row.six_rules_note) == (
        "中心科普公园",
        2,
        True,
        "制度未上墙",
    )
    changes = json.loads(AuditEntry.select().order_by(AuditEntry.id.desc()).get().changes)
    assert changes["name"] == ["科普公园", "中心科普公园"]


def test_stale_version_is_a_conflict_not_an_overwrite(county: int) -> None:
    venue = venues.create_venue(county, VenueInput("科普公园", "science_park"))
    venues.update_venue(venue, 1, VenueInput("甲", "science_park"))
    with pytest.raises(ConflictError):
        venues.update_venue(venue, 1, VenueInput("乙", "science_park"))
    assert Venue.get_by_id(venue).name == "甲"


def test_delete_is_refused_with_counts_while_dependants_exist(county: int) -> None:
    town = region_writes.create_region(county, RegionInput("胶莱镇", "town"))
    region_writes.create_region(town, RegionInput("王家村", "village"))
    venues.create_venue(town, VenueInput("胶莱镇科普活动中心", "town_activity_centre"))
    with pytest.raises(RefusedError) as caught:
        region_writes.delete_region(town, 1)
    assert caught.value.key == "refused.region_has_dependants"
    assert caught.value.params["regions"] == 1 and caught.value.params["venues"] == 1
    assert Region.get_or_none(Region.id == town) is not None


def test_delete_of_an_empty_region_is_audited(county: int) -> None:
    town = region_writes.create_region(county, RegionInput("胶莱镇", "town"))
    region_writes.delete_region(town, 1)
    assert Region.get_or_none(Region.id == town) is None
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert (entry.action, entry.entity_id) == ("delete", town)


def test_a_write_without_audit_entry_rolls_back(county: int) -> None:
    with pytest.raises(RuntimeError):
        with write_transaction():
            Region.update(name="改名").where(Region.id == county).execute()
    assert Region.get_by_id(county).name == "胶州市"


def test_read_only_refuses_writes(county: int) -> None:
    set_read_only(True)
    with pytest.raises(ReadOnlyError):
        region_writes.create_region(county, RegionInput("胶莱镇", "town"))


def test_concurrent_writers_queue_instead_of_failing(county: int) -> None:
    """Four threads, each with its own connection, write at once: IMMEDIATE serialises them.

    A deferred transaction reads first and then upgrades to a write lock, which fails at once
    with "database is locked" when another writer got there first, whatever the timeout.
    """
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            for n in range(15):
                db.call(venues.create_venue, county, VenueInput(f"点{worker}-{n}", "notice_point"))
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    database.close()
    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Venue.select().count() == 60
    assert AuditEntry.select().where(AuditEntry.entity == "venue").count() == 60


def test_pragmas_make_saved_records_durable(empty_db: Path) -> None:
    pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 5000


def test_find_reads_a_record_as_get_or_none_does(demo_db: Path) -> None:
    """`find` runs SQL built once; the record and its value types are those of peewee's get."""
    from kxtui.db.engine import models

    tables = [
        model
        for model in vars(models).values()
        if isinstance(model, type)
        and issubclass(model, models.BaseModel)
        and model not in (models.BaseModel, models.Tracked)
        and not isinstance(model._meta.primary_key, models.CompositeKey)
    ]
    compared = 0
    for model in tables:
        for record in model.select().limit(3):
            found = model.find(record._pk)
            assert found.__data__ == record.__data__, model.__name__
            assert [type(v) for v in found.__data__.values()] == [
                type(v) for v in record.__data__.values()
            ], model.__name__
            compared += 1
    assert compared > 20
    assert Venue.find(10**9) is None


def test_venue_update_changes_and_audits_what_changed(county: int) -> None:
    data = VenueInput("李哥庄科普站", "community_station", address="1号")
    venue_id = venues.create_venue(county, data)
    before = Venue.get_by_id(venue_id)
    venues.update_venue(venue_id, 1, data._replace(address="2号"))
    after = Venue.get_by_id(venue_id)
    changed = {k for k, v in after.__data__.items() if before.__data__[k] != v}
    assert changed - {"updated_at"} == {"address", "version"}  # the clock is frozen in tests
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert json.loads(entry.changes) == {"address": ["1号", "2号"]}
    venues.update_venue(venue_id, 2, data._replace(name="胶莱科普站", address="2号"))
    renamed = Venue.get_by_id(venue_id)
    assert (renamed.name, renamed.pinyin, renamed.initials) == (
        "胶莱科普站",
        "jiaolaikepuzhan",
        "jlkpz",
    )
