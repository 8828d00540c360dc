"""Goal 4: importing 100,000 activities from a spreadsheet (CSV and XLSX), county demo.

The input is made in the run: the demo's ~670 activities (and their volunteers' service
records, ~9 per activity) are copied in SQL until there are 100,000, then exported with
`kxtui.db.sheets.export_activities` — the same file an officer would get. Each import goes
into a fresh copy of the demo whose own activities are soft-deleted, so every row is new. The copies
repeat the demo's ~500 distinct titles, so the import computes pinyin for those alone (it
keeps one per title); a file of all-different titles pays pypinyin once per row, and the
"titles" line says how much that would add.

- parse: `sheets_read.read_table` (file → rows of text), timed alone.
- database part (the goal): `sheets_import.import_table` on the parsed rows — every row
  resolved and checked with the activity form's rules, then written in ONE transaction
  (activities, service records, one audit entry per activity). rows/s = rows / seconds.
- records/s: activities + service records + audit entries written, over the same seconds
  (and over the write alone).
- check only: `check_table`, the same checks without writing.
- baseline, bare SQLite: `executemany` of the same activity and service-record rows into
  another fresh copy, no Python per row — the ceiling for any importer on this machine.
- without volunteers (a goal line of its own): the same parsed rows with the 志愿者 cell
  emptied, so 100,000 activities and 100,000 audit entries and no service record; its
  baseline is bare SQLite `executemany` of the activity rows alone.

Each figure is one run (an import takes tens of seconds); `--reps` is not used here.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from time import perf_counter

from bench.common import Row, verdict
from bench.fixtures import FROZEN_AT
from kxtui import clock
from kxtui.db import call
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.writes import BULK_CACHE_KIB
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import LedgerFilter
from kxtui.db.sheets.export_activities import export_activities
from kxtui.db.sheets.import_activities import check_table, import_table
from kxtui.db.sheets.read import SheetTable, read_table

ROWS = 100_000
GOAL_ROWS_PER_S = 100_000
_COLUMNS = (
    "created_at, created_by, updated_at, updated_by, version, title, pinyin, initials, "
    "start_date, end_date, duration, region_id, venue_id, organiser_team_id, organiser, "
    "theme_day, campaign, target_groups, format, people_reached, materials, notes"
)


def replicate(demo_db: Path, target: Path, rows: int = ROWS) -> int:
    """A copy of the demo whose activities (with their service records) repeat to `rows`."""
    shutil.copy(demo_db, target)
    connection = sqlite3.connect(target)
    try:
        (base,) = connection.execute("SELECT MAX(id) FROM activity").fetchone()
        copies = 0
        while connection.execute("SELECT COUNT(*) FROM activity").fetchone()[0] < rows:
            copies += 1
            shift = copies * base
            missing = rows - connection.execute("SELECT COUNT(*) FROM activity").fetchone()[0]
            connection.execute(
                f"INSERT INTO activity (id, {_COLUMNS}) SELECT id + ?, {_COLUMNS} FROM activity "
                "WHERE id <= ? ORDER BY id LIMIT ?",
                (shift, base, missing),
            )
            connection.execute(
                "INSERT INTO service_record (activity_id, volunteer_id, hours) "
                "SELECT activity_id + ?, volunteer_id, hours FROM service_record "
                "WHERE activity_id IN (SELECT id - ? FROM activity WHERE id > ?)",
                (shift, shift, shift),
            )
        connection.commit()
        return connection.execute("SELECT COUNT(*) FROM activity").fetchone()[0]
    finally:
        connection.close()


def fresh_target(demo_db: Path, target: Path) -> Path:
    """A demo copy with its own activities soft-deleted: every imported row is new."""
    shutil.copy(demo_db, target)
    connection = sqlite3.connect(target)
    connection.execute("UPDATE activity SET deleted_at = '2026-11-15 09:00:00'")
    connection.commit()
    connection.close()
    return target


def bare_sqlite(source: Path, target: Path, *, service: bool = True) -> float:
    """Seconds to insert the source's activities (and, with `service`, their service records)
    into `target` with executemany alone, in one transaction, with the import's page cache."""
    rows_from = sqlite3.connect(source)
    activities = rows_from.execute(f"SELECT id + 1000000, {_COLUMNS} FROM activity").fetchall()
    served = rows_from.execute(
        "SELECT activity_id + 1000000, volunteer_id, hours FROM service_record"
    ).fetchall()
    rows_from.close()
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA synchronous = full")
    connection.execute("PRAGMA foreign_keys = 1")
    connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    started = perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    marks = ", ".join("?" * 23)
    connection.executemany(f"INSERT INTO activity (id, {_COLUMNS}) VALUES ({marks})", activities)
    if service:
        connection.executemany(
            "INSERT INTO service_record (activity_id, volunteer_id, hours) VALUES (?, ?, ?)",
            served,
        )
    connection.execute("COMMIT")
    seconds = perf_counter() - started
    connection.close()
    return seconds


