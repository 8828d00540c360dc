"""Pinyin for search: full pinyin ("jiaozhoushi") and initials ("jzs"), stored at write time.

pypinyin costs ~250 ms to import, so it is imported on first use, never at start-up.
Person names use surname readings that differ from the common reading (单 Shan, 曾 Zeng ...).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from types import ModuleType

# Surnames whose reading as a name differs from pypinyin's default; compound ones first.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "长孙": ("zhang", "sun"),
    "单于": ("chan", "yu"),
    "单": ("shan",),
    "曾": ("zeng",),
    "仇": ("qiu",),
    "查": ("zha",),
    "解": ("xie",),
    "区": ("ou",),
    "朴": ("piao",),
    "盖": ("ge",),
    "覃": ("qin",),
    "缪": ("miao",),
    "翟": ("zhai",),
    "乐": ("yue",),
    "种": ("chong",),
    "秘": ("bi",),
    "召": ("shao",),
    "繁": ("po",),
    "任": ("ren",),
    "员": ("yun",),
    "阚": ("kan",),
    "相": ("xiang",),
    "藏": ("zang",),
    "折": ("she",),
    "舍": ("she",),
    "燕": ("yan",),
    "尉": ("wei",),
}

_NOT_SEARCHABLE = re.compile(r"[^0-9a-z]+")


@cache
def _pypinyin() -> ModuleType:
    import pypinyin

    return pypinyin


def syllables(text: str, *, person: bool = False) -> list[str]:
    """Toneless lower-case syllables; non-Chinese runs are kept as lower-case words."""
    text = unicodedata.normalize("NFKC", text)
    if not person:
        return list(_readings(text))
    for length in (2, 1):  # compound surnames first
        if (reading := SURNAME_READINGS.get(text[:length])) is not None:
            return [*reading, *_readings(text[length:])]
    if len(text) <= _SHORT_NAME and _HAN.fullmatch(text):
        # surname and given name read apart: each repeats across a roster (a county has ~6,000
        # given names among 13,000 names), so an import reads each once, not each name once
        return [*_readings(text[:1]), *_readings(text[1:])]
    return list(_readings(text))


_SHORT_NAME = 4  # longer names (transliterated ones, 阿依古丽·买买提) are read whole
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=65536)
def _readings(text: str) -> tuple[str, ...]:
    """pypinyin's reading of a text (about 50 µs), kept: names and places repeat."""
    pypinyin = _pypinyin()
    rest = pypinyin.lazy_pinyin(text, style=pypinyin.Style.NORMAL, errors=lambda s: [s])
    return tuple(s for s in (_NOT_SEARCHABLE.sub("", part.lower()) for part in rest) if s)


def pinyin_keys(text: str, *, person: bool = False) -> tuple[str, str]:
    """(full pinyin, initials) for storing beside a name: 胶州市 → ("jiaozhoushi", "jzs")."""
    parts = syllables(text, person=person)
    return "".join(parts), "".join(part[0] for part in parts)


def surname(name: str) -> str:
    """The surname of a person's name as its sort key reads it: a compound one of
    SURNAME_READINGS (尉迟), else the first character."""
    return name[:2] if len(SURNAME_READINGS.get(name[:2], ())) == 2 else name[:1]


def sort_key(name: str) -> str:
    """What a person's name sorts by: the surname's syllables, the surname itself, then the
    given name's syllables, joined by spaces — a space sorts before any letter, so 陈 (chen)
    comes before 程 (cheng) whatever the given names, and the people of one surname sit
    together even beside a homophone one (沉, also chen): 陈芬 → "chen 陈 fen"."""
    name = unicodedata.normalize("NFKC", name)
    family = surname(name)
    reading = SURNAME_READINGS.get(family) or _readings(family)
    return " ".join((*reading, family, *_readings(name[len(family) :])))


def search_key(query: str) -> str:
    """What a typed query is compared with: lower-case letters and digits, no spaces."""
    return _NOT_SEARCHABLE.sub("", unicodedata.normalize("NFKC", query).lower())
