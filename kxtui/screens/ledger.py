"""The activity ledger (活动台账) of a region subtree: filters, totals, and the activity keys."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.binding import Binding

from kxtui import clock
from kxtui.dates import Period, period_bounds
from kxtui.db import activities, ledger
from kxtui.db.engine import scope
from kxtui.db.errors import KxError
from kxtui.db.rows import Choice, LedgerFilter, LedgerRow, LedgerTotals
from kxtui.display import clean
from kxtui.domain import ActivityFormat, Campaign, ThemeDay, VenueType
from kxtui.i18n import label, t
from kxtui.screens.list_screen import ListScreen
from kxtui.widgets.ledger_table import LedgerTable
from kxtui.widgets.workers import run_db

FILTER_ENUMS = {"theme_day": ThemeDay, "campaign": Campaign, "format": ActivityFormat,
                "venue_type": VenueType}  # fmt: skip


class LedgerScreen(ListScreen[LedgerFilter, LedgerTable]):
    NAME = "ledger"
    TABLE = LedgerTable
    TOUCHES = ("activity", "venue", "region", "team")
    SORTS = ("date", "reach", "venue")
    OPEN = "edit"
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
    counted: LedgerTotals | None

    def __init__(self, region: Choice | None) -> None:
        self.scope = region
        self.period = Period.YEAR
        start, end = period_bounds(self.period, clock.today())
        self.town: Choice | None = None
        self.deleted: list[int] = []  # this session's deletions, newest last (u undoes)
        super().__init__(LedgerFilter(region_id=region.id if region else None, start=start,
                                      end=end))  # fmt: skip

    def page(self, f: LedgerFilter, **where: Any) -> tuple[LedgerRow, ...]:
        return ledger.page(f, **where)

    def count(self, f: LedgerFilter) -> LedgerTotals:
        return ledger.totals(f)

    @staticmethod
    def total(counted: LedgerTotals) -> int:
        return counted.activities

    def count_text(self, counted: LedgerTotals) -> str:
        """The totals on one line: in shorter words where the full ones do not fit."""
        numbers = {
            "count": f"{counted.activities:,}",
            "reached": f"{counted.people_reached:,}",
            "materials": f"{counted.materials:,}",
            "hours": f"{counted.hours:,}",
            "volunteers": f"{counted.volunteers:,}",
        }
        left_out = t("numbers.left_out", count=f"{counted.invalid:,}") if counted.invalid else ""
        text = t("ledger.totals", **numbers) + left_out
        if cell_len(text) > self.size.width - 2:  # its padding
            text = t("ledger.totals.short", **numbers) + left_out
        return text

    def filter_parts(self) -> list[str]:
        f = self.filter
        place = self.town or self.scope
        parts = [clean(place.name, 20) if place else t("ledger.everywhere"), self.period_text()]
        for name in ("theme_day", "campaign", "format", "venue_type"):
            value = getattr(f, name)
            if value:
                shown = t("ledger.none") if value == "none" else label(value, FILTER_ENUMS[name])
                parts.append(f"{t(f'ledger.f.{name}')}：{shown}")
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        parts.append(t(f"ledger.sort.{f.sort}"))
        return parts

    # -- filters ---------------------------------------------------------------

    def action_filters(self) -> None:
        from kxtui.screens.ledger_filter import LedgerFilterScreen

        def chosen(result: tuple[LedgerFilter, Choice | None, Period] | None) -> None:
            if result is not None:
                f, self.town, self.period = result
                self.reload(f)

        screen = LedgerFilterScreen(self.filter, self.scope, self.town, self.period)
        self.app.push_screen(screen, chosen)

    # -- activities ------------------------------------------------------------

    def write_refusal(self, action: str) -> KxError | None:
        """Editing and deleting act on the selected activity's region."""
        row = self.selected if action in ("edit", "delete") else None
        if row is not None:
            return scope.edit_refusal(row.region_path)
        return super().write_refusal(action)

    def on_paged_table_highlighted(self) -> None:
        self.refresh_bindings()  # the keys follow the selected activity's region

    def action_add(self) -> None:
        from kxtui.screens.activity_form import ActivityFormScreen

        self.app.push_screen(ActivityFormScreen(region=self.town or self.scope), self.written)

    def action_edit(self) -> None:
        row = self.selected
        if row is None:
            return
        from kxtui.screens.activity_form import ActivityFormScreen

        ActivityFormScreen.open_stored(self, {"activity_id": row.id}, self.written, self.reload)

    def action_delete(self) -> None:
        row = self.selected
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
