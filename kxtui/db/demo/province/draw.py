"""Cheap draws for a million rows: weighted picks by bisection, dates by table lookup, names
with their pinyin worked out once per distinct surname and given name.

Everything takes the build's one RNG (its `random` method), so the draws stay in one seeded
sequence. The distributions are the county demo's (`kxtui.db.demo.data`), precomputed.
"""

from __future__ import annotations

import re
from bisect import bisect
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

from kxtui.db.demo import data as D
from kxtui.db.demo.state import DEMO_TODAY, keys
from kxtui.db.pinyin import SURNAME_READINGS, syllables

T = TypeVar("T")
Random = Callable[[], float]  # random.Random.random


class Weighted(Generic[T]):
    """Items with weights, picked by one uniform draw and a bisection."""

    def __init__(self, items: Sequence[T], weights: Iterable[float], *,
                 cumulative: bool = False) -> None:  # fmt: skip
        self.items = list(items)
        self.cumulative = list(weights if cumulative else accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, random: Random) -> T:
        return self.items[bisect(self.cumulative, random() * self.total)]


# --- days ---------------------------------------------------------------------------------

FIRST_DAY = date(1940, 1, 1).toordinal()
_DAYS = [date.fromordinal(n) for n in range(FIRST_DAY, DEMO_TODAY.toordinal() + 400)]
ISO = [d.isoformat() for d in _DAYS]  # ISO[ordinal - FIRST_DAY]
COMPACT = [d.strftime("%Y%m%d") for d in _DAYS]  # as in a resident ID number
YEAR = [d.year for d in _DAYS]
CLOCK = [f" {8 + m // 60:02d}:{m % 60:02d}:00" for m in range(600)]  # working hours


def stamp_text(ordinal: int, random: Random) -> str:
    """ "2025-03-04 10:17:00": a working-hours moment on the day."""
    return ISO[ordinal - FIRST_DAY] + CLOCK[int(random() * 600)]


# --- resident ID numbers (GB 11643) -------------------------------------------------------

_DIGIT_WEIGHTS = [[int(c) * w for c in "0123456789"] for w in D.ID_WEIGHTS]


def _weighted_sum(digits: str, start: int) -> int:
    return sum(_DIGIT_WEIGHTS[start + i][int(c)] for i, c in enumerate(digits))


_DATE_SUMS = [_weighted_sum(c, 6) for c in COMPACT]
SEQUENCES = [f"{n:03d}" for n in range(1000)]
_SEQUENCE_SUMS = [_weighted_sum(s, 14) for s in SEQUENCES]


class IdNumbers:
    """ID numbers of one county: area code, birth date, sequence (odd for men), check char.

    The check char comes from precomputed partial sums, equal to `data.id_check_char`.
    """

    def __init__(self, county_code: str) -> None:
        self.code, self.code_sum = county_code, _weighted_sum(county_code, 0)

    def make(self, birth: int, sequence: int) -> str:
        day = birth - FIRST_DAY
        total = self.code_sum + _DATE_SUMS[day] + _SEQUENCE_SUMS[sequence]
        return self.code + COMPACT[day] + SEQUENCES[sequence] + D.ID_CHECK[total % 11]


# --- names --------------------------------------------------------------------------------


def _given_names(male: bool, old_share: float) -> Weighted[str]:
    """The distribution of `data.person_name`'s given names, enumerated once."""
    old, young = (D.MALE_OLD, D.MALE_YOUNG) if male else (D.FEMALE_OLD, D.FEMALE_YOUNG)
    weights: dict[str, float] = {}
    for pool, share, other in ((old, old_share, young), (young, 1 - old_share, old)):
        seconds = pool + other
        for first in pool:
            p = share / len(pool)
            weights[first] = weights.get(first, 0) + p * D.SINGLE_GIVEN_SHARE
            double = p * (1 - D.SINGLE_GIVEN_SHARE)
            if not male:  # 婷婷, 丽丽: one woman in twenty with a doubled name
                weights[first * 2] = weights.get(first * 2, 0) + double * 0.05
                double *= 0.95
            for second in seconds:
                weights[first + second] = weights.get(first + second, 0) + double / len(seconds)
    return Weighted(list(weights), list(weights.values()))


def _era(born: int) -> int:
    return 0 if born < 1975 else 1 if born < 1990 else 2


ERA = [_era(year) for year in YEAR]  # ERA[ordinal - FIRST_DAY]: the generation of a birthday
# GIVEN[male][era]: the given names of men or women born in that era
GIVEN = [[_given_names(male, share) for share in (0.85, 0.5, 0.1)] for male in (False, True)]


