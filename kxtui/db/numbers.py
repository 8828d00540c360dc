"""Numbers as stored: the range of every counted or measured column, and how a stored value
that breaks it is read.

Each range is written once, as SQL (`COLUMNS`): the column's CHECK constraint (schema v10, so
SQLite refuses a bad value from any writer), `kxtui check`'s list of rows that break it, and
the upgrade that clears such values. The bounds are the forms' own: a value the app accepts is
never refused here.

Data can still reach a screen from a database kxtui did not write — an older one, a restored
backup, a file that cannot be upgraded — so every reader of a number goes through `count` or
`hours`: a value out of range reads as `INVALID`, which formats as the marker "⚠无效" in any
format spec (`f"{value:,}"`), so no formatter crashes on it or shows nonsense (inf, 1e+20, -1).
Totals leave such values out and say how many they left out.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import NamedTuple, cast

from kxtui.db.words import say

COUNT_LIMIT = 10_000_000  # people reached, materials: the activity form refuses more
POPULATION_LIMIT = 999_999_999  # a region's residents: the region form takes nine digits
# An activity's duration, a volunteer's hours at one activity: the forms take hours above 0
# with two decimals up to this (the width of the hours column, DECIMAL(7, 2)).
HOURS_LIMIT = Decimal("99999.99")
# A sum of hours (a volunteer's total, a ledger's, a county's): far above any real one, and
# below 2^53, where every two-decimal float still prints without an exponent.
TOTAL_HOURS_LIMIT = 10**12


class Invalid:
    """A stored number that is not one kxtui can show (text, infinity, negative, too large):
    formats as the marker in every format spec and string conversion."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return say("number.invalid")  # in the interface's language when it is shown

    __str__ = __repr__ = lambda self: format(self, "")  # noqa: E731


INVALID = Invalid()


def count(value: object, limit: int = COUNT_LIMIT) -> int | Invalid:
    """A stored whole number from 0 to `limit`, or INVALID."""
    if type(value) is int and 0 <= value <= limit:
        return value
    return INVALID


def population(value: object) -> int | Invalid | None:
    """A region's residents: None when unknown, INVALID when out of range."""
    return None if value is None else count(value, POPULATION_LIMIT)


_NUMBERS = (int, float, Decimal)  # as SQLite returns them, or a DECIMAL column's model field


def hours(value: object, *, limit: Decimal | int = TOTAL_HOURS_LIMIT) -> Decimal | Invalid:
    """Hours as stored or summed (a float from SQLite's sums) to two places, without exponent
    (30, 2.5): from 0 to `limit`, else INVALID."""
    if value is None:
        value = 0
    if type(value) not in _NUMBERS:
        return INVALID
    stored = cast(int | float | Decimal, value)  # exactly one of them (a bool is none)
    if not math.isfinite(stored) or not 0 <= stored <= limit:
        return INVALID
    number = Decimal(str(round(stored, 2)))
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def one_hours(value: object) -> Decimal | Invalid:
    """One activity's duration, or one volunteer's hours at one activity: above 0, at most
    HOURS_LIMIT (a missing value is not 0 here: it is INVALID)."""
    if value is None or value == 0:
        return INVALID
    return hours(value, limit=HOURS_LIMIT)


def is_invalid(value: object) -> bool:
    return isinstance(value, Invalid)


