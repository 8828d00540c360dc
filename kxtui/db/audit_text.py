"""An audit entry in words: the caption of a changed field and its values as a person reads
them ("类型: 科普公园", not "type: science_park"). The audit screen speaks the interface's
language (`t`); the spreadsheet export always Chinese (`sheets.zh`)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from kxtui.db.rows import AuditChange
from kxtui.domain import (
    ActivityFormat,
    Campaign,
    Domain,
    Gender,
    RegionKind,
    SixHave,
    TargetGroup,
    TeamLevel,
    ThemeDay,
    VenueLevel,
    VenueType,
)
from kxtui.i18n import STRINGS, t

Words = Callable[[str], str]  # an i18n key -> its text

# stored field -> the word the forms use for it
_ALIASES = {
    "start_date": "start",
    "end_date": "end",
    "organiser_team": "organiser",
    "platform_registered": "platform",
    "region_id": "region",
    "parent_id": "parent",
}
_CODES: dict[str, type[StrEnum]] = {
    "kind": RegionKind,
    "type": VenueType,
    "level": VenueLevel,
    "format": ActivityFormat,
    "theme_day": ThemeDay,
    "campaign": Campaign,
    "gender": Gender,
    "target_groups": TargetGroup,
    "domains": Domain,
    "domain": Domain,
    "team_level": TeamLevel,
}
_SIX = {f"six_{item.value}": item for item in SixHave}


def written_by(actor: str, account: str, words: Words = t) -> str:
    """Who wrote an entry: the Unix user, and the account acted as when it is another one
    (a county admin with `--as`): "root（代 li）"."""
    if not account or account == actor:
        return actor
    return words("audit.acted_as").format(actor=actor, account=account)


def field_caption(entity: str, field: str, words: Words = t) -> str:
    """The caption of a stored field, as the record's form (or detail) names it."""
    item = _SIX.get(field.removesuffix("_note"))
    if item is not None:
        caption = words(f"SixHave.{item.value}")
        return f"{caption} {words('form.note')}" if field.endswith("_note") else caption
    name = _ALIASES.get(field, field)
    for key in (f"{entity}.{name}", f"detail.{name}", f"form.{name}", f"audit.field.{name}"):
        if key in STRINGS:
            return words(key)
    return field


def shown(changes: tuple[AuditChange, ...]) -> tuple[AuditChange, ...]:
    """The changes a person reads: an id kept beside a name for an undo ("region_id" beside
    "region" in a team's entry) is left out."""
    fields = {change.field for change in changes}
    named = {f"{field}_id" for field in fields} | {f"{field}_ids" for field in fields}
    return tuple(change for change in changes if change.field not in named)


def value_text(field: str, value: Any, words: Words = t) -> str:
    """A stored value as a person reads it; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return words("audit.yes" if value else "audit.no")
    enum = _CODES.get(field)
    if enum is not None:
        codes = value if isinstance(value, list) else str(value).split(",")
        return "、".join(_label(enum, str(code), words) for code in codes if code)
    if field == "service":  # [[volunteer id, hours], ...]
        return "、".join(f"#{line[0]}:{line[1]}" for line in value)
    if isinstance(value, list):
        return "、".join(f"#{v}" if isinstance(v, int) else str(v) for v in value)
    return str(value)


def _label(enum: type[StrEnum], code: str, words: Words) -> str:
    key = f"{enum.__name__}.{code}"
    return words(key) if key in STRINGS else code


def action_caption(action: str, words: Words = t) -> str:
    key = f"audit.action.{action}"
    return words(key) if key in STRINGS else action


def entity_caption(entity: str, words: Words = t) -> str:
    key = f"audit.entity.{entity}"
    return words(key) if key in STRINGS else entity
