from datetime import date

import pytest

from kxtui.dates import Period, parse_date, period_bounds

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
