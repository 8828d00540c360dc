"""A labelled form field with its error message beside it, and the compact controls forms use."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.display import editable, marks, unmark
from kxtui.i18n import t


class Edited(Message):
    """Posted by a custom control when its value changed (built-in controls post their own
    Changed messages); the form keeps its draft on either."""


class SafeInput(Input):
    """An input that never holds a hidden character: whatever sets its value — a stored
    record, a draft, a paste — shows each as its mark (`kxtui.display.editable`), so no raw
    control or bidi character reaches the terminal. Saving keeps `saved(input)`."""

    saves_text = True  # its text is what a form saves (see `FormField.marked`)

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
        self.control = control
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
            self.extra.show(self.control.value)  # type: ignore[attr-defined]
        self.set_error(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(self.extra, ParsedDate) and event.input is self.control:
            self.extra.show(event.value)
        self._follow_marks()

    @on(Edited)
    def _follow_marks(self) -> None:
        """The note on hidden characters follows the text (a message about an error stays)."""
        if not self.has_class("-invalid") or self.has_class("-marked"):
            self.set_error(None)

    def marked(self) -> int:
        """How many marks of hidden characters the text this field saves holds."""
        return sum(
            marks(widget.value)  # type: ignore[attr-defined]
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
        self.set_class(bool(message), "-invalid")
        self.set_class(bool(message) and warning, "-warning")
        self.set_class(bool(count), "-marked")
        self.query_one(".field-error", Static).update(Text(message or ""))


def text_input(value: str = "", placeholder: str = "", **kwargs: Any) -> SafeInput:
    return SafeInput(
        value=value, placeholder=placeholder, compact=True, select_on_focus=False, **kwargs
    )


def select(options: list[tuple[str, str]], value: str | None, *, blank: bool) -> Select[str]:
    return Select(
        options,
        value=value if value else Select.NULL,
        allow_blank=blank,
        prompt=t("form.choose"),
        compact=True,
    )
