"""Activities (活动台账): checks and writes (create, edit, soft delete, undo).

Every write is one transaction with its audit entry: the activity and the hours its
volunteers served are saved together or not at all.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, cast

from peewee import JOIN

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.db import periods
from kxtui.db.engine import scope, volunteer_index
from kxtui.db.engine.models import Activity, Region, Rows, ServiceRecord, Venue
from kxtui.db.engine.writes import Write, created, diff, editable, write_transaction
from kxtui.db.errors import NeedsConfirmation, RefusedError, ValidationError
from kxtui.db.lookups import Lookups, RegionRef
from kxtui.db.numbers import COUNT_LIMIT, HOURS_LIMIT, is_invalid, one_hours
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import ActivityInput, Choice
from kxtui.db.validation import TEXT_MAX, Checker
from kxtui.domain import ActivityFormat, Campaign, TargetGroup, ThemeDay

TITLE_MAX = 200
_COUNT_DIGITS = len(str(COUNT_LIMIT))
COUNT_WARN = 100_000  # possible (a campaign week online), but worth a second look
EARLIEST = date(2000, 1, 1)
MATERIALS_PER_PERSON = 3  # more printed materials than this per person reached is odd
_THEME_DAYS = tuple(ThemeDay)
_CAMPAIGNS = tuple(Campaign)
_FORMATS = tuple(ActivityFormat)
_TARGET_GROUPS = frozenset(TargetGroup)
_DATABASE = Lookups()
_CENT = Decimal("0.01")


def _count(checker: Checker, field: str, text: str) -> int:
    """A non-negative whole number; "1,200" and full-width digits are read as typed."""
    value = unicodedata.normalize("NFKC", text or "").strip().replace(",", "")
    if not value:
        return 0
    if not value.isdecimal():  # isdigit() would pass "፩", which int() refuses
        checker.fail(field, "field.count")
        return 0
    if len(value.lstrip("0")) > _COUNT_DIGITS:  # int() refuses 4,300+ digits
        checker.fail(field, "field.count_limit", limit=f"{COUNT_LIMIT:,}")
        return 0
    number = int(value)
    if number > COUNT_LIMIT:
        checker.fail(field, "field.count_limit", limit=f"{COUNT_LIMIT:,}")
    return number


def _hours(text: str) -> Decimal | None:
    """Hours above 0 with at most two decimals ("2", "1.5"), up to the column's HOURS_LIMIT;
    None for anything else."""
    text = text or ""
    return _short_hours(text) if len(text) <= _CACHED_LENGTH else _read_hours(text)


def _read_hours(text: str) -> Decimal | None:
    value = unicodedata.normalize("NFKC", text).strip()
    try:
        hours = Decimal(value)
        if not hours.is_finite() or not 0 < hours <= HOURS_LIMIT:
            return None
        if hours != hours.quantize(_CENT):
            return None
    except InvalidOperation:  # not a number, or too large for two decimals ("1e30")
        return None
    return hours


# Pure functions an import calls with the same few short texts over and over.
_CACHED_LENGTH = 40
_short_hours = lru_cache(maxsize=4096)(_read_hours)
_short_date = lru_cache(maxsize=4096)(parse_date)


def _in_subtree(region_path: str, inner: RegionRef | None) -> bool:
    lo, hi = subtree_bounds(region_path)
    return inner is not None and lo <= inner.path < hi


Problems = dict[str, tuple[str, dict[str, object]]]


def checked(
    data: ActivityInput, today: date, editing: Activity | None = None
) -> tuple[dict[str, Any], dict[int, Decimal]]:
    """The activity's column values and the hours per volunteer, or ValidationError (every bad
    field at once), or NeedsConfirmation (only warnings, and `data.confirmed` is not set).
    Another activity of the same title, date and place is a warning (call it inside the write
    transaction); an edit that keeps all three is not asked about again."""
    values, served, warnings = check_activity(data, today)
    _refuse_closed_date(values)
    key = (values["title"], values["start_date"], values["region"], values["venue"])
    kept = editing is not None and key == (
        editing.title,
        editing.start_date,
        editing.region_id,
        editing.venue_id,
    )
    same = None if kept else same_activity(*key, excluding=editing.id if editing else None)
    if same is not None:
        params = {"title": same.name, "date": key[1].isoformat(), "place": same.hint}
        warnings = {"title": ("warn.same_activity", {**params, "id": same.id}), **warnings}
    if warnings and not data.confirmed:
        raise NeedsConfirmation(warnings)
    return values, served


def _refuse_closed_date(values: Mapping[str, Any]) -> None:
    """A start date in a closed period is the date field's error, naming the closing."""
    region = _DATABASE.region(values["region"])
    closing = periods.closing_of(region.path, values["start_date"]) if region else None
    if closing is not None:
        raise ValidationError({"start": ("period.closed", periods.refusal(closing))})


