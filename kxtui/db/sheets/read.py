"""Reading a spreadsheet (XLSX or CSV) into rows of text, refusing unsafe files.

Which headers, which required columns and which worksheet: the `SheetLayout` of the kind of
sheet (activities by default, volunteers in `volunteer_columns`).

Before openpyxl sees an XLSX file, its zip directory is checked: a member that unpacks to far
more than it occupies (a zip bomb), too many members or too much unpacked data is refused.
openpyxl parses the XML through defusedxml, so entity tricks ("billion laughs") are refused as
well. CSV is read as UTF-8 (with or without BOM), else as GB18030 (old Excel/WPS "CSV").
Every refusal is a `SheetError` with a message key; nothing is imported from such a file.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from kxtui.db.sheets.columns import (
    ACTIVITIES,
    GROUP_SEPARATOR,
    MAX_FILE_BYTES,
    TOTAL_KEYS,
    Progress,
    SheetError,
    SheetLayout,
    csv_value,
    no_progress,
    normalise,
)
from kxtui.db.sheets.officer_files import import_source

SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".txt": "csv"}
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all XML of the workbook together
MAX_RATIO = 100  # XML packs 5-20×; zeros pack ~1,000×
RATIO_FLOOR = 1024 * 1024  # small members may pack as they like
MAX_MEMBERS = 10_000
HEADER_SEARCH_ROWS = 10  # a title line or two may sit above the header row
PROGRESS_EVERY = 1000


class SheetTable(NamedTuple):
    """The rows of a sheet as text, with where each known column is."""

    name: str  # the file's name
    columns: dict[str, int]  # column key → index in a row
    unknown: tuple[str, ...]  # headers not understood: ignored
    rows: list[tuple[int, tuple[str, ...]]]  # (row number as the spreadsheet shows it, cells)
    headers: tuple[str, ...] = ()  # the header row as the file has it


def read_table(
    path: Path | str, progress: Progress = no_progress, layout: SheetLayout = ACTIVITIES
) -> SheetTable:
    """The data rows of a sheet, after its header row; SheetError if unusable."""
    path = import_source(path, tuple(SUFFIXES))  # before anything is opened
    name = path.name
    if path.is_dir():
        raise SheetError("sheet.is_directory", path=str(path))
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError as error:
        raise SheetError("sheet.missing", path=str(path)) from error
    except OSError as error:
        raise SheetError("sheet.unreadable", name=name, reason=str(error)) from error
    if size == 0:
        raise SheetError("sheet.empty", name=name)
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise SheetError("sheet.too_large", name=name, size=size // (1024 * 1024), limit=limit)
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "xlsx":
        rows, total = _xlsx_rows(path, head, layout.sheet)
    else:
        rows, total = _csv_rows(path), 0
    return _table(name, rows, total, progress, layout)


# -- XLSX ------------------------------------------------------------------------------------


def check_archive(path: Path) -> None:
    """Refuse a zip that is not a workbook or that would unpack to far more than it holds."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SheetError("sheet.not_xlsx", name=path.name) from error
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise SheetError("sheet.not_xlsx", name=path.name)
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise SheetError("sheet.zip_bomb", name=path.name)
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise SheetError("sheet.zip_bomb", name=path.name)


def _xlsx_rows(path: Path, head: bytes, wanted: str) -> tuple[Iterator[tuple[str, ...]], int]:
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an old .xls, or an encrypted workbook
        raise SheetError("sheet.old_xls", name=path.name)
    if not head.startswith(b"PK"):
        raise SheetError("sheet.not_xlsx", name=path.name)
    check_archive(path)
    import openpyxl

    # OPENPYXL_DEFUSEDXML=False would parse entities; with OPENPYXL_LXML=True lxml would read
    # a workbook's parts past defusedxml (kxtui.db sets it False)
    if not openpyxl.DEFUSEDXML or openpyxl.LXML:
        raise SheetError("sheet.unsafe_parser")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise _refusal(path, error) from error
    sheet = book[wanted] if wanted in book.sheetnames else book.worksheets[0]
    total = sheet.max_row or 0

    def rows() -> Iterator[tuple[str, ...]]:
        try:
            for values in sheet.iter_rows(values_only=True):
                yield tuple(_text(value) for value in values)
        except Exception as error:
            raise _refusal(path, error) from error
        finally:
            book.close()

    return rows(), total


def _refusal(path: Path, error: BaseException) -> SheetError:
    """The message for a workbook openpyxl could not read; it wraps defusedxml's refusal of
    entity declarations in a ValueError, so the whole chain is searched."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return SheetError("sheet.unsafe_xml", name=path.name)
        cause = cause.__cause__ or cause.__context__
    reason = f"{type(error).__name__}: {error}".splitlines()[0][:200]
    return SheetError("sheet.bad_xlsx", name=path.name, reason=reason)


def _text(value: Any) -> str:
    """A cell's value as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


# -- CSV -------------------------------------------------------------------------------------


def _csv_rows(path: Path) -> Iterator[tuple[str, ...]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SheetError("sheet.encoding", name=path.name)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def rows() -> Iterator[tuple[str, ...]]:
        number = 0
        try:
            for number, cells in enumerate(reader, start=1):  # noqa: B007 (used below)
                yield tuple(csv_value(cell) for cell in cells)
        except csv.Error as error:
            raise SheetError(
                "sheet.bad_csv", name=path.name, row=number + 1, reason=str(error)
            ) from error

    return rows()


# -- the table -------------------------------------------------------------------------------


def _table(
    name: str,
    rows: Iterator[tuple[str, ...]],
    total: int,
    progress: Progress,
    layout: SheetLayout,
) -> SheetTable:
    names = layout.names
    columns: dict[str, int] | None = None
    headers: tuple[str, ...] = ()
    unknown: list[str] = []
    data: list[tuple[int, tuple[str, ...]]] = []
    for number, cells in enumerate(rows, start=1):
        if columns is None:
            keys = [names.get(normalise(cell)) for cell in cells]
            if sum(key is not None for key in keys) >= 2:
                columns, headers = {}, cells
                for index, (key, cell) in enumerate(zip(keys, cells, strict=True)):
                    if key is not None and key not in columns:
                        columns[key] = index
                    elif cell.strip():
                        unknown.append(cell.strip())
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        if number % PROGRESS_EVERY == 0:
            progress("sheet.stage_read", number, total)
        if not any(cell.strip() for cell in cells):
            continue
        at = columns.get(layout.first)
        if at is not None and at < len(cells) and normalise(cells[at]) in TOTAL_KEYS:
            continue
        data.append((number, cells))
    if columns is None:
        raise SheetError(layout.no_header, name=name)
    missing = [keys[0] for keys in layout.required if not any(key in columns for key in keys)]
    if missing:
        wanted = GROUP_SEPARATOR.join(" / ".join(layout.headers[key][:2]) for key in missing)
        raise SheetError("sheet.missing_columns", name=name, columns=wanted)
    progress("sheet.stage_read", total or len(data), total or len(data))
    return SheetTable(name, columns, tuple(unknown), data, headers)
