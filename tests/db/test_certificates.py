"""志愿服务记录证明: what a certificate certifies (against the test's own SQL), its number
series (no gaps or repeats, several processes issuing at once), reprints, scope, hostile hours,
and the DOCX opened again field by field."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest

from kxtui.db import officers
from kxtui.db.certificates import files, issue, register
from kxtui.db.certificates.contents import half_hours
from kxtui.db.engine import scope
from kxtui.db.engine.models import AuditEntry, Certificate, OfficerAccount, Region, database
from kxtui.db.errors import RefusedError
from kxtui.db.rows import OfficerInput, RosterFilter
from kxtui.domain import AccessRole
from tests.conftest import ADMIN


def _sql(query: str, *params: object) -> list[tuple]:
    return database.execute_sql(query, params).fetchall()


def served_in(town: str, least: int = 3) -> list[int]:
    """Volunteers living in `town` with at least `least` services, most first."""
    path = Region.get(Region.name == town).path
    return [v for (v,) in _sql(
        "SELECT s.volunteer_id FROM service_record s JOIN volunteer v ON v.id = s.volunteer_id"
        " JOIN region r ON r.id = v.region_id JOIN activity a ON a.id = s.activity_id"
        " WHERE r.path LIKE ? AND a.deleted_at IS NULL AND a.start_date <= '2026-11-20'"
        " GROUP BY 1 HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, 1", path + "%", least,
    )]  # fmt: skip


def add_historical(volunteer_id: int, hours: object, day: str = "2019-05-01") -> None:
    database.execute_sql(
        "INSERT INTO historical_hours (volunteer_id, title, organiser, start_date, end_date,"
        " hours, source, created_at, created_by, updated_at, updated_by, version)"
        " VALUES (?, '社区科普宣传', '胶州市志愿者协会', ?, ?, ?, '纸质台账',"
        " '2026-01-01', 't', '2026-01-01', 't', 1)",
        (volunteer_id, day, day, hours),
    )


def expected_hours(volunteer_id: int, start: str, end: str) -> tuple[Decimal, Decimal]:
    """The test's own sums: (activity hours, historical hours) of the period."""
    ((services,),) = _sql(
        "SELECT COALESCE(SUM(s.hours), 0) FROM service_record s JOIN activity a"
        " ON a.id = s.activity_id WHERE s.volunteer_id = ? AND a.deleted_at IS NULL"
        " AND a.start_date BETWEEN ? AND ?", volunteer_id, start, end,
    )  # fmt: skip
    ((historical,),) = _sql(
        "SELECT COALESCE(SUM(hours), 0) FROM historical_hours WHERE volunteer_id = ?"
        " AND start_date BETWEEN ? AND ?", volunteer_id, start, end,
    )  # fmt: skip
    return Decimal(str(services)), Decimal(str(historical))


def floor_half(value: Decimal) -> Decimal:
    return (value.quantize(Decimal("0.01")) * 2).to_integral_value(rounding=ROUND_FLOOR) / 2


def test_half_hours_rounds_down() -> None:
    assert [half_hours(v) for v in ("12.4", "12.5", "12.99", 0.1 + 0.2 + 12.2, 3)] == [
        12, Decimal("12.5"), Decimal("12.5"), Decimal("12.5"), 3,
    ]  # fmt: skip


def test_contents_agree_with_sql_and_name_the_historical_part(demo_db: Path) -> None:
    volunteer = served_in("阜安街道")[0]
    add_historical(volunteer, 7.3)
    add_historical(volunteer, 2.5, day="2010-01-01")  # before the period: not counted
    batch = issue.issue([volunteer], date(2015, 1, 1), date(2026, 11, 20))
    (one,) = batch.issued
    services, historical = expected_hours(volunteer, "2015-01-01", "2026-11-20")
    assert historical == Decimal("7.3")
    assert one.contents.hours == floor_half(services + historical)
    assert one.contents.historical_hours == Decimal("7")
    ((count, first, last),) = _sql(
        "SELECT COUNT(*), MIN(a.start_date), MAX(a.start_date) FROM service_record s"
        " JOIN activity a ON a.id = s.activity_id WHERE s.volunteer_id = ?"
        " AND a.deleted_at IS NULL AND a.start_date BETWEEN '2015-01-01' AND '2026-11-20'",
        volunteer,
    )  # fmt: skip
    assert one.contents.services == count and one.contents.historical_count == 1
    assert one.contents.first == date(2019, 5, 1)
    assert one.contents.last == date.fromisoformat(last)
    assert one.contents.sources == ("纸质台账",)
    row = Certificate.get_by_id(one.id)
    assert (row.number, row.year, row.sequence) == ("胶科协志证〔2026〕第0001号", 2026, 1)
    assert Decimal(str(row.hours)) == one.contents.hours
    assert Decimal(str(row.historical_hours)) == 7
    assert row.issued_by == ADMIN.name and row.reprints == 0
    entry = AuditEntry.get(AuditEntry.entity == "certificate")
    assert (entry.action, entry.entity_id) == ("issue", one.id)
    assert entry.region_path.startswith(Region.get(Region.name == "阜安街道").path)


