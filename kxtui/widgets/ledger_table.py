"""The activity ledger's table: a `PagedTable` of `ledger.page`."""

from __future__ import annotations

from typing import Any

from kxtui.db.rows import LedgerFilter, LedgerRow
from kxtui.domain import ActivityFormat
from kxtui.i18n import label
from kxtui.widgets.paged_table import PAGE, PagedTable


def _page(f: LedgerFilter, after: Any, before: Any, offset: int) -> tuple[LedgerRow, ...]:
    from kxtui.db import ledger

    return ledger.page(f, after=after, before=before, offset=offset, limit=PAGE)


class LedgerTable(PagedTable):
    # 80 columns: where (the venue, or the region of an activity held at none) and who
    # organised it, cut with "…"; the format is in the filters and the wide layout
    NARROW = (("date", 10), ("title", 0), ("place", 12), ("organiser", 10), ("reach", 7),
              ("hours", 6))  # fmt: skip
    WIDE = (("date", 10), ("title", 0), ("region", 12), ("venue", 18), ("organiser", 14),
            ("format", 10), ("reach", 7), ("hours", 8))  # fmt: skip
    RIGHT = frozenset({"reach", "hours"})
    CAPTIONS = "ledger.col"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.filter = LedgerFilter()

    def fetch(self, after: Any, before: Any, offset: int) -> tuple[Any, tuple]:
        return _page, (self.filter, after, before, offset)

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
