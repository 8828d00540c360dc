"""A text field that suggests records as you type (characters, full pinyin or initials).

↓/↑ move through the suggestions, Enter takes one. The field keeps the chosen record's id;
editing the text afterwards lets go of it (the text alone may still mean something, e.g. a
unit that is not a team).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.widgets.form_field import Edited
from kxtui.widgets.workers import run_db


class ChoiceInput(Vertical):
    DEFAULT_CSS = """
    ChoiceInput { height: auto; width: 1fr; }
    ChoiceInput > OptionList { display: none; height: auto; max-height: 6; border: none;
        background: $boost; }
    ChoiceInput.-open > OptionList { display: block; }
    """
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    class Chosen(Edited):
        def __init__(self, field: ChoiceInput, choice: Choice | None) -> None:
            super().__init__()
            self.field = field
            self.choice = choice

        @property
        def control(self) -> ChoiceInput:
            return self.field

    def __init__(
        self,
        find: Callable[[str], tuple[Callable[..., Any], tuple[Any, ...]]],
        *,
        choice: Choice | None = None,
        placeholder: str = "",
        flag_text: str = "",
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        """`find(text)` gives the data-layer call (function, args) whose result is the
        suggestions; `flag_text` marks suggestions whose flag is set."""
        super().__init__(id=id)
        self.find = find
        self.choice = choice
        self.flag_text = flag_text
        self.suggestions: tuple[Choice, ...] = ()
        self._input = Input(
            value=choice.name if choice else "",
            placeholder=placeholder,
            compact=True,
            select_on_focus=False,
        )

    def compose(self) -> ComposeResult:
        yield self._input
        yield OptionList()

    @property
    def value(self) -> str:
        return self._input.value

    @property
    def draft_value(self) -> dict[str, Any]:
        chosen = self.choice
        return {
            "id": chosen.id if chosen else None,
            "name": chosen.name if chosen else "",
            "text": self._input.value,
        }

    def restore_draft(self, value: dict[str, Any]) -> None:
        self.choice = Choice(value["id"], value["name"]) if value.get("id") else None
        with self._input.prevent(Input.Changed):
            self._input.value = value.get("text", "")

    def set_choice(self, choice: Choice | None) -> None:
        self.choice = choice
        with self._input.prevent(Input.Changed):
            self._input.value = choice.name if choice else ""
        self.close()
        self.post_message(self.Chosen(self, choice))

    def clear(self) -> None:
        self.set_choice(None)

    def focus(self, scroll_visible: bool = True) -> ChoiceInput:
        self._input.focus(scroll_visible)
        return self

    def close(self) -> None:
        self.remove_class("-open")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        if self.choice is not None and event.value != self.choice.name:
            self.choice = None
            self.post_message(self.Chosen(self, None))
        self.search(event.value)

    def search(self, text: str) -> None:
        fn, args = self.find(text)
        run_db(self, fn, *args, done=self._show, group=f"suggest-{self.id}")

    def _show(self, suggestions: tuple[Choice, ...]) -> None:
        self.suggestions = suggestions
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Text.assemble(
                    clean(s.name, 40),
                    ("  " + clean(s.hint, 30), "dim"),
                    ("  " + self.flag_text if s.flag and self.flag_text else "", "bold yellow"),
                )
            )
            for s in suggestions
        )
        self.set_class(bool(suggestions) and self._input.has_focus, "-open")
        if suggestions:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.has_class("-open"):
            if self.suggestions:
                self.add_class("-open")
            else:
                self.search(self._input.value)
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.suggestions) - 1, current + step))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if self.has_class("-open") and options.highlighted is not None:
            self.set_choice(self.suggestions[options.highlighted])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.set_choice(self.suggestions[event.option_index])

    def on_descendant_blur(self) -> None:
        if not self._input.has_focus:
            self.close()
