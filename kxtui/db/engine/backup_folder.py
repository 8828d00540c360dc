"""The backup directory: naming backups, telling this database's backups from anything else
named like one, and keeping only the newest.

A file counts as a backup only when it is checked to be one: a regular file (never a symlink
or a directory, looked at with lstat) owned by the account running the backup, named for a
time not in the future, holding a kxtui database that records it is a backup of *this*
database (the `backup_of` row of its `meta` table, written into every copy by `mark`). A name
alone proves nothing: whoever can write into the directory can choose it. Pruning removes
only such files, never the backup just written; a file it cannot remove is reported and the
others are still pruned.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from kxtui import clock
from kxtui.db.engine.connection import SQLITE_HEADER
from kxtui.db.engine.database import VERSION_KEY

BACKUP_OF_KEY = "backup_of"  # the meta row naming the database a backup was copied from
# A backup named up to this far past the clock still counts: a clock set back (DST ending,
# an NTP step) must not hide a real backup. Anything later is a forged name.
FUTURE_SLACK = timedelta(hours=2)
_ROLLBACK_JOURNAL = 1  # header bytes 18-19: backups are one self-contained rollback-mode file


class PruneFailure(NamedTuple):
    path: Path
    reason: str


class Pruned(NamedTuple):
    removed: tuple[Path, ...]  # verified backups beyond `keep`, removed
    failed: tuple[PruneFailure, ...]  # ones that could not be removed
    ignored: int  # files named like a backup that are not verified backups of this database


class _Found(NamedTuple):
    path: Path
    signature: tuple[int, ...]  # what lstat said when it was verified


def stamp(at: datetime) -> str:
    return at.strftime("%Y%m%d-%H%M%S")


def _pattern(database: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(database.stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?\.db")


def new_name(folder: Path, database: Path) -> Path:
    """kxtui-20261120-093000.db; a second backup within the same second gets -1, -2 ..."""
    base = f"{database.stem}-{stamp(clock.now())}"
    target, number = folder / f"{base}.db", 0
    while os.path.lexists(target):
        number += 1
        target = folder / f"{base}-{number}.db"
    return target


def mark(copy: sqlite3.Connection, database: Path) -> None:
    """Record in a fresh copy that it is a backup of `database` (a kxtui database's copy has
    the meta table; a copy of an empty file gets no mark and is never pruned)."""
    if copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        with copy:
            copy.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (BACKUP_OF_KEY, str(database)),
            )


def backups_in(folder: Path, database: Path) -> list[Path]:
    """The verified backups of `database` in `folder`, oldest first."""
    return [found.path for found in _scan(folder, database)[0]]


def prune(folder: Path, database: Path, keep: int, written: Path) -> Pruned:
    """Remove the verified backups of `database` in `folder` beyond the newest `keep` (the
    one just `written` counts among them and is never removed)."""
    verified, ignored = _scan(folder, database)
    removed: list[Path] = []
    failed: list[PruneFailure] = []
    for found in verified[:-keep] if keep > 0 else ():
        if found.path == written:
            continue
        try:
            if _signature(os.lstat(found.path)) != found.signature:
                raise OSError(f"{found.path} changed after it was checked")
            os.unlink(found.path)
        except OSError as error:
            failed.append(PruneFailure(found.path, error.strerror or str(error)))
        else:
            removed.append(found.path)
    return Pruned(tuple(removed), tuple(failed), ignored)


def _scan(folder: Path, database: Path) -> tuple[list[_Found], int]:
    """The verified backups, oldest first, and how many other names looked like backups."""
    database = database.resolve()
    pattern = _pattern(database)
    latest = stamp(clock.now() + FUTURE_SLACK)
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return [], 0
    try:
        itself = _identity(database.stat())
    except OSError:
        itself = None
    verified: list[tuple[tuple[str, int], _Found]] = []
    ignored = 0
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None:
            continue
        found = None
        if _real_time(match[1]) and match[1] <= latest:
            found = _verify(Path(entry.path), database, itself)
        if found is None:
            ignored += 1
        else:
            verified.append(((match[1], int(match[2] or 0)), found))
    return [found for _, found in sorted(verified)], ignored


def _real_time(text: str) -> bool:
    try:
        datetime.strptime(text, "%Y%m%d-%H%M%S")
    except ValueError:
        return False
    return True


def _identity(status: os.stat_result) -> tuple[int, int]:
    return (status.st_dev, status.st_ino)


def _signature(status: os.stat_result) -> tuple[int, ...]:
    """Enough to tell a file from another put in its place (which may reuse its inode)."""
    return (*_identity(status), status.st_mode, status.st_size, status.st_mtime_ns)


def _verify(path: Path, database: Path, itself: tuple[int, int] | None) -> _Found | None:
    """The file, if it is a backup of `database` made by this account; None otherwise."""
    try:
        # O_NOFOLLOW: a symlink is refused; O_NONBLOCK: a FIFO cannot hang the backup.
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        status = os.fstat(handle)
        if (
            not stat.S_ISREG(status.st_mode)
            or status.st_uid != os.geteuid()
            or _identity(status) == itself
        ):
            return None
        header = os.read(handle, 100)
    except OSError:
        return None
    finally:
        os.close(handle)
    if not header.startswith(SQLITE_HEADER) or header[18:20] != bytes([_ROLLBACK_JOURNAL] * 2):
        return None  # not SQLite, or in WAL mode (opening it would make -wal/-shm files)
    if _source_of(path) != str(database):
        return None
    return _Found(path, _signature(status))


def _source_of(path: Path) -> str | None:
    """The database a kxtui backup was copied from, read through a read-only connection."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            rows = dict(
                connection.execute(
                    "SELECT key, value FROM meta WHERE key IN (?, ?)", (VERSION_KEY, BACKUP_OF_KEY)
                ).fetchall()
            )
    except sqlite3.Error:
        return None
    return rows.get(BACKUP_OF_KEY) if VERSION_KEY in rows else None
