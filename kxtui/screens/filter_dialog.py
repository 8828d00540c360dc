"""What the filter dialogs of the ledger and the roster share: the frame, the keys (Ctrl+S
applies, Ctrl+R clears, Esc leaves the filters as they were) and the period fields (a period,
or custom dates)."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from kxtui import clock
from kxtui.dates import Period, parse_date, period_bounds
from kxtui.i18n import t
from kxtui.screens.base import RoomForSuggestions, TranslatedBindings
from kxtui.widgets.form_field import FormField, select, text_input

Bounds = tuple[date | None, date | None]


class FilterDialog(RoomForSuggestions, TranslatedBindings, ModalScreen[Any]):
    """Subclasses give the title (`TITLE`, an i18n key), the fields (`fields`) and the
    actions `apply` and `clear`."""

    ROOM = ("#filter-frame", "#filter-title", "#filter-status", "#filter-body")
    TITLE = ""
    DEFAULT_CSS = """
    FilterDialog { align: center middle; }
    FilterDialog > Vertical {
        width: 90%; max-width: 90; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FilterDialog #filter-title { text-style: bold; }
    FilterDialog VerticalScroll { height: auto; max-height: 1fr; }
    FilterDialog #filter-status { color: $text-error; height: auto; }
    FilterDialog #filter-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "apply", "key.apply", id="filter.apply", priority=True),
        Binding("ctrl+r", "clear", "key.clear", id="filter.clear"),
        Binding("escape", "cancel", "key.cancel", id="filter.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-frame"):
            yield Label(t(self.TITLE), id="filter-title")
            with VerticalScroll(id="filter-body"):
                yield from self.fields()
            yield Static("", id="filter-status")
            yield Label(t("filter.keys"), id="filter-keys")

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one(FormField).control.focus()

    def _control(self, name: str) -> Any:
        return self.query_one(f"#field-{name}", FormField).control

    def _value(self, name: str) -> str:
        value = self._control(name).value
        return "" if value is Select.NULL else value

    def period_fields(self, period: Period, bounds: Bounds, caption: str) -> ComposeResult:
        """The period (captioned `caption`) and the custom dates, filled when custom."""
        periods = [(t(f"ledger.period.{p.value}"), p.value) for p in Period]
        yield FormField("period", caption, select(periods, period.value, blank=False))
        for name, day in zip(("from", "to"), bounds, strict=True):
            shown = str(day) if period == Period.CUSTOM and day else ""
            caption = t(f"ledger.f.{name}")
            yield FormField(name, caption, text_input(shown, placeholder=t("filter.date_hint")))

    def chosen_period(self) -> tuple[Period, Bounds] | None:
        """The period and its first and last days; None (the dates marked) when a custom
        date is not one."""
        period = Period(self._value("period"))
        days = self._custom_dates()
        if period != Period.CUSTOM:
            return period, period_bounds(period, clock.today())
        return None if days is None else (period, (days["from"], days["to"]))

    def _custom_dates(self) -> dict[str, date | None] | None:
        """The custom dates, each beside its message when it is not one (None then)."""
        texts = {name: self._control(name).value.strip() for name in ("from", "to")}
        today = clock.today()
        days = {name: parse_date(text, today) if text else None for name, text in texts.items()}
        bad = [name for name, text in texts.items() if text and days[name] is None]
        if Period(self._value("period")) != Period.CUSTOM:
            bad = []  # the dates are not used
        for name in ("from", "to"):
            field = self.query_one(f"#field-{name}", FormField)
            field.set_error(t("field.date", text=texts[name]) if name in bad else None)
        status = t("form.errors", count=len(bad)) if bad else ""
        self.query_one("#filter-status", Static).update(Text(status))
        return None if bad else days

    @on(Input.Changed)
    @on(Select.Changed)
    def _recheck(self) -> None:
        """Once a date shows its message, each change checks the dates again."""
        if any(self.query_one(f"#field-{n}").has_class("-invalid") for n in ("from", "to")):
            self._custom_dates()

    def action_cancel(self) -> None:
        self.dismiss(None)
