from datetime import date

import pytest

from kxtui.dates import (
    Period,
    next_period,
    parse_date,
    parse_period,
    parse_span,
    period_bounds,
    period_name,
)

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-05-30", date(2026, 5, 30)),
        ("2026/5/30", date(2026, 5, 30)),
        ("2026.5.3", date(2026, 5, 3)),
        ("20260530", date(2026, 5, 30)),
        ("2026年5月30日", date(2026, 5, 30)),
        ("5-30", date(2026, 5, 30)),
        ("5月30日", date(2026, 5, 30)),
        ("２０２６－０５－３０", date(2026, 5, 30)),  # full-width, as an IME types it
        ("今天", TODAY),
        ("昨天", date(2026, 11, 19)),
        (" 前天 ", date(2026, 11, 18)),
        ("2026-02-30", None),
        ("13-01", None),
        ("明年", None),
        ("2026", None),
    ],
)
def test_dates_as_officers_type_them(typed: str, expected: date | None) -> None:
    assert parse_date(typed, TODAY) == expected


def test_periods() -> None:
    assert period_bounds(Period.MONTH, TODAY) == (date(2026, 11, 1), date(2026, 11, 30))
    assert period_bounds(Period.QUARTER, TODAY) == (date(2026, 10, 1), date(2026, 12, 31))
    assert period_bounds(Period.QUARTER, date(2026, 2, 3)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert period_bounds(Period.YEAR, TODAY) == (date(2026, 1, 1), date(2026, 12, 31))
    assert period_bounds(Period.LAST_YEAR, TODAY) == (date(2025, 1, 1), date(2025, 12, 31))
    assert period_bounds(Period.ALL, TODAY) == (None, None)


@pytest.mark.parametrize(
    ("period", "today", "expected"),
    [
        (Period.LAST_MONTH, TODAY, (date(2026, 10, 1), date(2026, 10, 31))),
        (Period.LAST_MONTH, date(2026, 1, 15), (date(2025, 12, 1), date(2025, 12, 31))),
        (Period.LAST_MONTH, date(2028, 3, 31), (date(2028, 2, 1), date(2028, 2, 29))),
        (Period.LAST_QUARTER, TODAY, (date(2026, 7, 1), date(2026, 9, 30))),
        (Period.LAST_QUARTER, date(2026, 2, 3), (date(2025, 10, 1), date(2025, 12, 31))),
        (Period.LAST_QUARTER, date(2026, 4, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (Period.LAST_YEAR, date(2026, 1, 1), (date(2025, 1, 1), date(2025, 12, 31))),
        (Period.MONTH, date(2026, 12, 31), (date(2026, 12, 1), date(2026, 12, 31))),
        (Period.QUARTER, date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
    ],
)
def test_the_last_month_quarter_and_year_cross_year_ends(
    period: Period, today: date, expected: tuple[date, date]
) -> None:
    assert period_bounds(period, today) == expected


def test_p_cycles_each_period_then_the_one_before_and_comes_back() -> None:
    seen = [Period.YEAR]
    while (following := next_period(seen[-1])) != Period.YEAR:
        seen.append(following)
    assert seen == [Period.YEAR, Period.LAST_YEAR, Period.QUARTER, Period.LAST_QUARTER,
                    Period.MONTH, Period.LAST_MONTH, Period.ALL]  # fmt: skip
    assert next_period(Period.CUSTOM) == Period.YEAR


@pytest.mark.parametrize(
    ("text", "first", "last", "name"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("2026Q3", date(2026, 7, 1), date(2026, 9, 30), "2026Q3"),
        ("2026q1", date(2026, 1, 1), date(2026, 3, 31), "2026Q1"),
        ("２０２６Ｑ４", date(2026, 10, 1), date(2026, 12, 31), "2026Q4"),
        ("2026-9", date(2026, 9, 1), date(2026, 9, 30), "2026-09"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        ("2025年", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("2025年第三季度", date(2025, 7, 1), date(2025, 9, 30), "2025Q3"),
        ("2025年第4季度", date(2025, 10, 1), date(2025, 12, 31), "2025Q4"),
        ("2026年9月", date(2026, 9, 1), date(2026, 9, 30), "2026-09"),
        ("2026年12月份", date(2026, 12, 1), date(2026, 12, 31), "2026-12"),
    ],
)
def test_periods_are_named_as_reports_name_them(text, first, last, name):
    assert parse_period(text) == (first, last)
    assert period_name(first, last) == name


@pytest.mark.parametrize(
    "text", ["2026-13", "2026Q5", "26", "2026-09-01", "今年", "", "2026年第五季度", "2026年13月"]
)
def test_what_is_not_a_period_is_none(text):
    assert parse_period(text) is None
    assert period_name(date(2026, 9, 2), date(2026, 9, 30)) is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2026Q3", (date(2026, 7, 1), date(2026, 9, 30))),
        ("2026-07-01 ~ 2026-09-15", (date(2026, 7, 1), date(2026, 9, 15))),
        ("7月1日至9月30日", (date(2026, 7, 1), date(2026, 9, 30))),
        ("2025/12/1到2026/1/31", (date(2025, 12, 1), date(2026, 1, 31))),
        ("2026-09-01..2026-09-30", (date(2026, 9, 1), date(2026, 9, 30))),
        ("2026-09-30 ~ 2026-09-01", None),
        ("2026-09-01 ~", None),
        ("上个月", None),
    ],
)
def test_a_span_is_a_period_or_two_dates_in_order(text, span):
    assert parse_span(text, date(2026, 12, 7)) == span
