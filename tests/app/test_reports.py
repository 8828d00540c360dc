"""The reports screen, driven with keys: `R` opens the selected region's activity report,
every town in its rows; Enter goes down the tree and Backspace back up; `p`, `b`, `c`, `r`
change the period, grouping, cross table and report; `g` draws a chart; the search narrows
the rows by pinyin; another write shows without a key; a town officer's report is their
town's. Figures are checked against SQL written here, not against the report's own code."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input
from textual_plotext import PlotextPlot

from kxtui.db.engine import scope
from kxtui.domain import AccessRole
from kxtui.screens.period_dialog import PeriodDialog
from kxtui.screens.report_chart import ChartScreen
from kxtui.screens.reports import ReportScreen
from kxtui.widgets.report_table import ReportTable
from tests.app.helpers import make_app, notifications, open_list, plain, press, settle, type_text
from tests.app.test_fresh_views import other_officer_saves


def query(path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def shown(screen: ReportScreen) -> list[tuple[str, dict]]:
    """The rows the table holds: (name, figures)."""
    table = screen.query_one(ReportTable)
    return [(line.row.name, dict(line.row.values)) for line in
            (table._rows[i] for i in sorted(table._rows))]  # fmt: skip


def children(path: Path, parent: str) -> list[str]:
    sql = "SELECT k.name FROM region k JOIN region p ON p.id = k.parent_id WHERE p.name = ?"
    return [name for (name,) in query(path, sql, parent)]


def county_activities(path: Path, condition: str) -> int:
    """胶州市's activities (not deleted) meeting `condition`, an SQL condition over a."""
    [(count,)] = query(
        path,
        "SELECT COUNT(*) FROM activity a JOIN region r ON r.id = a.region_id"
        f" WHERE a.deleted_at IS NULL AND {condition} AND r.path LIKE"
        " (SELECT path FROM region WHERE name = '胶州市') || '%'",
    )
    return count


def sign_in_fuan_officer(path: Path) -> None:
    """Sign in a town officer of 阜安街道 (edits and sees that town alone)."""
    [(town,)] = query(path, "SELECT path FROM region WHERE name = '阜安街道'")
    scope.sign_in(scope.Session(user="fuan", name="阜安", role=AccessRole.TOWN_STAFF,
                                edit_path=town, view_path=town, edit_name="胶州市/阜安街道",
                                view_name="胶州市/阜安街道"))  # fmt: skip


def activities_in(path: Path, region: str, year: int) -> tuple[int, int]:
    """(activities, people reached) of the region's subtree in the year, deleted left out."""
    [(count, reached)] = query(
        path,
        "SELECT COUNT(*), COALESCE(SUM(a.people_reached), 0) FROM activity a"
        " JOIN region r ON r.id = a.region_id JOIN region t ON r.path LIKE t.path || '%'"
        " WHERE t.name = ? AND a.deleted_at IS NULL AND a.start_date BETWEEN ? AND ?",
        region, f"{year}-01-01", f"{year}-12-31",
    )  # fmt: skip
    return count, reached


async def test_R_opens_the_counties_report_with_every_town_and_enter_goes_down(
    demo_path: Path,
) -> None:
    towns = children(demo_path, "胶州市")
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await settle(pilot)
        rows = shown(screen)
        assert sorted(name for name, _ in rows if name in towns) == sorted(towns)
        for name, values in rows:
            if name in towns:
                assert (values["activities"], values["people_reached"]) == activities_in(
                    demo_path, name, 2026
                )
        assert screen.counted.total["activities"] == activities_in(demo_path, "胶州市", 2026)[0]
        count_line = plain(screen.query_one("#list-count").render(), 80)
        assert count_line.split()[:2] == ["合计", str(activities_in(demo_path, "胶州市", 2026)[0])]

        first = rows[0][0]
        await press(pilot, "enter")
        await settle(pilot)
        villages = children(demo_path, first)
        assert sorted(n for n, _ in shown(screen) if n in villages) == sorted(villages)
        assert first in plain(screen.query_one("#list-filter").render())
        await press(pilot, "down", "down", "enter")  # the third village's region, if it has one
        await settle(pilot)
        await press(pilot, "backspace", "backspace")
        await settle(pilot)
        assert [n for n, _ in shown(screen)] == [n for n, _ in rows]
        assert screen.selected.row.name == first, "back on the town it came from"
        await press(pilot, "backspace")
        await settle(pilot)  # the county is the top: it says so, and stays
        assert "已经是最上级" in notifications(pilot)[-1]


