"""The functions the hierarchy screen calls, checked against plain SQL on the demo county."""

from __future__ import annotations

from pathlib import Path

from playhouse.test_utils import count_queries

from kxtui import clock
from kxtui.db import regions, search, venues
from kxtui.db.engine.models import Region, database
from kxtui.db.rows import NodeRef


def sql(query: str, *params: object) -> object:
    return database.execute_sql(query, params).fetchone()[0]


def county_id(name: str) -> int:
    return Region.get(Region.name == name).id


def test_children_is_one_query_with_counts(demo_db: Path) -> None:
    jiaozhou = county_id("胶州市")
    with count_queries() as counter:
        towns = regions.children(jiaozhou)
    assert counter.count == 1
    fuan = next(row for row in towns if row.name == "阜安街道")
    expected_villages = sql(
        "SELECT COUNT(*) FROM region WHERE parent_id = ? AND kind = 'village'", fuan.ref.id
    )
    expected_venues = sql(
        "SELECT COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id WHERE r.path LIKE ?",
        f"/{jiaozhou}/{fuan.ref.id}/%",
    )
    assert (fuan.villages, fuan.venues, fuan.expandable) == (
        expected_villages,
        expected_venues,
        True,
    )
    own = regions.children(fuan.ref.id)
    assert [r.ref.kind for r in own].count("venue") == sql(
        "SELECT COUNT(*) FROM venue WHERE region_id = ?", fuan.ref.id
    )
    assert [r.ref.kind for r in own][-1] == "venue", "regions first, then the venues"


def test_top_level_lists_the_counties(demo_db: Path) -> None:
    assert [row.name for row in regions.children(None)] == ["胶州市", "荆州区"]


def test_region_detail_rolls_up_the_subtree(demo_db: Path) -> None:
    detail = regions.detail(county_id("胶州市"), clock.today())
    assert detail is not None
    assert (detail.towns, detail.villages, detail.venues, detail.teams, detail.volunteers) == (
        12,
        204,
        87,
        110,
        10759,
    )
    assert dict(detail.venues_by_type)["education_base"] == 34
    # 有活动: an activity at the venue in the 12 months up to the frozen day (2026-11-20)
    shortfall = sql(
        "SELECT COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id WHERE r.path LIKE ? AND"
        " NOT (six_organisation AND six_rules AND six_site AND six_medium AND six_feature"
        " AND EXISTS (SELECT 1 FROM activity a WHERE a.venue_id = v.id AND a.deleted_at IS NULL"
        " AND a.start_date > '2025-11-20' AND a.start_date <= '2026-11-20'))",
        f"/{detail.id}/%",
    )
    assert detail.shortfall_total == shortfall > 0
    assert all(item.missing for item in detail.shortfalls)
    this_year = sql(
        "SELECT COUNT(*) FROM activity a JOIN region r ON r.id = a.region_id WHERE r.path LIKE ?"
        " AND a.deleted_at IS NULL AND a.start_date >= '2026-01-01' AND a.start_date <= "
        "'2026-12-31'",
        f"/{detail.id}/%",
    )
    assert detail.activities_this_year == this_year > 0


def test_path_to_root_and_venue_detail(demo_db: Path) -> None:
    hit = search.search("通会桥社区住户科普网点")[0]
    assert [c.name for c in regions.path_to_root(hit.ref)] == [
        "荆州区",
        "西城街道",
        "通会桥社区",
        "通会桥社区住户科普网点",
    ]
    detail = venues.detail(hit.ref.id, clock.today())
    assert detail is not None and detail.type == "household_point" and len(detail.six) == 6


def test_search_by_initials_pinyin_and_characters(demo_db: Path) -> None:
    for query in ("jzs", "jiaozhou", "JiaoZhou", "胶州", "胶州市"):
        assert search.search(query)[0].name == "胶州市", query
    first = search.search("fajd")[0]
    assert (first.name, first.where) == ("阜安街道", ("胶州市",))
    assert search.search("kp")  # initials inside a name: 科普 venues
    assert search.search("%") == () and search.search("   ") == ()


def test_gone_nodes_have_no_detail(demo_db: Path) -> None:
    assert regions.detail(999_999, clock.today()) is None
    assert regions.path_to_root(NodeRef("venue", 999_999)) == ()
