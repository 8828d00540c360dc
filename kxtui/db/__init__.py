"""The data layer: SQL, transactions and audit, and nothing of Textual.

Screens call the functions of `regions`, `venues`, `search`, `stats` through `call`, always
from a thread worker, and get immutable rows back (`rows`: NamedTuples).

Importing the package (or `errors`, `rows`, `changes`) loads no peewee: the CLI's commands
that open no database, and the app's first frame, do not wait for it.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ParamSpec, TypeVar

from kxtui.db.errors import Interrupted, KxError, OverBudget

# openpyxl reads through lxml when it is installed (python-docx brings it), and then parses a
# workbook's parts without defusedxml: a file declaring entities would be read, not refused
# (`sheets.read`). Its own switch keeps it on the standard parser with defusedxml, as before
# lxml came; set before any module of the data layer imports openpyxl.
os.environ.setdefault("OPENPYXL_LXML", "False")

P = ParamSpec("P")
R = TypeVar("R")


def call(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a data-layer function on this thread's own connection, closing it afterwards.

    A lock wait that outlasts the busy timeout, or a full disk, becomes a KxError a person can
    read (the write's transaction was rolled back: the database is as before it).
    """
    from peewee import OperationalError

    from kxtui.db.engine.database import database

    try:
        with database.connection_context():
            return fn(*args, **kwargs)
    except (OperationalError, sqlite3.OperationalError) as error:  # peewee's, or a raw cursor's
        text = str(error)
        if text == "interrupted":
            raise Interrupted from error
        raise KxError(_error_key(text), detail=text) from error


def _error_key(text: str) -> str:
    if "locked" in text or "busy" in text:
        return "error.locked"
    if "full" in text:  # SQLITE_FULL: "database or disk is full"
        return "error.disk_full"
    return "error.generic"


# SQLite asks the progress handler every this many virtual-machine steps (well under 1 ms)
_CHECK_EVERY = 20_000


def interruptible(cancelled: Callable[[], bool], fn: Callable[..., R], *args: Any) -> R:
    """`call` for a read whose answer may stop mattering (the filter changed again): SQLite
    stops the query soon after `cancelled()` turns true, and `Interrupted` is raised."""

    def read() -> R:
        _reading.cancelled = cancelled
        _stop_when(cancelled)
        try:
            return fn(*args)
        finally:
            _reading.cancelled = None
            _stop_when(None)

    return call(read)


_reading = threading.local()  # cancelled: the predicate of this thread's interruptible read


def _stop_when(stop: Callable[[], bool] | None) -> None:
    """SQLite stops this thread's query when `stop()` turns true (None: never)."""
    from kxtui.db.engine.database import database

    connection = database.connection()
    if stop is None:
        connection.set_progress_handler(None, 0)
    else:
        connection.set_progress_handler(lambda: int(stop()), _CHECK_EVERY)


@contextmanager
def step_budget(checks: int) -> Iterator[None]:
    """Within it, SQLite gives up on a query after about `checks` × 20,000 virtual-machine
    steps (a few ms each) and `OverBudget` is raised: for a plan that is usually quick but
    may not be, with a slower sure one to fall back to. The read's cancellation still holds."""
    from peewee import OperationalError

    cancelled: Callable[[], bool] = getattr(_reading, "cancelled", None) or (lambda: False)
    left = checks

    def over() -> bool:
        nonlocal left
        left -= 1
        return left < 0

    _stop_when(lambda: cancelled() or over())
    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as error:  # a fetch raises sqlite3's
        if str(error) == "interrupted" and left < 0 and not cancelled():
            raise OverBudget from error
        raise
    finally:
        _stop_when(cancelled if getattr(_reading, "cancelled", None) else None)
