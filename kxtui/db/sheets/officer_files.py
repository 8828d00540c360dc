"""Where an officer's exports go and where imports come from, and the files kxtui never
overwrites or opens.

On a county server (`officers.server_user`: kxtui runs through sudo as the service account
that owns the database) the service account can write where officers must not: the database,
its backups, its own home. There an officer names a file, never a path: exports go into
`<database folder>/files/<officer>/exports/` and imports come from
`<database folder>/files/<officer>/uploads/`, both made 0700 by kxtui and reached without
following symbolic links; an export is always a new file (O_CREAT | O_EXCL | O_NOFOLLOW).
On a laptop the officer chooses the folder.

In every mode kxtui never writes over, nor reads as a spreadsheet, the database, its
companion files (-wal, -shm, -journal, the -writer lock) or a backup. They are recognised by
device and inode from `os.stat` — before anything is opened: closing any descriptor of the
live database in this process would drop SQLite's POSIX locks on it — and an existing target
that is some other SQLite database is recognised by its first bytes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from kxtui.db.errors import KxError

FILES_FOLDER = "files"
EXPORTS, UPLOADS = "exports", "uploads"
COMPANIONS = ("", "-wal", "-shm", "-journal", "-writer")
SQLITE_HEADER = b"SQLite format 3\x00"
# A file name an officer may give on the server: letters (any script), digits, - _ . ( ) and
# full-width brackets; no leading dot, no "..", no "/", at most 100 characters.
_NAME = re.compile(r"[\w()（）-][\w.()（）-]{0,99}")


@dataclass(frozen=True)
class Places:
    """The open database and, on a server, the officer whose folders files go to and from."""

    database: Path
    officer: str | None  # signed in through sudo (server mode); None on a laptop

    @property
    def server(self) -> bool:
        return self.officer is not None

    def folder(self, kind: str) -> Path:
        """The officer's exports or uploads folder (server mode)."""
        return self.database.parent / FILES_FOLDER / str(self.officer) / kind


def places() -> Places:
    """Where the open database is, and whether kxtui runs in server mode."""
    from kxtui.db.engine.models import database
    from kxtui.db.engine.process_user import USER_NAME, server_user

    if not isinstance(database.database, str):  # no database open (a sheet read on its own)
        return Places(Path(os.devnull), None)
    path = Path(database.database).resolve()
    officer = server_user(path)
    if officer is not None and not USER_NAME.fullmatch(officer):
        raise KxError("files.bad_user", user=officer)
    return Places(path, officer)


def _identity(path: Path | str, *, follow: bool = True) -> tuple[int, int] | None:
    try:
        found = os.stat(path, follow_symlinks=follow)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def protected(where: Places) -> set[tuple[int, int]]:
    """(device, inode) of the database and its companion files."""
    database = where.database
    paths = [database.with_name(database.name + suffix) for suffix in COMPANIONS]
    return {found for path in paths if (found := _identity(path)) is not None}


def is_protected(path: Path, where: Places) -> bool:
    """Whether `path` (or what a link there points to) is the database or a companion file;
    only stat, nothing opened. (Backups: `_backup_name`, and any SQLite file by its header.)"""
    guarded = protected(where)
    return any(
        found in guarded for follow in (False, True) if (found := _identity(path, follow=follow))
    )


def _backup_name(path: Path, where: Places) -> bool:
    """A name a database, a companion file or a backup has (any database's: `*.db`, `*.bak`,
    `*-wal` ...), or a file in the backup folder beside the database."""
    from kxtui.db.engine.backup import default_folder

    if path.name.lower().endswith((".db", ".bak", *COMPANIONS[1:])):
        return True
    folder = _identity(default_folder(where.database))
    return folder is not None and _identity(path.parent) == folder


