"""Writing an export's file, where `officer_files` allows, and recording it in the audit log.

On the server the officer's name becomes a new file in their exports folder, written through
the descriptor O_EXCL created (removed again if the export fails). On a laptop the file is
written beside its target and moved into place at the end, so a failed export leaves no half
file; an existing file is replaced only when the caller says so, and never the database, its
companions or a backup. Every export — every mode, every role — is then audited in a
transaction of its own (who, what filter, how many rows, which file); if that fails the file
is removed, so no export goes unrecorded. A database opened read-only (a laptop's file the
officer may not write) cannot record it: the result says so.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from kxtui.db.engine import scope
from kxtui.db.engine.scope import is_read_only
from kxtui.db.errors import KxError
from kxtui.db.sheets import officer_files
from kxtui.db.sheets.notes import CellChanges

FORMATS = ("xlsx", "csv")

# fills the open file in the given format, counting changed cells; returns the rows written
Writer = Callable[[BinaryIO, str, CellChanges], int]


class ExportResult(NamedTuple):
    path: str
    rows: int  # activities, volunteers, audit entries ...
    format: str
    cut: int = 0  # text cells cut to the spreadsheet limit
    replaced: int = 0  # text cells with control or format characters shown in notation
    server: bool = False  # in the officer's exports folder on the server
    audited: bool = True  # False only when the database is read-only

    def notes(self) -> list[tuple[str, dict[str, object]]]:
        """What the export changed in the data, and whether it is not in the audit log, as
        (i18n key, parameters): the lines the CLI prints and the export dialog shows."""
        notes: list[tuple[str, dict[str, object]]] = []
        if self.cut or self.replaced:
            notes.append(("files.changes", {"cut": self.cut, "replaced": self.replaced}))
            if self.format == "xlsx":
                notes.append(("files.changes_sheet", {}))
        if not self.audited:
            notes.append(("files.not_recorded", {}))
        return notes


def format_for(path: Path | str, formats: tuple[str, ...] = FORMATS) -> str | None:
    """The format the file name asks for ("xlsx" or "csv"), None for any other suffix."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in formats else None


def write_file(
    path: Path | str,
    file_format: str | None,
    overwrite: bool,
    write: Writer,
    *,
    entity: str,
    filter: Any,  # noqa: A002 (the screens' word): a LedgerFilter, RosterFilter, AuditFilter
    formats: tuple[str, ...] = FORMATS,
) -> ExportResult:
    """Check the target, have `write` fill it, and audit the export (see the module).

    KxError "sheet.exists" for an existing file on a laptop without `overwrite`;
    "files.exists_server", "files.name_only", "files.protected", "sheet.write_failed" ..."""
    where = officer_files.places()
    chosen = file_format or format_for(path, formats)
    if chosen not in formats:
        raise KxError("sheet.unknown_format", name=Path(path).name)
    if where.server and is_read_only():
        raise KxError("files.not_audited")
    changes = CellChanges()
    if where.server:
        name = officer_files.export_name(str(path), chosen)
        target = where.folder(officer_files.EXPORTS) / name
        count = _write_new(where, name, lambda handle: write(handle, chosen, changes))
    else:
        target = Path(path).expanduser().absolute()
        officer_files.check_target(target, where, overwrite)
        count = _write_beside(target, where, overwrite,
                              lambda handle: write(handle, chosen, changes))  # fmt: skip
    audited = not is_read_only()
    if audited:
        try:
            _audit(entity, filter, count, target, chosen)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return ExportResult(str(target), count, chosen, changes.cut, changes.replaced,
                        where.server, audited)  # fmt: skip


def _write_new(where: officer_files.Places, name: str, fill: Callable[[BinaryIO], int]) -> int:
    folder = officer_files.open_folder(where, officer_files.EXPORTS)
    try:
        handle = officer_files.create_new(folder, name)
        try:
            with os.fdopen(handle, "wb") as stream:
                count = fill(stream)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            os.unlink(name, dir_fd=folder)
            raise
    except OSError as error:
        path = where.folder(officer_files.EXPORTS) / name
        raise KxError("sheet.write_failed", path=str(path), reason=str(error)) from error
    finally:
        os.close(folder)
    return count


def _write_beside(
    target: Path, where: officer_files.Places, overwrite: bool, fill: Callable[[BinaryIO], int]
) -> int:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".kxtui-", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                count = fill(stream)
            officer_files.check_target(target, where, overwrite)  # again, just before
            os.replace(temporary, target)
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError as error:
        raise KxError("sheet.write_failed", path=str(target), reason=str(error)) from error
    return count


def text_stream(handle: BinaryIO) -> io.TextIOWrapper:
    """The CSV writer's view of an export's file: UTF-8 with BOM, newlines as written. Detach
    it (not close) when done: the file belongs to `write_file`."""
    return io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")


def _describe(filter: Any) -> str:  # noqa: A002
    """The filter's chosen fields, "region_id=5; start=2026-01-01" ("" for everything)."""
    chosen = filter._asdict().items() if hasattr(filter, "_asdict") else ()
    return "; ".join(f"{key}={value}" for key, value in chosen
                     if value not in (None, "", ()) and key != "sort")  # fmt: skip


def _audit(entity: str, filter: Any, rows: int, target: Path, file_format: str) -> None:  # noqa: A002
    from kxtui.db.engine.writes import record_read

    region = getattr(filter, "region_id", None)
    path = scope._path(region) if region is not None else scope.session().view_path
    changes = {
        "file": [None, str(target)],
        "file_type": [None, file_format],
        "rows": [None, rows],
        "filter": [None, _describe(filter)],
    }
    record_read("export", entity, target.name, changes, path)
