"""The roster's filters in one dialog: team (by name, pinyin or initials), domain, star level
(全部, 0★ … 5★: by cumulative hours, the county's thresholds), registered, student, active,
and served or not in a period (or custom dates)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult

from kxtui.dates import Period
from kxtui.db.find import find_teams
from kxtui.db.rows import Choice, RosterFilter
from kxtui.domain import Domain
from kxtui.i18n import label, t
from kxtui.screens.filter_dialog import FilterDialog
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, select

FLAGS = ("registered", "student", "active", "served")  # yes / no / any
_YES_NO = {"yes": True, "no": False}
STAR_LEVELS = range(6)  # 0★ (below the first threshold) to 5★
ALL_LEVELS = "all"


def star_label(stars: int) -> str:
    return f"{stars}★"


def _find_teams(region_id: int | None, text: str) -> Any:
    return find_teams(region_id, text, subtree=True)


def flag_text(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


class RosterFilterScreen(FilterDialog):
    TITLE = "roster.filters"

    def __init__(
        self, current: RosterFilter, region: Choice | None, team: Choice | None, period: Period
    ) -> None:
        super().__init__()
        self.current, self.scope, self.team, self.period = current, region, team, period

    def fields(self) -> ComposeResult:
        f = self.current
        region_id = self.scope.id if self.scope else None
        yield FormField(
            "team",
            t("roster.f.team"),
            ChoiceInput(
                lambda text: (_find_teams, (region_id, text)),
                choice=self.team,
                placeholder=t("activity.find"),
                id="team",
            ),
        )
        domains = [(label(d), d.value) for d in Domain]
        yield FormField("domain", t("roster.f.domain"), select(domains, f.domain, blank=True))
        levels = [(t("roster.f.stars_all"), ALL_LEVELS)]
        levels += [(star_label(n), str(n)) for n in STAR_LEVELS]
        chosen = ALL_LEVELS if f.stars is None else str(f.stars)
        yield FormField("stars", t("roster.f.stars"), select(levels, chosen, blank=False))
        yes_no = [(t("roster.yes"), "yes"), (t("roster.no"), "no")]
        for name in FLAGS:
            value = flag_text(getattr(f, name))
            yield FormField(name, t(f"roster.f.{name}"), select(yes_no, value, blank=True))
        yield from self.period_fields(self.period, (f.start, f.end), t("roster.f.period"))

    def action_apply(self) -> None:
        chosen = self.chosen_period()
        if chosen is None:
            return
        period, (start, end) = chosen
        team = self._control("team").choice
        flags = {name: _YES_NO.get(self._value(name)) for name in FLAGS}
        f = self.current._replace(
            team_id=team.id if team else None,
            domain=self._value("domain"),
            stars=None if self._value("stars") in ("", ALL_LEVELS) else int(self._value("stars")),
            start=start if flags["served"] is not None else None,
            end=end if flags["served"] is not None else None,
            registered=flags["registered"],
            student=flags["student"],
            active=flags["active"],
            served=flags["served"],
        )
        self.dismiss((f, team, period))

    def action_clear(self) -> None:
        f = RosterFilter(region_id=self.current.region_id, text=self.current.text,
                         sort=self.current.sort)  # fmt: skip
        self.dismiss((f, None, self.period))
