"""What a report hands over (`kxtui.db.reports`): its query, rows and total — NamedTuples, no
peewee, so the reports screen imports them at start-up.

A report is a table: one row per group (a child region, a theme day, a month …) and one
column per measure (or, in a cross table, per group of a second key). The same report
serves the screen, the command line and the exported sheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import NamedTuple

from kxtui.db.stars import DEFAULT as DEFAULT_STAR_HOURS

# A figure: a count, hours or a rate (Decimal), or None where it does not apply ("-" in a
# sheet: a rate of nothing, last year's 六有 rate, which kxtui does not keep).
Value = int | Decimal | None

# The reports, by the name the command line and the palette give them
ACTIVITIES = "activities"
VOLUNTEERS = "volunteers"
VENUES = "venues"
SCIENCE_DAY = "science-day"
ANNUAL = "annual"
REPORTS = (ACTIVITIES, VOLUNTEERS, VENUES, SCIENCE_DAY, ANNUAL)

# The groupings (`--by`) each report offers, its default first; () for a fixed table
GROUPINGS: dict[str, tuple[str, ...]] = {
    ACTIVITIES: (
        "town",
        "village",
        "theme_day",
        "campaign",
        "format",
        "target_group",
        "month",
        "team",
        "venue_type",
    ),  # fmt: skip
    VOLUNTEERS: ("town", "village", "team"),
    VENUES: ("town", "village", "venue_type"),
    SCIENCE_DAY: (),
    ANNUAL: (),
}
# The groupings whose rows are regions: Enter opens the row's region, Backspace goes back up
REGION_GROUPINGS = ("town", "village")

# The measures of each report, in column order. A dotted key is one part of a measure the
# JSON output nests: "stars.1" is {"stars": {"1": …}}.
MEASURES: dict[str, tuple[str, ...]] = {
    ACTIVITIES: (
        "activities",
        "people_reached",
        "materials",
        "volunteers",
        "volunteer_services",
        "service_hours",
    ),  # fmt: skip
    VOLUNTEERS: (
        "volunteers",
        "inactive",
        "new",
        "platform_registered",
        "platform_rate",
        "students",
        "teams",
        "served",
        "service_hours",
        "average_hours",
        "stars.1",
        "stars.2",
        "stars.3",
        "stars.4",
        "stars.5",
    ),  # fmt: skip
    VENUES: (
        "venues",
        "fully_met",
        "rate",
        "missing.organisation",
        "missing.rules",
        "missing.site",
        "missing.medium",
        "missing.activities",
        "missing.feature",
    ),  # fmt: skip
    SCIENCE_DAY: ("count", "people_reached"),
    ANNUAL: ("this_year", "last_year", "change"),
}
# The reports whose figures do not depend on the period (venues are counted as they are now)
TIMELESS = (VENUES,)
# Star levels (星级) by cumulative service hours, as the national system counts them
STAR_HOURS = DEFAULT_STAR_HOURS


class ReportQuery(NamedTuple):
    """What a report is asked for: which, where (None: the officer's whole view), when (None:
    open-ended), grouped by what; a cross table also names a second key (`across`) and the
    one measure its cells hold. `text` narrows the rows shown by name (the list's search)."""

    report: str = ACTIVITIES
    region_id: int | None = None
    start: date | None = None
    end: date | None = None
    by: str = "town"
    across: str | None = None
    measure: str = "activities"
    text: str = ""


class ReportRow(NamedTuple):
    """One group's figures. `key` is what the group is (a region's or team's id, a code, a
    month "2026-09", "" for the rest: activities held at the region itself, without a theme
    day …); `name` is what officers see (Chinese: the sheets go upward in Chinese); `drill` is
    the region Enter opens."""

    key: str
    name: str
    values: Mapping[str, Value]
    drill: int | None = None


class ClosedNote(NamedTuple):
    """The closing a report's period is under: its numbers are the ones sent upward."""

    name: str  # "2026Q3"
    closed_at: datetime
    closed_by: str


class Report(NamedTuple):
    query: ReportQuery
    region: str  # the region's name; "" for the whole database
    region_id: int | None  # the region reported on (the officer's view root when not asked)
    parent_id: int | None  # the region above it, within the view (Backspace), or None
    columns: tuple[str, ...]  # the keys of `values`: measures, or a cross table's groups
    column_names: Mapping[str, str]  # a cross table's group names (measures: the headers')
    rows: tuple[ReportRow, ...]
    total: Mapping[str, Value]  # over the whole set: a volunteer counted once
    invalid: int = 0  # stored values out of range, left out of the sums
    closed: ClosedNote | None = None
    notes: tuple[str, ...] = ()  # what a reader must know (Chinese: how lines were counted)


class VenueLine(NamedTuple):
    """A venue behind a row of the venues report (its Enter): `type` and `missing` are codes
    (VenueType, SixHave) for the interface to name in its language."""

    id: int
    name: str
    region: str  # the name of the region it is in
    type: str
    missing: tuple[str, ...]
