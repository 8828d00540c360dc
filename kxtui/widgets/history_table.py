"""A volunteer's service history (the hours statement on screen): how much they served and
their star level, the totals of the period shown (`p` cycles it, as in the ledger; all time at
first), then the lines of that period as a `PagedTable` of `service_history.page` (a volunteer
of many years may have served at hundreds). `x` asks the screen to export the period's
statement."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from kxtui import clock
from kxtui.dates import Period, next_period, period_bounds
from kxtui.db.rows import ServiceHistoryLine, ServiceQuery, ServiceTotals, VolunteerDetail
from kxtui.i18n import t
from kxtui.widgets.paged_table import Page, PagedTable
from kxtui.widgets.workers import run_db


class ServiceHistoryTable(PagedTable):
    NARROW = (("date", 10), ("title", 0), ("place", 14), ("hours", 6))
    WIDE = (("date", 10), ("title", 0), ("place", 24), ("hours", 8))
    RIGHT = frozenset({"hours"})
    CAPTIONS = "history.col"
    BINDINGS = [
        Binding("enter", "open", "key.open_activity", id="history.open"),
        Binding("p", "period", "key.period", id="history.period",
                tooltip="history.period.help"),
        Binding("x", "export", "key.export", id="history.export",
                tooltip="history.export.help"),
    ]  # fmt: skip

    class Opened(Message):
        """Enter on a row: open the activity it names."""

        def __init__(self, row: ServiceHistoryLine) -> None:
            super().__init__()
            self.row = row

    def action_open(self) -> None:
        if self.cursor_row is not None and not self.cursor_row.historical:
            self.post_message(self.Opened(self.cursor_row))

    def action_period(self) -> None:
        self.parent_history.next_period()

    def action_export(self) -> None:
        self.post_message(ServiceHistory.ExportAsked(self.parent_history.service_query))

    @property
    def parent_history(self) -> ServiceHistory:
        return self.query_ancestor(ServiceHistory)

    def cell(self, row: ServiceHistoryLine, column: str) -> str:
        if column == "date":
            return str(row.start_date)
        if row.historical and column == "title":  # served elsewhere, before kxtui: marked
            return f"{t('statement.historical')}·{row.title}"
        if row.historical and column == "place":
            return row.source
        return str(getattr(row, column))


def star_text(v: VolunteerDetail) -> str:
    """The star level and what the next one needs, "★★　距下一星级还差 12 小时" (by all the
    volunteer's hours, historical ones too)."""
    stars = "★" * v.stars or t("stars.none")
    if v.to_next_star is None:
        return f"{stars}　{t('stars.top')}" if v.stars else stars
    return f"{stars}　{t('stars.to_next', hours=v.to_next_star)}"


class ServiceHistory(Vertical):
    """The summary line, the period's totals, the column captions and the table of one
    volunteer's service."""

    DEFAULT_CSS = """
    ServiceHistory { height: 1fr; }
    ServiceHistory > #history-totals { height: 1; color: $text-accent; }
    ServiceHistory > #history-header { height: 1; text-style: bold; color: $text-muted; }
    """

    class ExportAsked(Message):
        """`x`: the statement of this query (the volunteer, the period shown) to a file."""

        def __init__(self, query: ServiceQuery) -> None:
            super().__init__()
            self.query = query

    def __init__(
        self,
        volunteer: VolunteerDetail,
        page: Page,
        totals: Callable[[ServiceQuery], ServiceTotals],
        **kwargs: Any,
    ) -> None:
        """`page` reads a page of the volunteer's service (`service_history.page`), `totals`
        counts a period of it (`service_history.totals`)."""
        super().__init__(**kwargs)
        self.volunteer = volunteer
        self.page = page
        self.totals = totals
        self.period = Period.ALL
        self.service_query = ServiceQuery(volunteer_id=volunteer.id)

    def compose(self) -> ComposeResult:
        v = self.volunteer
        if v.activities or v.historical:
            summary = Text(t("volunteer.history", count=v.activities, hours=v.hours), style="bold")
            if v.historical:
                summary.append("  " + t("stars.historical_part", hours=v.historical_hours))
        else:
            summary = Text(t("volunteer.history_none"), style="dim")
        summary.append("\n" + t("stars.line", stars=star_text(v)))  # on a line of its own
        yield Static(summary, id="history-summary")
        yield Static("", id="history-totals")
        yield Static("", id="history-header")
        yield ServiceHistoryTable(self.page, id="history-table")

    def on_mount(self) -> None:
        served = bool(self.volunteer.activities or self.volunteer.historical)
        for part in ("#history-totals", "#history-header", "#history-table"):
            self.query_one(part).display = served
        if served:
            self.table.show(self.service_query)
            self.table.set_total(self.volunteer.activities + self.volunteer.historical)
            self.count()

    @property
    def table(self) -> ServiceHistoryTable:
        return self.query_one(ServiceHistoryTable)

    def next_period(self) -> None:
        """`p`: the next period (all time, this year, last year, … as the ledger's `p`)."""
        self.period = next_period(self.period)
        start, end = period_bounds(self.period, clock.today())
        self.service_query = self.service_query._replace(start=start, end=end)
        self.table.show(self.service_query)
        self.count()

    def reload(self) -> None:
        """The lines were written: read them and their totals again."""
        self.table.reload(then=self.count)

    def count(self) -> None:
        run_db(self, self.totals, self.service_query, done=self._counted, group="history-totals",
               read=True)  # fmt: skip

    def _counted(self, totals: ServiceTotals) -> None:
        self.table.set_total(totals.lines)
        period = t(f"ledger.period.{self.period.value}")
        key = "statement.totals_left_out" if totals.left_out else "statement.totals"
        text = t(key, period=period, lines=totals.lines, hours=totals.hours,
                 historical=totals.historical_hours, left_out=totals.left_out)  # fmt: skip
        line = Text(text)
        line.append("   " + t("history.keys"), style="dim")
        self.query_one("#history-totals", Static).update(line)

    def on_resize(self) -> None:
        # shown (a hidden pane has no width) or resized: the captions follow the table's columns
        self.call_after_refresh(self._show_header)

    def _show_header(self) -> None:
        width = self.table.scrollable_content_region.width
        if width:
            self.query_one("#history-header", Static).update(self.table.header(width))