async def test_period_grouping_and_cross_table_keys(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "p")  # last year
        await settle(pilot)
        assert screen.filter.start.year == 2025
        assert screen.counted.total["activities"] == activities_in(demo_path, "胶州市", 2025)[0]
        await press(pilot, "b", "b", "b")  # town → village → theme day → campaign
        await settle(pilot)
        assert screen.filter.by == "campaign"
        names = [n for n, _ in shown(screen)]
        assert names[:4] == ["蒲公英科普行动", "银龄科普行动", "农民科普行动", "产业工人科普行动"]
        dandelion = county_activities(
            demo_path,
            "a.campaign = 'dandelion' AND a.start_date BETWEEN '2025-01-01' AND '2025-12-31'",
        )
        assert shown(screen)[0][1]["activities"] == dandelion
        await press(pilot, "c")  # across: formats
        await settle(pilot)
        assert screen.filter.across == "format"
        report = screen.counted
        assert report.columns[-1] == "total" and "lecture" in report.columns
        header = plain(screen.query_one("#list-header").render(), 120)
        assert "集中授课" in header
        row = report.rows[0]
        assert row.values["total"] == sum(v for k, v in row.values.items() if k != "total")
        await press(pilot, "m")  # the cross table's measure: people reached
        await settle(pilot)
        assert screen.filter.measure == "people_reached"
        assert "受众人次" in plain(screen.query_one("#list-filter").render(), 120)


