"""The activity ledger (活动台账) of the demo, and who served at each activity for how long."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from kxtui.db.demo import data as D
from kxtui.db.demo.state import (
    DEMO_TODAY,
    HOURS,
    WINDOW_START,
    Demo,
    Node,
    Row,
    insert,
    keys,
    stamp,
)
from kxtui.db.engine.models import Activity, ServiceRecord
from kxtui.domain import Campaign, RegionKind, ThemeDay


def theme_date(demo: Demo, theme: str | None) -> tuple[date, str]:
    """A date that fits the theme day, and the prefix its title takes."""
    rng = demo.rng
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


def random_activity(demo: Demo, town: Node, online: str, organisers: Sequence[str],
                    campaign_weights: Sequence[float]) -> None:  # fmt: skip
    rng = demo.rng
    themes = (ThemeDay.SCIENCE_DAY, ThemeDay.SCIENCE_WEEK, ThemeDay.WORKERS_DAY,
              ThemeDay.OTHER, None)  # fmt: skip
    theme = rng.choices(themes, (22, 12, 4, 5, 57))[0]
    start, label = theme_date(demo, theme)
    campaign = None
    if theme != ThemeDay.WORKERS_DAY and rng.random() < 0.8:
        campaign = rng.choices(list(Campaign), campaign_weights)[0]
    fmt = "visit" if theme == ThemeDay.WORKERS_DAY else rng.choice(D.CAMPAIGN_FORMATS[campaign])
    region = town if rng.random() < 0.3 else rng.choice(town.children)
    in_town = [v for v in demo.venues if (v["region"].town or v["region"]) is town]
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
    teams = demo.town_teams[town.id]
    matching = [t for t in teams if t["domain"] == D.CAMPAIGN_DOMAINS.get(campaign)] or teams
    team = rng.choice(matching) if rng.random() < 0.75 else None
    organiser = "" if team else rng.choice((f"{town.name}科协", *organisers))
    long = fmt in ("exhibition", "caravan", "anti_cult", "science_show") and rng.random() < 0.35
    days = rng.randint(2, 3) if long or rng.random() < 0.04 else 1
    roll = rng.random()
    reach = (rng.randint(30, 300) if roll < 0.68 else rng.randint(300, 800) if roll < 0.95
             else rng.randint(1000, 6000))  # fmt: skip
    add_activity(demo, title, start, days, region, venue, team, organiser, theme, campaign,
                 targets, fmt, reach)  # fmt: skip


def add_activity(demo: Demo, title: str, start: date, days: int, region: Node,
                 venue: Row | None, team: Row | None, organiser: str, theme: str | None,
                 campaign: str | None, targets: Sequence[str], fmt: str,
                 reach: int) -> None:  # fmt: skip
    rng = demo.rng
    start = min(start, DEMO_TODAY - timedelta(days=days - 1))
    if fmt == "online":
        materials = 0
    elif fmt in ("exhibition", "caravan", "anti_cult"):
        materials = rng.randint(reach, 2 * reach)
    else:
        materials = rng.randint(reach // 4, reach * 3 // 2)
    # 2-15 volunteers of the town, the organising team's first, who had joined by then
    want = rng.randint(2, 15)
    team_pool = [demo.volunteers[i - 1] for i in demo.members[team["id"]]] if team else []
    town_pool = demo.town_volunteers[(region.town or region).id]
    draws = rng.sample(team_pool, min(len(team_pool), 2 * want))
    draws += rng.sample(town_pool, min(len(town_pool), 3 * want))
    served: dict[int, float] = {}
    for strict in (True, False):
        for v in draws:
            fits = not strict or (v["active"] and v["joined_on"] <= start)
            if len(served) < want and v["id"] not in served and fits:
                served[v["id"]] = rng.choice(HOURS)
    pinyin, initials = keys(title)
    end = start + timedelta(days=days - 1)
    demo.activities.append({
        "title": title, "pinyin": pinyin, "initials": initials, "start_date": start,
        "end_date": end, "duration": max(served.values(), default=2) * days,
        "region": region.id, "venue": venue["id"] if venue else None,
        "organiser_team": team["id"] if team else None, "organiser": organiser,
        "theme_day": theme, "campaign": campaign, "target_groups": ",".join(targets),
        "format": fmt, "people_reached": reach, "materials": materials,
        "notes": rng.choice(D.NOTES) if rng.random() < 0.25 else "",
        **stamp(demo.at(end, rng.randrange(4))), "served": served,
    })  # fmt: skip


def build_activities(demo: Demo) -> None:
    rng, (jz, jzq) = demo.rng, demo.counties
    demo.town_volunteers = defaultdict(list)
    for v in demo.volunteers:
        demo.town_volunteers[v["region"].town.id].append(v)
    for _ in range(rng.randint(485, 515)):
        town = rng.choice(jz.children)
        rural = town.kind == RegionKind.TOWN or town.name in D.RURAL_SUBDISTRICTS
        weights = (3, 3, 4, 1) if rural else (3, 4, 1, 2)  # dandelion silver farmers workers
        random_activity(demo, town, "科普·胶州", D.ORGANISERS, weights)
    target = len(demo.activities) + rng.randint(145, 155)
    model, school = demo.model, demo.model_school
    lecturers, trainers = demo.model_teams[0], demo.model_teams[3]
    month = WINDOW_START.replace(day=1)
    while month <= DEMO_TODAY:  # a community science lecture once or twice a month
        for half in range(1 if rng.random() < 0.55 else 2):
            day = month + timedelta(days=rng.randint(1, 13) + 14 * half)
            if WINDOW_START < day <= DEMO_TODAY:
                title = f"{model.name}科普大讲堂：{rng.choice(D.JINGZHOU_TOPICS)}"
                campaign = Campaign.SILVER_AGE if rng.random() < 0.3 else None
                add_activity(
                    demo,
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
            add_activity(demo, title, theme_date(demo, None)[0], rng.randint(2, 3), model,
                         school, trainers, "", None, None, ("residents",), "lecture",
                         rng.randint(150, 400))  # fmt: skip
    while len(demo.activities) < target:
        town = rng.choice(jzq.children)
        random_activity(demo, town, "科普·荆州", D.JINGZHOU_ORGANISERS, (3, 3, 0, 1))
    demo.activities.sort(key=lambda a: (a["start_date"], a["region"]))
    services = []
    for i, a in enumerate(demo.activities, 1):
        a["id"] = i
        services += [{"activity": i, "volunteer": v, "hours": h}
                     for v, h in a.pop("served").items()]  # fmt: skip
    insert(Activity, demo.activities)
    insert(ServiceRecord, services)
