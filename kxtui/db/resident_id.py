"""Resident ID numbers (公民身份号码, GB 11643-1999), checked with the maintained python-stdnum.

18 characters: a 6-digit address code, the birth date (YYYYMMDD), a 3-digit sequence (odd for
men, even for women) and an ISO 7064 MOD 11-2 check character (0-9 or X). Pure: no database.
stdnum is imported on first use (about 30 ms, and its table of codes on the first check).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from kxtui.domain import Gender

LENGTH = 18
EARLIEST_BIRTH = date(1900, 1, 1)
_SEPARATORS = re.compile(r"[\s\-]+")
_SHAPE = re.compile(r"\d{17}[\dX]")


class ResidentId(NamedTuple):
    number: str  # 18 characters, upper-case X
    birth_date: date
    gender: str  # a Gender code
    place: str  # "山东省胶州市" from stdnum's table of address codes


class IdProblem(NamedTuple):
    key: str  # message key of kxtui.i18n
    params: dict[str, object]


def normalise(text: str) -> str:
    """Full-width digits and letters as ASCII, no spaces or dashes, upper-case X."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text or "")).upper()


def read(text: str, today: date) -> ResidentId | IdProblem:
    """What a typed ID number says (birth date, gender, place), or why it is not one."""
    from stdnum.cn import ric

    number = normalise(text)
    if len(number) != LENGTH:
        return IdProblem("field.id_length", {"length": len(number)})
    if not _SHAPE.fullmatch(number):  # stdnum calls a wrong last character a checksum error
        return IdProblem("field.id_format", {})
    # stdnum's validate() without its lookup of the address code, which `_place` makes (once
    # per code and year: ~400 µs a number otherwise, too slow for an import of 100,000)
    if number[-1] != ric.calc_check_digit(number):
        return IdProblem("field.id_checksum", {})
    try:  # what stdnum's get_birth_date reads, without cleaning the number a second time
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return IdProblem("field.id_birth_date", {"text": number[6:14]})
    if born > today or born < EARLIEST_BIRTH:
        return IdProblem("field.id_birth_date", {"text": number[6:14]})
    place = _place(number[:6], born.year)
    if place is None:
        return IdProblem("field.id_region", {"code": number[:6]})
    gender = Gender.MALE if int(number[16]) % 2 else Gender.FEMALE
    return ResidentId(number, born, gender.value, place)


@lru_cache(maxsize=65536)
def _place(code: str, birth_year: int) -> str | None:
    """The place an address code names, if the code was in use in the birth year or later.

    stdnum wants the code in use in the birth year itself, but the code is that of the place
    where the number was first issued (from 1985, and in 1999 for the 18-digit form): someone
    born in 1960 in Jiaozhou rightly has 370281, a code created in 1989. A code abolished
    before the person was born cannot be theirs.
    """
    from stdnum import numdb

    info: dict[str, str] = {}
    for _, props in numdb.get("cn/loc").info(code):
        info.update(props)
    for county in info.get("county", "").split(","):
        if not county:
            continue
        name, end = county, ""
        if county.startswith("["):
            period, name = county[1:].split("]", 1)
            end = period.split("-", 1)[1]
        if not end or int(end) >= birth_year:
            return info.get("province", "") + info.get("prefecture", "") + name
    return None
