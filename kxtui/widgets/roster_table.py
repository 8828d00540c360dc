"""The volunteer roster's table: a `PagedTable` of `roster.page`."""

from __future__ import annotations

from kxtui.db.codes import is_odd
from kxtui.db.rows import RosterFilter, RosterRow
from kxtui.domain import Gender
from kxtui.i18n import label, t
from kxtui.widgets.paged_table import Page, PagedTable


def masked(mobile: str | None) -> str:
    """138****5678: enough to tell two people apart on a shared screen."""
    if not mobile:
        return ""
    return mobile[:3] + "****" + mobile[-4:] if len(mobile) == 11 else "****"


class RosterTable(PagedTable):
    NARROW = (("name", 0), ("mobile", 11), ("region", 10), ("registered", 4), ("year", 8),
              ("total", 12), ("last", 10))  # fmt: skip
    WIDE = (("name", 0), ("gender", 4), ("mobile", 11), ("region", 12), ("teams", 24),
            ("registered", 4), ("student", 4), ("year", 8), ("total", 13),
            ("last", 10))  # fmt: skip
    RIGHT = frozenset({"year", "total"})
    CAPTIONS = "roster.col"

    def __init__(self, page: Page, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(page, id=id)
        self.filter = RosterFilter()
        self.unmasked = False

    def unmask(self, unmasked: bool) -> None:
        self.unmasked = unmasked
        self._lines.clear()
        self.refresh()

    def cell(self, row: RosterRow, column: str) -> str:
        if column == "name":
            return row.name if row.active else t("roster.inactive", name=row.name)
        if column == "gender":
            return label(row.gender, Gender) if row.gender else ""
        if column == "mobile":
            return (row.mobile or "") if self.unmasked else masked(row.mobile)
        if column in ("registered", "student"):
            value = getattr(row, column)
            if is_odd(value):  # a flag another program stored as neither 0 nor 1
                return format(value)
            return t("roster.yes") if value else t("roster.no")
        if column == "year":
            return f"{row.hours_this_year:,}"
        if column == "total":
            return f"{row.hours_total:,} {'★' * row.stars:<5}"
        if column == "last":
            return str(row.last_served) if row.last_served else t("roster.never")
        return getattr(row, column)
