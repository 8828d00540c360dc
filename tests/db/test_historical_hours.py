"""Historical hours (历史时数) on the demo county: the import (all or nothing, every bad row named,
scope, viewers), the totals that count them (against SQL of the test's own), the service
history and its statement, and star levels at their edges."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from kxtui.db import roster, roster_checks, service_history, stars, volunteers
from kxtui.db.engine.check import service_totals
from kxtui.db.engine.models import database
from kxtui.db.errors import RefusedError
from kxtui.db.numbers import INVALID
from kxtui.db.rows import RosterFilter, ServiceQuery
from kxtui.db.sheets import import_history
from kxtui.db.sheets.export_statement import export_statement
from kxtui.domain import AccessRole
from tests.db.test_scope import officer, town_officer

HEADER = ["姓名", "身份证号", "手机号", "平台ID", "活动(项目)名称", "组织单位", "开始日期",
          "结束日期", "服务时长(小时)", "来源"]  # fmt: skip


def people(town: str, count: int = 3) -> list[tuple[int, str, str | None, str | None]]:
    """(id, name, ID number, mobile) of volunteers of `town` with a mobile."""
    return database.execute_sql(
        "SELECT v.id, v.name, v.id_number, v.mobile FROM volunteer v JOIN region r "
        "ON r.id = v.region_id JOIN region t ON r.path LIKE t.path || '%' "
        "WHERE t.name = ? AND v.mobile IS NOT NULL ORDER BY v.id LIMIT ?",
        (town, count),
    ).fetchall()


def sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def sql_totals(volunteer_id: int) -> tuple[float, str | None]:
    """Hours and last service day of the volunteer, from both sources, by the test's own SQL."""
    served, last = database.execute_sql(
        "SELECT COALESCE(SUM(s.hours), 0), MAX(a.start_date) FROM service_record s JOIN activity "
        "a ON a.id = s.activity_id WHERE a.deleted_at IS NULL AND s.volunteer_id = ?",
        (volunteer_id,),
    ).fetchone()
    history, history_last = database.execute_sql(
        "SELECT COALESCE(SUM(hours), 0), MAX(end_date) FROM historical_hours "
        "WHERE volunteer_id = ? AND typeof(hours) IN ('integer', 'real') AND hours > 0",
        (volunteer_id,),
    ).fetchone()
    return served + history, max(filter(None, (last, history_last)), default=None)


def stored(volunteer_id: int) -> tuple[float, str | None]:
    return database.execute_sql(
        "SELECT hours, last_served FROM volunteer_service WHERE volunteer_id = ?", (volunteer_id,)
    ).fetchone()


