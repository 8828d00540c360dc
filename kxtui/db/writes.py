"""One write = one transaction that takes the write lock up front and records its audit entry."""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from peewee import OperationalError

from kxtui import clock
from kxtui.db.errors import ReadOnlyError
from kxtui.db.models import AuditEntry, database

_state = {"read_only": False}


def set_read_only(read_only: bool) -> None:
    _state["read_only"] = read_only


def is_read_only() -> bool:
    return _state["read_only"]


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


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {"field": [old, new]} for the audit entry."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
