"""Every user-visible string, Simplified Chinese first, English beside it (the tables are
in `kxtui.strings`, one module per area).

`t("key", **params)` formats the string of the current language. `label(enum_value)` gives the
name of a stored code (a region kind, venue type, six-haves item ...). The table doubles as the
glossary: one name for one thing, in DOMAIN.md's terms.

The data layer reads none of this: what a file says is its own (`kxtui.db.sheets.headers`,
`kxtui.db.words`, `kxtui.domain.LABELS`), and the few values it hands over that word
themselves (an unknown code, an invalid number) use the words given here (`use_words`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum

from kxtui.db import words as data_words
from kxtui.db.sheets.headers import Header
from kxtui.display import quoted
from kxtui.strings import (
    accounts,
    activities,
    app,
    audit,
    calendar,
    certificates,
    cli,
    codes,
    forms,
    hours,
    reports,
    sheets,
    tree,
    volunteers,
)

LANGUAGES = ("zh", "en")
_language = {"current": "zh"}
_missing = {"strict": False}  # tests set it: a key without strings raises KeyError


def strict(on: bool = True) -> None:
    """Make `t` raise KeyError for a key without strings (the tests run so)."""
    _missing["strict"] = on


# One module per area of kxtui (kxtui/strings/): a key's first part says where it lives.
STRINGS: dict[str, tuple[str, str]] = {
    **accounts.STRINGS,
    **activities.STRINGS,
    **app.STRINGS,
    **audit.STRINGS,
    **calendar.STRINGS,
    **certificates.STRINGS,
    **cli.STRINGS,
    **codes.STRINGS,
    **forms.STRINGS,
    **hours.STRINGS,
    **reports.STRINGS,
    **sheets.STRINGS,
    **tree.STRINGS,
    **volunteers.STRINGS,
}

# The roles that are a person's job carry the job's name (one name for one thing).
for _shared in ("town_staff", "village_liaison", "grid_officer"):
    STRINGS[f"AccessRole.{_shared}"] = STRINGS[f"PersonRole.{_shared}"]


def set_language(language: str | None) -> str:
    """Choose the language (from --lang, else KXTUI_LANG, else Chinese); returns it."""
    chosen = (language or os.environ.get("KXTUI_LANG") or "zh").lower()[:2]
    _language["current"] = chosen if chosen in LANGUAGES else "zh"
    return _language["current"]


def language() -> str:
    return _language["current"]


def t(key: str, **params: object) -> str:
    """The string of `key`; a value quoted in it (a name, a path, an error's text) is shown by
    the one display rule (`kxtui.display.clean`), numbers are formatted as they are."""
    try:
        zh, en = STRINGS[key]
    except KeyError:
        if _missing["strict"]:
            raise
        zh = en = key  # an officer sees the key, never a crash
    text = en if _language["current"] == "en" else zh
    if not params:
        return text
    return text.format(**{name: quoted(value) for name, value in params.items()})


_tables: dict[str, dict[str, str]] = {}


def words(language: str | None = None) -> Mapping[str, str]:
    """The strings of a language (the current one by default), key -> text unformatted: what
    the data layer's audit words read (`kxtui.db.audit_text`)."""
    chosen = language or _language["current"]
    if chosen not in _tables:
        index = 1 if chosen == "en" else 0
        _tables[chosen] = {key: pair[index] for key, pair in STRINGS.items()}
    return _tables[chosen]


def both(key: str) -> str:
    """A command line help in both languages, "中文 / English": argparse words it before
    --lang is read (a Chinese text ending in a full-width bracket carries its own space)."""
    zh, en = STRINGS[key]
    return f"{zh}{'/ ' if zh.endswith('）') else ' / '}{en}"


def column_name(header: Header) -> str:
    """A sheet's column by its header in the current language (`kxtui.db.sheets.headers`)."""
    return header.en if _language["current"] == "en" else header.zh


def label(value: object, enum: type[StrEnum] | None = None) -> str:
    """Name of a stored code: label(RegionKind.TOWN) or label("town", RegionKind) → "镇"; a
    code no kxtui wrote (of any type) is shown marked, by the display rule: "⚠未知代码 zzz"."""
    enum_name = enum.__name__ if enum else type(value).__name__
    key = f"{enum_name}.{value}"
    if isinstance(value, str) and key in STRINGS:
        return t(key)
    return marked("code.unknown", value)


def marked(key: str, value: object) -> str:
    """A stored value kxtui does not know, marked ("⚠未知代码 zzz"; "" and NULL named), by
    the display rule."""
    return data_words.marked(key, value)


# the data layer's values that word themselves (an unknown code, an invalid number) speak the
# interface's language
data_words.use_words(t)