def test_numbers_follow_on_and_a_reprint_keeps_its_number(demo_db: Path) -> None:
    people = served_in("阜安街道")[:5]
    first = issue.issue(people[:3])
    assert [c.number for c in first.issued] == [f"胶科协志证〔2026〕第000{n}号" for n in (1, 2, 3)]
    again = issue.issue(people[1:])  # two reprints, two new
    assert [(c.number, c.reprint, c.reprints) for c in again.issued] == [
        ("胶科协志证〔2026〕第0002号", True, 1),
        ("胶科协志证〔2026〕第0003号", True, 1),
        ("胶科协志证〔2026〕第0004号", False, 0),
        ("胶科协志证〔2026〕第0005号", False, 0),
    ]
    assert again.new == 2 and again.reprinted == 2
    assert Certificate.select().count() == 5
    assert Certificate.get(Certificate.sequence == 2).reprints == 1
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.entity == "certificate")]
    assert sorted(actions) == ["issue"] * 5 + ["reprint"] * 2
    # another period is another certificate; so are hours that changed since
    other = issue.issue(people[:1], date(2026, 1, 1), None)
    assert other.issued[0].number.endswith("第0006号")
    add_historical(people[0], 4)
    changed = issue.issue(people[:1])
    assert not changed.issued[0].reprint and changed.issued[0].number.endswith("第0007号")


def test_the_number_form_and_unit_come_from_meta(demo_db: Path) -> None:
    county = Region.get(Region.name == "胶州市").id
    settings = issue.settings(county)
    assert settings["unit_name"] == "胶州市科学技术协会" and settings["short_name"] == "胶"
    database.execute_sql(
        "INSERT INTO meta (key, value) VALUES (?, ?), ('certificate.head', '王主席')",
        (f"certificate.{county}.number_format", "JZ-{year}-{sequence:05d}"),
    )
    (one,) = issue.issue(served_in("阜安街道")[:1]).issued
    assert one.number == "JZ-2026-00001" and one.issuer.head == "王主席"
    database.execute_sql(
        "UPDATE meta SET value = '{year}' WHERE key = ?", (f"certificate.{county}.number_format",)
    )
    with pytest.raises(RefusedError) as refused:
        issue.issue(served_in("阜安街道")[1:2])
    assert refused.value.key == "certificate.bad_format"


def test_no_hours_no_certificate(demo_db: Path) -> None:
    ((idle, name),) = _sql(
        "SELECT v.id, v.name FROM volunteer v WHERE NOT EXISTS (SELECT 1 FROM service_record s"
        " WHERE s.volunteer_id = v.id) ORDER BY v.id LIMIT 1"
    )
    with pytest.raises(RefusedError) as refused:
        issue.issue([idle])
    assert (refused.value.key, refused.value.params["name"]) == ("certificate.nothing", name)
    busy = served_in("阜安街道")[0]
    batch = issue.issue([idle, busy])
    assert [c.contents.volunteer_id for c in batch.issued] == [busy]
    assert batch.nothing == (name,)
    with pytest.raises(RefusedError):  # a period without any service
        issue.issue([busy], date(2001, 1, 1), date(2001, 12, 31))
    assert Certificate.select().count() == 1


def sign_in_as(user: str, role: AccessRole, where: str | None) -> None:
    scope.sign_in(ADMIN)
    place = Region.get(Region.name == where).id if where else None
    officers.add_officer(OfficerInput(user, f"{user}姓名", role, place, None, phone="13912345678"))
    scope.sign_in(officers.session_for(user, OfficerAccount.get(user_name=user)))


