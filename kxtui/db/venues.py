"""Venues (阵地): detail with the six haves, and venue writes."""

from __future__ import annotations

from datetime import date

from peewee import fn

from kxtui.db import six_haves
from kxtui.db.engine import scope
from kxtui.db.engine.models import Activity, Venue, database
from kxtui.db.engine.writes import columns, created, diff, editable, removed, write_transaction
from kxtui.db.errors import RefusedError
from kxtui.db.numbers import bad as bad_of
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.regions import this_year, venue_crumbs
from kxtui.db.rows import SixHaveState, VenueDetail, VenueInput
from kxtui.db.validation import TEXT_MAX, Checker
from kxtui.domain import SixHave, VenueLevel, VenueType

SIX_NOTE_MAX = 200


def detail(venue_id: int, today: date) -> VenueDetail | None:
    """One venue with its six haves (`six_haves`: 有活动 from the ledger) and this year's
    activities; None if it no longer exists."""
    venue = Venue.find(venue_id)
    if venue is None:
        return None
    scope.require_visible(venue.region_id)
    start, end = this_year(today)
    window = six_haves.window(today)
    bad = bad_of("activity", "people_reached")
    in_year, reached, bad_values, total, held = database.execute_sql(
        "SELECT COALESCE(SUM(start_date BETWEEN :start AND :end), 0),"
        " COALESCE(SUM(CASE WHEN start_date BETWEEN :start AND :end AND NOT"
        f" {bad} THEN people_reached END), 0),"
        f" COALESCE(SUM(start_date BETWEEN :start AND :end AND {bad}), 0), COUNT(*),"
        " COALESCE(SUM(start_date > :six_since AND start_date <= :six_today), 0)"
        " FROM activity WHERE venue_id = :venue AND deleted_at IS NULL",
        {"start": start.isoformat(), "end": end.isoformat(), "venue": venue_id, **window},
    ).fetchone()
    ticked = {item: bool(getattr(venue, f"six_{item.value}")) for item in six_haves.TICKED}
    return VenueDetail(
        id=venue.id,
        version=venue.version,
        region_id=venue.region_id,
        name=venue.name,
        type=venue.type,
        level=venue.level,
        contact=venue.contact,
        phone=venue.phone,
        address=venue.address,
        six=tuple(
            SixHaveState(
                item.value,
                ticked.get(item, held > 0),
                getattr(venue, f"six_{item.value}_note"),
            )
            for item in SixHave
        ),
        path=venue_crumbs(venue.id, venue.name, venue.type, venue.region_id),
        activities_this_year=in_year,
        people_reached_this_year=reached,
        activities_total=total,
        region_path=database.execute_sql(
            "SELECT path FROM region WHERE id = ?", (venue.region_id,)
        ).fetchone()[0],
        invalid_this_year=bad_values,
    )


def _checked(data: VenueInput, region_id: int, exclude: int | None = None) -> dict[str, object]:
    """The venue's column values in region `region_id` (its name not taken by another venue
    there than `exclude`), or ValidationError naming every bad field."""
    checker = Checker()
    values: dict[str, object] = {
        "name": checker.name("name", data.name),
        "type": checker.choice("type", data.type, tuple(VenueType), required=True),
        "level": checker.choice("level", data.level, tuple(VenueLevel), required=False),
        "contact": checker.text("contact", data.contact, required=False, limit=50),
        "phone": checker.phone("phone", data.phone),
        "address": checker.text("address", data.address, required=False, limit=TEXT_MAX),
    }
    for item in six_haves.TICKED:  # 有活动 is the ledger's to say
        values[f"six_{item.value}"] = bool(data.six.get(item.value, (False, ""))[0])
    for item in SixHave:
        note = data.six.get(item.value, (False, ""))[1]
        values[f"six_{item.value}_note"] = checker.text(
            f"six_{item.value}_note", note, required=False, limit=SIX_NOTE_MAX
        )
    if "name" not in checker.errors and _name_taken(region_id, values["name"], exclude):
        checker.fail("name", "field.duplicate_sibling")
    checker.check()
    return values


def check_venue(data: VenueInput, region_id: int | None, venue_id: int | None = None) -> None:
    """What saving `data` as a new venue of `region_id`, or over venue `venue_id`, would
    refuse (ValidationError), without saving."""
    if venue_id is not None:
        region_id = Venue.select(Venue.region).where(Venue.id == venue_id).scalar()
    if region_id is not None:
        _checked(data, region_id, venue_id)


def _name_taken(region_id: int, name: object, exclude: int | None = None) -> bool:
    sql = "SELECT 1 FROM venue WHERE region_id = ? AND name = ? AND id IS NOT ? LIMIT 1"
    return database.execute_sql(sql, (region_id, name, exclude)).fetchone() is not None


def create_venue(region_id: int, data: VenueInput) -> int:
    """Add a venue to a region. Returns its id."""
    with write_transaction() as write:
        scope.require_editable(region_id)
        values = _checked(data, region_id)
        full, initials = pinyin_keys(str(values["name"]))
        order = (
            Venue.select(fn.COALESCE(fn.MAX(Venue.sort_order), 0))
            .where(Venue.region == region_id)
            .scalar()
        )
        venue = Venue.create(
            region=region_id,
            pinyin=full,
            initials=initials,
            sort_order=int(order or 0) + 1,
            **values,
            **write.stamp(),
        )
        changes = created({"region_id": region_id, **values})
        write.audit("create", "venue", venue.id, str(values["name"]), changes)
        return venue.id


def update_venue(venue_id: int, version: int, data: VenueInput) -> None:
    """Save an edited venue; refuses if someone else saved it since `version` was read.
    Nothing is written when nothing changed."""
    with write_transaction() as write:
        venue = editable(Venue, venue_id, version)
        scope.require_editable(venue.region_id)
        values = _checked(data, venue.region_id, venue_id)
        changes = diff({key: getattr(venue, key) for key in values}, values)
        if not changes:
            write.nothing()
            return
        changed = {key: values[key] for key in changes}
        if "name" in changed:
            changed["pinyin"], changed["initials"] = pinyin_keys(str(values["name"]))
        Venue.update(**write.touch(Venue), **changed).where(Venue.id == venue_id).execute()
        write.audit("update", "venue", venue_id, str(values["name"]), changes)


def dependants(venue_id: int) -> int:
    """How many activities (soft-deleted ones too) took place at the venue."""
    region_id = Venue.select(Venue.region).where(Venue.id == venue_id).scalar()
    if region_id is not None:
        scope.require_visible(region_id)
    return Activity.select().where(Activity.venue == venue_id).count()


def delete_venue(venue_id: int, version: int) -> None:
    """Delete a venue that no activity refers to (soft-deleted activities count too)."""
    with write_transaction() as write:
        venue = editable(Venue, venue_id, version)
        scope.require_editable(venue.region_id)
        activities = dependants(venue_id)
        if activities:
            raise RefusedError("refused.venue_has_activities", activities=activities)
        # every column, while the venue still exists: an undo can put it back
        write.audit("delete", "venue", venue_id, venue.name, removed(columns(venue)))
        venue.delete_instance()
