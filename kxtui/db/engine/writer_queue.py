"""Writers wait their turn at a lock of the kernel's, then find SQLite's write lock free.

SQLite's busy handler retries with sleeps growing to 100 ms and is not fair: with eight
processes saving at once on a loaded machine, one writer can miss every release during the
whole busy timeout and fail with "database is locked" (the stress test saw it). Here a writer
first takes an exclusive flock on `<database>-writer`, polling every millisecond, so each
release is taken up at once by one of the waiters; only then does it BEGIN IMMEDIATE. flock
locks are separate from SQLite's POSIX locks, are released by the kernel when a process dies
(SIGKILL too), and the lock file holds no data. Threads of one process queue on a
threading.Lock first, as they share the file's descriptor.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from kxtui.db.engine.models import database
from kxtui.db.errors import KxError

POLL_S = 0.001
WAIT_S = 10.0  # then BEGIN IMMEDIATE waits on SQLite's own busy timeout, as without the queue

_lock = threading.Lock()
_opened: dict[str, int] = {}  # the database's path → the lock file's descriptor
_opening = threading.Lock()


def _queue(path: str) -> int:
    """The lock file of `path`, opened once; one database at a time (tests switch files)."""
    with _opening:
        if path not in _opened:
            for old in _opened.values():
                os.close(old)
            _opened.clear()
            flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
            try:
                _opened[path] = os.open(f"{path}-writer", flags, 0o600)
            except OSError as error:  # another user's lock file, or a directory not ours
                lock = f"{path}-writer"
                raise KxError("open.writer_lock", path=lock, reason=error.strerror) from error
        return _opened[path]


@contextmanager
def writer_turn() -> Iterator[None]:
    """Hold this process's and then the database's writer lock (not inside a transaction)."""
    if database.in_transaction() or not isinstance(database.database, str):
        yield
        return
    deadline = time.monotonic() + WAIT_S
    if not _lock.acquire(timeout=WAIT_S):
        yield
        return
    try:
        handle = _queue(database.database)
        held = False
        while not held and time.monotonic() < deadline:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                held = True
            except BlockingIOError:
                time.sleep(POLL_S)
        try:
            yield
        finally:
            if held:
                fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        _lock.release()
