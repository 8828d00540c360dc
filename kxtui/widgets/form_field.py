"""A labelled form field with its error message beside it, and the compact controls forms use."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static
from textual.widgets.input import Selection

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.display import editable, marks, unmark
from kxtui.i18n import marked, t


class Edited(Message):
    """Posted by a custom control when its value changed (built-in controls post their own
    Changed messages); the form keeps its draft on either."""


# keys that edit a default as typed text (the rest type over it or leave the field)
EDITING_KEYS = frozenset({"left", "right", "home", "end", "backspace", "delete"})


class SafeInput(Input):
    """An input that never holds a hidden character: whatever sets its value — a stored
    record, a draft, a paste — shows each as its mark (`kxtui.display.editable`), so no raw
    control or bidi character reaches the terminal. Saving keeps `saved(input)`.

    With `default=True` its starting value is a default (today's date, the usual hours): a
    real value, saved as shown, and selected when the field is focused while it still holds
    it, so the first typed character replaces it ("3" over "2" gives "3"); ←/→, Home/End,
    Backspace and Delete edit it as typed text instead."""

    saves_text = True  # its text is what a form saves (see `FormField.marked`)

    def __init__(self, *args: Any, default: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.default = self.value if default and self.value else None

    @property
    def holds_default(self) -> bool:
        return self.default is not None and self.value == self.default

    def _on_focus(self, event: events.Focus) -> None:
        if self.holds_default:
            self.select_all()  # runs before Input's own handler, which keeps the selection

    async def _on_key(self, event: events.Key) -> None:
        whole = Selection(0, len(self.value))
        if event.key in EDITING_KEYS and self.holds_default and self.selection == whole:
            self.cursor_position = len(self.value)  # then the key edits it as typed text

    def type_over(self, text: str) -> None:
        """Type `text` at the cursor, replacing a default the field still holds."""
        if self.holds_default:
            self.value = ""
        self.insert_text_at_cursor(text)

    def validate_value(self, value: str) -> str:
        return editable(value)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(editable(text), start, end)  # marked first: the cursor goes after them


def saved(control: Any) -> str:
    """What saving keeps of a text control: its text without the marks of hidden characters."""
    return unmark(control.value)


class ParsedDate(Label):
    """Beside a date field: what the typed text is read as ("→ 2026-11-19"), or "?"."""

    def show(self, text: str) -> None:
        day = parse_date(text, clock.today()) if text.strip() else None
        shown = f"→ {day.isoformat()}" if day else ("?" if text.strip() else "")
        self.update(Text(shown, style="dim"))


class Valued(Protocol):
    """A control that holds its value in `value` (an Input, a Checkbox, a ChoiceInput)."""

    value: Any


class FormField(Vertical):
    """A label, the control, and below it the field's error message (hidden when fine)."""

    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 0; }
    FormField > Horizontal { height: auto; }
    FormField .field-label { width: 20; padding: 0 1 0 0; color: $text-muted; }
    FormField .field-error { display: none; color: $text-error; padding-left: 20; height: auto; }
    FormField.-invalid .field-error { display: block; }
    FormField.-invalid .field-label { color: $text-error; text-style: bold; }
    FormField.-warning .field-error { color: $text-warning; }
    FormField.-warning .field-label { color: $text-warning; }
    FormField Input, FormField Select { width: 1fr; }
    FormField Checkbox { border: none; padding: 0; height: 1; width: 20; background: transparent; }
    """

    def __init__(self, field: str, caption: str, control: Widget, *, extra: Widget | None = None):
        super().__init__(id=f"field-{field}")
        self.field = field
        self.caption = caption
        # an Input, Select, Checkbox, ChoiceInput …: the form that made the field knows which
        self.control: Any = control
        self.extra = extra

    def compose(self) -> ComposeResult:
        with Horizontal():
            if isinstance(self.control, Checkbox):
                yield self.control
            else:
                yield Label(self.caption, classes="field-label")
                yield self.control
            if self.extra is not None:
                yield self.extra
        yield Static("", classes="field-error")

    def on_mount(self) -> None:
        if isinstance(self.extra, ParsedDate):
            self.extra.show(self.control.value)
        self.set_error(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(self.extra, ParsedDate) and event.input is self.control:
            self.extra.show(event.value)
        self._follow_marks()

    @on(Edited)
    def _follow_marks(self) -> None:
        """The note on hidden characters follows the text (a message about an error stays)."""
        if not self.has_class("-invalid") or self.has_class("-marked") or self.has_class("-odd"):
            self.set_error(None)

    def odd_note(self) -> str | None:
        """The message while the field holds a stored code or date kxtui does not know."""
        return getattr(self.control, "odd_note", lambda: None)()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select is self.control:
            self._follow_marks()  # the note on an unknown code goes once another is chosen

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        if event.selection_list is self.control:
            self._follow_marks()  # the note on unknown codes goes once they are deselected

    def marked(self) -> int:
        """How many marks of hidden characters the text this field saves holds."""
        return sum(
            marks(cast(Valued, widget).value)
            for widget in (self.control, self.extra)
            if getattr(widget, "saves_text", False)
        )

    def set_error(self, message: str | None, *, warning: bool = False) -> None:
        """Show (or with None, clear) the field's message; a warning can be confirmed. With no
        message, a field whose stored text held hidden characters says that saving removes
        them (shown as marks, never silently)."""
        count = 0 if message else self.marked()
        if count:
            message, warning = t("field.marked", count=count), True
        odd = None if message else self.odd_note()
        if odd:
            message, warning = odd, False
        self.set_class(bool(message), "-invalid")
        self.set_class(bool(message) and warning, "-warning")
        self.set_class(bool(count), "-marked")
        self.set_class(bool(odd), "-odd")
        self.query_one(".field-error", Static).update(Text(message or ""))


def text_input(value: str = "", placeholder: str = "", **kwargs: Any) -> SafeInput:
    return SafeInput(
        value=value, placeholder=placeholder, compact=True, select_on_focus=False, **kwargs
    )


class CodeSelect(Select[str]):
    """A select of codes. A stored code that is not one of its choices (another program
    wrote it) is shown as an extra choice, marked ("⚠未知代码 zzz"): the field says so and
    the form is not saved until another is chosen (`unknown_held`)."""

    def __init__(self, options: list[tuple[str, str]], value: str | None, **kwargs: Any):
        self.unknown: str | None = None
        if value not in (None, "") and value not in {code for _, code in options}:
            self.unknown = str(value)
            options = [*options, (marked("code.unknown", value), self.unknown)]
        super().__init__(options, value=str(value) if value else Select.NULL, **kwargs)

    def odd_note(self) -> str | None:
        """The field's message while it holds the unknown code."""
        if self.unknown is None or self.value != self.unknown:
            return None
        return t("field.unknown_code", value=self.unknown)


