"""`kxtui import history-hours`, `kxtui template`, `kxtui statement` and `kxtui config
star-hours` as an officer runs them."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import openpyxl

from kxtui.cli import main

HEADER = ["姓名", "手机号", "活动(项目)名称", "组织单位", "开始日期", "结束日期", "服务时长(小时)",
          "来源"]  # fmt: skip


def someone(db: Path) -> tuple[int, str, str]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT id, name, mobile FROM volunteer WHERE mobile IS NOT NULL ORDER BY id LIMIT 1"
        ).fetchone()


def history_rows(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT COUNT(*) FROM historical_hours").fetchone()[0]


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def test_import_refuses_a_file_with_a_bad_row_then_imports_it_fixed(
    demo_path: Path, tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    volunteer, name, mobile = someone(demo_path)
    good = [name, mobile, "2019年科普日", "科协", "2019-09-15", "", "8", "纸质台账"]
    bad = [name + "乙", mobile, "别人", "", "2019-09-15", "", "8", ""]
    path = write(tmp_path / "h.csv", [good, bad])
    db = ["--db", str(demo_path)]
    assert main(["import", "history-hours", str(path), *db]) == 1
    out = capsys.readouterr().out
    assert "第 3 行：姓名：姓名与该手机号登记的志愿者不一致" in out
    assert history_rows(demo_path) == 0
    assert main(["import", "history-hours", str(write(path, [good])), "--dry-run", *db]) == 0
    assert history_rows(demo_path) == 0
    assert main(["import", "history-hours", str(path), *db]) == 0
    assert "已导入 1 条历史时数" in capsys.readouterr().out
    assert history_rows(demo_path) == 1
    out_file = tmp_path / "s.xlsx"
    assert main(["statement", str(volunteer), "--period", "2019", "-o", str(out_file), *db]) == 0
    rows = list(openpyxl.load_workbook(out_file).active.iter_rows(values_only=True))
    assert any("2019年科普日" in row and "历史" in row for row in rows)
    assert main(["statement", "--period", "2019", *db]) == 2  # nobody named
    assert main(["statement", "1", "--period", "2019x", *db]) == 2


def test_the_templates_read_back(demo_path: Path, tmp_path: Path) -> None:
    for what in ("history-hours", "volunteers", "activities"):
        path = tmp_path / f"{what}.xlsx"
        assert main(["template", what, "-o", str(path)]) == 0
        assert main(["template", what, "-o", str(path)]) == 2  # not overwritten
    code = main(["import", "history-hours", str(tmp_path / "history-hours.xlsx"), "--dry-run",
                 "--db", str(demo_path)])  # fmt: skip
    assert code == 1  # the example row names nobody of the demo


def test_star_hours_are_shown_and_set(demo_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db = ["--db", str(demo_path)]
    assert main(["config", "star-hours", *db]) == 0
    assert "100,300,600,1000,1500" in capsys.readouterr().out
    assert main(["config", "star-hours", "1,2,3", *db]) == 2
    assert main(["config", "star-hours", "50,100,200,400,800", *db]) == 0
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute("SELECT value FROM meta WHERE key = 'star_hours'").fetchone() == (
            "50,100,200,400,800",
        )
