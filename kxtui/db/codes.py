"""Stored codes, dates and flags as read: a value kxtui does not know is kept, marked.

Every code column holds one of the codes of `kxtui.domain` (`COLUMNS`), every date column an
ISO day (2026-05-30), every flag 0 or 1. Data can reach the database from elsewhere — an older
kxtui, a restored backup, another program — so readers never assume it: `day` reads a date
column as a `date` or an `Odd` value, and `kxtui.i18n.label` names an unknown code the same
way. An `Odd` formats as "⚠未知代码 zzz" / "⚠无效日期 2026-13-45" (the value shown by the
display rule; in the interface's words, `kxtui.db.words.say`) in every format spec, so lists,
totals, groupings and exports show it marked instead of crashing; a form opened on it keeps
the field invalid until it is corrected.

The codes are not CHECK constraints: adding them would rebuild every table again (as schema
v10 did for the numbers) for each upgrade, and a new code would need another rebuild. The
readers mark what they do not know, and `kxtui check` (`rule_sql`) lists every such value.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from kxtui import domain
from kxtui.db.words import marked


class Odd:
    """A stored value kxtui does not know (an unknown code, a malformed date), kept as it was
    stored: formats as its marker in every format spec and string conversion."""

    __slots__ = ("key", "value")

    def __init__(self, value: object, key: str = "code.unknown") -> None:
        self.key, self.value = key, value

    def __format__(self, spec: str) -> str:
        return marked(self.key, self.value)

    __str__ = __repr__ = lambda self: format(self, "")  # noqa: E731

    # equal to the same stored value; sorts after every date or code, never raising
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Odd) and (self.key, self.value) == (other.key, other.value)

    def __hash__(self) -> int:
        return hash((self.key, str(self.value)))

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return not isinstance(other, Odd)


def is_odd(value: object) -> bool:
    return isinstance(value, Odd)


def day(value: object) -> date | Odd | None:
    """A stored date column: a date (None when empty and allowed so), or an Odd date."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        if len(text) == 10:  # exactly YYYY-MM-DD, as kxtui writes it
            return date.fromisoformat(text)
    except ValueError:
        pass
    return Odd(value, "date.invalid")


def flag(value: object) -> bool | Odd:
    """A stored flag column: True or False for 1 or 0, an Odd flag for anything else ('yes',
    7) — never read as true because it is not empty."""
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    return Odd(value, "flag.invalid")


# -- what `kxtui check` lists -----------------------------------------------------------------


class Column(NamedTuple):
    table: str
    column: str
    allowed: tuple[str, ...]  # the codes, or () for a date / flag column (see `rule_sql`)
    kind: str = "code"  # "code", "codes" (comma-separated), "date", "flag"
    nullable: bool = True


def _codes(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


COLUMNS = (
    Column("region", "kind", _codes(domain.RegionKind), nullable=False),
    Column("venue", "type", _codes(domain.VenueType), nullable=False),
    Column("venue", "level", _codes(domain.VenueLevel)),
    Column("volunteer", "gender", _codes(domain.Gender)),
    Column("volunteer_domain", "domain", _codes(domain.Domain), nullable=False),
    Column("officer", "role", _codes(domain.PersonRole), nullable=False),
    Column("team", "level", _codes(domain.TeamLevel), nullable=False),
    Column("team", "domain", _codes(domain.Domain)),
    Column("activity", "theme_day", _codes(domain.ThemeDay)),
    Column("activity", "campaign", _codes(domain.Campaign)),
    Column("activity", "target_groups", _codes(domain.TargetGroup), "codes", nullable=False),
    Column("activity", "format", _codes(domain.ActivityFormat), nullable=False),
    Column("officer_account", "role", _codes(domain.AccessRole), nullable=False),
    Column("volunteer", "birth_date", (), "date"),
    Column("volunteer", "joined_on", (), "date"),
    Column("team_membership", "joined_on", (), "date"),
    Column("activity", "start_date", (), "date", nullable=False),
    Column("activity", "end_date", (), "date", nullable=False),
    Column("volunteer_service", "last_served", (), "date"),
    *(
        Column(table, flag, (), "flag", nullable=False)
        for table, flags in (
            ("venue", tuple(f"six_{item.value}" for item in domain.SixHave)),
            ("volunteer", ("platform_registered", "is_student", "active")),
            ("officer", ("active",)),
            ("officer_account", ("active",)),
        )
        for flag in flags
    ),
    Column("volunteer", "id_number_valid", (), "flag"),
)


def _good(column: Column) -> str:
    c = column.column
    if column.kind == "date":  # a real day: SQLite's date() gives it back unchanged
        return f"(typeof({c}) = 'text' AND date({c}) IS {c})"
    if column.kind == "flag":
        return f"(typeof({c}) = 'integer' AND {c} IN (0, 1))"
    if column.kind == "codes":  # '' or codes joined by commas: told apart in `odd_codes`
        return f"(typeof({c}) = 'text' AND ({c} = '' OR {c} IN ({_listed(column)})))"
    return f"(typeof({c}) = 'text' AND {c} IN ({_listed(column)}))"


def _listed(column: Column) -> str:
    return ", ".join(f"'{value}'" for value in column.allowed)


LONGEST_CODES = 1000  # a list of codes is shorter than this (all of them joined: 80)


def rule_sql(column: Column) -> str:
    """SQL: the rowid, the type and the first LONGEST_CODES characters of each value of the
    column that may not be one kxtui knows (NULL where the column needs a value); a list of
    codes is told apart by `odd_codes`."""
    c = column.column
    bad = f"NOT {_good(column)}"
    bad = f"({c} IS NULL OR {bad})" if not column.nullable else f"({c} IS NOT NULL AND {bad})"
    return (
        f"SELECT rowid, typeof({c}), substr({c}, 1, {LONGEST_CODES}) FROM {column.table}"
        f" WHERE {bad} ORDER BY rowid"
    )


def odd_codes(column: Column, kind: str, value: object) -> bool:
    """Whether a value found by `rule_sql` is not one kxtui knows: for a list of codes, one
    of its codes is unknown."""
    if column.kind != "codes" or kind != "text":
        return True
    text = str(value)
    return len(text) >= LONGEST_CODES or any(p not in column.allowed for p in text.split(","))
