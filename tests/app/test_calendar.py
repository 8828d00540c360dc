"""Closed periods in the activity form, the theme day it pre-selects from its date, and the
calendar screen, driven with keys like an officer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import DataTable, Select

from kxtui.dates import parse_period
from kxtui.db import periods
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.domain import AccessRole
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.calendar import CalendarScreen
from kxtui.screens.calendar_form import CalendarFormScreen
from tests.app.helpers import (
    control,
    error_of,
    fill,
    jump,
    make_app,
    notifications,
    plain,
    press,
    settle,
    wait_until,
)
from tests.app.test_keys import palette_hits


def close(path: Path, period: str) -> None:
    """Close a period in the database file before the app opens it."""
    open_database(path)
    periods.close_period(*parse_period(period))  # type: ignore[misc]
    close_database()


def count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchone()[0]


async def open_form(pilot) -> ActivityFormScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, "fajd")
    await press(pilot, "l")
    assert isinstance(pilot.app.screen, ActivityFormScreen)
    return pilot.app.screen


async def test_a_save_in_a_closed_period_is_refused_beside_the_date_and_keeps_the_input(
    demo_path: Path,
) -> None:
    close(demo_path, "2026Q3")
    before = count(demo_path, "SELECT COUNT(*) FROM activity")
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "title", "关账后补登的讲座")
        await fill(pilot, "start", "2026-08-15")
        control(pilot, "format").value = "lecture"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is form
        said = error_of(pilot, "start")
        assert "2026Q3 已由 测试管理员 于 2026-11-20 09:30 关闭" in said
        assert "已保留您输入的内容" in plain(form.query_one("#form-status").content)
        assert control(pilot, "title").value == "关账后补登的讲座"
        assert control(pilot, "start").value == "2026-08-15"
        await fill(pilot, "start", "2026-10-08")  # after the period: the message goes
        assert error_of(pilot, "start") == ""
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is not form
    assert count(demo_path, "SELECT COUNT(*) FROM activity") == before + 1


async def test_the_form_pre_selects_the_theme_day_of_its_date_until_the_officer_chooses(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        assert control(pilot, "theme_day").value == Select.NULL  # 20 November: no theme
        await fill(pilot, "start", "2026-05-30")
        assert control(pilot, "theme_day").value == "workers_day"
        await fill(pilot, "start", "3月3日")
        assert control(pilot, "theme_day").value == "volunteer_week"  # its own guess, replaced
        await fill(pilot, "start", "2026-11-02")
        assert control(pilot, "theme_day").value == Select.NULL
        control(pilot, "theme_day").value = "other"  # the officer's choice
        await settle(pilot)
        await fill(pilot, "start", "2026-09-10")
        assert control(pilot, "theme_day").value == "other"


async def test_the_calendar_opens_from_the_tree_and_the_palette(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(
            hit.startswith("日历: 主题日与截止日期") for hit in await palette_hits(pilot, "rl")
        )
        await jump(pilot, "jzs")
        await press(pilot, "c")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen))
        screen = pilot.app.screen
        assert isinstance(screen, CalendarScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 7
        assert "2026 年工作日历 · 胶州市" in plain(screen.query_one("#calendar-title").content)
        names = [plain(table.get_row_at(i)[1]).strip() for i in range(7)]
        assert names[0] == "学雷锋科技志愿服务周" and names[-1] == "年度科普统计报送截止"
        await press(pilot, "down", "down", "down")  # 全国科普日
        detail = plain(screen.query_one("#calendar-entry").content)
        science_day = screen.rows[3]
        assert science_day.code == "science_day" and science_day.activities > 0
        assert f"{science_day.activities} 项活动" in detail and "按镇（街道）" in detail
        assert science_day.by_town[0].name in detail
        await press(pilot, "right_square_bracket")
        await wait_until(pilot, lambda: screen.year == 2027 and screen.rows[0].year == 2027)
        assert "2027 年工作日历" in plain(screen.query_one("#calendar-title").content)
        await press(pilot, "left_square_bracket", "enter")
        assert isinstance(pilot.app.screen, CalendarFormScreen)
        await fill(pilot, "end", "2026-09-20")
        await fill(pilot, "start", "2026-09-26")
        await press(pilot, "ctrl+s")
        assert "结束日期早于开始日期" in error_of(pilot, "end")
        await fill(pilot, "end", "9月30日")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        starts = lambda: {row.code: row.start.day for row in screen.rows}  # noqa: E731
        await wait_until(pilot, lambda: starts()["science_day"] == 26)
        assert "已保存：全国科普日（全国科普月）" in notifications(pilot)
        assert "9月26日–9月30日" in plain(screen.query_one("#calendar-entry").content)
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, CalendarScreen)


async def test_only_county_admins_edit_the_calendar(demo_path: Path) -> None:
    [(town,)] = (
        sqlite3.connect(demo_path)
        .execute("SELECT path FROM region WHERE name = '阜安街道'")
        .fetchall()
    )
    scope.sign_in(scope.Session(user="fuan", name="阜安", role=AccessRole.TOWN_STAFF,
                                edit_path=town, view_path=town, edit_name="胶州市/阜安街道",
                                view_name="胶州市/阜安街道"))  # fmt: skip
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CalendarScreen))
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, CalendarScreen), "no form"
        assert "只有县级管理员可以修改日历（阜安）" in notifications(pilot)
