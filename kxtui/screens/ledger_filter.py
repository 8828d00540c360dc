"""The ledger's filters in one dialog: period (or custom dates), town, venue type, theme day,
campaign, format. Ctrl+S applies, Ctrl+R clears, Esc leaves them as they were."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from kxtui import clock
from kxtui.dates import Period, period_bounds
from kxtui.db.find import find_regions_below
from kxtui.db.rows import Choice, LedgerFilter
from kxtui.domain import ActivityFormat, Campaign, ThemeDay, VenueType
from kxtui.i18n import label, t
from kxtui.screens.filter_dialog import FilterDialog
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, select

ENUMS = ("venue_type", "theme_day", "campaign", "format")


def _find_towns(region_id: int | None, text: str) -> Any:
    return find_regions_below(region_id, text)


class LedgerFilterScreen(FilterDialog):
    TITLE = "ledger.filters"

    def __init__(
        self, current: LedgerFilter, region: Choice | None, town: Choice | None, period: Period
    ) -> None:
        super().__init__()
        self.current, self.scope, self.town, self.period = current, region, town, period

    def fields(self) -> ComposeResult:
        f = self.current
        yield from self.period_fields(self.period, (f.start, f.end), t("ledger.f.period"))
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

    def action_apply(self) -> None:
        chosen = self.chosen_period()
        if chosen is None:
            return
        period, (start, end) = chosen
        town = self._control("town").choice
        region_id = town.id if town else (self.scope.id if self.scope else None)
        values = {name: self._value(name) for name in ENUMS}
        f = self.current._replace(region_id=region_id, start=start, end=end, **values)
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
