"""The volunteer roster (志愿者花名册) of a region subtree: search, filters, count."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from kxtui import clock
from kxtui.db.rows import Choice, RosterFilter
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
        Binding("x", "export", "key.export", id="roster.export"),
        Binding("i", "import", "key.import", id="roster.import"),
        Binding("escape", "back", "key.back", id="roster.back"),
    ]

    def __init__(self, region: Choice | None) -> None:
        super().__init__()
        self.scope = region
        self.filter = RosterFilter(region_id=region.id if region else None)

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

    def action_export(self) -> None:
        """The filtered roster to XLSX or CSV."""
        from kxtui.screens.export_volunteers import VolunteerExportScreen

        self.app.push_screen(VolunteerExportScreen(self.filter, self.table.total))

    def action_import(self) -> None:
        """Volunteers from XLSX or CSV; the roster shows them afterwards."""
        from kxtui.screens.import_volunteers import VolunteerImportScreen

        if self.writable():
            scope = self.scope.id if self.scope else None
            self.app.push_screen(VolunteerImportScreen(scope), lambda _: self.reload())
