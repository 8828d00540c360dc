"""The roster's pages, counts, search and service totals against SQL written here."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kxtui import db
from kxtui.db import activities, roster
from kxtui.db.rows import ActivityInput, RosterFilter, ServiceInput

YEAR = 2026


def every(f: RosterFilter) -> list[int]:
    """All the filter's volunteer ids, page by page (keyset)."""
    ids: list[int] = []
    rows = roster.page(f, YEAR, limit=100)
    while rows:
        ids += [row.id for row in rows]
        rows = roster.page(f, YEAR, after=rows[-1].key, limit=100)
    return ids


def sql_ids(path: Path, where: str, params: tuple = ()) -> set[int]:
    with sqlite3.connect(path) as connection:
        return {
            i for (i,) in connection.execute(f"SELECT id FROM volunteer v WHERE {where}", params)
        }


def test_two_characters_and_one_find_every_name_that_holds_them(demo_db: Path) -> None:
    with sqlite3.connect(demo_db) as connection:
        (two,) = connection.execute(
            "SELECT name FROM volunteer WHERE length(name) = 2 ORDER BY id LIMIT 1"
        ).fetchone()
    for query in (two, two[1], f" {two} "):
        expected = sql_ids(demo_db, "instr(v.name, ?) > 0", (query.strip(),))
        found = every(RosterFilter(text=query))
        assert len(found) == len(set(found)) == roster.count(RosterFilter(text=query))
        assert set(found) == expected and expected


@pytest.mark.parametrize("query", ["zhangwei", "zhang wei", "ZhangWei", "wang"])
def test_full_pinyin_finds_names_by_their_syllables(demo_db: Path, query: str) -> None:
    key = query.replace(" ", "").lower()
    found = set(every(RosterFilter(text=query)))
    starting = sql_ids(demo_db, "v.pinyin LIKE ?", (key + "%",))
    assert starting and starting <= found
    assert found <= sql_ids(demo_db, "instr(v.pinyin, ?) > 0", (key,))


def test_initials_find_names_by_their_letters(demo_db: Path) -> None:
    found = set(every(RosterFilter(text="zw")))
    assert sql_ids(demo_db, "v.initials LIKE 'zw%'") <= found
    assert found and found <= sql_ids(demo_db, "instr(v.initials, 'zw') > 0")


def test_mobile_digits_find_the_start_or_the_last_four(demo_db: Path) -> None:
    expected = sql_ids(demo_db, "v.mobile LIKE '138%' OR substr(v.mobile, -4) LIKE '138%'")
    assert expected and set(every(RosterFilter(text="138"))) == expected


@pytest.mark.parametrize("query", ["张", "w", "zw", "138", "伟"])
@pytest.mark.parametrize("budget", [10**9, 0])  # 0: every walk gives up at once
def test_narrow_and_broad_searches_agree(
    demo_db: Path, query: str, budget: int, monkeypatch
) -> None:
    monkeypatch.setattr(roster, "NARROW", 10**9)  # always: read the matches from the index
    narrow = every(RosterFilter(text=query))
    monkeypatch.setattr(roster, "NARROW", 0)  # always: walk the roster, check each one ...
    monkeypatch.setattr(roster, "WALK_CHECKS", budget)  # ... or read the matches after all
    monkeypatch.setattr(db, "_CHECK_EVERY", 1)
    assert every(RosterFilter(text=query)) == narrow and narrow


def test_a_walk_over_its_budget_reads_the_matches_instead(demo_db: Path, monkeypatch) -> None:
    plans: list[bool] = []
    where_clause = roster.where_clause

    def traced(f: RosterFilter, narrow: int | None) -> tuple:
        plans.append(narrow is None)  # True: the matches read from the index
        return where_clause(f, narrow)

    monkeypatch.setattr(roster, "where_clause", traced)
    monkeypatch.setattr(roster, "NARROW", 0)
    monkeypatch.setattr(roster, "WALK_CHECKS", 0)
    monkeypatch.setattr(db, "_CHECK_EVERY", 1)  # the budget is checked at every step
    every(RosterFilter(text="w"))
    assert plans and all(plans[1::2]) and not any(plans[::2])  # each page: walk, then matches
    plans.clear()
    monkeypatch.setattr(roster, "WALK_CHECKS", 10**9)
    every(RosterFilter(text="w"))
    assert plans and not any(plans)


def test_filters_match_sql(demo_db: Path) -> None:
    f = RosterFilter(region_id=1, registered=False, student=True)
    expected = sql_ids(
        demo_db,
        "v.platform_registered = 0 AND v.is_student = 1 AND v.region_id IN "
        "(SELECT id FROM region WHERE path LIKE '/1/%')",
    )
    assert expected and sorted(every(f)) == sorted(expected) and roster.count(f) == len(expected)
    f = RosterFilter(served=False, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    not_served = sql_ids(
        demo_db,
        "NOT EXISTS (SELECT 1 FROM service_record s JOIN activity a ON a.id = s.activity_id "
        "WHERE s.volunteer_id = v.id AND a.deleted_at IS NULL AND a.start_date >= '2026-01-01' "
        "AND a.start_date <= '2026-12-31')",
    )
    assert set(every(f)) == not_served and roster.count(f) == len(not_served)


@pytest.mark.parametrize("sort", ["name", "hours", "last"])
def test_keyset_pages_walk_the_offset_order_both_ways(demo_db: Path, sort: str) -> None:
    f = RosterFilter(region_id=1, sort=sort)
    first = roster.page(f, YEAR, limit=50)
    second = roster.page(f, YEAR, after=first[-1].key, limit=50)
    assert [r.id for r in second] == [r.id for r in roster.page(f, YEAR, offset=50, limit=50)]
    assert roster.page(f, YEAR, before=second[0].key, limit=50) == first
    if sort == "hours":
        assert [r.hours_total for r in first] == sorted(
            (r.hours_total for r in first), reverse=True
        )


def test_service_totals_follow_every_activity_write(demo_db: Path) -> None:
    f = RosterFilter(text="", sort="name")
    volunteer = roster.page(f, YEAR, limit=1)[0]
    data = ActivityInput(
        title="测试活动", start="2026-11-20", end="2026-11-20", duration="3", region_id=1,
        format="lecture", service=(ServiceInput(volunteer.id, volunteer.name, "2.5"),),
    )  # fmt: skip
    activity_id = activities.create_activity(data)
    after = roster.page(f, YEAR, limit=1)[0]
    assert after.hours_total == volunteer.hours_total + Decimal("2.5")
    assert after.hours_this_year == volunteer.hours_this_year + Decimal("2.5")
    assert after.last_served == date(2026, 11, 20)
    version = activities.detail(activity_id).version
    activities.delete_activity(activity_id, version)
    assert roster.page(f, YEAR, limit=1)[0] == volunteer
    activities.restore_activity(activity_id)
    assert roster.page(f, YEAR, limit=1)[0] == after
