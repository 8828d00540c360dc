"""The volunteer roster, driven with keys like an officer, against SQL written here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kxtui.screens.roster import RosterScreen
from kxtui.screens.roster_checks import CheckListScreen, ChecksMenu
from kxtui.screens.roster_filter import RosterFilterScreen
from tests.app.helpers import (
    control,
    error_of,
    make_app,
    open_screen,
    plain,
    press,
    settle,
    type_text,
)


def sql_count(path: Path, where: str = "1") -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM volunteer v JOIN region r ON r.id = v.region_id "
            f"WHERE r.path LIKE '/1/%' AND {where}"
        ).fetchone()[0]


def count_line(pilot) -> str:  # type: ignore[no-untyped-def]
    return plain(pilot.app.screen.query_one("#list-count").content).strip()


def shown(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The table as drawn: its visible lines as text."""
    table = pilot.app.screen.table
    return [line.text for line in (table.render_line(y) for y in range(table.size.height))]


async def open_roster(pilot, rows: bool = True) -> RosterScreen:  # type: ignore[no-untyped-def]
    """The roster of the county; in its rows (↓ from the search field), where letters are
    commands, unless `rows` is False."""
    screen = await open_screen(pilot, "m", RosterScreen)
    if rows:
        await press(pilot, "down")
        assert screen.table.has_focus
    return screen