def same_activity(
    title: str,
    start: date,
    region_id: int,
    venue_id: int | None,
    *,
    excluding: int | None = None,
) -> Choice | None:
    """An activity the officer can see, not deleted, with this title and start date at this
    venue (or, with no venue, in this region with none): its id, title and place, or None.
    `excluding` is the activity being edited."""
    query = (
        Activity.select(Activity.id, Activity.title, Region.name, Venue.name)
        .join(Region)
        .switch(Activity)
        .join(Venue, JOIN.LEFT_OUTER)
        .where(
            Activity.title == title,
            Activity.start_date == start,
            Activity.region == region_id,
            Activity.venue.is_null() if venue_id is None else Activity.venue == venue_id,
            Activity.deleted_at.is_null(),
            scope.in_view(Region.path),
        )
        .order_by(Activity.id)
    )
    if excluding is not None:
        query = query.where(Activity.id != excluding)
    row = query.tuples().first()
    if row is None:
        return None
    activity_id, name, region, venue = row
    return Choice(activity_id, name, venue or region)


def check_activity(
    data: ActivityInput, today: date, lookups: Lookups = _DATABASE
) -> tuple[dict[str, Any], dict[int, Decimal], Problems]:
    """`checked` without the confirmation step: the values, the hours per volunteer and the
    warnings (field → (message key, params)); ValidationError when a field is wrong.

    `lookups` answers whether the region, venue, team and volunteers exist (the database by
    default; the spreadsheet import passes pre-loaded dicts so a row costs no query).
    """
    checker = Checker()
    warn = Checker()
    values: dict[str, Any] = {
        "title": checker.text("title", data.title, required=True, limit=TITLE_MAX),
        "organiser": checker.text("organiser", data.organiser, required=False, limit=TITLE_MAX),
        "notes": checker.text("notes", data.notes, required=False, limit=TEXT_MAX),
        "theme_day": checker.choice("theme_day", data.theme_day, _THEME_DAYS, required=False),
        "campaign": checker.choice("campaign", data.campaign, _CAMPAIGNS, required=False),
        "format": checker.choice("format", data.format, _FORMATS, required=True),
        "people_reached": _count(checker, "people_reached", data.people_reached),
        "materials": _count(checker, "materials", data.materials),
    }
    groups = tuple(dict.fromkeys(data.target_groups))
    if not _TARGET_GROUPS.issuperset(groups):
        checker.fail("target_groups", "field.choice")
    values["target_groups"] = ",".join(groups)

    start = _date(checker, "start", data.start, today, required=True)
    end = _date(checker, "end", data.end, today, required=False) or start
    if start and end and end < start:
        checker.fail("end", "field.end_before_start")
    latest = today + timedelta(days=365)
    for field, day in (("start", start), ("end", end)):
        if day and (day < EARLIEST or day > latest):
            warn.fail(field, "warn.date_far", date=day.isoformat())
    values["start_date"], values["end_date"] = start, end

    duration = None
    if not (data.duration or "").strip():
        checker.fail("duration", "field.required")
    else:
        duration = _hours(data.duration)
        days = (end - start).days + 1 if start and end and end >= start else 1
        if duration is None:
            checker.fail("duration", "field.hours")
        elif duration > 24 * days:
            checker.fail("duration", "field.duration_limit", hours=24 * days)
    values["duration"] = duration

    values.update(_place(checker, data, lookups))
    for field in ("people_reached", "materials"):
        if values[field] > COUNT_WARN and field not in checker.errors:
            warn.fail(field, "warn.count_large", count=f"{values[field]:,}")
    reached, materials = values["people_reached"], values["materials"]
    if materials > 100 and materials > MATERIALS_PER_PERSON * reached:
        warn.fail("materials", "warn.materials", materials=materials, reached=reached)

    served = _service(checker, warn, data, duration, lookups)
    checker.check()
    return values, served, warn.errors


