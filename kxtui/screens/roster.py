"""The volunteer roster (志愿者花名册) of a region subtree: search, filters, count."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from kxtui import clock
from kxtui.db.errors import KxError
from kxtui.db.rows import Choice, RosterFilter, VolunteerDetail
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import SearchedTable, TranslatedBindings
from kxtui.widgets.roster_table import RosterTable
from kxtui.widgets.workers import run_db

SORTS = ("name", "hours", "last")
REGISTERED = (None, True, False)


def _count(f: RosterFilter) -> int:
    from kxtui.db import roster

    return roster.count(f)


def _detail(volunteer_id: int) -> VolunteerDetail | None:
    from kxtui.db import volunteers

    return volunteers.volunteer_detail(volunteer_id)


class RosterScreen(SearchedTable, TranslatedBindings, Screen[None]):
    SEARCH = "#roster-search"
    HEADER = "#roster-header"
    DEFAULT_CSS = """
    RosterScreen #roster-filter { height: auto; color: $text-accent; padding: 0 1; }
    RosterScreen #roster-search { margin: 0 1; }
    RosterScreen #roster-header { height: 1; text-style: bold; color: $text-muted; padding: 0 1; }
    RosterScreen RosterTable { padding: 0 1; }
    RosterScreen #roster-count { height: auto; background: $boost; padding: 0 1; }
    """
    BINDINGS = [
        Binding("slash", "search", "key.search", id="roster.search"),
        Binding("g", "registered", "key.registered", id="roster.registered"),
        Binding("n", "not_served", "key.not_served", id="roster.not_served"),
        Binding("s", "sort", "key.sort", id="roster.sort"),
        Binding("m", "unmask", "key.unmask", id="roster.unmask"),
        Binding("enter", "open", "key.open_volunteer", id="roster.open"),
        Binding("escape", "back", "key.back", id="roster.back"),
    ]

    def __init__(self, region: Choice | None, team: Choice | None = None) -> None:
        super().__init__()
        self.scope = team or region  # named first on the filter line
        self.filter = RosterFilter(
            region_id=region.id if region else None, team_id=team.id if team else None
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="roster-filter")
        yield Input(
            placeholder=t("roster.search_hint"),
            id="roster-search",
            compact=True,
            select_on_focus=False,  # a key typed on the table goes on after what is there
        )
        yield Static("", id="roster-header")
        yield RosterTable(id="roster-table")
        yield Static("", id="roster-count")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("roster.title")
        self.table.focus()
        self.reload()

    @property
    def table(self) -> RosterTable:
        return self.query_one(RosterTable)

    def reload(self, f: RosterFilter | None = None) -> None:
        """Show the first page of `f` (default: the current filter) and count it."""
        self.filter = f or self.filter
        self._show_filter()
        self._show_header()
        self.table.show(self.filter)
        self.query_one("#roster-count", Static).update(Text(t("roster.counting"), style="dim"))
        run_db(self, _count, self.filter, done=self._counted, group="roster-count", read=True)

    def _counted(self, count: int) -> None:
        self.table.set_total(count)
        self.query_one("#roster-count", Static).update(t("roster.count", count=f"{count:,}"))

    def _show_filter(self) -> None:
        f = self.filter
        parts = [clean(self.scope.name, 20) if self.scope else t("roster.everywhere")]
        if f.registered is not None:
            parts.append(t(f"roster.f.registered.{f.registered}"))
        if f.served is False:
            parts.append(t("roster.f.not_served", year=clock.today().year))
        if f.text.strip():
            parts.append(t("roster.f.text", text=clean(f.text, 20)))
        parts.append(t(f"roster.sort.{f.sort}"))
        if self.table.unmasked:
            parts.append(t("roster.mobiles_shown"))
        self.query_one("#roster-filter", Static).update(Text(" · ".join(parts)))

    # -- keys ------------------------------------------------------------------

    def action_registered(self) -> None:
        following = REGISTERED[(REGISTERED.index(self.filter.registered) + 1) % len(REGISTERED)]
        self.reload(self.filter._replace(registered=following))

    def action_not_served(self) -> None:
        """Volunteers who have not served this year, or everyone again."""
        if self.filter.served is False:
            self.reload(self.filter._replace(served=None, start=None, end=None))
        else:
            today = clock.today()
            start, end = today.replace(month=1, day=1), today.replace(month=12, day=31)
            self.reload(self.filter._replace(served=False, start=start, end=end))

    def action_sort(self) -> None:
        sort = SORTS[(SORTS.index(self.filter.sort) + 1) % len(SORTS)]
        self.reload(self.filter._replace(sort=sort))

    def action_unmask(self) -> None:
        self.table.unmask(not self.table.unmasked)
        self._show_filter()

    def action_open(self) -> None:
        """The volunteer under the cursor: their record, service history and teams."""
        row = self.table.cursor_row if self.table.total else None
        if row is None:
            return

        def loaded(detail: VolunteerDetail | None) -> None:
            from kxtui.screens.volunteer_form import VolunteerFormScreen

            if detail is None:
                self.app.show_error(KxError("refused.gone"))  # type: ignore[attr-defined]
                self.reload()
            else:
                self.app.push_screen(VolunteerFormScreen(existing=detail), self._written)

        run_db(self, _detail, row.id, done=loaded, group="roster-open")

    def _written(self, result: object) -> None:
        if result is not None:
            self.notify(t("form.saved"), timeout=3)
            self.reload()
