"""活动统计 and 志愿者统计 on the demo: every row and the total against SQL of the test's own,
for several groupings and periods; scopes, zero rows, period boundaries, distinct counting,
deleted activities and values another program wrote."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from kxtui.db import activities
from kxtui.db.engine.models import Activity
from kxtui.db.report_rows import MEASURES
from kxtui.domain import LABELS, AccessRole, ActivityFormat
from tests.db.report_checks import (
    YEAR,
    activity_figures,
    by_key,
    children,
    log,
    one,
    region,
    report,
    rows,
    sign_in_as,
    spoil,
    volunteer_figures,
)

PERIODS = [YEAR, (date(2025, 1, 1), date(2025, 6, 30)), (date(2026, 9, 1), date(2026, 9, 30))]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_activities_by_town_every_row_and_the_total(demo_db: Path, start: date, end: date) -> None:
    county = region("胶州市")
    found = report(region_id=county.id, start=start, end=end)
    figures = by_key(found)
    towns = children("胶州市")
    assert [row.key for row in found.rows][: len(towns)] == [str(i) for i, _, _ in towns]
    for id_, name, path in towns:
        assert figures[str(id_)] == activity_figures("r.path LIKE :p", start, end, p=f"{path}%"), (
            name
        )
    own = activity_figures("r.id = :c", start, end, c=county.id)
    assert figures.get("", dict.fromkeys(MEASURES["activities"], 0)) == own
    assert found.total == activity_figures("r.path LIKE '/1/%'", start, end)
    assert found.invalid == 0


def test_activities_by_format_month_and_theme_day(demo_db: Path) -> None:
    start, end = YEAR
    every = report(start=start, end=end, by="format")
    for row in every.rows:
        assert row.values == activity_figures("a.format = :f", start, end, f=row.key)
        assert row.name == LABELS[f"ActivityFormat.{row.key}"][0]
    assert {row.key for row in every.rows} == {code.value for code in ActivityFormat}
    months = report(start=start, end=end, by="month")
    assert [row.key for row in months.rows] == [f"2026-{m:02d}" for m in range(1, 13)]
    for row in months.rows:
        assert row.values == activity_figures(
            "substr(a.start_date, 1, 7) = :m", None, None, m=row.key
        )
    december = by_key(months)["2026-12"]
    assert december["activities"] == 0, "a month without activities is a row of zeros"
    days = report(start=start, end=end, by="theme_day")
    for row in days.rows:
        condition = "a.theme_day = :d" if row.key else "a.theme_day IS NULL"
        assert row.values == activity_figures(condition, start, end, d=row.key)
    assert every.total == months.total == days.total == activity_figures("1", start, end)


def test_every_village_is_a_row_even_without_activities(demo_db: Path) -> None:
    found = report(
        region_id=region("胶州市").id, start=date(2026, 11, 1), end=date(2026, 11, 30), by="village"
    )
    (villages,) = one(
        "SELECT COUNT(*) FROM region WHERE path LIKE '/1/%/%/' AND kind IN ('village', 'community')"
    )
    region_rows = [row for row in found.rows if row.drill is not None]
    assert len(region_rows) == villages == 204
    zero = [row for row in region_rows if row.values["activities"] == 0]
    assert zero and all(set(row.values.values()) == {0} for row in zero)
    for row in region_rows[:40]:
        (path,) = one("SELECT path FROM region WHERE id = :i", i=int(row.key))
        assert row.values == activity_figures(
            "r.path LIKE :p", date(2026, 11, 1), date(2026, 11, 30), p=f"{path}%"
        )


def test_a_town_officer_sees_their_villages_and_the_total_is_their_towns_row(demo_db: Path) -> None:
    start, end = YEAR
    county = by_key(report(region_id=region("胶州市").id, start=start, end=end))
    county_volunteers = by_key(
        report(report="volunteers", region_id=region("胶州市").id, start=start, end=end)
    )
    town = region("阜安街道")
    sign_in_as("fuan", AccessRole.TOWN_STAFF, "阜安街道")
    mine = report(start=start, end=end)
    assert (mine.region_id, mine.region, mine.parent_id) == (town.id, "阜安街道", None)
    assert [r.key for r in mine.rows if r.drill] == [str(i) for i, _, _ in children("阜安街道")]
    assert dict(mine.total) == county[str(town.id)]
    theirs = report(report="volunteers", start=start, end=end)
    assert dict(theirs.total) == county_volunteers[str(town.id)]


def test_the_last_day_of_the_period_is_in_and_the_day_after_out(demo_db: Path) -> None:
    june = (date(2027, 6, 1), date(2027, 6, 30))
    log("阜安街道", "2027-06-30")
    log("阜安街道", "2027-07-01")
    log("阜安街道", "2027-06-01")
    log("阜安街道", "2027-05-31")
    found = report(region_id=region("胶州市").id, start=june[0], end=june[1])
    assert found.total["activities"] == 2


def test_a_volunteer_who_served_in_two_towns_is_one_in_the_total(demo_db: Path) -> None:
    (volunteer,) = one("SELECT id FROM volunteer WHERE active = 1 ORDER BY id LIMIT 1")
    log("阜安街道", "2027-01-10", served=(volunteer,))
    log("中云街道", "2027-01-11", served=(volunteer,))
    found = report(region_id=region("胶州市").id, start=date(2027, 1, 1), end=date(2027, 1, 31))
    figures = by_key(found)
    assert figures[str(region("阜安街道").id)]["volunteers"] == 1
    assert figures[str(region("中云街道").id)]["volunteers"] == 1
    assert (found.total["volunteers"], found.total["volunteer_services"]) == (1, 2)
    assert found.total["service_hours"] == 4


def test_deleted_activities_are_left_out(demo_db: Path) -> None:
    start, end = YEAR
    before = report(start=start, end=end).total
    (activity_id,) = one(
        "SELECT id FROM activity WHERE start_date >= '2026-01-01' AND deleted_at IS NULL"
        " AND id IN (SELECT activity_id FROM service_record) ORDER BY id LIMIT 1"
    )
    (served,) = one("SELECT COUNT(*) FROM service_record WHERE activity_id = :a", a=activity_id)
    activities.delete_activity(activity_id, Activity.get_by_id(activity_id).version)
    after = report(start=start, end=end).total
    assert after["activities"] == before["activities"] - 1
    assert after["volunteer_services"] == before["volunteer_services"] - served
    assert after == activity_figures("1", start, end)
    volunteers = report(report="volunteers", start=start, end=end).total
    assert volunteers["served"] == volunteer_figures("1", start, end)["served"]


def test_values_another_program_wrote_do_not_crash_and_are_counted(demo_db: Path) -> None:
    start, end = YEAR
    ids = [
        i
        for (i,) in rows(
            "SELECT id FROM activity WHERE start_date >= '2026-01-01' AND id IN"
            " (SELECT activity_id FROM service_record) ORDER BY id LIMIT 3"
        )
    ]
    (reached,) = one("SELECT people_reached FROM activity WHERE id = :i", i=ids[0])
    before = report(start=start, end=end).total
    spoil("UPDATE activity SET people_reached = 'abc' WHERE id = :i", i=ids[0])
    spoil("UPDATE activity SET format = 'zzz' WHERE id = :i", i=ids[1])
    spoil(
        "UPDATE service_record SET hours = 'x' WHERE rowid = (SELECT MIN(rowid) FROM service_record"
        " WHERE activity_id = :i)",
        i=ids[2],
    )
    found = report(start=start, end=end, by="format")
    assert found.invalid == 2
    assert found.total["people_reached"] == before["people_reached"] - reached
    odd = by_key(found)["zzz"]
    assert odd["activities"] == 1
    assert [row.name for row in found.rows if row.key == "zzz"] == ["⚠未知代码 zzz"]
    volunteers = report(report="volunteers", start=start, end=end)
    assert volunteers.invalid == 1


def test_a_cross_tables_row_and_column_totals(demo_db: Path) -> None:
    start, end = YEAR
    found = report(
        start=start,
        end=end,
        region_id=region("胶州市").id,
        across="format",
        measure="people_reached",
    )
    formats = [code.value for code in ActivityFormat]
    assert list(found.columns) == [*formats, "total"]
    for row in found.rows:
        assert row.values["total"] == sum(row.values[f] for f in formats)
    for code in formats:
        assert (
            found.total[code]
            == activity_figures("a.format = :f AND r.path LIKE '/1/%'", start, end, f=code)[
                "people_reached"
            ]
        )
        assert found.total[code] == sum(row.values[code] for row in found.rows)
    assert (
        found.total["total"] == activity_figures("r.path LIKE '/1/%'", start, end)["people_reached"]
    )


# -- 志愿者统计 --------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), PERIODS[:2])
def test_volunteers_by_town_every_row_and_the_total(demo_db: Path, start: date, end: date) -> None:
    found = report(report="volunteers", region_id=region("胶州市").id, start=start, end=end)
    figures = by_key(found)
    for id_, name, path in children("胶州市"):
        assert figures[str(id_)] == volunteer_figures("r.path LIKE :p", start, end, p=f"{path}%"), (
            name
        )
    assert found.total == volunteer_figures("r.path LIKE '/1/%'", start, end)
    everywhere = report(report="volunteers", start=start, end=end, by="village")
    assert everywhere.total == volunteer_figures("1", start, end)
    for row in everywhere.rows[:30]:
        (path,) = one("SELECT path FROM region WHERE id = :i", i=int(row.key))
        assert row.values == volunteer_figures("r.path LIKE :p", start, end, p=f"{path}%")


def test_star_levels_follow_cumulative_hours_and_the_configured_thresholds(demo_db: Path) -> None:
    ids = [
        i
        for (i,) in rows(
            "SELECT volunteer_id FROM volunteer_service JOIN volunteer v"
            " ON v.id = volunteer_id WHERE v.active = 1 ORDER BY v.id LIMIT 7"
        )
    ]
    for volunteer, total in zip(ids, (99.5, 100, 299.99, 300, 999, 1500, 20000), strict=True):
        spoil(
            "UPDATE volunteer_service SET hours = :h WHERE volunteer_id = :v", h=total, v=volunteer
        )
    found = report(report="volunteers", start=YEAR[0], end=YEAR[1]).total
    stars = {k: v for k, v in found.items() if k.startswith("stars")}
    assert stars == {"stars.1": 2, "stars.2": 1, "stars.3": 1, "stars.4": 0, "stars.5": 2}
    assert found == volunteer_figures("1", *YEAR)
    spoil("INSERT INTO meta (key, value) VALUES ('star_hours', '50,100,200,400,800')")
    found = report(report="volunteers", start=YEAR[0], end=YEAR[1]).total
    assert found == volunteer_figures("1", *YEAR, stars=(50, 100, 200, 400, 800))
    assert (found["stars.2"], found["stars.3"], found["stars.5"]) == (1, 2, 3)
    spoil("UPDATE meta SET value = '100,300,300,1000,1500' WHERE key = 'star_hours'")
    found = report(report="volunteers", start=YEAR[0], end=YEAR[1]).total
    assert found["stars.1"] == 2, (
        "thresholds that are not five ascending numbers: the national ones"
    )


def test_volunteers_by_team_count_each_member_of_the_teams_subtree_once(demo_db: Path) -> None:
    start, end = YEAR
    found = report(
        report="volunteers", region_id=region("胶州市").id, start=start, end=end, by="team"
    )
    parents = dict(rows("SELECT id, parent_id FROM team WHERE dissolved_at IS NULL"))
    members: dict[int, set[int]] = {}
    for team, volunteer in rows("SELECT team_id, volunteer_id FROM team_membership"):
        at: int | None = team
        while at is not None:  # the team and every team above it
            members.setdefault(at, set()).add(volunteer)
            at = parents.get(at)
    (teams,) = one(
        "SELECT COUNT(*) FROM team t JOIN region r ON r.id = t.region_id"
        " WHERE r.path LIKE '/1/%' AND t.dissolved_at IS NULL"
    )
    team_rows = [row for row in found.rows if row.key]
    assert len(team_rows) == teams
    for row in team_rows[:25]:
        people = ",".join(map(str, members.get(int(row.key), set()))) or "0"
        expected = volunteer_figures(f"v.id IN ({people})", start, end, teams="0")
        below = sum(1 for t in parents if _under(t, int(row.key), parents))
        assert {**row.values, "teams": 0} == {**expected, "teams": 0}, row.name
        assert row.values["teams"] == below
    assert found.total == volunteer_figures("r.path LIKE '/1/%'", start, end)
    outside = [row for row in found.rows if row.key == ""]
    everyone = set().union(*members.values())
    (loners,) = one(
        f"SELECT COUNT(*) FROM volunteer v JOIN region r ON r.id = v.region_id WHERE"
        f" r.path LIKE '/1/%' AND v.active = 1 AND v.id NOT IN ({','.join(map(str, everyone))})"
    )
    assert (outside[0].values["volunteers"] if outside else 0) == loners


def _under(team: int, top: int, parents: dict[int, int | None]) -> bool:
    at: int | None = team
    while at is not None:
        if at == top:
            return True
        at = parents.get(at)
    return False


def test_volunteer_flags_another_program_wrote(demo_db: Path) -> None:
    first, second = [
        i
        for (i,) in rows(
            "SELECT volunteer_id FROM volunteer_service JOIN volunteer v"
            " ON v.id = volunteer_id WHERE v.active = 1 ORDER BY v.id LIMIT 2"
        )
    ]
    spoil("UPDATE volunteer SET active = 'yes' WHERE id = :i", i=first)
    spoil("UPDATE volunteer SET joined_on = 'soon' WHERE id = (SELECT MAX(id) FROM volunteer)")
    spoil("UPDATE volunteer_service SET hours = 'many' WHERE volunteer_id = :i", i=second)
    found = report(report="volunteers", by="village")
    assert found.invalid == 2, "a status neither 0 nor 1 and hours out of range"
    (all_,) = one("SELECT COUNT(*) FROM volunteer")
    assert found.total["volunteers"] + found.total["inactive"] == all_ - 1
    since_ever = report(report="volunteers", start=date(2000, 1, 1), end=date(2099, 12, 31))
    (known,) = one("SELECT COUNT(*) FROM volunteer WHERE joined_on IS NOT NULL")
    assert since_ever.total["new"] == known - 1, "'soon' is no day: never new"


def test_a_value_left_out_is_counted_once_though_its_activity_is_in_two_rows(demo_db: Path) -> None:
    (shared,) = one(
        "SELECT id FROM activity WHERE start_date >= '2026-01-01' AND target_groups LIKE '%,%'"
        " ORDER BY id LIMIT 1"
    )
    spoil("UPDATE activity SET people_reached = -5 WHERE id = :i", i=shared)
    found = report(start=YEAR[0], end=YEAR[1], by="target_group")
    assert found.invalid == 1
    assert sum(row.values["activities"] for row in found.rows) > found.total["activities"]


def test_a_cross_table_has_a_column_for_a_code_it_does_not_know(demo_db: Path) -> None:
    (odd,) = one("SELECT MIN(id) FROM activity WHERE start_date >= '2026-01-01'")
    spoil("UPDATE activity SET format = 'zzz' WHERE id = :i", i=odd)
    found = report(start=YEAR[0], end=YEAR[1], region_id=region("胶州市").id, across="format")
    assert found.columns[-2:] == ("zzz", "total")
    assert found.column_names["zzz"] == "⚠未知代码 zzz"
    assert found.total["zzz"] == 1
    for row in found.rows:
        assert row.values["total"] == sum(row.values[c] for c in found.columns[:-1])
    assert found.total["total"] == sum(found.total[c] for c in found.columns[:-1])


def test_service_hours_out_of_range_of_every_kind_are_left_out_and_counted(demo_db: Path) -> None:
    served = [i for (i,) in rows("SELECT id FROM volunteer WHERE active = 1 ORDER BY id LIMIT 7")]
    activity = log("阜安街道", "2027-02-01", served=tuple(served))
    odd = ("'x'", "-1", "0", "1e20", "X'00'", "NULL", "2.5")
    for volunteer, value in zip(served, odd, strict=True):
        spoil(f"UPDATE service_record SET hours = {value} WHERE activity_id = :a AND volunteer_id"
              " = :v", a=activity, v=volunteer)  # fmt: skip
    types = "SELECT COUNT(DISTINCT typeof(hours)) FROM service_record WHERE activity_id = :a"
    (kinds,) = one(types, a=activity)
    assert kinds == 5, "text, integer, real, blob and NULL are all there"
    february = {"start": date(2027, 2, 1), "end": date(2027, 2, 28)}
    found = report(**february)
    assert (found.total["service_hours"], found.invalid) == (Decimal("2.5"), 6)
    people = report(report="volunteers", **february)
    assert (people.total["service_hours"], people.invalid) == (Decimal("2.5"), 6)
    assert people.total["served"] == 7
