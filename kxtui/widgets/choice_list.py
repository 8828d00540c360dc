"""Records picked one at a time from suggestions: a volunteer's teams, an activity's volunteers.

A search field suggests records (characters, full pinyin or initials); Enter adds the
highlighted one as a line below it, in a list of its own that scrolls when a screen gives it a
height. Ctrl+D removes the line holding the focus. A record is not added twice. Subclasses put
more on a line (`new_line`), say where the focus goes once it is added (`added`) and what the
count says (`count_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import Edited


class ChosenLine(Static, can_focus=True):
    """A picked record on a line of its own, focusable so that Ctrl+D can remove it."""

    DEFAULT_CSS = """
    ChosenLine { height: 1; width: 1fr; padding-left: 1; }
    ChosenLine:focus { background: $boost; text-style: bold; }
    """

    def __init__(self, choice: Choice) -> None:
        super().__init__(Text("· " + clean(choice.name, 60)), classes="chosen-line")
        self.choice = choice


class ChoiceList(Vertical):
    DEFAULT_CSS = """
    ChoiceList { height: auto; width: 1fr; }
    ChoiceList > .choice-lines { height: auto; }
    ChoiceList .choice-count { color: $text-muted; height: 1; }
    """
    # priority: the focused line may hold an Input, whose own Ctrl+D (delete right) would win
    BINDINGS = [Binding("ctrl+d", "remove", "key.remove", id="choices.remove", priority=True)]

    class Changed(Edited):
        pass

    def __init__(
        self,
        find: Callable[[str], tuple[Callable[..., Any], tuple[Any, ...]]],
        chosen: tuple[tuple[Choice, Any], ...] = (),
        *,
        placeholder: str,
        count_key: str,
        twice_key: str = "choices.twice",
        flag_text: str = "",
        id: str,  # noqa: A002 (Textual's name)
    ) -> None:
        """`find(text)` gives the data-layer call for the suggestions (as for ChoiceInput);
        `chosen` the lines to start with, each a record and what else its line holds;
        `count_key` the message that counts the lines, `twice_key` the one for a repeat."""
        super().__init__(id=id)
        self.find = find
        self._initial = chosen
        self.placeholder = placeholder
        self.count_key = count_key
        self.twice_key = twice_key
        self.flag_text = flag_text

    def compose(self) -> ComposeResult:
        yield ChoiceInput(
            self.find,
            placeholder=self.placeholder,
            flag_text=self.flag_text,
            id=f"{self.id}-search",
        )
        with VerticalScroll(classes="choice-lines", can_focus=False):  # its lines take the focus
            for choice, extra in self._initial:
                yield self.new_line(choice, extra)
        yield Static("", classes="choice-count")

    def on_mount(self) -> None:
        self._count()

    def new_line(self, choice: Choice, extra: Any = None) -> Widget:
        """The line showing a picked record; its `choice` attribute is the record."""
        return ChosenLine(choice)

    @property
    def lines(self) -> list[Any]:
        return list(self.query(".chosen-line"))

    @property
    def chosen(self) -> tuple[Choice, ...]:
        return tuple(line.choice for line in self.lines)

    @property
    def draft_value(self) -> list[list[Any]]:
        return [[c.id, c.name] for c in self.chosen]

    def restore_draft(self, value: list[list[Any]]) -> None:
        self.clear_lines()
        for choice_id, name in value:
            self.add(Choice(choice_id, name), announce=False)

    def clear_lines(self) -> None:
        """Remove every line. A removed widget leaves the DOM only later, so each line stops
        being a line at once: `add` would otherwise take the same record put back for a
        repeat, refuse it, and the list would end up empty."""
        for line in self.lines:
            line.remove_class("chosen-line")
            line.remove()
        self.call_after_refresh(self._count)

    def add(self, choice: Choice, extra: Any = None, *, announce: bool = True) -> bool:
        if any(c.id == choice.id for c in self.chosen):
            self.app.notify(t(self.twice_key, name=choice.name), severity="warning", markup=False)
            return False
        line = self.new_line(choice, extra)
        self.query_one(".choice-lines").mount(line)
        self.call_after_refresh(self._count)
        self.call_after_refresh(line.scroll_visible, animate=False)
        if announce:
            self.post_message(self.Changed())
        return True

    @on(ChoiceInput.Chosen)
    def _chosen(self, event: ChoiceInput.Chosen) -> None:
        event.stop()
        if event.choice is not None:
            added = self.add(event.choice)
            event.control.clear()
            event.control.focus()
            if added:
                self.call_after_refresh(self.added, self.lines[-1])

    def added(self, line: Any) -> None:
        """After a pick: the focus stays in the search field, for the next one."""

    def action_remove(self) -> None:
        focused = self.app.focused
        for line in self.lines:
            if focused is line or (focused is not None and focused in line.walk_children()):
                line.remove()
                self.query_one(ChoiceInput).focus()
                self.call_after_refresh(self._count)
                self.post_message(self.Changed())
                return
        raise SkipAction()  # not on a line: Ctrl+D is the search field's own (delete right)

    def count_text(self) -> str:
        return t(self.count_key, count=len(self.lines))

    def _count(self) -> None:
        for count in self.query(".choice-count").results(Static):  # none once the form closed
            count.update(self.count_text())
