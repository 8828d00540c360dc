"""The report's export dialog (`ReportExportScreen(report)`, opened by the reports screen): the
file named after the region, the report and the period, written as XLSX or CSV with a progress
bar by a worker."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input

from kxtui.db import call
from kxtui.db.engine.models import database
from kxtui.db.report_rows import ReportQuery
from kxtui.db.reports import build
from kxtui.screens.export_report import ReportExportScreen
from tests.app.helpers import make_app, plain, press, wait_until

NAME = "胶州市-科普活动统计表-2026Q3"
TITLE = "胶州市2026年第三季度科普活动统计表"


def q3_report():  # type: ignore[no-untyped-def]
    def made():  # type: ignore[no-untyped-def]
        county = database.execute_sql("SELECT id FROM region WHERE name = '胶州市'").fetchone()[0]
        return build(ReportQuery(region_id=county, start=date(2026, 7, 1), end=date(2026, 9, 30)))

    return call(made)


def written(dialog: ReportExportScreen) -> bool:
    return not dialog.busy and "已导出统计报表" in plain(dialog.query_one("#export-status").content)


async def test_the_dialog_writes_the_report_as_xlsx_then_csv(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        report = q3_report()
        dialog = ReportExportScreen(report)
        await pilot.app.push_screen(dialog)
        field = dialog.query_one("#export-path", Input)
        await wait_until(pilot, lambda: field.value == f"{NAME}.xlsx")
        assert "导出统计报表（12 行）" in plain(dialog.query_one("#export-title").content)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: written(dialog))
        await press(pilot, "shift+tab", "right", "enter")  # the format: CSV
        await wait_until(pilot, lambda: field.value == f"{NAME}.csv")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: written(dialog) and (folder / f"{NAME}.csv").exists())
    sheet = load_workbook(folder / f"{NAME}.xlsx").worksheets[0]
    assert sheet["A1"].value == TITLE and sheet["A2"].value.startswith(
        "填报单位：胶州市科学技术协会"
    )
    rows = list(csv.reader(io.StringIO((folder / f"{NAME}.csv").read_text("utf-8-sig"))))
    assert rows[0] == [TITLE] and rows[-1][0] == "合计" and len(rows) == 4 + len(report.rows) + 1
