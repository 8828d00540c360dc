"""The databases the benchmarks use, built fresh into a temporary directory on every run.

- demo.db: the deterministic county demo (`kxtui.db.demo.build_demo`, seed 2026): 胶州市 and
  荆州区 with their towns, villages, grid cells and venues — county scale for start-up and jump-to.
- town.db: one county → one town → 1,000 villages, each with one venue (the expand benchmark).
  County and town go through `create_region` (the app's own write path); the 1,000 villages and
  their venues are bulk-inserted in one transaction, with the same path and pinyin columns
  `create_region` / `create_venue` would write.

Whoever runs the benchmarks is the county admin of both (the demo build makes its builder one;
town.db gets its admin from `first_admin`, as `kxtui init --admin` does) and stays signed in
for the whole run, as the app and the CLI sign in the officer running them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from peewee import chunked

from kxtui.db.demo import build_demo
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region, Venue, database
from kxtui.db.officers import first_admin, sign_in_process
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.region_writes import create_region
from kxtui.db.regions import children
from kxtui.db.rows import NodeRef, RegionInput
from kxtui.domain import RegionKind, VenueType

VILLAGES = 1_000
FROZEN_AT = datetime(2026, 11, 15, 9, 0)  # the demo's "today"

# Village names: a surname plus a place word, numbered, so each is unique and has real pinyin.
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
_PLACES = ("家庄", "家村", "家洼", "家屯", "家营")


@dataclass(frozen=True)
class BigTown:
    path: Path
    county: NodeRef
    town: NodeRef


def build_demo_db(folder: Path) -> Path:
    path = folder / "demo.db"
    try:
        build_demo(path, seed=2026)
        sign_in_process(path)
    finally:
        close_database()
    return path


def first_county_label(path: Path) -> str:
    """The tree's first line once the data arrived: "胶州市 · 4 镇 · 8 街道 · 87 阵地"."""
    from kxtui.widgets.region_tree import node_label

    open_database(path)
    try:
        return node_label(children(None)[0]).plain
    finally:
        close_database()


def build_big_town(folder: Path) -> BigTown:
    path = folder / "town.db"
    open_database(path)
    try:
        first_admin(path)
        county = create_region(None, RegionInput("基准县", RegionKind.COUNTY))
        town = create_region(county, RegionInput("千村镇", RegionKind.TOWN))
        town_path = Region.get_by_id(town).path
        stamp = {"created_at": FROZEN_AT, "created_by": "bench", "updated_at": FROZEN_AT,
                 "updated_by": "bench", "version": 1}  # fmt: skip
        villages = []
        for i in range(VILLAGES):
            name = f"{_SURNAMES[i % len(_SURNAMES)]}{_PLACES[i % len(_PLACES)]}{i + 1}"
            full, initials = pinyin_keys(name)
            villages.append({"parent": town, "kind": RegionKind.VILLAGE, "name": name,
                             "pinyin": full, "initials": initials, "sort_order": i + 1,
                             "path": "", **stamp})  # fmt: skip
        with database.atomic():
            for batch in chunked(villages, 200):
                Region.insert_many(batch).execute()
            database.execute_sql(
                "UPDATE region SET path = ? || id || '/' WHERE parent_id = ?", (town_path, town)
            )
            rows = Region.select(Region.id, Region.name).where(Region.parent == town).tuples()
            venues = []
            for region_id, name in rows:
                venue_name = f"{name}科普活动站"
                full, initials = pinyin_keys(venue_name)
                venues.append({"region": region_id, "name": venue_name,
                               "type": VenueType.COMMUNITY_STATION, "pinyin": full,
                               "initials": initials, "sort_order": 1, "six_site": True,
                               **stamp})  # fmt: skip
            for batch in chunked(venues, 200):
                Venue.insert_many(batch).execute()
        assert len(children(town)) == VILLAGES
    finally:
        close_database()
    return BigTown(path, NodeRef("region", county), NodeRef("region", town))