def _phrase_prefixes() -> set[str] | None:
    """pypinyin's word prefixes: a name can be read in two halves unless surname + first
    given char start a dictionary word (殷红 reads yān hóng, not yīn hóng)."""
    try:
        from pypinyin.seg.mmseg import p_set

        return p_set._set
    except (ImportError, AttributeError):  # another pypinyin: read every name whole
        return None


Reading = tuple[str, str, tuple[str, ...]]  # pinyin, initials, syllables


@cache
def reading(text: str, person: bool = False) -> Reading:
    """`keys(text, person)` and the syllables they are made of (for the search keys)."""
    parts = tuple(syllables(text, person=person))
    return "".join(parts), "".join(part[0] for part in parts), parts


class Names:
    """Person names of one county's surname table, with pinyin and initials.

    A name's keys are its one-character surname's plus its given name's, each computed once,
    except where the two would not be read apart (see `_phrase_prefixes`, and compound
    surnames such as 欧阳 or 单于): those few are read whole, as
    `kxtui.db.pinyin.pinyin_keys(name, person=True)` reads every name, and kept in `whole`.
    `givens` holds the readings of the given names read apart, for every county.
    """

    _prefixes = _phrase_prefixes()
    givens: dict[str, Reading] = {}

    def __init__(self, county_code: str) -> None:
        self.surnames = Weighted(*D.surname_table(county_code), cumulative=True)
        self.surname_keys = [reading(s, True)[:2] for s in self.surnames.items]
        # surnames that may begin a longer one (单 → 单于): check the whole name first
        self.longer = [tuple(r for r in SURNAME_READINGS if len(r) > len(s) and r.startswith(s))
                       for s in self.surnames.items]  # fmt: skip
        # a one-character surname with a fixed reading is read apart, another one unless a
        # word crosses over; a compound surname (尉迟) never: the given name is name[1:]
        prefixes = self._prefixes
        self.check = [set() if len(s) > 1 else None if s in SURNAME_READINGS else prefixes
                      if prefixes is not None else set() for s in self.surnames.items]  # fmt: skip
        self.whole: dict[str, Reading] = {}

    def draw(self, random: Random, male: bool, birth: int) -> tuple[str, str, str]:
        """(name, pinyin, initials) of someone born on day `birth` (an ordinal)."""
        table = self.surnames
        s = bisect(table.cumulative, random() * table.total)
        surname = table.items[s]
        givens = GIVEN[male][ERA[birth - FIRST_DAY]]
        given = givens.items[bisect(givens.cumulative, random() * givens.total)]
        name = surname + given
        check, longer = self.check[s], self.longer[s]
        if (check is not None and (not check or name[:2] in check)) or (
            longer and name.startswith(longer)
        ):
            found = self.whole.get(name)
            if found is None:
                found = self.whole[name] = reading(name, True)
            return name, found[0], found[1]
        given_keys = self.givens.get(given)
        if given_keys is None:
            given_keys = self.givens[given] = reading(given)
        sp, si = self.surname_keys[s]
        return name, sp + given_keys[0], si + given_keys[1]


def _segmenter() -> Callable[[str], list[str]] | None:
    try:
        from pypinyin.seg.simpleseg import seg

        return seg
    except ImportError:  # another pypinyin: read every text whole
        return None


_SEGMENT = _segmenter()
_CHINESE = re.compile("[\u4e00-\u9fff]+")


@cache
def text_keys(text: str) -> tuple[str, str]:
    """`keys(text)` (not for person names), read word by word.

    pypinyin cuts a text into dictionary words and reads each on its own, so the keys of
    "滨河街道健康领域分队" are those of its words, each looked up once for the whole build
    rather than once per team, venue and village that shares it.
    """
    if _SEGMENT is None or not _CHINESE.fullmatch(text):
        return keys(text)
    parts = [keys(word) for word in _SEGMENT(text)]
    return "".join(p for p, _ in parts), "".join(i for _, i in parts)


# --- mobiles ------------------------------------------------------------------------------

MOBILE_PREFIXES = Weighted([int(p) * 10**8 for p in D.MOBILE_PREFIXES], D.MOBILE_PREFIXES.values())


def new_mobile(random: Random, used: set[str]) -> str:
    """A mobile number no one in `used` has (then added to it)."""
    while True:
        mobile = str(MOBILE_PREFIXES.pick(random) + int(random() * 10**8))
        if mobile not in used:
            used.add(mobile)
            return mobile
