"""The venues behind a row of 阵地与六有 (its Enter): in the row's region or of its venue type,
each with the haves it falls short of; Enter opens a venue's form, where they are ticked."""

from __future__ import annotations

from typing import Any, NamedTuple

from textual.binding import Binding

from kxtui.db.report_rows import VenueLine
from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.domain import SixHave, VenueType
from kxtui.i18n import label, t
from kxtui.screens.list_screen import ListScreen, page_of
from kxtui.widgets.paged_table import PagedTable


class VenueFilter(NamedTuple):
    region_id: int | None
    venue_type: str | None = None
    text: str = ""


class VenueRow(NamedTuple):
    """A venue as the table holds it: its place in the list (`key`) and the venue."""

    id: int
    key: tuple[int]
    venue: VenueLine


class VenueTable(PagedTable):
    NARROW = (("name", 0), ("region", 12), ("missing", 24))
    WIDE = (("name", 0), ("region", 16), ("type", 16), ("missing", 36))
    CAPTIONS = "report.venues.col"

    def cell(self, row: VenueRow, column: str) -> str:
        venue = row.venue
        if column == "type":
            return label(venue.type, VenueType)
        if column == "missing":
            if not venue.missing:
                return t("report.venues.all_met")
            return "·".join(label(have, SixHave).removeprefix("有") for have in venue.missing)
        return str(getattr(venue, column))


class ReportVenuesScreen(ListScreen[VenueFilter, VenueTable]):
    NAME = "report.venues"
    TABLE = VenueTable
    TOUCHES = ("venue", "activity", "region")
    OPEN = "open"
    BINDINGS = [
        Binding("slash", "search", "key.search", id="report_venues.search"),
        Binding("enter,e", "open", "key.open", id="report_venues.open"),
        Binding("escape", "back", "key.back", id="report_venues.back"),
    ]
    KEY_RANK = ("open", "search", "back")

    def __init__(self, where: str, f: VenueFilter) -> None:
        self.where = where  # the row's name: its region or venue type
        super().__init__(f)

    def page(self, f: VenueFilter, **where: Any) -> tuple[VenueRow, ...]:
        from kxtui.db.reports import name_matches
        from kxtui.db.reports.venues import venues_of

        venues = [v for v in venues_of(f.region_id, f.venue_type)
                  if name_matches(v.name, f.text) or name_matches(v.region, f.text)]  # fmt: skip
        return page_of([VenueRow(v.id, (i,), v) for i, v in enumerate(venues)], where)

    def count(self, f: VenueFilter) -> tuple[int, int]:
        """(venues, fully meeting the six haves)."""
        rows = self.page(f, limit=1_000_000)
        return len(rows), sum(not row.venue.missing for row in rows)

    @staticmethod
    def total(counted: tuple[int, int]) -> int:
        return counted[0]

    def count_text(self, counted: tuple[int, int]) -> str:
        return t("report.venues.count", count=f"{counted[0]:,}", met=f"{counted[1]:,}")

    def filter_parts(self) -> list[str]:
        parts = [t("report.what.venues"), clean(self.where, 30)]
        if self.filter.text.strip():
            parts.append(t("ledger.f.text", text=clean(self.filter.text, 20)))
        return parts

    def action_open(self) -> None:
        row = self.selected
        if row is None:
            return
        from kxtui.screens.venue_form import VenueFormScreen

        VenueFormScreen.open_stored(self, {"venue_id": row.id}, self.written, self.reload)


def venues_screen(line_key: str, name: str, by: str, region: Choice | None) -> ReportVenuesScreen:
    """The venues behind a row of the venues report grouped `by` (its `line_key`)."""
    if by == "venue_type":
        f = VenueFilter(region.id if region else None, line_key or None)
    elif line_key:
        f = VenueFilter(int(line_key))
    else:  # the region's own venues are listed with those below it
        f = VenueFilter(region.id if region else None)
    return ReportVenuesScreen(name, f)
