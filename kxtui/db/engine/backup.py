"""`kxtui backup` and `kxtui restore`, both through SQLite's online backup API.

A backup reads the database in one read transaction: a consistent snapshot while officers go
on saving (WAL readers never block the writer). It is written beside its final name and moved
into place only once complete and checked, so a backup under its final name is a whole one.
A name proves nothing else: which files of a backup directory count as backups, and may be
pruned, `backup_folder` decides.

A restore refuses a database in use. In WAL mode every connection that has read the database
keeps a shared lock on the file until it closes (and a running app holds one connection for
its whole life, `connection.hold_open`), so an exclusive lock is granted only when nobody has
it open. The restore keeps that lock, copies the current content aside, then writes the
backup into the database through SQLite itself — the -wal and -shm files stay consistent with
the database, which replacing the file behind SQLite's back would not guarantee.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from kxtui import clock
from kxtui.db.engine.backup_folder import PruneFailure, mark, new_name, prune, stamp
from kxtui.db.engine.check import CheckReport, Problem, connect_read_only, file_problems
from kxtui.db.engine.connection import check_file, companion, preflight
from kxtui.db.errors import KxError, OpenError, RefusedError

BACKUP_FOLDER = "backups"  # beside the database: the default backup directory
DEFAULT_KEEP = 30
IN_USE_WAIT_S = 2.0  # a short command (stats, a check) may hold the database a moment


class BackupResult(NamedTuple):
    path: Path
    size: int
    removed: tuple[Path, ...] = ()  # verified older backups beyond `keep`
    failed: tuple[PruneFailure, ...] = ()  # older backups that could not be removed
    ignored: int = 0  # files named like backups that are not backups of this database


class RestoreResult(NamedTuple):
    path: Path
    aside: Path | None  # the previous content, kept; None when there was no database


def default_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def backup(database: Path, output: Path | None = None, keep: int = DEFAULT_KEEP) -> BackupResult:
    """Copy the database (safe while others write). `output`: a file, or a directory for a
    timestamped file (default: `backups/` beside the database) where only the newest `keep`
    backups of this database stay."""
    database = database.resolve()
    if not database.exists():
        raise OpenError("open.missing", path=str(database))
    check_file(database)
    preflight(database)
    if output is None or output.is_dir() or str(output).endswith(os.sep):
        folder = output or default_folder(database)
        folder.mkdir(parents=True, exist_ok=True)
        target = new_name(folder, database)
    else:
        folder, target = None, output
        if os.path.lexists(target):
            raise KxError("backup.exists", path=str(target))
    copy_database(database, target, backup_of=database)
    size = target.stat().st_size
    if folder is None:
        return BackupResult(target, size)
    pruned = prune(folder, database, keep, target)
    return BackupResult(target, size, pruned.removed, pruned.failed, pruned.ignored)


def copy_database(source: Path, target: Path, backup_of: Path | None = None) -> None:
    """An online backup of `source` into the new file `target`, checked, then moved in place.
    `backup_of`: the database the copy is recorded as a backup of (see backup_folder.mark)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with (
            closing(connect_read_only(source)) as reading,
            closing(sqlite3.connect(partial)) as copy,
        ):
            reading.backup(copy)  # all pages in one step: one read transaction, one snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            if backup_of is not None:
                mark(copy, backup_of)
            problems = file_problems(copy)
            if problems:
                raise KxError("backup.bad_copy", detail="; ".join(problems[0].examples))
        _fsync(partial)
        os.replace(partial, target)
        _fsync(target.parent)
    finally:
        partial.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


# -- restore ---------------------------------------------------------------------------------


def check_backup(backup_file: Path) -> CheckReport:
    """integrity_check and foreign_key_check of a backup; OpenError for a file kxtui cannot
    open (not SQLite, not kxtui, or written by a newer kxtui)."""
    backup_file = backup_file.resolve()
    if not backup_file.is_file():
        raise OpenError("open.missing", path=str(backup_file))
    check_file(backup_file)
    version = preflight(backup_file)
    if version is None:
        raise KxError("restore.empty", path=str(backup_file))
    with closing(connect_read_only(backup_file)) as connection:
        return CheckReport(backup_file, version, tuple(file_problems(connection)))


