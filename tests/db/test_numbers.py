"""Numbers out of range (text, infinity, negative, too large) written by another program:
SQLite refuses them from schema v10, the upgrade clears those it finds (audited), and every
reader — ledger, details, stats, roster, exports, check — marks them instead of crashing."""

from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kxtui.db import call, ledger, regions, service_history, stats
from kxtui.db.activities import create_activity
from kxtui.db.engine import connection as connection_module
from kxtui.db.engine import migrations
from kxtui.db.engine.check import check_database
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.database import SCHEMA_VERSION
from kxtui.db.errors import ValidationError
from kxtui.db.ledger import detail
from kxtui.db.numbers import COUNT_LIMIT, HOURS_LIMIT, INVALID, POPULATION_LIMIT
from kxtui.db.rows import ActivityInput, LedgerFilter, RosterFilter, ServiceInput
from kxtui.db.sheets.export_activities import export_activities
from kxtui.db.sheets.export_volunteers import export_volunteers
from tests.db.test_migrations import V1, indexes

MARK = "⚠无效"
STAMP = "'2026-05-30 10:00:00', 'other', '2026-05-30 10:00:00', 'other', 1"
ACTIVITY = (
    "INSERT INTO activity (id, created_at, created_by, updated_at, updated_by, version, title,"
    " pinyin, initials, start_date, end_date, duration, region_id, organiser, target_groups,"
    f" format, people_reached, materials, notes) VALUES (?, {STAMP}, ?, '', '', '2026-05-01',"
    " '2026-05-02', ?, 2, '', '', 'lecture', ?, ?, '')"
)

VOLUNTEER_SERVICE_V9 = (
    'CREATE TABLE "volunteer_service" ("volunteer_id" INTEGER NOT NULL PRIMARY KEY,'
    ' "hours" DECIMAL(9, 2) NOT NULL, "last_served" DATE, FOREIGN KEY ("volunteer_id")'
    ' REFERENCES "volunteer" ("id") ON DELETE CASCADE)'
)


@pytest.fixture
def v9_with_bad_rows(tmp_path: Path) -> Path:
    """A database of schema v9 (no CHECK constraints) into which another program wrote."""
    path = tmp_path / "county.db"
    shutil.copy(V1, path)
    with pytest.MonkeyPatch.context() as patch:
        for module in (migrations, connection_module):
            patch.setattr(module, "SCHEMA_VERSION", 9)
        open_database(path)
        close_database()
    with sqlite3.connect(path) as db:
        # schema v5 made this table as it was then (the model of today has a CHECK)
        db.execute("DROP TABLE volunteer_service")
        db.execute(VOLUNTEER_SERVICE_V9)
        db.execute(
            "INSERT INTO volunteer (id, created_at, created_by, updated_at, updated_by, version,"
            " name, pinyin, initials, region_id, skills, platform_registered, is_student, active,"
            f" notes) VALUES (1, {STAMP}, '张伟', 'zhangwei', 'zw', 2, '', 0, 0, 1, '')"
        )
        for row in (
            (1, "好的", 48, 1200, 300),  # 48 h over its two days: the most the form takes
            (2, "文字", 2, "NaN", 5),
            (3, "无穷", "1e999", 10, -1),  # duration infinite
            (4, "太大", 49, 1e20, 0),  # more than 24 h a day; 1e20 people
        ):
            db.execute(ACTIVITY, row)
        db.execute("UPDATE activity SET people_reached = 1e999 WHERE id = 3")
        db.executemany(
            "INSERT INTO service_record (id, activity_id, volunteer_id, hours) VALUES (?, ?, 1, ?)",
            [(1, 1, 2.5), (2, 2, "abc"), (3, 3, -1)],
        )
        db.execute("INSERT INTO volunteer_service VALUES (1, 1e999, '2026-05-01')")
        db.execute("UPDATE region SET population = -5 WHERE id = 2")
    return path


