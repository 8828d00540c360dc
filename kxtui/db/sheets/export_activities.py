"""Export the activities of a ledger filter to XLSX or CSV (活动台账导出).

The ledger hands over its current `LedgerFilter`; the same SQL conditions (`where_clause`)
choose the rows, so the file holds exactly what the ledger shows, oldest first. Where the file
may go, and its audit entry: `files`; what is changed in text cells: `notes`.

XLSX: sheet 活动台账 (one row per activity, real dates, a totals row, header frozen) and sheet
志愿服务 (one row per volunteer per activity). CSV: UTF-8 with BOM, one row per activity, the
volunteers in one column (see `kxtui.db.sheets.columns`), no totals row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.ledger import where_clause
from kxtui.db.numbers import INVALID, Invalid, cell, count, one_hours
from kxtui.db.pinyin import search_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import Hours, LedgerFilter
from kxtui.db.sheets import headers as sheet_headers
from kxtui.db.sheets.columns import (
    CHOICES,
    COLUMNS,
    GROUP_SEPARATOR,
    NARROW,
    WIDTHS,
    Progress,
    code_label,
    csv_cell,
    day_cell,
    header,
    no_progress,
    served_cell,
    zh,
)
from kxtui.db.sheets.file_names import ExportName, activities_name
from kxtui.db.sheets.files import ExportResult, text_stream, write_file
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.xlsx_layout import TableSheet
from kxtui.db.words import marked_chinese

CHUNK = 500  # activities whose volunteers are fetched in one query

_FROM = """FROM activity a JOIN region r ON r.id = a.region_id
  LEFT JOIN venue v ON v.id = a.venue_id LEFT JOIN team t ON t.id = a.organiser_team_id"""
_SELECT = """SELECT a.id, a.title, a.start_date, a.end_date, a.duration, a.region_id,
  COALESCE(v.name, ''), COALESCE(t.name, ''), a.organiser, a.theme_day, a.campaign,
  a.target_groups, a.format, a.people_reached, a.materials, a.notes, v.region_id"""
_SERVICE = """SELECT s.activity_id, s.volunteer_id, p.name, s.hours, r.path
FROM service_record s JOIN volunteer p ON p.id = s.volunteer_id JOIN region r ON r.id = p.region_id
WHERE s.activity_id IN ({marks}) ORDER BY s.activity_id, s.id"""
# Names two volunteers of one county share: the export adds the volunteer's number to them.
_SHARED_NAMES = """SELECT CAST(substr(r.path, 2, instr(substr(r.path, 2), '/') - 1) AS INTEGER)
  AS county, p.name FROM volunteer p JOIN region r ON r.id = p.region_id
GROUP BY county, p.name HAVING COUNT(*) > 1"""


class ExportRow(NamedTuple):
    """One activity as the sheet shows it; `cells` follow `COLUMNS`."""

    cells: tuple[Any, ...]
    served: tuple[tuple[str, Hours], ...]  # (volunteer as written, hours)


def count_activities(f: LedgerFilter) -> int:
    """How many activities an export of this filter writes."""
    conditions, params = where_clause(f)
    sql = f"SELECT COUNT(*) {_FROM} WHERE {' AND '.join(conditions)}"
    return database.execute_sql(sql, params).fetchone()[0]


def _count_service(f: LedgerFilter) -> int:
    conditions, params = where_clause(f)
    sql = (
        "SELECT COUNT(*) FROM service_record WHERE activity_id IN "
        f"(SELECT a.id {_FROM} WHERE {' AND '.join(conditions)})"
    )
    return database.execute_sql(sql, params).fetchone()[0]


def export_activities(
    f: LedgerFilter,
    path: Path | str,
    file_format: str | None = None,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Write the activities of `f` to `path` as XLSX or CSV (from the suffix unless given).

    See `export_files.write_file` for where it may write and what it refuses.
    """

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        with database.atomic():  # one snapshot: the totals row matches the rows
            total = count_activities(f)
            progress("sheet.stage_export", 0, total)
            rows = _rows(f, total, progress)
            if chosen == "xlsx":
                name = activities_name(f)
                return _write_xlsx(handle, rows, total, _count_service(f), changes, name)
            return _write_csv(handle, rows, changes)

    return write_file(path, file_format, overwrite, write, entity="activity", filter=f)


