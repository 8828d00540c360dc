"""Reports exported as officials hand them over (sheets/export_report.py): the title, who filled
it in, headers with units, the rows, the report's own 合计, the sheet 说明, cross tables, hostile
names written as text; the same table as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.officers import add_officer
from kxtui.db.report_rows import MEASURES, ClosedNote, Report, ReportQuery, ReportRow
from kxtui.db.reports import build
from kxtui.db.rows import OfficerInput
from kxtui.db.sheets.export_report import Filler, officer_filler, write_report
from kxtui.db.sheets.file_names import default_name
from kxtui.db.sheets.headers import REPORT_MEASURES, report_measure
from kxtui.domain import AccessRole

ZHANG = Filler("张三", "0532-87654321")
Q3 = (date(2026, 7, 1), date(2026, 9, 30))
HEADERS = (
    "区域",
    "活动场次(场)",
    "受众人次(人次)",
    "发放资料(份)",
    "参与志愿者(人)",
    "志愿服务人次(人次)",
    "志愿服务时长(小时)",
)
FILLED = (
    ("填报单位：胶州市科学技术协会", "填报人：张三", "联系电话：0532-87654321"),
    ("填报日期：2026年11月20日", "统计时段：2026年7月1日至2026年9月30日"),
)
HOSTILE = "=cmd|' /C calc'!A0"
CONTROL = "村\x1b]52;c;aGk=\x07\u202e名"


def county_id() -> int:
    return database.execute_sql("SELECT id FROM region WHERE name = '胶州市'").fetchone()[0]


def activities(**asked: object) -> Report:
    start, end = Q3
    return build(ReportQuery(region_id=county_id(), start=start, end=end)._replace(**asked))


def values(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_every_measure_has_a_header_with_its_unit() -> None:
    keys = {key for measures in MEASURES.values() for key in measures}
    assert keys <= set(REPORT_MEASURES)
    assert report_measure("activities", "volunteers").zh == "参与志愿者(人)"
    assert report_measure("volunteers", "volunteers").zh == "志愿者(人)"


def test_the_xlsx_holds_title_filler_headers_rows_and_the_reports_total(
    demo_db: Path, tmp_path: Path
) -> None:
    report = activities()
    result = write_report(report, tmp_path / "q3.xlsx", filler=ZHANG)
    assert (result.rows, result.format) == (len(report.rows), "xlsx")
    book = load_workbook(result.path)
    assert book.sheetnames == ["科普活动统计表", "说明"]
    sheet = book["科普活动统计表"]
    rows = values(sheet)
    assert rows[0][0] == "胶州市2026年第三季度科普活动统计表"
    assert rows[1][0] == "\u3000\u3000".join(FILLED[0])
    assert rows[2][0] == "\u3000\u3000".join(FILLED[1])
    assert tuple(rows[3]) == HEADERS
    body, total = rows[4:-1], rows[-1]
    assert [row[0] for row in body] == [row.name for row in report.rows]
    assert [row[0] for row in body][:2] == ["阜安街道", "中云街道"]
    for written, row in zip(body, report.rows, strict=True):
        assert written[1:] == [row.values[m] for m in report.columns]
    assert total == ["合计", *(report.total[m] for m in report.columns)]
    assert sheet["B5"].number_format == "#,##0" and sheet["G5"].number_format == "#,##0.0"
    assert sheet.print_title_rows == "$4:$4" and sheet.page_setup.fitToWidth == 1
    assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"


def test_the_total_counts_a_volunteer_once_not_the_sum_of_the_rows(
    demo_db: Path, tmp_path: Path
) -> None:
    report = activities(start=date(2026, 1, 1), end=date(2026, 12, 31), by="month")
    summed = sum(row.values["volunteers"] for row in report.rows)
    assert summed > report.total["volunteers"] > 0  # one who served in two months is one
    rows = values(load_workbook(write_report(report, tmp_path / "y.xlsx", filler=ZHANG).path)
                  .worksheets[0])  # fmt: skip
    assert rows[3][0] == "月份" and rows[4][0] == "2026年1月"
    assert rows[-1][HEADERS.index("参与志愿者(人)")] == report.total["volunteers"]


def test_the_notes_sheet_defines_each_figure_and_names_the_closing(
    demo_db: Path, tmp_path: Path
) -> None:
    closed_at = datetime(2026, 10, 8, 9, 30)
    report = activities()._replace(invalid=3, closed=ClosedNote("2026Q3", closed_at, "王丽"))
    book = load_workbook(write_report(report, tmp_path / "q3.xlsx", filler=ZHANG).path)
    lines = dict((row[0], row[1]) for row in values(book["说明"])[2:])
    assert list(lines)[:6] == list(HEADERS[1:])
    assert "按人去重" in lines["参与志愿者(人)"]
    assert "已删除的活动不计" in lines["活动场次(场)"]
    assert "不是各行相加" in lines["合计"]
    assert "本表共 3 个" in lines["无效数值"]
    assert lines["关账"].startswith("本期（2026Q3）已于 2026-10-08 09:30 由 王丽 关账")


def test_a_cross_table_has_the_groups_as_headers_and_names_its_measure(
    demo_db: Path, tmp_path: Path
) -> None:
    report = activities(by="format", across="theme_day", measure="volunteers")
    rows = values(load_workbook(write_report(report, tmp_path / "x.xlsx", filler=ZHANG).path)
                  .worksheets[0])  # fmt: skip
    assert rows[0][0] == "胶州市2026年第三季度科普活动统计表（参与志愿者(人)）"
    groups = [report.column_names[key] for key in report.columns]
    assert rows[3] == ["活动形式＼主题日", *groups] and groups[0] == "全国科普日"
    assert groups[-1] == "合计"
    assert rows[-1] == ["合计", *(report.total[key] for key in report.columns)]


def hostile_report() -> Report:
    """A volunteers report (not in this branch: its shape) with hostile names, a rate and a
    figure that does not apply."""
    columns = ("volunteers", "platform_rate", "service_hours", "stars.1")
    rows = (
        ReportRow("1", HOSTILE, {"volunteers": 1200, "platform_rate": Decimal("0.853"),
                                 "service_hours": Decimal("12.25"), "stars.1": 3}),
        ReportRow("2", CONTROL, {"volunteers": 0, "platform_rate": None,
                                 "service_hours": Decimal(0), "stars.1": 0}),
    )  # fmt: skip
    total = {"volunteers": 1200, "platform_rate": Decimal("0.853"),
             "service_hours": Decimal("12.25"), "stars.1": 3}  # fmt: skip
    query = ReportQuery("volunteers", None, *Q3, by="village")
    return Report(query, "胶州市", None, None, columns, {}, rows, total)


def test_hostile_names_rates_and_missing_figures_are_written_safely(
    demo_db: Path, tmp_path: Path
) -> None:
    result = write_report(hostile_report(), tmp_path / "v.xlsx", filler=ZHANG)
    assert result.replaced == 1
    book = load_workbook(result.path)
    assert book.sheetnames == ["科技志愿者统计表", "说明", "修改说明"]
    sheet = book.worksheets[0]
    rows = values(sheet)
    assert rows[3] == ["村(社区)", "志愿者(人)", "平台注册率(%)", "志愿服务时长(小时)",
                       "一星志愿者(人)"]  # fmt: skip
    assert sheet["A5"].value == HOSTILE and sheet["A5"].data_type == "s"
    assert sheet["A5"].quotePrefix
    assert sheet["A6"].value == "村␛]52;c;aGk=␇⟨U+202E⟩名"
    assert sheet["B5"].number_format == "#,##0" and sheet["B5"].value == 1200
    assert sheet["C5"].number_format == "0.0%" and sheet["C6"].value == "-"
    assert sheet["D5"].number_format == "#,##0.0"
    assert "一星（累计服务 100 小时起）" in dict(values(book["说明"])[2:])["一星志愿者(人)"]


def test_the_csv_is_the_same_table_with_bom(demo_db: Path, tmp_path: Path) -> None:
    report = activities()
    path = Path(write_report(report, tmp_path / "q3.csv", filler=ZHANG).path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0] == ["胶州市2026年第三季度科普活动统计表"]
    assert rows[1:3] == [list(line) for line in FILLED]
    assert tuple(rows[3]) == HEADERS
    first = report.rows[0].values
    assert rows[4] == ["阜安街道", *(str(first[m]) for m in report.columns[:5]),
                       f"{first['service_hours']:.1f}"]  # fmt: skip
    assert rows[-1][:2] == ["合计", str(report.total["activities"])]
    hostile = Path(write_report(hostile_report(), tmp_path / "v.csv", filler=ZHANG).path)
    lines = list(csv.reader(io.StringIO(hostile.read_text(encoding="utf-8-sig"), newline="")))
    assert lines[4] == ["'" + HOSTILE, "1200", "85.3", "12.2", "3"]
    assert lines[5][:3] == ["村␛]52;c;aGk=␇⟨U+202E⟩名", "0", "-"]


def test_the_filler_is_the_signed_in_officer_with_their_phone(demo_db: Path) -> None:
    officer = add_officer(OfficerInput("wangli", "王丽", AccessRole.VIEWER.value,
                                       phone="13812345678"))  # fmt: skip
    scope.sign_in(scope.Session("wangli", "王丽", AccessRole.VIEWER, officer))
    assert officer_filler() == Filler("王丽", "13812345678")


def test_the_file_is_named_after_region_report_and_period(demo_db: Path, tmp_path: Path) -> None:
    name = default_name(activities())
    assert name.file == "胶州市-科普活动统计表-2026Q3"
    assert name.title == "胶州市2026年第三季度科普活动统计表"
    write_report(activities(), tmp_path / f"{name.file}.xlsx", filler=ZHANG)
    entity, summary = database.execute_sql(
        "SELECT entity, summary FROM audit_entry WHERE action = 'export' ORDER BY id DESC"
    ).fetchone()
    assert (entity, summary) == ("report", f"{name.file}.xlsx")


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_an_existing_file_is_kept_unless_told(demo_db: Path, tmp_path: Path, suffix) -> None:
    from kxtui.db.errors import KxError

    target = tmp_path / f"r.{suffix}"
    target.write_text("mine")
    with pytest.raises(KxError):
        write_report(activities(), target, filler=ZHANG)
    assert target.read_text() == "mine"
    write_report(activities(), target, filler=ZHANG, overwrite=True)
    assert target.read_bytes() != b"mine"
