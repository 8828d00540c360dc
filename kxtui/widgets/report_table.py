"""A report's table: the rows' names, then as many of its columns as the width holds, from
the one `←`/`→` put first (a report of fifteen measures is read at 80 columns a few at a
time), and the total line below in the same columns."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from kxtui.db.report_rows import (
    MEASURES,
    REGION_GROUPINGS,
    Report,
    ReportQuery,
    ReportRow,
    Value,
)
from kxtui.domain import ActivityFormat, Campaign, TargetGroup, ThemeDay, VenueType
from kxtui.i18n import label, language, t
from kxtui.widgets.paged_table import Page, PagedTable

# the groupings whose keys are codes: named in the interface's language
CODES = {"theme_day": ThemeDay, "campaign": Campaign, "format": ActivityFormat,
         "target_group": TargetGroup, "venue_type": VenueType}  # fmt: skip
RATES = frozenset({"platform_rate", "rate"})
NAME_WIDTH = 14  # the narrowest the names get (7 Chinese characters); they take the rest
COLUMN_WIDTH = 9


class ReportLine(NamedTuple):
    """A report row as the table holds it: its place (`key`), what it is (`id`: the row's key,
    a region's id for the rows of a region) and the row."""

    id: str
    key: tuple[int]
    row: ReportRow


def figure(value: Value | str, column: str = "") -> str:
    """A figure as the table shows it: 1,234; 7,834.2; 87.5%; "-" where it does not apply."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if column in RATES:
        return f"{value * 100:.1f}%"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        return f"{value:,.1f}"
    return f"{value:,}"


class ReportTable(PagedTable):
    BINDINGS = [
        Binding("left", "shift(-1)", "key.columns", id="report.columns"),
        Binding("right", "shift(1)", "key.columns", show=False, id="report.columns_right"),
    ]

    def __init__(self, page: Page, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(page, id=id)
        self.all_columns: tuple[str, ...] = ()
        self.column_names: Mapping[str, str] = {}
        self.by: str | None = None  # what the rows are
        self.across: str | None = None  # what a cross table's columns are
        self.first = 0  # the column shown first after the names
        self.names_width = 0  # the longest name's (0: not known, the names take the rest)

    def expect(self, q: ReportQuery) -> None:
        """The columns the report `q` will have, as far as the query tells (a report's
        measures; a cross table's columns come with its figures)."""
        self._set_columns(() if q.across else MEASURES[q.report], {})
        self.by, self.across = q.by, q.across

    def take_columns(self, report: Report) -> None:
        """The columns `report` has, and its names' width (the figures stay near them)."""
        names = [cell_len(self.named(row.key, row.name, self.by)) for row in report.rows]
        self.names_width = max([NAME_WIDTH, cell_len(t("report.total")), *names]) + 1
        self._set_columns(report.columns, report.column_names)

    def _set_columns(self, columns: tuple[str, ...], names: Mapping[str, str]) -> None:
        if columns != self.all_columns:
            self.first = 0
            self.all_columns = columns
        self.column_names = names
        self._lines.clear()
        self.refresh()

    @property
    def current(self) -> str | None:
        """The column shown first: the one a chart draws."""
        return self.all_columns[self.first] if self.all_columns else None

    def caption(self, column: str) -> str:
        if column in self.column_names:  # a cross table's: its village's own name
            name = self.column_names[column].rsplit("/", 1)[-1]
            return self.named(column, name, self.across)
        return t(f"report.col.{column}")

    def named(self, key: str, name: str, by: str | None) -> str:
        """A row's (or a cross table's column's) name in the interface's language (the data
        layer names them in Chinese, as the sheets do)."""
        if language() == "zh" or by in REGION_GROUPINGS:
            return name
        if key == "total":
            return t("report.total")
        if key == "":
            return t({"team": "report.no_team", "venue_type": "report.no_venue"}.get(
                by or "", "report.none"))  # fmt: skip
        if by == "month":
            return t("report.month", year=key[:4], month=int(key[5:]))
        if by in CODES:
            return label(key, CODES[by])
        return name

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        width = self.scrollable_content_region.width or self.size.width - 2
        shown = max(1, (width - NAME_WIDTH) // (COLUMN_WIDTH + 1))
        visible = self.all_columns[self.first : self.first + shown]
        rest = width - len(visible) * (COLUMN_WIDTH + 1) - 1
        names = min(rest, self.names_width) if self.names_width else 0
        return (("name", names), *((column, COLUMN_WIDTH) for column in visible))

    @property
    def RIGHT(self) -> frozenset[str]:  # type: ignore[override]  # noqa: N802
        return frozenset(self.all_columns)

    def cell(self, line: ReportLine, column: str) -> str:
        row = line.row
        if column == "name":
            return self.named(row.key, row.name, self.by)
        return figure(row.values.get(column), column)

    def header(self, width: int) -> Text:
        captions = [t("report.col.name"), *(self.caption(c) for c, _ in self.columns[1:])]
        hidden = len(self.all_columns) - (len(self.columns) - 1)
        if hidden > 0 and self.first == 0:
            captions[0] = f"{captions[0]} ▸"
        elif hidden > 0:
            captions[0] = f"◂ {captions[0]}"
        return Text.assemble(*((s.text, s.style or "") for s in self._segments(captions, width)))

    def total_line(self, total: Mapping[str, Value], width: int) -> Text:
        """The report's total in the table's columns."""
        cells = [t("report.total"), *(figure(total.get(c), c) for c, _ in self.columns[1:])]
        return Text.assemble(*((s.text, s.style or "") for s in self._segments(cells, width)))

    def action_shift(self, step: int) -> None:
        """Bring the next (or the previous) columns into view."""
        shown = len(self.columns) - 1
        last_first = max(0, len(self.all_columns) - shown)
        self.first = max(0, min(last_first, self.first + step))
        self._lines.clear()
        self.refresh()
        self.post_message(self.Shifted())

    class Shifted(Message):
        """Other columns came into view: the screen draws its captions and total again."""


def lines(rows: tuple[ReportRow, ...]) -> list[Any]:
    """The rows as the table holds them."""
    return [ReportLine(row.key, (i,), row) for i, row in enumerate(rows)]
