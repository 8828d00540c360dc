"""What the phases of one province build share: the RNG, the id counters, the used numbers,
and the tree of the county being built.

Counties are built one after another, each in its own transaction; a `County` holds what the
later phases of the same county need (places, venues, teams, volunteers) and is dropped after.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from kxtui.db.demo.province.draw import IdNumbers, Names, Random

Row = tuple[object, ...]
Rows = Sequence[Sequence[object]]  # tuples (an activity's row is a list)
T = TypeVar("T")


@dataclass(eq=False, slots=True)
class Place:
    """A region of the tree being built."""

    id: int
    kind: str
    name: str
    code: str | None
    path: str  # "/1/5/23/"
    parent: Place | None
    town: Place | None  # the town-level ancestor (itself for a town)
    order: int  # among its siblings, from 1
    population: int | None = None
    children: list[Place] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class VenueRef:
    id: int
    region: Place
    type: str
    name: str


@dataclass(eq=False, slots=True)
class TeamNode:
    id: int
    parent: TeamNode | None
    name: str
    level: str
    domain: str | None
    region: Place
    children: list[TeamNode] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # volunteer ids
    cap: int | None = None  # a deliberately small team takes at most this many members
    leader: int | None = None


@dataclass(eq=False)
class County:
    """One county-level division and, while it is built, its places, teams and people."""

    order: int  # its place among the province's counties, from 1
    code: str
    name: str  # as shown: 历下区 takes its city, "济南市历下区"; 平阴县 stays 平阴县
    city: str
    area_code: str
    share: int  # volunteers to create here
    node: Place | None = None
    towns: list[Place] = field(default_factory=list)
    venues: dict[int, list[VenueRef]] = field(default_factory=dict)  # town id -> its venues
    teams: list[TeamNode] = field(default_factory=list)
    # town id -> its divisions (领域分队) by domain, and those plus its professional teams
    divisions: dict[int, dict[str, TeamNode]] = field(default_factory=dict)
    town_teams: dict[int, list[TeamNode]] = field(default_factory=dict)
    # per volunteer, by id - first_volunteer: town id, join day (ordinal), service weight
    first_volunteer: int = 0
    volunteer_towns: list[int] = field(default_factory=list)
    volunteer_joined: list[int] = field(default_factory=list)
    volunteer_weights: list[int] = field(default_factory=list)
    names: Names | None = None
    id_numbers: IdNumbers | None = None

    @property
    def address(self) -> str:
        """The address prefix: 山东省济南市历下区, 山东省济南市平阴县."""
        return "山东省" + (self.name if self.name.startswith(self.city) else self.city + self.name)

    @property
    def short(self) -> str:
        """历下, 平阴, 胶州: for 科普·胶州 and unit names."""
        return self.name.removeprefix(self.city)[:-1] or self.name


class Province:
    """One build: the RNG, the next free ids, the numbers already given out, and the rows made
    since they were last taken (to be inserted by the building process)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.random: Random = self.rng.random
        tables = ("region", "venue", "team", "volunteer", "officer", "activity")
        self.last_id = dict.fromkeys(tables, 0)
        self.mobiles: set[str] = set()
        self.id_numbers: set[str] = set()
        self.platform_ids: set[str] = set()
        counted = ("counties", "regions", "venues", "teams", "volunteers", "officers",
                   "activities", "service_records", "memberships")  # fmt: skip
        self.counts = dict.fromkeys(counted, 0)
        self.rows: list[tuple[str, Rows]] = []

    def add_rows(self, table: str, rows: Rows) -> None:
        """Rows for `table`, in `bulk.COLUMNS[table]` order."""
        self.rows.append((table, rows))

    def take_rows(self) -> list[tuple[str, Rows]]:
        rows, self.rows = self.rows, []
        return rows

    def new_id(self, table: str) -> int:
        self.last_id[table] += 1
        return self.last_id[table]

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def below(self, n: int) -> int:
        """A uniform integer in [0, n)."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """A uniform integer in [low, high]."""
        return low + int(self.random() * (high - low + 1))
