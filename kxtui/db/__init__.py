"""The data layer: SQL, transactions and audit, and nothing of Textual.

Screens call the functions of `regions`, `venues`, `search`, `stats` through `call`, always
from a thread worker, and get frozen dataclasses back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from kxtui.db.models import database

P = ParamSpec("P")
R = TypeVar("R")


def call(fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run a data-layer function on this thread's own connection, closing it afterwards."""
    with database.connection_context():
        return fn(*args, **kwargs)