def without_volunteers(table: SheetTable) -> SheetTable:
    """The same rows with the 志愿者 cell emptied: activities without service records."""
    at = table.columns["volunteers"]
    rows = [(row, (*cells[:at], "", *cells[at + 1 :])) for row, cells in table.rows]
    return table._replace(rows=rows)


def _import(demo_db: Path, target: Path, table: SheetTable) -> tuple[int, float]:
    """Activities imported and seconds taken by `import_table` into a fresh demo copy."""
    open_database(fresh_target(demo_db, target))
    try:
        started = perf_counter()
        report = call(import_table, table)
        return report.imported, perf_counter() - started
    finally:
        close_database()


def _pinyin_per_title(titles: list[str]) -> float:
    started = perf_counter()
    for title in titles:
        pinyin_keys(title)
    return (perf_counter() - started) / len(titles)


def _rate(rows: int, seconds: float, unit: str = "rows") -> str:
    return f"{rows / seconds:,.0f} {unit}/s"


def run(demo_db: Path, work: Path) -> list[Row]:
    clock.freeze(FROZEN_AT)
    big = work / "activities-100k.db"
    total = replicate(demo_db, big)
    open_database(big)
    try:
        started = perf_counter()
        call(export_activities, LedgerFilter(), work / "activities.csv", "csv")
        csv_export = perf_counter() - started
        started = perf_counter()
        call(export_activities, LedgerFilter(), work / "activities.xlsx", "xlsx")
        xlsx_export = perf_counter() - started
    finally:
        close_database()
    with closing(sqlite3.connect(big)) as connection:
        (service_rows,) = connection.execute("SELECT COUNT(*) FROM service_record").fetchone()
        titles = [title for (title,) in connection.execute("SELECT DISTINCT title FROM activity")]

    started = perf_counter()
    table = read_table(work / "activities.csv")
    csv_parse = perf_counter() - started
    open_database(fresh_target(demo_db, work / "target-check.db"))
    try:
        started = perf_counter()
        checked = call(check_table, table)
        check_only = perf_counter() - started
    finally:
        close_database()
    imported, database_part = _import(demo_db, work / "target-csv.db", table)
    assert imported == total == checked.valid, (imported, total, checked)
    imported, alone_part = _import(demo_db, work / "target-alone.db", without_volunteers(table))
    assert imported == total, imported
    del table

    started = perf_counter()
    table = read_table(work / "activities.xlsx")
    xlsx_parse = perf_counter() - started
    imported, xlsx_database = _import(demo_db, work / "target-xlsx.db", table)
    assert imported == total, imported
    del table
    bare = bare_sqlite(big, fresh_target(demo_db, work / "target-bare.db"))
    bare_alone = bare_sqlite(
        big, fresh_target(demo_db, work / "target-bare-alone.db"), service=False
    )
    pinyin = _pinyin_per_title(titles)

    rate = total / database_part
    write_only = max(database_part - check_only, 1e-9)
    records = 2 * total + service_rows  # activities, audit entries, service records
    info = [
        (f"   rows carry {service_rows / total:.1f} service records each", f"{service_rows:,}", ""),
        (
            "   records/s: activities + service records + audit entries",
            _rate(records, database_part, "records"),
            f"bare SQLite {_rate(total + service_rows, bare, 'records')} (no audit)",
        ),
        (
            "   records/s, write only (database part − check only)",
            _rate(records, write_only, "records"),
            "",
        ),  # fmt: skip
        ("   CSV parse (read_table)", _rate(total, csv_parse), ""),
        ("   check only (no write)", _rate(total, check_only), ""),
        ("   write (database part − check only)", _rate(total, write_only), ""),
        (
            f"   titles: {len(titles):,} distinct, pinyin once each",
            f"{pinyin * 1e6:,.0f} µs per title",
            f"all {total:,} distinct would add {pinyin * total:.0f} s",
        ),
        ("   XLSX parse (read_table)", _rate(total, xlsx_parse), ""),
        ("   XLSX check + write", _rate(total, xlsx_database), ""),
        ("   XLSX parse + check + write", _rate(total, xlsx_parse + xlsx_database), ""),
        (
            "   export (making the input): CSV / XLSX",
            f"{csv_export:.1f} s / {xlsx_export:.1f} s",
            "",
        ),
    ]
    return [
        Row(
            f"4. import {total:,} CSV rows: check + write (database part)",
            f"≥ {GOAL_ROWS_PER_S:,} rows/s",
            _rate(total, database_part),
            f"bare SQLite inserts {_rate(total, bare)}",
            f"{bare / database_part:.2f}×",
            verdict(rate >= GOAL_ROWS_PER_S),
        ),
        *(
            Row(figure, measured=measured, baseline=baseline, verdict="info")
            for figure, measured, baseline in info
        ),
        Row(
            f"4b. the same {total:,} rows without volunteers (database part)",
            f"≥ {GOAL_ROWS_PER_S:,} rows/s",
            _rate(total, alone_part),
            f"bare SQLite inserts {_rate(total, bare_alone)}",
            f"{bare_alone / alone_part:.2f}×",
            verdict(total / alone_part >= GOAL_ROWS_PER_S),
        ),
    ]
