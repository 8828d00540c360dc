"""One county's activity ledger (活动台账) and who served at each activity for how long.

About one activity per ten volunteers and ten service records per activity. Volunteers are
drawn by a service weight (core, regular, occasional, never), so "hours this year", "last
service" and "never served" all have something to show.
"""

from __future__ import annotations

from bisect import bisect
from collections import defaultdict
from datetime import date

from kxtui.db.demo import data as D
from kxtui.db.demo.province import shandong as S
from kxtui.db.demo.province.draw import FIRST_DAY, ISO, Weighted, stamp_text, text_keys
from kxtui.db.demo.province.state import County, Place, Province, Row, TeamNode, VenueRef
from kxtui.db.demo.state import DEMO_TODAY, HOURS, JIAOZHOU, WINDOW_START
from kxtui.domain import Campaign, RegionKind, ThemeDay

ACTIVITIES_PER_VOLUNTEER = 0.1
TODAY = DEMO_TODAY.toordinal()
WINDOW_DAY = WINDOW_START.toordinal()
# plain str values, not enum members: sqlite3 binds them without an adapter lookup
_THEMES = (ThemeDay.SCIENCE_DAY, ThemeDay.SCIENCE_WEEK, ThemeDay.WORKERS_DAY, ThemeDay.OTHER)
THEMES = Weighted([*(t.value for t in _THEMES), None], (22, 12, 4, 5, 57))
CAMPAIGNS = [c.value for c in Campaign]  # dandelion silver farmers workers
RURAL_CAMPAIGNS = Weighted(CAMPAIGNS, (3, 3, 4, 1))
URBAN_CAMPAIGNS = Weighted(CAMPAIGNS, (3, 4, 1, 2))
LONG_FORMATS = ("exhibition", "caravan", "anti_cult", "science_show")


def _theme_date(p: Province, theme: str | None) -> tuple[int, str]:
    """A day (ordinal) that fits the theme day, and the prefix its title takes."""
    year = DEMO_TODAY.year - (p.random() < 0.5)
    if theme == ThemeDay.SCIENCE_DAY:
        return date(year, 9, p.between(10, 30)).toordinal(), f"{year}年全国科普日"
    if theme == ThemeDay.SCIENCE_WEEK:
        return date(year, 5, p.between(17, 26)).toordinal(), f"{year}年科技活动周"
    if theme == ThemeDay.WORKERS_DAY:
        return date(year, 5, 30).toordinal(), f"{year}年全国科技工作者日"
    if theme == ThemeDay.OTHER:
        month, day, name = D.OTHER_DAYS[p.below(len(D.OTHER_DAYS))]
        return date(year, month, day).toordinal(), name
    return WINDOW_DAY + 1 + p.below(730), ""


