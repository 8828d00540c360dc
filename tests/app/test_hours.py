"""Service hours in the app, driven with keys: historical hours imported through the dialog
(all or nothing, every bad row named), the volunteer's F3 pane (历史 lines, the period's
totals cycled with `p`, the star level), `x` writing the hours statement, a team's statement
from the team tree, the roster's star filter and the near-star check — each figure against SQL
of the test's own."""

from __future__ import annotations

import csv
import sqlite3
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from kxtui.screens.export_statement import StatementExportScreen
from kxtui.screens.import_history import HistoryImportScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.roster_checks import ChecksMenu
from kxtui.screens.roster_filter import RosterFilterScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.history_table import ServiceHistory, ServiceHistoryTable
from tests.app.helpers import (
    control,
    make_app,
    notifications,
    open_list,
    plain,
    press,
    settle,
    type_text,
    wait_until,
)
from tests.app.test_roster import count_line, filter_line, sql_count
from tests.app.test_volunteer_sheet_screens import cells

HEADER = ["姓名", "身份证号", "手机号", "平台ID", "活动(项目)名称", "组织单位", "开始日期",
          "结束日期", "服务时长(小时)", "来源"]  # fmt: skip
SERVICE = (
    "SELECT s.hours, a.start_date FROM service_record s JOIN activity a ON a.id = s.activity_id "
    "WHERE a.deleted_at IS NULL AND s.volunteer_id = :v"
)
HISTORY = "SELECT hours, start_date FROM historical_hours WHERE volunteer_id = :v"


def sql(path: Path, query: str, params: object = ()) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query, params).fetchall()  # type: ignore[arg-type]


def two_people(path: Path) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(id, name, mobile) of a volunteer of 胶州市 who served at activities and of one who never
    did, each with a name no other name begins with (the roster's search opens them)."""
    names = sorted(name for (name,) in sql(path, "SELECT name FROM volunteer"))
    # sorted, a name begins another when the one after it begins with it (or is it)
    alone = {a for a, b in zip(names, [*names[1:], ""], strict=True) if not b.startswith(a)}
    alone -= {a for a, b in zip(names, names[1:], strict=False) if a == b}
    rows = sql(path, "SELECT v.id, v.name, v.mobile, vs.hours FROM volunteer v JOIN region r ON "
                     "r.id = v.region_id JOIN volunteer_service vs ON vs.volunteer_id = v.id "
                     "WHERE v.mobile IS NOT NULL AND r.path LIKE '/1/%' ORDER BY v.id")  # fmt: skip
    unique = [row for row in rows if row[1] in alone]
    served = next(row[:3] for row in unique if row[3] > 5)
    idle = next(row[:3] for row in unique if row[3] == 0)
    return served, idle


def sheet(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


async def import_file(pilot: Pilot, path: Path) -> HistoryImportScreen:
    """From the roster, the palette's 志愿者: 导入历史时数; the file checked."""
    await open_list(pilot, "m", RosterScreen)
    await press(pilot, "ctrl+p")
    await type_text(pilot, "导入历史时数")
    await pilot.pause(0.5)
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HistoryImportScreen))
    screen = pilot.app.screen
    assert isinstance(screen, HistoryImportScreen)
    await type_text(pilot, str(path))
    await press(pilot, "enter")
    await wait_until(pilot, lambda: screen.report is not None and not screen.busy)
    return screen


def period_sums(path: Path, volunteer: int, start: str, end: str) -> tuple[int, Decimal, Decimal]:
    """Lines, hours and historical hours of the volunteer from `start` to `end`, by SQL."""
    where = " AND {col} BETWEEN :s AND :e"
    params = {"v": volunteer, "s": start, "e": end}
    served = sql(path, SERVICE + where.format(col="a.start_date"), params)
    history = sql(path, HISTORY + where.format(col="start_date"), params)
    hours = sum((Decimal(str(h)) for h, _ in served + history), Decimal(0))
    return len(served) + len(history), hours, sum((Decimal(str(h)) for h, _ in history), Decimal(0))


def number(value: Decimal) -> str:
    return f"{value.normalize():f}"


async def test_a_bad_row_imports_nothing_and_is_named(demo_path: Path, tmp_path: Path) -> None:
    (a, a_name, a_mobile), _ = two_people(demo_path)
    path = sheet(tmp_path / "bad.csv", [
        [a_name, "", a_mobile, "", "好的一行", "", "2020-01-01", "", "5", ""],
        ["无名氏", "", "13900000000", "", "查无此人", "", "2020-01-01", "", "5", ""],
    ])  # fmt: skip
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await import_file(pilot, path)
        problems = cells(screen.query_one("#import-problems", DataTable))
        assert [row[:2] for row in problems] == [["3", "手机号"]]
        assert "没有登记这个手机号的志愿者" in problems[0][2]
        await press(pilot, "a")
        assert isinstance(pilot.app.screen, HistoryImportScreen)
    assert sql(demo_path, "SELECT COUNT(*) FROM historical_hours") == [(0,)]


