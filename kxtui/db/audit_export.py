"""Export the audit entries of a filter to XLSX or CSV (审计日志导出): one row per changed
field, oldest first, in Chinese; written like the activity export (`sheets_export`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kxtui.db.audit import count, entries
from kxtui.db.audit_text import (
    action_caption,
    entity_caption,
    field_caption,
    shown,
    value_text,
    written_by,
)
from kxtui.db.export_files import ExportResult, text_stream, write_file
from kxtui.db.export_notes import CellChanges
from kxtui.db.models import database
from kxtui.db.rows import AuditFilter
from kxtui.db.sheets import Progress, csv_cell, no_progress, zh
from kxtui.db.sheets_export import xlsx_cell, xlsx_text

COLUMNS = ("id", "at", "actor", "action", "entity", "record", "region", "summary", "field",
           "old", "new")  # fmt: skip
WIDTHS = (8, 18, 12, 8, 8, 8, 14, 30, 16, 30, 30)
PROGRESS_EVERY = 500


def _rows(f: AuditFilter, total: int, progress: Progress) -> Iterator[tuple[object, ...]]:
    progress("sheet.stage_export", 0, total)
    for done, entry in enumerate(entries(f), start=1):
        row = entry.row
        head = (row.id, row.at.strftime("%Y-%m-%d %H:%M:%S"),
                written_by(row.actor, row.account, zh), action_caption(row.action, zh),
                entity_caption(row.entity, zh), row.entity_id, row.region, row.summary)  # fmt: skip
        for change in shown(entry.changes) or (None,):
            if change is None:
                yield (*head, "", "", "")
                continue
            yield (*head, field_caption(row.entity, change.field, zh),
                   value_text(change.field, change.old, zh, entry.names),
                   value_text(change.field, change.new, zh, entry.names))  # fmt: skip
        if done % PROGRESS_EVERY == 0:
            progress("sheet.stage_export", done, total)
    progress("sheet.stage_export", total, total)


def export_audit(
    f: AuditFilter,
    path: Path | str,
    file_format: str | None = None,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """Write the entries of `f` to `path`; `rows` of the result counts the entries."""

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        with database.atomic():  # one snapshot: the count matches the rows
            total = count(f)
            rows = _rows(f, total, progress)
            headers = [zh(f"audit.col.{column}") for column in COLUMNS]
            (_write_xlsx if chosen == "xlsx" else _write_csv)(handle, headers, rows, changes)
            return total

    return write_file(path, file_format, overwrite, write, entity="audit_entry", filter=f)


def _write_xlsx(
    handle: BinaryIO, headers: list[str], rows: Iterator[tuple[object, ...]], changes: CellChanges
) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(zh("audit.title"))
    for number, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([xlsx_text(sheet, text, strong=True) for text in headers])
    for number, row in enumerate(rows, start=2):
        cells = changes.row(zh("audit.title"), number, headers, row)
        sheet.append([xlsx_cell(sheet, value) for value in cells])
    changes.add_sheet(book)
    book.save(handle)


def _write_csv(
    handle: BinaryIO, headers: list[str], rows: Iterator[tuple[object, ...]], changes: CellChanges
) -> None:
    stream = text_stream(handle)
    writer = csv.writer(stream)
    writer.writerow(headers)
    for number, row in enumerate(rows, start=2):
        cells = changes.row("CSV", number, headers, row, csv=True)
        writer.writerow([csv_cell(v) if isinstance(v, str) else "" if v is None else v
                         for v in cells])  # fmt: skip
    stream.detach()
