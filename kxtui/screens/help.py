"""F1: the keys."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kxtui.db import scope
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings, reason


class HelpScreen(TranslatedBindings, ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 86; height: auto; max-height: 100%; border: round $primary;
        background: $surface; padding: 0 2;
    }
    HelpScreen Label { text-style: bold; margin-bottom: 1; }
    HelpScreen #help-writes { color: $text-warning; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss", "key.close", id="help.close"),
        Binding("f1", "dismiss", show=False),
        Binding("q", "dismiss", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("help.title"))
            note = self._writes_note()
            if note:
                yield Static(Text(note), id="help-writes")
            yield Static(Text(t("help.body")))

    def _writes_note(self) -> str:
        """Which of the keys below this session may not use, and why ("" for all of them)."""
        refusal = scope.write_refusal()
        if refusal is not None:
            return t("help.cannot_write", reason=reason(refusal))
        officer = scope.session()
        return t("help.own_area", scope=officer.edit_name) if officer.edit_path else ""
