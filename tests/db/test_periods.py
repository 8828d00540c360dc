"""Closed periods: what a closing refuses (create, edit, delete, restore, import, undo) in its
region's subtree and only there, who may close and reopen, and the audit of both."""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from kxtui import clock
from kxtui.dates import parse_period
from kxtui.db import activities, periods, undo
from kxtui.db.engine import scope
from kxtui.db.engine.models import Activity, AuditEntry, Region, database
from kxtui.db.errors import RefusedError, ValidationError
from kxtui.db.rows import ActivityInput, LedgerFilter
from kxtui.db.sheets.export_activities import export_activities
from kxtui.db.sheets.import_activities import import_sheet
from kxtui.domain import AccessRole
from kxtui.i18n import t

Q3 = parse_period("2026Q3")
assert Q3 is not None


def town(name: str) -> Region:
    return Region.get(Region.name == name)


def new(day: str, place: str = "阜安街道") -> ActivityInput:
    return ActivityInput(title="关账测试讲座", start=day, end="", duration="2",
                         region_id=town(place).id, format="lecture", people_reached="10",
                         materials="0")  # fmt: skip


def start_error(data: ActivityInput) -> tuple[str, dict[str, object]] | None:
    """The start field's error of a create, or None when it was saved."""
    try:
        activities.create_activity(data)
    except ValidationError as error:
        return error.errors.get("start")
    return None


def test_closing_refuses_new_activities_dated_in_it_and_names_the_closing(demo_db: Path):
    closing_id = periods.close_period(*Q3)
    error = start_error(new("2026-08-15"))
    assert error is not None and error[0] == "period.closed"
    assert error[1] == {"period": "2026Q3", "closed_by": "测试管理员",
                        "closed_at": "2026-11-20 09:30"}  # fmt: skip
    assert "2026Q3" in t(*error[:1], **error[1]) and "测试管理员" in t(error[0], **error[1])
    assert start_error(new("2026-06-30")) is None  # the day before it: saved
    assert start_error(new("2026-10-01")) is None  # the day after it
    periods.reopen_period(*Q3)
    assert start_error(new("2026-08-15")) is None  # reopened: saved
    logged = AuditEntry.select().where(AuditEntry.entity == "closed_period")
    entries = [(e.action, e.entity, e.entity_id, e.summary) for e in logged]
    assert entries == [("close", "closed_period", closing_id, "2026Q3"),
                       ("reopen", "closed_period", closing_id, "2026Q3")]  # fmt: skip


def _stored_in(first: date, last: date, place: str = "阜安街道") -> Activity:
    return (
        Activity.select()
        .join(Region)
        .where(Activity.start_date.between(first, last), Activity.deleted_at.is_null(),
               Region.path.startswith(town(place).path))
        .order_by(Activity.id)
        .get()
    )  # fmt: skip


def test_stored_activities_of_a_closed_period_are_neither_edited_deleted_nor_restored(demo_db):
    inside = _stored_in(*Q3)
    gone = _stored_in(*Q3, place="中云街道")
    activities.delete_activity(gone.id, gone.version)  # deleted before the closing
    periods.close_period(*Q3)
    data = new("2026-12-01")._replace(title=inside.title)
    with pytest.raises(RefusedError) as refused:  # moving it out of the period is a change too
        activities.update_activity(inside.id, inside.version, data)
    assert refused.value.key == "period.closed"
    with pytest.raises(RefusedError, match="period.closed"):
        activities.delete_activity(inside.id, inside.version)
    with pytest.raises(RefusedError, match="period.closed"):
        activities.restore_activity(gone.id)
    assert Activity.get_by_id(inside.id).version == inside.version  # untouched
    periods.reopen_period(*Q3)
    activities.delete_activity(inside.id, inside.version)
    activities.restore_activity(gone.id)


def test_an_undo_moves_nothing_into_a_closed_period(demo_db: Path):
    outside = new("2026-11-02")
    activity_id = activities.create_activity(outside)
    stored = Activity.get_by_id(activity_id)
    moved = new("2026-08-02")._replace(title=outside.title)
    activities.update_activity(activity_id, stored.version, moved)
    periods.close_period(date(2026, 11, 1), date(2026, 11, 30))
    entry = (
        AuditEntry.select().where(AuditEntry.entity == "activity").order_by(AuditEntry.id.desc())
    )
    with pytest.raises(RefusedError, match="period.closed"):
        undo.undo(entry.first().id)  # would put it back on 2 November


