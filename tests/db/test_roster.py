"""The roster's pages, counts, search and service totals against SQL written here."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kxtui import db
from kxtui.db import activities, ledger, roster
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
    monkeypatch.setattr(roster, "RANKED", 0)  # in the roster's order (ranked: the matches)
    monkeypatch.setattr(roster, "NARROW", 10**9)  # always: read the matches from the index
    narrow = every(RosterFilter(text=query))
    monkeypatch.setattr(roster, "NARROW", 0)  # always: walk the roster, check each one ...
    monkeypatch.setattr(roster, "KEYS_NARROW", 0)  # (not in order from the keys alone)
    monkeypatch.setattr(roster, "WALK_CHECKS", budget)  # ... or read the matches after all
    monkeypatch.setattr(db, "_CHECK_EVERY", 1)
    assert every(RosterFilter(text=query)) == narrow and narrow


def test_a_walk_over_its_budget_reads_the_matches_instead(demo_db: Path, monkeypatch) -> None:
    plans: list[str] = []
    where_clause, ids_by_keys = roster.where_clause, roster._ids_by_keys

    def traced(f: RosterFilter, narrow: int | None) -> tuple:
        plans.append("walk" if narrow is not None else "matches")
        return where_clause(f, narrow)

    def by_keys(*args: object) -> list[int]:
        plans.append("keys")
        return ids_by_keys(*args)  # type: ignore[arg-type]

    def each_page(f: RosterFilter) -> list[str]:
        plans.clear()
        every(f)
        pattern = plans[: plans.index("walk", 1)]
        assert plans == pattern * plans.count("walk")
        return pattern

    monkeypatch.setattr(roster, "where_clause", traced)
    monkeypatch.setattr(roster, "_ids_by_keys", by_keys)
    monkeypatch.setattr(roster, "RANKED", 0)  # the plans of the roster's order
    monkeypatch.setattr(roster, "NARROW", 0)
    monkeypatch.setattr(roster, "WALK_CHECKS", 0)
    monkeypatch.setattr(roster, "KEYS_WALK_CHECKS", 0)
    monkeypatch.setattr(db, "_CHECK_EVERY", 1)  # the budget is checked at every step
    # by name, the search alone: put in order from the keys alone
    assert each_page(RosterFilter(text="w")) == ["walk", "matches", "keys"]
    assert each_page(RosterFilter(text="w", sort="hours")) == ["walk", "matches"]
    assert each_page(RosterFilter(text="w", active=True)) == ["walk", "matches"]
    monkeypatch.setattr(roster, "KEYS_NARROW", 0)  # more matches than the keys sort
    assert each_page(RosterFilter(text="w")) == ["walk", "matches"]
    monkeypatch.setattr(roster, "WALK_CHECKS", 10**9)
    monkeypatch.setattr(roster, "KEYS_WALK_CHECKS", 10**9)
    assert each_page(RosterFilter(text="w")) == ["walk"]


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
    version = ledger.detail(activity_id).version
    activities.delete_activity(activity_id, version)
    assert roster.page(f, YEAR, limit=1)[0] == volunteer
    activities.restore_activity(activity_id)
    assert roster.page(f, YEAR, limit=1)[0] == after


@pytest.mark.parametrize("query", ["张", "w", "zw", "138"])
def test_a_search_alone_in_name_order_reads_the_keys_in_their_order(
    demo_db: Path, query: str, monkeypatch
) -> None:
    """By name, a search with no other condition is put in order from the keys alone ("w":
    many a volunteer has two keys that begin with it, "wangwei" and "wei"), pages of 7 both
    ways; a filter besides it reads the volunteers (the same order). (Beyond RANKED matches:
    fewer are listed best first, tests/db/test_volunteer_search.py.)"""
    monkeypatch.setattr(roster, "RANKED", 0)
    key = query.lower()
    with sqlite3.connect(demo_db) as connection:
        expected = [i for (i,) in connection.execute(
            "SELECT id FROM volunteer WHERE id IN (SELECT volunteer_id FROM volunteer_key"
            " WHERE key >= ? AND key < ?) ORDER BY sort_key, id", (key, key + "\U0010ffff"),
        )]  # fmt: skip
    f = RosterFilter(text=query)
    pages = [roster.page(f, YEAR, limit=7)]
    while len(pages[-1]) == 7:
        pages.append(roster.page(f, YEAR, after=pages[-1][-1].key, limit=7))
    assert [r.id for p in pages for r in p] == expected and roster.count(f) == len(expected)
    if len(pages) > 2:
        assert roster.page(f, YEAR, before=pages[2][0].key, limit=7) == pages[1]
    active = RosterFilter(text=query, active=True)  # (the demo's volunteers are mostly active)
    assert set(every(active)) <= set(expected) and roster.count(active) == len(every(active))
