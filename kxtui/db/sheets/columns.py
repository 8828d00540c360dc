"""What activity spreadsheets (活动台账 XLSX / CSV) look like: columns, labels, safe cells.

Export (`export_activities`) and import (`import_activities`, reading in `read`) share this
module, so a file written by kxtui reads back to the same records.

Columns are known by a key; the Chinese header is written, and on import the Chinese or the
English header is accepted (`headers`). Sheet content is always Chinese (`words`,
`kxtui.domain.LABELS`): reports go upward in Chinese whatever language the interface speaks.

The 志愿者 column lists who served and for how long, `姓名:小时` separated by `;` — e.g.
`张伟:2;李娜:1.5`. When a name is shared by several volunteers of the county, the volunteer's
number follows it: `张伟#1024:2`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from kxtui.db import codes
from kxtui.db.errors import KxError
from kxtui.db.numbers import Invalid
from kxtui.db.sheets import headers as sheet_headers
from kxtui.db.sheets.headers import Header
from kxtui.db.words import CHINESE, marked_chinese
from kxtui.display import mark_unsafe
from kxtui.domain import LABELS, ActivityFormat, Campaign, TargetGroup, ThemeDay

COLUMNS = (
    "id",
    "title",
    "start",
    "end",
    "duration",
    "county",
    "region",
    "venue",
    "organiser",
    "team",
    "theme_day",
    "campaign",
    "target_groups",
    "format",
    "people_reached",
    "materials",
    "volunteer_count",
    "service_hours",
    "volunteers",
    "notes",
)
REQUIRED = ("title", "start", "duration", "format")  # and region or county
# In characters, a CJK character two: narrow enough that a landscape A4 page stays legible
# (long text wraps, see `xlsx_layout`); the columns not named are numbers and short labels.
WIDTHS = {"id": 6, "title": 24, "start": 11, "end": 11, "duration": 6, "county": 8, "region": 16,
          "venue": 16, "organiser": 14, "team": 14, "target_groups": 10, "volunteers": 28,
          "notes": 16}  # fmt: skip
NARROW = 7

CELL_MAX = 32_767  # Excel's limit on the characters of one cell
MAX_FILE_BYTES = 50 * 1024 * 1024  # larger than any county's ledger; refuse, don't hang
TOTAL_KEYS = ("合计", "总计", "total", "totals")  # a totals row is skipped on import
GROUP_SEPARATOR = "、"  # between the items of one cell: target groups, teams, domains

Progress = Callable[[str, int, int], None]  # (stage's message key, done, total; 0 = unknown)

KEPT = "\t\n\r"  # control characters a cell keeps: tab and line breaks
FORMULA_START = frozenset("=+-@\t\r")
_ESCAPED_START = FORMULA_START | {"'"}


class SheetError(KxError):
    """A file that cannot be read as a sheet of its kind; nothing of it is imported."""


class Cancelled(KxError):
    """The officer stopped an import (raised by its progress callback): nothing is written."""

    key = "sheet.cancelled"


class SheetLayout(NamedTuple):
    """What one kind of sheet (activities, volunteers) looks like to `read`."""

    names: dict[str, str]  # every accepted header, normalised → column key
    required: tuple[tuple[str, ...], ...]  # each: at least one of these columns
    headers: Mapping[str, Header]  # column key -> its headers (`headers`)
    sheet: str  # the worksheet read when a workbook has it, else the first
    first: str  # a row whose cell here reads 合计 (a totals row) is skipped
    no_header: str  # the message key when no header row is found


class Problem(NamedTuple):
    """Something wrong (or odd) in one cell of an imported sheet; `key` and `params` make the
    message (`kxtui.i18n.t`)."""

    row: int  # as the spreadsheet numbers it
    column: str  # column key, "" for the whole row
    key: str
    params: Mapping[str, object]


def no_progress(stage: str, done: int, total: int) -> None:
    """A progress callback that shows nothing."""


def zh(key: str) -> str:
    """A word of a sheet, in Chinese (sheets are written in Chinese; `words.CHINESE`)."""
    return CHINESE[key]


def header(column: str) -> str:
    """The Chinese header of a column."""
    return sheet_headers.ACTIVITIES[column].zh


def header_names(
    columns: tuple[str, ...] = COLUMNS, headers: Mapping[str, Header] = sheet_headers.ACTIVITIES
) -> dict[str, str]:
    """Every accepted header (Chinese, English or another name, normalised) → column key."""
    names: dict[str, str] = {}
    for column in columns:
        zh_header, en_header, aliases = headers[column]
        for text in (zh_header, en_header, *aliases):
            names.setdefault(normalise(text), column)
    return names


def normalise(text: str) -> str:
    """A header or label as compared: full-width folded, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def clean_cell(value: str, room: int = 0) -> tuple[str, int, bool]:
    """Text any spreadsheet program holds as it is: every control and format character in its
    visible notation (`display.mark_unsafe`: ESC → ␛, RLO → ⟨U+202E⟩; tab and line breaks
    stay), cut to 32,767 characters less `room` with a marker. Returns (text, characters
    replaced, whether it was cut)."""
    text, replaced = mark_unsafe(value, KEPT)
    limit = CELL_MAX - room
    if len(text) <= limit:
        return text, replaced, False
    marker = zh("sheet.truncated")
    return text[: limit - len(marker)] + marker, replaced, True


