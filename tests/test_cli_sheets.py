"""`kxtui export activities` / `kxtui import activities` as an officer runs them."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kxtui.cli import main


def count(db: Path, where: str = "deleted_at IS NULL") -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM activity WHERE {where}").fetchone()[0]
    finally:
        connection.close()


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def new_rows_file(demo_path: Path, tmp_path: Path, bad: bool) -> tuple[Path, int]:
    """Five exported rows without 编号 (so they are new), two of them broken if `bad`."""
    out = tmp_path / "five.csv"
    assert main(["export", "activities", "--db", str(demo_path), "-o", str(out)]) == 0
    rows = rows_of(out)[:6]
    for row in rows[1:]:
        row[0] = ""
    if bad:
        rows[2][1] = ""  # 活动名称, row 3
        rows[4][2] = "不是日期"  # 开始日期, row 5
    return write(tmp_path / ("bad.csv" if bad else "good.csv"), rows), 5


def test_export_xlsx_and_csv(demo_path: Path, tmp_path: Path, capsys) -> None:
    for name in ("台账.xlsx", "台账.csv"):
        code = main(["export", "activities", "--db", str(demo_path), "-o", str(tmp_path / name)])
        assert code == 0
        assert "已导出" in capsys.readouterr().out
        assert (tmp_path / name).stat().st_size > 1000
    explicit = tmp_path / "report.dat"
    assert main(["export", "activities", "--db", str(demo_path), "--format", "csv",
                 "-o", str(explicit)]) == 0  # fmt: skip
    assert rows_of(explicit)[0][:2] == ["编号", "活动名称"]


def test_export_filters_by_region_and_dates(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "jz.csv"
    args = ["export", "activities", "--db", str(demo_path), "--region", "jzs",
            "--from", "2026-01-01", "--to", "2026-06-30", "-o", str(out)]  # fmt: skip
    assert main(args) == 0
    rows = rows_of(out)[1:]
    assert rows and {row[5] for row in rows} == {"胶州市"}
    assert all("2026-01-01" <= row[2] <= "2026-06-30" for row in rows)
    expected = count(
        demo_path,
        "deleted_at IS NULL AND start_date BETWEEN '2026-01-01' AND '2026-06-30' AND region_id "
        "IN (SELECT id FROM region WHERE path LIKE (SELECT path FROM region WHERE name = '胶州市')"
        " || '%')",
    )
    assert len(rows) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--region", "没有这里"], "没有名为“没有这里”的区域"),
        (["--region", "第1网格"], "通会桥社区/第1网格"),
        (["--from", "去年春天"], "看不懂的日期“去年春天”"),
    ],
)
def test_export_refuses_bad_options_with_exit_2(demo_path, tmp_path, capsys, options, message):
    out = tmp_path / "x.csv"
    assert main(["export", "activities", "--db", str(demo_path), *options, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_export_keeps_an_existing_file_unless_forced(demo_path, tmp_path, capsys) -> None:
    out = tmp_path / "mine.xlsx"
    out.write_bytes(b"precious")
    assert main(["export", "activities", "--db", str(demo_path), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == b"precious"
    assert main(["export", "activities", "--db", str(demo_path), "-o", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"PK")
    assert main(["export", "activities", "--db", str(demo_path), "-o", str(tmp_path / "a.ods")])
    assert "--format" in capsys.readouterr().err


def test_import_with_bad_rows_lists_them_exits_1_and_imports_nothing(
    demo_path: Path, tmp_path: Path, capsys
) -> None:
    path, _ = new_rows_file(demo_path, tmp_path, bad=True)
    before = count(demo_path)
    capsys.readouterr()
    assert main(["import", "activities", str(path), "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "第 3 行：活动名称：必填" in out
    assert "第 5 行：开始日期：看不懂的日期“不是日期”" in out
    assert "未导入任何内容" in out
    assert count(demo_path) == before


def test_valid_only_imports_the_good_rows(demo_path: Path, tmp_path: Path, capsys) -> None:
    path, total = new_rows_file(demo_path, tmp_path, bad=True)
    before = count(demo_path)
    args = ["import", "activities", str(path), "--db", str(demo_path), "--valid-only"]
    assert main(args) == 0
    assert "已导入 3 条活动" in capsys.readouterr().out
    assert count(demo_path) == before + total - 2


def test_dry_run_checks_and_writes_nothing(demo_path: Path, tmp_path: Path, capsys) -> None:
    path, total = new_rows_file(demo_path, tmp_path, bad=False)
    before = count(demo_path)
    assert main(["import", "activities", str(path), "--db", str(demo_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"共 {total} 行：有效 {total}" in out and "试运行" in out
    assert count(demo_path) == before
    assert main(["import", "activities", str(path), "--db", str(demo_path)]) == 0
    assert f"已导入 {total} 条活动" in capsys.readouterr().out
    assert count(demo_path) == before + total


def test_reimporting_an_export_skips_everything(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "all.xlsx"
    assert main(["export", "activities", "--db", str(demo_path), "-o", str(out)]) == 0
    before = count(demo_path)
    assert main(["--lang", "en", "import", "activities", str(out), "--db", str(demo_path)]) == 0
    text = capsys.readouterr().out
    assert f"{before} already present" in text and "Imported 0 activities" in text
    assert count(demo_path) == before


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kxtui", *args], capture_output=True, text=True, timeout=120
    )


def test_unusable_files_exit_2_with_a_message_and_no_traceback(demo_path, tmp_path) -> None:
    renamed = tmp_path / "renamed.xlsx"
    renamed.write_text("not a workbook")
    result = run("import", "activities", str(renamed), "--db", str(demo_path))
    assert result.returncode == 2
    assert "不是有效的 .xlsx 文件" in result.stderr and "Traceback" not in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("--lang", "en", "import", "activities", str(empty), "--db", str(demo_path))
    assert result.returncode == 2 and "empty.csv is empty" in result.stderr
    result = run("import", "activities", str(empty), "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "不存在" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_bad_rows_exit_1_from_the_installed_command(demo_path: Path, tmp_path: Path) -> None:
    path, _ = new_rows_file(demo_path, tmp_path, bad=True)
    result = run("import", "activities", str(path), "--db", str(demo_path))
    assert result.returncode == 1, result.stderr
    assert "第 3 行" in result.stdout and "Traceback" not in result.stderr


# -- volunteers ------------------------------------------------------------------------------


def volunteer_count(db: Path, where: str = "1") -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(f"SELECT COUNT(*) FROM volunteer WHERE {where}").fetchone()[0]
    finally:
        connection.close()


def test_export_volunteers_of_a_region(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "花名册.csv"
    code = main(["export", "volunteers", "--db", str(demo_path), "--region", "胶莱镇",
                 "--format", "csv", "-o", str(out)])  # fmt: skip
    assert code == 0
    rows = rows_of(out)
    assert rows[0][:4] == ["编号", "姓名", "性别", "手机号"]
    assert f"已导出 {len(rows) - 1} 名志愿者" in capsys.readouterr().out
    assert all(row[7].startswith("胶莱镇/") for row in rows[1:])
    assert main(["export", "volunteers", "--db", str(demo_path), "--from", "2026-01-01",
                 "-o", str(tmp_path / "x.csv")]) == 2  # fmt: skip
    assert "只用于活动台账" in capsys.readouterr().err


def test_import_volunteers_reports_bad_rows_then_imports(demo_path: Path, tmp_path: Path, capsys):
    rows = [["姓名", "手机号码", "所属镇街", "所属村居", "是否学生"],
            ["王小明", "13905321234", "胶莱镇", "郭庄村", "否"],
            ["李芳", "123", "胶莱镇", "郭庄村", "也许"]]  # fmt: skip
    bad = write(tmp_path / "bad.csv", rows)
    before = volunteer_count(demo_path)
    assert main(["import", "volunteers", str(bad), "--db", str(demo_path)]) == 1
    out = capsys.readouterr().out
    assert "第 3 行：手机号：" in out and "第 3 行：是否学生：“也许”应为 是 或 否" in out
    assert "未导入任何内容" in out and volunteer_count(demo_path) == before
    good = write(tmp_path / "good.csv", rows[:2])
    assert main(["import", "volunteers", str(good), "--db", str(demo_path), "--dry-run"]) == 0
    assert volunteer_count(demo_path) == before
    assert main(["import", "volunteers", str(good), "--db", str(demo_path)]) == 0
    assert "新增 1，更新 0，跳过 0" in capsys.readouterr().out
    rows[1][4] = "是"
    again = write(tmp_path / "again.csv", rows[:2])
    assert main(["import", "volunteers", str(again), "--db", str(demo_path),
                 "--on-duplicate", "update"]) == 0  # fmt: skip
    assert "新增 0，更新 1" in capsys.readouterr().out
    assert volunteer_count(demo_path, "mobile = '13905321234' AND is_student") == 1
    assert main(["import", "activities", str(again), "--db", str(demo_path),
                 "--on-duplicate", "keep"]) == 2  # fmt: skip


# -- where exports go, and what they changed -------------------------------------------------


def _export_entries(db: Path) -> list[tuple[str, str]]:
    connection = sqlite3.connect(db)
    try:
        query = "SELECT actor, summary FROM audit_entry WHERE action = 'export' ORDER BY id"
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def test_export_refuses_the_database_and_a_backup_even_forced(demo_path, tmp_path, capsys):
    assert main(["backup", "--db", str(demo_path)]) == 0
    (kept,) = (demo_path.parent / "backups").iterdir()
    before = (demo_path.read_bytes(), kept.read_bytes())
    for target in (demo_path, kept, Path(f"{demo_path}-wal")):
        code = main(["export", "activities", "--db", str(demo_path), "--format", "csv",
                     "-o", str(target), "--force"])  # fmt: skip
        assert code == 2
        assert "数据库" in capsys.readouterr().err
    assert (demo_path.read_bytes(), kept.read_bytes()) == before
    assert _export_entries(demo_path) == []


def test_server_export_takes_a_name_and_is_audited(demo_path, tmp_path, capsys, monkeypatch):
    import getpass

    monkeypatch.setenv("SUDO_USER", getpass.getuser())  # the demo's admin, as sudo names them
    for name in ("../x.csv", str(tmp_path / "x.csv")):
        assert main(["export", "activities", "--db", str(demo_path), "-o", name]) == 2
        assert "只填文件名" in capsys.readouterr().err
    assert main(["export", "activities", "--db", str(demo_path), "-o", "台账.csv"]) == 0
    folder = demo_path.parent / "files" / getpass.getuser() / "exports"
    assert str(folder / "台账.csv") in capsys.readouterr().out
    assert main(["export", "activities", "--db", str(demo_path), "-o", "台账.csv", "--force"]) == 2
    assert "不会覆盖" in capsys.readouterr().err
    assert _export_entries(demo_path) == [("tester", "台账.csv")]  # the tests' session


def test_export_says_what_it_changed(demo_path, tmp_path, capsys) -> None:
    connection = sqlite3.connect(demo_path)
    connection.execute("UPDATE activity SET notes = ? WHERE id = (SELECT MIN(id) FROM activity)",
                       ("\u202e" + "长" * 40_000,))  # fmt: skip
    connection.commit()
    connection.close()
    assert (
        main(["export", "activities", "--db", str(demo_path), "-o", str(tmp_path / "a.xlsx")]) == 0
    )
    out = capsys.readouterr().out
    assert "1 个单元格超过 32,767 字符已截断，1 个单元格中的控制字符" in out
    assert "说明" in out


def test_export_without_a_file_names_it_in_the_export_folder(
    demo_path: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    folder = tmp_path / "导出"
    quarter = ["export", "activities", "--db", str(demo_path), "--region", "胶莱镇", "--from",
               "2026-07-01", "--to", "2026-09-30", "--export-dir", str(folder)]  # fmt: skip
    assert main(quarter) == 0
    written = folder / "胶莱镇-活动台账-2026Q3.xlsx"
    assert f"已导出 8 条活动：{written}" in capsys.readouterr().out
    monkeypatch.setenv("KXTUI_EXPORT_DIR", str(tmp_path / "env"))
    code = main(["export", "volunteers", "--db", str(demo_path), "--region", "胶莱镇",
                 "--format", "csv"])  # fmt: skip
    assert code == 0
    assert (tmp_path / "env" / "胶莱镇-志愿者花名册-2026-11-20.csv").exists()
    # the same name again: kept unless --force, as any file
    assert main(quarter) == 2 and "--force" in capsys.readouterr().err
