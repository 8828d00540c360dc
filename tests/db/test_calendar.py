"""The year's calendar: its defaults, theme windows, the activities logged for each theme by
town (checked against a count of their own here), and county admins' edits."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from kxtui.db import calendar
from kxtui.db.engine import scope
from kxtui.db.engine.models import AuditEntry, Region, database
from kxtui.db.errors import ConflictError, RefusedError, ValidationError
from kxtui.domain import AccessRole


def test_a_year_without_edits_has_the_defaults_by_date(demo_db: Path):
    found = [(e.code, e.kind, e.start, e.end, e.days_left, e.version)
             for e in calendar.entries(2026)]  # fmt: skip
    assert found == [
        ("volunteer_week", "theme", date(2026, 3, 1), date(2026, 3, 7), -264, 0),
        ("science_week", "theme", date(2026, 5, 17), date(2026, 5, 23), -187, 0),
        ("workers_day", "theme", date(2026, 5, 30), date(2026, 5, 30), -174, 0),
        ("science_day", "theme", date(2026, 9, 1), date(2026, 9, 30), -80, 0),
        ("science_day_registration", "deadline", date(2026, 9, 15), date(2026, 9, 15), -66, 0),
        ("science_day_summary", "deadline", date(2026, 10, 15), date(2026, 10, 15), -36, 0),
        ("statistics", "deadline", date(2027, 1, 31), date(2027, 1, 31), 72, 0),
    ]
    assert database.execute_sql("SELECT COUNT(*) FROM calendar_entry").fetchone()[0] == 0
    # the third Sunday of May to the Saturday after it, each year
    assert calendar.window(2027, "science_week") == (date(2027, 5, 16), date(2027, 5, 22))


def test_window_and_theme_on(demo_db: Path):
    assert calendar.window(2026, "science_day") == (date(2026, 9, 1), date(2026, 9, 30))
    assert calendar.window(2026, "other") is None
    assert calendar.theme_on(date(2026, 3, 7)) == "volunteer_week"
    assert calendar.theme_on(date(2026, 3, 8)) is None
    assert calendar.theme_on(date(2026, 5, 30)) == "workers_day"
    assert calendar.theme_on(date(2026, 9, 15)) == "science_day"  # a deadline is no theme
    assert calendar.theme_on(date(2026, 11, 20)) is None
    week = calendar.entry_id(2026, "science_week")
    calendar.update_entry(week, 0, "2026-05-24", "2026-05-31", "全国科技活动周", "")
    assert calendar.theme_on(date(2026, 5, 31)) == "science_week"
    assert calendar.theme_on(date(2026, 5, 30)) == "workers_day"  # the shorter window


def counted_here(root: str, theme: str, first: date, last: date) -> Counter[str]:
    """The theme's activities under `root` by the name of the child region they lie in
    ("" at the root itself), counted from every activity row in Python."""
    rows = database.execute_sql(
        "SELECT a.theme_day, a.start_date, r.path, a.deleted_at FROM activity a"
        " JOIN region r ON r.id = a.region_id"
    ).fetchall()
    names = dict(database.execute_sql("SELECT id, name FROM region").fetchall())
    counts: Counter[str] = Counter()
    for theme_day, day, path, deleted in rows:
        day = date.fromisoformat(day)
        tagged = theme_day == theme and day.year == first.year
        if deleted or not path.startswith(root) or not (tagged or first <= day <= last):
            continue
        rest = path[len(root) :].split("/")[0]
        counts[names[int(rest)] if rest else ""] += 1
    return counts


def test_counts_by_town_equal_a_count_of_every_row(demo_db: Path):
    county = Region.get(Region.name == "胶州市", Region.parent.is_null())
    database.execute_sql("UPDATE activity SET deleted_at = '2026-11-01' WHERE id % 7 = 0")
    checked = 0
    for entry in calendar.entries(2026, county.id):
        if entry.kind != "theme":
            assert (entry.activities, entry.by_town) == (0, ())
            continue
        expected = counted_here(county.path, entry.code, entry.start, entry.end)
        assert {t.name: t.activities for t in entry.by_town} == dict(expected)
        assert entry.activities == sum(expected.values())
        checked += entry.activities
    assert checked > 20  # the demo logs activities for the theme days
    whole = {e.code: e.activities for e in calendar.entries(2026)}  # by county
    assert whole["science_day"] >= {e.code: e.activities for e in
                                    calendar.entries(2026, county.id)}["science_day"]  # fmt: skip


def test_counts_keep_to_the_officers_view(demo_db: Path):
    town = Region.get(Region.name == "阜安街道")
    scope.sign_in(scope.Session("wang", "王五", AccessRole.TOWN_STAFF, edit_path=town.path,
                                view_path=town.path))  # fmt: skip
    for entry in calendar.entries(2026):
        if entry.kind == "theme":
            expected = counted_here(town.path, entry.code, entry.start, entry.end)
            assert {t.name: t.activities for t in entry.by_town} == dict(expected)
    county = Region.get(Region.name == "胶州市", Region.parent.is_null())
    with pytest.raises(RefusedError, match="refused.out_of_view"):
        calendar.entries(2026, county.id)


def test_a_county_admin_edits_an_entry_with_a_conflict_check_and_an_audit_entry(demo_db: Path):
    day = calendar.entry_id(2026, "science_day")
    calendar.update_entry(day, 0, "2026-09-19", "2026-09-25", "2026年全国科普日", "主场活动")
    assert calendar.window(2026, "science_day") == (date(2026, 9, 19), date(2026, 9, 25))
    (stored,) = [e for e in calendar.entries(2026) if e.id == day]
    assert (stored.version, stored.name, stored.notes) == (1, "2026年全国科普日", "主场活动")
    entry = AuditEntry.get(AuditEntry.entity == "calendar_entry")
    assert (entry.action, entry.entity_id, entry.summary) == ("update", day, "2026年全国科普日")
    assert json.loads(entry.changes)["start"] == ["2026-09-01", "2026-09-19"]
    with pytest.raises(ConflictError):  # read as the default before the save above
        calendar.update_entry(day, 0, "2026-09-20", "", "全国科普日", "")
    calendar.update_entry(day, 1, "2026-09-20", "", "全国科普日", "")
    assert calendar.window(2026, "science_day") == (date(2026, 9, 20), date(2026, 9, 20))
    assert calendar.window(2027, "science_day") == (date(2027, 9, 1), date(2027, 9, 30))


def test_edits_are_checked_and_only_for_county_admins(demo_db: Path):
    day = calendar.entry_id(2026, "workers_day")
    with pytest.raises(ValidationError) as raised:
        calendar.update_entry(day, 0, "2027-05-30", "5月1日", "", "")
    assert {f: key for f, (key, _) in raised.value.errors.items()} == {
        "start": "calendar.field.year",
        "end": "field.end_before_start",
        "name": "field.required",
    }
    statistics = calendar.entry_id(2026, "statistics")  # a deadline may fall in the next year
    calendar.update_entry(statistics, 0, "2027-02-15", "", "年度科普统计报送截止", "")
    town = Region.get(Region.name == "阜安街道")
    scope.sign_in(scope.Session("wang", "王五", AccessRole.TOWN_STAFF, edit_path=town.path,
                                view_path=town.path))  # fmt: skip
    with pytest.raises(RefusedError, match="refused.not_admin"):
        calendar.update_entry(day, 0, "2026-05-30", "", "全国科技工作者日", "")
