"""The modal form every form screen builds on: Ctrl+S saves in a worker, errors appear beside
their fields, Esc with changes asks first, and nothing typed is lost by an error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from kxtui.db.errors import KxError, ValidationError
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.confirm import ConfirmScreen
from kxtui.widgets.form_field import FormField
from kxtui.widgets.workers import run_db


class FormScreen(TranslatedBindings, ModalScreen[Any]):
    """A modal form. Subclasses compose fields and say what saving calls (`save_call`)."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #form {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; width: 1fr; }
    FormScreen #form-body { height: auto; max-height: 1fr; }
    FormScreen #form-status { color: $text-error; height: auto; }
    FormScreen #form-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="form.cancel"),
    ]

    title_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(self.title_text), id="form-title")
            with VerticalScroll(id="form-body"):
                yield from self.fields()
            yield Static("", id="form-status")
            yield Label(f"{t('form.save')}   {t('form.cancel')}", id="form-keys")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        """Everything the person typed or chose, by field name."""
        raise NotImplementedError

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """The data-layer function and arguments that save this form."""
        raise NotImplementedError

    def on_mount(self) -> None:
        self._initial = self.values()
        self._saving = False
        first = self.query(Input).first() if self.query(Input) else None
        if first is not None:
            first.focus()

    @property
    def dirty(self) -> bool:
        return self.values() != self._initial

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        self.query_one("#form-status", Static).update(Text(t("form.saving"), style="dim"))
        fn, args = self.save_call()
        run_db(self, fn, *args, done=self._saved, failed=self._failed, group="form-save")

    def _saved(self, result: Any) -> None:
        self._saving = False
        self.dismiss(result)

    def _failed(self, error: KxError) -> None:
        self._saving = False
        status = self.query_one("#form-status", Static)
        for field in self.query(FormField):
            field.set_error(None)
        if isinstance(error, ValidationError):
            first: FormField | None = None
            for name, (key, params) in error.errors.items():
                matches = self.query(f"#field-{name}")
                if matches:
                    field = matches.first(FormField)
                    field.set_error(t(key, **params))
                    first = first or field
            status.update(Text(t("form.errors", count=len(error.errors))))
            if first is not None:
                first.control.focus()
                first.scroll_visible(animate=False)
        else:
            status.update(Text(t(error.key, **error.params)))

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(t("form.unsaved"), t("form.discard"), t("form.keep")), answered
        )