async def test_count_search_filters_and_masked_mobiles(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_roster(pilot)
        assert count_line(pilot) == f"共 {sql_count(demo_path):,} 名志愿者"
        first = screen.table.cursor_row
        assert first is not None and first.mobile
        masked = f"{first.mobile[:3]}****{first.mobile[-4:]}"
        assert masked in shown(pilot)[0] and first.mobile not in shown(pilot)[0]
        await press(pilot, "asterisk")  # show mobiles in full
        assert first.mobile in shown(pilot)[0]

        await type_text(pilot, "138")  # a key no command takes goes to the search
        await settle(pilot)
        expected = sql_count(
            demo_path, "(v.mobile LIKE '138%' OR substr(v.mobile, -4) LIKE '138%')"
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        await press(pilot, "down", "g")  # back to the rows; registered only
        await settle(pilot)
        expected = sql_count(
            demo_path,
            "(v.mobile LIKE '138%' OR substr(v.mobile, -4) LIKE '138%') "
            "AND v.platform_registered = 1",
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert "已在平台注册" in plain(screen.query_one("#list-filter").content)
        rows = [screen.table._rows[i] for i in range(min(expected, 20))]
        assert all(r.registered and "138" in (r.mobile[:3], r.mobile[-4:-1]) for r in rows)


async def test_not_served_this_year_and_sort_by_hours(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "n")
        await settle(pilot)
        expected = sql_count(
            demo_path,
            "NOT EXISTS (SELECT 1 FROM service_record s JOIN activity a ON a.id = s.activity_id"
            " WHERE s.volunteer_id = v.id AND a.deleted_at IS NULL"
            " AND a.start_date BETWEEN '2026-01-01' AND '2026-12-31')",
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert screen.table.cursor_row.hours_this_year == 0
        await press(pilot, "n", "s")  # everyone again, by total hours
        await settle(pilot)
        top = [screen.table._rows[i].hours_total for i in range(20)]
        assert top == sorted(top, reverse=True) and top[0] > 0
        assert "★" in shown(pilot)[0] or top[0] < 100


async def test_keys_sent_together_all_reach_the_search(demo_path: Path) -> None:
    """A line that delivers "zw" in one packet: the second key must follow the first into
    the search field, not run the table's binding for "w"... or "s" (sort)."""
    from textual import events

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        for character in "zs":  # "s" alone on the table would sort
            pilot.app.post_message(events.Key(character, character))
        await settle(pilot)
        assert screen.query_one("#list-search").value == "zs"
        assert screen.filter.sort == "name"


def filter_line(pilot) -> str:  # type: ignore[no-untyped-def]
    return plain(pilot.app.screen.query_one("#list-filter").content).strip()


async def choose(pilot, field: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Set a select of the open dialog by its value, as picking it with the keys would."""
    control(pilot, field).value = value
    await settle(pilot)


async def test_filter_dialog_team_by_initials_and_flags(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "f")
        assert isinstance(pilot.app.screen, RosterFilterScreen)
        await type_text(pilot, "lgzzjy")  # 李哥庄镇教育领域分队 by its initials
        await press(pilot, "enter")
        team = control(pilot, "team").choice
        assert team is not None and team.name == "李哥庄镇教育领域分队"
        await choose(pilot, "active", "yes")
        await choose(pilot, "served", "no")
        await choose(pilot, "period", "quarter")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        members = (
            "v.id IN (SELECT m.volunteer_id FROM team_membership m JOIN team t ON "
            "t.id = m.team_id WHERE t.name = '李哥庄镇教育领域分队' OR t.parent_id = "
            "(SELECT id FROM team WHERE name = '李哥庄镇教育领域分队'))"
        )
        expected = sql_count(
            demo_path,
            f"{members} AND v.active = 1 AND NOT EXISTS (SELECT 1 FROM service_record s "
            "JOIN activity a ON a.id = s.activity_id WHERE s.volunteer_id = v.id AND "
            "a.deleted_at IS NULL AND a.start_date BETWEEN '2026-10-01' AND '2026-12-31')",
        )
        assert expected and count_line(pilot) == f"共 {expected:,} 名志愿者"
        line = filter_line(pilot)
        assert "服务队：李哥庄镇教育领域分队" in line and "在服务" in line.split(" · ")
        assert "本季度未参加服务" in line
        await press(pilot, "n")  # the not-served key keeps the chosen period
        assert "未参加服务" not in filter_line(pilot)
        await press(pilot, "n")
        assert "本季度未参加服务" in filter_line(pilot)

        await press(pilot, "f", "ctrl+r")  # clear: everyone in the scope again
        assert count_line(pilot) == f"共 {sql_count(demo_path):,} 名志愿者"
        assert filter_line(pilot) == "胶州市 · 按姓名拼音"


async def test_custom_period_dates_are_checked_in_the_dialog(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "f")
        await choose(pilot, "served", "yes")
        await choose(pilot, "period", "custom")
        control(pilot, "from").value = "2026-13-01"
        control(pilot, "to").value = "2026/6/30"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, RosterFilterScreen)
        assert "2026-13-01" in error_of(pilot, "from") and not error_of(pilot, "to")
        control(pilot, "from").value = "2026-06-01"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        expected = sql_count(
            demo_path,
            "EXISTS (SELECT 1 FROM service_record s JOIN activity a ON a.id = s.activity_id "
            "WHERE s.volunteer_id = v.id AND a.deleted_at IS NULL "
            "AND a.start_date BETWEEN '2026-06-01' AND '2026-06-30')",
        )
        assert expected and count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert "2026-06-01 — 2026-06-30参加过服务" in filter_line(pilot)


@pytest.mark.parametrize(
    ("letter", "where", "words"),
    [
        ("p", "(v.platform_registered = 0 OR v.platform_id IS NULL)", "平台注册不全"),
        ("i", "v.active = 0 AND v.id IN (SELECT volunteer_id FROM team_membership)",
         "已停用仍在队"),
    ],
)  # fmt: skip
async def test_a_check_is_the_roster_filtered_with_its_count(
    demo_path: Path, letter: str, where: str, words: str
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "c")
        assert isinstance(pilot.app.screen, ChecksMenu)
        await press(pilot, letter)
        assert pilot.app.screen is screen
        expected = sql_count(demo_path, where)
        assert expected and count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert f"检查：{words}" in filter_line(pilot)
        await press(pilot, "escape")  # the roster as it was
        assert pilot.app.screen is screen and "检查" not in filter_line(pilot)
        assert count_line(pilot) == f"共 {sql_count(demo_path):,} 名志愿者"


async def test_c_and_a_letter_typed_together_run_the_check(demo_path: Path) -> None:
    from textual import events

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        for character in "cp":
            pilot.app.post_message(events.Key(character, character))
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.filter.check == "platform" and screen.filter.text == ""


async def test_small_teams_list_and_enter_opens_the_team(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "c", "t")
        listed = pilot.app.screen
        assert isinstance(listed, CheckListScreen)
        assert listed.rows == ()  # no team of 胶州市 has fewer than 20 active members
        assert "共 0 支服务队" in plain(listed.query_one("#check-count").content)
        await press(pilot, "plus")  # fewer than 25
        assert [(row.name, row.active) for row in listed.rows] == [
            ("铺集镇水上救援专业队", 22),
            ("铺集镇消防安全专业队", 24),
        ]
        assert "少于 25 人" in plain(listed.query_one("#check-title").content)
        first = listed.rows[0]
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert screen.filter.team_id == first.id and not screen.filter.check
        assert count_line(pilot) == f"共 {first.members:,} 名志愿者"
        assert f"服务队：{first.name}" in filter_line(pilot)


async def test_density_and_grid_officer_lists(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "c", "r")
        listed = pilot.app.screen
        towns = sql_count(demo_path)  # every volunteer of the county lives in one town
        assert sum(row.volunteers for row in listed.rows) == towns
        assert len(listed.rows) == 12 and plain(listed.query_one("#check-count").content)
        await press(pilot, "enter")  # only teams open a roster
        assert pilot.app.screen is listed
        await press(pilot, "escape", "c", "g")
        assert isinstance(pilot.app.screen, CheckListScreen) and pilot.app.screen.rows == ()
        assert "共 0 名网格员" in plain(pilot.app.screen.query_one("#check-count").content)
        await press(pilot, "escape")
        assert pilot.app.screen is screen


async def test_paging_reads_ahead_and_keeps_only_a_window(demo_path: Path) -> None:
    """The page below the visible lines is read before PgDn reaches it; far pages are let
    go; the count starts once the first page is painted."""
    from kxtui.widgets.paged_table import KEEP, PAGE

    counted_with: list[int] = []
    count = RosterScreen._count

    def traced(self: RosterScreen) -> None:
        counted_with.append(len(self.table._rows))
        count(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(RosterScreen, "_count", traced)
        async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
            table = (await open_roster(pilot)).table
            assert counted_with == [PAGE]  # the first page was there before the count
            height = table.size.height
            while table.scroll_offset.y + 2 * height <= PAGE:
                assert PAGE not in table._rows
                await press(pilot, "pagedown")
            assert table.scroll_offset.y + height <= PAGE  # not yet in view ...
            assert PAGE in table._rows  # ... but read
            for _ in range(40):
                await press(pilot, "pagedown")
            top = table.scroll_offset.y // PAGE
            assert top >= 5 and table._rows
            assert {i // PAGE for i in table._rows} <= set(range(top - KEEP, top + KEEP + 2))
            assert all(i in table._rows for i in range(table.cursor - height, table.cursor))
