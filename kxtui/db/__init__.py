"""The data layer: SQL, transactions and audit, and nothing of Textual.

Screens call the functions of `regions`, `venues`, `search`, `stats` through `call`, always
from a thread worker, and get frozen dataclasses back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from peewee import OperationalError

from kxtui.db.database import database
from kxtui.db.errors import KxError

P = ParamSpec("P")
R = TypeVar("R")


def call(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a data-layer function on this thread's own connection, closing it afterwards.

    A lock wait that outlasts the busy timeout becomes a KxError a person can read.
    """
    try:
        with database.connection_context():
            return fn(*args, **kwargs)
    except OperationalError as error:
        text = str(error)
        key = "error.locked" if "locked" in text or "busy" in text else "error.generic"
        raise KxError(key, detail=text) from error
