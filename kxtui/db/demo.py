"""The demo database: Jiaozhou (the county grid) and Jingzhou (the "1+7" community model).

`build_demo(path, seed=...)` fills a new database with the structures and figures of
DOMAIN.md. Everything derives from `random.Random(seed)` and `DEMO_TODAY`, never from the real
clock, so one seed always gives the same content. Ids are assigned here, so region paths and
references need no read-back; rows go in with `executemany`, one transaction per phase.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from kxtui.db import demo_data as D
from kxtui.db.connection import open_database
from kxtui.db.models import (
    Activity,
    AuditEntry,
    BaseModel,
    Meta,
    Officer,
    Region,
    ServiceRecord,
    Team,
    TeamMembership,
    Venue,
    Volunteer,
    VolunteerDomain,
    database,
)
from kxtui.db.pinyin import pinyin_keys
from kxtui.domain import (
    SEVEN_POINTS,
    TOWN_LEVEL,
    Campaign,
    Domain,
    Gender,
    PersonRole,
    RegionKind,
    SixHave,
    TeamLevel,
    ThemeDay,
    VenueType,
)

DEMO_TODAY = date(2026, 11, 15)
ACTOR = "kxtui-demo"
WINDOW_START = DEMO_TODAY - timedelta(days=730)  # activities fall in the two years before today
SETUP_AT = datetime.combine(DEMO_TODAY.replace(year=DEMO_TODAY.year - 3), time(9))
JOIN_FROM = date(2019, 1, 1)
JIAOZHOU, JINGZHOU = "370281", "421003"
JIAOZHOU_VOLUNTEERS, JINGZHOU_VOLUNTEERS, MODEL_VOLUNTEERS = 10_759, 3_050, 185
HOURS = (1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4, 4, 5, 6, 8)

Progress = Callable[[str, float], None]
Row = dict[str, Any]


@dataclass(eq=False)
class _Region:
    id: int
    parent: _Region | None
    kind: str
    name: str
    code: str | None
    path: str  # "/1/5/23/"
    county: str  # the county's code
    town: _Region | None = None  # the town-level ancestor (itself for a town)
    population: int | None = None
    children: list[_Region] = field(default_factory=list)


def build_demo(path: Path, *, seed: int = 2026, progress: Progress | None = None) -> None:
    """Create the demo database at `path`, which must be missing or empty."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise FileExistsError(path)
    open_database(path)
    _Builder(seed, progress or (lambda _label, _fraction: None)).run()


