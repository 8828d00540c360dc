"""The export and import screens, driven with keys as an officer would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static

from kxtui.db.rows import LedgerFilter
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.export_activities import ActivityExportScreen
from kxtui.screens.import_activities import ImportScreen
from tests.app.helpers import (
    make_app,
    new_rows_from_demo_export,
    plain,
    press,
    settle,
    type_text,
    wait_until,
    write_csv,
)


def live(db: Path) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(
            "SELECT COUNT(*) FROM activity WHERE deleted_at IS NULL"
        ).fetchone()[0]
    finally:
        connection.close()


def bad_rows_file(demo_path: Path, target: Path) -> Path:
    """Six new rows (no 编号) from the demo's export; rows 3 and 5 are broken."""
    rows = new_rows_from_demo_export(demo_path, target.parent, 6)
    rows[2][1] = ""  # 活动名称
    rows[4][13] = "跳舞"  # 形式
    return write_csv(rows, target)


async def open_export(pilot: Pilot, results: list[object]) -> ActivityExportScreen:
    await settle(pilot)
    pilot.app.push_screen(ActivityExportScreen(LedgerFilter(), 669), results.append)
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActivityExportScreen)
    return pilot.app.screen


def status(screen: ActivityExportScreen) -> str:
    return plain(screen.query_one("#export-status", Static).content)


async def test_export_writes_the_file_and_says_where(demo_path: Path, tmp_path: Path) -> None:
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, results)
        field = screen.query_one("#export-path", Input)
        assert field.value == "全部区域-活动台账-全部.xlsx"  # every region, every date
        field.value = str(tmp_path / "台账.xlsx")
        await press(pilot, "shift+tab", "right", "enter")  # the format: CSV
        assert field.value == str(tmp_path / "台账.csv")
        await press(pilot, "tab", "enter")
        await wait_until(pilot, lambda: not screen.busy and status(screen))
        assert f"已导出 669 条活动到 {tmp_path / '台账.csv'}" in status(screen).replace("\n", "")
        await press(pilot, "escape")
    assert results == [str(tmp_path / "台账.csv")]
    rows = (tmp_path / "台账.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("编号,活动名称") and len(rows) >= 670


async def test_export_asks_before_replacing_a_file(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "old.xlsx"
    target.write_bytes(b"precious")
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, results)
        screen.query_one("#export-path", Input).value = str(target)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "n")
        assert target.read_bytes() == b"precious"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "y")
        await wait_until(pilot, lambda: not screen.busy and "已导出" in status(screen))
    book = load_workbook(target)
    assert book.worksheets[0]["A2"].value == "编号"  # below the title row


async def open_import(pilot: Pilot, results: list[object], path: str) -> ImportScreen:
    await settle(pilot)
    pilot.app.push_screen(ImportScreen(None), results.append)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    await type_text(pilot, path)
    await press(pilot, "enter")
    await wait_until(pilot, lambda: not screen.busy and screen.report is not None)
    return screen


def table_rows(screen: ImportScreen) -> list[tuple[str, str, str]]:
    table = screen.query_one(DataTable)
    return [
        tuple(plain(cell).strip() for cell in table.get_row_at(i))  # type: ignore[misc]
        for i in range(table.row_count)
    ]


async def test_import_shows_bad_rows_refuses_all_and_imports_valid_ones(
    demo_path: Path, tmp_path: Path
) -> None:
    path = bad_rows_file(demo_path, tmp_path / "bad.csv")
    before = live(demo_path)
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot, results, str(path))
        assert screen.report is not None and screen.report.bad_rows == (3, 5)
        rows = table_rows(screen)
        assert [(row[0], row[1]) for row in rows] == [("3", "活动名称"), ("5", "形式")]
        assert rows[0][2] == "必填" and "集中授课" in rows[1][2]
        assert screen.query_one(DataTable).has_focus
        await press(pilot, "a")
        summary = plain(screen.query_one("#import-summary", Static).content)
        assert "有 2 行有错误，不能全部导入" in summary
        assert live(demo_path) == before
        await press(pilot, "v")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ImportScreen))
    assert results == [4]
    assert live(demo_path) == before + 4


async def test_import_of_an_unusable_file_says_why(demo_path: Path, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("hello")
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ImportScreen(None), results.append)
        await settle(pilot)
        screen = pilot.app.screen
        await type_text(pilot, str(fake))
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy)  # type: ignore[attr-defined]
        summary = plain(screen.query_one("#import-summary", Static).content)
        assert "fake.xlsx 不是有效的 .xlsx 文件" in summary.replace("\n", "")
        await press(pilot, "tab", "a", "v")  # nothing was checked: nothing to import
        assert isinstance(pilot.app.screen, ImportScreen)
        await press(pilot, "escape")
    assert results == [None]
