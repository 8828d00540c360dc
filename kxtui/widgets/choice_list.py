"""Records picked one at a time from suggestions (a volunteer's teams).

A search field suggests records (characters, full pinyin or initials); Enter adds the
highlighted one below it. Each added record is a line that can take the focus; Ctrl+D or
Delete removes the focused line. A record is not added twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import Edited


class ChosenLine(Static, can_focus=True):
    DEFAULT_CSS = """
    ChosenLine { height: 1; width: 1fr; padding-left: 1; }
    ChosenLine:focus { background: $boost; text-style: bold; }
    """

    def __init__(self, choice: Choice) -> None:
        super().__init__(Text("· " + clean(choice.name, 60)))
        self.choice = choice


class ChoiceList(Vertical):
    DEFAULT_CSS = """
    ChoiceList { height: auto; width: 1fr; }
    ChoiceList .choice-count { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("ctrl+d,delete", "remove", "key.remove", id="choices.remove")]

    class Changed(Edited):
        pass

    def __init__(
        self,
        find: Callable[[str], tuple[Callable[..., Any], tuple[Any, ...]]],
        chosen: tuple[Choice, ...] = (),
        *,
        placeholder: str,
        count_key: str,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        """`find(text)` gives the data-layer call for the suggestions (as for ChoiceInput);
        `count_key` is the message that counts the lines."""
        super().__init__(id=id)
        self.find = find
        self._initial = chosen
        self.placeholder = placeholder
        self.count_key = count_key

    def compose(self) -> ComposeResult:
        yield ChoiceInput(self.find, placeholder=self.placeholder, id=f"{self.id}-search")
        for choice in self._initial:
            yield ChosenLine(choice)
        yield Static("", classes="choice-count")

    def on_mount(self) -> None:
        self._count()

    @property
    def chosen(self) -> tuple[Choice, ...]:
        return tuple(line.choice for line in self.query(ChosenLine))

    @property
    def draft_value(self) -> list[list[Any]]:
        return [[c.id, c.name] for c in self.chosen]

    def restore_draft(self, value: list[list[Any]]) -> None:
        self.query(ChosenLine).remove()
        for choice_id, name in value:
            self.add(Choice(choice_id, name), announce=False)

    def add(self, choice: Choice, *, announce: bool = True) -> None:
        if any(c.id == choice.id for c in self.chosen):
            self.app.notify(t("choices.twice", name=choice.name), severity="warning", markup=False)
            return
        self.mount(ChosenLine(choice), before=".choice-count")
        self.call_after_refresh(self._count)
        if announce:
            self.post_message(self.Changed())

    @on(ChoiceInput.Chosen)
    def _chosen(self, event: ChoiceInput.Chosen) -> None:
        event.stop()
        if event.choice is not None:
            self.add(event.choice)
            event.control.clear()
            event.control.focus()

    def action_remove(self) -> None:
        focused = self.app.focused
        if isinstance(focused, ChosenLine) and focused.parent is self:
            focused.remove()
            self.query_one(ChoiceInput).focus()
            self.call_after_refresh(self._count)
            self.post_message(self.Changed())

    def _count(self) -> None:
        self.query_one(".choice-count", Static).update(t(self.count_key, count=len(self.chosen)))