def cell(value: Decimal | int | Invalid) -> Decimal | int | str:
    """A number as a spreadsheet cell: 8 (not 8.00 or 1E+1), 1.5, or the marker as text (a
    value out of range; 1e20 never becomes "1e+20")."""
    if isinstance(value, Invalid):
        return format(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


# -- the ranges as SQL -----------------------------------------------------------------------
# Templates: "{t}" stands before each column name, for a table alias ("a.") or nothing.


def valid_count(column: str, limit: int = COUNT_LIMIT) -> str:
    """SQL: the column holds a whole number from 0 to `limit` (typeof: 2.5, '12' or 1e20
    stored in an INTEGER column are not one)."""
    c = "{t}" + column
    return f"(typeof({c}) = 'integer' AND {c} BETWEEN 0 AND {limit})"


def valid_hours(column: str, *, above_zero: bool = True, limit: object = HOURS_LIMIT) -> str:
    """SQL: the column holds a number of hours (above 0, or from 0) up to `limit`;
    infinity is above every limit, and SQLite stores NaN as NULL."""
    c, low = "{t}" + column, ">" if above_zero else ">="
    return f"(typeof({c}) IN ('integer', 'real') AND {c} {low} 0 AND {c} <= {limit})"


class Column(NamedTuple):
    """A counted or measured column and its range: `allowed` is its CHECK constraint (NULL
    passes: a value cleared by the upgrade, or unknown where `nullable`)."""

    table: str
    column: str
    template: str
    nullable: bool = False

    @property
    def allowed(self) -> str:
        return self.template.format(t="")

    def bad(self, alias: str = "") -> str:
        """SQL: the value is not one to show or add up — out of range, or NULL where the
        column is not `nullable` (NOT of NULL is NULL: a row whose range cannot be told, a
        duration of a row with no dates, is not one)."""
        prefix = f"{alias}." if alias else ""
        missing = "" if self.nullable else f"{prefix}{self.column} IS NULL OR "
        return f"({missing}NOT ({self.template.format(t=prefix)}))"


def _or_null(column: str, condition: str) -> str:
    return f"{{t}}{column} IS NULL OR {condition}"


# an activity lasts at most 24 hours on each of its days, as the form checks
_DURATION_DAYS = "{t}duration <= 24 * (julianday({t}end_date) - julianday({t}start_date) + 1)"

COLUMNS = (
    Column(
        "region",
        "population",
        _or_null("population", valid_count("population", POPULATION_LIMIT)),
        nullable=True,
    ),
    Column("activity", "people_reached", _or_null("people_reached", valid_count("people_reached"))),
    Column("activity", "materials", _or_null("materials", valid_count("materials"))),
    Column(
        "activity",
        "duration",
        _or_null("duration", f"({valid_hours('duration')} AND {_DURATION_DAYS})"),
    ),
    Column("service_record", "hours", _or_null("hours", valid_hours("hours"))),
    Column("historical_hours", "hours", _or_null("hours", valid_hours("hours"))),
    Column(
        "volunteer_service",
        "hours",
        valid_hours("hours", above_zero=False, limit=TOTAL_HOURS_LIMIT),
    ),
)


def column(table: str, name: str) -> Column:
    return next(c for c in COLUMNS if (c.table, c.column) == (table, name))


def allowed(table: str, name: str) -> str:
    """The CHECK constraint of a column of `COLUMNS`."""
    return column(table, name).allowed


def bad(table: str, name: str, alias: str = "") -> str:
    """SQL: the column's value (of the table as `alias`) is not one to show or add up."""
    return column(table, name).bad(alias)


def valid_sum(table: str, name: str, alias: str = "") -> str:
    """SQL: the sum of the column's values that are in range (0 without any)."""
    value = f"{alias}.{name}" if alias else name
    return f"COALESCE(SUM(CASE WHEN {bad(table, name, alias)} THEN NULL ELSE {value} END), 0)"


def bad_count(table: str, name: str, alias: str = "") -> str:
    """SQL: how many of the column's values are not in range (left out of `valid_sum`)."""
    return f"COALESCE(SUM(CASE WHEN {bad(table, name, alias)} THEN 1 ELSE 0 END), 0)"


def row_hours(alias: str = "s") -> str:
    """SQL, in an aggregate over service records: their hours added up, or the text 'invalid'
    when one of them is not in range (`hours` reads it as INVALID)."""
    any_bad = bad_count("service_record", "hours", alias)
    return f"CASE WHEN {any_bad} > 0 THEN 'invalid' ELSE COALESCE(SUM({alias}.hours), 0) END"
