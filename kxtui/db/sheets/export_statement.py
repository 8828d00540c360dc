"""The hours statement (服务时长明细) as XLSX: a volunteer's (or a team's) service in a period, one
row per service — date, activity or project, organiser or team, venue, hours, recorded as
活动 (an activity of the ledger) or 历史 (historical hours, with their source) — oldest first,
then the totals with the historical part. Written like every export (`files.write_file`:
where the officer may write, audited)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from kxtui.db import service_history
from kxtui.db.engine.models import database
from kxtui.db.numbers import cell
from kxtui.db.rows import ServiceHistoryLine, ServiceQuery
from kxtui.db.sheets.columns import Progress, day_cell, no_progress, zh
from kxtui.db.sheets.file_names import period_names, safe_file_name
from kxtui.db.sheets.files import ExportResult, write_file
from kxtui.db.sheets.headers import STATEMENT
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.xlsx_layout import TableSheet

# the columns of a volunteer's statement; a team's has the volunteer after the date
COLUMNS = ("date", "end", "title", "organiser", "place", "hours", "kind", "source")
WIDTHS = {"date": 11, "end": 11, "volunteer": 10, "title": 28, "organiser": 18, "place": 18,
          "hours": 9, "kind": 8, "source": 14}  # fmt: skip
PROGRESS_EVERY = 500


def whose(query: ServiceQuery) -> str:
    """The volunteer's or the team's name, as the title and the file name say it."""
    if query.team_id is not None:
        row = database.execute_sql("SELECT name FROM team WHERE id = ?", (query.team_id,))
    else:
        row = database.execute_sql("SELECT name FROM volunteer WHERE id = ?",
                                   (query.volunteer_id,))  # fmt: skip
    found = row.fetchone()
    return str(found[0]) if found else ""


def default_name(query: ServiceQuery) -> str:
    """张伟_服务时长明细_2026.xlsx"""
    period, _ = period_names(query.start, query.end)
    return safe_file_name(f"{whose(query)}_{zh('statement.sheet')}_{period}") + ".xlsx"


def export_statement(
    query: ServiceQuery,
    path: Path | str,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Write the statement of `query` to `path` (XLSX); refused outside the officer's view."""
    totals = service_history.totals(query)  # checks the scope before any file is made

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        with database.atomic():  # one snapshot: the rows add up to the totals
            return _write_xlsx(handle, query, totals, changes, progress)

    return write_file(path, "xlsx", overwrite, write, entity="historical_hours", filter=query)


def _write_xlsx(
    handle: BinaryIO, query: ServiceQuery, totals: Any, changes: CellChanges, progress: Progress
) -> int:
    from openpyxl import Workbook

    team = query.team_id is not None
    columns = (COLUMNS[0], "volunteer", *COLUMNS[1:]) if team else COLUMNS
    book = Workbook(write_only=True)
    headers = [STATEMENT[column].zh for column in columns]
    _, period = period_names(query.start, query.end)
    title = zh("statement.title").format(who=whose(query), period=period)
    intro = [
        zh("statement.summary").format(
            lines=totals.lines, hours=cell(totals.hours), historical=totals.historical_lines,
            historical_hours=cell(totals.historical_hours),
        )
    ]  # fmt: skip
    if totals.left_out:
        intro.append(zh("statement.left_out").format(count=totals.left_out))
    name = zh("statement.sheet")
    sheet = TableSheet(book, name, title, headers, [WIDTHS[c] for c in columns], intro=intro,
                       rows=totals.lines + 1, landscape=True)  # fmt: skip
    count = 0
    for line in service_history.lines(query):
        values = _cells(line, team)
        sheet.append(changes.row(name, sheet.header_row + count + 1, headers, values))
        count += 1
        if count % PROGRESS_EVERY == 0:
            progress("sheet.stage_export", count, totals.lines)
    total: list[Any] = [zh("sheet.total"), *([""] * (len(columns) - 1))]
    total[columns.index("hours")] = cell(totals.hours)
    sheet.append(total, strong=True)
    changes.add_sheet(book)
    book.save(handle)
    return count


def _cells(line: ServiceHistoryLine, team: bool) -> tuple[Any, ...]:
    kind = zh("statement.kind.historical" if line.historical else "statement.kind.activity")
    end = day_cell(line.end_date) if line.end_date != line.start_date else None
    values: list[Any] = [day_cell(line.start_date), end, line.title, line.organiser, line.place,
                         cell(line.hours), kind, line.source]  # fmt: skip
    if team:
        values.insert(1, line.volunteer)
    return tuple(values)