def test_an_import_counts_in_totals_stars_history_and_statement(
    demo_db: Path, tmp_path: Path
) -> None:
    (a, a_name, _, a_mobile), (b, b_name, _, b_mobile) = people("阜安街道", 2)
    before = stored(a)
    rows = [
        [a_name, "", a_mobile, "", "2019年科普日", "胶州市科协", "2019-09-15", "2019-09-16", "120",
         "纸质台账"],
        [a_name, "", a_mobile, "", "2026年义诊", "卫健局", "2026-03-01", "", "2.5", "大美志愿平台"],
        [b_name, "", b_mobile, "", "老项目", "", "2018/5/1", "2018/12/31", "30", ""],
    ]  # fmt: skip
    report = import_history.import_file(sheet(tmp_path / "h.csv", rows))
    assert (report.rows, report.bad, report.imported, report.volunteers) == (3, 0, 3, 2)
    assert report.hours == Decimal("152.5")
    for volunteer in (a, b):
        hours, last = stored(volunteer)
        expected_hours, expected_last = sql_totals(volunteer)
        assert hours == pytest.approx(expected_hours) and last == expected_last
    assert stored(a)[0] == pytest.approx(before[0] + 122.5)
    assert service_totals(database.connection()) == []  # `kxtui check` agrees
    audit = database.execute_sql(
        "SELECT COUNT(*) FROM audit_entry WHERE entity = 'historical_hours' AND action = 'import'"
    ).fetchone()[0]
    assert audit == 3
    # the record: hours with the historical part, its star level
    detail = volunteers.volunteer_detail(a)
    assert detail is not None and detail.historical == 2
    assert detail.historical_hours == Decimal("122.5")
    assert detail.hours == Decimal(str(round(stored(a)[0], 2)))
    assert detail.stars == stars.level(detail.hours)
    # the roster: this year's hours count 2026's historical hours, the total all of them
    (row,) = roster.page(RosterFilter(text=a_mobile), 2026)
    year = database.execute_sql(
        "SELECT COALESCE(SUM(s.hours), 0) FROM service_record s JOIN activity a ON a.id = "
        "s.activity_id WHERE a.deleted_at IS NULL AND s.volunteer_id = ? AND a.start_date "
        "BETWEEN '2026-01-01' AND '2026-12-31'",
        (a,),
    ).fetchone()[0]
    assert float(row.hours_this_year) == pytest.approx(year + 2.5)
    assert row.stars == stars.level(row.hours_total) >= 1
    # the history: historical lines interleaved by date, paged by key like the rest
    lines = service_history.page(a, limit=1000)
    days = [line.start_date for line in lines]
    assert days == sorted(days, reverse=True)
    marked = [(line.start_date, line.title, line.hours) for line in lines if line.historical]
    assert marked == [(date(2026, 3, 1), "2026年义诊", Decimal("2.5")),
                      (date(2019, 9, 15), "2019年科普日", 120)]  # fmt: skip
    pages = [service_history.page(a, limit=2)]
    while pages[-1]:
        pages.append(service_history.page(a, after=pages[-1][-1].key, limit=2))
    assert [line.key for p in pages for line in p] == [line.key for line in lines]
    # the statement of 2019: one line, historical
    query = ServiceQuery(volunteer_id=a, start=date(2019, 1, 1), end=date(2019, 12, 31))
    totals = service_history.totals(query)
    assert (totals.lines, totals.historical_lines, totals.hours) == (1, 1, 120)
    result = export_statement(query, tmp_path / "s.xlsx")
    book = openpyxl.load_workbook(result.path)
    values = [[c for c in row if c is not None] for row in book.active.iter_rows(values_only=True)]
    assert any("2019年科普日" in row and "历史" in row and 120 in row for row in values)
    assert values[-1] == ["合计", 120]


def test_a_bad_row_imports_nothing_and_every_bad_row_is_named(
    demo_db: Path, tmp_path: Path
) -> None:
    (a, a_name, _, a_mobile), (_, b_name, _, b_mobile) = people("阜安街道", 2)
    rows = [
        [a_name, "", a_mobile, "", "好的一行", "", "2020-01-01", "", "5", ""],
        [b_name + "某", "", b_mobile, "", "姓名不符", "", "2020-01-01", "", "5", ""],
        ["无名氏", "", "13900000000", "", "查无此人", "", "2020-01-01", "", "5", ""],
        [a_name, "", a_mobile, "", "时长超限", "", "2020-01-01", "", "100000", ""],
        [a_name, "", a_mobile, "", "结束早于开始", "", "2020-05-01", "2020-04-01", "5", ""],
        [a_name, "", "", "", "没有号码", "", "2020-01-01", "", "5", ""],
    ]  # fmt: skip
    before = stored(a)
    report = import_history.import_file(sheet(tmp_path / "bad.csv", rows))
    assert report.imported == 0 and report.bad == 5
    found = {(p.row, p.column, p.key) for p in report.errors}
    assert found == {
        (3, "name", "hsheet.name_differs"),
        (4, "mobile", "hsheet.unknown"),
        (5, "hours", "field.hours"),
        (6, "end", "field.end_before_start"),
        (7, "id_number", "hsheet.no_identity"),
    }
    assert database.execute_sql("SELECT COUNT(*) FROM historical_hours").fetchone()[0] == 0
    assert stored(a) == before
    # the check alone says the same and writes nothing either
    assert import_history.check_file(tmp_path / "bad.csv").errors == report.errors