def lock_exclusively(database: Path, wait: float = IN_USE_WAIT_S) -> sqlite3.Connection:
    """A connection holding the exclusive lock of `database` until closed; RefusedError
    ("restore.in_use") while another connection has it open."""
    connection = sqlite3.connect(database, timeout=wait, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")  # keep the lock after COMMIT
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        connection.execute("COMMIT")
    except sqlite3.OperationalError as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise RefusedError("restore.in_use", path=str(database)) from error
        raise
    except BaseException:
        connection.close()
        raise
    return connection


def in_use(database: Path) -> bool:
    """Whether another connection (any process) has the database open."""
    try:
        lock_exclusively(database, wait=0).close()
    except RefusedError:
        return True
    return False


def restore(backup_file: Path, database: Path) -> RestoreResult:
    """Replace the database's content with a checked backup, keeping the old content aside
    (`<name>.before-restore-<time>.bak`). Refuses while the database is in use, and a file
    that is not a kxtui database or was written by a newer kxtui."""
    backup_file, database = backup_file.resolve(), database.resolve()
    if backup_file == database:
        raise KxError("restore.same_file", path=str(database))
    report = check_backup(backup_file)
    if not report.ok:
        first = report.problems[0]
        detail = "; ".join(first.examples) or first.key
        raise KxError("restore.bad_backup", path=str(backup_file), detail=detail)
    if not database.exists():
        copy_database(backup_file, database)
        return RestoreResult(database, None)
    try:
        preflight(database)
    except OpenError as error:
        if error.key != "open.damaged":  # a damaged database is what restores are for
            raise
    aside = aside_path(database, "restore")
    try:
        problems = _write_into(database, backup_file, aside)
    except sqlite3.DatabaseError as error:
        if isinstance(error, sqlite3.OperationalError):
            raise
        # Too damaged for SQLite to open, so no session can be using it: move it aside whole.
        move_aside(database, aside)
        copy_database(backup_file, database)
        return RestoreResult(database, aside)
    if problems:
        raise KxError("restore.bad_result", path=str(database), aside=str(aside))
    return RestoreResult(database, aside)


def aside_path(database: Path, reason: str) -> Path:
    """Where the content a command replaces is kept: `<name>.before-<reason>-<time>.bak`."""
    return database.with_name(f"{database.name}.before-{reason}-{stamp(clock.now())}.bak")


def move_aside(database: Path, aside: Path) -> None:
    """Rename the file and its -wal, -shm and -journal to `aside` (+ the same suffixes): a
    WAL file's content moves with its database, and SQLite opens the pair as one."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        if companion(database, suffix).exists():
            os.replace(companion(database, suffix), companion(aside, suffix))


def _write_into(database: Path, backup_file: Path, aside: Path) -> list[Problem]:
    """Under the exclusive lock: the current content aside, then the backup's pages written
    into the database by SQLite. Returns the restored database's file problems."""
    with closing(lock_exclusively(database)) as live:
        with closing(sqlite3.connect(aside)) as kept:
            live.backup(kept)
            kept.execute("PRAGMA journal_mode = DELETE")
        live.execute("PRAGMA journal_mode = DELETE")  # the page size may change in this mode
        with closing(connect_read_only(backup_file)) as source:
            source.backup(live)
        live.execute("PRAGMA journal_mode = WAL")
        problems = file_problems(live)
    # In exclusive locking mode a finished rollback journal is kept with its header zeroed,
    # not deleted: no hot journal (SQLite would never replay it), only litter beside the file.
    journal = companion(database, "-journal")
    if journal.exists() and not journal.read_bytes()[:8].strip(b"\0"):
        journal.unlink()
    return problems