def regions_named(text: str) -> tuple[tuple[int, str], ...]:
    """Regions whose name, full pinyin or initials is `text`, or whose path ends with `text`
    ("胶州市/胶莱镇", "胶莱镇/郭庄村"), as (id, path from the county), for `--region`; only
    those in the officer's view."""
    wanted = text.strip()
    key = search_key(wanted)
    path = "/".join(part.strip() for part in wanted.split("/") if part.strip())
    places = RegionNames()
    params: dict[str, object] = {}
    view = " AND ".join(scope.view_sql("path", params)) or "1"
    sql = f"SELECT id, name, pinyin, initials FROM region WHERE {view} ORDER BY path"
    found = []
    for id_, name, pinyin, initials in database.execute_sql(sql, params):
        county, below, _ = places.place(id_)
        full = f"{county}/{below}" if below else county
        by_path = "/" in path and (path == full or full.endswith("/" + path))
        if wanted == name or (key and key in (pinyin, initials)) or by_path:
            found.append((id_, full))
    return tuple(found)


# -- reading the rows ------------------------------------------------------------------------


def _county_of(path: str) -> int:
    return int(path.split("/", 2)[1])


class RegionNames:
    """Region names by id, and the path below the county ("胶莱镇/郭庄村") built once each."""

    def __init__(self) -> None:
        sql = "SELECT id, parent_id, name, path FROM region"
        self.regions: dict[int, tuple[int | None, str]] = {}
        self.id_paths: dict[int, str] = {}
        for id_, parent, name, path in database.execute_sql(sql):
            self.regions[id_] = (parent, name)
            self.id_paths[id_] = path
        self.paths: dict[int, tuple[str, str, int]] = {}
        self.venues: dict[str, list[int]] = {}  # venue name → the regions of those so named
        for name, region in database.execute_sql("SELECT name, region_id FROM venue"):
            self.venues.setdefault(name, []).append(region)

    def venue(self, name: str, venue_region: int | None, activity_region: int) -> str:
        """The venue's name, with its region's path in front when the activity's region holds
        another venue of that name ("郭庄村/农家书屋")."""
        same = self.venues.get(name, ())
        if venue_region is None or len(same) < 2:
            return name
        lo, hi = subtree_bounds(self.id_paths[activity_region])
        if sum(lo <= self.id_paths.get(region, "") < hi for region in same) < 2:
            return name
        return f"{self.place(venue_region)[1]}/{name}"

    def place(self, region_id: int) -> tuple[str, str, int]:
        """(county name, path below the county, county id)."""
        if region_id not in self.paths:
            names, current = [], region_id
            while current in self.regions:
                parent, name = self.regions[current]
                if parent is None:
                    break
                names.append(name)
                current = parent
            else:  # another program left a reference to a region that is not there
                missing = marked_chinese("region.missing", current)
                self.paths[region_id] = (missing, missing, 0)
                return self.paths[region_id]
            self.paths[region_id] = (name, "/".join(reversed(names)), current)
        return self.paths[region_id]


def _rows(f: LedgerFilter, total: int, progress: Progress) -> Iterator[ExportRow]:
    conditions, params = where_clause(f)
    sql = f"{_SELECT} {_FROM} WHERE {' AND '.join(conditions)} ORDER BY a.start_date, a.id"
    places = RegionNames()
    shared = {(county, name) for county, name in database.execute_sql(_SHARED_NAMES)}
    cursor = database.execute_sql(sql, params)
    done = 0
    while batch := cursor.fetchmany(CHUNK):
        served = _served([raw[0] for raw in batch])
        for raw in batch:
            county_name, region_path, county = places.place(raw[5])
            lines = tuple(
                (name if (county, name) not in shared and _county_of(vpath) == county
                 else f"{name}#{volunteer}", one_hours(hours))
                for volunteer, name, hours, vpath in served.get(raw[0], ())
            )  # fmt: skip
            venue = places.venue(raw[6], raw[16], raw[5])
            yield ExportRow(_cells(raw, county_name, region_path, venue, lines), lines)
        done += len(batch)
        progress("sheet.stage_export", done, total)


def _served(activity_ids: list[int]) -> dict[int, list[tuple[int, str, Any, str]]]:
    marks = ", ".join("?" for _ in activity_ids)
    served: dict[int, list[tuple[int, str, Any, str]]] = {}
    for activity, volunteer, name, hours, path in database.execute_sql(
        _SERVICE.format(marks=marks), activity_ids
    ):
        served.setdefault(activity, []).append((volunteer, name, hours, path))
    return served


def _sum(values: Iterable[Hours]) -> Hours:
    """An activity's service hours: INVALID when one of them is."""
    total = Decimal(0)
    for value in values:
        if isinstance(value, Invalid):
            return INVALID
        total += value
    return total