def stored(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def test_the_upgrade_clears_values_out_of_range_and_audits_each(v9_with_bad_rows: Path) -> None:
    path = v9_with_bad_rows
    before_indexes = indexes(path)
    opened = open_database(path)
    close_database()
    assert opened.schema_version == SCHEMA_VERSION  # upgraded to the last step
    assert stored(path, "SELECT id, duration, people_reached, materials FROM activity") == [
        (1, 48, 1200, 300),  # untouched
        (2, 2, None, 5),
        (3, None, None, None),
        (4, None, None, 0),
    ]
    assert stored(path, "SELECT id, hours FROM service_record") == [(1, 2.5), (2, None), (3, None)]
    assert stored(path, "SELECT hours FROM volunteer_service") == [(2.5,)]  # counted again
    assert stored(path, "SELECT population FROM region WHERE id = 2") == [(None,)]
    audited = stored(
        path,
        "SELECT entity, entity_id, changes FROM audit_entry WHERE action = 'repair' ORDER BY id",
    )
    assert audited == [
        ("region", 2, '{"population": ["-5", null]}'),
        ("activity", 2, '{"people_reached": ["NaN", null]}'),
        ("activity", 3, '{"people_reached": ["Inf", null]}'),
        ("activity", 4, '{"people_reached": ["1.0e+20", null]}'),
        ("activity", 3, '{"materials": ["-1", null]}'),
        ("activity", 3, '{"duration": ["Inf", null]}'),
        ("activity", 4, '{"duration": ["49", null]}'),
        ("activity", 2, '{"hours": ["abc", null]}'),
        ("activity", 3, '{"hours": ["-1", null]}'),
    ]
    # the same indexes, besides those of the tables later steps add (v13, v15)
    added = {"calendar_entry_year_code", "closed_period_region_id",
             "closed_period_reopened_at_start", "historical_hours_volunteer_id_start_date",
             "certificate_number", "certificate_county_id_year_sequence",
             "certificate_volunteer_id_period_start_period_end"}  # fmt: skip
    assert indexes(path) - added == before_indexes
    assert stored(path, "PRAGMA foreign_key_check") == []
    assert stored(path, "PRAGMA integrity_check") == [("ok",)]
    assert stored(path, "PRAGMA foreign_keys") == [(0,)]  # a fresh connection: the default


def test_the_upgrade_keeps_references_whole(v9_with_bad_rows: Path) -> None:
    """The rebuilt tables are the same records: a cascade or a broken reference would show."""
    counts = "SELECT (SELECT COUNT(*) FROM activity), (SELECT COUNT(*) FROM service_record)"
    before = stored(v9_with_bad_rows, counts)
    open_database(v9_with_bad_rows)
    close_database()
    assert stored(v9_with_bad_rows, counts) == before == [(4, 3)]


WRITES = [
    ("activity", "people_reached", "id = 1"),
    ("activity", "materials", "id = 1"),
    ("activity", "duration", "id = 1"),
    ("service_record", "hours", "id = 1"),
    ("volunteer_service", "hours", "volunteer_id = 1"),
    ("region", "population", "id = 2"),
]
BAD_VALUES = ["'NaN'", "'abc'", "1e999", "-1e999", "-1", "1e20", "2.5", "0"]
# in range where hours are counted: 2.5 hours; 0 people (a total of 0 hours too)
IN_RANGE = {("2.5", "duration"), ("2.5", "hours"), ("0", "people_reached"), ("0", "materials"),
            ("0", "population"), ("0", "volunteer_service")}  # fmt: skip


@pytest.mark.parametrize(
    ("table", "column", "where", "value"),
    [
        (*write, value)
        for write in WRITES
        for value in BAD_VALUES
        if not {(value, write[0]), (value, write[1])} & IN_RANGE
    ],
)
def test_sqlite_refuses_bad_numbers_from_any_writer(
    v9_with_bad_rows: Path, table: str, column: str, where: str, value: str
) -> None:
    """After the upgrade, a raw UPDATE or INSERT of a value out of range fails."""
    open_database(v9_with_bad_rows)
    close_database()
    with sqlite3.connect(v9_with_bad_rows) as db:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.execute(f"UPDATE {table} SET {column} = {value} WHERE {where}")
        # the same record inserted anew with the value (a copy without constraints holds it)
        db.execute(f"CREATE TEMP TABLE copy AS SELECT * FROM {table} WHERE {where}")
        db.execute(f"UPDATE temp.copy SET {column} = {value}")
        db.execute(f"DELETE FROM {table} WHERE {where}")
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            db.execute(f"INSERT INTO {table} SELECT * FROM temp.copy")


def test_the_largest_values_the_forms_take_are_stored(demo_db: Path) -> None:
    """The constraints refuse nothing the app accepts: their bounds are the forms'."""
    from kxtui.db.engine.models import Region

    town = Region.get(Region.name == "阜安街道")
    most = f"{COUNT_LIMIT:,}"
    data = ActivityInput(
        title="全年活动", start="2026-01-01", end="2026-12-31", duration="8760",
        region_id=town.id, format="lecture", people_reached=most, materials=most,
        confirmed=True, service=(ServiceInput(1, "甲", str(HOURS_LIMIT)),),
    )  # fmt: skip
    saved = detail(create_activity(data))
    assert saved is not None
    assert (saved.people_reached, saved.materials) == (COUNT_LIMIT, COUNT_LIMIT)
    assert (saved.duration, saved.service[0].hours) == (8760, HOURS_LIMIT)
    with pytest.raises(ValidationError):  # one cent more is refused by the form as well
        create_activity(data._replace(service=(ServiceInput(1, "甲", "100000"),)))
    with sqlite3.connect(demo_db) as db:  # the region form takes nine digits
        db.execute(f"UPDATE region SET population = {POPULATION_LIMIT} WHERE id = {town.id}")


# -- readers on a current database that another program wrote into --------------------------


def spoil(path: Path, *statements: str) -> None:
    """Write as another program can: without the CHECK constraints."""
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA ignore_check_constraints = ON")
        for statement in statements:
            db.execute(statement)


@pytest.fixture
def spoiled(demo_path: Path) -> tuple[Path, list[int]]:
    """The demo with the four newest activities of 胶州市 and some of their numbers spoiled."""
    newest = [
        row[0]
        for row in stored(
            demo_path,
            "SELECT a.id FROM activity a JOIN region r ON r.id = a.region_id"
            " WHERE r.path LIKE '/1/%' AND a.deleted_at IS NULL"
            " ORDER BY a.start_date DESC, a.id DESC LIMIT 4",
        )
    ]
    first = newest[0]
    (served,) = stored(demo_path, f"SELECT MIN(id) FROM service_record WHERE activity_id = {first}")
    spoil(
        demo_path,
        *(
            f"UPDATE activity SET people_reached = {value} WHERE id = {activity}"
            for activity, value in zip(newest, ("'NaN'", "1e999", "-1", "1e20"), strict=True)
        ),
        f"UPDATE activity SET duration = 'abc', materials = -5 WHERE id = {newest[1]}",
        f"UPDATE service_record SET hours = 1e999 WHERE id = {served[0]}",
        "UPDATE volunteer_service SET hours = -1e999 WHERE volunteer_id ="
        f" (SELECT volunteer_id FROM service_record WHERE id = {served[0]})",
        "UPDATE region SET population = 1e999 WHERE id = 2",
    )
    return demo_path, newest


def test_the_ledger_marks_them_and_its_totals_leave_them_out(spoiled) -> None:
    path, newest = spoiled
    open_database(path)
    county = LedgerFilter(region_id=1)
    rows = {row.id: row for row in call(ledger.page, county, limit=10)}
    for activity in newest:
        assert f"{rows[activity].people_reached:,}" == MARK
    assert f"{rows[newest[1]].materials:,}" == MARK
    assert rows[newest[0]].hours is INVALID  # one of its service records is infinite
    totals = call(ledger.totals, county)
    (valid,) = stored(
        path,
        "SELECT SUM(a.people_reached) FROM activity a JOIN region r ON r.id = a.region_id"
        f" WHERE r.path LIKE '/1/%' AND a.deleted_at IS NULL AND a.id NOT IN {tuple(newest)}",
    )
    assert totals.people_reached == valid[0]
    assert totals.invalid == 4 + 1 + 1  # people reached, materials, hours
    assert "inf" not in f"{totals.hours}".lower()


def test_stats_details_roster_and_history_mark_them(spoiled) -> None:
    path, newest = spoiled
    open_database(path)
    jiaozhou = call(stats.county_stats)[0]
    assert jiaozhou.invalid_values == 6
    assert jiaozhou.service_hours < 10**7
    region = call(regions.detail, 2, date(2026, 11, 20))
    assert region is not None and f"{region.population:,}" == MARK
    activity = call(detail, newest[1])
    assert activity is not None and str(activity.duration) == MARK
    assert str(activity.people_reached) == MARK
    (volunteer,) = stored(
        path,
        f"SELECT volunteer_id FROM service_record WHERE activity_id = {newest[0]}"
        " ORDER BY id LIMIT 1",
    )[0]
    lines = call(service_history.page, volunteer)
    assert MARK in [f"{line.hours}" for line in lines]
    from kxtui.db import roster

    by_hours = RosterFilter(region_id=1, sort="hours")
    last = call(roster.count, by_hours) - 3  # an infinity below zero sorts last
    found = call(roster.page, by_hours, 2026, offset=last, limit=3)
    assert any(f"{row.hours_total:,}" == MARK and row.stars == 0 for row in found)


def test_exports_write_the_marker_and_whole_numbers(spoiled, tmp_path: Path) -> None:
    path, newest = spoiled
    open_database(path)
    target = tmp_path / "ledger.csv"
    call(export_activities, LedgerFilter(region_id=1), target, "csv")
    text = target.read_text(encoding="utf-8-sig")
    assert "1e+20" not in text and "inf" not in text.lower() and "nan" not in text.lower()
    rows = {row["编号"]: row for row in csv.DictReader(text.splitlines())}
    for activity in newest:
        assert rows[str(activity)]["受众人次"] == MARK
    assert rows[str(newest[1])]["时长(小时)"] == MARK
    book = tmp_path / "ledger.xlsx"
    call(export_activities, LedgerFilter(region_id=1), book, "xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(book).worksheets[0]
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert last[0] == "合计" and "未计入" in last[-1]
    assert all(isinstance(v, int) for v in last[14:16])  # sums of whole numbers stay whole
    roster = tmp_path / "roster.csv"
    call(export_volunteers, RosterFilter(region_id=1, sort="hours"), roster, "csv")
    assert MARK in roster.read_text(encoding="utf-8-sig")


def test_check_lists_every_value_out_of_range(spoiled) -> None:
    path, newest = spoiled
    report = check_database(path)
    numbers = {
        (p.params["table"], p.params["column"]): p
        for p in report.problems
        if p.key == "check.number"
    }
    assert set(numbers) == {
        ("activity", "people_reached"),
        ("activity", "materials"),
        ("activity", "duration"),
        ("service_record", "hours"),
        ("volunteer_service", "hours"),
        ("region", "population"),
    }
    assert numbers["activity", "people_reached"].count == 4
    assert sorted(numbers["activity", "people_reached"].examples) == sorted(
        [f"#{newest[0]} 'NaN'", f"#{newest[1]} Inf", f"#{newest[2]} -1", f"#{newest[3]} 1.0e+20"]
    )
    assert numbers["activity", "duration"].examples == (f"#{newest[1]} 'abc'",)
    assert not report.ok


def test_an_import_beside_a_cleared_duration_takes_the_row_as_new(demo_db: Path, tmp_path: Path):
    """A ledger row whose duration the upgrade cleared (NULL) is no row the file can match:
    the file's row is imported as a new activity (the comparison raised InvalidOperation)."""
    from kxtui.db.sheets.import_activities import import_sheet

    target = tmp_path / "one.csv"
    (first,) = stored(demo_db, "SELECT MIN(id) FROM activity WHERE deleted_at IS NULL")[0]
    export_activities(LedgerFilter(), target, "csv")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    row = next(line for line in lines if line.startswith(f"{first},"))
    target.write_text("\n".join([lines[0], row]), encoding="utf-8-sig")
    with sqlite3.connect(demo_db) as db:
        db.execute(f"UPDATE activity SET duration = NULL WHERE id = {first}")
    report = import_sheet(target)
    assert (report.present, report.imported) == (0, 1)
