"""Worker reads keep their thread's connection open (`db.interruptible`), and still see every
committed write, and the file of the latest `open_database`."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kxtui import db
from kxtui.db import ledger
from kxtui.db.connection import open_database
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
