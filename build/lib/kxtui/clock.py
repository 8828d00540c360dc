"""The one clock kxtui reads, so tests and snapshots can freeze it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

_now: Callable[[], datetime] = datetime.now


def now() -> datetime:
    return _now()


def today() -> date:
    return _now().date()


def freeze(at: datetime | None) -> None:
    """Make `now()` return `at` from here on; None returns to the real clock."""
    global _now
    _now = datetime.now if at is None else (lambda: at)
