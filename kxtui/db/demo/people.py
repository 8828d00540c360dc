"""The people of the demo: the team tree, volunteers and their domains, officers, memberships.

Volunteers join teams of their own town; every team ends up with members and a leader.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import timedelta

from kxtui.db.demo import data as D
from kxtui.db.demo.state import (
    DEMO_TODAY,
    JIAOZHOU,
    JIAOZHOU_VOLUNTEERS,
    JINGZHOU_VOLUNTEERS,
    JOIN_FROM,
    MODEL_VOLUNTEERS,
    SETUP_AT,
    Demo,
    Node,
    Row,
    add_years,
    insert,
    keys,
    stamp,
    villages_of,
)
from kxtui.db.engine.models import (
    Officer,
    Team,
    TeamMembership,
    Volunteer,
    VolunteerDomain,
    database,
)
from kxtui.db.pinyin import sort_key
from kxtui.domain import Domain, PersonRole, RegionKind, TeamLevel

# --- teams --------------------------------------------------------------------------


def add_team(demo: Demo, parent: Row | None, level: str, name: str, region: Node,
             domain: str | None = None) -> Row:  # fmt: skip
    siblings = demo.children[parent["id"]] if parent else []
    pinyin, initials = keys(name)
    row = {"id": len(demo.teams) + 1, "parent": parent, "name": name, "pinyin": pinyin,
           "initials": initials, "level": level, "domain": domain, "region": region,
           "sort_order": len(siblings) + 1,
           **stamp(SETUP_AT + timedelta(days=30, minutes=len(demo.teams)))}  # fmt: skip
    siblings.append(row)
    demo.teams.append(row)
    return row


def build_teams(demo: Demo) -> None:
    rng, (jz, jzq) = demo.rng, demo.counties
    general = add_team(demo, None, TeamLevel.GENERAL, "胶州市科技志愿服务总队", jz)
    divisions = []
    for town in jz.children:
        branch = add_team(demo, general, TeamLevel.BRANCH, f"{town.name}科技志愿服务支队", town)
        fourth = rng.choice(D.FOURTH_DOMAINS)
        for d in (Domain.HEALTH, Domain.EDUCATION, Domain.AGRICULTURE, fourth):
            name = f"{town.name}{D.DOMAIN_LABELS[d]}领域分队"
            divisions.append(add_team(demo, branch, TeamLevel.DOMAIN_DIVISION, name, town, d))
    counts = Counter[int]()
    while counts.total() < 49:  # professional teams, at most two under a division
        i = rng.randrange(len(divisions))
        counts[i] += counts[i] < 2
    for i, division in enumerate(divisions):
        town, domain = division["region"], division["domain"]
        for kind in rng.sample(D.PROFESSIONAL_TEAMS[domain], counts[i]):
            name = f"{town.name}{kind}专业队"
            add_team(demo, division, TeamLevel.PROFESSIONAL, name, town, domain)
    general = add_team(demo, None, TeamLevel.GENERAL, "荆州区科技志愿服务总队", jzq)
    for sub in jzq.children:
        branch = add_team(demo, general, TeamLevel.BRANCH, f"{sub.name}科技志愿服务支队", sub)
        for d in (Domain.EDUCATION, Domain.HEALTH):
            name = f"{sub.name}{D.DOMAIN_LABELS[d]}领域分队"
            add_team(demo, branch, TeamLevel.DOMAIN_DIVISION, name, sub, d)
        if sub is demo.model.parent:  # 一校七队: the seven teams of the model community
            model = demo.model
            demo.model_teams = [
                add_team(demo, branch, TeamLevel.PROFESSIONAL, model.name + name, model, d)
                for name, d in D.MODEL_TEAMS.items()
            ]
    demo.town_teams = defaultdict(list)
    for t in demo.teams:
        if t["level"] in (TeamLevel.DOMAIN_DIVISION, TeamLevel.PROFESSIONAL):
            demo.town_teams[t["region"].town.id].append(t)
    insert(Team, [{**t, "parent": t["parent"]["id"] if t["parent"] else None,
                    "region": t["region"].id} for t in demo.teams])  # fmt: skip


# --- people -------------------------------------------------------------------------


def add_volunteer(demo: Demo, region: Node, student: bool, domains: Sequence[str],
                  age: int | None = None) -> tuple[Row, list[str]]:  # fmt: skip
    rng = demo.rng
    if age is None and student:
        age = rng.randint(18, 23)
    elif age is None:
        age = rng.randint(*rng.choices(D.AGE_BANDS, (2, 3, 3, 2))[0])
    p = demo.person(region.county, age)
    earliest = max(JOIN_FROM, add_years(p["birth"], 18))
    if student:
        earliest = max(earliest, add_years(DEMO_TODAY, -4))
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
    pinyin, initials = keys(p["name"], True)
    row = {
        "id": len(demo.volunteers) + 1, "name": p["name"], "pinyin": pinyin,
        "initials": initials, "sort_key": sort_key(p["name"]), "gender": p["gender"],
        "mobile": demo.mobile(),
        "id_number": demo.id_number(region.county, p["birth"], p["gender"]) if has_id else None,
        "birth_date": p["birth"] if has_id else None, "region": region,
        "skills": rng.choice(D.SKILLS[chosen[0]]) if rng.random() < 0.3 else "",
        "platform_registered": registered,
        "platform_id": demo.unique(lambda: f"DMZY{rng.randrange(10**8):08d}")
        if registered and rng.random() < 0.95 else None,
        "is_student": student, "active": rng.random() >= 0.05, "joined_on": joined,
        "notes": notes, **stamp(demo.at(max(joined, SETUP_AT.date()))),  # older: imported
    }  # fmt: skip
    demo.volunteers.append(row)
    demo.domains += [(row["id"], d) for d in chosen]
    return row, chosen


def add_officer(demo: Demo, region: Node, role: str, volunteer: Row | None = None) -> None:
    if volunteer is None:
        name = demo.person(region.county, demo.rng.randint(26, 58))["name"]
        mobile = demo.mobile()
    else:
        name, mobile = volunteer["name"], volunteer["mobile"]
    pinyin, initials = keys(name, True)
    demo.officers.append({
        "id": len(demo.officers) + 1, "name": name, "pinyin": pinyin, "initials": initials,
        "role": role, "region": region.id, "mobile": mobile,
        "volunteer": volunteer["id"] if volunteer else None,
        **stamp(SETUP_AT + timedelta(days=60, minutes=len(demo.officers))),
    })  # fmt: skip


def join(demo: Demo, team: Row, volunteer: Row) -> None:
    if (team["id"], volunteer["id"]) not in demo.joined:
        demo.joined.add((team["id"], volunteer["id"]))
        demo.members[team["id"]].append(volunteer["id"])
        joined = volunteer["joined_on"] + timedelta(days=demo.rng.randrange(60))
        demo.memberships.append({"team": team["id"], "volunteer": volunteer["id"],
                                 "joined_on": min(joined, DEMO_TODAY)})  # fmt: skip


def build_people(demo: Demo) -> None:
    rng, (jz, jzq) = demo.rng, demo.counties
    villages = villages_of(jz)
    sizes = Counter(rng.choices(range(len(villages)), [v.population or 0 for v in villages],
                                k=JIAOZHOU_VOLUNTEERS))  # fmt: skip
    for i, village in enumerate(villages):
        assert village.town is not None  # a village is below its town
        teams = demo.town_teams[village.town.id]
        divisions = {t["domain"]: t for t in teams if t["level"] == TeamLevel.DOMAIN_DIVISION}
        for _ in range(sizes[i]):
            v, domains = add_volunteer(demo, village, rng.random() < 0.08, list(divisions))
            home = [divisions[d] for d in domains if d in divisions] or list(divisions.values())
            professional = demo.children[home[0]["id"]]
            join(demo, rng.choice(professional) if professional and rng.random() < 0.8
                       else home[0], v)  # fmt: skip
            if rng.random() < 0.12:
                join(demo, rng.choice(teams), v)
    demo.progress("生成志愿者", 0.45)
    for _ in range(2):
        add_officer(demo, jz, PersonRole.COUNTY_STAFF)
    for town in jz.children:
        add_officer(demo, town, PersonRole.TOWN_STAFF)
    for village in villages:
        add_officer(demo, village, PersonRole.VILLAGE_LIAISON)
    add_officer(demo, jzq, PersonRole.COUNTY_STAFF)
    others = [c for c in villages_of(jzq) if c is not demo.model]
    base = [len(c.children) + 10 for c in others]
    near_campus = [2 if c.parent and c.parent.name == "城南街道" else 1 for c in others]
    extra = JINGZHOU_VOLUNTEERS - MODEL_VOLUNTEERS - sum(base)
    picks = Counter(rng.choices(range(len(others)), near_campus, k=extra))
    community_sizes = {c.id: base[i] + picks[i] for i, c in enumerate(others)}
    community_sizes[demo.model.id] = MODEL_VOLUNTEERS
    for community in villages_of(jzq):
        people = []
        for grid in community.children:  # 一员双责: every grid officer is a volunteer too
            v, chosen = add_volunteer(demo, grid, False, (Domain.EMERGENCY, Domain.HEALTH),
                                      rng.randint(28, 55))  # fmt: skip
            add_officer(demo, grid, PersonRole.GRID_OFFICER, v)
            people.append((v, "officer", chosen))
        rest = community_sizes[community.id] - len(people)
        students = 60 if community is demo.model else rest - round(rest * 0.04)
        flags = [True] * students + [False] * (rest - students)
        rng.shuffle(flags)
        for student in flags:
            offered = D.STUDENT_DOMAINS if student else list(D.DOMAIN_WEIGHTS)
            v, chosen = add_volunteer(demo, community, student, offered)
            people.append((v, "student" if student else "resident", chosen))
        place_in_teams(demo, community, people)
    choose_leaders(demo)
    insert(Volunteer, [{**v, "region": v["region"].id} for v in demo.volunteers])
    insert(VolunteerDomain, [{"volunteer": vid, "domain": d} for vid, d in demo.domains])
    insert(TeamMembership, demo.memberships)
    insert(Officer, demo.officers)
    leaders = [(t["leader"], t["id"]) for t in demo.teams]
    database.cursor().executemany('UPDATE "team" SET "leader_id" = ? WHERE "id" = ?', leaders)


def place_in_teams(demo: Demo, community: Node, people: list[tuple[Row, str, list[str]]]) -> None:
    rng = demo.rng
    if community is not demo.model:
        assert community.town is not None  # a community is below its subdistrict
        teams = demo.town_teams[community.town.id]
        divisions = {t["domain"]: t for t in teams if t["level"] == TeamLevel.DOMAIN_DIVISION}
        for v, _, domains in people:
            join(demo, divisions[Domain.HEALTH if Domain.HEALTH in domains else
                                 Domain.EDUCATION], v)  # fmt: skip
        return
    teams = demo.model_teams  # the order of D.MODEL_TEAMS
    likely = {"officer": ((0, 4), (3, 1)), "student": ((0, 1, 3, 4), (5, 2, 2, 1)),
              "resident": ((2, 5, 6, 3, 1), (3, 3, 3, 2, 1))}  # fmt: skip
    for v, kind, _ in people:
        join(demo, teams[rng.choices(*likely[kind])[0]], v)
        if rng.random() < 0.15:
            join(demo, rng.choice(teams), v)
    for team in teams:
        if not demo.members[team["id"]]:
            join(demo, team, rng.choice(people)[0])


def choose_leaders(demo: Demo) -> None:
    """Each team's leader is a member; a 总队 or 支队 takes one from the teams below."""
    for team in demo.teams:
        pool, below = list(demo.members[team["id"]]), list(demo.children[team["id"]])
        while below and not pool:
            child = below.pop(0)
            pool += demo.members[child["id"]]
            below += demo.children[child["id"]]
        adults = [i for i in pool if not demo.volunteers[i - 1]["is_student"]] or pool
        leader = demo.volunteers[demo.rng.choice(adults) - 1]
        join(demo, team, leader)
        team["leader"] = leader["id"]
