"""Export the audit entries of a filter to XLSX or CSV (审计日志导出): one row per changed
field, oldest first, in Chinese (the caller gives the Chinese strings: `kxtui.i18n.words("zh")`);
written like the activity export (`export_activities`)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kxtui.db.audit import count, entries
from kxtui.db.audit_text import (
    Words,
    action_caption,
    entity_caption,
    field_caption,
    shown,
    value_text,
    written_by,
)
from kxtui.db.engine.models import database
from kxtui.db.rows import AuditFilter
from kxtui.db.sheets.columns import Progress, csv_cell, no_progress
from kxtui.db.sheets.file_names import audit_name
from kxtui.db.sheets.files import ExportResult, text_stream, write_file
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.xlsx_layout import TableSheet

COLUMNS = ("id", "at", "actor", "action", "entity", "record", "region", "summary", "field",
           "old", "new")  # fmt: skip
WIDTHS = (7, 20, 12, 6, 6, 7, 14, 24, 12, 24, 24)
PROGRESS_EVERY = 500


def _rows(
    f: AuditFilter, total: int, progress: Progress, zh: Words
) -> Iterator[tuple[object, ...]]:
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
    words: Words,
) -> ExportResult:
    """Write the entries of `f` to `path` in `words`, the Chinese strings; `rows` of the
    result counts the entries."""

    def write(handle: BinaryIO, chosen: str, changes: CellChanges) -> int:
        with database.atomic():  # one snapshot: the count matches the rows
            total = count(f)
            rows = _rows(f, total, progress, words)
            headers = [words[f"audit.col.{column}"] for column in COLUMNS]
            if chosen == "xlsx":
                title = audit_name(f).title
                _write_xlsx(handle, headers, rows, changes, title, words["audit.title"])
            else:
                _write_csv(handle, headers, rows, changes)
            return total

    return write_file(path, file_format, overwrite, write, entity="audit_entry", filter=f)


def _write_xlsx(
    handle: BinaryIO,
    headers: list[str],
    rows: Iterator[tuple[object, ...]],
    changes: CellChanges,
    title: str,
    sheet_name: str,
) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = TableSheet(book, sheet_name, title, headers, WIDTHS)
    for number, row in enumerate(rows, start=sheet.header_row + 1):
        sheet.append(changes.row(sheet_name, number, headers, row))
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