def test_a_town_officer_imports_only_their_towns_volunteers(demo_db: Path, tmp_path: Path) -> None:
    ((mine, mine_name, _, mine_mobile),) = people("阜安街道", 1)
    ((other, other_name, _, other_mobile),) = people("胶莱镇", 1)
    path = sheet(tmp_path / "h.csv", [
        [mine_name, "", mine_mobile, "", "本镇", "", "2020-01-01", "", "5", ""],
        [other_name, "", other_mobile, "", "别镇", "", "2020-01-01", "", "5", ""],
    ])  # fmt: skip
    town_officer()
    report = import_history.import_file(path)
    assert report.imported == 0
    assert [(p.row, p.key) for p in report.errors] == [(3, "field.out_of_scope")]
    with pytest.raises(RefusedError):  # nor read their service
        service_history.page(other)
    assert service_history.totals(mine).lines >= 0


def test_a_viewer_imports_nothing(demo_db: Path, tmp_path: Path) -> None:
    ((a, name, _, mobile),) = people("阜安街道", 1)
    path = sheet(tmp_path / "h.csv", [[name, "", mobile, "", "x", "", "2020-01-01", "", "5", ""]])
    officer("kan", AccessRole.VIEWER, None)
    with pytest.raises(RefusedError) as refused:
        import_history.import_file(path)
    assert refused.value.key == "refused.viewer"
    with pytest.raises(RefusedError):
        import_history.check_file(path)


@pytest.mark.parametrize(
    ("hours", "level"),
    [(0, 0), (99.5, 0), (99.99, 0), (100, 1), (299.99, 1), (300, 2), (999.99, 3), (1000, 4),
     (1499.99, 4), (1500, 5), (99_999, 5)],
)  # fmt: skip
def test_star_levels_at_their_edges(hours: float, level: int) -> None:
    assert stars.level(Decimal(str(hours))) == level
    assert stars.level(hours) == level


def test_star_levels_out_of_range_and_to_the_next() -> None:
    assert stars.level(INVALID) == 0 and stars.to_next(INVALID) is None
    assert stars.to_next(Decimal("95.5")) == Decimal("4.5")
    assert stars.to_next(Decimal(1500)) is None
    assert stars.parse("50, 100，200,400,800") == (50, 100, 200, 400, 800)
    for bad in ("100,300,300,1000,1500", "1,2,3,4", "0,1,2,3,4", "a,b,c,d,e", ""):
        assert stars.parse(bad) is None


