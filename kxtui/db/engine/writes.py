"""One write = one transaction that takes the write lock up front and records its audit entry."""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from peewee import OperationalError

from kxtui import clock
from kxtui.db.audit_text import writer
from kxtui.db.engine.changes import committed
from kxtui.db.engine.models import Tracked, database
from kxtui.db.engine.scope import is_read_only, require_writer, session
from kxtui.db.engine.writer_queue import writer_turn
from kxtui.db.errors import ConflictError, ReadOnlyError, RefusedError

T = TypeVar("T", bound=Tracked)

# SQLite refuses every change to a written entry: the log cannot be edited, even by hand.
TRIGGERS = tuple(
    f"CREATE TRIGGER IF NOT EXISTS audit_entry_no_{verb.lower()} BEFORE {verb} ON audit_entry "
    f"BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only: {verb} refused'); END"
    for verb in ("UPDATE", "DELETE")
)

# entity -> the path of its record's region; {id} is the record's id (a parameter, or the
# entry's column when the migration fills in older entries)
REGION_PATH = {
    "region": "SELECT path FROM region WHERE id = {id}",
    **{
        entity: f"SELECT r.path FROM {entity} x JOIN region r ON r.id = x.region_id "
        "WHERE x.id = {id}"
        for entity in ("venue", "activity", "volunteer", "team")
    },
}


def create_triggers() -> None:
    for sql in TRIGGERS:
        database.execute_sql(sql)


def region_path_of(entity: str, entity_id: int | None) -> str | None:
    """The path of the region the record belongs to (None for other entities)."""
    sql = REGION_PATH.get(entity)
    if sql is None or entity_id is None:
        return None
    row = database.execute_sql(sql.format(id="?"), (entity_id,)).fetchone()
    return row[0] if row else None


def current_actor() -> str:
    """The Unix user of the signed-in officer (see `kxtui.db.officers.unix_user`): the audit
    entries' actor, the records' created_by / updated_by and the owner of drafts."""
    return session().user


# `json.dumps(changes, ensure_ascii=False, default=str)` with the encoder built once; the
# changes are plain values, never circular, so the encoder need not track every list it
# enters (that bookkeeping was a third of an entry's encoding, ~100,000 entries an import)
AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, default=str, check_circular=False)
# one entry, as `Write.audit` records it (the columns of `AuditEntry`)
AUDIT_ONE = (
    "INSERT INTO audit_entry (at, actor, officer_id, action, entity, entity_id, summary, changes,"
    " region_path, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass
class Write:
    """Handed to the body of a write transaction: who, when, and the audit trail."""

    actor: str  # the Unix user
    officer_id: int | None  # the officer account written as
    at: datetime
    audited: list[int] = field(default_factory=list)
    unchanged: bool = False  # an edit that changes nothing: no write, no entry (`nothing`)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        summary: str = "",
        changes: Mapping[str, object] | None = None,
        *,
        undoes: int | None = None,
    ) -> None:
        """Record the change: `changes` is {"field": [old, new]} (see `diff`, `created`,
        `removed`). Call it while the record still exists: its region is looked up."""
        cursor = database.execute_sql(
            AUDIT_ONE,
            (self.at, self.actor, self.officer_id, action, entity, entity_id, summary,
             AUDIT_JSON.encode(changes or {}), region_path_of(entity, entity_id), undoes),
        )  # fmt: skip
        self.audited.append(cursor.lastrowid)

    def nothing(self) -> None:
        """The edit leaves the record as it is: nothing is written and no entry recorded, so
        the version stays (no false conflict, and the last change stays undoable)."""
        self.unchanged = True

    def touch(self, model: type[Tracked]) -> dict[str, Any]:
        """Tracked-field values for an update: next version, who and when."""
        return {"version": model.version + 1, "updated_at": self.at, "updated_by": self.actor}

    def stamp(self) -> dict[str, Any]:
        """Tracked-field values for a new record."""
        return {
            "created_at": self.at,
            "created_by": self.actor,
            "updated_at": self.at,
            "updated_by": self.actor,
            "version": 1,
        }


@contextmanager
def write_transaction() -> Iterator[Write]:
    """BEGIN IMMEDIATE ... COMMIT. The body must record at least one audit entry, or say that
    it has nothing to write (`Write.nothing`).

    Refuses nobody signed in and viewers; the body checks the regions it writes in
    (`scope.require_editable`).

    IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy_timeout) instead
    of failing with "database is locked" when a read-then-write transaction tries to upgrade;
    they queue first at `writer_queue`, which is fair where SQLite's busy handler is not.

    Once committed, the views that show what it changed read it again (`changes`).
    """
    officer = require_writer()
    if is_read_only():
        raise ReadOnlyError()
    try:
        with writer_turn(), database.atomic("IMMEDIATE"):
            write = Write(officer.user, officer.officer_id, clock.now())
            yield write
            if not write.audited and not write.unchanged:
                raise RuntimeError("a write transaction must record an audit entry")
        committed()
    except (OperationalError, sqlite3.OperationalError) as error:
        started = _before_rollback(error)
        if started is not error:
            raise started from None
        if "readonly" in str(error):
            raise ReadOnlyError() from error
        raise


