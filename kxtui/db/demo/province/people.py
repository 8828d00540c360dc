"""One county's people: the team tree, volunteers with their domains and teams, team leaders,
and the officers of the grid (county and town staff, village liaisons, grid officers).

The volunteer loop runs a million times, so it draws with `random()` and table lookups
(`draw`) rather than `Random.choice`, `date` arithmetic or a pinyin call per person.
"""

from __future__ import annotations

from bisect import bisect
from collections import Counter

from kxtui.db.demo import data as D
from kxtui.db.demo.province import rates as R
from kxtui.db.demo.province import shandong as S
from kxtui.db.demo.province.draw import (
    CLOCK,
    FIRST_DAY,
    ISO,
    MOBILE_PREFIXES,
    YEAR,
    IdNumbers,
    Weighted,
    new_mobile,
    stamp_text,
    text_keys,
)
from kxtui.db.demo.province.state import County, Place, Province, Row, TeamNode
from kxtui.db.demo.state import DEMO_TODAY, JIAOZHOU, JOIN_FROM, SETUP_AT, add_years
from kxtui.db.pinyin import sort_key
from kxtui.domain import Domain, Gender, PersonRole, RegionKind, TeamLevel

TODAY = DEMO_TODAY.toordinal()
JOIN_FROM_DAY = JOIN_FROM.toordinal()
STUDENT_FROM_DAY = add_years(DEMO_TODAY, -4).toordinal()  # students joined in their studies
SETUP_DAY = SETUP_AT.date().toordinal()
ADULT_DAYS = 18 * 365 + 5  # at least 18 years, whatever the leap days
# BIRTH_BEFORE[age]: the day before the earliest birthday of someone `age` years old today
BIRTH_BEFORE = [add_years(DEMO_TODAY, -age - 1).toordinal() for age in range(100)]
ADULT_AGES = Weighted(D.AGE_BANDS, (2, 3, 3, 2))
SKILLED = 0.3  # volunteers with a skill noted
SECOND_DOMAIN, SECOND_TEAM, PROFESSIONAL = 0.3, 0.12, 0.8
# Plain str and int values in the big tables: sqlite3 binds exact str, int and float directly,
# but looks an adapter up for every enum member and bool (0.4 µs a value, seconds at this size).
PLAIN_DOMAINS = tuple(d.value for d in D.ALL)


# --- teams --------------------------------------------------------------------------------


def build_teams(p: Province, county: County) -> None:
    """总队 → a 支队 per town → four 领域分队 each → 0–2 专业队 under each division."""
    assert county.node is not None

    def add(parent: TeamNode | None, level: str, name: str, region: Place,
            domain: str | None = None) -> TeamNode:  # fmt: skip
        team = TeamNode(p.new_id("team"), parent, name, level, domain, region)
        if parent:
            parent.children.append(team)
        county.teams.append(team)
        return team

    general = add(None, TeamLevel.GENERAL, f"{county.name}科技志愿服务总队", county.node)
    for town in county.towns:
        branch = add(general, TeamLevel.BRANCH, f"{town.name}科技志愿服务支队", town)
        fourth = D.FOURTH_DOMAINS[p.below(len(D.FOURTH_DOMAINS))]
        divisions = county.divisions[town.id] = {}
        for d in (Domain.HEALTH, Domain.EDUCATION, Domain.AGRICULTURE, fourth):
            name = f"{town.name}{D.DOMAIN_LABELS[d]}领域分队"
            divisions[d] = add(branch, TeamLevel.DOMAIN_DIVISION, name, town, d)
        for domain, division in divisions.items():
            kinds = [k for k in D.PROFESSIONAL_TEAMS[domain]
                     if county.code == JIAOZHOU or not k.startswith("胶州")]  # fmt: skip
            count = min(len(kinds), p.rng.choices((0, 1, 2), (35, 45, 20))[0])
            for kind in p.rng.sample(kinds, count):
                name = f"{town.name}{kind}专业队"
                team = add(division, TeamLevel.PROFESSIONAL, name, town, domain)
                if p.random() < R.SMALL_TEAM:
                    team.cap = p.between(1, 2)
        county.town_teams[town.id] = [t for d in divisions.values() for t in (d, *d.children)]


def _team_rows(p: Province, county: County) -> list[Row]:
    rows: list[Row] = []
    for team in county.teams:
        siblings = team.parent.children if team.parent else [team]
        at = stamp_text(SETUP_DAY + 30, p.random)
        pinyin, initials = text_keys(team.name)
        rows.append((team.id, at, team.parent.id if team.parent else None,
                     team.name, pinyin, initials, team.level, team.domain, team.region.id,
                     team.leader, siblings.index(team) + 1))  # fmt: skip
    return rows


