"""One write = one transaction that takes the write lock up front and records its audit entry."""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from peewee import OperationalError

from kxtui import clock
from kxtui.db.database import is_read_only
from kxtui.db.errors import ConflictError, ReadOnlyError, RefusedError
from kxtui.db.models import AuditEntry, Tracked, database

T = TypeVar("T", bound=Tracked)


def current_actor() -> str:
    """The person writing. Until officer accounts exist this is the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass
class Write:
    """Handed to the body of a write transaction: who, when, and the audit trail."""

    actor: str
    at: datetime
    audited: list[int] = field(default_factory=list)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: int | None,
        summary: str = "",
        changes: dict[str, Any] | None = None,
    ) -> None:
        entry = AuditEntry.create(
            at=self.at,
            actor=self.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            summary=summary,
            changes=json.dumps(changes or {}, ensure_ascii=False, default=str),
        )
        self.audited.append(entry.id)

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
def write_transaction(actor: str | None = None) -> Iterator[Write]:
    """BEGIN IMMEDIATE ... COMMIT. The body must record at least one audit entry.

    IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait (busy_timeout) instead
    of failing with "database is locked" when a read-then-write transaction tries to upgrade.
    """
    if is_read_only():
        raise ReadOnlyError()
    try:
        with database.atomic("IMMEDIATE"):
            write = Write(actor or current_actor(), clock.now())
            yield write
            if not write.audited:
                raise RuntimeError("a write transaction must record an audit entry")
    except (OperationalError, sqlite3.OperationalError) as error:
        if "readonly" in str(error):
            raise ReadOnlyError() from error
        raise


class NothingToWrite(Exception):
    """Leaves a write transaction without writing (it must otherwise record an audit entry),
    handing `result` (an import's report) to the caller."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


# `json.dumps(changes, ensure_ascii=False, default=str)`, as `Write.audit` writes it, with the
# encoder built once: a bulk import writes an audit entry per record.
AUDIT_JSON = json.JSONEncoder(ensure_ascii=False, default=str)
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


def editable(model: type[T], record_id: int, version: int) -> T:
    """The record a write changes, read inside its transaction.

    Refuses if it was deleted meanwhile, or saved by someone else since `version` was read.
    """
    record = model.get_or_none(model.id == record_id)
    if record is None:
        raise RefusedError("refused.gone")
    if record.version != version:
        raise ConflictError(by=record.updated_by, at=str(record.updated_at)[:16])
    return record


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {"field": [old, new]} for the audit entry."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
