"""Export the volunteers of a roster filter to XLSX or CSV (志愿者花名册导出).

The roster hands over its current `RosterFilter`; the roster's own SQL conditions choose the
rows, in the roster's order, read from one cursor a batch at a time (a province's roster is
never held in memory). Columns: `volunteer_sheets.COLUMNS`, Chinese headers.

Mobiles are written in full: the roster masks them on screen, but an export is the officer's
report upward, where the number is what is wanted. ID numbers, mobiles and platform IDs are
text, so a spreadsheet keeps an 18-digit ID number and never shows 1.37028E+17: XLSX cells
of type text formatted as text (@); in CSV (UTF-8 with BOM) a tab after the digits, which
Excel and WPS read as text and the import ignores. Formula-like text is neutralised as in
every export (`sheets.csv_cell`, `xlsx_layout.TableSheet.cell`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from kxtui.db import codes
from kxtui.db.engine.models import database
from kxtui.db.numbers import cell
from kxtui.db.numbers import hours as total_hours
from kxtui.db.roster import SORTS, where_clause
from kxtui.db.rows import RosterFilter
from kxtui.db.sheets.columns import Progress, code_label, csv_cell, day_cell, no_progress
from kxtui.db.sheets.export_activities import RegionNames
from kxtui.db.sheets.file_names import ExportName, volunteers_name
from kxtui.db.sheets.files import ExportResult, text_stream, write_file
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.volunteer_columns import (
    COLUMNS,
    TEXT_COLUMNS,
    VOLUNTEERS,
    WIDTHS,
    domains_cell,
    header,
    yes_no_cell,
)
from kxtui.db.sheets.xlsx_layout import TableSheet
from kxtui.domain import Gender

CHUNK = 1000  # rows fetched from the cursor at a time
_FROM = "FROM volunteer v JOIN volunteer_service vs ON vs.volunteer_id = v.id"
_SELECT = """SELECT v.id, v.name, v.gender, v.mobile, v.id_number, v.birth_date, v.region_id,
  (SELECT group_concat(name, '、') FROM (SELECT t.name FROM team_membership m
     JOIN team t ON t.id = m.team_id WHERE m.volunteer_id = v.id ORDER BY t.id)),
  (SELECT group_concat(domain) FROM (SELECT domain FROM volunteer_domain d
     WHERE d.volunteer_id = v.id ORDER BY domain)),
  v.skills, v.platform_registered, v.platform_id, v.is_student, v.active, v.joined_on,
  vs.hours, v.notes"""
_TEXT_AT = frozenset(COLUMNS.index(column) for column in TEXT_COLUMNS)


def export_volunteers(
    f: RosterFilter,
    path: Path | str,
    file_format: str | None = None,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Write the volunteers of `f` to `path` as XLSX or CSV (from the suffix unless given);
    see `export_files.write_file` for where it may write and what it refuses."""

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        with database.atomic():  # one snapshot: the count matches the rows
            conditions, params, _ = where_clause(f, None)  # matches read from the keys
            where = " AND ".join(conditions)
            total = database.execute_sql(f"SELECT COUNT(*) {_FROM} WHERE {where}", params)
            total = total.fetchone()[0]
            progress("sheet.stage_export", 0, total)
            order = ", ".join(f"{c} {'DESC' if desc else 'ASC'}" for c, desc in SORTS[f.sort])
            cursor = database.execute_sql(f"{_SELECT} {_FROM} WHERE {where} ORDER BY {order}",
                                          params)  # fmt: skip
            rows = _rows(cursor, total, progress)
            if chosen == "xlsx":
                return _write_xlsx(handle, rows, total, changes, volunteers_name(f))
            return _write_csv(handle, rows, changes)

    return write_file(path, file_format, overwrite, write, entity="volunteer", filter=f)


def _rows(cursor: Any, total: int, progress: Progress) -> Iterator[tuple[Any, ...]]:
    places = RegionNames()
    done = 0
    while batch := cursor.fetchmany(CHUNK):
        for raw in batch:
            yield _cells(raw, places)
        done += len(batch)
        progress("sheet.stage_export", done, total)


def _cells(raw: tuple[Any, ...], places: RegionNames) -> tuple[Any, ...]:
    (id_, name, gender, mobile, id_number, born, region, teams, domains, skills, registered,
     platform_id, student, active, joined, hours, notes) = raw  # fmt: skip
    county, below, _ = places.place(region)
    values = {
        "id": id_,
        "name": name,
        "gender": code_label(Gender, gender),
        "mobile": mobile or "",
        "id_number": id_number or "",
        "birth_date": day_cell(born),
        "county": county,
        "region": below,
        "teams": teams or "",
        "domains": domains_cell(domains or ""),
        "skills": skills,
        "registered": yes_no_cell(codes.flag(registered)),
        "platform_id": platform_id or "",
        "student": yes_no_cell(codes.flag(student)),
        "active": yes_no_cell(codes.flag(active)),
        "joined_on": day_cell(joined),
        "hours": cell(total_hours(hours)),
        "notes": notes,
    }
    return tuple(values[column] for column in COLUMNS)


def _write_csv(handle: BinaryIO, rows: Iterator[tuple[Any, ...]], changes: CellChanges) -> int:
    count = 0
    stream = text_stream(handle)
    writer = csv.writer(stream)
    headers = [header(column) for column in COLUMNS]
    writer.writerow(headers)
    for row in rows:
        cells = changes.row("CSV", count + 2, headers, row, csv=True)
        writer.writerow([_csv(value, at in _TEXT_AT) for at, value in enumerate(cells)])
        count += 1
    stream.detach()
    return count


def _csv(value: Any, digits: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_cell(value) + ("\t" if digits and value else "")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def _write_xlsx(
    handle: BinaryIO,
    rows: Iterator[tuple[Any, ...]],
    total: int,
    changes: CellChanges,
    name: ExportName,
) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    headers = [header(column) for column in COLUMNS]
    sheet = TableSheet(book, VOLUNTEERS.sheet, name.title, headers,
                       [WIDTHS[column] for column in COLUMNS], text_columns=_TEXT_AT,
                       rows=total)  # fmt: skip
    count = 0
    for cells in rows:
        sheet.append(changes.row(VOLUNTEERS.sheet, sheet.header_row + count + 1, headers, cells))
        count += 1
    changes.add_sheet(book)
    book.save(handle)
    return count