def _date(checker: Checker, field: str, text: str, today: date, *, required: bool) -> date | None:
    if not (text or "").strip():
        if required:
            checker.fail(field, "field.required")
        return None
    day = (_short_date if len(text) <= _CACHED_LENGTH else parse_date)(text, today)
    if day is None:
        checker.fail(field, "field.date", text=text.strip()[:20])
    return day


def _place(checker: Checker, data: ActivityInput, lookups: Lookups) -> dict[str, Any]:
    """Region, venue (inside the region's subtree) and organising team."""
    region = lookups.region(data.region_id) if data.region_id else None
    venue_region = lookups.venue_region(data.venue_id) if data.venue_id else None
    if data.venue_id and venue_region is None:
        checker.fail("venue", "refused.gone")
    if region is None and venue_region is not None:
        region = lookups.region(venue_region)
    if region is None:
        checker.fail("region", "field.required" if not data.region_id else "refused.gone")
    elif not scope.can_edit(region.path):
        checker.fail("region", "field.out_of_scope", scope=scope.session().edit_name)
    elif venue_region is not None and not _in_subtree(region.path, lookups.region(venue_region)):
        checker.fail("venue", "field.venue_outside", region=region.name)
    team = None
    if data.organiser_team_id:
        team = data.organiser_team_id if lookups.team_exists(data.organiser_team_id) else None
        if team is None:
            checker.fail("organiser", "refused.gone")
    return {
        "region": region.id if region else None,
        "venue": data.venue_id if venue_region is not None else None,
        "organiser_team": team,
    }


def _service(
    checker: Checker,
    warn: Checker,
    data: ActivityInput,
    duration: Decimal | None,
    lookups: Lookups,
) -> dict[int, Decimal]:
    served: dict[int, Decimal] = {}
    for volunteer_id, name, text in data.service:  # unpacked: an import checks ~900,000
        if volunteer_id in served:
            checker.fail("service", "field.volunteer_twice", name=name)
            continue
        hours = _hours(text)
        if hours is None:
            checker.fail("service", "field.service_hours", name=name, hours=text)
            continue
        if duration is not None and hours > duration:
            warn.fail("service", "warn.hours_over", name=name, hours=hours, limit=duration)
        served[volunteer_id] = hours
    known = lookups.known_volunteers(served) if served else set()
    if len(known) < len(served):  # one of them is gone: name them
        for line in data.service:
            if line.volunteer_id not in known:
                checker.fail("service", "refused.volunteer_gone", name=line.name)
    return served


# -- writes --------------------------------------------------------------------------------


def _service_list(activity_id: int) -> list[list[Any]]:
    rows = (
        ServiceRecord.select(ServiceRecord.volunteer, ServiceRecord.hours)
        .where(ServiceRecord.activity == activity_id)
        .order_by(ServiceRecord.id)
        .tuples()
    )
    # a value out of range is recorded as none: an undo puts it back as none, not as "⚠无效"
    return [[v, None if is_invalid(x := one_hours(h)) else str(x)] for v, h in cast(Rows, rows)]


def _served_at(activity_id: int) -> set[int]:
    query = ServiceRecord.select(ServiceRecord.volunteer).where(
        ServiceRecord.activity == activity_id
    )
    return {volunteer_id for (volunteer_id,) in cast(Rows, query.tuples())}