def test_a_town_officer_certifies_their_own_town_only(demo_db: Path) -> None:
    mine, theirs = served_in("阜安街道")[0], served_in("胶莱镇")[0]
    sign_in_as("fuan", AccessRole.TOWN_STAFF, "阜安街道")
    with pytest.raises(RefusedError) as refused:
        issue.issue([theirs])
    assert refused.value.key == "refused.out_of_scope"
    batch = issue.issue([mine, theirs])
    assert [c.contents.volunteer_id for c in batch.issued] == [mine] and batch.outside == 1
    one = batch.issued[0]
    assert (one.issuer.handler, one.issuer.contact) == ("fuan姓名", "13912345678")


def test_a_viewer_is_refused(demo_db: Path) -> None:
    volunteer = served_in("阜安街道")[0]
    sign_in_as("look", AccessRole.VIEWER, "胶州市")
    with pytest.raises(RefusedError) as refused:
        issue.issue([volunteer])
    assert refused.value.key == "refused.viewer"
    assert Certificate.select().count() == 0


def test_hours_out_of_range_are_never_certified(demo_db: Path) -> None:
    volunteer = served_in("阜安街道")[0]
    services, _ = expected_hours(volunteer, "2000-01-01", "2026-11-20")
    ((activity,),) = _sql(
        "SELECT activity_id FROM service_record WHERE volunteer_id = ? LIMIT 1", volunteer
    )
    ((hours,),) = _sql(
        "SELECT hours FROM service_record WHERE volunteer_id = ? AND activity_id = ?",
        volunteer, activity,
    )  # fmt: skip
    database.execute_sql("PRAGMA ignore_check_constraints = ON")
    try:
        database.execute_sql(
            "UPDATE service_record SET hours = 'abc' WHERE volunteer_id = ? AND activity_id = ?",
            (volunteer, activity),
        )
        add_historical(volunteer, -5)
    finally:
        database.execute_sql("PRAGMA ignore_check_constraints = OFF")
    (one,) = issue.issue([volunteer], with_list=True).issued
    assert one.contents.left_out == 2
    assert one.contents.hours == floor_half(services - Decimal(str(hours)))
    assert one.contents.historical_hours == 0
    assert len(one.contents.listing) == one.contents.services


def test_several_processes_issue_without_gaps_or_repeats(demo_db: Path, tmp_path: Path) -> None:
    people = served_in("阜安街道", least=1)[:40]
    database.close()
    script = textwrap.dedent(
        """
        import sys
        from kxtui import clock
        from kxtui.db import call
        from kxtui.db.certificates import issue
        from kxtui.db.engine import scope
        from kxtui.db.engine.connection import open_database
        from kxtui.domain import AccessRole
        from datetime import datetime
        clock.freeze(datetime(2026, 11, 20, 9, 30))
        open_database(sys.argv[1])
        scope.sign_in(scope.Session("p", "进程", AccessRole.COUNTY_ADMIN))
        ids = [int(i) for i in sys.argv[2].split(",")]
        for start in range(0, len(ids), 2):  # many small transactions, interleaving
            call(issue.issue, ids[start : start + 2])
        """
    )
    groups = [people[n::4] for n in range(4)]
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(demo_db), ",".join(map(str, g))])
        for g in groups
    ]
    assert [run.wait(timeout=120) for run in runs] == [0, 0, 0, 0]
    with sqlite3.connect(demo_db) as connection:
        rows = connection.execute(
            "SELECT sequence, number, volunteer_id FROM certificate"
        ).fetchall()
    assert sorted(s for s, _, _ in rows) == list(range(1, len(people) + 1))
    assert len({n for _, n, _ in rows}) == len(people)
    assert sorted(v for _, _, v in rows) == sorted(people)


