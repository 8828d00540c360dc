"""Choosing whose changes the audit log shows: type a name, pinyin, initials or login name,
↑↓ to move, Enter to choose. A county has hundreds of writers (204 village liaisons alone),
too many to step through one key press at a time."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from kxtui.db.rows import AuditWriter
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings

EVERYONE = ""  # the choice of every writer (dismissed with it); None: cancelled


def writer_label(writer: AuditWriter) -> str:
    """ "李明 (liming)", or the login name alone for a writer without an officer account."""
    user = clean(writer.user, 32)  # an audit entry written by another program names anyone
    return f"{clean(writer.name, 20)} ({user})" if writer.name else user


class PickWriterScreen(TranslatedBindings, ModalScreen[str | None]):
    """Dismisses with the chosen writer's login name, EVERYONE, or None."""

    DEFAULT_CSS = """
    PickWriterScreen { align: center middle; }
    PickWriterScreen > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PickWriterScreen #pick-title { text-style: bold; }
    PickWriterScreen OptionList { height: auto; max-height: 12; border: none; }
    PickWriterScreen #pick-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
        Binding("enter", "choose", "key.choose", id="pick.choose", priority=True),
        Binding("escape", "cancel", "key.cancel", id="pick.cancel"),
    ]

    def __init__(self, writers: tuple[AuditWriter, ...], current: str | None) -> None:
        super().__init__()
        self.writers = writers
        self.current = current
        self.shown: list[str] = []  # the login names of the options, EVERYONE first

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("audit.pick.title", count=len(self.writers)), id="pick-title")
            yield Input(placeholder=t("audit.pick.placeholder"), id="pick-query")
            yield OptionList(id="pick-options")
            yield Label(t("audit.pick.keys"), id="pick-keys")

    def on_mount(self) -> None:
        self._show("")
        options = self.query_one(OptionList)
        if self.current in self.shown:
            options.highlighted = self.shown.index(self.current)
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value.strip())

    def _show(self, query: str) -> None:
        found = [w for w in self.writers if not query or w.matches(query)]
        options = self.query_one(OptionList)
        options.clear_options()
        self.shown = [] if query else [EVERYONE]
        items = [] if query else [Option(Text(t("audit.everyone"), style="italic"))]
        self.shown += [w.user for w in found]
        items += [Option(writer_label(w)) for w in found]
        if not items:
            items = [Option(Text(t("audit.pick.none"), style="dim"), disabled=True)]
        options.add_options(items)
        options.highlighted = 0 if self.shown else None

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if self.shown:
            index = (options.highlighted or 0) + step
            options.highlighted = max(0, min(len(self.shown) - 1, index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index])

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.shown):
            self.dismiss(self.shown[index])

    def action_cancel(self) -> None:
        self.dismiss(None)
