"""Dates of one's own for a report: a year, a quarter, a month (2026, 2026Q3, 2026-09) or two
dates (2026-07-01 ~ 2026-09-15, 7月1日至9月30日). A text that is none of these is said beside
the field, and stays as typed."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kxtui import clock
from kxtui.dates import parse_span
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings


class PeriodDialog(TranslatedBindings, ModalScreen[tuple[date, date] | None]):
    DEFAULT_CSS = """
    PeriodDialog { align: center middle; }
    PeriodDialog > Vertical {
        width: 60; height: auto; border: round $accent; background: $surface; padding: 0 1;
    }
    PeriodDialog #period-error { color: $error; height: auto; }
    PeriodDialog .hint { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="period.cancel")]

    def __init__(self, current: str = "") -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(t("report.period.ask")))
            yield Input(self.current, id="period-text")
            yield Static("", id="period-error")
            yield Static(Text(t("report.period.hint")), classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        span = parse_span(event.value, clock.today())
        if span is None:
            error = t("report.period.bad", text=event.value)
            self.query_one("#period-error", Static).update(Text(error))
            return
        self.dismiss(span)

    def on_input_changed(self) -> None:
        self.query_one("#period-error", Static).update("")

    def action_cancel(self) -> None:
        self.dismiss(None)
