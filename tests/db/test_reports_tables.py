"""阵地与六有, 全国科普日 and 年度统计 on the demo: every row and the total against SQL of the
test's own; scopes, window boundaries, deleted activities and values another program wrote."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from kxtui.db import activities
from kxtui.db.engine.models import Activity
from kxtui.db.reports.science_day import LINES
from kxtui.db.reports.venues import venues_of
from kxtui.db.words import chinese
from kxtui.domain import LABELS, AccessRole, ActivityFormat, SixHave, VenueType
from tests.db.report_checks import (
    by_key,
    children,
    log,
    one,
    region,
    report,
    rows,
    sign_in_as,
    spoil,
)

TODAY = date(2026, 11, 20)  # the frozen clock's day
TICKS = [item.value for item in SixHave if item != SixHave.ACTIVITIES]
HELD = (
    "EXISTS (SELECT 1 FROM activity x WHERE x.venue_id = v.id AND x.deleted_at IS NULL"
    " AND x.start_date > '2025-11-20' AND x.start_date <= '2026-11-20')"
)


def venue_figures(condition: str, **params: Any) -> dict[str, Any]:
    met = {tick: f"v.six_{tick} = 1" for tick in TICKS} | {"activities": HELD}
    every = " AND ".join(met.values())
    sums = ", ".join(f"COALESCE(SUM(NOT ({c})), 0)" for c in met.values())
    count, full, *missing = one(
        f"SELECT COUNT(*), COALESCE(SUM({every}), 0), {sums} FROM venue v"
        f" JOIN region r ON r.id = v.region_id WHERE {condition}",
        **params,
    )
    rate = (Decimal(full) / count).quantize(Decimal("0.0001"), ROUND_HALF_UP) if count else None
    figures = {"venues": count, "fully_met": full, "rate": rate}
    return figures | {f"missing.{have}": n for have, n in zip(met, missing, strict=True)}


def test_venues_by_town_village_and_type(demo_db: Path) -> None:
    county = report(report="venues", region_id=region("胶州市").id)
    figures = by_key(county)
    for id_, name, path in children("胶州市"):
        assert figures[str(id_)] == venue_figures("r.path LIKE :p", p=f"{path}%"), name
    assert county.total == venue_figures("r.path LIKE '/1/%'")
    villages = report(report="venues", region_id=region("胶州市").id, by="village")
    assert sum(1 for row in villages.rows if row.values["venues"] == 0) > 100, "zero rows shown"
    assert villages.total == county.total
    types = report(report="venues", by="venue_type")
    assert [row.key for row in types.rows] == [code.value for code in VenueType]
    for row in types.rows:
        assert row.values == venue_figures("v.type = :t", t=row.key)
        assert row.name == LABELS[f"VenueType.{row.key}"][0]
    assert types.total == venue_figures("1")


def test_a_venues_row_lists_its_venues_with_what_they_lack(demo_db: Path) -> None:
    town = region("阜安街道")
    lines = venues_of(town.id)
    assert len(lines) == venue_figures("r.path LIKE :p", p=f"{town.path}%")["venues"]
    short = venues_of(town.id, shortfall="activities")
    assert all("activities" in line.missing for line in short)
    (lacking,) = one(
        f"SELECT COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id"
        f" WHERE r.path LIKE :p AND NOT {HELD}",
        p=f"{town.path}%",
    )
    assert len(short) == lacking
    assert len(venues_of(town.id, shortfall="none")) + len(
        venues_of(town.id, shortfall="any")
    ) == len(lines)
    bases = venues_of(None, venue_type="education_base")
    assert len(bases) == 34 and {line.type for line in bases} == {"education_base"}


def test_a_tick_neither_0_nor_1_is_not_met_and_is_counted(demo_db: Path) -> None:
    (venue, path) = one(
        "SELECT v.id, r.path FROM venue v JOIN region r ON r.id = v.region_id"
        " WHERE v.six_rules = 1 ORDER BY v.id LIMIT 1"
    )
    spoil("UPDATE venue SET six_rules = 7, type = 'zzz' WHERE id = :v", v=venue)
    found = report(report="venues", by="venue_type")
    assert found.invalid == 1
    assert by_key(found)["zzz"]["missing.rules"] == 1
    assert [line.missing for line in venues_of(None) if line.id == venue][0][:1] == ("rules",)
    assert report(report="venues").total["missing.rules"] == venue_figures("1")["missing.rules"]


def test_a_town_officers_venues_are_their_towns_row(demo_db: Path) -> None:
    county = by_key(report(report="venues", region_id=region("胶州市").id))
    sign_in_as("fuan", AccessRole.TOWN_STAFF, "阜安街道")
    mine = report(report="venues")
    assert [r.key for r in mine.rows if r.drill] == [str(i) for i, _, _ in children("阜安街道")]
    assert dict(mine.total) == county[str(region("阜安街道").id)]
    assert all(line.region != "中云街道" for line in venues_of(None))


# -- 全国科普日 --------------------------------------------------------------------------------


def science_day_figures(year: int, extra: str = "1") -> dict[str, dict[str, int]]:
    counted = (
        f"a.deleted_at IS NULL AND {extra} AND ((a.theme_day = 'science_day' AND a.start_date"
        f" BETWEEN '{year}-01-01' AND '{year}-12-31') OR a.start_date BETWEEN '{year}-09-01'"
        f" AND '{year}-09-30')"
    )
    lines: dict[str, dict[str, int]] = {}
    for code, count, reached in rows(
        "SELECT a.format, COUNT(*), SUM(a.people_reached) FROM activity a"
        f" JOIN region r ON r.id = a.region_id WHERE {counted} GROUP BY a.format"
    ):
        line = lines.setdefault(LINES.get(code, code), {"count": 0, "people_reached": 0})
        line["count"] += count
        line["people_reached"] += reached
    teams, names, people = one(
        "SELECT COUNT(DISTINCT a.organiser_team_id), COUNT(DISTINCT CASE WHEN trim(a.organiser)"
        " != '' THEN a.organiser END), (SELECT COUNT(DISTINCT s.volunteer_id) FROM service_record"
        " s JOIN activity a ON a.id = s.activity_id JOIN region r ON r.id = a.region_id"
        f" WHERE {counted})"
        f" FROM activity a JOIN region r ON r.id = a.region_id WHERE {counted}"
    )
    count = sum(line["count"] for line in lines.values())
    reached = sum(line["people_reached"] for line in lines.values())
    lines["total"] = {
        "count": count,
        "people_reached": reached,
        "activities": count,
        "organisers": teams + names,
        "volunteers": people,
    }
    return lines


def test_science_day_lines_and_headline_figures(demo_db: Path) -> None:
    for year in (2025, 2026):
        found = report(report="science-day", start=date(year, 3, 1), end=date(year, 3, 31))
        expected = science_day_figures(year)
        assert [row.name for row in found.rows] == [
            "科普报告会(场)",
            "科普展览(场)",
            "培训班(期)",
            "科普录像(场)",
            "其他(项)",
        ]
        for row in found.rows:
            assert row.values == expected.get(row.key, {"count": 0, "people_reached": 0})
        assert found.total == expected["total"]
        assert found.total["count"] > 0
    assert set(LINES) == set(ActivityFormat), "every format has its line"
    note = chinese("report.science_day.note", start="x", end="y")
    for code, line in LINES.items():
        assert (
            f"{LABELS[f'ActivityFormat.{code.value}'][0]}"
            in note.split(line_words(line))[1].split("；")[0]
        )


def line_words(line: str) -> str:
    return chinese(f"report.science_day.{line}").split("(")[0] + "＝"


def test_the_science_day_window_ends_on_30_september(demo_db: Path) -> None:
    before = report(report="science-day", start=date(2027, 1, 1)).total["count"]
    log("阜安街道", "2027-09-30")
    log("阜安街道", "2027-10-01")
    log("阜安街道", "2027-08-31")
    log("阜安街道", "2027-10-02", theme_day="science_day")
    gone = log("阜安街道", "2027-09-15", format="online")
    activities.delete_activity(gone, Activity.get_by_id(gone).version)
    found = report(report="science-day", start=date(2027, 1, 1))
    assert found.total["count"] == before + 2
    assert by_key(found)["videos"]["count"] == 0


def test_science_day_unknown_formats_and_odd_numbers(demo_db: Path) -> None:
    (first, second) = [
        i
        for (i,) in rows(
            "SELECT id FROM activity WHERE start_date BETWEEN '2026-09-01' AND"
            " '2026-09-30' ORDER BY id LIMIT 2"
        )
    ]
    before = report(report="science-day", start=date(2026, 1, 1)).total
    spoil("UPDATE activity SET format = 'zzz' WHERE id = :i", i=first)
    spoil("UPDATE activity SET people_reached = 'many' WHERE id = :i", i=second)
    found = report(report="science-day", start=date(2026, 1, 1))
    assert found.invalid == 1
    assert by_key(found)["zzz"]["count"] == 1
    assert found.total["count"] == before["count"]


def test_a_town_officers_science_day(demo_db: Path) -> None:
    town = region("阜安街道")
    sign_in_as("fuan", AccessRole.TOWN_STAFF, "阜安街道")
    found = report(report="science-day", start=date(2026, 1, 1))
    assert found.total == science_day_figures(2026, f"r.path LIKE '{town.path}%'")["total"]


# -- 年度统计 ----------------------------------------------------------------------------------


def test_annual_figures_this_year_and_last(demo_db: Path) -> None:
    found = by_key(report(report="annual", start=date(2026, 1, 1), region_id=region("胶州市").id))
    inside = "r.path LIKE '/1/%'"

    def activity(condition: str, year: int) -> tuple[int, int]:
        count, reached = one(
            "SELECT COUNT(*), COALESCE(SUM(a.people_reached), 0) FROM activity a JOIN region r"
            f" ON r.id = a.region_id WHERE {inside} AND a.deleted_at IS NULL AND {condition}"
            f" AND a.start_date BETWEEN '{year}-01-01' AND '{year}-12-31'"
        )
        return count, reached

    kinds = {
        "lectures": "a.format IN ('lecture', 'experts_into_schools')",
        "exhibitions": "a.format IN ('exhibition', 'science_show')",
        "training": "a.format = 'field_class'",
        "caravan": "a.format = 'caravan'",
        "dandelion": "a.campaign = 'dandelion'",
        "silver_age": "a.campaign = 'silver_age'",
    }
    for kind, condition in kinds.items():
        (this, this_people), (last, last_people) = (
            activity(condition, 2026),
            activity(condition, 2025),
        )
        assert found[f"{kind}.count"] == {
            "this_year": this,
            "last_year": last,
            "change": this - last,
        }
        assert found[f"{kind}.people"]["this_year"] == this_people
        assert found[f"{kind}.people"]["last_year"] == last_people
    assert (
        found["science_day.count"]["this_year"] == activity("a.theme_day = 'science_day'", 2026)[0]
    )
    assert (
        found["science_week.count"]["last_year"]
        == activity("a.theme_day = 'science_week'", 2025)[0]
    )
    for year, column in ((2026, "this_year"), (2025, "last_year")):
        (registered,) = one(
            "SELECT COUNT(*) FROM volunteer v JOIN region r ON r.id = v.region_id WHERE"
            f" {inside} AND v.active = 1 AND v.platform_registered = 1"
            f" AND (v.joined_on IS NULL OR v.joined_on <= '{year}-12-31')"
        )
        assert found["volunteers.registered"][column] == registered
        (teams,) = one(
            f"SELECT COUNT(*) FROM team t JOIN region r ON r.id = t.region_id WHERE {inside}"
            f" AND t.created_at < '{year + 1}-01-01' AND t.dissolved_at IS NULL"
        )
        assert found["teams"][column] == teams
        for code, count in rows(
            f"SELECT v.type, COUNT(*) FROM venue v JOIN region r ON r.id = v.region_id WHERE"
            f" {inside} AND v.created_at < '{year + 1}-01-01' GROUP BY v.type"
        ):
            assert found[f"venues.{code}"][column] == count
    assert found["volunteers.registered"]["last_year"] < found["volunteers.registered"]["this_year"]
    rate = report(report="venues", region_id=region("胶州市").id).total["rate"]
    assert found["six_rate"] == {"this_year": rate, "last_year": None, "change": None}


def test_annual_deleted_and_odd_activities(demo_db: Path) -> None:
    (odd, gone) = [
        i
        for (i,) in rows(
            "SELECT id FROM activity WHERE format = 'lecture' AND start_date"
            " >= '2026-01-01' ORDER BY id LIMIT 2"
        )
    ]
    before = by_key(report(report="annual", start=date(2026, 6, 1)))
    (reached,) = one("SELECT people_reached FROM activity WHERE id = :i", i=odd)
    spoil("UPDATE activity SET people_reached = 'abc' WHERE id = :i", i=odd)
    activities.delete_activity(gone, Activity.get_by_id(gone).version)
    (gone_reached,) = one("SELECT people_reached FROM activity WHERE id = :i", i=gone)
    found = report(report="annual", start=date(2026, 6, 1))
    after = by_key(found)
    assert found.invalid == 1
    assert after["lectures.count"]["this_year"] == before["lectures.count"]["this_year"] - 1
    assert after["lectures.people"]["this_year"] == (
        before["lectures.people"]["this_year"] - reached - gone_reached
    )
