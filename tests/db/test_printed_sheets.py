"""Every XLSX kxtui writes prints as officers hand it over — a title row naming the region and
the period, A4 landscape fitted to the page width, the header row on every page, borders on
the table, frozen header — and still reads back into kxtui."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from kxtui.db.engine.models import database
from kxtui.db.rows import AuditFilter, LedgerFilter, RosterFilter
from kxtui.db.sheets.export_activities import export_activities, regions_named
from kxtui.db.sheets.export_audit import export_audit
from kxtui.db.sheets.export_volunteers import export_volunteers
from kxtui.db.sheets.import_activities import check_sheet
from kxtui.db.sheets.import_volunteers import check_file
from kxtui.i18n import words

Q3 = {"start": date(2026, 7, 1), "end": date(2026, 9, 30)}


def town() -> int:
    (found, _), *_ = regions_named("胶莱镇")
    return found


def assert_prints(sheet, title: str, header: str, header_row: int = 2) -> None:
    """The page setup, title, header and borders of one sheet."""
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # A4
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet["A1"].value == title and sheet["A1"].font.b
    assert f"A1:{sheet.cell(header_row, sheet.max_column).column_letter}1" in {
        str(merged) for merged in sheet.merged_cells.ranges
    }
    assert sheet.cell(header_row, 1).value == header and sheet.cell(header_row, 1).font.b
    for row in (header_row, header_row + 1, sheet.max_row):
        for column in (1, sheet.max_column):
            border = sheet.cell(row, column).border
            sides = (border.left, border.right, border.top, border.bottom)
            assert all(side.style == "thin" for side in sides), (row, column)
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[header_row]]
    assert all(4 <= width <= 60 for width in widths)
    assert "&P" in sheet.oddFooter.center.text  # page numbers


def test_the_ledger_prints_with_its_title_and_reads_back(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "q3.xlsx"
    assert export_activities(LedgerFilter(region_id=town(), **Q3), path).rows == 8
    book = load_workbook(path)
    assert_prints(book["活动台账"], "胶莱镇 活动台账 2026年第三季度", "编号")
    assert_prints(book["志愿服务"], "胶莱镇 志愿服务 2026年第三季度", "活动编号")
    report = check_sheet(path)  # the title row is not taken for the header
    assert (report.rows, report.bad, report.present) == (8, 0, 8)


def test_the_roster_prints_with_its_title_and_reads_back(demo_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    result = export_volunteers(RosterFilter(region_id=town()), path)
    assert_prints(load_workbook(path).active, "胶莱镇 志愿者花名册 2026年11月20日", "编号")
    report = check_file(path)
    assert (report.rows, report.bad, report.matched) == (result.rows, 0, result.rows)


def test_the_audit_log_and_the_notes_sheet_print(demo_db: Path, tmp_path: Path) -> None:
    database.execute_sql(
        "UPDATE activity SET notes = ? WHERE id = (SELECT MIN(id) FROM activity)",
        ("\x1b[31m" + "长" * 40_000,),
    )  # cells the export must change: it lists them on a sheet 说明
    export_activities(LedgerFilter(), tmp_path / "all.xlsx")  # audited
    notes = load_workbook(tmp_path / "all.xlsx")["说明"]
    assert_prints(notes, "导出时修改了以下单元格", "工作表", header_row=4)
    assert notes.row_dimensions[2].height > 15  # the explanation is a merged cell: as high as it
    path = tmp_path / "audit.xlsx"
    export_audit(
        AuditFilter(start=date(2026, 11, 1), end=date(2026, 11, 30)), path, words=words("zh")
    )
    assert_prints(load_workbook(path).active, "全部区域 审计日志 2026年11月", "序号")