# --- volunteers ---------------------------------------------------------------------------


def build_people(p: Province, county: County) -> None:
    """Volunteers (with domains and teams), then leaders, teams and officers, as rows."""
    assert county.node is not None
    villages = [v for town in county.towns for v in town.children]
    # 一员双责: most grid officers are volunteers too, registered in their grid
    linked = {g.id: p.random() < R.GRID_OFFICER_VOLUNTEER for v in villages for g in v.children}
    residents = max(county.share - sum(linked.values()), 0)
    weights = [v.population or 1 for v in villages]
    per_village = Counter(p.rng.choices(range(len(villages)), weights, k=residents))
    people = _People(p, county)
    grid_volunteers: dict[int, Row] = {}
    for i, village in enumerate(villages):
        for grid in village.children:
            if linked[grid.id]:
                row = people.add(grid, grid_officer=True)
                assert row is not None
                grid_volunteers[grid.id] = row
        people.add(village, per_village[i])
    _choose_leaders(p, county, people)
    p.add_rows("volunteer", people.rows)
    p.add_rows("volunteer_domain", people.domains)
    p.add_rows("team", _team_rows(p, county))
    p.add_rows("team_membership", people.memberships)
    officers = [_officer(p, county, county.node, PersonRole.COUNTY_STAFF) for _ in range(2)]
    officers += [_officer(p, county, town, PersonRole.TOWN_STAFF) for town in county.towns]
    officers += [_officer(p, county, v, PersonRole.VILLAGE_LIAISON) for v in villages]
    officers += [_officer(p, county, g, PersonRole.GRID_OFFICER, grid_volunteers.get(g.id))
                 for v in villages for g in v.children]  # fmt: skip
    p.add_rows("officer", officers)
    p.counts["volunteers"] += len(people.rows)
    p.counts["memberships"] += len(people.memberships)
    p.counts["teams"] += len(county.teams)
    p.counts["officers"] += len(officers)


