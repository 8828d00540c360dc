"""The import report at 80×24 and 120×36: every bad row with its column and reason.

The file is given by a relative name (the test works in its temporary directory), so the
screen shows the same text on every machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.screens.import_activities import ImportScreen
from tests.app.helpers import (
    make_app,
    new_rows_from_demo_export,
    press,
    settle,
    type_text,
    wait_until,
    write_csv,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def write_bad_rows(demo_path: Path, target: Path) -> None:
    """Seven new rows of the demo's export: five broken in different ways, one odd."""
    rows = new_rows_from_demo_export(demo_path, target.parent, 7)
    header = rows[0]

    def put(row: int, column: str, value: str) -> None:
        rows[row - 1][header.index(column)] = value

    put(2, "活动名称", "")
    put(3, "开始日期", "明天吧")
    put(4, "区域", "不存在镇/某村")
    put(5, "志愿者", "张旭:2")
    put(6, "形式", "跳舞")
    put(7, "受众人次", "300000")
    write_csv(rows, target)


@pytest.mark.parametrize("size", SIZES)
def test_import_report_with_bad_rows(
    snap_compare, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    write_bad_rows(demo_path, tmp_path / "bad-rows.csv")
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ImportScreen(None))
        await settle(pilot)
        screen = pilot.app.screen
        await type_text(pilot, "bad-rows.csv")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: getattr(screen, "report", None) is not None)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


def write_volunteer_rows(target: Path) -> None:
    """A county roster: three good rows (the preview), two bad ones, columns under other
    names (联系电话, 所属村居 …) and one the import ignores (政治面貌)."""
    rows = [
        ["序号", "姓名", "性别", "联系电话", "所属镇街", "所属村居", "所属队伍", "服务领域",
         "是否学生", "政治面貌"],
        ["1", "王小明", "男", "139 0532 1234", "胶莱镇", "郭庄村", "胶州市科技志愿服务总队",
         "农业", "否", "群众"],
        ["2", "李芳", "女", "13905321235", "胶莱镇", "郭庄村", "", "健康、教育", "是", "团员"],
        ["3", "赵强", "男", "13905321236", "胶莱镇", "郭庄村", "", "", "否", "党员"],
        ["4", "钱进", "男", "123", "胶莱镇", "不存在村", "", "跳舞", "否", ""],
        ["5", "", "", "13905321238", "胶莱镇", "郭庄村", "不存在队", "", "也许", ""],
    ]  # fmt: skip
    write_csv(rows, target)


@pytest.mark.parametrize("size", SIZES)
def test_volunteer_import_preview_and_report(
    snap_compare, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    from kxtui.screens.import_volunteers import VolunteerImportScreen

    write_volunteer_rows(tmp_path / "花名册.csv")
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(VolunteerImportScreen(None))
        await settle(pilot)
        screen = pilot.app.screen
        await type_text(pilot, "花名册.csv")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: getattr(screen, "report", None) is not None)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog_names_the_file_and_shows_the_folder(
    snap_compare, demo_path: Path, size
) -> None:
    """胶莱镇's ledger this quarter: the file named after both, in the export folder shown."""
    from kxtui.screens.export_dialog import ExportScreen
    from kxtui.screens.ledger import LedgerScreen
    from tests.app.helpers import jump, open_list

    async def run_before(pilot: Pilot) -> None:
        await jump(pilot, "胶莱镇")
        await open_list(pilot, "t", LedgerScreen)
        await press(pilot, "p", "p", "x")  # this year, last year, this quarter; export
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))

    app = make_app(demo_path, export_dir="/home/officer/文档/kxtui")  # shown, never written
    assert snap_compare(app, terminal_size=size, run_before=run_before)
