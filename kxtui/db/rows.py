"""What the data layer hands to screens: named tuples (immutable, cheap to build), no peewee.

Screens import these at start-up; the query modules that produce them are imported by the
worker threads that run the queries, so the first frame does not wait for the models.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any, NamedTuple

from kxtui.db.codes import Odd
from kxtui.db.numbers import Invalid
from kxtui.db.pinyin import search_key

# A number read from the database is INVALID (`kxtui.db.numbers`) where it was out of range:
# `Count` and `Hours` are what a screen formats, never a value it must test first.
Count = int | Invalid
Hours = Decimal | Invalid


class NodeRef(NamedTuple):
    """A node of the hierarchy: a region or a venue."""

    kind: str  # "region" | "venue"
    id: int


class TreeRow(NamedTuple):
    """One child in the tree, with the counts its label shows (a tuple: a town may have
    1,000 of them, and tuples are built several times faster than frozen dataclasses)."""

    ref: NodeRef
    name: str
    type: str  # RegionKind for regions, VenueType for venues
    towns: int = 0  # child 镇
    subdistricts: int = 0  # child 街道
    villages: int = 0  # child 村
    communities: int = 0  # child 社区
    grids: int = 0
    venues: int = 0  # venues in the whole subtree
    expandable: bool = False
    six_met: int = 0  # venues only: how many of the six haves are met


class Crumb(NamedTuple):
    ref: NodeRef
    name: str
    type: str


class Shortfall(NamedTuple):
    """A venue that misses some of the six haves."""

    venue_id: int
    name: str
    region_name: str
    missing: tuple[str, ...]  # SixHave codes


class RegionDetail(NamedTuple):
    id: int
    version: int
    name: str
    kind: str
    code: str | None
    population: Count | None
    path: tuple[Crumb, ...]  # root first, this region last
    towns: int
    villages: int
    grids: int
    venues_by_type: tuple[tuple[str, int], ...]
    teams: int
    volunteers: int
    officers: int
    activities_this_year: int
    people_reached_this_year: int  # leaving out the values out of range:
    shortfalls: tuple[Shortfall, ...]
    shortfall_total: int
    region_path: str  # the stored path ("/1/5/"): whether the officer may change it
    invalid_this_year: int = 0  # how many it left out

    @property
    def venues(self) -> int:
        return sum(count for _, count in self.venues_by_type)


class RegionInput(NamedTuple):
    """What the region form submits."""

    name: str
    kind: str
    code: str = ""
    population: str = ""


class Dependants(NamedTuple):
    """What lies in a region's subtree (`regions.subtree_counts`): the tree's figures and what
    a delete refuses to leave behind."""

    regions: int  # below it
    venues: int
    activities: int  # soft-deleted ones too: they still name the region
    volunteers: int
    teams: int  # not dissolved
    dissolved_teams: int  # their records stay (activities name them), based in the subtree
    officers: int  # village liaisons and grid officers (联络员/网格员)
    accounts: int  # officer accounts working in or viewing a region of it

    def any(self) -> bool:
        return any(self)


class SixHaveState(NamedTuple):
    item: str  # SixHave code
    met: bool
    note: str


class VenueDetail(NamedTuple):
    id: int
    version: int
    region_id: int
    name: str
    type: str
    level: str | None
    contact: str
    phone: str
    address: str
    six: tuple[SixHaveState, ...]
    path: tuple[Crumb, ...]
    activities_this_year: int
    people_reached_this_year: int  # leaving out the values out of range:
    activities_total: int
    region_path: str  # its region's stored path ("/1/5/"): whether the officer may change it
    invalid_this_year: int = 0  # how many it left out

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(s.item for s in self.six if not s.met)


class VenueInput(NamedTuple):
    """What the venue form submits; `six` maps a SixHave code to (met, note)."""

    name: str
    type: str
    level: str = ""
    contact: str = ""
    phone: str = ""
    address: str = ""
    six: Mapping[str, tuple[bool, str]] = MappingProxyType({})


class SearchHit(NamedTuple):
    ref: NodeRef
    name: str
    type: str  # RegionKind or VenueType
    where: tuple[str, ...]  # names of the enclosing regions, top first


# -- activities ----------------------------------------------------------------------------


class Choice(NamedTuple):
    """An autocomplete suggestion: a venue, team or volunteer."""

    id: int
    name: str
    hint: str = ""  # where it is, or a volunteer's village
    flag: bool = False  # volunteers: not registered on the national platform


class ServiceInput(NamedTuple):
    """One volunteer who served, with the hours as typed."""

    volunteer_id: int
    name: str
    hours: str


class ActivityInput(NamedTuple):
    """What the activity form submits: text as typed, parsed and checked by the data layer.

    `confirmed` is set when the officer has seen the warnings (odd dates, huge numbers, hours
    above the activity's duration) and saves anyway.
    """

    title: str
    start: str
    end: str
    duration: str  # hours the activity lasted
    region_id: int | None
    venue_id: int | None = None
    organiser_team_id: int | None = None
    organiser: str = ""
    theme_day: str = ""
    campaign: str = ""
    target_groups: tuple[str, ...] = ()
    format: str = ""
    people_reached: str = ""
    materials: str = ""
    notes: str = ""
    service: tuple[ServiceInput, ...] = ()
    confirmed: bool = False


class ServiceLine(NamedTuple):
    volunteer_id: int
    name: str
    hours: Hours
    registered: bool


class ActivityDetail(NamedTuple):
    id: int
    version: int
    title: str
    start_date: date
    end_date: date
    duration: Hours
    region: Choice
    venue: Choice | None
    organiser_team: Choice | None
    organiser: str
    theme_day: str | None
    campaign: str | None
    target_groups: tuple[str, ...]
    format: str
    people_reached: Count
    materials: Count
    notes: str
    service: tuple[ServiceLine, ...]
    deleted: bool
    region_path: str = ""  # whose edit area it lies in


class VolunteerInput(NamedTuple):
    """What the volunteer form submits: text as typed, checked and normalised by the data layer.

    `confirmed` is set when the officer has seen the warnings (someone of the same name, or a
    name that sounds the same, in the same village) and saves anyway.
    """

    name: str
    region_id: int | None
    gender: str = ""  # a Gender code; empty: taken from the ID number if there is one
    mobile: str = ""
    id_number: str = ""
    birth_date: str = ""  # empty: taken from the ID number if there is one
    skills: str = ""
    domains: tuple[str, ...] = ()
    team_ids: tuple[int, ...] = ()
    platform_registered: bool = False
    platform_id: str = ""
    is_student: bool = False
    active: bool = True
    joined_on: str = ""
    notes: str = ""
    confirmed: bool = False


class ServiceHistoryLine(NamedTuple):
    """One activity a volunteer served at, or one record of their historical hours (历史时数,
    `historical`: served elsewhere before the county used kxtui)."""

    id: int  # the service record (the historical hours' record)
    activity_id: int  # 0 for historical hours
    start_date: date | Odd | None  # Odd: not a date (codes.day)
    title: str
    place: str  # the venue, or the region when the activity had no venue ("" historical)
    hours: Hours
    key: tuple[Any, ...]  # its place in the history, for keyset paging
    organiser: str = ""  # the organising team, or unit
    historical: bool = False
    end_date: date | Odd | None = None
    source: str = ""  # historical hours: where they were recorded
    volunteer_id: int = 0
    volunteer: str = ""  # the volunteer's name (a team's statement lists several)


class ServiceQuery(NamedTuple):
    """Whose service and when: a volunteer's, or a team's (its members and those of the
    teams below it); a period of start dates (None: open)."""

    volunteer_id: int | None = None
    team_id: int | None = None
    start: date | None = None
    end: date | None = None


class ServiceTotals(NamedTuple):
    """The totals of a `ServiceQuery`: lines and hours, and the historical part of each;
    `left_out` lines whose hours are out of range (not added)."""

    lines: int
    hours: Hours
    historical_lines: int
    historical_hours: Hours
    left_out: int


class Membership(NamedTuple):
    """A team a volunteer belongs to."""

    team_id: int
    path: tuple[str, ...]  # team names, the 总队 first and this team last
    joined_on: date | Odd | None


class TeamNode(NamedTuple):
    """One team in the team tree. `members` are the distinct volunteers of the team and of
    the teams below it, each counted once; `hours_this_year` their service hours this year."""

    ref: NodeRef  # NodeRef("team", id)
    name: str
    level: str  # a TeamLevel code
    domain: str | None
    members: int
    hours_this_year: Hours
    expandable: bool
    region_path: str  # of the region the team is based in: who may change it


class TeamDetail(NamedTuple):
    """One team as its form edits it."""

    id: int
    version: int
    name: str
    level: str  # a TeamLevel code
    domain: str | None
    region: Choice  # where the team is based
    leader: Choice | None
    parent: Choice | None
    parent_level: str | None
    region_path: str


class TeamMembers(NamedTuple):
    """A team and its own members (not those of the teams below it), as its members' form
    edits them."""

    team: TeamDetail
    members: tuple[Choice, ...]


class TeamInput(NamedTuple):
    """A team's fields as typed (ids of the records chosen)."""

    name: str
    level: str
    domain: str
    region_id: int | None
    leader_id: int | None


class TeamCounts(NamedTuple):
    """What dissolving a team touches: live teams below it, its own members, and the
    activities it organised (they keep its name)."""

    sub_teams: int
    members: int
    activities: int


class VolunteerDetail(NamedTuple):
    id: int
    version: int
    name: str
    gender: str | None
    mobile: str | None
    id_number: str | None
    birth_date: date | None
    region: Choice
    skills: str
    domains: tuple[str, ...]
    teams: tuple[Choice, ...]
    platform_registered: bool
    platform_id: str | None
    is_student: bool
    active: bool
    joined_on: date | None
    notes: str
    activities: int  # activities served at (deleted ones not counted)
    hours: Hours  # service hours in all, historical hours included
    memberships: tuple[Membership, ...]
    historical: int = 0  # records of historical hours
    historical_hours: Hours = Decimal(0)  # their hours (in `hours` too)
    stars: int = 0  # the star level of `hours`
    to_next_star: Decimal | None = None  # hours missing to the next level (None at the top)


class LedgerFilter(NamedTuple):
    """Which activities the ledger shows. Empty strings and None mean "any"."""

    region_id: int | None = None  # the subtree (county, town ...)
    start: date | None = None
    end: date | None = None
    venue_type: str = ""
    theme_day: str = ""  # a ThemeDay code, or "none" for activities without one
    campaign: str = ""  # a Campaign code, or "none"
    format: str = ""
    text: str = ""
    sort: str = "date"  # date | reach | venue


class LedgerRow(NamedTuple):
    id: int
    start_date: date
    end_date: date
    title: str
    region: str
    venue: str
    organiser: str
    theme_day: str | None
    campaign: str | None
    format: str
    people_reached: Count
    materials: Count
    volunteers: int
    hours: Hours
    key: tuple[object, ...]  # sort key (keyset pagination resumes after it)
    version: int
    region_path: str  # its region's stored path ("/1/5/"): whether the officer may change it


class LedgerTotals(NamedTuple):
    """The sums leave out the values out of range (`invalid` counts them)."""

    activities: int
    people_reached: int
    materials: int
    hours: Hours
    volunteers: int  # distinct volunteers who served
    invalid: int = 0


class Draft(NamedTuple):
    """A form's unsaved state: `data` holds what the form needs to reopen ("context") and the
    fields as typed ("values")."""

    form: str
    target: str
    summary: str
    data: dict[str, Any]
    updated_at: datetime


class RosterFilter(NamedTuple):
    """Which volunteers the roster shows. None and empty strings mean "any"."""

    region_id: int | None = None  # the subtree the volunteers live in
    team_id: int | None = None  # members of this team or of a team below it
    domain: str = ""
    registered: bool | None = None  # on the national platform
    student: bool | None = None
    active: bool | None = None
    served: bool | None = None  # served (or not) between `start` and `end`
    start: date | None = None
    end: date | None = None
    text: str = ""  # name characters, pinyin, initials or mobile digits
    sort: str = "name"  # name | hours | last
    check: str = ""  # a roster check (roster_checks.CHECKS): only the volunteers it finds
    stars: int | None = None  # only the volunteers at this star level (0 to 5)


class RosterRow(NamedTuple):
    id: int
    name: str
    gender: str | None
    mobile: str | None
    region: str
    teams: str  # team names, "、"-separated
    domains: str  # Domain codes, comma-separated
    registered: bool | Odd  # Odd: not 0 or 1 (codes.flag)
    student: bool | Odd
    active: bool | Odd
    hours_this_year: Hours
    hours_total: Hours
    last_served: date | Odd | None
    key: tuple[Any, ...]  # its place in the sort, for keyset paging
    stars: int = 0  # the star level of hours_total (`stars.level`, the county's thresholds)


class CheckList(NamedTuple):
    """The first rows a roster check lists, and how many it found in all."""

    rows: tuple[Any, ...]
    total: int


class TeamSize(NamedTuple):
    id: int
    name: str
    level: str  # a TeamLevel code
    region: str
    active: int  # members who are active
    members: int  # all members


class RegionDensity(NamedTuple):
    id: int
    name: str
    kind: str  # a RegionKind code
    volunteers: int  # living in the region or below
    population: Count | None
    villages: int  # villages and communities in the region (itself included)

    @property
    def per_thousand(self) -> Decimal | None:
        """Volunteers per 1,000 residents, when the population is known."""
        if not self.population or isinstance(self.population, Invalid):
            return None
        return round(Decimal(self.volunteers * 1000) / self.population, 1)

    @property
    def per_village(self) -> Decimal | None:
        if not self.villages:
            return None
        return round(Decimal(self.volunteers) / self.villages, 1)


class GridOfficerRow(NamedTuple):
    id: int
    name: str
    grid: str
    community: str
    mobile: str | None


class AuditFilter(NamedTuple):
    """Which audit entries the audit screen shows. None means "any"."""

    actor: str | None = None  # the officer (today: the Unix login name)
    region_id: int | None = None  # entries of records in this region's subtree
    entity: str | None = None  # region / venue / activity / volunteer / database
    start: date | None = None
    end: date | None = None
    text: str = ""  # characters of the summary, the region or the officer (name or login)


class AuditWriter(NamedTuple):
    """Someone who has written in the reader's view: the Unix user (the entries' actor), the
    name of their officer account ("" without one), and what a search finds them by."""

    user: str
    name: str
    keys: tuple[str, ...]  # the user, the name, its pinyin and initials (see `matches`)

    def matches(self, query: str) -> bool:
        """Whether a typed query ("李", "liming", "lm", a login name) finds this writer."""
        key = search_key(query) if query.isascii() else "".join(query.split())
        return any(key in k for k in self.keys)


class AuditRow(NamedTuple):
    id: int
    at: datetime
    actor: str
    action: str  # create / update / delete / restore / import / undo / demo
    entity: str
    entity_id: int | None
    summary: str
    region: str  # the name of the record's region ("" when unknown)
    undoes: int | None  # for an undo: the entry it reversed
    undone: bool  # a later undo reversed this entry
    key: tuple[Any, ...]  # its place in the sort, for keyset paging
    account: str = ""  # the user name of the account written as ("" for none; see `actor`)


class AuditChange(NamedTuple):
    """One field of an audit entry: its value before and after (JSON values; None = none)."""

    field: str
    old: Any
    new: Any


# (table, id) -> the name of the record: the regions, venues, teams and volunteers an audit
# entry refers to by id
RecordNames = Mapping[tuple[str, int], str]


class AuditDetail(NamedTuple):
    row: AuditRow
    changes: tuple[AuditChange, ...]
    names: RecordNames = MappingProxyType({})  # of the ids the changes hold


class OfficerRow(NamedTuple):
    """An officer account as the officer screen and `kxtui officer list` show it."""

    id: int
    user_name: str
    name: str
    role: str  # AccessRole
    region: Choice | None  # None: the whole database
    view_region: Choice | None  # a wider subtree they may read, if any
    active: bool
    version: int


class OfficerInput(NamedTuple):
    """A new officer account as typed (the form) or given (`kxtui officer add`)."""

    user_name: str
    name: str
    role: str
    region_id: int | None = None  # None: the whole database (county admins and viewers)
    view_region_id: int | None = None
    phone: str | None = None  # 联系电话, for the reports they hand over


class ClosedPeriod(NamedTuple):
    """A closed period (`kxtui.db.periods`): no activity dated in it is created, changed,
    deleted or imported in the region's subtree."""

    id: int
    region_id: int | None  # None: the whole database
    region_name: str  # "" for the whole database
    start: date
    end: date
    closed_at: datetime
    closed_by: str  # the officer's name
    name: str  # "2026Q3" (`dates.period_name`), or "2026-07-01—2026-08-15"
    reopened_at: datetime | None = None
    reopened_by: str | None = None

    @property
    def in_force(self) -> bool:
        return self.reopened_at is None


class TownCount(NamedTuple):
    """Activities of one town (a child region of the calendar's root) for a theme day."""

    region_id: int | None  # None: logged at the root region itself
    name: str  # "" for the root itself
    activities: int
    people_reached: int


class CalendarEntry(NamedTuple):
    """A theme day or a deadline of the year's calendar (`kxtui.db.calendar`), with the
    activities logged for a theme so far (all zero for a deadline)."""

    id: int  # year × 100 + its number: a default has its id before it is stored
    version: int  # 0: a default nobody has edited
    year: int
    code: str  # "science_day", "statistics" ...
    kind: str  # "theme" | "deadline"
    theme: str | None  # a ThemeDay code for a theme
    name: str
    start: date
    end: date
    notes: str
    days_left: int  # to the start, from today (negative once it began)
    activities: int = 0
    people_reached: int = 0
    by_town: tuple[TownCount, ...] = ()

    @property
    def is_default(self) -> bool:
        return self.version == 0
