"""The ledger's filters in one dialog: period (or custom dates), town, venue type, theme day,
campaign, format. Ctrl+S applies, Ctrl+R clears, Esc leaves them as they were."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from kxtui import clock
from kxtui.dates import Period, parse_date, period_bounds
from kxtui.db.rows import Choice, LedgerFilter
from kxtui.domain import ActivityFormat, Campaign, ThemeDay, VenueType
from kxtui.i18n import label, t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, select, text_input


def _find_towns(region_id: int | None, text: str) -> Any:
    from kxtui.db.activities import find_regions_below

    return find_regions_below(region_id, text)


class LedgerFilterScreen(TranslatedBindings, ModalScreen[Any]):
    DEFAULT_CSS = """
    LedgerFilterScreen { align: center middle; }
    LedgerFilterScreen > Vertical {
        width: 90%; max-width: 90; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    LedgerFilterScreen #filter-title { text-style: bold; }
    LedgerFilterScreen VerticalScroll { height: auto; max-height: 1fr; }
    LedgerFilterScreen #filter-status { color: $text-error; height: auto; }
    LedgerFilterScreen #filter-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "apply", "key.apply", id="filter.apply", priority=True),
        Binding("ctrl+r", "clear", "key.clear", id="filter.clear"),
        Binding("escape", "cancel", "key.cancel", id="filter.cancel"),
    ]

    def __init__(
        self, current: LedgerFilter, region: Choice | None, town: Choice | None, period: Period
    ) -> None:
        super().__init__()
        self.current, self.scope, self.town, self.period = current, region, town, period

    def compose(self) -> ComposeResult:
        f = self.current
        custom = self.period == Period.CUSTOM
        with Vertical():
            yield Label(t("ledger.filters"), id="filter-title")
            with VerticalScroll():
                periods = [(t(f"ledger.period.{p.value}"), p.value) for p in Period]
                yield FormField(
                    "period", t("ledger.f.period"), select(periods, self.period.value, blank=False)
                )
                today = clock.today().isoformat()
                yield FormField(
                    "from",
                    t("ledger.f.from"),
                    text_input(str(f.start) if custom and f.start else "", placeholder=today),
                )
                yield FormField(
                    "to",
                    t("ledger.f.to"),
                    text_input(str(f.end) if custom and f.end else "", placeholder=today),
                )
                region_id = self.scope.id if self.scope else None
                yield FormField(
                    "town",
                    t("ledger.f.town"),
                    ChoiceInput(
                        lambda text: (_find_towns, (region_id, text)),
                        choice=self.town,
                        placeholder=t("activity.find"),
                        id="town",
                    ),
                )
                for name, enum, none in (
                    ("venue_type", VenueType, False),
                    ("theme_day", ThemeDay, True),
                    ("campaign", Campaign, True),
                    ("format", ActivityFormat, False),
                ):
                    options = [(label(x), x.value) for x in enum]
                    if none:
                        options.append((t("ledger.none"), "none"))
                    value = getattr(f, name) or None
                    yield FormField(name, t(f"ledger.f.{name}"), select(options, value, blank=True))
            yield Static("", id="filter-status")
            yield Label(t("ledger.filter_keys"), id="filter-keys")

    def on_mount(self) -> None:
        self._control("period").focus()

    def _control(self, name: str) -> Any:
        return self.query_one(f"#field-{name}", FormField).control

    def _value(self, name: str) -> str:
        value = self._control(name).value
        return "" if value is Select.NULL else value

    def action_apply(self) -> None:
        period = Period(self._value("period"))
        today = clock.today()
        start, end = period_bounds(period, today)
        if period == Period.CUSTOM:
            start = (
                parse_date(self._control("from").value, today)
                if self._control("from").value.strip()
                else None
            )
            end = (
                parse_date(self._control("to").value, today)
                if self._control("to").value.strip()
                else None
            )
            bad = [
                name
                for name, day in (("from", start), ("to", end))
                if self._control(name).value.strip() and day is None
            ]
            for name in ("from", "to"):
                field = self.query_one(f"#field-{name}", FormField)
                field.set_error(t("field.date", text=field.control.value) if name in bad else None)
            if bad:
                self.query_one("#filter-status", Static).update(
                    Text(t("form.errors", count=len(bad)))
                )
                return
        town = self._control("town").choice
        region_id = town.id if town else (self.scope.id if self.scope else None)
        f = self.current._replace(
            region_id=region_id,
            start=start,
            end=end,
            **{
                name: self._value(name)
                for name in ("venue_type", "theme_day", "campaign", "format")
            },
        )
        self.dismiss((f, town, period))

    def action_clear(self) -> None:
        start, end = period_bounds(Period.YEAR, clock.today())
        f = LedgerFilter(
            region_id=self.scope.id if self.scope else None,
            start=start,
            end=end,
            text=self.current.text,
            sort=self.current.sort,
        )
        self.dismiss((f, None, Period.YEAR))

    def action_cancel(self) -> None:
        self.dismiss(None)
