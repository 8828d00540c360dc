"""A text field that suggests records as you type (characters, full pinyin or initials).

↓/↑ move through the suggestions, shown over the fields below, Enter takes one. The list stays
in its dialog's room for suggestions (`SuggestionRoom`: between the title and the save/cancel
keys, never over them; the screen when there is no dialog): below the field, above it when
there is more room there, and a dialog too short for it grows. The field keeps the chosen
record's id; editing the text afterwards lets go of it, and typing its name back takes it
again. In a `strict` field (a region, a venue) text that
names no chosen record cannot be saved (`unresolved`); elsewhere the text alone may still mean
something (a unit that is not a team).

Enter typed before the suggestions for the text have arrived takes the first of them when they
do, and a form's Ctrl+S waits for them (`searching`, `Settled`): a fast typist's pick is never
dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from kxtui.db.errors import KxError
from kxtui.db.rows import Choice
from kxtui.display import clean, editable
from kxtui.widgets.form_field import Edited, SafeInput
from kxtui.widgets.workers import run_db

SHOWN = 8  # suggestions in view at once


@runtime_checkable
class SuggestionRoom(Protocol):
    """A screen (a dialog) that keeps open suggestions inside a part of it."""

    room_granted: int  # lines the part has grown by for them

    def suggestion_room(self) -> Region:
        """Where suggestions may be drawn (screen coordinates)."""

    def make_room(self, lines: int) -> None:
        """Grow that part by `lines` lines beyond its own height, as far as the screen allows
        (0: back to its own height)."""


class ChoiceInput(Vertical):
    DEFAULT_CSS = f"""
    ChoiceInput {{ height: auto; width: 1fr; }}
    /* over what follows, placed by `_fit` */
    ChoiceInput > OptionList {{ display: none; height: auto; max-height: {SHOWN}; border: none;
        background: $panel; overlay: screen; constrain: none none; }}
    ChoiceInput.-open > OptionList {{ display: block; }}
    """
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    class Settled(Message):
        """The suggestions for the field's text have arrived (and a pending Enter is done)."""

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
        strict: bool = True,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        """`find(text)` gives the data-layer call (function, args) whose result is the
        suggestions; `flag_text` marks suggestions whose flag is set; `strict`: only a chosen
        record is a value."""
        super().__init__(id=id)
        self.find = find
        self.choice = choice
        self._let_go: Choice | None = None  # the choice the text was edited away from
        self.flag_text = flag_text
        self.strict = strict
        self.suggestions: tuple[Choice, ...] = ()
        self.searching = False  # suggestions for the current text are on their way
        self._pick_first = False  # Enter came before them
        self._input = SafeInput(
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
    def saves_text(self) -> bool:
        """Whether the text is what a form saves (no record chosen in a free-text field)."""
        return not self.strict and self.choice is None

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
        self._let_go = None
        with self._input.prevent(Input.Changed):
            self._input.value = value.get("text", "")

    def set_choice(self, choice: Choice | None) -> None:
        self.choice, self._let_go = choice, None
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
        screen = self.screen
        if isinstance(screen, SuggestionRoom) and screen.room_granted:
            screen.make_room(0)

    def _open(self) -> None:
        self.add_class("-open")
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        if self.has_class("-open"):
            self.call_after_refresh(self._fit)

    def _fit(self, grown: bool = False) -> None:
        """Put the open list where its dialog has room: below the field when it fits there
        (or there is no more room above), else above it. A dialog with room for it on
        neither side grows, and gives the lines back when a shorter list fits (or closes)."""
        options = self.query_one(OptionList)
        if not self.has_class("-open") or options.styles.overlay != "screen":
            return
        screen = self.screen
        holder = screen if isinstance(screen, SuggestionRoom) else None
        room = holder.suggestion_room() if holder else screen.region
        field = self._input.region
        wanted = min(SHOWN, len(self.suggestions))
        below, above = room.bottom - field.bottom, field.y - room.y
        if holder is not None and not grown:
            own_below = below - holder.room_granted  # the dialog grows below the field
            need = 0 if wanted <= max(own_below, above) else wanted - own_below
            if need != holder.room_granted:
                holder.make_room(need)
                self.call_after_refresh(self._fit, True)
                return
        if wanted <= below or below >= above:
            height, offset = max(1, min(wanted, below)), 0
        else:
            height = min(wanted, above)
            offset = -(height + field.height)
        options.styles.max_height = height
        options.styles.offset = (0, offset)

    @property
    def unresolved(self) -> bool:
        """Text in a strict field that names no chosen record."""
        return self.strict and self.choice is None and bool(self._input.value.strip())

    def resolve_exact(self) -> None:
        """Choose the suggestion named exactly as typed (the only one), if unresolved."""
        text = self._input.value.strip()
        exact = [s for s in self.suggestions if editable(s.name) == text]
        if self.unresolved and not self.searching and len(exact) == 1:
            self.set_choice(exact[0])

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._pick_first = False
        if self.choice is not None and event.value != editable(self.choice.name):
            self.choice, self._let_go = None, self.choice
            self.post_message(self.Chosen(self, None))
        elif self._let_go is not None and event.value == editable(self._let_go.name):
            self.choice, self._let_go = self._let_go, None  # the edit undone: no change
            self.post_message(self.Chosen(self, self.choice))
        self.search(event.value)

    def search(self, text: str) -> None:
        fn, args = self.find(text)
        self.searching = True
        run_db(self, fn, *args, done=self._show, failed=self._not_found, group=f"suggest-{self.id}")

    def _not_found(self, error: KxError) -> None:
        self._show(())
        self.app.show_error(error)  # type: ignore[attr-defined]

    def _show(self, suggestions: tuple[Choice, ...]) -> None:
        self.searching = False
        self.suggestions = suggestions
        pick_first, self._pick_first = self._pick_first, False
        if pick_first and suggestions:
            self.set_choice(suggestions[0])
        else:
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
            if suggestions and self._input.has_focus:
                self._open()
            else:
                self.close()
            if suggestions:
                options.highlighted = 0
        self.post_message(self.Settled())

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if not self.has_class("-open"):
            if self.suggestions:
                self._open()
            else:
                self.search(self._input.value)
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(len(self.suggestions) - 1, current + step))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        if self.searching:  # the list shown is that of the text before the last key
            self._pick_first = True
        elif self.has_class("-open") and options.highlighted is not None:
            self.set_choice(self.suggestions[options.highlighted])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.set_choice(self.suggestions[event.option_index])

    def on_descendant_blur(self) -> None:
        if not self._input.has_focus:
            self.close()
