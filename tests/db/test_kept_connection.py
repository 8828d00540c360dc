"""Worker reads keep their thread's connection open (`db.interruptible`), and still see every
committed write, and the file of the latest `open_database`."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kxtui import db
from kxtui.db import close_kept, ledger
from kxtui.db.backup import in_use
from kxtui.db.connection import close_database, open_database
from kxtui.db.models import database
from kxtui.db.rows import LedgerFilter


def _read() -> tuple[int, int]:
    """This thread's connection (its identity) and the activity count it reads."""
    return id(database.connection()), ledger.totals(LedgerFilter()).activities


def test_a_worker_thread_keeps_its_connection_and_sees_new_writes(demo_db: Path) -> None:
    with ThreadPoolExecutor(max_workers=1) as worker:  # one thread, as a worker pool reuses
        first, before = worker.submit(db.interruptible, lambda: False, _read).result()
        with sqlite3.connect(demo_db) as other:  # another process's write, committed
            other.execute("UPDATE activity SET deleted_at = '2026-11-20' WHERE id = "
                          "(SELECT MIN(id) FROM activity WHERE deleted_at IS NULL)")  # fmt: skip
        second, after = worker.submit(db.interruptible, lambda: False, _read).result()
    assert second == first  # the same connection, not a new one
    assert after == before - 1  # and no snapshot older than the write


def test_a_kept_connection_follows_the_database_opened_again(demo_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    shutil.copy(demo_db, other)
    with sqlite3.connect(other) as connection:
        connection.execute("UPDATE activity SET deleted_at = '2026-11-20'")
    with ThreadPoolExecutor(max_workers=1) as worker:
        _, on_demo = worker.submit(db.interruptible, lambda: False, _read).result()
        open_database(other)
        _, on_other = worker.submit(db.interruptible, lambda: False, _read).result()
    assert on_demo > 0 and on_other == 0


def test_close_kept_closes_idle_connections_now_and_a_busy_one_when_its_call_returns(
    demo_db: Path,
) -> None:
    close_database()  # this thread's: only the worker's connection is left
    started, go = threading.Event(), threading.Event()

    def slow() -> tuple[int, int]:
        started.set()
        go.wait(5)
        return _read()

    with ThreadPoolExecutor(max_workers=2) as workers:
        workers.submit(db.kept_call, _read).result()
        assert in_use(demo_db)
        close_kept()
        assert not in_use(demo_db)
        busy = workers.submit(db.kept_call, slow)
        assert started.wait(5)
        close_kept()
        assert in_use(demo_db)  # not closed under its call
        go.set()
        assert busy.result()[1] > 0
        assert not in_use(demo_db)
        assert workers.submit(db.kept_call, _read).result()[1] > 0  # opens a new one
