"""An audit entry in words: the caption of a changed field and its values as a person reads
them ("类型: 科普公园", not "type: science_park"), in the words the caller gives (a string
table, `kxtui.i18n.words`): the audit screen the interface's language, the spreadsheet export
always Chinese. A message of the data layer names a writer in the interface's words
(`writer`, through `kxtui.db.words.say`)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from kxtui.db.rows import AuditChange, RecordNames
from kxtui.db.words import say
from kxtui.domain import (
    AccessRole,
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

Words = Mapping[str, str]  # message key -> its text, unformatted (one language's strings)
NO_NAMES: RecordNames = MappingProxyType({})

# a stored column -> the field it holds (a deleted record's entry keeps its columns)
_ALIASES = {
    "start_date": "start",
    "end_date": "end",
    "platform_registered": "platform",
    "region_id": "region",
    "parent_id": "parent",
    "venue_id": "venue",
    "organiser_team_id": "organiser_team",
}
# a stored field holding ids -> the table they point at (see `audit_names`)
REFERENCES = {
    "region": "region",
    "region_id": "region",
    "parent": "region",
    "parent_id": "region",
    "view_region": "region",
    "venue": "venue",
    "venue_id": "venue",
    "organiser_team": "team",
    "organiser_team_id": "team",
    "teams": "team",
    "service": "volunteer",  # [[volunteer id, hours], ...]
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
    "role": AccessRole,
}
_SIX = {f"six_{item.value}": item for item in SixHave}


def written_by(actor: str, account: str, words: Words) -> str:
    """Who wrote an entry: the Unix user, and the account acted as when it is another one
    (a county admin with `--as`): "root（代 li）"."""
    if not account or account == actor:
        return actor
    return words["audit.acted_as"].format(actor=actor, account=account)


def writer(actor: str, account: str) -> str:
    """`written_by` in the interface's words, for a message the data layer raises."""
    if not account or account == actor:
        return actor
    return say("audit.acted_as", actor=actor, account=account)


def field_caption(entity: str, field: str, words: Words) -> str:
    """The plain name of a stored field ("身份证号", not the form's "身份证号（可空）"): the
    entity's own word for it where it has one ("姓名" of a volunteer), else the common one."""
    item = _SIX.get(field.removesuffix("_note"))
    if item is not None:
        caption = words[f"SixHave.{item.value}"]
        return f"{caption} {words['form.note']}" if field.endswith("_note") else caption
    name = _ALIASES.get(field, field)
    for key in (f"audit.field.{entity}.{name}", f"audit.field.{name}"):
        if key in words:
            return words[key]
    return field


def shown(changes: tuple[AuditChange, ...]) -> tuple[AuditChange, ...]:
    """The changes a person reads: an id kept beside a name for an undo ("region_id" beside
    "region" in a team's entry) is left out."""
    fields = {change.field for change in changes}
    named = {f"{field}_id" for field in fields} | {f"{field}_ids" for field in fields}
    return tuple(change for change in changes if change.field not in named)


def value_text(field: str, value: Any, words: Words, names: RecordNames = NO_NAMES) -> str:
    """A stored value as a person reads it, a record by its name (`names`, see
    `audit_names.record_names`); "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return words["audit.yes" if value else "audit.no"]
    enum = _CODES.get(field)
    if enum is not None:
        codes = value if isinstance(value, list) else str(value).split(",")
        return "、".join(_label(enum, str(code), words) for code in codes if code)
    table = REFERENCES.get(field)
    if table == "volunteer":  # the service: [[volunteer id, hours], ...]
        return "、".join(
            words["audit.served"].format(
                name=_name(table, line[0], words, names), hours="—" if line[1] is None else line[1]
            )
            for line in value
        )
    if table is not None:
        items = value if isinstance(value, list) else [value]
        return "、".join(_name(table, item, words, names) for item in items)
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _name(table: str, record_id: Any, words: Words, names: RecordNames) -> str:
    name = names.get((table, record_id)) if isinstance(record_id, int) else None
    return name if name is not None else words["audit.gone"].format(id=record_id)


def _label(enum: type[StrEnum], code: str, words: Words) -> str:
    key = f"{enum.__name__}.{code}"
    return words.get(key, code)


def action_caption(action: str, words: Words) -> str:
    return words.get(f"audit.action.{action}", action)


def entity_caption(entity: str, words: Words) -> str:
    return words.get(f"audit.entity.{entity}", entity)