def _is_sqlite(path: Path) -> bool:
    """Whether an existing file (not one of ours: checked before) begins as SQLite does."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return os.read(handle, len(SQLITE_HEADER)) == SQLITE_HEADER
    finally:
        os.close(handle)


# -- exports ---------------------------------------------------------------------------------


def export_name(text: str, file_format: str) -> str:
    """The file name an officer gave on the server, with the format's suffix; KxError
    "files.name_only" for a path or a name kxtui does not accept."""
    name = text.strip()
    if not name.lower().endswith((".xlsx", ".csv", ".docx")):
        name = f"{name}.{file_format}"
    if not _NAME.fullmatch(name) or ".." in name:
        raise KxError("files.name_only", name=text)
    return name


def check_target(target: Path, where: Places, overwrite: bool) -> None:
    """Refuse a laptop export over the database, its companions, a backup or any SQLite file,
    and over an existing file unless `overwrite`."""
    if is_protected(target, where) or _backup_name(target, where):
        raise KxError("files.protected", path=str(target))
    database = where.database
    beside = _identity(target.parent) == _identity(database.parent)
    if beside and target.name in {database.name + suffix for suffix in COMPANIONS}:
        raise KxError("files.protected", path=str(target))
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        raise KxError("sheet.write_failed", path=str(target), reason=str(error)) from error
    if stat.S_ISDIR(found.st_mode):
        raise KxError("sheet.is_directory", path=str(target))
    if not stat.S_ISREG(found.st_mode) or _is_sqlite(target):
        raise KxError("files.protected", path=str(target))
    if not overwrite:
        raise KxError("sheet.exists", path=str(target))


def open_folder(where: Places, kind: str) -> int:
    """A descriptor of the officer's folder `kind` (exports, uploads) on the server, each level
    made 0700 when missing and opened without following a link."""
    folder = os.open(where.database.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in (FILES_FOLDER, str(where.officer), kind):
            try:
                os.mkdir(part, 0o700, dir_fd=folder)
            except FileExistsError:
                pass
            flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
            inner = os.open(part, flags, dir_fd=folder)
            os.close(folder)
            folder = inner
            if os.fstat(folder).st_uid != os.geteuid():
                raise KxError("files.not_ours", path=str(where.folder(kind)))
    except OSError as error:
        os.close(folder)
        path = str(where.folder(kind))
        raise KxError("files.folder_failed", path=path, reason=str(error)) from error
    except BaseException:
        os.close(folder)
        raise
    return folder


def ready_folder(kind: str) -> Path:
    """The officer's exports or uploads folder on the server, made when missing."""
    where = places()
    os.close(open_folder(where, kind))
    return where.folder(kind)


def create_new(folder: int, name: str) -> int:
    """A new file `name` in `folder`, opened for writing: never an existing file or link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(name, flags, 0o600, dir_fd=folder)
    except FileExistsError as error:
        raise KxError("files.exists_server", name=name) from error


# -- imports ---------------------------------------------------------------------------------


def import_source(text: Path | str, suffixes: tuple[str, ...]) -> Path:
    """The file an import may read, checked before anything is opened: a known suffix; on the
    server a name in the officer's uploads folder (the same message for anything else, so it
    tells nothing of other files); never the database, a companion file or a backup."""
    from kxtui.db.sheets.columns import SheetError

    where = places()
    raw = str(text).strip()
    if where.server:
        if "/" in raw or not _NAME.fullmatch(raw) or ".." in raw:
            raise SheetError("files.upload_only", name=raw)
        path = where.folder(UPLOADS) / raw
    else:
        path = Path(raw).expanduser()
    if path.suffix.lower() not in suffixes:
        raise SheetError("sheet.unknown_format", name=path.name)
    if is_protected(path, where) or _backup_name(path, where):
        raise SheetError("files.protected_import", name=path.name)
    if where.server:
        os.close(open_folder(where, UPLOADS))  # made, and no link, before a name is looked up
        try:
            found = os.lstat(path)
        except OSError as error:
            raise SheetError("sheet.missing", path=raw) from error
        if not stat.S_ISREG(found.st_mode):
            raise SheetError("sheet.missing", path=raw)
    return path