def cell_text(value: str) -> str:
    """`clean_cell` without the counts (the exports count through `notes`)."""
    return clean_cell(value)[0]


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could take this text for a formula (= + - @ tab CR)."""
    return bool(text) and text[0] in FORMULA_START


def csv_cell(value: str) -> str:
    """`cell_text` for CSV, where a leading apostrophe keeps formula-like text literal; text
    that already begins with one gets a second so `csv_value` can undo it exactly."""
    text = cell_text(value)
    if text and text[0] in _ESCAPED_START:
        text = cell_text("'" + text)
    return text


def csv_value(text: str) -> str:
    """Undo `csv_cell`'s apostrophe."""
    if len(text) > 1 and text[0] == "'" and text[1] in _ESCAPED_START:
        return text[1:]
    return text


ACTIVITIES = SheetLayout(
    names=header_names(),
    required=(*((column,) for column in REQUIRED), ("region", "county")),
    headers=sheet_headers.ACTIVITIES,
    sheet=zh("sheet.sheet_activities"),
    first="id",
    no_header="sheet.no_header",
)


# -- labels of stored codes ------------------------------------------------------------------

CHOICES: dict[str, type[StrEnum]] = {
    "theme_day": ThemeDay,
    "campaign": Campaign,
    "format": ActivityFormat,
    "target_groups": TargetGroup,
}
_GROUP_SPLIT = re.compile(r"[、,，;；/]")


def code_label(enum: type[StrEnum], code: object) -> str:
    """The Chinese label of a stored code ("lecture" → "集中授课"); "" for none; a code kxtui
    does not know, or a stored value that is no text, marked ("⚠未知代码 zzz")."""
    if code is None or code == "":
        return ""
    key = f"{enum.__name__}.{code}"
    if isinstance(code, str) and key in LABELS:
        return LABELS[key][0]
    return marked_chinese("code.unknown", code)


def day_cell(value: object) -> date | str | None:
    """A stored date as a sheet's cell: the date, None, or a malformed one marked."""
    day = codes.day(value)
    return marked_chinese("date.invalid", value) if codes.is_odd(day) else day  # type: ignore[return-value]


def label_codes(enum: type[StrEnum]) -> dict[str, str]:
    """Chinese label, English label or the code itself (normalised) → code."""
    codes: dict[str, str] = {}
    for member in enum:
        codes[normalise(member.value)] = member.value
        for text in LABELS.get(f"{enum.__name__}.{member.value}", ()):
            codes.setdefault(normalise(text), member.value)
    return codes


def split_groups(text: str) -> list[str]:
    """The target groups of a cell: "青少年、老年人" (also , ， ; ； /) → ["青少年", "老年人"]."""
    return [part.strip() for part in _GROUP_SPLIT.split(text) if part.strip()]


# -- the volunteers column -------------------------------------------------------------------

_WIDE_SEPARATORS = (("；", ";"), ("：", ":"), ("＃", "#"), ("\n", ";"))


# One `姓名[#编号]:小时` of the volunteers column: (name, the volunteer's number when the name
# alone is ambiguous, hours as typed). A plain tuple, not a NamedTuple: an import holds ~9 per
# row until every row is checked, and the garbage collector stops scanning plain tuples of
# text and numbers but rescans NamedTuples at every full collection (over a second per 100k
# rows).
ServedEntry = tuple[str, int | None, str]


def hours_text(hours: Decimal | float | int | Invalid) -> str:
    """Hours without trailing zeros: 2, 1.5 (the marker for hours out of range)."""
    if isinstance(hours, Invalid):
        return format(hours)
    value = Decimal(str(hours)).normalize()
    return f"{value:f}"


def served_cell(entries: Iterable[tuple[str, int | None, Decimal | Invalid]]) -> str:
    """`张伟:2;李娜#31:1.5` from (name, id when needed, hours)."""
    parts = []
    for name, volunteer_id, hours in entries:
        who = f"{name}#{volunteer_id}" if volunteer_id is not None else name
        parts.append(f"{who}:{hours_text(hours)}")
    return ";".join(parts)


def parse_served(text: str) -> tuple[ServedEntry, ...] | None:
    """The entries of a volunteers cell; None when one of them is not `姓名:小时`."""
    if not text:
        return ()
    for wide, narrow in _WIDE_SEPARATORS:  # str.replace is far faster than translate here
        text = text.replace(wide, narrow)
    entries: list[ServedEntry] = []
    for part in text.split(";"):
        who, _, hours = part.rpartition(":")
        who = who.strip()
        if not who:  # no colon, or nothing before it
            if part.strip():
                return None
            continue
        if "#" in who:
            name, _, number = who.rpartition("#")
            name, number = name.strip(), number.strip()
            if name and number.isdecimal() and len(number) <= 18:
                entries.append((name, int(number), hours.strip()))
                continue
        entries.append((who, None, hours.strip()))
    return tuple(entries)