class _People:
    """The volunteers of one county as rows, with their domains and team memberships."""

    def __init__(self, p: Province, county: County) -> None:
        assert county.names is not None and county.id_numbers is not None
        self.p, self.county = p, county
        self.names, self.id_numbers = county.names, county.id_numbers
        self.rows: list[Row] = []
        self.domains: list[Row] = []
        self.memberships: list[Row] = []
        self.mobiles: list[str] = []  # given out in this county, for the shared ones
        self.students: list[int] = []
        county.first_volunteer = p.last_id["volunteer"] + 1
        district = county.name.endswith("区")
        self.university = S.UNIVERSITIES[p.below(len(S.UNIVERSITIES))] if district else ""
        # town id -> domains of its divisions, weighted as the county demo weighs them; as
        # plain str values (str() of a Domain), which sqlite3 binds without an adapter lookup
        self.domain_choice: dict[tuple[int, bool], Weighted[str]] = {}
        for town in county.towns:
            domains = list(county.divisions[town.id])
            for farm in (False, True):
                weights = [D.DOMAIN_WEIGHTS[d] * (2 if farm and d == Domain.AGRICULTURE else 1)
                           for d in domains]  # fmt: skip
                self.domain_choice[town.id, farm] = Weighted([str(d) for d in domains], weights)
        self.grid_domains = Weighted((Domain.EMERGENCY.value, Domain.HEALTH.value), (1, 1))

    def add(self, region: Place, count: int = 1, grid_officer: bool = False) -> Row | None:
        """`count` volunteers living in `region`; returns the last row.

        One loop with everything it can hoisted out of it into locals: it runs a million
        times, and each attribute or global lookup inside it costs a second at that scale.
        """
        p, random, county = self.p, self.p.random, self.county
        town = region.town
        assert town is not None
        divisions, town_teams = county.divisions[town.id], county.town_teams[town.id]
        health = divisions[Domain.HEALTH]
        if grid_officer:
            student_share, domain_choice = 0.0, self.grid_domains
        else:
            village = region.kind == RegionKind.VILLAGE
            student_share = R.STUDENT_RURAL if village else R.STUDENT_URBAN
            domain_choice = self.domain_choice[town.id, village]
        domain_items, domain_cum = domain_choice.items, domain_choice.cumulative
        domain_total = domain_choice.total
        ages, ages_cum, ages_total = ADULT_AGES.items, ADULT_AGES.cumulative, ADULT_AGES.total
        all_domains, n_domains, skills_of = PLAIN_DOMAINS, len(PLAIN_DOMAINS), D.SKILLS
        colleges, home_student, this_year = D.STUDENT_COLLEGES, D.HOME_STUDENT, DEMO_TODAY.year
        rows, domains, students, mobiles = self.rows, self.domains, self.students, self.mobiles
        memberships = self.memberships
        towns, joined_days = county.volunteer_towns, county.volunteer_joined
        weights = county.volunteer_weights
        used_mobiles = p.mobiles
        prefixes, prefixes_cum = MOBILE_PREFIXES.items, MOBILE_PREFIXES.cumulative
        prefixes_total = MOBILE_PREFIXES.total
        draw_name, id_numbers, platform_id_of = self.names.draw, self.id_numbers, self._platform_id
        region_id, town_id, university = region.id, town.id, self.university
        iso, clock, year_of, birth_before = ISO, CLOCK, YEAR, BIRTH_BEFORE
        female_code, male_code = Gender.FEMALE.value, Gender.MALE.value
        missing_mobile, shared_mobile = R.MISSING_MOBILE, R.MISSING_MOBILE + R.SHARED_MOBILE
        id_share, registered_share, inactive_share = R.ID_NUMBER, R.REGISTERED, R.INACTIVE
        no_platform_id, still_in_teams = R.REGISTERED_WITHOUT_PLATFORM_ID, R.INACTIVE_STILL_IN_TEAMS
        vid = p.last_id["volunteer"]
        row = None
        for _ in range(count):
            vid += 1
            if grid_officer:
                student, age = 0, 28 + int(random() * 28)
            elif random() < student_share:
                student, age = 1, 18 + int(random() * 6)
            else:
                low, high = ages[bisect(ages_cum, random() * ages_total)]
                student, age = 0, low + int(random() * (high - low + 1))
            female = random() < 0.52
            birth = birth_before[age] + 1 + int(random() * 365)
            day = birth - FIRST_DAY
            name, pinyin, initials = draw_name(random, not female, birth)
            # mobile: most unique, a few missing, a few shared with someone of the county
            roll = random()
            if roll < missing_mobile:
                mobile = None
            elif roll < shared_mobile and mobiles:
                mobile = mobiles[int(random() * len(mobiles))]
            else:
                while True:
                    prefix = prefixes[bisect(prefixes_cum, random() * prefixes_total)]
                    mobile = str(prefix + int(random() * 100_000_000))
                    if mobile not in used_mobiles:
                        break
                used_mobiles.add(mobile)
                mobiles.append(mobile)
            id_number = birth_date = id_valid = None
            if random() < id_share:
                id_number, id_valid = self._id_number(id_numbers, birth, female)
                birth_date = iso[day]
            # domains: mostly those of the town's divisions, farming more likely in a village
            if random() < 0.85:
                first = domain_items[bisect(domain_cum, random() * domain_total)]
            else:
                first = all_domains[int(random() * n_domains)]
            domains.append((vid, first))
            second = None
            if random() < SECOND_DOMAIN:
                second = all_domains[int(random() * n_domains)]
                if second != first:
                    domains.append((vid, second))
            skills = ""
            if random() < SKILLED:
                options = skills_of[first]
                skills = options[int(random() * len(options))]
            registered = 1 if random() < registered_share else 0
            platform_id = None
            if registered and random() >= no_platform_id:
                platform_id = platform_id_of()
            active = 1 if random() >= inactive_share else 0
            earliest = birth + ADULT_DAYS
            if earliest < JOIN_FROM_DAY:
                earliest = JOIN_FROM_DAY
            if student and earliest < STUDENT_FROM_DAY:
                earliest = STUDENT_FROM_DAY
            joined = earliest + int(random() * (TODAY - earliest + 1))
            notes = ""
            if student:
                if university:
                    college = colleges[int(random() * len(colleges))]
                    enrolled = min(year_of[day] + 18, this_year)
                    notes = f"{university}{college}{enrolled}级"
                else:
                    notes = home_student
            # created when they joined; earlier joiners were imported when kxtui was set up
            at = iso[(joined if joined > SETUP_DAY else SETUP_DAY) - FIRST_DAY]
            at += clock[int(random() * 600)]
            row = (vid, at, name, pinyin, initials,
                   female_code if female else male_code, mobile, id_number, birth_date,
                   region_id, skills, registered, platform_id, student, active,
                   iso[joined - FIRST_DAY], notes, id_valid, sort_key(name))  # fmt: skip
            rows.append(row)
            students.append(student)
            towns.append(town_id)
            joined_days.append(joined)
            if active:
                roll = random()  # core, regular, occasional, never: how often drawn to serve
                weights.append(6 if roll < 0.30 else 2 if roll < 0.65 else 1 if roll < 0.80 else 0)
            else:
                weights.append(0)
                if random() >= still_in_teams:
                    continue  # taken off their teams
            # teams: a professional team (else the division) of the first domain the town
            # has, the health division for a grid officer; one in eight joins a second team
            home = (health if grid_officer else divisions.get(first) or
                    (second and divisions.get(second)) or health)  # fmt: skip
            team = home
            if home.children and random() < PROFESSIONAL:
                team = home.children[int(random() * len(home.children))]
                if team.cap is not None and len(team.members) >= team.cap:
                    team = home  # the small team is full
            teams = [team]
            if random() < SECOND_TEAM:
                other = town_teams[int(random() * len(town_teams))]
                if other is not team and (other.cap is None or len(other.members) < other.cap):
                    teams.append(other)
            for team in teams:  # each joined within two months of registering
                team.members.append(vid)
                since = joined + int(random() * 60)
                since = since if since < TODAY else TODAY
                memberships.append((team.id, vid, iso[since - FIRST_DAY]))
        p.last_id["volunteer"] = vid
        return row

    def _id_number(self, id_numbers: IdNumbers, birth: int, female: bool) -> tuple[str, int]:
        """A new ID number and whether it is valid (1 or 0, `volunteer.id_number_valid`).

        Its area code and birth date are always real, so only the two deliberate problems
        make it invalid: the volunteer form would refuse exactly those (the tests check)."""
        p, random = self.p, self.p.random
        while True:
            sequence = int(random() * 500) * 2 + (not female)  # odd for men
            number, valid = id_numbers.make(birth, sequence), 1
            roll = random()
            if roll < R.ID_WRONG_CHECK:  # a typo: the check character does not match
                number = number[:17] + D.ID_CHECK[(D.ID_CHECK.index(number[17]) + 1) % 11]
                valid = 0
            elif roll < R.ID_WRONG_CHECK + R.ID_DIGIT_DROPPED:  # 17 characters
                dropped = 6 + int(random() * 11)
                number, valid = number[:dropped] + number[dropped + 1 :], 0
            if number not in p.id_numbers:
                p.id_numbers.add(number)
                return number, valid

    def _platform_id(self) -> str:
        p, random = self.p, self.p.random
        while True:
            platform_id = f"DMZY{int(random() * 10**8):08d}"
            if platform_id not in p.platform_ids:
                p.platform_ids.add(platform_id)
                return platform_id

    def join(self, team: TeamNode, vid: int, joined: int) -> None:
        """`vid` joins `team` within two months of registering."""
        team.members.append(vid)
        day = min(joined + int(self.p.random() * 60), TODAY)
        self.memberships.append((team.id, vid, ISO[day - FIRST_DAY]))


