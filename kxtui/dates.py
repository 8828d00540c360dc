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


_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # as exports write them: read directly


def parse_date(text: str, today: date) -> date | None:
    """2026-05-30, 2026/5/30, 2026.5.30, 2026年5月30日, 20260530, 5-30 or 5月30日 (this year),
    今天, 昨天, 前天. Full-width digits are read as digits. None when it is not a date."""
    if _ISO.fullmatch(text):  # a roster's birth dates are too many to keep
        try:
            return date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            return None
    return _parse_date(text, today)


@lru_cache(maxsize=4096)  # an import reads the same dates over and over
def _parse_date(text: str, today: date) -> date | None:
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
    """A reporting period, in the order `p` cycles through them: each, then the one before."""

    YEAR = "year"
    LAST_YEAR = "last_year"
    QUARTER = "quarter"
    LAST_QUARTER = "last_quarter"
    MONTH = "month"
    LAST_MONTH = "last_month"
    ALL = "all"
    CUSTOM = "custom"  # dates of one's own, from a filter dialog


def next_period(period: Period) -> Period:
    """The period after `period` when `p` cycles (a custom one goes back to this year)."""
    cycle = [p for p in Period if p != Period.CUSTOM]
    return cycle[(cycle.index(period) + 1) % len(cycle)] if period in cycle else cycle[0]


def period_bounds(period: Period, today: date) -> tuple[date | None, date | None]:
    """First and last day of this or the last month / quarter / year; (None, None) for all.
    The last month of January is December, the last quarter of the first is the fourth, of
    the year before."""
    if period in (Period.MONTH, Period.LAST_MONTH):
        first = today.replace(day=1)
        if period == Period.LAST_MONTH:
            first = (first - timedelta(days=1)).replace(day=1)
        return first, _month_end(first, 1)
    if period in (Period.QUARTER, Period.LAST_QUARTER):
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        if period == Period.LAST_QUARTER:
            first = _month_start(first, -3)
        return first, _month_end(first, 3)
    if period in (Period.YEAR, Period.LAST_YEAR):
        year = today.year - (period == Period.LAST_YEAR)
        return date(year, 1, 1), date(year, 12, 31)
    return None, None


def _month_start(first: date, months: int) -> date:
    """The first day of the month `months` after the month beginning on `first`."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(first: date, months: int) -> date:
    """The last day of `months` months starting on `first`."""
    return _month_start(first, months) - timedelta(days=1)


_PERIOD = re.compile(
    r"(\d{4})\s*年?\s*(?:-?\s*[qQ]\s*([1-4])|第\s*([1-4一二三四])\s*季度?"
    r"|-\s*(\d{1,2})|(\d{1,2})\s*月(?:份)?)?"
)
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}


def parse_period(text: str) -> tuple[date, date] | None:
    """A period as reports and closings name it: 2026 (the year), 2026Q3 (a quarter), 2026-09
    (a month), or in words: 2026年, 2026年第三季度, 2026年9月. Its first and last day; None
    when it is none of these."""
    match = _PERIOD.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    year, quarter, month = int(match[1]), match[2] or match[3], match[4] or match[5]
    if quarter:
        first = date(year, 3 * int(_QUARTERS.get(quarter, quarter)) - 2, 1)
        return first, _month_end(first, 3)
    if month:
        if not 1 <= int(month) <= 12:
            return None
        first = date(year, int(month), 1)
        return first, _month_end(first, 1)
    return date(year, 1, 1), date(year, 12, 31)


def period_name(start: date, end: date) -> str | None:
    """The inverse of `parse_period`: "2026", "2026Q3" or "2026-09" for a whole year, quarter
    or month; None for other dates."""
    for name in (f"{start.year}", f"{start.year}Q{(start.month + 2) // 3}",
                 f"{start.year}-{start.month:02d}"):  # fmt: skip
        if parse_period(name) == (start, end):
            return name
    return None


_SPAN = re.compile(r"\s*(?:~|～|至|到|—|–|\s-\s|\.\.)\s*")


def parse_span(text: str, today: date) -> tuple[date, date] | None:
    """A period (`parse_period`) or two dates, in order, between ~, 至, 到 or — ("2026-07-01 ~
    2026-09-30", "7月1日至9月30日"); None when it is neither, or the second date comes first."""
    whole = parse_period(text)
    if whole is not None:
        return whole
    parts = _SPAN.split(unicodedata.normalize("NFKC", text).strip())
    if len(parts) != 2:
        return None
    first, last = parse_date(parts[0], today), parse_date(parts[1], today)
    if first is None or last is None or last < first:
        return None
    return first, last