def test_custom_thresholds_drive_roster_filter_and_near_star_check(demo_db: Path) -> None:
    stars.set_thresholds((10, 20, 30, 40, 50))
    assert stars.thresholds() == (10, 20, 30, 40, 50)
    entry = database.execute_sql(
        "SELECT entity, summary FROM audit_entry ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert entry == ("meta", "star_hours")
    by_sql = {
        level: {
            row[0]
            for row in database.execute_sql(
                "SELECT volunteer_id FROM volunteer_service WHERE hours >= ? AND hours < ?",
                (low, high),
            )
        }
        for level, (low, high) in {0: (0, 10), 2: (20, 30), 5: (50, 10**9)}.items()
    }
    for level, expected in by_sql.items():
        f = RosterFilter(stars=level)
        assert roster.count(f) == len(expected)
        rows = roster.page(f, 2026, limit=50)
        assert {row.id for row in rows} <= expected
        assert all(row.stars == level for row in rows)
    near = {
        row[0]
        for row in database.execute_sql(
            "SELECT volunteer_id FROM volunteer_service WHERE "
            + " OR ".join(f"(hours >= {t - 10} AND hours < {t})" for t in (10, 20, 30, 40, 50))
        )
    }
    assert near and roster.count(RosterFilter(check="near_star")) == len(near)
    assert "near_star" in roster_checks.CHECKS
    officer("kan2", AccessRole.VIEWER, None)
    with pytest.raises(RefusedError):
        stars.set_thresholds(stars.DEFAULT)


def test_hostile_historical_hours_are_invalid_and_left_out(demo_db: Path) -> None:
    ((a, _, _, _),) = people("阜安街道", 1)
    connection = database.connection()
    connection.execute("PRAGMA ignore_check_constraints = ON")
    try:
        for title, hours in (("文字", "abc"), ("负数", -5), ("好的", 7)):
            connection.execute(
                "INSERT INTO historical_hours (volunteer_id, title, organiser, start_date, "
                "end_date, hours, source, created_at, created_by, updated_at, updated_by, "
                "version) VALUES (?, ?, '', '2021-01-01', '2021-01-01', ?, '', '2026-01-01', "
                "'t', '2026-01-01', 't', 1)",
                (a, title, hours),
            )
    finally:
        connection.execute("PRAGMA ignore_check_constraints = OFF")
    from kxtui.db.engine import volunteer_index

    with database.atomic():
        volunteer_index.refresh_service([a])
    hours, _ = stored(a)
    assert hours == pytest.approx(sql_totals(a)[0])
    shown = {line.title: line.hours for line in service_history.page(a, limit=1000)
             if line.historical}  # fmt: skip
    assert shown["好的"] == 7
    assert shown["文字"] is INVALID and shown["负数"] is INVALID
    assert format(shown["文字"]) == "⚠无效"
    totals = service_history.totals(ServiceQuery(volunteer_id=a, start=date(2021, 1, 1),
                                                 end=date(2021, 1, 1)))  # fmt: skip
    assert (totals.lines, totals.hours, totals.left_out) == (3, 7, 2)
    detail = volunteers.volunteer_detail(a)
    assert detail is not None and detail.historical_hours == 7


def test_the_template_reads_back_as_a_sheet(demo_db: Path, tmp_path: Path) -> None:
    path = import_history.template(tmp_path / "t.xlsx")
    report = import_history.check_file(path)
    assert report.rows == 1 and report.unknown_columns == ()


def test_served_in_a_period_counts_historical_hours_dated_in_it(
    demo_db: Path, tmp_path: Path
) -> None:
    idle = database.execute_sql(
        "SELECT v.id, v.name, v.mobile FROM volunteer v JOIN volunteer_service vs ON "
        "vs.volunteer_id = v.id WHERE vs.hours = 0 AND v.mobile IS NOT NULL ORDER BY v.id LIMIT 1"
    ).fetchone()
    year = {"start": date(2026, 1, 1), "end": date(2026, 12, 31)}
    served, not_served = RosterFilter(served=True, **year), RosterFilter(served=False, **year)
    before = roster.count(served), roster.count(not_served)
    rows = [[idle[1], "", idle[2], "", "义诊", "", "2026-03-01", "", "4", ""]]
    assert import_history.import_file(sheet(tmp_path / "h.csv", rows)).imported == 1
    assert (roster.count(served), roster.count(not_served)) == (before[0] + 1, before[1] - 1)
    last_year = RosterFilter(served=False, start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert idle[0] in {row.id for row in roster.page(last_year._replace(text=idle[2]), 2026)}


def test_the_notes_sheet_quotes_the_countys_star_thresholds(demo_db: Path, tmp_path: Path) -> None:
    from kxtui.db.report_rows import ReportQuery
    from kxtui.db.reports import build
    from kxtui.db.sheets.export_report import Filler, write_report

    stars.set_thresholds((50, 120, 240, 480, 960))
    report = build(ReportQuery("volunteers", None, date(2026, 1, 1), date(2026, 12, 31)))
    result = write_report(report, tmp_path / "v.xlsx", filler=Filler("张三", "0532-1"))
    notes = {row[0]: row[1] for row in openpyxl.load_workbook(result.path)["说明"].iter_rows(
        min_row=3, values_only=True)}  # fmt: skip
    assert "二星（累计服务 120 小时起）" in notes["二星志愿者(人)"]
    assert "50/120/240/480/960" in notes["二星志愿者(人)"]