def record_read(
    action: str, entity: str, summary: str, changes: Mapping[str, object], region_path: str | None
) -> None:
    """An audit entry, in a transaction of its own, for something that reads but changes no
    record (an export): written for every signed-in officer, viewers too."""
    officer = session()
    if is_read_only():
        raise ReadOnlyError()
    with writer_turn(), database.atomic("IMMEDIATE"):
        database.execute_sql(
            AUDIT_ONE,
            (clock.now(), officer.user, officer.officer_id, action, entity, None, summary,
             AUDIT_JSON.encode(changes), region_path, None),
        )  # fmt: skip
    committed()


def _before_rollback(error: BaseException) -> BaseException:
    """SQLite rolls back by itself on a full disk or an I/O error, so the ROLLBACK on the way
    out fails with "no transaction is active": the error to report is the one before it."""
    while "no transaction is active" in str(error) and error.__context__ is not None:
        error = error.__context__
    return error


class NothingToWrite(Exception):
    """Leaves a write transaction without writing (it must otherwise record an audit entry),
    handing `result` (an import's report) to the caller."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


# A bulk import's audit entries: (id, at, actor, officer_id, action, entity, entity_id,
# summary, changes, region_path), the path of the record's region as `Write.audit` stores it.
AUDIT_INSERT = (
    "INSERT INTO audit_entry (id, at, actor, officer_id, action, entity, entity_id, summary,"
    " changes, region_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class BulkAudit:
    """The audit entries of a bulk write, one per record ("import" unless said), inside the
    write's own transaction (which holds the write lock, so the next ids are ours), written a
    batch at a time with `flush` and counted as the write's with `done`. `at` is the write's
    time as SQLite binds it, for the records' own stamps."""

    def __init__(self, connection: Any, write: Write, entity: str) -> None:
        self.connection, self.write, self.entity = connection, write, entity
        (self.first,) = connection.execute(
            "SELECT COALESCE(MAX(id), 0) + 1 FROM audit_entry"
        ).fetchone()
        self.at = sqlite3.adapt(write.at, sqlite3.PrepareProtocol)
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0
        self._paths: dict[int, str] | None = None

    @property
    def paths(self) -> dict[int, str]:
        """Every region's path by id, read once when first asked for."""
        if self._paths is None:
            self._paths = dict(self.connection.execute("SELECT id, path FROM region"))
        return self._paths

    def add(
        self, entity_id: int, summary: str, changes: Mapping[str, Any], path: str,
        action: str = "import",
    ) -> None:  # fmt: skip
        """An entry for the record, of its region's `path` (`paths` has them by region)."""
        self.rows.append(
            (self.first + self.count, self.at, self.write.actor, self.write.officer_id,
             action, self.entity, entity_id, summary, AUDIT_JSON.encode(changes), path)
        )  # fmt: skip
        self.count += 1

    def flush(self) -> None:
        self.connection.executemany(AUDIT_INSERT, self.rows)
        self.rows = []

    def done(self) -> None:
        self.flush()
        self.write.audited.extend(range(self.first, self.first + self.count))


BULK_CACHE_KIB = -65536  # 64 MiB of page cache while writing: a third faster at 100k rows


@contextmanager
def bulk_cache() -> Iterator[Any]:
    """The connection with index pages kept in memory for a bulk insert (the caller's
    transaction); the page cache is set back afterwards."""
    connection = database.connection()
    cache = connection.execute("PRAGMA cache_size").fetchone()[0]
    connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    try:
        yield connection
    finally:
        connection.execute(f"PRAGMA cache_size = {int(cache)}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an import checks and writes its rows: it holds
    hundreds of thousands of objects (rows, checked values, prepared tuples) that all stay
    alive until it ends, and the collector's full passes over them (a second or two per
    100,000 rows) would find nothing to free. Reference counting still frees the rest. As a
    decorator of the import, the collector starts again once its rows are freed, so its first
    pass does not go over them either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def editable(model: type[T], record_id: int, version: int) -> T:
    """The record a write changes, read inside its transaction.

    Refuses if it was deleted meanwhile, or saved by someone else since `version` was read.
    """
    record = model.find(record_id)
    if record is None:
        raise RefusedError("refused.gone")
    if record.version != version:
        by = last_writer(model._meta.table_name, record_id) or record.updated_by
        raise ConflictError(by=by, at=str(record.updated_at)[:16])
    return record


def last_writer(entity: str, entity_id: int) -> str:
    """Who made the record's latest change: the Unix user, and the account they acted as
    when it is another one ("" when the log has no entry of it)."""
    row = database.execute_sql(
        "SELECT e.actor, COALESCE(o.user_name, '') FROM audit_entry e"
        " LEFT JOIN officer_account o ON o.id = e.officer_id"
        " WHERE e.entity = ? AND e.entity_id = ? ORDER BY e.id DESC LIMIT 1",
        (entity, entity_id),
    ).fetchone()
    return writer(*row) if row else ""


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {"field": [old, new]} for the audit entry."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def created(values: dict[str, Any]) -> dict[str, list[Any]]:
    """A new record's fields as {"field": [None, value]}."""
    return {k: [None, v] for k, v in values.items()}


def removed(values: dict[str, Any]) -> dict[str, list[Any]]:
    """A deleted record's fields as {"field": [value, None]}."""
    return {k: [v, None] for k, v in values.items()}


def columns(record: Tracked) -> dict[str, Any]:
    """Every column of a record by column name ("region_id"), as a deleted record's audit
    entry keeps them so that an undo can put the record back."""
    return {f.column_name: record.__data__.get(f.name) for f in record._meta.sorted_fields}