def test_a_region_closing_refuses_only_inside_its_subtree(demo_db: Path):
    periods.close_period(*Q3, region_id=town("阜安街道").id)
    village = Region.get(Region.path.startswith(town("阜安街道").path), Region.kind == "community")
    error = start_error(new("2026-08-15", village.name))
    assert error is not None and error[1]["period"] == "2026Q3（阜安街道）"
    assert start_error(new("2026-08-15", "中云街道")) is None
    assert periods.closing_of(village.path, date(2026, 9, 30)) is not None
    assert periods.closing_of(town("中云街道").path, date(2026, 9, 30)) is None


def test_only_county_admins_close_and_reopen(demo_db: Path):
    fuan = town("阜安街道")
    scope.sign_in(scope.Session("wang", "王五", AccessRole.TOWN_STAFF, edit_path=fuan.path,
                                view_path=fuan.path))  # fmt: skip
    with pytest.raises(RefusedError, match="refused.not_admin"):
        periods.close_period(*Q3, region_id=fuan.id)
    with pytest.raises(RefusedError, match="refused.not_admin"):
        periods.reopen_period(*Q3)
    assert AuditEntry.select().where(AuditEntry.entity == "closed_period").count() == 0


def test_closing_twice_and_reopening_what_is_open_are_refused(demo_db: Path):
    periods.close_period(*Q3)
    with pytest.raises(RefusedError, match="period.already_closed"):
        periods.close_period(*Q3)
    with pytest.raises(RefusedError, match="period.not_closed"):
        periods.reopen_period(date(2026, 7, 1), date(2026, 7, 31))
    with pytest.raises(RefusedError, match="period.end_before_start"):
        periods.close_period(date(2026, 7, 31), date(2026, 7, 1))


def test_list_keeps_the_history_and_closed_within_finds_the_latest_covering_closing(demo_db):
    fuan = town("阜安街道")
    year = periods.close_period(date(2026, 1, 1), date(2026, 12, 31))
    clock.freeze(datetime(2026, 11, 21, 8, 0))
    quarter = periods.close_period(*Q3, region_id=fuan.id)
    periods.reopen_period(date(2026, 1, 1), date(2026, 12, 31))
    listed = {(p.id, p.name, p.region_name, p.in_force) for p in periods.list_periods()}
    assert listed == {(year, "2026", "", False), (quarter, "2026Q3", "阜安街道", True)}
    assert periods.closed_within(fuan.id, *Q3).id == quarter  # type: ignore[union-attr]
    assert periods.closed_within(fuan.id, date(2026, 7, 1), date(2026, 10, 31)) is None
    assert periods.closed_within(town("中云街道").id, *Q3) is None
    assert periods.closed_within(None, *Q3) is None  # only 阜安街道's
    clock.freeze(datetime(2026, 11, 22, 8, 0))
    periods.close_period(date(2026, 1, 1), date(2026, 12, 31))  # the year again, later
    assert periods.closed_within(fuan.id, *Q3).name == "2026"  # type: ignore[union-attr]
    assert periods.closed_within(None, *Q3).name == "2026"  # type: ignore[union-attr]
    assert periods.closed_within(fuan.id, None, None) is None


def test_an_import_lists_each_row_dated_in_a_closed_period_and_imports_nothing(demo_db, tmp_path):
    path = tmp_path / "q.csv"
    export_activities(LedgerFilter(start=date(2026, 6, 1), end=date(2026, 10, 31)), path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    start = rows[0].index("开始日期")
    for row in rows[1:]:
        row[0] = ""  # new activities, not "already present"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    inside = [
        n for n, row in enumerate(rows[1:], start=2) if "2026-07-01" <= row[start] <= "2026-09-30"
    ]
    assert inside and len(inside) < len(rows) - 1
    before = database.execute_sql("SELECT COUNT(*) FROM activity").fetchone()[0]
    periods.close_period(*Q3)
    report = import_sheet(path)
    assert report.imported == 0 and report.bad_rows == tuple(inside)
    assert {(p.column, p.key) for p in report.errors} == {("start", "period.closed")}
    assert database.execute_sql("SELECT COUNT(*) FROM activity").fetchone()[0] == before
    periods.reopen_period(*Q3)
    assert import_sheet(path).imported == len(rows) - 1


def test_closing_and_reopening_are_audited_with_what_changed(demo_db: Path):
    periods.close_period(*Q3, region_id=town("阜安街道").id)
    periods.reopen_period(*Q3, region_id=town("阜安街道").id)
    close, reopen = AuditEntry.select().where(AuditEntry.entity == "closed_period")
    assert json.loads(close.changes)["start"] == [None, "2026-07-01"]
    assert json.loads(close.changes)["region"] == [None, town("阜安街道").id]
    assert json.loads(reopen.changes)["reopened"] == [False, True]
    assert (close.actor, reopen.actor) == ("tester", "tester")
