"""F1: the keys of the screen it was pressed on, read from its bindings (and those of its
widgets and of the app), grouped where they work, so it cannot go stale."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from kxtui.db.engine import scope
from kxtui.i18n import t
from kxtui.keys import KeyRow, area, rows
from kxtui.screens.base import TranslatedBindings, reason


def sections(screen: Screen) -> list[tuple[str, list[KeyRow]]]:
    """(where, keys) of the screen, of its widgets (moving in a tree or a table, the chosen
    lists of a form) and of the app (over a dialog or a form, its priority keys only), each
    key once."""
    classes: list[type[DOMNode]] = [type(screen)]
    for widget in screen.walk_children(with_self=False):
        if type(widget) not in classes:
            classes.append(type(widget))
    grouped: dict[str, list[KeyRow]] = {}
    seen: set[tuple[str, str]] = set()
    app_keys = (type(screen.app), screen.is_modal)
    for cls, priority_only in [*((cls, False) for cls in classes), app_keys]:
        for row in rows(cls, priority_only=priority_only):
            if (row.shown_keys, row.description) not in seen:
                seen.add((row.shown_keys, row.description))
                grouped.setdefault(area(cls), []).append(row)
    return list(grouped.items())


def describe(sections: list[tuple[str, list[KeyRow]]]) -> Group:
    """Each section's title, then a line per key: the keys, what they do, the longer help."""
    parts: list[Text | Table] = []
    keys_width = max(cell_len(row.shown_keys) for _, keys in sections for row in keys)
    for where, keys in sections:
        parts.append(Text(where, style="bold"))
        table = Table.grid(padding=(0, 1), pad_edge=True)
        table.add_column(no_wrap=True, min_width=keys_width + 2)  # aligned through the sections
        table.add_column(no_wrap=True)
        table.add_column(style="dim", ratio=1, overflow="fold")
        for row in keys:
            table.add_row(row.shown_keys, row.name, row.help if row.help != row.name else "")
        parts.append(table)
    return Group(*parts)


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 94%; max-width: 100; height: auto; max-height: 100%; border: round $primary;
        background: $surface; padding: 0 1;
    }
    HelpScreen Label { text-style: bold; }
    HelpScreen #help-writes { color: $text-warning; }
    HelpScreen VerticalScroll { height: auto; max-height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "key.close", id="help.close"),
        Binding("q", "dismiss", show=False),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.of = screen  # the screen whose keys are shown

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("help.title"))
            note = self._writes_note()
            if note:
                yield Static(Text(note), id="help-writes")
            with VerticalScroll():
                yield Static(describe(sections(self.of)), id="help-keys")

    def _writes_note(self) -> str:
        """Which of the keys below this session may not use, and why ("" for all of them)."""
        refusal = scope.write_refusal()
        if refusal is not None:
            return t("help.cannot_write", reason=reason(refusal))
        officer = scope.session()
        return t("help.own_area", scope=officer.edit_name) if officer.edit_path else ""