class CodeList(SelectionList[str]):
    """A multiple choice of codes. A stored code that is not one of its choices (another
    program wrote it) is shown as an extra choice, selected and marked ("⚠未知代码 zzz"): the
    field names it and the form is not saved until it is deselected — never dropped silently."""

    def __init__(self, options: list[tuple[str, str]], chosen: tuple[str, ...], **kwargs: Any):
        known = {code for _, code in options}
        self.unknown = tuple(dict.fromkeys(str(c) for c in chosen if c not in known))
        super().__init__(
            *[(prompt, code, code in chosen) for prompt, code in options],
            *[(marked("code.unknown", code), code, True) for code in self.unknown],
            compact=True,
            **kwargs,
        )

    def odd_note(self) -> str | None:
        """The field's message while it holds an unknown code."""
        held = [code for code in self.unknown if code in self.selected]
        if not held:
            return None
        return t("field.unknown_codes", value="、".join(held))


class DateInput(SafeInput):
    """A date's input. A stored date that is not one (another program wrote "2026-13-45")
    is shown as stored: the field says so until it is typed again."""

    def __init__(self, day: object, **kwargs: Any) -> None:
        self.odd = None if day is None or isinstance(day, date) else str(day)
        super().__init__(value="" if day is None else str(day), **kwargs)

    def odd_note(self) -> str | None:
        if self.odd is None or self.value != editable(self.odd):
            return None
        return t("field.odd_date", value=self.odd)


def date_input(day: object, placeholder: str = "", *, default: bool = False) -> DateInput:
    """The input of a stored date (a date, None, or what another program wrote); with
    `default`, `day` is a default the first typed character replaces."""
    return DateInput(
        day, placeholder=placeholder, compact=True, select_on_focus=False, default=default
    )


def select(options: list[tuple[str, str]], value: str | None, *, blank: bool) -> CodeSelect:
    return CodeSelect(options, value, allow_blank=blank, prompt=t("form.choose"), compact=True)
