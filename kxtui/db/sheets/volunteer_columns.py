"""What volunteer spreadsheets (志愿者花名册 XLSX / CSV) look like: columns, headers, cell values.

Export (`export_volunteers`) and import (`import_volunteers`) share this module, so an exported
roster reads back to the same volunteers. Besides the headers kxtui writes, the import knows
the other names county sheets and the 大美志愿 platform's export give the same column
(`headers.VOLUNTEERS`: 联系电话 and 手机号码 for 手机号, 证件号码 for 身份证号,
志愿者编号 for 平台ID …).

The home is a region path below the county (`胶莱镇/郭庄村`, `…社区/第3网格`), or a town column
(所属镇街) beside a village column (所属村居). Teams and domains are listed in one cell
(`胶州市科技志愿服务总队、…`). Yes/no columns read 是/否 and the usual variants. 编号 (kxtui's
number) and the total hours are written for the reader; the import ignores them (hours come
from the activities served at).
"""

from __future__ import annotations

from functools import lru_cache

from kxtui.db.codes import Odd
from kxtui.db.sheets import headers as sheet_headers
from kxtui.db.sheets.columns import (
    GROUP_SEPARATOR,
    SheetLayout,
    code_label,
    header_names,
    label_codes,
    normalise,
    split_groups,
    zh,
)
from kxtui.db.words import marked_chinese
from kxtui.domain import Domain, Gender

COLUMNS = (
    "id",
    "name",
    "gender",
    "mobile",
    "id_number",
    "birth_date",
    "county",
    "region",
    "teams",
    "domains",
    "skills",
    "registered",
    "platform_id",
    "student",
    "active",
    "joined_on",
    "hours",
    "notes",
)
# read on import besides COLUMNS: a town column beside the village column
IMPORTED_ONLY = ("town",)
TEXT_COLUMNS = ("mobile", "id_number", "platform_id")  # digits Excel must not turn to numbers
# In characters (see `sheets.WIDTHS`): an ID number's 18 digits fit, long text wraps.
WIDTHS = {"id": 7, "name": 8, "gender": 5, "mobile": 13, "id_number": 20, "birth_date": 11,
          "county": 8, "region": 18, "teams": 20, "domains": 12, "skills": 14, "registered": 6,
          "platform_id": 13, "student": 6, "active": 6, "joined_on": 11, "hours": 7,
          "notes": 16}  # fmt: skip

VOLUNTEERS = SheetLayout(
    names=header_names(COLUMNS + IMPORTED_ONLY, sheet_headers.VOLUNTEERS),
    required=(("name",), ("region",)),
    headers=sheet_headers.VOLUNTEERS,
    sheet=zh("vsheet.sheet"),
    first="name",
    no_header="vsheet.no_header",
)

_YES = frozenset(normalise(word) for word in zh("vsheet.yes_words").split(GROUP_SEPARATOR))
_NO = frozenset(normalise(word) for word in zh("vsheet.no_words").split(GROUP_SEPARATOR))
_GENDERS = label_codes(Gender)
_GENDERS.update({"m": Gender.MALE.value, "f": Gender.FEMALE.value, "男性": Gender.MALE.value,
                 "女性": Gender.FEMALE.value})  # fmt: skip
_DOMAINS = label_codes(Domain)


def header(column: str) -> str:
    """The Chinese header of a column."""
    return sheet_headers.VOLUNTEERS[column].zh


@lru_cache(maxsize=256)
def yes_no(text: str) -> bool | None:
    """是 → True, 否 → False (and 已注册/未注册, Y/N, 1/0, √/×, 在册/停用 …); None when the
    cell says neither (an empty cell is the caller's default)."""
    word = normalise(text)
    if word in _YES:
        return True
    if word in _NO:
        return False
    return None


def yes_no_cell(value: bool | Odd) -> str:
    """是 / 否, or a stored flag that is neither marked ("⚠无效标记 yes")."""
    if isinstance(value, Odd):
        return marked_chinese(value.key, value.value)
    return zh("roster.yes") if value else zh("roster.no")


@lru_cache(maxsize=256)
def gender_code(text: str) -> str:
    """男 / 女 / male / female / M / F → the Gender code; other text is kept, so the check
    reports it as not one of the choices; "" for an empty cell."""
    text = text.strip()
    return _GENDERS.get(normalise(text), text) if text else ""


@lru_cache(maxsize=4096)  # a file repeats a few combinations
def domain_codes(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(codes, words not understood) of a domains cell: "健康、农业" → health, agriculture."""
    codes, unknown = [], []
    for word in split_groups(text):
        code = _DOMAINS.get(normalise(word))
        if code is None:
            unknown.append(word)
        else:
            codes.append(code)
    return tuple(codes), tuple(unknown)


def domains_cell(codes: str) -> str:
    """The stored "health,agriculture" as 健康、农业."""
    return GROUP_SEPARATOR.join(code_label(Domain, c) for c in codes.split(",") if c)


def domain_choices() -> str:
    return GROUP_SEPARATOR.join(code_label(Domain, d) for d in Domain)
