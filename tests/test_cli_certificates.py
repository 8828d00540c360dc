"""`kxtui certificate` and `kxtui certificates list` from the shell: a volunteer's, a team's,
the register on the terminal and as XLSX, and the refusals said in one line (exit 2)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import load_workbook

from kxtui.cli import main
from kxtui.db.engine.models import Certificate, Region, database


def busiest(town: str) -> int:
    path = Region.get(Region.name == town).path
    ((volunteer,),) = database.execute_sql(
        "SELECT s.volunteer_id FROM service_record s JOIN volunteer v ON v.id = s.volunteer_id"
        " JOIN region r ON r.id = v.region_id WHERE r.path LIKE ? GROUP BY 1"
        " ORDER BY COUNT(*) DESC, 1 LIMIT 1",
        (path + "%",),
    ).fetchall()
    return volunteer


def test_a_volunteer_a_team_and_the_register(demo_db: Path, tmp_path: Path, capsys) -> None:
    volunteer = busiest("阜安街道")
    target = tmp_path / "one.docx"
    db = ["--db", str(demo_db)]
    assert main(["certificate", str(volunteer), "--period", "2026", "-o", str(target), *db]) == 0
    out = capsys.readouterr().out
    assert "胶科协志证〔2026〕第0001号" in out and str(target) in out
    assert Document(str(target)).tables[0].rows[3].cells[1].text == ("2026年1月1日至2026年12月31日")
    assert main(["certificate", str(volunteer), "--period", "2026", "-o", str(target), *db]) == 2
    assert "--force" in capsys.readouterr().err or target.exists()
    ((team,),) = database.execute_sql(
        "SELECT t.name FROM team t WHERE t.level = 'branch' ORDER BY t.id LIMIT 1"
    ).fetchall()
    batch = tmp_path / "team.docx"
    assert main(["certificate", "--team", team, "-o", str(batch), *db]) == 0
    assert "补打" in capsys.readouterr().out
    count = Certificate.select().count()
    assert count > 1 and len(Document(str(batch)).tables) >= count - 1
    assert main(["certificates", "list", "--year", "2026", *db]) == 0
    assert "胶科协志证〔2026〕第0001号" in capsys.readouterr().out
    sheet = tmp_path / "register.xlsx"
    assert main(["certificates", "list", "-o", str(sheet), *db]) == 0
    rows = list(load_workbook(sheet).active.iter_rows(values_only=True))
    assert len(rows) == 2 + count


def test_refusals_are_one_line(demo_db: Path, tmp_path: Path, capsys) -> None:
    db = ["--db", str(demo_db)]
    assert main(["certificate", *db]) == 2
    assert "--team" in capsys.readouterr().err
    assert main(["certificate", "1", "--period", "2026Q9", *db]) == 2
    ((idle,),) = database.execute_sql(
        "SELECT v.id FROM volunteer v WHERE NOT EXISTS (SELECT 1 FROM service_record s"
        " WHERE s.volunteer_id = v.id) ORDER BY v.id LIMIT 1"
    ).fetchall()
    capsys.readouterr()
    assert main(["certificate", str(idle), "-o", str(tmp_path / "x.docx"), *db]) == 2
    err = capsys.readouterr().err
    assert err.strip().startswith("kxtui: ") and "没有可证明的服务时数" in err
    assert not (tmp_path / "x.docx").exists()
    assert main(["certificate", "--team", "没有这支队", *db]) == 2


def test_a_county_admin_sets_the_certificate_settings(
    demo_db: Path, tmp_path: Path, capsys
) -> None:
    """`kxtui config certificate-…`: shown, refused when broken, set for one county or every
    county (with an audit entry), and the next certificate carries them."""
    db = ["--db", str(demo_db)]
    assert main(["config", "certificate-head", *db]) == 0
    assert "未设置" in capsys.readouterr().out
    assert main(["config", "certificate-number-format", "{short}证〔{year}〕", *db]) == 2
    assert "{sequence}" in capsys.readouterr().err  # a form without the sequence repeats
    assert main(["config", "certificate-head", "李主席", "--county", "阜安街道", *db]) == 2
    assert "县" in capsys.readouterr().err  # numbered per county: a town has no settings
    form = "{short}协证字〔{year}〕{sequence:05d}号"
    assert main(["config", "certificate-number-format", form, *db]) == 0
    assert main(["config", "certificate-head", "王主席", "--county", "胶州市", *db]) == 0
    assert main(["config", "certificate-head", "--county", "胶州市", *db]) == 0
    assert "王主席" in capsys.readouterr().out
    ((audited,),) = database.execute_sql(
        "SELECT COUNT(*) FROM audit_entry WHERE entity = 'meta' AND summary LIKE 'certificate.%'"
    ).fetchall()
    assert audited == 2
    target = tmp_path / "one.docx"
    volunteer = busiest("阜安街道")
    assert main(["certificate", str(volunteer), "-o", str(target), *db]) == 0
    assert "胶协证字〔2026〕00001号" in capsys.readouterr().out
    text = "\n".join(paragraph.text for paragraph in Document(str(target)).paragraphs)
    assert "王主席" in text and "胶协证字〔2026〕00001号" in text
