"""Importing and exporting volunteers from the roster, driven with keys as an officer would."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioSet, Static

from kxtui.screens.export_volunteers import VolunteerExportScreen
from kxtui.screens.import_volunteers import VolunteerImportScreen
from kxtui.screens.roster import RosterScreen
from tests.app.helpers import (
    make_app,
    open_list,
    plain,
    press,
    settle,
    type_text,
    wait_until,
)

HEADERS = ["姓名", "联系电话", "所属镇街", "所属村居", "所属队伍", "是否学生"]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADERS, *rows])
    return path


def count(db: Path, where: str = "1") -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM volunteer WHERE {where}").fetchone()[0]


def summary(screen: VolunteerImportScreen) -> str:
    return plain(screen.query_one("#import-summary", Static).content)


def cells(table: DataTable) -> list[list[str]]:
    return [[plain(c).strip() for c in table.get_row_at(i)] for i in range(table.row_count)]


async def open_import(pilot: Pilot, path: Path) -> VolunteerImportScreen:
    await open_list(pilot, "m", RosterScreen)
    await press(pilot, "i")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerImportScreen))
    screen = pilot.app.screen
    await type_text(pilot, str(path))
    await press(pilot, "enter")
    await wait_until(pilot, lambda: screen.report is not None and not screen.busy)
    return screen


async def test_bad_rows_are_listed_and_nothing_is_imported(demo_path: Path, tmp_path: Path):
    path = write_rows(tmp_path / "bad.csv", [
        ["王小明", "139 0532 1234", "胶莱镇", "郭庄村", "", "否"],
        ["李芳", "123", "胶莱镇", "不存在村", "", "也许"],
    ])  # fmt: skip
    before = count(demo_path)
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, path)
        assert "共 2 行，有效 1（新增 1，已登记 0：跳过），有错误 1" in summary(screen)
        assert "联系电话→手机号" in summary(screen) and "所属村居→区域" in summary(screen)
        preview = cells(screen.query_one("#import-preview", DataTable))
        assert preview[0][:2] == ["王小明", "139 0532 1234"]
        problems = cells(screen.query_one("#import-problems", DataTable))
        assert [(row, column) for row, column, _ in problems] == [
            ("3", "区域"),
            ("3", "是否学生"),
            ("3", "手机号"),
        ]
        await press(pilot, "a")
        assert "未导入任何内容" in summary(screen)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, RosterScreen)
    assert count(demo_path) == before


async def test_import_then_update_the_same_people(demo_path: Path, tmp_path: Path) -> None:
    rows = [["王小明", "13905321234", "胶莱镇", "郭庄村", "胶州市科技志愿服务总队", "否"]]
    path = write_rows(tmp_path / "new.csv", rows)
    before = count(demo_path)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot, path)
        roster = pilot.app.screen_stack[-2]
        shown = roster.table.total
        await press(pilot, "a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        await wait_until(pilot, lambda: roster.table.total == shown + 1)  # reloaded
        assert f"{shown + 1:,}" in plain(roster.query_one("#list-count").content)
        rows[0][5] = "是"
        write_rows(path, rows)
        screen = await open_import(pilot, path)
        assert "已登记 1：跳过" in summary(screen)
        radios = screen.query_one(RadioSet)
        radios.focus()
        await press(pilot, "right", "enter")  # 更新: the same rows are checked again
        await wait_until(pilot, lambda: screen.report.on_duplicate == "update" and not screen.busy)
        assert "已登记 1：更新" in summary(screen)
        await press(pilot, "a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
    assert count(demo_path) == before + 1
    assert count(demo_path, "mobile = '13905321234' AND is_student = 1") == 1


async def test_export_writes_the_filtered_roster(demo_path: Path, tmp_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        roster = await open_list(pilot, "m", RosterScreen)
        await press(pilot, "g")  # registered only
        await settle(pilot)
        expected = roster.table.total
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerExportScreen))
        screen = pilot.app.screen
        field = screen.query_one("#export-path", Input)
        assert field.value.endswith("志愿者花名册-2026-11-20.xlsx")
        field.value = str(tmp_path / "注册.xlsx")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: screen.written is not None)
    _, header, *rows = load_workbook(tmp_path / "注册.xlsx").active.values
    assert len(rows) == expected
    registered = header.index("是否注册")
    assert {row[registered] for row in rows} == {"是"}


async def test_the_palette_offers_the_import(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "志愿者: 导入" in titles


async def test_the_preview_shows_only_rows_inside_the_officers_area(demo_path, tmp_path) -> None:
    """A town officer checking a county-wide file sees in the preview only the people of
    their own town; the others are row errors, never shown."""
    from kxtui.db.engine import scope
    from kxtui.domain import AccessRole

    with sqlite3.connect(demo_path) as connection:
        query = "SELECT path FROM region WHERE name IN ('胶莱镇', '阜安街道') ORDER BY name = ?"
        town, other = connection.execute(query, ("阜安街道",)).fetchall()
        village = connection.execute(
            "SELECT name FROM region WHERE path LIKE ? AND kind = 'village' LIMIT 1",
            (other[0] + "%",),
        ).fetchone()[0]
    scope.sign_in(scope.Session(user="jiaolai", name="胶莱专干", role=AccessRole.TOWN_STAFF,
                                edit_path=town[0], view_path=town[0]))  # fmt: skip
    path = write_rows(tmp_path / "county.csv", [
        ["外镇人", "13905326666", "阜安街道", village, "", "否"],
        ["镇里人", "13905327777", "胶莱镇", "郭庄村", "", "否"],
    ])  # fmt: skip
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_import(pilot, path)
        preview = cells(screen.query_one("#import-preview", DataTable))
        assert [row[0] for row in preview] == ["镇里人"]
        assert "外镇人" not in plain(screen.query_one("#import-preview", DataTable).render())