async def test_P_takes_a_period_of_ones_own_and_says_what_is_not_one(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "P")
        dialog = pilot.app.screen
        assert isinstance(dialog, PeriodDialog)
        assert dialog.query_one(Input).value == "2026"
        dialog.query_one(Input).value = ""
        await type_text(pilot, "下个季度")
        await press(pilot, "enter")
        assert pilot.app.screen is dialog, "not a period: the dialog stays"
        assert "不是期间" in plain(dialog.query_one("#period-error").render(), 80)
        assert dialog.query_one(Input).value == "下个季度"
        dialog.query_one(Input).value = ""
        await type_text(pilot, "2025年第三季度")
        await press(pilot, "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert (str(screen.filter.start), str(screen.filter.end)) == ("2025-07-01", "2025-09-30")
        count = county_activities(demo_path, "a.start_date BETWEEN '2025-07-01' AND '2025-09-30'")
        assert screen.counted.total["activities"] == count


async def test_search_by_initials_narrows_the_rows(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "R", ReportScreen)
        screen = pilot.app.screen
        await press(pilot, "slash")
        await type_text(pilot, "jdjd")
        await settle(pilot)
        assert [n for n, _ in shown(screen)] == ["胶东街道"]
        assert screen.counted.total["activities"] == activities_in(demo_path, "胶州市", 2026)[0]


async def test_arrows_bring_the_columns_that_do_not_fit(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "c")  # a column per format, and the row's total: more than fit
        await settle(pilot)
        header = plain(screen.query_one("#list-header").render(), 80).split()
        assert header[:3] == ["名称", "▸", "集中授课"]
        await press(pilot, "right")
        header = plain(screen.query_one("#list-header").render(), 80).split()
        assert header[:3] == ["◂", "名称", "田间课堂"]
        total = plain(screen.query_one("#list-count").render(), 80).split()
        field_classes = county_activities(
            demo_path,
            "a.format = 'field_class' AND a.start_date BETWEEN '2026-01-01' AND '2026-12-31'",
        )
        assert total[:2] == ["合计", f"{field_classes:,}"]


async def test_g_draws_the_first_column_shown_and_arrows_take_the_next(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "g")
        await settle(pilot)
        chart = pilot.app.screen
        assert isinstance(chart, ChartScreen) and chart.column == "activities"
        assert chart.query_one(PlotextPlot).size.width > 40
        await press(pilot, "right")
        assert chart.column == "people_reached"
        key = plain(chart.query_one("#chart-key").content, 30)
        biggest = max(shown(screen), key=lambda row: row[1]["people_reached"])
        assert key.splitlines()[0].split()[1:] == [biggest[0], f"{biggest[1]['people_reached']:,}"]
        await press(pilot, "escape")
        assert pilot.app.screen is screen


async def test_another_officers_save_shows_in_the_open_report(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        before = screen.counted.total["activities"]
        other_officer_saves(demo_path)
        for _ in range(60):
            await pilot.pause(0.1)
            if screen.counted is not None and screen.counted.total["activities"] == before + 1:
                break
        assert screen.counted.total["activities"] == before + 1


async def test_a_town_officers_report_is_their_town(demo_path: Path) -> None:
    sign_in_fuan_officer(demo_path)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await settle(pilot)
        villages = children(demo_path, "阜安街道")
        names = [n for n, _ in shown(screen)]
        assert sorted(n for n in names if n in villages) == sorted(villages)
        assert all(n in villages or n == "阜安街道本级" for n in names)
        assert screen.counted.total["activities"] == activities_in(demo_path, "阜安街道", 2026)[0]
        await press(pilot, "backspace")
        assert "已经是最上级" in notifications(pilot)[-1]


async def test_K_closes_the_reports_period_and_reopens_it(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "p")  # last year
        await settle(pilot)
        assert screen.counted.closed is None
        await press(pilot, "K", "y")
        await settle(pilot)
        for _ in range(50):  # the write's change reloads the report
            if screen.counted is not None and screen.counted.closed is not None:
                break
            await pilot.pause(0.05)
        assert screen.counted.closed.name == "2025"
        assert "已关账 2025" in plain(screen.query_one("#list-count").render(), 80)
        [(start, end, reopened)] = query(
            demo_path,
            "SELECT c.start, c.end, c.reopened_at FROM closed_period c JOIN region r"
            " ON r.id = c.region_id WHERE r.name = '胶州市'",
        )
        assert (str(start)[:10], str(end)[:10], reopened) == ("2025-01-01", "2025-12-31", None)
        await press(pilot, "K", "y")
        await settle(pilot)
        for _ in range(50):
            if screen.counted is not None and screen.counted.closed is None:
                break
            await pilot.pause(0.05)
        assert screen.counted.closed is None
        [(reopened,)] = query(demo_path, "SELECT reopened_at FROM closed_period")
        assert reopened is not None


async def test_a_town_officer_may_not_close_a_period(demo_path: Path) -> None:
    sign_in_fuan_officer(demo_path)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        assert screen.write_refusal("close_period") is not None
        await press(pilot, "K")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert query(demo_path, "SELECT COUNT(*) FROM closed_period") == [(0,)]


def test_every_measure_and_grouping_has_its_words() -> None:
    from kxtui.db.report_rows import GROUPINGS, MEASURES, REPORTS
    from kxtui.i18n import STRINGS

    assert [f"report.col.{m}" for r in REPORTS for m in MEASURES[r]
            if f"report.col.{m}" not in STRINGS] == []  # fmt: skip
    assert [f"report.by.{g}" for r in REPORTS for g in GROUPINGS[r]
            if f"report.by.{g}" not in STRINGS] == []  # fmt: skip
    assert [f"report.what.{r}" for r in REPORTS if f"report.what.{r}" not in STRINGS] == []


async def test_enter_on_a_venues_row_lists_its_venues_with_what_they_lack(demo_path: Path) -> None:
    from kxtui.screens.report_venues import ReportVenuesScreen

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "r", "r")  # volunteers, then venues
        await settle(pilot)
        assert screen.filter.report == "venues"
        town = screen.selected.row
        await press(pilot, "enter")
        await settle(pilot)
        venues = pilot.app.screen
        assert isinstance(venues, ReportVenuesScreen)
        expected = query(
            demo_path,
            "SELECT v.name FROM venue v JOIN region r ON r.id = v.region_id WHERE r.path LIKE"
            " (SELECT path FROM region WHERE id = ?) || '%' ORDER BY v.name",
            int(town.key),
        )
        table = venues.table
        names = sorted(table._rows[i].venue.name for i in range(table.total))
        assert names == [name for (name,) in expected]
        assert town.values["venues"] == len(expected)
        met = sum(not table._rows[i].venue.missing for i in range(table.total))
        assert met == town.values["fully_met"]
        count_line = plain(venues.query_one("#list-count").render(), 80)
        assert f"六有齐全 {met} 处" in count_line


async def test_the_science_day_report_says_its_headline_figures(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, "r", "r", "r")
        await settle(pilot)
        assert screen.filter.report == "science-day"
        total = screen.counted.total
        text = plain(screen.query_one("#list-count").render(), 80)
        assert f"活动 {total['activities']:,} 项" in text
        assert f"主办单位 {total['organisers']:,} 个" in text
        assert "计入：标为全国科普日的当年活动" in text


async def test_a_chart_by_month_is_a_line_in_month_order(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot, "R", ReportScreen)
        await press(pilot, *("b",) * 6)  # town → … → month
        await settle(pilot)
        assert screen.filter.by == "month"
        await press(pilot, "g")
        await settle(pilot)
        chart = pilot.app.screen
        assert isinstance(chart, ChartScreen)
        key = plain(chart.query_one("#chart-key").content, 30).splitlines()
        assert [line.split()[0] for line in key] == [f"{m:02d}" for m in range(1, 13)]
        january = county_activities(demo_path, "a.start_date BETWEEN '2026-01-01' AND '2026-01-31'")
        assert key[0].split()[-1] == f"{january:,}"
