"""The places of the demo: the region tree of both counties, and the venues (科普阵地) in it."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

from kxtui.db.demo import data as D
from kxtui.db.demo.state import (
    JIAOZHOU,
    JINGZHOU,
    SETUP_AT,
    Demo,
    Node,
    insert,
    keys,
    stamp,
    villages_of,
)
from kxtui.db.engine.models import Region, Venue
from kxtui.domain import SEVEN_POINTS, TOWN_LEVEL, RegionKind, SixHave, VenueType

# --- regions ------------------------------------------------------------------------


def add_region(demo: Demo, parent: Node | None, kind: str, name: str, code: str | None,
               population: int | None = None) -> Node:  # fmt: skip
    rid = len(demo.regions) + 1
    node = Node(rid, parent, kind, name, code, f"{parent.path if parent else '/'}{rid}/",
                parent.county if parent else code or "", population=population)  # fmt: skip
    node.town = node if kind in TOWN_LEVEL else parent.town if parent else None
    demo.regions.append(node)
    if parent:
        parent.children.append(node)
    return node


def build_regions(demo: Demo) -> None:
    rng = demo.rng
    jz = add_region(demo, None, RegionKind.COUNTY, "胶州市", JIAOZHOU)
    towns = [(RegionKind.SUBDISTRICT, n) for n in D.JIAOZHOU_SUBDISTRICTS]
    towns += [(RegionKind.TOWN, n) for n in D.JIAOZHOU_TOWNS]
    counts = demo.spread(D.JIAOZHOU_VILLAGES, len(towns), 8, 30)
    for i, ((kind, name), count) in enumerate(zip(towns, counts, strict=True), 1):
        town = add_region(demo, jz, kind, name, f"{JIAOZHOU}{i:03d}")
        numbers = {RegionKind.COMMUNITY: 0, RegionKind.VILLAGE: 200}  # 居委会 0xx, 村 2xx
        for _ in range(count):
            urban = kind == RegionKind.SUBDISTRICT and rng.random() < 0.8
            vkind = RegionKind.COMMUNITY if urban else RegionKind.VILLAGE
            numbers[vkind] += 1
            name = demo.unique(partial(D.village_name, rng, urban))
            population = rng.randint(2500, 9000) if urban else rng.randint(450, 2600)
            add_region(demo, town, vkind, name, f"{town.code}{numbers[vkind]:03d}", population)
    jzq = add_region(demo, None, RegionKind.COUNTY, "荆州区", JINGZHOU)
    grids = iter([D.MODEL_GRIDS, *demo.spread(D.JINGZHOU_GRIDS - D.MODEL_GRIDS, 25, 4, 9)])
    for i, (sub_name, names) in enumerate(D.JINGZHOU_COMMUNITIES.items(), 1):
        sub = add_region(demo, jzq, RegionKind.SUBDISTRICT, sub_name, f"{JINGZHOU}{i:03d}")
        for j, name in enumerate(names, 1):
            community = add_region(demo, sub, RegionKind.COMMUNITY, name + "社区",
                                   f"{sub.code}{j:03d}", rng.randint(5000, 16000))  # fmt: skip
            for g in range(next(grids)):
                add_region(demo, community, RegionKind.GRID, f"第{g + 1}网格", None)
    for county in (jz, jzq):  # roll populations up
        for town in county.children:
            town.population = sum(v.population or 0 for v in town.children)
        county.population = sum(t.population or 0 for t in county.children)
    demo.counties = (jz, jzq)
    demo.model = next(r for r in demo.regions if r.name == D.MODEL_COMMUNITY)
    rows = []
    for r in demo.regions:
        siblings = r.parent.children if r.parent else list(demo.counties)
        pinyin, initials = keys(r.name)
        rows.append({"id": r.id, "parent": r.parent.id if r.parent else None, "kind": r.kind,
                     "name": r.name, "code": r.code, "pinyin": pinyin, "initials": initials,
                     "sort_order": siblings.index(r) + 1, "path": r.path,
                     "population": r.population,
                     **stamp(SETUP_AT + timedelta(minutes=r.id))})  # fmt: skip
    insert(Region, rows)


# --- venues -------------------------------------------------------------------------


def add_venue(demo: Demo, region: Node, vtype: str, name: str, level: str | None) -> None:
    rng = demo.rng
    jiaozhou = region.county == JIAOZHOU
    if not jiaozhou:
        phone = f"0716-8{rng.randrange(10**6):06d}"
    else:
        phone = f"0532-8{rng.randrange(10**7):07d}" if rng.random() < 0.6 else demo.mobile()
    town = region.town or region
    place = region.name if town is region else town.name + region.name
    road = rng.choice(D.JIAOZHOU_ROADS if jiaozhou else D.JINGZHOU_ROADS)
    spot = (rng.choice(D.LANDMARKS) if region.kind == RegionKind.VILLAGE
            else f"{road}{rng.randint(1, 399)}号")  # fmt: skip
    pinyin, initials = keys(name)
    demo.venues.append({
        "id": len(demo.venues) + 1, "region": region, "name": name, "type": vtype,
        "level": level, "pinyin": pinyin, "initials": initials,
        **{f"six_{have}": True for have in SixHave},
        "contact": demo.person(region.county, rng.randint(30, 58))["name"], "phone": phone,
        "address": ("山东省青岛市胶州市" if jiaozhou else "湖北省荆州市荆州区") + place + spot,
        "sort_order": sum(v["region"] is region for v in demo.venues) + 1,
        **stamp(demo.at(SETUP_AT.date(), rng.randrange(400))),
    })  # fmt: skip


def build_venues(demo: Demo) -> None:
    rng, (jz, jzq) = demo.rng, demo.counties
    towns = {t.name: t.children for t in jz.children}
    villages = [v for v in villages_of(jz) if v.kind == RegionKind.VILLAGE]
    communities = [v for v in villages_of(jz) if v.kind == RegionKind.COMMUNITY]
    for name in D.EDUCATION_BASES:
        home = D.BASE_HOMES.get(name)
        where = rng.choice(towns[home] if home else communities + villages)
        add_venue(demo, where, VenueType.EDUCATION_BASE, name, "city")
    for _ in range(34 - len(D.EDUCATION_BASES)):
        where = rng.choice(villages)
        village = where.name.removesuffix("村")
        name = demo.unique(partial(D.education_base_name, rng, village))
        add_venue(demo, where, VenueType.EDUCATION_BASE, name, "city")
    for name, town_name in zip(D.TECH_COURTYARDS, ("胶莱镇", "里岔镇"), strict=True):
        add_venue(demo, rng.choice(towns[town_name]), VenueType.TECH_COURTYARD, name, "national")
    for where in rng.sample(communities, 3):
        add_venue(demo, where, VenueType.COMMUNITY_MUSEUM, f"{where.name}科普馆", "county")
    for name in D.SCHOOL_MUSEUMS:
        add_venue(demo, rng.choice(communities), VenueType.SCHOOL_MUSEUM, name, "county")
    park = rng.choice(towns["三里河街道"])
    add_venue(demo, park, VenueType.SCIENCE_PARK, "少海科普公园", "county")
    for name in rng.sample(D.SCHOOL_NAMES, 33):
        where = rng.choice(communities if rng.random() < 0.8 else villages)
        add_venue(demo, where, VenueType.DEMONSTRATION_SCHOOL, name, rng.choice(("city", "county")))
    for town in jz.children:
        add_venue(demo, town, VenueType.TOWN_ACTIVITY_CENTRE, f"{town.name}科普活动中心", "town")
    for row in rng.sample(demo.venues, round(len(demo.venues) * rng.uniform(0.17, 0.23))):
        for have in rng.sample(list(SixHave), 1 if rng.random() < 0.7 else 2):
            row[f"six_{have}"] = False
            row[f"six_{have}_note"] = rng.choice(D.SIX_HAVE_NOTES[have])
    model = demo.model
    add_venue(demo, model, VenueType.COMMUNITY_STATION, f"{model.name}科普活动站", "village")
    for vtype, point in zip(SEVEN_POINTS, D.POINT_NAMES, strict=True):
        add_venue(demo, model, vtype, model.name + point, "village")
    add_venue(demo, model, VenueType.COMMUNITY_SCHOOL, f"{model.name}科普学校", "village")
    demo.model_school = demo.venues[-1]
    subs = {s.name: s for s in jzq.children}
    for unit_type, name, sub_name in D.JINGZHOU_UNITS:
        add_venue(demo, rng.choice(subs[sub_name].children), unit_type, name, "county")
    for sub in jzq.children:
        add_venue(demo, sub, VenueType.TOWN_ACTIVITY_CENTRE, f"{sub.name}科普活动中心", "town")
    insert(Venue, [{**v, "region": v["region"].id} for v in demo.venues])
