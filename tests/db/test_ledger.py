"""The ledger's pages and totals against SQL written independently here."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kxtui.db import ledger
from kxtui.db.engine.models import Region
from kxtui.db.rows import LedgerFilter


def county_id() -> int:
    return Region.get(Region.name == "胶州市").id


def expected_count(path: Path, where: str = "1", params: tuple = ()) -> tuple[int, int, float]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT COUNT(*), SUM(people_reached), "
            "(SELECT SUM(hours) FROM service_record WHERE activity_id IN ("
            " SELECT a.id FROM activity a JOIN region r ON r.id = a.region_id"
            f" WHERE a.deleted_at IS NULL AND r.path LIKE '/1/%' AND {where}))"
            " FROM activity a JOIN region r ON r.id = a.region_id"
            f" WHERE a.deleted_at IS NULL AND r.path LIKE '/1/%' AND {where}",
            params * 2,
        ).fetchone()


def test_totals_match_sql(demo_db: Path) -> None:
    f = LedgerFilter(region_id=county_id(), start=date(2026, 1, 1), end=date(2026, 12, 31))
    totals = ledger.totals(f)
    count, reached, hours = expected_count(demo_db, "a.start_date BETWEEN ? AND ?",
                                           ("2026-01-01", "2026-12-31"))  # fmt: skip
    assert (totals.activities, totals.people_reached) == (count, reached)
    assert float(totals.hours) == pytest.approx(hours)
    science_day = ledger.totals(f._replace(theme_day="science_day", campaign="none"))
    count, *_ = expected_count(
        demo_db,
        "a.start_date BETWEEN ? AND ? AND a.theme_day = 'science_day' AND a.campaign IS NULL",
        ("2026-01-01", "2026-12-31"),
    )
    assert science_day.activities == count > 0


@pytest.mark.parametrize("sort", ["date", "reach", "venue"])
def test_keyset_pages_walk_the_same_order_as_offsets(demo_db: Path, sort: str) -> None:
    f = LedgerFilter(region_id=county_id(), sort=sort)
    everything = ledger.page(f, limit=10_000)
    assert len(everything) == ledger.totals(f).activities
    walked, after = [], None
    while True:
        page = ledger.page(f, after=after, limit=37)
        if not page:
            break
        walked += page
        after = page[-1].key
    assert [r.id for r in walked] == [r.id for r in everything]
    middle = ledger.page(f, offset=100, limit=20)
    assert middle == everything[100:120]
    assert ledger.page(f, before=middle[0].key, limit=20) == everything[80:100]


def test_text_search_by_characters_pinyin_and_initials(demo_db: Path) -> None:
    f = LedgerFilter(region_id=county_id())
    by_chars = {r.id for r in ledger.page(f._replace(text="海洋"), limit=1000)}
    assert by_chars and all("海洋" in r.title or "海洋" in r.venue
                            for r in ledger.page(f._replace(text="海洋"), limit=1000))  # fmt: skip
    assert by_chars <= {r.id for r in ledger.page(f._replace(text="haiyang"), limit=1000)}
    assert by_chars <= {r.id for r in ledger.page(f._replace(text="hy"), limit=1000)}
    assert ledger.totals(f._replace(text="没有这种活动")).activities == 0


def test_a_read_no_longer_wanted_is_stopped_in_sqlite(demo_db: Path) -> None:
    from kxtui import db
    from kxtui.db.errors import Interrupted

    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # wanted at first, then not

    with pytest.raises(Interrupted):
        db.interruptible(cancelled, ledger.totals, LedgerFilter())
    assert len(asked) == 2
    # the connection is usable again, without the handler: the same read runs to the end
    wanted = db.interruptible(lambda: False, ledger.totals, LedgerFilter())
    assert wanted == db.call(ledger.totals, LedgerFilter())
    assert wanted.activities > 0