def _choose_leaders(p: Province, county: County, people: _People) -> None:
    """Each team's leader is an adult member; a 总队 or 支队 takes one from the teams below
    (who then joins it too)."""
    first, students = county.first_volunteer, people.students
    for team in county.teams:
        pool, below, member = team.members, list(team.children), bool(team.members)
        while below and not pool:
            child = below.pop(0)
            pool = child.members
            below += child.children
        if not pool:
            continue
        adults = [v for v in pool if not students[v - first]] or pool
        team.leader = adults[int(p.random() * len(adults))]
        if not member:
            joined = county.volunteer_joined[team.leader - first]
            people.join(team, team.leader, joined)


def _officer(p: Province, county: County, region: Place | None, role: str,
             volunteer: Row | None = None) -> Row:  # fmt: skip
    assert region is not None and county.names is not None
    oid = p.new_id("officer")
    if volunteer is not None:  # the volunteer's own name, keys and mobile, as their row has them
        name, pinyin, initials, mobile = volunteer[2], volunteer[3], volunteer[4], volunteer[6]
    else:
        birth = TODAY - p.between(26 * 365, 58 * 365)
        name, pinyin, initials = county.names.draw(p.random, p.random() < 0.5, birth)
        mobile = new_mobile(p.random, p.mobiles)
    at = stamp_text(SETUP_DAY + 60, p.random)
    return (oid, at, name, pinyin, initials, role, region.id, mobile,
            volunteer[0] if volunteer else None, 1)  # fmt: skip
