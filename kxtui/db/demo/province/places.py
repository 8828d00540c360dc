"""One county's places: towns and subdistricts, villages and communities, grids, and the venues
(科普阵地) in them, with the six haves (六有) mostly met."""

from __future__ import annotations

from kxtui.db.demo import data as D
from kxtui.db.demo.province import shandong as S
from kxtui.db.demo.province.draw import new_mobile, stamp_text, text_keys
from kxtui.db.demo.province.state import County, Place, Province, Row, VenueRef
from kxtui.db.demo.state import JIAOZHOU, SETUP_AT
from kxtui.domain import TOWN_LEVEL, RegionKind, SixHave, VenueLevel, VenueType

SETUP_DAY = SETUP_AT.date().toordinal()
SETUP_TEXT = SETUP_AT.strftime("%Y-%m-%d %H:%M:%S")
GRID_SHARE = 0.4  # communities of a subdistrict that are split into grids (网格)


def _town_kinds(p: Province, county: County) -> list[RegionKind]:
    """街道 and 镇 of a county: a district (区) is mostly subdistricts, a county mostly towns."""
    if county.name.endswith("区"):
        streets, towns = p.between(6, 12), p.between(0, 3)
    elif county.name.endswith("市"):
        streets, towns = p.between(3, 6), p.between(8, 14)
    else:
        streets, towns = p.between(1, 3), p.between(8, 14)
    return [RegionKind.SUBDISTRICT] * streets + [RegionKind.TOWN] * towns


def _town_name(p: Province, kind: str, taken: set[str]) -> str:
    while True:
        if kind == RegionKind.SUBDISTRICT:
            name = S.SUBDISTRICT_NAMES[p.below(len(S.SUBDISTRICT_NAMES))] + "街道"
        else:
            head = S.TOWN_HEADS[p.below(len(S.TOWN_HEADS))]
            name = head + S.TOWN_TAILS[p.below(len(S.TOWN_TAILS))] + "镇"
        if name not in taken:
            taken.add(name)
            return name


def build_regions(p: Province, county: County) -> None:
    """The county's region tree; ids in tree order, so a parent goes in before its children."""
    places: list[Place] = []

    def add(parent: Place | None, kind: str, name: str, code: str | None,
            population: int | None = None) -> Place:  # fmt: skip
        rid = p.new_id("region")
        path = f"{parent.path if parent else '/'}{rid}/"
        order = len(parent.children) + 1 if parent else county.order
        place = Place(rid, kind, name, code, path, parent, None, order, population)
        place.town = place if kind in TOWN_LEVEL else parent.town if parent else None
        if parent:
            parent.children.append(place)
        places.append(place)
        return place

    node = county.node = add(None, RegionKind.COUNTY, county.name, county.code)
    if county.code == JIAOZHOU:  # its real towns, as in the county demo
        towns = [(RegionKind.SUBDISTRICT, n) for n in D.JIAOZHOU_SUBDISTRICTS]
        towns += [(RegionKind.TOWN, n) for n in D.JIAOZHOU_TOWNS]
    else:
        taken: set[str] = set()
        towns = [(kind, _town_name(p, kind, taken)) for kind in _town_kinds(p, county)]
    for i, (kind, name) in enumerate(towns, 1):
        town = add(node, kind, name, f"{county.code}{i:03d}")
        county.towns.append(town)
        numbers = {RegionKind.COMMUNITY: 0, RegionKind.VILLAGE: 200}  # 居委会 0xx, 村 2xx
        names: set[str] = set()
        for _ in range(p.between(15, 25)):
            urban = p.random() < (0.85 if kind == RegionKind.SUBDISTRICT else 0.1)
            vkind = RegionKind.COMMUNITY if urban else RegionKind.VILLAGE
            while (name := D.village_name(p.rng, urban)) in names:
                pass
            names.add(name)
            numbers[vkind] += 1
            population = p.between(2500, 9000) if urban else p.between(450, 2600)
            village = add(town, vkind, name, f"{town.code}{numbers[vkind]:03d}", population)
            if urban and kind == RegionKind.SUBDISTRICT and p.random() < GRID_SHARE:
                for g in range(p.between(3, 8)):
                    add(village, RegionKind.GRID, f"第{g + 1}网格", None)
        town.population = sum(v.population or 0 for v in town.children)
    node.population = sum(t.population or 0 for t in county.towns)
    rows = []
    for r in places:
        pinyin, initials = text_keys(r.name)
        rows.append((r.id, SETUP_TEXT, r.parent.id if r.parent
                     else None, r.kind, r.name, r.code, pinyin, initials, r.order, r.path,
                     r.population))  # fmt: skip
    p.add_rows("region", rows)
    p.counts["regions"] += len(rows)


# --- venues -------------------------------------------------------------------------------

# type -> weight among a town's venues besides its activity centre
VENUE_MIX: dict[str, float] = {
    VenueType.DEMONSTRATION_SCHOOL: 1.5, VenueType.COMMUNITY_STATION: 1.5,
    VenueType.EDUCATION_BASE: 1.2, VenueType.RURAL_TECH_ASSOCIATION: 0.7,
    VenueType.ENTERPRISE_SAST: 0.6, VenueType.COMMUNITY_MUSEUM: 0.3,
    VenueType.SCHOOL_MUSEUM: 0.2, VenueType.TECH_COURTYARD: 0.15, VenueType.SCIENCE_PARK: 0.15,
}  # fmt: skip
SHORT_OF_SIX_HAVES = 0.2  # venues that fall short of one or two of the six haves


