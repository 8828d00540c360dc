"""A report's measure as a chart (textual-plotext): bars by row, largest first, or a line by
month. The plot's own labels are numbers and months, never Chinese (a plotting library
counts a character as one cell, a Chinese one takes two): the names are in the key beside
it, with their figures. `←`/`→` draw the report's other columns."""

from __future__ import annotations

from decimal import Decimal

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from kxtui.db.report_rows import Report, ReportRow
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.report_table import RATES, figure

KEY_WIDTH = 26  # the names and figures beside the plot


def _number(value: object, column: str) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    return float(value) * (100 if column in RATES else 1)


class ChartScreen(TranslatedBindings, Screen[None]):
    BINDINGS = [
        Binding("left", "shift(-1)", "key.columns", id="chart.columns"),
        Binding("right", "shift(1)", "key.columns", show=False, id="chart.columns_right"),
        Binding("escape,g", "back", "key.back", id="chart.back"),
    ]
    DEFAULT_CSS = """
    ChartScreen #chart-title { height: 1; padding: 0 1; text-style: bold; color: $text-accent; }
    ChartScreen Horizontal { height: 1fr; }
    ChartScreen PlotextPlot { width: 1fr; }
    ChartScreen #chart-key { width: 28; padding: 0 1; }
    """

    def __init__(self, report: Report, column: str, caption: str, about: str) -> None:
        super().__init__()
        self.report = report
        self.column = column
        self.caption = caption
        self.about = about  # the report, region and period, as the list's filter line says

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="chart-title")
        with Horizontal():
            yield PlotextPlot()
            yield Static("", id="chart-key")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("report.title")
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def _rows(self) -> list[tuple[ReportRow, float]]:
        """The rows with a figure in the column: by month in order, else those above zero
        largest first, as many as the plot has lines for (the key says how many are left)."""
        column = self.column
        rows = [(row, n) for row in self.report.rows
                if (n := _number(row.values.get(column), column)) is not None]  # fmt: skip
        if self.report.query.by == "month":
            return rows
        rows = sorted((item for item in rows if item[1]), key=lambda item: -item[1])
        return rows[: max(1, self.size.height - 8)]

    def draw(self) -> None:
        title = f"{self.about} · {self.caption}"
        self.query_one("#chart-title", Static).update(Text(clean(title, 200)))
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        rows = self._rows()
        key = self.query_one("#chart-key", Static)
        if not rows:
            key.update(Text(t("report.chart.empty"), style="dim"))
            plot.refresh()
            return
        values = [n for _, n in rows]
        if self.report.query.by == "month":
            positions = [float(i) for i in range(1, len(rows) + 1)]
            plt.plot(positions, values, marker="braille")
            plt.xticks(positions, [row.key[5:] for row, _ in rows])
        else:
            positions = [float(i) for i in range(len(rows), 0, -1)]  # the largest at the top
            plt.bar(positions, values, orientation="horizontal", width=0.6)
            plt.yticks(positions, [str(i) for i in range(1, len(rows) + 1)])
        left = len(self.report.rows) - len(rows)
        key.update(Group(self._key(rows), Text(t("report.chart.left", count=left), "dim"))
                   if left else self._key(rows))  # fmt: skip
        plot.refresh()

    def _key(self, rows: list[tuple[ReportRow, float]]) -> Table:
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="dim")
        table.add_column(no_wrap=True, overflow="ellipsis", max_width=KEY_WIDTH - 12)
        table.add_column(justify="right")
        for i, (row, _) in enumerate(rows, 1):
            name = clean(row.name.rsplit("/", 1)[-1], 30)
            mark = row.key[5:] if self.report.query.by == "month" else str(i)
            table.add_row(mark, name if cell_len(name) else "-",
                          figure(row.values.get(self.column), self.column))  # fmt: skip
        return table

    def action_shift(self, step: int) -> None:
        columns = self.report.columns
        index = columns.index(self.column) if self.column in columns else 0
        self.column = columns[max(0, min(len(columns) - 1, index + step))]
        if self.column in self.report.column_names:
            self.caption = self.report.column_names[self.column]
        else:
            self.caption = t(f"report.col.{self.column}")
        self.draw()

    def action_back(self) -> None:
        self.dismiss()
