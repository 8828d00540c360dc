"""Export a report (统计报表, `kxtui.db.reports`) to XLSX or CSV, in the shape officials hand
tables over: any report, grouped any way, or a cross table.

Sheet 1, named after the report: the title ("胶州市2026年第三季度科普活动统计表"; a cross table
names its measure after it), a line 填报单位 / 填报人 / 联系电话 / 填报日期 / 统计时段, the
header row with units (the first column says what the rows are: 区域, 主题日 …), a row per
group, and 合计 — the report's own total, never a sum of the rows (a volunteer who served in
two towns is one volunteer). Counts with thousands separators, hours to one place, rates as
percentages (a rate is a fraction: 0.853 is 85.3%), a figure that does not apply "-".
Sheet 说明: what each figure counts and how, the values left out as out of range, and the
closing the period is under. Where the file may go and its audit entry: `files`; what is
changed in text cells: `notes` (its list is sheet 修改说明 here).

CSV (UTF-8 with BOM): the same table — title, the line of who filled it in, header, rows, 合计.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from rich.cells import cell_len

from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.report_rows import GROUPINGS, MEASURES, TIMELESS, Report, Value
from kxtui.db.sheets.columns import Progress, csv_cell, no_progress, zh
from kxtui.db.sheets.file_names import ExportName, report_name
from kxtui.db.sheets.files import ExportResult, text_stream, write_file
from kxtui.db.sheets.headers import REPORT_GROUPINGS, report_measure
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.report_definitions import definition
from kxtui.db.sheets.xlsx_layout import TITLE_ROW, TableSheet

COUNT_FORMAT = "#,##0"
HOURS_FORMAT = "#,##0.0"
RATE_FORMAT = "0.0%"
DECIMAL_FORMAT = "#,##0.0"
PORTRAIT_WIDTH = 95  # characters a portrait A4 page holds legibly; wider tables turn


class Filler(NamedTuple):
    """Who fills the table in (填报人) and their phone (联系电话), as the sheet names them."""

    name: str
    phone: str = ""


class ReportTable(NamedTuple):
    """A report laid out as a sheet: what both formats write."""

    name: ExportName
    title: str
    # the lines of who filled it in: (填报单位, 填报人, 联系电话), (填报日期, 统计时段)
    filled: tuple[tuple[str, ...], ...]
    headers: tuple[str, ...]
    measures: tuple[str, ...]  # each figure column's measure (a cross table: its one measure)
    rows: tuple[tuple[Any, ...], ...]  # the row's name, then its figures
    total: tuple[Any, ...]


def officer_filler() -> Filler:
    """The signed-in officer as 填报人, with the phone of their account ("" if none)."""
    session = scope.session()
    phone = None
    if session.officer_id is not None:
        row = database.execute_sql(
            "SELECT phone FROM officer_account WHERE id = ?", (session.officer_id,)
        ).fetchone()
        phone = row[0] if row else None
    return Filler(session.name, phone or "")


def county_name(region_id: int | None) -> str:
    """The county (the top region) the report's region lies in; with no region, the one
    county of the database ("" when it holds several)."""
    if region_id is None:
        region_id = scope.view_root()
    if region_id is None:
        tops = database.execute_sql(
            "SELECT name FROM region WHERE parent_id IS NULL LIMIT 2"
        ).fetchall()
        return tops[0][0] if len(tops) == 1 else ""
    row = database.execute_sql("SELECT path FROM region WHERE id = ?", (region_id,)).fetchone()
    if row is None:
        return ""
    top = database.execute_sql(
        "SELECT name FROM region WHERE id = ?", (int(row[0].split("/")[1]),)
    ).fetchone()
    return top[0] if top else ""


def is_cross(report: Report) -> bool:
    """Whether the report is a cross table: its columns are the groups of a second key."""
    return report.query.across is not None


def layout(report: Report, filler: Filler) -> ReportTable:
    """The report as a sheet lays it out (reads the county's name)."""
    q = report.query
    name = report_name(report)
    county = county_name(report.region_id)
    unit = zh("report_sheet.association").format(county=county) if county else ""
    filled = (
        (
            zh("report_sheet.unit").format(unit=unit),
            zh("report_sheet.filler").format(name=filler.name),
            zh("report_sheet.phone").format(phone=filler.phone),
        ),
        (
            zh("report_sheet.date").format(day=_day(clock.today())),
            zh("report_sheet.period").format(period=_period(report, name)),
        ),
    )
    by = REPORT_GROUPINGS[q.by if GROUPINGS.get(q.report) else ""].zh
    if is_cross(report):
        measure = report_measure(q.report, q.measure).zh
        title = zh("report_sheet.cross_title").format(title=name.title, measure=measure)
        across = REPORT_GROUPINGS[q.across or ""].zh
        corner = zh("report_sheet.corner").format(by=by, across=across)
        headers = (corner, *(report.column_names.get(c, c) for c in report.columns))
        measures = tuple(q.measure for _ in report.columns)
    else:
        title = name.title
        headers = (by, *(report_measure(q.report, c).zh for c in report.columns))
        measures = report.columns
    rows = tuple((row.name, *(row.values.get(c) for c in report.columns)) for row in report.rows)
    total = (zh("sheet.total"), *(report.total.get(c) for c in report.columns))
    return ReportTable(name, title, filled, headers, measures, rows, total)


def _period(report: Report, name: ExportName) -> str:
    """The period as dates: 2026年7月1日至2026年9月30日 (the title names it: 2026年第三季度)."""
    q = report.query
    if q.start is None or q.end is None or q.report in TIMELESS:
        return name.period
    return zh("export.period.range").format(start=_day(q.start), end=_day(q.end))


def _day(day: Any) -> str:
    return zh("export.period.day").format(year=day.year, month=day.month, day=day.day)


def write_report(
    report: Report,
    path: Path | str,
    file_format: str | None = None,
    filler: Filler | None = None,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Write `report` to `path` as XLSX or CSV (from the suffix unless given), filled in by
    `filler` (the signed-in officer when None). See `files.write_file` for where it may
    write and what it refuses; the export is audited with the report's query."""

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        table = layout(report, filler or officer_filler())
        progress("sheet.stage_export", 0, len(table.rows))
        if chosen == "xlsx":
            _write_xlsx(handle, report, table, changes)
        else:
            _write_csv(handle, table, changes)
        progress("sheet.stage_export", len(table.rows), len(table.rows))
        return len(table.rows)

    return write_file(path, file_format, overwrite, write, entity="report", filter=report.query)


# -- figures ---------------------------------------------------------------------------------


def is_rate(measure: str) -> bool:
    return measure.endswith("rate")


def is_hours(measure: str) -> bool:
    return "hours" in measure


def number_format(measure: str, value: Value) -> str:
    """How a figure of `measure` is shown: a rate as a percentage, hours to one place, a count
    with thousands separators."""
    if is_rate(measure):
        return RATE_FORMAT
    if is_hours(measure):
        return HOURS_FORMAT
    return DECIMAL_FORMAT if isinstance(value, Decimal) and value != int(value) else COUNT_FORMAT


def csv_figure(measure: str, value: Value) -> str:
    """A figure as CSV writes it: plain digits, hours to one place, a rate in percent
    (85.3), "-" where none applies."""
    if value is None:
        return zh("report_sheet.missing")
    if is_rate(measure):
        return f"{Decimal(value) * 100:.1f}"
    if is_hours(measure):
        return f"{Decimal(value):.1f}"
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


# -- writing ---------------------------------------------------------------------------------


def _widths(table: ReportTable) -> list[int]:
    """The first column as wide as its longest name (within reason), the figures as their
    header, a header wrapping to two lines."""
    names = [cell_len(str(row[0])) for row in table.rows] + [cell_len(table.headers[0]), 8]
    first = min(max(names) + 2, 30)
    rest = [min(max((cell_len(h) + 3) // 2, 8), 14) for h in table.headers[1:]]
    return [first, *rest]


def _write_xlsx(handle: BinaryIO, report: Report, table: ReportTable, changes: CellChanges) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet_name = zh(f"export.what.report.{report.query.report}")[:31]
    widths = _widths(table)
    intro = tuple("\u3000\u3000".join(line) for line in table.filled)
    header_row = TITLE_ROW + len(intro) + 1
    headers = list(changes.row(sheet_name, header_row, table.headers, table.headers))
    sheet = TableSheet(book, sheet_name, table.title, headers, widths, intro=intro,
                       rows=len(table.rows) + 1,
                       landscape=sum(widths) > PORTRAIT_WIDTH)  # fmt: skip
    for number, row in enumerate(table.rows, start=sheet.header_row + 1):
        (name,) = changes.row(sheet_name, number, headers, row[:1])
        sheet.append([sheet.cell(name), *_figures(sheet, table.measures, row[1:])])
    figures = _figures(sheet, table.measures, table.total[1:], strong=True)
    sheet.append([sheet.cell(table.total[0], strong=True), *figures])
    _explain(book, report, table)
    changes.add_sheet(book, zh("report_sheet.sheet_changes"))
    book.save(handle)


def _figures(
    sheet: TableSheet, measures: Sequence[str], values: Sequence[Value], *, strong: bool = False
) -> list[Any]:
    cells = []
    for measure, value in zip(measures, values, strict=True):
        if value is None:
            cell = sheet.cell(zh("report_sheet.missing"), strong=strong)
        else:
            cell = sheet.cell(value, strong=strong, number_format=number_format(measure, value))
        cells.append(cell)
    return cells


def _explain(book: Any, report: Report, table: ReportTable) -> None:
    """Sheet 说明: a line per measure (what it counts, how), then how the total is counted,
    the report's scope, the values left out, the report's own notes (what a 科普日 line
    counts) and the closing the period is under."""
    q = report.query
    measures = MEASURES[q.report] if not is_cross(report) else (q.measure,)
    lines = [(report_measure(q.report, m).zh, definition(q.report, m)) for m in measures]
    if is_cross(report):
        lines.append((table.headers[0], zh("report_sheet.cross")))
    region = report.region or zh("export.everywhere")
    lines += [
        (zh("sheet.total"), zh("report_sheet.total")),
        (zh("report_sheet.scope_name"), zh("report_sheet.scope").format(region=region)),
        (zh("report_sheet.invalid_name"), zh("report_sheet.invalid").format(count=report.invalid)),
    ]
    lines += [(zh("report_sheet.note_name"), note) for note in report.notes]
    if report.closed is not None:
        closed = report.closed
        text = zh("report_sheet.closed").format(
            name=closed.name, at=f"{closed.closed_at:%Y-%m-%d %H:%M}", who=closed.closed_by
        )
        lines.append((zh("report_sheet.closed_name"), text))
    headers = (zh("report_sheet.measure"), zh("report_sheet.explain"))
    title = zh("report_sheet.notes_heading").format(title=table.title)
    sheet = TableSheet(book, zh("notes.sheet"), title, headers, [22, 70], rows=len(lines),
                       landscape=False)  # fmt: skip
    for line in lines:
        sheet.append(line)


def _write_csv(handle: BinaryIO, table: ReportTable, changes: CellChanges) -> None:
    stream = text_stream(handle)
    writer = csv.writer(stream)
    writer.writerow([csv_cell(table.title)])
    for line in table.filled:
        writer.writerow([csv_cell(text) for text in line])
    header_row = TITLE_ROW + len(table.filled) + 1
    headers = changes.row("CSV", header_row, table.headers, table.headers, csv=True)
    writer.writerow([csv_cell(text) for text in headers])
    for number, row in enumerate((*table.rows, table.total), start=header_row + 1):
        (name,) = changes.row("CSV", number, headers, row[:1], csv=True)
        figures = (csv_figure(m, v) for m, v in zip(table.measures, row[1:], strict=True))
        writer.writerow([csv_cell(name), *figures])
    stream.detach()