class _Ledger:
    """What one county's activities draw from: venues, teams and volunteers by town."""

    def __init__(self, p: Province, county: County) -> None:
        self.p, self.county = p, county
        self.schools: dict[int, list[VenueRef]] = {}
        self.others: dict[int, list[VenueRef]] = defaultdict(list)  # region id -> non-schools
        for town in county.towns:
            venues = county.venues[town.id]
            self.schools[town.id] = [v for v in venues if v.type in D.SCHOOL_TYPES]
            for v in venues:
                if v.type not in D.SCHOOL_TYPES:
                    self.others[v.region.id].append(v)
                    if v.region is not town:
                        self.others[town.id].append(v)
        first, weights = county.first_volunteer, county.volunteer_weights
        by_town: dict[int, tuple[list[int], list[int]]] = {t.id: ([], []) for t in county.towns}
        for i, (town_id, weight) in enumerate(zip(county.volunteer_towns, weights, strict=True)):
            if weight:
                by_town[town_id][0].append(first + i)
                by_town[town_id][1].append(weight)
        self.servers = {t: Weighted(ids, w) for t, (ids, w) in by_town.items() if ids}
        counts = [len(by_town[t.id][0]) + 1 for t in county.towns]
        self.towns = Weighted(county.towns, counts)
        self.organisers = [county.name + unit for unit in S.ORGANISER_UNITS]
        self.notes = [n for n in D.NOTES if county.code == JIAOZHOU or "胶州" not in n]
        self.online = f"科普·{county.short}"

    def activity(self) -> tuple[list[object], dict[int, float]]:
        """One activity's row (id still to come) and its volunteers' hours."""
        p, random, county = self.p, self.p.random, self.county
        town: Place = self.towns.pick(random)
        rural = town.kind == RegionKind.TOWN
        theme = THEMES.pick(random)
        start, label = _theme_date(p, theme)
        campaign = None
        if theme != ThemeDay.WORKERS_DAY and random() < 0.8:
            campaign = (RURAL_CAMPAIGNS if rural else URBAN_CAMPAIGNS).pick(random)
        fmt = "visit" if theme == ThemeDay.WORKERS_DAY else p.pick(D.CAMPAIGN_FORMATS[campaign])
        region = town if random() < 0.3 else p.pick(town.children)
        venue = None
        schools = self.schools[town.id]
        if campaign == Campaign.DANDELION and schools and random() < 0.7:
            venue = p.pick(schools)
            region = venue.region
        elif fmt != "online" and random() < 0.6 and (here := self.others.get(region.id)):
            venue = p.pick(here)
        core = D.activity_core(p.rng, campaign, fmt, region.name, self.online)
        if theme == ThemeDay.WORKERS_DAY:
            core = p.pick(D.WORKERS_DAY_EVENTS)
        elif theme == ThemeDay.SCIENCE_DAY and not campaign and random() < 0.4:
            core = "科普进社区" if region.kind == RegionKind.COMMUNITY else "科普进乡村"
        parts = [label, core] if label else [core]
        place = venue.name if venue else region.name
        title = f"{label}·{core}" if label else core
        if place not in title and random() < 0.5:
            parts.append(place)
            title += f"（{place}）"
        # "·" and the brackets split pypinyin's words: the title's keys are its parts' keys
        part_keys = [text_keys(part) for part in parts]
        pinyin, initials = "".join(k[0] for k in part_keys), "".join(k[1] for k in part_keys)
        if theme == ThemeDay.WORKERS_DAY:
            targets = "science_workers"
        elif campaign:
            targets = D.CAMPAIGN_TARGETS[campaign].value + (",residents" if random() < 0.3 else "")
        else:
            targets = "residents" if fmt == "anti_cult" or random() < 0.8 else "officials"
        team: TeamNode | None = None
        if random() < 0.75:
            teams = county.town_teams[town.id]
            domain = D.CAMPAIGN_DOMAINS.get(campaign)
            team = p.pick([t for t in teams if t.domain == domain] or teams)
        organiser = "" if team else p.pick((f"{town.name}科协", *self.organisers))
        long = fmt in LONG_FORMATS and random() < 0.35
        days = p.between(2, 3) if long or random() < 0.04 else 1
        start = min(start, TODAY - days + 1)
        roll = random()
        reach = (p.between(30, 300) if roll < 0.68 else p.between(300, 800) if roll < 0.95
                 else p.between(1000, 6000))  # fmt: skip
        if fmt == "online":
            materials = 0
        elif fmt in ("exhibition", "caravan", "anti_cult"):
            materials = p.between(reach, 2 * reach)
        else:
            materials = p.between(reach // 4, reach * 3 // 2)
        served = self._served(town, team, start)
        end = start + days - 1
        at = stamp_text(min(end + p.below(4), TODAY), random)
        notes = p.pick(self.notes) if random() < 0.25 else ""
        duration = max(served.values(), default=2) * days
        row: list[object] = [None, at, title, pinyin, initials, ISO[start - FIRST_DAY],
                             ISO[end - FIRST_DAY], duration, region.id,
                             venue.id if venue else None, team.id if team else None,
                             organiser, theme, campaign, targets, fmt, reach, materials,
                             notes]  # fmt: skip
        return row, served

    def _served(self, town: Place, team: TeamNode | None, start: int) -> dict[int, float]:
        """3–17 active volunteers of the town who had joined by then, the team's first."""
        p, random = self.p, self.p.random
        want = p.between(3, 17)
        first, joined = self.county.first_volunteer, self.county.volunteer_joined
        weights = self.county.volunteer_weights
        served: dict[int, float] = {}
        hours, n_hours = HOURS, len(HOURS)
        if team and team.members:
            members = team.members
            for _ in range(2 * want):
                v = members[int(random() * len(members))]
                i = v - first
                if v not in served and weights[i] and joined[i] <= start:
                    served[v] = hours[int(random() * n_hours)]
                    if len(served) == want:
                        return served
        servers = self.servers.get(town.id)
        if servers:
            ids, cumulative, total = servers.items, servers.cumulative, servers.total
            for _ in range(3 * want):
                v = ids[bisect(cumulative, random() * total)]
                if v not in served and joined[v - first] <= start:
                    served[v] = hours[int(random() * n_hours)]
                    if len(served) == want:
                        break
        return served


def build_activities(p: Province, county: County) -> None:
    """The county's activities, ids in date order, and their service records."""
    ledger = _Ledger(p, county)
    drawn = [ledger.activity() for _ in range(round(county.share * ACTIVITIES_PER_VOLUNTEER))]
    drawn.sort(key=lambda pair: (pair[0][5], pair[0][8]))  # start date, region
    services: list[Row] = []
    for row, served in drawn:
        row[0] = aid = p.new_id("activity")
        services += [(aid, v, h) for v, h in served.items()]
    p.add_rows("activity", [row for row, _ in drawn])
    p.add_rows("service_record", services)
    p.counts["activities"] += len(drawn)
    p.counts["service_records"] += len(services)