def _sql(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value.isoformat() if isinstance(value, date) else value


def _insert(model: type[BaseModel], rows: Sequence[Row]) -> None:
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


def _stamp(at: datetime) -> Row:
    return {"created_at": at, "created_by": ACTOR, "updated_at": at, "updated_by": ACTOR,
            "version": 1}  # fmt: skip


@cache
def _keys(text: str, person: bool = False) -> tuple[str, str]:
    return pinyin_keys(text, person=person)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class _Builder:
    def __init__(self, seed: int, progress: Progress) -> None:
        self.seed, self.progress, self.rng = seed, progress, random.Random(seed)
        self.regions: list[_Region] = []
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

    def run(self) -> None:
        phases = (
            ("生成行政区划", 0.0, self.build_regions), ("生成科普阵地", 0.05, self.build_venues),
            ("生成志愿服务队", 0.1, self.build_teams), ("生成志愿者", 0.15, self.build_people),
            ("生成活动台账", 0.7, self.build_activities), ("写入元数据", 0.95, self.finish),
        )  # fmt: skip
        for label, fraction, phase in phases:
            self.progress(label, fraction)
            with database.atomic("IMMEDIATE"):
                phase()
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file
        self.progress("完成", 1.0)

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
        birth = _add_years(DEMO_TODAY, -age - 1) + timedelta(days=1 + rng.randrange(365))
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

    # --- regions ------------------------------------------------------------------------

    def region(self, parent: _Region | None, kind: str, name: str, code: str | None,
               population: int | None = None) -> _Region:  # fmt: skip
        rid = len(self.regions) + 1
        node = _Region(rid, parent, kind, name, code, f"{parent.path if parent else '/'}{rid}/",
                       parent.county if parent else code or "", population=population)  # fmt: skip
        node.town = node if kind in TOWN_LEVEL else parent.town if parent else None
        self.regions.append(node)
        if parent:
            parent.children.append(node)
        return node

    def build_regions(self) -> None:
        rng = self.rng
        jz = self.region(None, RegionKind.COUNTY, "胶州市", JIAOZHOU)
        towns = [(RegionKind.SUBDISTRICT, n) for n in D.JIAOZHOU_SUBDISTRICTS]
        towns += [(RegionKind.TOWN, n) for n in D.JIAOZHOU_TOWNS]
        counts = self.spread(D.JIAOZHOU_VILLAGES, len(towns), 8, 30)
        for i, ((kind, name), count) in enumerate(zip(towns, counts, strict=True), 1):
            town = self.region(jz, kind, name, f"{JIAOZHOU}{i:03d}")
            numbers = {RegionKind.COMMUNITY: 0, RegionKind.VILLAGE: 200}  # 居委会 0xx, 村 2xx
            for _ in range(count):
                urban = kind == RegionKind.SUBDISTRICT and rng.random() < 0.8
                vkind = RegionKind.COMMUNITY if urban else RegionKind.VILLAGE
                numbers[vkind] += 1
                name = self.unique(lambda u=urban: D.village_name(rng, u))
                population = rng.randint(2500, 9000) if urban else rng.randint(450, 2600)
                self.region(town, vkind, name, f"{town.code}{numbers[vkind]:03d}", population)
        jzq = self.region(None, RegionKind.COUNTY, "荆州区", JINGZHOU)
        grids = iter([D.MODEL_GRIDS, *self.spread(D.JINGZHOU_GRIDS - D.MODEL_GRIDS, 25, 4, 9)])
        for i, (sub_name, names) in enumerate(D.JINGZHOU_COMMUNITIES.items(), 1):
            sub = self.region(jzq, RegionKind.SUBDISTRICT, sub_name, f"{JINGZHOU}{i:03d}")
            for j, name in enumerate(names, 1):
                community = self.region(sub, RegionKind.COMMUNITY, name + "社区",
                                        f"{sub.code}{j:03d}", rng.randint(5000, 16000))  # fmt: skip
                for g in range(next(grids)):
                    self.region(community, RegionKind.GRID, f"第{g + 1}网格", None)
        for county in (jz, jzq):  # roll populations up
            for town in county.children:
                town.population = sum(v.population or 0 for v in town.children)
            county.population = sum(t.population or 0 for t in county.children)
        self.counties = (jz, jzq)
        self.model = next(r for r in self.regions if r.name == D.MODEL_COMMUNITY)
        rows = []
        for r in self.regions:
            siblings = r.parent.children if r.parent else list(self.counties)
            pinyin, initials = _keys(r.name)
            rows.append({"id": r.id, "parent": r.parent.id if r.parent else None, "kind": r.kind,
                         "name": r.name, "code": r.code, "pinyin": pinyin, "initials": initials,
                         "sort_order": siblings.index(r) + 1, "path": r.path,
                         "population": r.population,
                         **_stamp(SETUP_AT + timedelta(minutes=r.id))})  # fmt: skip
        _insert(Region, rows)

    def villages(self, county: _Region) -> list[_Region]:
        return [v for town in county.children for v in town.children]

    # --- venues -------------------------------------------------------------------------

    def venue(self, region: _Region, vtype: str, name: str, level: str | None) -> None:
        rng = self.rng
        jiaozhou = region.county == JIAOZHOU
        if not jiaozhou:
            phone = f"0716-8{rng.randrange(10**6):06d}"
        else:
            phone = f"0532-8{rng.randrange(10**7):07d}" if rng.random() < 0.6 else self.mobile()
        town = region.town or region
        place = region.name if town is region else town.name + region.name
        road = rng.choice(D.JIAOZHOU_ROADS if jiaozhou else D.JINGZHOU_ROADS)
        spot = (rng.choice(D.LANDMARKS) if region.kind == RegionKind.VILLAGE
                else f"{road}{rng.randint(1, 399)}号")  # fmt: skip
        pinyin, initials = _keys(name)
        self.venues.append({
            "id": len(self.venues) + 1, "region": region, "name": name, "type": vtype,
            "level": level, "pinyin": pinyin, "initials": initials,
            **{f"six_{have}": True for have in SixHave},
            "contact": self.person(region.county, rng.randint(30, 58))["name"], "phone": phone,
            "address": ("山东省青岛市胶州市" if jiaozhou else "湖北省荆州市荆州区") + place + spot,
            "sort_order": sum(v["region"] is region for v in self.venues) + 1,
            **_stamp(self.at(SETUP_AT.date(), rng.randrange(400))),
        })  # fmt: skip

    def build_venues(self) -> None:
        rng, (jz, jzq) = self.rng, self.counties
        towns = {t.name: t.children for t in jz.children}
        villages = [v for v in self.villages(jz) if v.kind == RegionKind.VILLAGE]
        communities = [v for v in self.villages(jz) if v.kind == RegionKind.COMMUNITY]
        for name in D.EDUCATION_BASES:
            home = D.BASE_HOMES.get(name)
            where = rng.choice(towns[home] if home else communities + villages)
            self.venue(where, VenueType.EDUCATION_BASE, name, "city")
        for _ in range(34 - len(D.EDUCATION_BASES)):
            where = rng.choice(villages)
            village = where.name.removesuffix("村")
            name = self.unique(lambda v=village: f"{v}{rng.choice(D.BASE_KINDS)}科普教育基地")
            self.venue(where, VenueType.EDUCATION_BASE, name, "city")
        for name, town in zip(D.TECH_COURTYARDS, ("胶莱镇", "里岔镇"), strict=True):
            self.venue(rng.choice(towns[town]), VenueType.TECH_COURTYARD, name, "national")
        for where in rng.sample(communities, 3):
            self.venue(where, VenueType.COMMUNITY_MUSEUM, f"{where.name}科普馆", "county")
        for name in D.SCHOOL_MUSEUMS:
            self.venue(rng.choice(communities), VenueType.SCHOOL_MUSEUM, name, "county")
        park = rng.choice(towns["三里河街道"])
        self.venue(park, VenueType.SCIENCE_PARK, "少海科普公园", "county")
        for name in rng.sample(D.SCHOOL_NAMES, 33):
            where = rng.choice(communities if rng.random() < 0.8 else villages)
            self.venue(where, VenueType.DEMONSTRATION_SCHOOL, name, rng.choice(("city", "county")))
        for town in jz.children:
            self.venue(town, VenueType.TOWN_ACTIVITY_CENTRE, f"{town.name}科普活动中心", "town")
        for row in rng.sample(self.venues, round(len(self.venues) * rng.uniform(0.17, 0.23))):
            for have in rng.sample(list(SixHave), 1 if rng.random() < 0.7 else 2):
                row[f"six_{have}"] = False
                row[f"six_{have}_note"] = rng.choice(D.SIX_HAVE_NOTES[have])
        model = self.model
        self.venue(model, VenueType.COMMUNITY_STATION, f"{model.name}科普活动站", "village")
        for vtype, point in zip(SEVEN_POINTS, D.POINT_NAMES, strict=True):
            self.venue(model, vtype, model.name + point, "village")
        self.venue(model, VenueType.COMMUNITY_SCHOOL, f"{model.name}科普学校", "village")
        self.model_school = self.venues[-1]
        subs = {s.name: s for s in jzq.children}
        for vtype, name, sub in D.JINGZHOU_UNITS:
            self.venue(rng.choice(subs[sub].children), vtype, name, "county")
        for sub in jzq.children:
            self.venue(sub, VenueType.TOWN_ACTIVITY_CENTRE, f"{sub.name}科普活动中心", "town")
        _insert(Venue, [{**v, "region": v["region"].id} for v in self.venues])

    # --- teams --------------------------------------------------------------------------

    def team(self, parent: Row | None, level: str, name: str, region: _Region,
             domain: str | None = None) -> Row:  # fmt: skip
        siblings = self.children[parent["id"]] if parent else []
        pinyin, initials = _keys(name)
        row = {"id": len(self.teams) + 1, "parent": parent, "name": name, "pinyin": pinyin,
               "initials": initials, "level": level, "domain": domain, "region": region,
               "sort_order": len(siblings) + 1,
               **_stamp(SETUP_AT + timedelta(days=30, minutes=len(self.teams)))}  # fmt: skip
        siblings.append(row)
        self.teams.append(row)
        return row

    def build_teams(self) -> None:
        rng, (jz, jzq) = self.rng, self.counties
        general = self.team(None, TeamLevel.GENERAL, "胶州市科技志愿服务总队", jz)
        divisions = []
        for town in jz.children:
            branch = self.team(general, TeamLevel.BRANCH, f"{town.name}科技志愿服务支队", town)
            fourth = rng.choice(D.FOURTH_DOMAINS)
            for d in (Domain.HEALTH, Domain.EDUCATION, Domain.AGRICULTURE, fourth):
                name = f"{town.name}{D.DOMAIN_LABELS[d]}领域分队"
                divisions.append(self.team(branch, TeamLevel.DOMAIN_DIVISION, name, town, d))
        counts = Counter[int]()
        while counts.total() < 49:  # professional teams, at most two under a division
            i = rng.randrange(len(divisions))
            counts[i] += counts[i] < 2
        for i, division in enumerate(divisions):
            town, domain = division["region"], division["domain"]
            for kind in rng.sample(D.PROFESSIONAL_TEAMS[domain], counts[i]):
                name = f"{town.name}{kind}专业队"
                self.team(division, TeamLevel.PROFESSIONAL, name, town, domain)
        general = self.team(None, TeamLevel.GENERAL, "荆州区科技志愿服务总队", jzq)
        for sub in jzq.children:
            branch = self.team(general, TeamLevel.BRANCH, f"{sub.name}科技志愿服务支队", sub)
            for d in (Domain.EDUCATION, Domain.HEALTH):
                name = f"{sub.name}{D.DOMAIN_LABELS[d]}领域分队"
                self.team(branch, TeamLevel.DOMAIN_DIVISION, name, sub, d)
            if sub is self.model.parent:  # 一校七队: the seven teams of the model community
                self.model_teams = [
                    self.team(branch, TeamLevel.PROFESSIONAL, self.model.name + name, self.model, d)
                    for name, d in D.MODEL_TEAMS.items()
                ]
        self.town_teams: dict[int, list[Row]] = defaultdict(list)
        for t in self.teams:
            if t["level"] in (TeamLevel.DOMAIN_DIVISION, TeamLevel.PROFESSIONAL):
                self.town_teams[t["region"].town.id].append(t)
        _insert(Team, [{**t, "parent": t["parent"]["id"] if t["parent"] else None,
                        "region": t["region"].id} for t in self.teams])  # fmt: skip

    # --- people -------------------------------------------------------------------------

    def volunteer(self, region: _Region, student: bool, domains: Sequence[str],
                  age: int | None = None) -> tuple[Row, list[str]]:  # fmt: skip
        rng = self.rng
        if age is None and student:
            age = rng.randint(18, 23)
        elif age is None:
            age = rng.randint(*rng.choices(D.AGE_BANDS, (2, 3, 3, 2))[0])
        p = self.person(region.county, age)
        earliest = max(JOIN_FROM, _add_years(p["birth"], 18))
        if student:
            earliest = max(earliest, _add_years(DEMO_TODAY, -4))
        joined = earliest + timedelta(days=rng.randrange((DEMO_TODAY - earliest).days + 1))
        has_id, registered = rng.random() < 0.2, rng.random() < 0.7
        farm = 2 if region.kind == RegionKind.VILLAGE else 1
        weights = [D.DOMAIN_WEIGHTS[d] * (farm if d == Domain.AGRICULTURE else 1) for d in domains]
        chosen = [rng.choices(domains, weights)[0] if rng.random() < 0.85 else rng.choice(D.ALL)]
        if rng.random() < 0.3 and (second := rng.choice(D.ALL)) != chosen[0]:
            chosen.append(second)
        notes = ""
        if student:
            jiaozhou = region.county == JIAOZHOU
            college = rng.choice(D.STUDENT_COLLEGES)
            enrolled = min(p["birth"].year + 18, DEMO_TODAY.year)
            notes = D.HOME_STUDENT if jiaozhou else f"长江大学{college}{enrolled}级"
        pinyin, initials = _keys(p["name"], True)
        row = {
            "id": len(self.volunteers) + 1, "name": p["name"], "pinyin": pinyin,
            "initials": initials, "gender": p["gender"], "mobile": self.mobile(),
            "id_number": self.id_number(region.county, p["birth"], p["gender"]) if has_id else None,
            "birth_date": p["birth"] if has_id else None, "region": region,
            "skills": rng.choice(D.SKILLS[chosen[0]]) if rng.random() < 0.3 else "",
            "platform_registered": registered,
            "platform_id": self.unique(lambda: f"DMZY{rng.randrange(10**8):08d}")
            if registered and rng.random() < 0.95 else None,
            "is_student": student, "active": rng.random() >= 0.05, "joined_on": joined,
            "notes": notes, **_stamp(self.at(max(joined, SETUP_AT.date()))),  # older: imported
        }  # fmt: skip
        self.volunteers.append(row)
        self.domains += [(row["id"], d) for d in chosen]
        return row, chosen

    def officer(self, region: _Region, role: str, volunteer: Row | None = None) -> None:
        if volunteer is None:
            name = self.person(region.county, self.rng.randint(26, 58))["name"]
            mobile = self.mobile()
        else:
            name, mobile = volunteer["name"], volunteer["mobile"]
        pinyin, initials = _keys(name, True)
        self.officers.append({
            "id": len(self.officers) + 1, "name": name, "pinyin": pinyin, "initials": initials,
            "role": role, "region": region.id, "mobile": mobile,
            "volunteer": volunteer["id"] if volunteer else None,
            **_stamp(SETUP_AT + timedelta(days=60, minutes=len(self.officers))),
        })  # fmt: skip

    def join(self, team: Row, volunteer: Row) -> None:
        if (team["id"], volunteer["id"]) not in self.joined:
            self.joined.add((team["id"], volunteer["id"]))
            self.members[team["id"]].append(volunteer["id"])
            joined = volunteer["joined_on"] + timedelta(days=self.rng.randrange(60))
            self.memberships.append({"team": team["id"], "volunteer": volunteer["id"],
                                     "joined_on": min(joined, DEMO_TODAY)})  # fmt: skip

    def build_people(self) -> None:
        rng, (jz, jzq) = self.rng, self.counties
        villages = self.villages(jz)
        sizes = Counter(rng.choices(range(len(villages)), [v.population for v in villages],
                                    k=JIAOZHOU_VOLUNTEERS))  # fmt: skip
        for i, village in enumerate(villages):
            teams = self.town_teams[village.town.id]
            divisions = {t["domain"]: t for t in teams if t["level"] == TeamLevel.DOMAIN_DIVISION}
            for _ in range(sizes[i]):
                v, domains = self.volunteer(village, rng.random() < 0.08, list(divisions))
                home = [divisions[d] for d in domains if d in divisions] or list(divisions.values())
                professional = self.children[home[0]["id"]]
                self.join(rng.choice(professional) if professional and rng.random() < 0.8
                          else home[0], v)  # fmt: skip
                if rng.random() < 0.12:
                    self.join(rng.choice(teams), v)
        self.progress("生成志愿者", 0.45)
        for _ in range(2):
            self.officer(jz, PersonRole.COUNTY_STAFF)
        for town in jz.children:
            self.officer(town, PersonRole.TOWN_STAFF)
        for village in villages:
            self.officer(village, PersonRole.VILLAGE_LIAISON)
        self.officer(jzq, PersonRole.COUNTY_STAFF)
        others = [c for c in self.villages(jzq) if c is not self.model]
        base = [len(c.children) + 10 for c in others]
        near_campus = [2 if c.parent and c.parent.name == "城南街道" else 1 for c in others]
        extra = JINGZHOU_VOLUNTEERS - MODEL_VOLUNTEERS - sum(base)
        picks = Counter(rng.choices(range(len(others)), near_campus, k=extra))
        sizes = {c.id: base[i] + picks[i] for i, c in enumerate(others)}
        sizes[self.model.id] = MODEL_VOLUNTEERS
        for community in self.villages(jzq):
            people = []
            for grid in community.children:  # 一员双责: every grid officer is a volunteer too
                v, chosen = self.volunteer(grid, False, (Domain.EMERGENCY, Domain.HEALTH),
                                           rng.randint(28, 55))  # fmt: skip
                self.officer(grid, PersonRole.GRID_OFFICER, v)
                people.append((v, "officer", chosen))
            rest = sizes[community.id] - len(people)
            students = 60 if community is self.model else rest - round(rest * 0.04)
            flags = [True] * students + [False] * (rest - students)
            rng.shuffle(flags)
            for student in flags:
                domains = D.STUDENT_DOMAINS if student else list(D.DOMAIN_WEIGHTS)
                v, chosen = self.volunteer(community, student, domains)
                people.append((v, "student" if student else "resident", chosen))
            self.place_in_teams(community, people)
        self.choose_leaders()
        _insert(Volunteer, [{**v, "region": v["region"].id} for v in self.volunteers])
        _insert(VolunteerDomain, [{"volunteer": vid, "domain": d} for vid, d in self.domains])
        _insert(TeamMembership, self.memberships)
        _insert(Officer, self.officers)
        leaders = [(t["leader"], t["id"]) for t in self.teams]
        database.cursor().executemany('UPDATE "team" SET "leader_id" = ? WHERE "id" = ?', leaders)

    def place_in_teams(self, community: _Region, people: list[tuple[Row, str, list[str]]]) -> None:
        rng = self.rng
        if community is not self.model:
            teams = self.town_teams[community.town.id]
            divisions = {t["domain"]: t for t in teams if t["level"] == TeamLevel.DOMAIN_DIVISION}
            for v, _, domains in people:
                self.join(divisions[Domain.HEALTH if Domain.HEALTH in domains else
                                    Domain.EDUCATION], v)  # fmt: skip
            return
        teams = self.model_teams  # the order of D.MODEL_TEAMS
        likely = {"officer": ((0, 4), (3, 1)), "student": ((0, 1, 3, 4), (5, 2, 2, 1)),
                  "resident": ((2, 5, 6, 3, 1), (3, 3, 3, 2, 1))}  # fmt: skip
        for v, kind, _ in people:
            self.join(teams[rng.choices(*likely[kind])[0]], v)
            if rng.random() < 0.15:
                self.join(rng.choice(teams), v)
        for team in teams:
            if not self.members[team["id"]]:
                self.join(team, rng.choice(people)[0])

    def choose_leaders(self) -> None:
        """Each team's leader is a member; a 总队 or 支队 takes one from the teams below."""
        for team in self.teams:
            pool, below = list(self.members[team["id"]]), list(self.children[team["id"]])
            while below and not pool:
                child = below.pop(0)
                pool += self.members[child["id"]]
                below += self.children[child["id"]]
            adults = [i for i in pool if not self.volunteers[i - 1]["is_student"]] or pool
            leader = self.volunteers[self.rng.choice(adults) - 1]
            self.join(team, leader)
            team["leader"] = leader["id"]

    # --- activities ---------------------------------------------------------------------

    def theme_date(self, theme: str | None) -> tuple[date, str]:
        """A date that fits the theme day, and the prefix its title takes."""
        rng = self.rng
        year = rng.choice((DEMO_TODAY.year - 1, DEMO_TODAY.year))
        if theme == ThemeDay.SCIENCE_DAY:
            return date(year, 9, rng.randint(10, 30)), f"{year}年全国科普日"
        if theme == ThemeDay.SCIENCE_WEEK:
            return date(year, 5, rng.randint(17, 26)), f"{year}年科技活动周"
        if theme == ThemeDay.WORKERS_DAY:
            return date(year, 5, 30), f"{year}年全国科技工作者日"
        if theme == ThemeDay.OTHER:
            month, day, name = rng.choice(D.OTHER_DAYS)
            return date(year, month, day), name
        return WINDOW_START + timedelta(days=1 + rng.randrange(730)), ""

    def random_activity(self, town: _Region, online: str, organisers: Sequence[str],
                        campaign_weights: Sequence[float]) -> None:  # fmt: skip
        rng = self.rng
        themes = (ThemeDay.SCIENCE_DAY, ThemeDay.SCIENCE_WEEK, ThemeDay.WORKERS_DAY,
                  ThemeDay.OTHER, None)  # fmt: skip
        theme = rng.choices(themes, (22, 12, 4, 5, 57))[0]
        start, label = self.theme_date(theme)
        campaign = None
        if theme != ThemeDay.WORKERS_DAY and rng.random() < 0.8:
            campaign = rng.choices(list(Campaign), campaign_weights)[0]
        fmt = "visit" if theme == ThemeDay.WORKERS_DAY else rng.choice(D.CAMPAIGN_FORMATS[campaign])
        region = town if rng.random() < 0.3 else rng.choice(town.children)
        in_town = [v for v in self.venues if (v["region"].town or v["region"]) is town]
        schools = [v for v in in_town if v["type"] in D.SCHOOL_TYPES]
        venue = None
        if campaign == Campaign.DANDELION and schools and rng.random() < 0.7:
            venue = rng.choice(schools)
            region = venue["region"]
        elif fmt != "online" and rng.random() < 0.6:
            here = [v for v in in_town if (region is town or v["region"] is region)
                    and v["type"] not in D.SCHOOL_TYPES]  # fmt: skip
            venue = rng.choice(here) if here else None
        core = D.activity_core(rng, campaign, fmt, region.name, online)
        if theme == ThemeDay.WORKERS_DAY:
            core = rng.choice(D.WORKERS_DAY_EVENTS)
        elif theme == ThemeDay.SCIENCE_DAY and not campaign and rng.random() < 0.4:
            core = "科普进社区" if region.kind == RegionKind.COMMUNITY else "科普进乡村"
        title = f"{label}·{core}" if label else core
        place = venue["name"] if venue else region.name
        if place not in title and rng.random() < 0.5:
            title += f"（{place}）"
        if theme == ThemeDay.WORKERS_DAY:
            targets = ["science_workers"]
        elif campaign:
            targets = [D.CAMPAIGN_TARGETS[campaign]] + (["residents"] if rng.random() < 0.3 else [])
        else:
            targets = ["residents" if fmt == "anti_cult" or rng.random() < 0.8 else "officials"]
        teams = self.town_teams[town.id]
        matching = [t for t in teams if t["domain"] == D.CAMPAIGN_DOMAINS.get(campaign)] or teams
        team = rng.choice(matching) if rng.random() < 0.75 else None
        organiser = "" if team else rng.choice((f"{town.name}科协", *organisers))
        long = fmt in ("exhibition", "caravan", "anti_cult", "science_show") and rng.random() < 0.35
        days = rng.randint(2, 3) if long or rng.random() < 0.04 else 1
        roll = rng.random()
        reach = (rng.randint(30, 300) if roll < 0.68 else rng.randint(300, 800) if roll < 0.95
                 else rng.randint(1000, 6000))  # fmt: skip
        self.add_activity(title, start, days, region, venue, team, organiser, theme, campaign,
                          targets, fmt, reach)  # fmt: skip

    def add_activity(self, title: str, start: date, days: int, region: _Region,
                     venue: Row | None, team: Row | None, organiser: str, theme: str | None,
                     campaign: str | None, targets: Sequence[str], fmt: str,
                     reach: int) -> None:  # fmt: skip
        rng = self.rng
        start = min(start, DEMO_TODAY - timedelta(days=days - 1))
        if fmt == "online":
            materials = 0
        elif fmt in ("exhibition", "caravan", "anti_cult"):
            materials = rng.randint(reach, 2 * reach)
        else:
            materials = rng.randint(reach // 4, reach * 3 // 2)
        # 2-15 volunteers of the town, the organising team's first, who had joined by then
        want = rng.randint(2, 15)
        team_pool = [self.volunteers[i - 1] for i in self.members[team["id"]]] if team else []
        town_pool = self.town_volunteers[(region.town or region).id]
        draws = rng.sample(team_pool, min(len(team_pool), 2 * want))
        draws += rng.sample(town_pool, min(len(town_pool), 3 * want))
        served: dict[int, float] = {}
        for strict in (True, False):
            for v in draws:
                fits = not strict or (v["active"] and v["joined_on"] <= start)
                if len(served) < want and v["id"] not in served and fits:
                    served[v["id"]] = rng.choice(HOURS)
        pinyin, initials = _keys(title)
        end = start + timedelta(days=days - 1)
        self.activities.append({
            "title": title, "pinyin": pinyin, "initials": initials, "start_date": start,
            "end_date": end, "region": region.id, "venue": venue["id"] if venue else None,
            "organiser_team": team["id"] if team else None, "organiser": organiser,
            "theme_day": theme, "campaign": campaign, "target_groups": ",".join(targets),
            "format": fmt, "people_reached": reach, "materials": materials,
            "notes": rng.choice(D.NOTES) if rng.random() < 0.25 else "",
            **_stamp(self.at(end, rng.randrange(4))), "served": served,
        })  # fmt: skip

    def build_activities(self) -> None:
        rng, (jz, jzq) = self.rng, self.counties
        self.town_volunteers: dict[int, list[Row]] = defaultdict(list)
        for v in self.volunteers:
            self.town_volunteers[v["region"].town.id].append(v)
        for _ in range(rng.randint(485, 515)):
            town = rng.choice(jz.children)
            rural = town.kind == RegionKind.TOWN or town.name in D.RURAL_SUBDISTRICTS
            weights = (3, 3, 4, 1) if rural else (3, 4, 1, 2)  # dandelion silver farmers workers
            self.random_activity(town, "科普·胶州", D.ORGANISERS, weights)
        target = len(self.activities) + rng.randint(145, 155)
        model, school = self.model, self.model_school
        lecturers, trainers = self.model_teams[0], self.model_teams[3]
        month = WINDOW_START.replace(day=1)
        while month <= DEMO_TODAY:  # a community science lecture once or twice a month
            for half in range(1 if rng.random() < 0.55 else 2):
                day = month + timedelta(days=rng.randint(1, 13) + 14 * half)
                if WINDOW_START < day <= DEMO_TODAY:
                    title = f"{model.name}科普大讲堂：{rng.choice(D.JINGZHOU_TOPICS)}"
                    campaign = Campaign.SILVER_AGE if rng.random() < 0.3 else None
                    self.add_activity(
                        title,
                        day,
                        1,
                        model,
                        school,
                        lecturers,
                        "",
                        None,
                        campaign,
                        ("residents", "elderly"),
                        "lecture",
                        rng.randint(40, 150),
                    )
            month = (month + timedelta(days=32)).replace(day=1)
        for skill in D.SKILL_TRAININGS:  # skills training, 2,500+ person-times a year
            for _ in range(2 if rng.random() < 0.5 else 1):
                title = f"{model.name}劳动技能培训：{skill}培训班"
                self.add_activity(title, self.theme_date(None)[0], rng.randint(2, 3), model,
                                  school, trainers, "", None, None, ("residents",), "lecture",
                                  rng.randint(150, 400))  # fmt: skip
        while len(self.activities) < target:
            town = rng.choice(jzq.children)
            self.random_activity(town, "科普·荆州", D.JINGZHOU_ORGANISERS, (3, 3, 0, 1))
        self.activities.sort(key=lambda a: (a["start_date"], a["region"]))
        services = []
        for i, a in enumerate(self.activities, 1):
            a["id"] = i
            services += [{"activity": i, "volunteer": v, "hours": h}
                         for v, h in a.pop("served").items()]  # fmt: skip
        _insert(Activity, self.activities)
        _insert(ServiceRecord, services)

    def finish(self) -> None:
        Meta.replace(key="demo_seed", value=str(self.seed)).execute()
        Meta.replace(key="demo_today", value=DEMO_TODAY.isoformat()).execute()
        summary = (f"生成演示数据库（种子 {self.seed}）：行政区划 {len(self.regions)} 个，"
                   f"阵地 {len(self.venues)} 个，志愿服务队 {len(self.teams)} 支，"
                   f"志愿者 {len(self.volunteers)} 名，活动 {len(self.activities)} 场")  # fmt: skip
        _insert(AuditEntry, [{"at": datetime.combine(DEMO_TODAY, time(18)), "actor": ACTOR,
                              "action": "demo", "entity": "database", "summary": summary,
                              "changes": "{}"}])  # fmt: skip
