"""`kxtui report NAME` as an officer runs it: JSON checked against the report itself, a table on
the terminal, XLSX and CSV files, bad options refused in one line, and a town officer kept
to their town."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.cli import main
from kxtui.cli.reports import report_json
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.report_rows import ClosedNote, Report, ReportQuery, ReportRow
from kxtui.db.reports import build
from tests.test_cli import run

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def expected(path: Path, query: ReportQuery) -> dict[str, object]:
    """What the JSON must say, read from the report function itself."""
    open_database(path)
    try:
        report = build(query)
    finally:
        close_database()

    def number(value: object) -> object:
        return float(value) if isinstance(value, Decimal) else value

    return {
        "rows": [
            {"key": row.name, **{m: number(row.values[m]) for m in report.columns}}
            for row in report.rows
        ],
        "total": {m: number(report.total[m]) for m in report.columns},
    }


def test_json_on_stdout_is_the_report(demo_file: Path) -> None:
    result = run("report", "activities", "--format", "json", "--period", "2026",
                 "--db", str(demo_file))  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert {k: printed[k] for k in ("report", "region", "from", "to", "by")} == {
        "report": "activities", "region": "", "from": "2026-01-01", "to": "2026-12-31",
        "by": "town",
    }  # fmt: skip
    assert [row["key"] for row in printed["rows"]] == ["胶州市", "荆州区"]
    assert {k: printed[k] for k in ("rows", "total")} == expected(
        demo_file, ReportQuery(start=YEAR[0], end=YEAR[1])
    )
    assert printed["total"]["activities"] > 100 and "closed" not in printed


def test_the_default_period_is_this_year_and_a_cross_table_names_its_groups(
    demo_path: Path, capsys
) -> None:
    code = main(["report", "activities", "--region", "胶州市", "--by", "format",
                 "--across", "theme_day", "--measure", "volunteers", "--format", "json",
                 "--db", str(demo_path)])  # fmt: skip
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert (printed["from"], printed["to"]) == ("2026-01-01", "2026-12-31")  # the frozen clock's
    assert (printed["region"], printed["across"], printed["measure"]) == (
        "胶州市", "theme_day", "volunteers")  # fmt: skip
    assert printed["rows"][0]["key"] == "集中授课"
    assert {"全国科普日", "合计"} <= set(printed["total"])


def test_dotted_measures_nest_and_a_closing_is_said() -> None:
    query = ReportQuery("venues", None, None, None, "venue_type")
    values = {"rate": Decimal("0.5"), "missing.site": 2, "missing.rules": None}
    report = Report(query, "胶州市", 1, None, tuple(values), {},
                    (ReportRow("x", "农家书屋", values),), values,
                    closed=ClosedNote("2026Q3", datetime(2026, 10, 8, 9, 30), "王丽"))  # fmt: skip
    printed = report_json(report)
    assert printed["rows"] == [{"key": "农家书屋", "rate": 0.5,
                                "missing": {"site": 2, "rules": None}}]  # fmt: skip
    assert printed["closed"] == {"name": "2026Q3", "closed_at": "2026-10-08T09:30:00",
                                 "closed_by": "王丽"}  # fmt: skip
    assert json.loads(json.dumps(printed)) == printed


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (["--by", "nope"], "不能按“nope”分组（--by）；可选：town, village"),
        (["--across", "town"], "--across 不能与行的分组（town）相同"),
        (["--measure", "volunteers"], "--measure 只用于交叉表"),
        (["--by", "theme_day", "--across", "town", "--measure", "stars.1"], "没有指标“stars.1”"),
        (["--period", "2026Q5"], "看不懂的时段“2026Q5”"),
        (["--period", "2026", "--from", "2026-01-01"], "--period 与 --from / --to 只能用一种"),
        (["--from", "2026-13-01"], "看不懂的日期“2026-13-01”"),
        (["--from", "2026-09-30", "--to", "2026-09-01"], "晚于结束日期"),
        (["--region", "没有这个镇"], "没有名为“没有这个镇”的区域"),
        (["-o", "report.pdf"], "请用 --format xlsx 或 csv"),
    ],
)
def test_bad_options_are_refused_in_one_line(demo_path: Path, capsys, options, said) -> None:
    assert main(["report", "activities", *options, "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert said in err and err.count("\n") == 1


def test_a_fixed_table_takes_no_grouping(demo_path: Path, capsys) -> None:
    assert main(["report", "annual", "--by", "town", "--db", str(demo_path)]) == 2
    assert "报表 annual 是固定表样，不能分组（--by）" in capsys.readouterr().err


def test_a_name_several_regions_share_is_refused_with_their_paths(demo_path: Path, capsys) -> None:
    with sqlite3.connect(demo_path) as connection:
        (name,) = connection.execute(
            "SELECT name FROM region GROUP BY name HAVING COUNT(*) > 1 ORDER BY name LIMIT 1"
        ).fetchone()
    assert main(["report", "activities", "--region", name, "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert "对应多个区域" in err and err.count(f"/{name}") >= 2


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_output_writes_the_file(demo_path: Path, tmp_path: Path, capsys, suffix) -> None:
    target = tmp_path / f"q3.{suffix}"
    assert main(["report", "activities", "--region", "胶州市", "--period", "2026Q3",
                 "-o", str(target), "--db", str(demo_path)]) == 0  # fmt: skip
    assert f"已导出报表：{target}" in capsys.readouterr().out
    if suffix == "xlsx":
        rows = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))
        title, header, total = rows[0][0], rows[3], rows[-1]
    else:
        rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline="")))
        title, header, total = rows[0][0], rows[3], rows[-1]
    assert title == "胶州市2026年第三季度科普活动统计表"
    assert header[:2] == ("区域", "活动场次(场)") or header[:2] == ["区域", "活动场次(场)"]
    assert total[0] == "合计" and header[-1] == "志愿服务时长(小时)"
    again = main(["report", "activities", "-o", str(target), "--db", str(demo_path)])
    assert again == 2 and "--force" in capsys.readouterr().err


def test_without_output_a_table_is_printed(demo_path: Path, capsys) -> None:
    code = main(["report", "activities", "--period", "2026Q3", "--db", str(demo_path)])
    assert code == 0
    out = capsys.readouterr().out
    assert "全部区域2026年第三季度科普活动统计表" in out
    assert "胶州市" in out and "合计" in out


def test_a_town_officers_report_is_their_town(demo_path: Path, tmp_path: Path) -> None:
    database = str(demo_path)
    added = run("officer", "add", "fuan", "--name", "阜安王", "--role", "town_staff",
                "--region", "阜安街道", "--phone", "0532-87654321", "--db", database)  # fmt: skip
    assert added.returncode == 0, added.stderr
    result = run("--as", "fuan", "report", "activities", "--format", "json", "--period", "2026",
                 "--db", database)  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["region"] == "阜安街道"
    assert all(not row["key"].startswith("胶州市") for row in printed["rows"])
    outside = run("--as", "fuan", "report", "activities", "--region", "胶莱镇", "--db", database)
    assert outside.returncode == 2 and "没有名为“胶莱镇”的区域" in outside.stderr
    target = tmp_path / "fuan.xlsx"
    written = run("--as", "fuan", "report", "activities", "-o", str(target), "--db", database)
    assert written.returncode == 0, written.stderr
    line = list(load_workbook(target).worksheets[0].iter_rows(values_only=True))[1][0]
    assert "填报人：阜安王" in line and "联系电话：0532-87654321" in line
