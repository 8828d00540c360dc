"""The string table: every string in both languages, with the same placeholders, so that a
value a Chinese string names is never missing from (or extra in) its English one."""

from __future__ import annotations

import string

from kxtui.i18n import STRINGS


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_each_string_has_both_languages_with_the_same_placeholders() -> None:
    empty = [key for key, (zh, en) in STRINGS.items() if not (zh.strip() and en.strip())]
    differ = [key for key, (zh, en) in STRINGS.items() if placeholders(zh) != placeholders(en)]
    assert (empty, differ) == ([], [])
