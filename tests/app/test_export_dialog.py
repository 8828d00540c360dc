"""The export dialog as an officer meets it: the file named after the region and the period,
in the export folder the dialog shows; a file already there kept on 不覆盖, back in the dialog
with the name ready to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.widgets import Input, ProgressBar

from kxtui.screens.audit import AuditScreen
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.export_dialog import ExportScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.roster import RosterScreen
from tests.app.helpers import jump, make_app, open_list, plain, press, type_text, wait_until

LEDGER_Q4 = "胶莱镇-活动台账-2026Q4.xlsx"  # the frozen clock's quarter


async def open_dialog(pilot, key: str, screen: type, *keys: str) -> ExportScreen:
    """From 胶莱镇 on the tree: `key` opens `screen`, `keys` there, x the export dialog."""
    await jump(pilot, "胶莱镇")
    await open_list(pilot, key, screen)
    await press(pilot, *keys, "x")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
    return pilot.app.screen


def shown(dialog: ExportScreen, selector: str) -> str:
    return plain(dialog.query_one(selector).content).replace("\n", "")


def exported(dialog: ExportScreen) -> bool:
    return not dialog.busy and "已导出" in shown(dialog, "#export-status")


@pytest.mark.parametrize(
    ("key", "screen", "keys", "name", "title"),
    [
        ("t", LedgerScreen, ("p", "p"), LEDGER_Q4, "胶莱镇 活动台账 2026年第四季度"),  # 本季度
        ("m", RosterScreen, (), "胶莱镇-志愿者花名册-2026-11-20.xlsx",
         "胶莱镇 志愿者花名册 2026年11月20日"),
        ("h", AuditScreen, (), "胶莱镇-审计日志-2026-11.xlsx", "胶莱镇 审计日志 2026年11月"),
    ],
)  # fmt: skip
async def test_the_dialog_names_the_file_after_region_and_period_in_the_export_folder(
    demo_path: Path, tmp_path: Path, key: str, screen: type, keys: tuple[str, ...], name: str,
    title: str,
) -> None:  # fmt: skip
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, key, screen, *keys)
        assert dialog.query_one("#export-path", Input).value == name
        assert shown(dialog, "#export-folder") == str(folder)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: exported(dialog))
    assert load_workbook(folder / name).worksheets[0]["A1"].value == title


async def test_keeping_the_file_returns_to_the_dialog_to_change_the_name(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    folder.mkdir()
    (folder / LEDGER_Q4).write_bytes(b"precious")
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot, "t", LedgerScreen, "p", "p")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "n")  # 不覆盖
        assert pilot.app.screen is dialog and not dialog.busy
        assert not dialog.query_one(ProgressBar).has_class("-running")  # no spinning bar
        assert "未覆盖" in shown(dialog, "#export-status")
        field = dialog.query_one("#export-path", Input)
        assert field.has_focus and field.cursor_position == len(LEDGER_Q4) - len(".xlsx")
        await type_text(pilot, "-2")
        assert field.value == "胶莱镇-活动台账-2026Q4-2.xlsx"
        await press(pilot, "enter")
        await wait_until(pilot, lambda: exported(dialog))
    assert (folder / LEDGER_Q4).read_bytes() == b"precious"
    sheet = load_workbook(folder / "胶莱镇-活动台账-2026Q4-2.xlsx").worksheets[0]
    assert sheet.max_row == 2 + dialog.count + 1  # title, header, the quarter's rows, totals
