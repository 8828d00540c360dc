"""Every key, read from the bindings: the one source of F1's help, the command palette's
entries and the README's key table (`kxtui.key_table`), so none can go stale.

A screen ranks its keys in `KEY_RANK` (actions, most used first): the footer shows them in
that order, and so do F1, the palette and the README.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple, TypeVar

from textual.binding import Binding
from textual.keys import format_key

from kxtui.i18n import STRINGS, t

# Where a key works, as F1 and the README title it (and the palette prefixes a command the
# string table has no name for: "活动台账: 导出").
AREAS = {
    "KxApp": "keys.area.app",
    "HierarchyScreen": "keys.area.tree",
    "RegionTree": "keys.area.tree_moving",
    "LedgerScreen": "keys.area.ledger",
    "RosterScreen": "keys.area.roster",
    "ChecksMenu": "keys.area.checks",
    "CheckListScreen": "keys.area.check_list",
    "AuditScreen": "keys.area.audit",
    "AuditEntryScreen": "keys.area.audit_entry",
    "TeamTreeScreen": "keys.area.teams",
    "TeamTree": "keys.area.tree_moving",
    "PagedTable": "keys.area.table_moving",
    "FormScreen": "keys.area.form",
    "ServiceList": "keys.area.activity_form",
    "VolunteerFormScreen": "keys.area.volunteer_form",
    "ServiceHistoryTable": "keys.area.history",
    "ChoiceList": "keys.area.choices",
    "ConflictScreen": "keys.area.conflict",
    "JumpScreen": "keys.area.jump",
    "DraftsScreen": "keys.area.drafts",
    "ReportScreen": "keys.area.reports",
    "ReportTable": "keys.area.report_table",
    "ChartScreen": "keys.area.chart",
    "CalendarScreen": "keys.area.calendar",
    "RegisterScreen": "keys.area.certificates",
}

T = TypeVar("T")

_KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Del",
    "space": "Space",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
}


class KeyRow(NamedTuple):
    keys: tuple[str, ...]  # as bound: ("d", "delete")
    action: str
    description: str  # i18n key ("key.delete")
    tooltip: str  # i18n key of the longer help ("cmd.delete.help"), or ""
    show: bool  # in the footer

    @property
    def shown_keys(self) -> str:
        """The keys as F1 and the README name them: "d / Del", "Ctrl+S", "V (Shift+V)"."""
        return " / ".join(key_name(key) for key in self.keys)

    @property
    def name(self) -> str:
        return t(self.description)

    @property
    def help(self) -> str:
        """The longer help of the key, when the string table has one."""
        return t(self.tooltip) if self.tooltip in STRINGS else ""


def key_name(key: str) -> str:
    if len(key) == 1 and key.isupper():
        return f"{key} (Shift+{key})"
    modifiers, _, base = key.rpartition("+")
    shown = _KEY_NAMES.get(base) or (base.upper() if base[:1] == "f" and base[1:].isdigit()
                                     else format_key(base))  # fmt: skip
    prefix = "".join(f"{part.capitalize()}+" for part in modifiers.split("+") if part)
    return prefix + (shown.upper() if prefix and len(shown) == 1 else shown)


def declared(cls: type) -> list[Binding]:
    """The bindings a class declares and inherits, one per key (a subclass's binding of a key
    replaces its parent's, in the subclass's place), in the order declared."""
    merged: dict[str, Binding] = {}
    for klass in reversed(cls.__mro__):
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", ())):
            merged.pop(binding.key, None)
            merged[binding.key] = binding
    return list(merged.values())


def rows(cls: type, *, priority_only: bool = False) -> list[KeyRow]:
    """The described keys of a class, the keys of one action on one row, in the order of the
    class's `KEY_RANK` (unranked ones after, as declared). A key is described by a key of
    the string table; Textual's own (English) descriptions are not the officer's.
    `priority_only`: the keys that work over a dialog or a form too."""
    grouped: dict[tuple[str, str], KeyRow] = {}
    for binding in declared(cls):
        if binding.description not in STRINGS or (priority_only and not binding.priority):
            continue
        slot = (binding.description, binding.tooltip)
        row = grouped.get(slot)
        keys = (row.keys if row else ()) + (binding.key,)
        grouped[slot] = KeyRow(keys, binding.action, binding.description, binding.tooltip,
                               binding.show or bool(row and row.show))  # fmt: skip
    return ranked(list(grouped.values()), getattr(cls, "KEY_RANK", ()), lambda row: row.action)


def ranked(items: Sequence[T], rank: Sequence[str], action_of: Callable[[T], str]) -> list[T]:
    """`items` in the order of `rank` (actions), the unranked after them as they came."""
    order = {action: index for index, action in enumerate(rank)}
    return sorted(items, key=lambda item: order.get(action_of(item), len(order)))


def area(cls: type) -> str:
    """Where the keys of `cls` work, in the interface's language."""
    for klass in cls.__mro__:
        if klass.__name__ in AREAS:
            return t(AREAS[klass.__name__])
    return t("keys.area.screen")


def command_name(cls: type, row: KeyRow) -> str:
    """The palette's name of a key's action: the string table's "cmd.…" name when the key's
    help is one ("cmd.ledger.help" → "活动: 台账"), else "area: description"."""
    command = row.tooltip.removesuffix(".help")
    if command.startswith("cmd.") and command in STRINGS:
        return t(command)
    return f"{area(cls)}: {row.name}"
