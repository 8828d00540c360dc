"""A volunteer's service history: how much they served, then the activities as a `PagedTable`
of `service_history.page` (a volunteer of many years may have served at hundreds)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from kxtui.db.rows import ServiceHistoryLine, VolunteerDetail
from kxtui.i18n import t
from kxtui.widgets.paged_table import Page, PagedTable


class ServiceHistoryTable(PagedTable):
    NARROW = (("date", 10), ("title", 0), ("place", 14), ("hours", 6))
    WIDE = (("date", 10), ("title", 0), ("place", 24), ("hours", 8))
    RIGHT = frozenset({"hours"})
    CAPTIONS = "history.col"
    BINDINGS = [Binding("enter", "open", "key.open_activity", id="history.open")]

    class Opened(Message):
        """Enter on a row: open the activity it names."""

        def __init__(self, row: ServiceHistoryLine) -> None:
            super().__init__()
            self.row = row

    def action_open(self) -> None:
        if self.cursor_row is not None and not self.cursor_row.historical:
            self.post_message(self.Opened(self.cursor_row))

    def cell(self, row: ServiceHistoryLine, column: str) -> str:
        if column == "date":
            return str(row.start_date)
        if row.historical and column == "title":  # served elsewhere, before kxtui: marked
            return f"{t('statement.historical')}·{row.title}"
        if row.historical and column == "place":
            return row.source
        return str(getattr(row, column))


class ServiceHistory(Vertical):
    """The summary line, the column captions and the table of one volunteer's service."""

    DEFAULT_CSS = """
    ServiceHistory { height: 1fr; }
    ServiceHistory > #history-header { height: 1; text-style: bold; color: $text-muted; }
    """

    def __init__(self, volunteer: VolunteerDetail, page: Page, **kwargs: Any) -> None:
        """`page` reads a page of the volunteer's service (`service_history.page`)."""
        super().__init__(**kwargs)
        self.volunteer = volunteer
        self.page = page

    def compose(self) -> ComposeResult:
        v = self.volunteer
        if v.activities or v.historical:
            summary = Text(t("volunteer.history", count=v.activities, hours=v.hours), style="bold")
            if v.historical:
                summary.append("  " + t("stars.record", stars="★" * v.stars or t("stars.none"),
                                        hours=v.hours, historical=v.historical_hours))  # fmt: skip
        else:
            summary = Text(t("volunteer.history_none"), style="dim")
        yield Static(summary, id="history-summary")
        yield Static("", id="history-header")
        yield ServiceHistoryTable(self.page, id="history-table")

    def on_mount(self) -> None:
        self.table.show(self.volunteer.id)
        self.table.set_total(self.volunteer.activities + self.volunteer.historical)
        self.query_one("#history-header").display = self.table.display = bool(self.table.total)

    @property
    def table(self) -> ServiceHistoryTable:
        return self.query_one(ServiceHistoryTable)

    def on_resize(self) -> None:
        # shown (a hidden pane has no width) or resized: the captions follow the table's columns
        self.call_after_refresh(self._show_header)

    def _show_header(self) -> None:
        width = self.table.scrollable_content_region.width
        if width:
            self.query_one("#history-header", Static).update(self.table.header(width))
