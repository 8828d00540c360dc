"""What the data layer hands to screens: named tuples (immutable, cheap to build), no peewee.

Screens import these at start-up; the query modules that produce them are imported by the
worker threads that run the queries, so the first frame does not wait for the models.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
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


class RegionInput(NamedTuple):
    """What the region form submits."""

    name: str
    kind: str
    code: str = ""
    population: str = ""


class Dependants(NamedTuple):
    regions: int
    venues: int
    activities: int
    volunteers: int
    teams: int
    officers: int

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
    people_reached_this_year: int
    activities_total: int

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