def write_service(activity_id: int, served: Mapping[int, Decimal | None]) -> None:
    """Replace the activity's service records (inside the caller's write) and refresh the
    totals of every volunteer they name."""
    before = _served_at(activity_id)
    ServiceRecord.delete().where(ServiceRecord.activity == activity_id).execute()
    rows = [{"activity": activity_id, "volunteer": v, "hours": h} for v, h in served.items()]
    if rows:
        ServiceRecord.insert_many(rows).execute()
    volunteer_index.refresh_service(before | set(served))


def _keys(title: str) -> dict[str, str]:
    full, initials = pinyin_keys(title)
    return {"pinyin": full, "initials": initials}


def create_activity(data: ActivityInput) -> int:
    """Record an activity and the hours its volunteers served. Returns its id."""
    with write_transaction() as write:
        values, served = checked(data, clock.today())
        activity = Activity.create(**values, **_keys(values["title"]), **write.stamp())
        write_service(activity.id, served)
        changes = created({**values, "service": _service_list(activity.id)})
        write.audit("create", "activity", activity.id, values["title"], changes)
        return activity.id


def update_activity(activity_id: int, version: int, data: ActivityInput) -> int:
    """Save an edited activity; refuses if someone else saved it since `version` was read.
    Nothing is written when nothing changed. Returns its id."""
    with write_transaction() as write:
        activity = editable(Activity, activity_id, version)
        scope.require_editable(activity.region_id)
        if activity.deleted_at is not None:
            raise RefusedError("refused.activity_deleted")
        refuse_closed(activity.region_id, activity.start_date)
        values, served = checked(data, clock.today(), editing=activity)
        before = {key: getattr(activity, f"{key}_id" if key in _FOREIGN else key) for key in values}
        before["service"] = _service_list(activity_id)
        # as `_service_list` will read them back: in the order given, hours as stored
        after = {**values, "service": [[v, str(one_hours(h))] for v, h in served.items()]}
        changes = diff(before, after)
        if not changes:
            write.nothing()
            return activity_id
        Activity.update(**values, **_keys(values["title"]), **write.touch(Activity)).where(
            Activity.id == activity_id
        ).execute()
        write_service(activity_id, served)
        write.audit("update", "activity", activity_id, values["title"], changes)
        return activity_id


_FOREIGN = ("region", "venue", "organiser_team")


def refuse_closed(region_id: int, day: date | str) -> None:
    """RefusedError "period.closed" for an activity of the region dated `day` in a closed
    period: a stored one is neither changed nor deleted, nor moved into one by an undo."""
    region = _DATABASE.region(region_id)
    if region is not None:
        periods.refuse_if_closed(region.path, date.fromisoformat(str(day)))


def set_deleted(write: Write, activity_id: int, deleted: bool) -> Activity:
    """Soft-delete or restore inside the caller's write; the activity as it was."""
    activity = Activity.get_or_none(Activity.id == activity_id)
    if activity is None:
        raise RefusedError("refused.gone")
    scope.require_editable(activity.region_id)
    refuse_closed(activity.region_id, activity.start_date)
    Activity.update(
        deleted_at=write.at if deleted else None,
        deleted_by=write.actor if deleted else None,
        **write.touch(Activity),
    ).where(Activity.id == activity_id).execute()
    volunteer_index.refresh_service(_served_at(activity_id))
    return activity


def delete_activity(activity_id: int, version: int) -> None:
    """Soft delete: the activity leaves the ledger and the totals, and can be restored."""
    with write_transaction() as write:
        activity = editable(Activity, activity_id, version)
        if activity.deleted_at is not None:
            raise RefusedError("refused.activity_deleted")
        set_deleted(write, activity_id, True)
        write.audit("delete", "activity", activity_id, activity.title, {"deleted": [False, True]})


def restore_activity(activity_id: int) -> None:
    """Undo a soft delete."""
    with write_transaction() as write:
        activity = set_deleted(write, activity_id, False)
        write.audit("restore", "activity", activity_id, activity.title, {"deleted": [True, False]})


# -- reads for the form --------------------------------------------------------------------
