"""What every phase of the demo build shares: the constants, the seeded RNG, the rows so far.

`Demo` holds one build's state; the phases (`places`, `people`, `activities`) are plain
functions that take it and append to its lists. Ids are assigned here, by position, so region
paths and references need no read-back.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from kxtui.db.demo import data as D
from kxtui.db.engine.first_admin import DEMO_ACTOR, demo_stamp
from kxtui.db.engine.models import BaseModel, database
from kxtui.db.pinyin import pinyin_keys
from kxtui.domain import Gender

DEMO_TODAY = date(2026, 11, 15)
ACTOR = DEMO_ACTOR
WINDOW_START = DEMO_TODAY - timedelta(days=730)  # activities fall in the two years before today
SETUP_AT = datetime.combine(DEMO_TODAY.replace(year=DEMO_TODAY.year - 3), time(9))
JOIN_FROM = date(2019, 1, 1)
JIAOZHOU, JINGZHOU = "370281", "421003"
JIAOZHOU_VOLUNTEERS, JINGZHOU_VOLUNTEERS, MODEL_VOLUNTEERS = 10_759, 3_050, 185
HOURS = (1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4, 4, 5, 6, 8)

Progress = Callable[[str, float], None]
Row = dict[str, Any]


@dataclass(eq=False)
class Node:
    """A region of the tree being built; its row goes in once the whole tree is known."""

    id: int
    parent: Node | None
    kind: str
    name: str
    code: str | None
    path: str  # "/1/5/23/"
    county: str  # the county's code
    town: Node | None = None  # the town-level ancestor (itself for a town)
    population: int | None = None
    children: list[Node] = field(default_factory=list)


def villages_of(county: Node) -> list[Node]:
    """The regions two levels down: villages and communities (Jingzhou: communities)."""
    return [v for town in county.children for v in town.children]


def _sql(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat() if isinstance(value, date) else value


def insert(model: type[BaseModel], rows: Sequence[Row]) -> None:
    """INSERT the rows (dicts by field name; a missing field gets its default) in one go."""
    fields = model._meta.sorted_fields
    names = [f.name for f in fields]
    if rows and not set(rows[0]) <= set(names):
        raise KeyError(sorted(set(rows[0]) - set(names)))
    defaults = [None if callable(f.default) else f.default for f in fields]
    pairs = list(zip(names, defaults, strict=True))
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" * len(fields))
    database.cursor().executemany(
        f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})',
        [tuple(_sql(row.get(n, d)) for n, d in pairs) for row in rows],
    )


stamp = demo_stamp


@cache
def keys(text: str, person: bool = False) -> tuple[str, str]:
    return pinyin_keys(text, person=person)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Demo:
    """One build: the RNG, the rows generated so far, and the small generators that share them.

    Every draw goes through `rng`, so the phases must run, and draw, in the same order.
    """

    # set by the phases, for the phases after them
    counties: tuple[Node, Node]  # places.build_regions: 胶州市, 荆州区
    model: Node  # places.build_regions: the model community (通会桥社区)
    model_school: Row  # places.build_venues
    model_teams: list[Row]  # people.build_teams: in the order of D.MODEL_TEAMS
    town_teams: dict[int, list[Row]]  # people.build_teams: town id -> divisions, professionals
    town_volunteers: dict[int, list[Row]]  # activities.build_activities: town id -> volunteers

    def __init__(self, seed: int, progress: Progress, admin: str = "") -> None:
        self.seed, self.progress, self.rng = seed, progress, random.Random(seed)
        self.admin = admin  # the Unix user who builds it: its county admin
        self.regions: list[Node] = []
        self.venues: list[Row] = []
        self.teams: list[Row] = []
        self.children: dict[int, list[Row]] = defaultdict(list)  # team id -> child teams
        self.volunteers: list[Row] = []
        self.domains: list[tuple[int, str]] = []
        self.officers: list[Row] = []
        self.memberships: list[Row] = []
        self.members: dict[int, list[int]] = defaultdict(list)  # team id -> volunteer ids
        self.joined: set[tuple[int, int]] = set()  # (team id, volunteer id)
        self.activities: list[Row] = []
        self.used: set[str] = set()  # mobiles, ID numbers, platform ids, village names
        self.surnames = {county: D.surname_table(county) for county in (JIAOZHOU, JINGZHOU)}

    # --- small generators ---------------------------------------------------------------

    def unique(self, make: Callable[[], str]) -> str:
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def mobile(self) -> str:
        rng, prefixes, weights = self.rng, list(D.MOBILE_PREFIXES), list(D.MOBILE_PREFIXES.values())
        return self.unique(lambda: f"{rng.choices(prefixes, weights)[0]}{rng.randrange(10**8):08d}")

    def person(self, county: str, age: int) -> Row:
        """Name, gender and birth date of someone aged `age` on DEMO_TODAY."""
        rng = self.rng
        gender = Gender.FEMALE if rng.random() < 0.52 else Gender.MALE
        birth = add_years(DEMO_TODAY, -age - 1) + timedelta(days=1 + rng.randrange(365))
        name = D.person_name(rng, self.surnames[county], gender == Gender.MALE, birth.year)
        return {"name": name, "gender": gender, "birth": birth}

    def id_number(self, county: str, birth: date, gender: str) -> str:
        def make() -> str:
            sequence = self.rng.randrange(500) * 2 + (gender == Gender.MALE)  # odd for men
            first17 = f"{county}{birth:%Y%m%d}{sequence:03d}"
            return first17 + D.id_check_char(first17)

        return self.unique(make)

    def at(self, day: date, lag_days: int = 0) -> datetime:
        """A working-hours timestamp on `day` plus a lag, never after DEMO_TODAY."""
        day = min(day + timedelta(days=lag_days), DEMO_TODAY)
        return datetime.combine(day, time(8)) + timedelta(minutes=self.rng.randrange(600))

    def spread(self, total: int, slots: int, low: int, high: int) -> list[int]:
        """`total` split unevenly over `slots`, each between low and high."""
        counts, weights = [low] * slots, [self.rng.uniform(0.3, 2.0) for _ in range(slots)]
        while sum(counts) < total:
            i = self.rng.choices(range(slots), weights)[0]
            counts[i] += counts[i] < high
        return counts
