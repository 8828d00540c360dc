"""The activity ledger's table: a `PagedTable` of the ledger's pages (`ledger.page`)."""

from __future__ import annotations

from kxtui.db.rows import LedgerFilter, LedgerRow
from kxtui.domain import ActivityFormat
from kxtui.i18n import label
from kxtui.widgets.paged_table import Page, PagedTable


class LedgerTable(PagedTable):
    # 80 columns: where (the venue, or the region of an activity held at none) and who
    # organised it, cut with "…"; the format is in the filters and the wide layout
    NARROW = (("date", 10), ("title", 0), ("place", 12), ("organiser", 10), ("reach", 7),
              ("hours", 6))  # fmt: skip
    WIDE = (("date", 10), ("title", 0), ("region", 12), ("venue", 18), ("organiser", 14),
            ("format", 10), ("reach", 7), ("hours", 8))  # fmt: skip
    RIGHT = frozenset({"reach", "hours"})
    CAPTIONS = "ledger.col"

    def __init__(self, page: Page, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(page, id=id)
        self.filter = LedgerFilter()

    def cell(self, row: LedgerRow, column: str) -> str:
        if column == "date":
            return str(row.start_date)
        if column == "format":
            return label(row.format, ActivityFormat)
        if column == "reach":
            return f"{row.people_reached:,}"
        if column == "hours":
            return f"{row.hours}"
        if column == "place":
            return row.venue or row.region
        return getattr(row, column)
