"""What the data layer hands to screens: frozen dataclasses and named tuples, no peewee.

Screens import these at start-up; the query modules that produce them are imported by the
worker threads that run the queries, so the first frame does not wait for the models.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple


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


@dataclass(frozen=True)
class Crumb:
    ref: NodeRef
    name: str
    type: str


@dataclass(frozen=True)
class Shortfall:
    """A venue that misses some of the six haves."""

    venue_id: int
    name: str
    region_name: str
    missing: tuple[str, ...]  # SixHave codes


@dataclass(frozen=True)
class RegionDetail:
    id: int
    version: int
    name: str
    kind: str
    code: str | None
    population: int | None
    path: tuple[Crumb, ...]  # root first, this region last
    towns: int
    villages: int
    grids: int
    venues_by_type: tuple[tuple[str, int], ...]
    teams: int
    volunteers: int
    officers: int
    activities_this_year: int
    people_reached_this_year: int
    shortfalls: tuple[Shortfall, ...]
    shortfall_total: int

    @property
    def venues(self) -> int:
        return sum(count for _, count in self.venues_by_type)


@dataclass(frozen=True)
class RegionInput:
    """What the region form submits."""

    name: str
    kind: str
    code: str = ""
    population: str = ""


@dataclass(frozen=True)
class Dependants:
    regions: int
    venues: int
    activities: int
    volunteers: int
    teams: int
    officers: int

    def any(self) -> bool:
        return any(vars(self).values())


@dataclass(frozen=True)
class SixHaveState:
    item: str  # SixHave code
    met: bool
    note: str


@dataclass(frozen=True)
class VenueDetail:
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
    people_reached_this_year: int
    activities_total: int

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(s.item for s in self.six if not s.met)


@dataclass(frozen=True)
class VenueInput:
    """What the venue form submits; `six` maps a SixHave code to (met, note)."""

    name: str
    type: str
    level: str = ""
    contact: str = ""
    phone: str = ""
    address: str = ""
    six: dict[str, tuple[bool, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchHit:
    ref: NodeRef
    name: str
    type: str  # RegionKind or VenueType
    where: tuple[str, ...]  # names of the enclosing regions, top first