def _venue(p: Province, county: County, town: Place, vtype: str) -> tuple[Place, str, str, str]:
    """Where a venue of this type sits in the town, its type (a town without communities
    has an education base instead of a community station), name and level."""
    villages = [v for v in town.children if v.kind == RegionKind.VILLAGE]
    communities = [v for v in town.children if v.kind == RegionKind.COMMUNITY]
    core = town.name.removesuffix("街道").removesuffix("镇")
    if vtype in (VenueType.COMMUNITY_STATION, VenueType.COMMUNITY_MUSEUM) and not communities:
        vtype = VenueType.EDUCATION_BASE
    where, name, level = _placed(p, county, town, vtype, core, villages, communities)
    return where, vtype, name, level


def _placed(p: Province, county: County, town: Place, vtype: str, core: str,
            villages: list[Place], communities: list[Place]) -> tuple[Place, str, str]:  # fmt: skip
    if vtype == VenueType.COMMUNITY_STATION:
        where = p.pick(communities)
        return where, f"{where.name}科普活动站", VenueLevel.VILLAGE
    if vtype == VenueType.COMMUNITY_MUSEUM:
        where = p.pick(communities)
        return where, f"{where.name}科普馆", VenueLevel.COUNTY
    if vtype == VenueType.DEMONSTRATION_SCHOOL:
        where = p.pick(town.children)
        return where, core + p.pick(S.SCHOOL_SUFFIXES), p.pick(("city", "county"))
    if vtype == VenueType.SCHOOL_MUSEUM:
        return p.pick(town.children), f"{core}中学科普馆", VenueLevel.COUNTY
    if vtype == VenueType.RURAL_TECH_ASSOCIATION:
        return town, f"{core}{p.pick(S.RURAL_ASSOCIATIONS)}专业技术协会", VenueLevel.COUNTY
    if vtype == VenueType.ENTERPRISE_SAST:
        words = S.COMPANY_WORDS
        company = words[p.below(len(words))] + words[p.below(len(words))]
        name = f"{county.short}{company}{p.pick(S.INDUSTRIES)}有限公司科协"
        return town, name, VenueLevel.COUNTY
    if vtype == VenueType.SCIENCE_PARK:
        return town, f"{core}科普公园", VenueLevel.COUNTY
    where = p.pick(villages or town.children)
    village = where.name.removesuffix("村").removesuffix("社区")
    if vtype == VenueType.TECH_COURTYARD:
        return where, f"{village}{p.pick(S.COURTYARD_CROPS)}科技小院", VenueLevel.NATIONAL
    kind = p.pick(D.BASE_KINDS)
    return where, f"{village}{kind}科普教育基地", VenueLevel.CITY


def build_venues(p: Province, county: County) -> None:
    """About eight venues a town: its activity centre and a mix of schools, stations, bases."""
    rows: list[Row] = []
    mix_types, mix_weights = list(VENUE_MIX), list(VENUE_MIX.values())
    taken: set[tuple[int, str]] = set()
    level: str
    for town in county.towns:
        venues = county.venues[town.id] = []
        wanted: list[str] = [VenueType.TOWN_ACTIVITY_CENTRE]
        wanted += p.rng.choices(mix_types, mix_weights, k=p.between(5, 9))
        for vtype in wanted:
            if vtype == VenueType.TOWN_ACTIVITY_CENTRE:
                where, name, level = town, f"{town.name}科普活动中心", VenueLevel.TOWN
            else:
                where, vtype, name, level = _venue(p, county, town, vtype)
            if (where.id, name) in taken:
                continue
            taken.add((where.id, name))
            ref = VenueRef(p.new_id("venue"), where, vtype, name)
            venues.append(ref)
            rows.append(_venue_row(p, county, ref, level, sum(v.region is where for v in venues)))
    p.add_rows("venue", rows)
    p.counts["venues"] += len(rows)


def _venue_row(p: Province, county: County, venue: VenueRef, level: str, order: int) -> Row:
    random, where = p.random, venue.region
    six: list[object] = []
    short = set(p.rng.sample(list(SixHave), 1 if random() < 0.7 else 2)) if (
        random() < SHORT_OF_SIX_HAVES) else set()  # fmt: skip
    for have in SixHave:
        missing = have in short
        six += [not missing, p.pick(D.SIX_HAVE_NOTES[have]) if missing else ""]
    assert county.names is not None
    birth = SETUP_DAY - p.between(30 * 365, 58 * 365)
    contact = county.names.draw(random, random() < 0.5, birth)[0]
    if random() < 0.6:
        digits = 8 if county.area_code in ("0531", "0532") else 7
        phone = f"{county.area_code}-{p.between(2, 8)}{p.below(10 ** (digits - 1)):0{digits - 1}d}"
    else:
        phone = new_mobile(random, p.mobiles)
    town = where.town or where
    place = town.name if where is town else town.name + where.name
    spot = (p.pick(D.LANDMARKS) if where.kind == RegionKind.VILLAGE
            else f"{p.pick(S.ROADS)}{p.between(1, 399)}号")  # fmt: skip
    at = stamp_text(SETUP_DAY + p.below(400), random)
    pinyin, initials = text_keys(venue.name)
    return (venue.id, at, where.id, venue.name, venue.type, level, pinyin,
            initials, *six, contact, phone, county.address + place + spot, order)  # fmt: skip
