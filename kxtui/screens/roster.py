"""The volunteer roster (志愿者花名册) of a region subtree: search, filters, count."""

from __future__ import annotations

from datetime import date
from typing import Any, TypedDict

from textual.binding import Binding
from textual.events import Key

from kxtui import clock
from kxtui.dates import Period, period_bounds
from kxtui.db import roster
from kxtui.db.rows import Choice, RosterFilter, RosterRow
from kxtui.display import clean
from kxtui.domain import Domain
from kxtui.i18n import label, t
from kxtui.screens.list_screen import ListScreen
from kxtui.screens.roster_filter import star_label
from kxtui.widgets.roster_table import RosterTable

REGISTERED = (None, True, False)


class Bounds(TypedDict):
    """The dates of a period, as `RosterFilter` takes them."""

    start: date | None
    end: date | None


class RosterScreen(ListScreen[RosterFilter, RosterTable]):
    NAME = "roster"
    TABLE = RosterTable
    TOUCHES = ("volunteer", "team", "activity", "region")
    SORTS = ("name", "hours", "last")
    BINDINGS = [
        Binding("slash", "search", "key.search", id="roster.search"),
        Binding("f", "filters", "key.filters", id="roster.filters"),
        Binding("c", "checks", "key.checks", id="roster.checks"),
        # shortcuts for a filter (f) and a check (c): the footer has no room for them (F1)
        Binding("g", "registered", "key.registered", id="roster.registered", show=False),
        Binding("n", "not_served", "key.not_served", id="roster.not_served", show=False),
        Binding("s", "sort", "key.sort", id="roster.sort"),
        # "*": the masked digits (m means the roster itself elsewhere)
        Binding("asterisk", "unmask", "key.unmask", id="roster.unmask"),
        Binding("enter", "open", "key.open_volunteer", id="roster.open"),
        Binding("x", "export", "key.export", id="roster.export"),
        Binding("i", "import", "key.import", id="roster.import", show=False),  # (F1, palette)
        Binding(
            "f8",
            "certificate",
            "certificate.key.issue",
            id="roster.certificate",
            tooltip="certificate.cmd.batch.help",
            show=False,
        ),
        Binding("escape", "back", "key.back", id="roster.back"),
    ]
    WRITES = frozenset({"import", "import_history", "certificate"})
    PALETTE = (("cmd.import_volunteers", "import"), ("cmd.import_history", "import_history"),
               ("certificate.cmd.batch", "certificate"))  # fmt: skip
    KEY_RANK = ("search", "open", "filters", "checks", "export", "sort", "unmask", "back")

    def __init__(self, region: Choice | None, team: Choice | None = None) -> None:
        self.scope = region
        self.team = team  # the team filter's team, for the filter line
        self.period = Period.YEAR  # of "served or not" (the filters, the not-served check)
        self.checking = False  # "c" pressed: the next letter may be a check's
        # the filter and its team before a check, which Esc from the check's result shows
        self.before_check: tuple[RosterFilter, Choice | None] | None = None
        super().__init__(RosterFilter(region_id=region.id if region else None,
                                      team_id=team.id if team else None))  # fmt: skip

    def page(self, f: RosterFilter, **where: Any) -> tuple[RosterRow, ...]:
        """A page of the roster, each volunteer with their hours of this year."""
        return roster.page(f, clock.today().year, **where)

    def count(self, f: RosterFilter) -> int:
        return roster.count(f)

    def filter_parts(self) -> list[str]:
        f = self.filter
        team = self.team if f.team_id is not None else None
        if self.scope is None and team is not None:  # a team's roster, from the team tree
            parts = [clean(team.name, 24)]
        else:
            parts = [clean(self.scope.name, 20) if self.scope else t("roster.everywhere")]
            if team is not None:
                parts.append(t("roster.f.team_is", team=clean(team.name, 24)))
        if f.check:
            parts.append(t(f"checks.{f.check}.short"))
        parts += self._flag_parts()
        if f.text.strip():
            parts.append(t("roster.f.text", text=clean(f.text, 20)))
        parts.append(t(f"roster.sort.{f.sort}"))
        if self.table.unmasked:
            parts.append(t("roster.mobiles_shown"))
        return parts

    def _flag_parts(self) -> list[str]:
        """The filter line's words for domain, stars, registered, student, active and served."""
        f = self.filter
        parts = [t("roster.f.domain_is", domain=label(f.domain, Domain))] if f.domain else []
        if f.stars is not None:
            parts.append(t("roster.f.stars_is", stars=star_label(f.stars)))
        for name in ("registered", "student", "active"):
            if getattr(f, name) is not None:
                parts.append(t(f"roster.f.{name}.{getattr(f, name)}"))
        if f.served is not None:
            parts.append(t(f"roster.f.served.{f.served}", period=self._served_period()))
        return parts

    def _served_period(self) -> str:
        """The period of "served or not": its name, or its dates."""
        if self.period != Period.CUSTOM:
            return t(f"ledger.period.{self.period.value}")
        return self.period_text()

    # -- keys ------------------------------------------------------------------

    def action_registered(self) -> None:
        following = REGISTERED[(REGISTERED.index(self.filter.registered) + 1) % len(REGISTERED)]
        self.reload(self.filter._replace(registered=following))

    def action_not_served(self) -> None:
        """Volunteers who have not served in the period (this year at first), or everyone."""
        if self.filter.served is False:
            self.reload(self.filter._replace(served=None, start=None, end=None))
        else:
            self.reload(self.filter._replace(served=False, **self._period_bounds()))

    def _period_bounds(self) -> Bounds:
        if self.period == Period.CUSTOM and (self.filter.start or self.filter.end):
            return {"start": self.filter.start, "end": self.filter.end}
        if self.period == Period.CUSTOM:  # no dates kept: this year, as at first
            self.period = Period.YEAR
        start, end = period_bounds(self.period, clock.today())
        return {"start": start, "end": end}

    def action_unmask(self) -> None:
        self.table.unmask(not self.table.unmasked)
        self.show_filter()

    def action_open(self) -> None:
        """The volunteer under the cursor: their record, service history and teams."""
        row = self.selected
        if row is None:
            return
        from kxtui.screens.volunteer_form import VolunteerFormScreen

        VolunteerFormScreen.open_stored(self, {"volunteer_id": row.id}, self.written, self.reload)

    def action_back(self) -> None:
        """Esc leaves a check's result for the roster as it was before it, then the screen."""
        if self.before_check is not None:
            (f, self.team), self.before_check = self.before_check, None
            self.reload(f)
            self.show_search()
        else:
            super().action_back()

    # -- filters and checks ----------------------------------------------------

    def action_filters(self) -> None:
        from kxtui.screens.roster_filter import RosterFilterScreen

        def chosen(result: tuple[RosterFilter, Choice | None, Period] | None) -> None:
            if result is not None:
                f, self.team, self.period = result
                self.reload(f)

        screen = RosterFilterScreen(self.filter, self.scope, self.team, self.period)
        self.app.push_screen(screen, chosen)

    def on_key(self, event: Key) -> None:
        """ "c" and a check's letter typed together: the letter may arrive here before the
        menu is open, so the check runs from here (and the menu closes, or never opens)."""
        from kxtui.screens.roster_checks import MENU, ChecksMenu

        if self.checking and event.key in MENU:
            event.stop()
            event.prevent_default()  # not ListKeys' on_key, nor a binding
            if isinstance(self.app.screen, ChecksMenu):
                self.app.pop_screen()
            self._run_check(MENU[event.key])
            return
        # (Textual calls ListKeys.on_key as well, afterwards)
        self.checking = event.key == "c" and not self.searching

    def action_checks(self) -> None:
        from kxtui.screens.roster_checks import ChecksMenu

        if self.checking:  # else a letter typed with "c" already ran its check
            self.app.push_screen(ChecksMenu(self._served_period()), self._run_check)

    def _run_check(self, name: str | None) -> None:
        """A check's result: the roster filtered by it (keeping the region, team and sort),
        or its list."""
        from kxtui.screens.roster_checks import LISTS, CheckListScreen

        self.checking = False
        if name is None:
            return
        if name in LISTS:
            screen = CheckListScreen(name, self.scope, unmasked=self.table.unmasked)
            self.app.push_screen(screen, self._open_team)
            return
        self._remember_filter()
        f = self.filter
        f = RosterFilter(region_id=f.region_id, team_id=f.team_id, sort=f.sort)
        if name == "not_served":
            self.reload(f._replace(served=False, **self._period_bounds()))
        else:
            self.reload(f._replace(check=name))
        self.show_search()

    def _remember_filter(self) -> None:
        """The roster as it was before the first of the checks run one after another."""
        if self.before_check is None:
            self.before_check = (self.filter, self.team)

    def _open_team(self, team: Choice | None) -> None:
        if team is not None:
            self._remember_filter()
            self.team = team
            self.reload(RosterFilter(region_id=self.filter.region_id, team_id=team.id,
                                     sort=self.filter.sort))  # fmt: skip
            self.show_search()

    def action_certificate(self) -> None:
        """Certificates for every volunteer of the roster's current filter."""
        from kxtui.screens.certificate_dialog import CertificateDialog, Who

        team = self.team if self.filter.team_id is not None else None
        name = team.name if team else self.scope.name if self.scope else t("roster.everywhere")
        who = Who(name, roster=self.filter, team_id=team.id if team else None)
        self.app.push_screen(CertificateDialog(who))

    def action_export(self) -> None:
        """The filtered roster to XLSX or CSV."""
        from kxtui.screens.export_volunteers import VolunteerExportScreen

        self.app.push_screen(VolunteerExportScreen(self.filter, self.table.total))

    def action_import_history(self) -> None:
        """Historical hours from XLSX or CSV; the totals count them afterwards."""
        from kxtui.screens.import_history import HistoryImportScreen

        self.app.push_screen(HistoryImportScreen(self.scope.id if self.scope else None))

    def action_import(self) -> None:
        """Volunteers from XLSX or CSV; the roster shows them afterwards."""
        from kxtui.screens.import_volunteers import VolunteerImportScreen

        scope = self.scope.id if self.scope else None
        self.app.push_screen(VolunteerImportScreen(scope))
