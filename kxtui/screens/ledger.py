"""The activity ledger (活动台账) of a region subtree: filters, totals, and the activity keys."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from kxtui import clock
from kxtui.dates import Period, next_period, period_bounds
from kxtui.db import activities, ledger, scope
from kxtui.db.changes import Change
from kxtui.db.errors import KxError
from kxtui.db.rows import Choice, LedgerFilter, LedgerRow, LedgerTotals
from kxtui.display import clean
from kxtui.domain import ActivityFormat, Campaign, ThemeDay, VenueType
from kxtui.i18n import label, t
from kxtui.screens.base import SearchedTable, TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.ledger_table import LedgerTable
from kxtui.widgets.search_field import SearchField
from kxtui.widgets.workers import run_db

SORTS = ("date", "reach", "venue")
FILTER_ENUMS = {"theme_day": ThemeDay, "campaign": Campaign, "format": ActivityFormat,
                "venue_type": VenueType}  # fmt: skip


class LedgerScreen(SearchedTable[LedgerFilter], TranslatedBindings, Screen[None]):
    SEARCH = "#ledger-search"
    OPEN = "edit"
    HEADER = "#ledger-header"
    table: LedgerTable  # built before the screen composes (`__init__`)
    DEFAULT_CSS = """
    LedgerScreen #ledger-filter { height: auto; color: $text-accent; padding: 0 1; }
    LedgerScreen #ledger-search { margin: 0 1; }
    LedgerScreen #ledger-header { height: 1; text-style: bold; color: $text-muted; padding: 0 1; }
    LedgerScreen LedgerTable { padding: 0 1; }
    LedgerScreen #ledger-totals { height: auto; background: $boost; padding: 0 1; }
    """
    BINDINGS = [
        Binding("slash", "search", "key.search", id="ledger.search"),
        Binding("f", "filters", "key.filters", id="ledger.filters"),
        Binding("p", "period", "key.period", id="ledger.period"),
        Binding("s", "sort", "key.sort", id="ledger.sort"),
        Binding("a", "add", "key.add_activity", id="ledger.add"),
        Binding("enter,e", "edit", "key.edit", id="ledger.edit"),
        Binding("d,delete", "delete", "key.delete", id="ledger.delete"),
        Binding("u", "undo", "key.undo", id="ledger.undo"),
        Binding("x", "export", "key.export", id="ledger.export"),
        Binding("i", "import", "key.import", id="ledger.import"),
        Binding("escape", "back", "key.back", id="ledger.back"),
    ]
    WRITES = frozenset({"add", "edit", "delete", "undo", "import"})
    KEY_RANK = ("search", "period", "filters", "add", "edit", "export", "sort", "delete", "undo",
                "import", "back")  # fmt: skip

    def __init__(self, region: Choice | None) -> None:
        super().__init__()
        self.scope = region
        self.period = Period.YEAR
        start, end = period_bounds(self.period, clock.today())
        self.filter = LedgerFilter(region_id=region.id if region else None, start=start, end=end)
        self.town: Choice | None = None
        self.totals: LedgerTotals | None = None  # of the filter, once counted
        self.deleted: list[int] = []  # this session's deletions, newest last (u undoes)
        self.table = LedgerTable(ledger.page, id="ledger-table")
        self.table.show(self.filter, then=self._count)  # read while the screen composes

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="ledger-filter")
        yield SearchField(t("ledger.search_hint"), id="ledger-search")
        yield Static("", id="ledger-header")
        yield self.table
        yield Static("", id="ledger-totals")
        yield KeyFooter()

    def on_mount(self) -> None:
        self._describe()

    # -- loading ---------------------------------------------------------------

    def reload(self, f: LedgerFilter | None = None) -> None:
        """Show the first page and the totals of `f` (default: the current filter)."""
        self.filter = f or self.filter
        self.workers.cancel_group(self, "ledger-totals")  # the previous filter's
        self.table.show(self.filter, then=self._count)
        self._describe()

    def data_changed(self, change: Change) -> None:
        """Activities, or what their rows name, written: the rows in view and the totals
        are read again, the cursor and the scroll stay."""
        if change.touches("activity", "venue", "region", "team"):
            self.workers.cancel_group(self, "ledger-totals")
            self.table.reload(then=self._count)

    def _describe(self) -> None:
        """The filter line and the captions; the totals are counted once the first page is
        painted (`_count`)."""
        self._show_filter()
        self._show_header()
        self.totals = None
        self.query_one("#ledger-totals", Static).update(Text(t("ledger.counting"), style="dim"))

    def _count(self) -> None:
        run_db(
            self, ledger.totals, self.filter, done=self._counted, group="ledger-totals", read=True
        )

    def _counted(self, totals: LedgerTotals) -> None:
        self.table.set_total(totals.activities)
        self.totals = totals
        self._show_totals()

    def _show_totals(self) -> None:
        """The totals on one line: in shorter words where the full ones do not fit."""
        totals = self.totals
        if totals is None:
            return
        numbers = {
            "count": f"{totals.activities:,}",
            "reached": f"{totals.people_reached:,}",
            "materials": f"{totals.materials:,}",
            "hours": f"{totals.hours:,}",
            "volunteers": f"{totals.volunteers:,}",
        }
        left_out = t("numbers.left_out", count=f"{totals.invalid:,}") if totals.invalid else ""
        text = t("ledger.totals", **numbers) + left_out
        if cell_len(text) > self.size.width - 2:  # its padding
            text = t("ledger.totals.short", **numbers) + left_out
        self.query_one("#ledger-totals", Static).update(Text(text))

    def on_resize(self) -> None:
        self._show_totals()  # (Textual calls SearchedTable.on_resize as well)

    def _show_filter(self) -> None:
        f = self.filter
        place = self.town or self.scope
        parts = [clean(place.name, 20) if place else t("ledger.everywhere")]
        if f.start or f.end:
            parts.append(f"{f.start or '…'} — {f.end or '…'}")
        else:
            parts.append(t("ledger.period.all"))
        for name in ("theme_day", "campaign", "format", "venue_type"):
            value = getattr(f, name)
            if value:
                shown = t("ledger.none") if value == "none" else label(value, FILTER_ENUMS[name])
                parts.append(f"{t(f'ledger.f.{name}')}：{shown}")
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        parts.append(t(f"ledger.sort.{f.sort}"))
        self.query_one("#ledger-filter", Static).update(Text(" · ".join(parts)))

    # -- filters ---------------------------------------------------------------

    def action_period(self) -> None:
        self.period = next_period(self.period)
        start, end = period_bounds(self.period, clock.today())
        self.reload(self.filter._replace(start=start, end=end))

    def action_sort(self) -> None:
        sort = SORTS[(SORTS.index(self.filter.sort) + 1) % len(SORTS)]
        self.reload(self.filter._replace(sort=sort))

    def action_filters(self) -> None:
        from kxtui.screens.ledger_filter import LedgerFilterScreen

        def chosen(result: tuple[LedgerFilter, Choice | None, Period] | None) -> None:
            if result is not None:
                f, self.town, self.period = result
                self.reload(f)

        screen = LedgerFilterScreen(self.filter, self.scope, self.town, self.period)
        self.app.push_screen(screen, chosen)

    # -- activities ------------------------------------------------------------

    def _selected(self) -> LedgerRow | None:
        return self.table.cursor_row if self.table.total else None

    def write_refusal(self, action: str) -> KxError | None:
        """Editing and deleting act on the selected activity's region."""
        row = self._selected() if action in ("edit", "delete") else None
        if row is not None:
            return scope.edit_refusal(row.region_path)
        return super().write_refusal(action)

    def on_paged_table_highlighted(self) -> None:
        self.refresh_bindings()  # the keys follow the selected activity's region

    def written(self, result: Any) -> None:
        if result is not None:  # the rows follow by themselves (`data_changed`)
            self.notify(t("form.saved"), timeout=3)

    def action_add(self) -> None:
        from kxtui.screens.activity_form import ActivityFormScreen

        self.app.push_screen(ActivityFormScreen(region=self.town or self.scope), self.written)

    def action_edit(self) -> None:
        row = self._selected()
        if row is None:
            return
        from kxtui.screens.activity_form import ActivityFormScreen

        ActivityFormScreen.open_stored(self, {"activity_id": row.id}, self.written, self.reload)

    def action_delete(self) -> None:
        row = self._selected()
        if row is None:
            return
        from kxtui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_db(
                    self,
                    activities.delete_activity,
                    row.id,
                    row.version,
                    done=deleted,
                    group="write",
                )

        def deleted(_: None) -> None:
            self.deleted.append(row.id)
            deleted_text = t("ledger.deleted", title=row.title[:30], undo_key=self.key_for("undo"))
            self.notify(deleted_text, markup=False, timeout=6)

        question = t("ledger.confirm_delete", title=row.title[:60], undo_key=self.key_for("undo"))
        self.app.push_screen(ConfirmScreen(question, t("delete.yes"), t("delete.no")), confirmed)

    def action_undo(self) -> None:
        if not self.deleted:
            self.notify(t("ledger.nothing_to_undo"), timeout=3)
            return
        activity_id = self.deleted.pop()

        def restored(_: None) -> None:
            self.notify(t("ledger.restored"), timeout=4)

        run_db(self, activities.restore_activity, activity_id, done=restored, group="write")

    def action_export(self) -> None:
        from kxtui.screens.export_activities import ActivityExportScreen

        self.app.push_screen(ActivityExportScreen(self.filter, self.table.total))

    def action_import(self) -> None:
        from kxtui.screens.import_activities import ImportScreen

        region = self.town or self.scope
        self.app.push_screen(ImportScreen(region.id if region else None), self.written)