def _cells(
    raw: tuple[Any, ...],
    county: str,
    region_path: str,
    venue: str,
    lines: tuple[tuple[str, Hours], ...],
) -> tuple[Any, ...]:
    (id_, title, start, end, duration, _region, _venue_name, team, organiser, theme, campaign,
     groups, fmt, reached, materials, notes, _venue_region) = raw  # fmt: skip
    group_labels = [code_label(CHOICES["target_groups"], g) for g in groups.split(",") if g]
    values = {
        "id": id_,
        "title": title,
        "start": day_cell(start),
        "end": day_cell(end),
        "duration": cell(one_hours(duration)),
        "county": county,
        "region": region_path,
        "venue": venue,
        "organiser": organiser or team,
        "team": team,
        "theme_day": code_label(CHOICES["theme_day"], theme),
        "campaign": code_label(CHOICES["campaign"], campaign),
        "target_groups": GROUP_SEPARATOR.join(group_labels),
        "format": code_label(CHOICES["format"], fmt),
        "people_reached": cell(count(reached)),
        "materials": cell(count(materials)),
        "volunteer_count": len(lines),
        "service_hours": cell(_sum(hours for _, hours in lines)),
        "volunteers": served_cell([(who, None, hours) for who, hours in lines]),
        "notes": notes,
    }
    return tuple(values[column] for column in COLUMNS)


# -- writing ---------------------------------------------------------------------------------


def _write_csv(handle: BinaryIO, rows: Iterator[ExportRow], changes: CellChanges) -> int:
    count = 0
    stream = text_stream(handle)
    writer = csv.writer(stream)
    headers = [header(column) for column in COLUMNS]
    writer.writerow(headers)
    for row in rows:
        cells = changes.row("CSV", count + 2, headers, row.cells, csv=True)
        writer.writerow(
            [csv_cell(value) if isinstance(value, str) else _csv_plain(value) for value in cells]
        )
        count += 1
    stream.detach()
    return count


def _csv_plain(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


_SUMMED = ("people_reached", "materials", "service_hours")


def _write_xlsx(
    handle: BinaryIO,
    rows: Iterator[ExportRow],
    total: int,
    service_total: int,
    changes: CellChanges,
    name: ExportName,
) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    headers = [header(column) for column in COLUMNS]
    service_headers = [sheet_headers.SERVICE[key] for key in _SERVICE_HEADERS]
    names = (zh("sheet.sheet_activities"), zh("sheet.sheet_service"))
    widths = [WIDTHS.get(column, NARROW) for column in COLUMNS]
    sheet = TableSheet(book, names[0], name.title, headers, widths, rows=total + 1)
    service = TableSheet(book, names[1], name.titled(names[1]), service_headers,
                         [8, 30, 14, 10], rows=service_total)  # fmt: skip
    service_row = service.header_row
    sums = dict.fromkeys(_SUMMED, Decimal(0))
    positions = {column: COLUMNS.index(column) for column in _SUMMED}
    count = left_out = 0
    for row in rows:
        sheet.append(changes.row(names[0], sheet.header_row + count + 1, headers, row.cells))
        for column, at in positions.items():
            if isinstance(row.cells[at], str):  # the marker of a value out of range
                left_out += 1
            else:
                sums[column] += row.cells[at]
        activity, title = row.cells[0], row.cells[1]
        for who, hours in row.served:
            service_row += 1
            line = (activity, title, who, cell(hours))
            service.append(changes.row(names[1], service_row, service_headers, line))
        count += 1
    sheet.append(_totals(sheet, count, sums, left_out), strong=True)
    changes.add_sheet(book)
    book.save(handle)
    return count


_SERVICE_HEADERS = ("activity", "title", "volunteer", "hours")


def _totals(sheet: TableSheet, count: int, sums: dict[str, Decimal], left_out: int) -> list[Any]:
    """The totals row: the count of activities and the sums, which leave out the values out
    of range (the last cell says how many)."""
    cells: list[Any] = [None] * len(COLUMNS)
    cells[0] = zh("sheet.total")
    cells[COLUMNS.index("title")] = sheet.cell(count, strong=True,
                                               number_format=zh("sheet.total_format"))  # fmt: skip
    for column, value in sums.items():
        cells[COLUMNS.index(column)] = cell(value)
    if left_out:
        cells[-1] = zh("numbers.left_out").format(count=left_out).strip(" ·")
    return cells
