"""`kxtui period close|reopen|list` and `kxtui calendar` as an officer runs them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kxtui.cli import main


def test_close_list_and_reopen_a_period(demo_path: Path, capsys) -> None:
    db = ["--db", str(demo_path)]
    assert main(["period", "close", "2026Q3", *db]) == 0
    assert "已关闭 2026Q3" in capsys.readouterr().out
    assert main(["period", "close", "2026-05", "--region", "阜安街道", *db]) == 0
    assert main(["period", "close", "2026Q3", *db]) == 2
    assert capsys.readouterr().err.strip() == "kxtui: 2026Q3 已经关闭"
    assert main(["period", "list", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[1:] == [
        "2026Q3\t全部区域\t测试管理员\t2026-11-20 09:30\t已关闭",
        "2026-05\t阜安街道\t测试管理员\t2026-11-20 09:30\t已关闭",
    ]
    assert main(["period", "reopen", "2026Q3", *db]) == 0
    assert main(["period", "list", "--json", *db]) == 0
    periods = json.loads(capsys.readouterr().out.split("\n", 1)[1])["periods"]
    assert [(p["period"], p["region"], p["reopened_by"]) for p in periods] == [
        ("2026Q3", None, "测试管理员"),
        ("2026-05", "阜安街道", None),
    ]


def test_bad_periods_and_regions_exit_2_with_one_line(demo_path: Path, capsys) -> None:
    db = ["--db", str(demo_path)]
    assert main(["period", "close", "2026Q5", *db]) == 2
    assert "2026Q3（季度）" in capsys.readouterr().err
    assert main(["period", "close", "2026", "--region", "没有这里", *db]) == 2
    assert "没有名为“没有这里”的区域" in capsys.readouterr().err
    assert main(["period", "reopen", "2025", *db]) == 2
    assert capsys.readouterr().err.strip() == "kxtui: 2025 没有关闭"


def test_an_import_into_a_closed_period_names_it_and_imports_nothing(demo_path, tmp_path, capsys):
    db = ["--db", str(demo_path)]
    out = tmp_path / "q3.csv"
    assert main(["export", "activities", *db, "--from", "2026-07-01", "--to", "2026-09-30",
                 "-o", str(out)]) == 0  # fmt: skip
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))[:4]
    for row in rows[1:]:
        row[0] = ""
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert main(["period", "close", "2026Q3", *db]) == 0
    capsys.readouterr()
    assert main(["import", "activities", str(out), *db]) == 1
    said = capsys.readouterr().out
    assert "第 2 行：开始日期：2026Q3 已由 测试管理员 于 2026-11-20 09:30 关闭" in said
    assert "第 4 行：开始日期：2026Q3" in said and "未导入任何内容" in said
    assert main(["period", "reopen", "2026Q3", *db]) == 0
    assert main(["import", "activities", str(out), *db]) == 0


def test_calendar_json_has_the_years_entries_with_counts_by_town(demo_path: Path, capsys):
    assert main(["calendar", "--json", "--region", "胶州市", "--db", str(demo_path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["year"] == 2026
    entries = {e["code"]: e for e in printed["entries"]}
    assert list(entries) == ["volunteer_week", "science_week", "workers_day", "science_day",
                             "science_day_registration", "science_day_summary",
                             "statistics"]  # fmt: skip
    day = entries["science_day"]
    assert (day["start"], day["end"], day["days_left"], day["default"]) == (
        "2026-09-01", "2026-09-30", -80, True)  # fmt: skip
    assert day["activities"] == sum(t["activities"] for t in day["by_town"]) > 0
    towns = {"阜安街道", "中云街道", "三里河街道", "九龙街道", "胶东街道", "胶北街道", "胶西街道",
             "北关街道", "李哥庄镇", "胶莱镇", "铺集镇", "里岔镇", None}  # fmt: skip
    assert len(day["by_town"]) > 3 and {t["region"] for t in day["by_town"]} <= towns
    assert entries["statistics"]["start"] == "2027-01-31"
    assert main(["calendar", "--year", "2027", "--db", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("2027 年工作日历") and "5月16日–5月22日\t全国科技活动周" in text
