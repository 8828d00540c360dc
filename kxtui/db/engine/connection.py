"""Opening a database file: checks, pragmas, schema creation and upgrades.

Every connection (one per thread at a time; workers run in threads) gets the same pragmas:
WAL so readers never block the writer, foreign keys on, synchronous=FULL so a saved record
survives power loss even in WAL mode, and a busy timeout so writers queue instead of failing.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import peewee

from kxtui.db.engine.database import SCHEMA_VERSION, VERSION_KEY, database
from kxtui.db.engine.filesystems import network_mount
from kxtui.db.errors import OpenError

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000

WRITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
}
READ_ONLY_PRAGMAS = {"foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_MS, "query_only": 1}


@dataclass(frozen=True)
class OpenedDatabase:
    path: Path
    read_only: bool
    schema_version: int
    backup_path: Path | None  # the copy made before an upgrade, if one ran


def is_marked_read_only(path: Path) -> bool:
    """A file nobody may write (mode without w bits) opens read-only, even for root."""
    if not path.exists():
        return False
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def check_file(path: Path) -> None:
    """Refuse, without touching it, a path that is not a SQLite database file."""
    if path.is_dir():
        raise OpenError("open.is_directory", path=str(path))
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise OpenError("open.unreadable", path=str(path), reason=str(error)) from error
    if header != SQLITE_HEADER:
        raise OpenError("open.not_sqlite", path=str(path))


def check_local(path: Path) -> None:
    """Refuse a database on a network filesystem: SQLite's locks are not reliable there."""
    mount = network_mount(path)
    if mount is not None:
        raise OpenError("open.network_fs", path=str(path), fstype=mount.fstype, mount=mount.point)


def open_database(path: Path | str, *, read_only: bool = False) -> OpenedDatabase:
    """Initialise the shared `database` on `path`, creating or upgrading the schema.

    A missing file (and its directories) is created. Raises OpenError for a file that is not
    SQLite, not a kxtui database, damaged, made by a newer kxtui, or on a network filesystem.
    """
    path = Path(path).expanduser().resolve()
    check_file(path)
    check_local(path)
    read_only = read_only or is_marked_read_only(path)
    if read_only and not path.exists():
        raise OpenError("open.missing_read_only", path=str(path))
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    version = preflight(path)
    close_database()
    if read_only:
        database.init(
            f"file:{path}?mode=ro",
            uri=True,
            pragmas=READ_ONLY_PRAGMAS,
            check_same_thread=False,
        )
    else:
        database.init(str(path), pragmas=WRITE_PRAGMAS, check_same_thread=False)
    if version == SCHEMA_VERSION:
        _connect_once(path)
        return OpenedDatabase(path, read_only, version, None)
    try:
        from kxtui.db.engine import migrations  # builds the models: only to create or upgrade

        version, backup = migrations.ensure_schema(path, read_only=read_only)
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        close_database()
        raise OpenError("open.failed", path=str(path), reason=str(error)) from error
    except BaseException:
        close_database()
        raise
    return OpenedDatabase(path, read_only, version, backup)


def _connect_once(path: Path) -> None:
    """The pool's first connection, made now: a file SQLite cannot open fails here, said, not
    in the first query, and SQLite's -shm is in place before any write needs room for it."""
    try:
        with database.connection_context():
            pass
    except (sqlite3.DatabaseError, peewee.DatabaseError) as error:
        close_database()
        raise OpenError("open.failed", path=str(path), reason=str(error)) from error


def close_database() -> None:
    """Close every connection of the pool (this thread's and the idle ones), if the database
    was initialised: before another file is opened, and at exit."""
    if not database.deferred:
        database.close_all()


def close_idle() -> None:
    """Close the pool's idle connections, as the app ends: a worker still writing keeps its
    connection until its transaction is done."""
    if not database.deferred:
        database.close_idle()


def preflight(path: Path) -> int | None:
    """Check an existing file without changing a byte of it (no WAL switch, no upgrade) and
    without leaving a file beside it.

    Returns its schema version, or None for a new or empty file. Raises OpenError for a path
    that is not a SQLite file, a SQLite file of another program, a damaged one, one written by
    a newer kxtui, or one in a directory where SQLite cannot make its -wal and -shm files.
    """
    check_file(path)
    if not path.exists() or path.stat().st_size == 0:
        return None
    check_folder(path)
    try:
        with closing(peek(path)) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not tables:
                return None
            if "meta" not in tables:
                raise OpenError("open.not_kxtui", path=str(path))
            sql = "SELECT value FROM meta WHERE key = ?"
            row = connection.execute(sql, (VERSION_KEY,)).fetchone()
    except sqlite3.DatabaseError as error:
        raise OpenError("open.damaged", path=str(path), reason=str(error)) from error
    if row is None:
        raise OpenError("open.not_kxtui", path=str(path))
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise OpenError("open.too_new", path=str(path), version=version, supported=SCHEMA_VERSION)
    return version


def companion(path: Path, suffix: str) -> Path:
    """SQLite's (and kxtui's) files beside a database: -wal, -shm, -journal, -writer."""
    return path.with_name(path.name + suffix)


def peek(path: Path) -> sqlite3.Connection:
    """A read-only connection that creates no file beside the database.

    A read-only connection to a WAL database makes -wal and -shm files and leaves them behind.
    With no -wal and no -journal beside it, the file alone holds every committed page, so it is
    read as immutable (no lock, no companion file); a quick look at the schema or the accounts
    is all this serves.
    """
    quiet = not any(companion(path, s).exists() for s in ("-wal", "-journal"))
    uri = f"{path.as_uri()}?mode=ro" + ("&immutable=1" if quiet else "")
    connection = sqlite3.connect(uri, uri=True)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def check_folder(path: Path) -> None:
    """Refuse a WAL database whose directory this user cannot write: SQLite must create its
    -shm (and -wal) file beside the database to read it, and kxtui its writer lock."""
    with path.open("rb") as handle:
        header = handle.read(20)
    wal = len(header) == 20 and header[18] == 2  # file format "read version" 2: WAL
    folder = path.parent
    if wal and not os.access(folder, os.W_OK) and not companion(path, "-shm").exists():
        raise OpenError("open.folder_read_only", path=str(path), folder=str(folder))


def hold_open(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection a running app keeps for its lifetime, idle after one read.

    In WAL mode an open connection that has read keeps a shared lock on the database file, so
    `kxtui restore` (kxtui.db.engine.backup.in_use) sees every running session, even one whose
    workers hold no connection at the moment. It also keeps the WAL from being checkpointed
    and deleted each time a worker closes the last connection.
    """
    uri = f"{path.as_uri()}?mode=ro" if read_only else path.as_uri()
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    return connection