def test_the_document_says_every_field(demo_db: Path, tmp_path: Path) -> None:
    from docx import Document

    town = served_in("阜安街道")
    volunteer = town[0]
    database.execute_sql(
        "UPDATE volunteer SET id_number = '370281199001011234', platform_registered = 1,"
        " platform_id = 'DMZY-001' WHERE id = ?",
        (volunteer,),
    )
    add_historical(volunteer, 6)
    database.execute_sql("INSERT INTO meta (key, value) VALUES ('certificate.head', '王主席')")
    target = tmp_path / "c.docx"
    written = files.write_certificates([volunteer, town[1]], target, with_list=True)
    assert written.path == str(target) and len(written.batch.issued) == 2
    one = written.batch.issued[0]
    document = Document(str(target))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    table = document.tables[0]
    cells = {row.cells[0].text: row.cells[1].text for row in table.rows}
    ((name,),) = _sql("SELECT name FROM volunteer WHERE id = ?", volunteer)
    assert cells["姓名"] == name
    assert cells["证件类型及号码"] == "居民身份证 3702**********1234"
    assert cells["志愿者编号"] == "DMZY-001"
    assert cells["服务期间"].endswith("至2026年11月20日")
    hours = issue.hours_text(one.contents.hours)
    assert cells["服务时间"].startswith(f"累计 {hours} 小时（其中历史记录 6 小时")
    assert cells["服务内容"].startswith(f"参加志愿服务 {one.contents.services} 次")
    assert cells["服务内容"].endswith("服务明细见附页。")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "志愿服务记录证明"
    assert texts[1] == f"证明编号：{one.number}"
    assert "出具单位（盖章）：胶州市科学技术协会" in texts
    assert "负责人（签字）：王主席" in texts
    assert f"经办人（签字）：{ADMIN.name}" in texts
    assert "出具日期：2026年11月20日" in texts
    assert "联系方式：" in texts  # the test's officer has no account, so no phone
    # the list page: every service and the historical row, then the second volunteer's page
    listing = document.tables[1]
    assert [c.text for c in listing.rows[0].cells] == list(
        ("日期", "活动（项目）名称", "组织单位", "时数（小时）", "记录方式")
    )
    assert len(listing.rows) == 2 + one.contents.services + 1
    assert sum(1 for row in listing.rows if row.cells[4].text == "历史记录") == 1
    assert len(document.tables) == 4
    starts = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert starts == ["志愿服务明细（附页）", "志愿服务记录证明", "志愿服务明细（附页）"]
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    # printed again: the same number, 补打, the full ID number on request
    again = files.write_certificates([volunteer], tmp_path / "again.docx", full_id=True)
    assert again.batch.issued[0].number == one.number
    reprinted = Document(str(tmp_path / "again.docx"))
    assert reprinted.paragraphs[0].text == "志愿服务记录证明（补打）"
    cells = {row.cells[0].text: row.cells[1].text for row in reprinted.tables[0].rows}
    assert cells["证件类型及号码"] == "居民身份证 370281199001011234"
    assert any("补打" in p.text and "第1次" in p.text for p in reprinted.paragraphs)


def test_a_failed_document_issues_no_number(demo_db: Path, tmp_path: Path) -> None:
    (tmp_path / "taken.docx").write_bytes(b"x")
    with pytest.raises(Exception):  # noqa: B017 (the file exists: refused before writing)
        files.write_certificates(served_in("阜安街道")[:1], tmp_path / "taken.docx")
    assert Certificate.select().count() == 0


def test_hostile_names_reach_the_document_as_marks(demo_db: Path, tmp_path: Path) -> None:
    from docx import Document

    volunteer = served_in("阜安街道")[0]
    database.execute_sql(
        "UPDATE volunteer SET name = ? WHERE id = ?",
        ("张\x1b[2J\x00\u202e三", volunteer),
    )
    files.write_certificates([volunteer], tmp_path / "h.docx")
    name = Document(str(tmp_path / "h.docx")).tables[0].rows[0].cells[1].text
    assert name.startswith("张") and "\x1b" not in name and "\x00" not in name


def test_a_team_and_a_roster_filter_choose_the_volunteers(demo_db: Path) -> None:
    ((team, team_name),) = _sql(
        "SELECT t.id, t.name FROM team t JOIN team_membership m ON m.team_id = t.id"
        " WHERE t.level = 'branch' GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1"
    ) or _sql("SELECT id, name FROM team ORDER BY id LIMIT 1")
    assert files.team_named(team_name)[0] == team
    members = files.volunteers_of(RosterFilter(team_id=team))
    below = {v for (v,) in _sql(
        "WITH RECURSIVE b(id) AS (SELECT ? UNION ALL SELECT t.id FROM team t JOIN b"
        " ON t.parent_id = b.id) SELECT DISTINCT volunteer_id FROM team_membership"
        " WHERE team_id IN b", team,
    )}  # fmt: skip
    assert set(members) == below and len(members) == len(below)


def test_the_register_lists_and_exports(demo_db: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    batch = issue.issue(served_in("阜安街道")[:3])
    rows = register.register(register.RegisterFilter(2026))
    assert [r.number for r in rows] == [c.number for c in batch.issued]
    assert register.register(register.RegisterFilter(2025)) == []
    result = register.export_register(register.RegisterFilter(2026), tmp_path / "r.xlsx")
    sheet = load_workbook(result.path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "志愿服务记录证明登记簿 2026年"
    assert values[1][:2] == ["证明编号", "姓名"]
    assert [v[0] for v in values[2:]] == [c.number for c in batch.issued]
