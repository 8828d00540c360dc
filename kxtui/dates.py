"""Dates as officers type them, and the reporting periods they filter by. Pure: no database."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

_RELATIVE = {"今天": 0, "今日": 0, "today": 0, "昨天": -1, "昨日": -1, "yesterday": -1, "前天": -2}
_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


@lru_cache(maxsize=4096)  # an import reads the same dates over and over
def parse_date(text: str, today: date) -> date | None:
    """2026-05-30, 2026/5/30, 2026.5.30, 2026年5月30日, 20260530, 5-30 or 5月30日 (this year),
    今天, 昨天, 前天. Full-width digits are read as digits. None when it is not a date."""
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if value in _RELATIVE:
        return today + timedelta(days=_RELATIVE[value])
    for pattern, with_year in ((_FULL, True), (_COMPACT, True), (_MONTH_DAY, False)):
        match = pattern.fullmatch(value)
        if match:
            numbers = [int(n) for n in match.groups()]
            year, month, day = numbers if with_year else (today.year, *numbers)
            try:
                return date(year, month, day)
            except ValueError:
                return None
    return None


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    LAST_YEAR = "last_year"
    ALL = "all"
    CUSTOM = "custom"


def period_bounds(period: Period, today: date) -> tuple[date | None, date | None]:
    """First and last day of this month / quarter / year / last year; (None, None) for all."""
    if period == Period.MONTH:
        first = today.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if period == Period.QUARTER:
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return first, (first + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    if period == Period.YEAR:
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if period == Period.LAST_YEAR:
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return None, None
