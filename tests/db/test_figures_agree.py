"""Numbers that agree: 有活动 is what the ledger says wherever the six haves are counted, and a
region's detail and a refused delete count its whole subtree the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playhouse.test_utils import count_queries

from kxtui import clock
from kxtui.db import activities, region_writes, regions, six_haves, venues
from kxtui.db.engine.models import Region, database
from kxtui.db.errors import RefusedError
from kxtui.db.rows import ActivityInput, NodeRef, VenueInput
from kxtui.domain import SixHave

TODAY = date(2026, 11, 20)  # the frozen clock's day


def sql(query: str, *params: object) -> int:
    return database.execute_sql(query, params).fetchone()[0]


def all_ticked(name: str) -> tuple[int, int]:
    """A new venue of 阜安街道 with all six ticked on the form; its id and its region's id."""
    town = Region.get(Region.name == "阜安街道").id
    six = {item.value: (True, "") for item in SixHave}
    return venues.create_venue(town, VenueInput(name, "science_park", six=six)), town


def log(venue: int, region: int, day: str) -> int:
    data = ActivityInput(title="六有测试", start=day, end="", duration="2", region_id=region,
                         venue_id=venue, format="lecture", confirmed=True)  # fmt: skip
    return activities.create_activity(data)


def held(venue: int) -> bool:
    """Whether 有活动 shows met in the venue's detail, the tree and its region's shortfalls."""
    detail = venues.detail(venue, TODAY)
    assert detail is not None
    in_detail = SixHave.ACTIVITIES.value not in detail.missing
    [row] = [r for r in regions.children(detail.region_id) if r.ref == NodeRef("venue", venue)]
    town = regions.detail(detail.region_id, TODAY)
    assert town is not None
    short = [s for s in town.shortfalls if s.venue_id == venue]
    assert in_detail == (row.six_met == 6) == (not short), "one rule everywhere"
    assert set(detail.missing) == set(short[0].missing if short else ())
    return in_detail


def test_a_venue_without_activities_lacks_it_whatever_was_ticked(demo_db: Path) -> None:
    venue, town = all_ticked("六有科普园")
    assert not held(venue)
    stored = sql("SELECT six_activities FROM venue WHERE id = ?", venue)
    assert stored == 0, "the form's tick of 有活动 is not stored: the ledger says it"


def test_an_activity_in_the_last_12_months_makes_it_met(demo_db: Path) -> None:
    venue, town = all_ticked("六有科普园")
    log(venue, town, "2025-11-20")  # a year and a day ago: outside
    log(venue, town, "2026-12-01")  # not held yet
    assert not held(venue)
    recent = log(venue, town, "2025-11-21")
    assert held(venue)
    activities.delete_activity(recent, 1)  # soft-deleted: no longer counts
    assert not held(venue)


def test_the_window_of_12_months_crosses_years_and_leap_days() -> None:
    assert six_haves.window(date(2026, 1, 5)) == {"six_since": "2025-01-05",
                                                  "six_today": "2026-01-05"}  # fmt: skip
    assert six_haves.window(date(2028, 2, 29))["six_since"] == "2027-02-28"


def test_the_tree_stays_one_query_and_the_detail_pane_reads_the_ledger(demo_db: Path) -> None:
    town = Region.get(Region.name == "阜安街道").id
    with count_queries() as counter:
        regions.children(town)
    assert counter.count == 1
    short = sql(
        "SELECT COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id WHERE r.path LIKE ?"
        " AND v.six_activities = 1 AND NOT EXISTS (SELECT 1 FROM activity a WHERE"
        " a.venue_id = v.id AND a.deleted_at IS NULL AND a.start_date > '2025-11-20'"
        " AND a.start_date <= '2026-11-20')",
        "/1/%",
    )
    assert short > 0, "the demo has venues ticked 有活动 with no activity: they now fall short"
    county = regions.detail(1, clock.today())
    assert county is not None
    ledger_short = [s for s in county.shortfalls if SixHave.ACTIVITIES.value in s.missing]
    assert ledger_short


def test_detail_and_refused_delete_count_the_whole_subtree_alike(demo_db: Path) -> None:
    town = Region.get(Region.name == "胶莱镇")
    detail = regions.detail(town.id, TODAY)
    assert detail is not None
    below = f"{town.path}%"
    in_subtree = "SELECT COUNT(*) FROM {} x JOIN region r ON r.id = x.region_id WHERE r.path LIKE ?"
    expected = {
        "regions": sql("SELECT COUNT(*) FROM region WHERE path LIKE ?", below) - 1,
        **{
            name: sql(in_subtree.format(table), below)
            for name, table in (("venues", "venue"), ("activities", "activity"),
                                ("volunteers", "volunteer"), ("teams", "team"),
                                ("officers", "officer"))
        },
    }  # fmt: skip
    counts = region_writes.dependants(town.id)
    assert {k: v for k, v in counts._asdict().items() if k in expected} == expected
    assert counts.venues > 2 and counts.volunteers > 0, "the subtree, not the town's own"
    assert (detail.venues, detail.volunteers, detail.teams, detail.officers) == (
        counts.venues,
        counts.volunteers,
        counts.teams,
        counts.officers,
    )
    with pytest.raises(RefusedError) as caught:
        region_writes.delete_region(town.id, town.version)
    assert caught.value.params["venues"] == detail.venues
    assert caught.value.params["volunteers"] == detail.volunteers


def test_officer_accounts_of_the_subtree_are_counted_apart_from_the_grids_officers(
    demo_db: Path,
) -> None:
    town = Region.get(Region.name == "胶莱镇")
    village = Region.get((Region.parent == town.id) & (Region.kind == "village"))
    database.execute_sql(
        "INSERT INTO officer_account (user_name, name, role, region_id, active, created_at,"
        " created_by, updated_at, updated_by, version)"
        " VALUES ('cun', '村干部', 'village_liaison', ?, 1, '2026-01-01', 't', '2026-01-01',"
        " 't', 1)",
        (village.id,),
    )
    assert region_writes.dependants(town.id).accounts == 1
    assert region_writes.dependants(village.id).accounts == 1
    assert region_writes.dependants(Region.get(Region.name == "阜安街道").id).accounts == 0