async def test_imported_hours_show_in_the_history_the_statement_stars_and_checks(
    demo_path: Path, tmp_path: Path
) -> None:
    (a, a_name, a_mobile), (b, b_name, b_mobile) = two_people(demo_path)
    path = sheet(tmp_path / "good.csv", [
        [a_name, "", a_mobile, "", "2019年科普日", "胶州市科协", "2019-09-15", "2019-09-16", "120",
         "纸质台账"],
        [a_name, "", a_mobile, "", "2026年义诊", "卫健局", "2026-03-01", "", "2.5", "大美志愿平台"],
        [b_name, "", b_mobile, "", "老项目", "", "2018-05-01", "2018-12-31", "295", ""],
    ])  # fmt: skip
    folder = tmp_path / "exports"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        roster = await import_file(pilot, path)
        await press(pilot, "a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        assert any("已导入 3 条历史时数" in n for n in notifications(pilot))
        roster = pilot.app.screen
        assert isinstance(roster, RosterScreen)

        # the star filter: 1★ is 100 to 300 hours (the county's default thresholds)
        await press(pilot, "f")
        assert isinstance(pilot.app.screen, RosterFilterScreen)
        control(pilot, "stars").value = "1"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        one_star = sql_count(demo_path, "v.id IN (SELECT volunteer_id FROM volunteer_service "
                                        "WHERE hours >= 100 AND hours < 300)")  # fmt: skip
        assert one_star >= 2 and count_line(pilot) == f"共 {one_star:,} 名志愿者"
        assert "星级：1★" in filter_line(pilot)
        await press(pilot, "f", "ctrl+r")

        # the near-star check: b's 295 hours are within 10 of 2★
        await press(pilot, "c")
        assert isinstance(pilot.app.screen, ChecksMenu)
        await press(pilot, "s")
        near = " OR ".join(f"(hours >= {h - 10} AND hours < {h})" for h in (100, 300, 600, 1000,
                                                                            1500))  # fmt: skip
        expected = sql_count(demo_path, f"v.id IN (SELECT volunteer_id FROM volunteer_service "
                                        f"WHERE {near})")  # fmt: skip
        assert expected >= 1 and count_line(pilot) == f"共 {expected:,} 名志愿者"
        await press(pilot, "escape")

        # a's record, F3: the 历史 lines, the star level, all time's totals, then this year's
        await press(pilot, "slash")
        await type_text(pilot, a_name)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        form = pilot.app.screen
        await press(pilot, "f3")
        history = form.query_one(ServiceHistory)
        table = form.query_one(ServiceHistoryTable)
        assert table.has_focus
        drawn = [table.render_line(y).text for y in range(table.size.height)]
        assert any("历史·2026年义诊" in line and "大美志愿平台" in line for line in drawn)
        summary = plain(form.query_one("#history-summary", Static).content)
        total = sql(demo_path, "SELECT hours FROM volunteer_service WHERE volunteer_id = ?", (a,))
        to_next = 300 - Decimal(str(total[0][0]))
        assert f"★　距下一星级还差 {number(to_next)} 小时" in summary

        def totals_line() -> str:
            return plain(form.query_one("#history-totals", Static).content)

        lines, hours, historical = period_sums(demo_path, a, "0001-01-01", "9999-12-31")
        assert totals_line().startswith(
            f"全部时间：{lines} 条，合计 {number(hours)} 小时（其中历史 122.5 小时）"
        )
        assert table.total == lines
        await press(pilot, "p")
        lines, hours, historical = period_sums(demo_path, a, "2026-01-01", "2026-12-31")
        assert totals_line().startswith(
            f"本年：{lines} 条，合计 {number(hours)} 小时（其中历史 {number(historical)} 小时）"
        )
        assert table.total == lines and history.period.value == "year"

        # x: this year's statement, its rows and total as SQL counts them
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StatementExportScreen))
        dialog = pilot.app.screen
        await wait_until(pilot, lambda: bool(dialog.query_one("#export-path").value))
        await press(pilot, "enter")
        await wait_until(pilot, lambda: dialog.written is not None)
        status = plain(dialog.query_one("#export-status", Static).content, 200)
        assert f"已写出 {lines} 条服务记录到" in status and str(folder) in status
        book = load_workbook(dialog.written)
        rows = [[c for c in row] for row in book.active.iter_rows(values_only=True)]
        header = rows.index(next(r for r in rows if r and r[0] == "日期"))
        body, last = rows[header + 1 : -1], rows[-1]
        assert len(body) == lines
        assert sorted(Decimal(str(r[5])) for r in body) == sorted(
            Decimal(str(h))
            for h, _ in sql(
                demo_path, SERVICE + " AND a.start_date >= '2026-01-01'", {"v": a}
            )  # fmt: skip
            + sql(demo_path, HISTORY + " AND start_date >= '2026-01-01'", {"v": a})
        )
        assert [r for r in body if r[6] == "历史"] and last[0] == "合计"
        assert Decimal(str(last[5])) == hours


async def test_a_teams_statement_from_the_team_tree(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "T")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamTreeScreen))
        screen = pilot.app.screen
        await press(pilot, "down")  # from the search to the tree: the county's 总队
        team = screen.team_tree.cursor_row
        assert team is not None
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StatementExportScreen))
        dialog = pilot.app.screen
        await wait_until(pilot, lambda: bool(dialog.query_one("#export-path").value))
        assert dialog.query_one("#export-path").value.endswith("_服务时长明细_2026.xlsx")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: dialog.written is not None)
    members = (
        "WITH RECURSIVE below(id) AS (SELECT ? UNION ALL SELECT t.id FROM team t JOIN below ON "
        "t.parent_id = below.id) SELECT DISTINCT volunteer_id FROM team_membership WHERE "
        "team_id IN below"
    )
    expected = sql(demo_path, "SELECT COUNT(*), COALESCE(SUM(s.hours), 0) FROM service_record s "
                   "JOIN activity a ON a.id = s.activity_id WHERE a.deleted_at IS NULL AND "
                   "a.start_date BETWEEN '2026-01-01' AND '2026-12-31' AND s.volunteer_id IN "
                   f"({members})", (team.ref.id,))[0]  # fmt: skip
    book = load_workbook(dialog.written)
    rows = list(book.active.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r and r[0] == "日期"))
    assert expected[0] > 0 and len(rows) - header - 2 == expected[0]
    assert rows[-1][0] == "合计" and Decimal(str(rows[-1][6])) == Decimal(str(expected[1]))
