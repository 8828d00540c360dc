"""What changed in the database, for the views that show it.

Every write records audit entries in its own transaction (`writes.write_transaction`), so the
audit log says what changed: the entries recorded since the last look are one `Change` (the
entities and ids written). A `Watcher` looks on its own connection, in a thread of its own:
at once when a write of this process commits (`committed`), and otherwise whenever SQLite's
`PRAGMA data_version` moves, which it does when another connection — another officer's
process — commits. The pragma is an integer read on a connection that is already open, once
every `INTERVAL` seconds; while nothing changes nothing else is read. Drafts and sign-ins
record no entry and change no view.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakSet

INTERVAL = 1.0  # seconds between two looks at data_version
MOST = 1000  # entries read in one look; a larger change is "everything"

_watchers: WeakSet[Watcher] = WeakSet()


@dataclass(frozen=True)
class Change:
    """Records written since the last look, as (entity, id) pairs (id None for an entry
    about no one record, an export's); `everything` when there were too many to list."""

    records: frozenset[tuple[str, int | None]] = frozenset()
    everything: bool = False

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(entity for entity, _ in self.records)

    def touches(self, *entities: str) -> bool:
        """Whether a view showing records of `entities` must read them again."""
        return self.everything or not self.entities.isdisjoint(entities)

    def ids(self, entity: str) -> frozenset[int]:
        return frozenset(i for e, i in self.records if e == entity and i is not None)


def committed() -> None:
    """A write of this process committed: every watcher looks now, not at its next tick."""
    for watcher in list(_watchers):
        watcher.poke()


class Watcher:
    """Calls `changed(change)` from its thread after each commit to the database that
    recorded audit entries. `connection` is the watcher's own while it runs (data_version
    counts the commits of every other connection)."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        changed: Callable[[Change], object],
        interval: float = INTERVAL,
    ) -> None:
        self.connection = connection
        self.changed = changed
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.looks = 0  # how many times the audit log was read (benchmarks, tests)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="kxtui-changes", daemon=True)
        self._thread.start()
        _watchers.add(self)

    def poke(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        """Stop the thread (and wait for it): the connection is the caller's again."""
        _watchers.discard(self)
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()

    def _state(self) -> tuple[int, int]:
        """data_version, and the newest audit entry's id."""
        version = self.connection.execute("PRAGMA data_version").fetchone()[0]
        newest = self.connection.execute("SELECT MAX(id) FROM audit_entry").fetchone()[0]
        return version, newest or 0

    def _run(self) -> None:
        try:
            self._version, self._last = self._state()
        except sqlite3.Error:
            self._version, self._last = -1, 0  # the first look reads what it can
        while not self._stop.is_set():
            poked = self._wake.wait(self.interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self._look(poked)
            except sqlite3.Error:
                continue  # busy, or the file is being restored: the next look will see

    def _look(self, poked: bool) -> None:
        version = self.connection.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version and not poked:
            return
        self._version = version
        self.looks += 1
        rows = self.connection.execute(
            "SELECT id, entity, entity_id FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?",
            (self._last, MOST + 1),
        ).fetchall()
        if not rows:
            return
        if len(rows) > MOST:
            self._version, self._last = self._state()
            self.changed(Change(everything=True))
        else:
            self._last = rows[-1][0]
            self.changed(Change(frozenset((entity, id_) for _, entity, id_ in rows)))
