"""The reports (统计报表) of a region: pick the report (`r`), the grouping (`b`), the period
(`p`), a cross table's second key (`c`) and measure (`m`); the rows follow the tree (Enter
opens a child region's report, Backspace goes back up); `g` draws the first column shown as
a chart, `x` exports the table."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.text import Text
from textual.binding import Binding

from kxtui import clock
from kxtui.dates import Period, period_bounds, period_name
from kxtui.db.engine import scope
from kxtui.db.engine.changes import Change
from kxtui.db.errors import KxError, RefusedError
from kxtui.db.report_rows import (
    ACTIVITIES,
    GROUPINGS,
    MEASURES,
    REGION_GROUPINGS,
    REPORTS,
    TIMELESS,
    VENUES,
    Report,
    ReportQuery,
)
from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.domain import AccessRole
from kxtui.i18n import t
from kxtui.screens.list_screen import ListScreen, page_of
from kxtui.widgets.report_table import ReportLine, ReportTable, figure, lines
from kxtui.widgets.workers import run_db

# a cross table's columns, `c` cycling through them: the few codes first, many places last
ACROSS = ("format", "theme_day", "campaign", "target_group", "month", "venue_type", "town",
          "team", "village")  # fmt: skip
_KEPT = 8  # reports kept built (the periods and groupings cycled through come back at once)


def _following(values: tuple[Any, ...], value: Any) -> Any:
    return values[(values.index(value) + 1) % len(values)] if value in values else values[0]


class ReportScreen(ListScreen[ReportQuery, ReportTable]):
    NAME = "report"
    TABLE = ReportTable
    TOUCHES = ("activity", "volunteer", "venue", "team", "region", "closed_period")
    OPEN = "drill"
    BINDINGS = [
        Binding("slash", "search", "key.search", id="report.search"),
        Binding("r", "report", "key.report", id="report.report"),
        Binding("b", "by", "key.by", id="report.by"),
        Binding("p", "period", "key.period", id="report.period"),
        Binding("P", "custom_period", "key.custom_period", id="report.custom_period"),
        Binding("c", "across", "key.across", id="report.across"),
        Binding("m", "measure", "key.measure", id="report.measure"),
        Binding("g", "chart", "key.chart", id="report.chart"),
        Binding("x", "export", "key.export", id="report.export"),
        Binding("K", "close_period", "key.close_period", id="report.close_period"),
        Binding("enter", "drill", "key.drill", id="report.drill"),
        Binding("backspace", "up", "key.up", id="report.up"),
        Binding("escape", "back", "key.back", id="report.back"),
    ]
    KEY_RANK = ("report", "period", "by", "drill", "up", "chart", "export", "custom_period",
                "across", "measure", "close_period", "search", "back")  # fmt: skip
    WRITES = frozenset({"close_period"})
    counted: Report | None

    def __init__(self, region: Choice | None, report: str = ACTIVITIES) -> None:
        self.period = Period.YEAR
        start, end = period_bounds(self.period, clock.today())
        self.trail: list[int | None] = []  # the regions Enter came down from
        self.names: dict[int | None, str] = {region.id: region.name} if region else {}
        self.built: dict[ReportQuery, Report] = {}  # by query (without its search)
        self.shown: dict[ReportQuery, Report] = {}  # by query: the rows its search shows
        by = (GROUPINGS[report] or ("",))[0]
        f = ReportQuery(report, region.id if region else None, start, end, by=by)
        super().__init__(f)
        self.table.expect(f)
        self.table.then_at_once = True  # the page built the report: its total comes with it

    # -- what the list reads -----------------------------------------------------

    def report_of(self, f: ReportQuery) -> Report:
        """The report of `f`, its rows narrowed by the search, built once (in a worker
        thread) and kept for the count and the next pages."""
        from kxtui.db import reports

        report = self.shown.get(f)
        if report is None:
            if len(self.shown) >= _KEPT:
                self.built.clear()
                self.shown.clear()
            whole = f._replace(text="")
            if whole not in self.built:
                self.built[whole] = reports.build(whole)
            report = self.built[whole]
            report = self.shown[f] = report._replace(rows=reports.matching(report, f.text))
        return report

    def page(self, f: ReportQuery, **where: Any) -> tuple[ReportLine, ...]:
        return page_of(lines(self.report_of(f).rows), where)

    def count(self, f: ReportQuery) -> Report:
        return self.report_of(f)

    @staticmethod
    def total(counted: Report) -> int:
        return len(counted.rows)

    def known_count(self, f: ReportQuery) -> Report | None:
        return self.shown.get(f)  # its first page built it

    def counted_now(self, counted: Report) -> None:
        self.names[counted.region_id] = counted.region or t("report.everywhere")
        self.table.take_columns(counted)
        self._header_width = None  # the captions of its columns
        self.show_filter()
        self._show_header()

    def count_text(self, counted: Report) -> Text:
        """The total in the table's columns (a table of figures, as 年度统计, has none), the
        headline figures beyond its columns (全国科普日's), then what the report notes."""
        width = self.table.scrollable_content_region.width or self.size.width - 2
        lines: list[Text] = []
        if counted.total:
            lines.append(self.table.total_line(counted.total, width))
            lines[0].stylize("bold")
        extra = [(key, value) for key, value in counted.total.items()
                 if key not in counted.columns]  # fmt: skip
        if extra:
            words = [t(f"report.headline.{key}", count=figure(value)) for key, value in extra]
            lines.append(Text(" · ".join(words), style="bold"))
        if counted.invalid:
            lines.append(Text(t("report.left_out", count=f"{counted.invalid:,}"), "yellow"))
        lines += [Text(note, "dim") for note in counted.notes]
        if counted.closed is not None:
            closed = counted.closed
            note = t("report.closed", period=closed.name, closed_by=closed.closed_by,
                     closed_at=f"{closed.closed_at:%Y-%m-%d %H:%M}")  # fmt: skip
            lines.append(Text(note, "green"))
        return Text("\n").join(lines)

    def filter_parts(self) -> list[str]:
        f = self.filter
        place = self.names.get(f.region_id, "…") if f.region_id else t("report.everywhere")
        parts = [t(f"report.what.{f.report}"), clean(place, 24)]
        if f.report not in TIMELESS:
            parts.append(self.period_text())
        if f.by:
            parts.append(t("report.by", by=t(f"report.by.{f.by}")))
        if f.across:
            across, measure = t(f"report.by.{f.across}"), t(f"report.col.{f.measure}")
            parts.append(t("report.across", across=across, measure=measure))
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        return parts

    def reload(self, f: ReportQuery | None = None) -> None:
        if f is not None:
            self.table.expect(f)
        super().reload(f)

    def data_changed(self, change: Change) -> None:
        if change.touches(*self.TOUCHES):
            self.built.clear()  # the figures are read again
            self.shown.clear()
        super().data_changed(change)

    def on_report_table_shifted(self) -> None:
        self._header_width = None
        self._show_header()
        self._show_count()

    # -- choosing ----------------------------------------------------------------

    def action_report(self) -> None:
        """The next report, grouped as this one where it can be."""
        f = self.filter
        report = _following(REPORTS, f.report)
        groupings = GROUPINGS[report]
        by = f.by if f.by in groupings else (groupings or ("",))[0]
        self.reload(f._replace(report=report, by=by, across=None, measure=MEASURES[report][0]))

    def action_by(self) -> None:
        f = self.filter
        groupings = tuple(g for g in GROUPINGS[f.report] if g != f.across)
        if groupings:
            self.reload(f._replace(by=_following(groupings, f.by)))

    def action_across(self) -> None:
        """The cross table's columns: none, then each grouping other than the rows'."""
        f = self.filter
        if f.report != ACTIVITIES:
            return
        choices = (None, *(g for g in ACROSS if g != f.by))
        measure = f.measure if f.measure in MEASURES[f.report] else MEASURES[f.report][0]
        self.reload(f._replace(across=_following(choices, f.across), measure=measure))

    def action_measure(self) -> None:
        """The cross table's measure."""
        f = self.filter
        if f.across:
            self.reload(f._replace(measure=_following(MEASURES[f.report], f.measure)))

    def action_custom_period(self) -> None:
        """Dates of one's own: a year, quarter or month by name, or two dates."""
        from kxtui.screens.period_dialog import PeriodDialog

        def chosen(span: tuple[date, date] | None) -> None:
            if span is not None:
                self.period = Period.CUSTOM
                self.reload(self.filter._replace(start=span[0], end=span[1]))

        f = self.filter
        current = ""
        if f.start and f.end:
            current = period_name(f.start, f.end) or f"{f.start} ~ {f.end}"
        self.app.push_screen(PeriodDialog(current), chosen)

    # -- the tree ----------------------------------------------------------------

    def action_drill(self) -> None:
        line = self.selected
        f = self.filter
        if line is None:
            return
        if f.report == VENUES:  # Enter lists the row's venues
            from kxtui.screens.report_venues import venues_screen

            region = Choice(f.region_id, "") if f.region_id else None
            self.app.push_screen(venues_screen(line.row.key, line.row.name, f.by, region))
            return
        drill = line.row.drill
        if f.by not in REGION_GROUPINGS or drill is None or drill == f.region_id:
            self.notify(t("report.no_drill"), timeout=3)
            return
        self.trail.append(f.region_id)
        self.names[drill] = line.row.name.rsplit("/", 1)[-1]
        self.reload(f._replace(region_id=drill, text=""))
        self.show_search()

    def action_up(self) -> None:
        f = self.filter
        if self.trail:
            above = self.trail.pop()
        elif self.counted is not None and self.counted.parent_id is not None:
            above = self.counted.parent_id
        else:
            self.notify(t("report.top"), timeout=3)
            return
        self.reload(f._replace(region_id=above, text=""))
        if f.region_id is not None:
            self.table.follow(str(f.region_id))  # the cursor on the region it comes from
        self.show_search()

    # -- chart and export --------------------------------------------------------

    def action_chart(self) -> None:
        report, column = self.counted, self.table.current
        if report is None or column is None:
            return
        from kxtui.screens.report_chart import ChartScreen

        self.app.push_screen(ChartScreen(report, column, self.table.caption(column),
                                         " · ".join(self.filter_parts()[:3])))  # fmt: skip

    def action_export(self) -> None:
        """The report as the sheet a superior asks for (XLSX or CSV): every row, whatever the
        search shows."""
        if self.counted is None:
            return
        from kxtui.screens.export_report import ReportExportScreen

        whole = self.built.get(self.filter._replace(text=""), self.counted)
        self.app.push_screen(ReportExportScreen(whole))

    # -- closing the period ------------------------------------------------------

    def write_refusal(self, action: str) -> KxError | None:
        """Closing and reopening a period are a county admin's."""
        refusal = super().write_refusal(action)
        if refusal is None and action == "close_period":
            officer = scope.session()
            if officer.role != AccessRole.COUNTY_ADMIN:
                return RefusedError("refused.not_admin", name=officer.name)
        return refusal

    def action_close_period(self) -> None:
        """Close the report's period for its region (the numbers sent upward stay the
        numbers in kxtui), or reopen it when it is closed; asked first, either way."""
        from kxtui.db import periods
        from kxtui.screens.confirm import ConfirmScreen

        f, report = self.filter, self.counted
        if report is None:
            return
        if f.start is None or f.end is None:
            self.notify(t("report.close.open_ended"), timeout=4)
            return
        start, end, region = f.start, f.end, f.region_id
        name = period_name(start, end) or f"{start} ~ {end}"
        place = self.names.get(region, "…") if region else t("report.everywhere")
        reopen = report.closed is not None
        write = periods.reopen_period if reopen else periods.close_period
        word = "report.reopen" if reopen else "report.close"

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_db(self, write, start, end, region, done=done, group="write")

        def done(_: int) -> None:
            self.notify(t(f"{word}.done", period=name, region=place), timeout=4)

        question = t(f"{word}.confirm", period=name, region=place)
        self.app.push_screen(ConfirmScreen(question, t(f"{word}.yes"), t("delete.no")), confirmed)
