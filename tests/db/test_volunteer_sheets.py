"""Volunteer spreadsheets: export and import checked by reading the files back and by SQL."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.db.demo.data import id_check_char
from kxtui.db.engine import volunteer_index
from kxtui.db.engine.models import Region, Volunteer, database
from kxtui.db.rows import RosterFilter
from kxtui.db.sheets.columns import Cancelled
from kxtui.db.sheets.export_activities import regions_named
from kxtui.db.sheets.export_volunteers import export_volunteers
from kxtui.db.sheets.import_volunteers import check_file, import_file
from kxtui.db.validation import _mobile_block_type, _phone_type
from kxtui.i18n import t

COUNTY_HEADERS = ["序号", "姓名", "性别", "联系电话", "身份证号码", "所属镇街", "所属村居",
                  "所属队伍", "服务领域", "专业特长", "是否注册", "志愿者编号", "是否学生",
                  "加入时间", "政治面貌"]  # fmt: skip
# What a volunteer is, as compared after a round trip (not their id, stamps or join dates).
FIELDS = """v.name, v.pinyin, v.initials, v.gender, v.mobile, v.id_number, v.birth_date,
  r.path, v.skills, v.platform_registered, v.platform_id, v.is_student, v.active, v.joined_on,
  v.notes,
  (SELECT group_concat(domain) FROM (SELECT domain FROM volunteer_domain d
     WHERE d.volunteer_id = v.id ORDER BY domain)),
  (SELECT group_concat(team_id) FROM (SELECT team_id FROM team_membership m
     WHERE m.volunteer_id = v.id ORDER BY team_id))"""


def sql(query: str, *params: object) -> object:
    return database.execute_sql(query, params).fetchone()[0]


def volunteers(where: str = "1", *params: object) -> list[tuple[object, ...]]:
    return sorted(
        database.execute_sql(
            f"SELECT {FIELDS} FROM volunteer v JOIN region r ON r.id = v.region_id WHERE {where}",
            params,
        ).fetchall(),
        key=repr,
    )


def forget_volunteers() -> None:
    """The demo without any volunteer: what a county starting with kxtui has."""
    for statement in (
        "DELETE FROM service_record", "DELETE FROM volunteer_service", "DELETE FROM volunteer_key",
        "DELETE FROM volunteer_domain", "DELETE FROM team_membership",
        "UPDATE team SET leader_id = NULL", "UPDATE officer SET volunteer_id = NULL",
        "DELETE FROM volunteer",
    ):  # fmt: skip
        database.execute_sql(statement)


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def id_number(first17: str) -> str:
    return first17 + id_check_char(first17)


def county_row(number: int, name: str, mobile: str, **cells: str) -> list[str]:
    row = [str(number), name, "", mobile, "", "胶莱镇", "郭庄村", "", "农业", "", "否", "", "否",
           "2024-03-01", "群众"]  # fmt: skip
    for header, value in cells.items():
        row[COUNTY_HEADERS.index(header)] = value
    return row


def region_id(text: str) -> int:
    (found,) = regions_named(text)
    return found[0]


# -- export, then import into a county without volunteers ------------------------------------


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_gives_the_same_volunteers(demo_db: Path, tmp_path: Path, suffix: str):
    town = region_id("胶莱镇")
    community = region_id("通会桥社区")  # a Jingzhou community with grids
    where = "r.path >= ? AND r.path < ?"
    before = []
    for region in (town, community):
        path = Region.get_by_id(region).path
        before += volunteers(where, path, path[:-1] + "0")
    for region in (town, community):
        target = tmp_path / f"{region}.{suffix}"
        result = export_volunteers(RosterFilter(region_id=region), target)
        assert result.rows > 20
    forget_volunteers()
    for region in (town, community):
        report = import_file(tmp_path / f"{region}.{suffix}")
        assert (report.bad, report.matched, report.added) == (0, 0, report.rows), report.errors
    assert sorted(volunteers(), key=repr) == sorted(before, key=repr)
    # every one findable in the roster, with service totals
    assert sql("SELECT COUNT(*) FROM volunteer_service") == len(before)
    # one import entry each, on the path of the volunteer's region
    assert (
        sql(
            "SELECT COUNT(*) FROM audit_entry e JOIN volunteer v ON v.id = e.entity_id "
            "JOIN region r ON r.id = v.region_id WHERE e.action = 'import' "
            "AND e.entity = 'volunteer' AND e.region_path = r.path"
        )
        == len(before)
        == sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'import' AND entity = 'volunteer'")
    )
    # keys as every writer makes them, with the name's sort key as stored
    keys = database.execute_sql(
        "SELECT k.volunteer_id, k.key FROM volunteer_key k JOIN volunteer v "
        "ON v.id = k.volunteer_id AND v.sort_key = k.sort_key"
    ).fetchall()
    assert sorted(keys) == sorted(
        (id_, key) for id_, name, mobile in database.execute_sql(
            "SELECT id, name, mobile FROM volunteer").fetchall()
        for key in volunteer_index.search_keys(name, mobile)
    )  # fmt: skip
    name = before[0][0]
    assert Volunteer.get(Volunteer.name == name).id in {
        id_ for (id_,) in database.execute_sql(
            "SELECT volunteer_id FROM volunteer_key WHERE key = ?", (volunteer_index.query_key(
                str(before[0][1])),))
    }  # fmt: skip


def test_export_writes_ids_and_mobiles_as_text(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "花名册.xlsx"
    export_volunteers(RosterFilter(region_id=region_id("胶莱镇")), target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "胶莱镇 志愿者花名册 2026年11月20日"
    headers = [cell.value for cell in sheet[2]]
    assert headers[:6] == ["编号", "姓名", "性别", "手机号", "身份证号", "出生日期"]
    assert sheet.freeze_panes == "A3" and sheet.column_dimensions["E"].width >= 19
    with_id = next(row for row in sheet.iter_rows(min_row=3) if row[4].value)
    for cell in (with_id[3], with_id[4]):
        assert cell.data_type == "s" and cell.number_format == "@"
    assert len(with_id[4].value) == 18
    csv_path = tmp_path / "花名册.csv"
    export_volunteers(RosterFilter(region_id=region_id("胶莱镇")), csv_path)
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: WPS and Excel open it as UTF-8
    rows = read_csv(csv_path)
    assert all(row[3].endswith("\t") and row[3][:-1].isdigit() for row in rows[1:])


def test_formula_like_text_is_neutralised_and_reads_back(demo_db: Path, tmp_path: Path) -> None:
    volunteer = Volunteer.select().order_by(Volunteer.id).first()
    Volunteer.update(notes='=HYPERLINK("http://x")', skills="+1 急救").where(
        Volunteer.id == volunteer.id
    ).execute()
    where = RosterFilter(region_id=volunteer.region_id)
    export_volunteers(where, tmp_path / "f.csv")
    export_volunteers(where, tmp_path / "f.xlsx")
    row = next(r for r in read_csv(tmp_path / "f.csv") if r[0] == str(volunteer.id))
    assert row[-1] == '\'=HYPERLINK("http://x")' and row[10] == "'+1 急救"
    sheet = load_workbook(tmp_path / "f.xlsx").active
    cells = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == volunteer.id)
    assert cells[-1].data_type == "s" and cells[-1].quotePrefix
    forget_volunteers()
    assert import_file(tmp_path / "f.csv").bad == 0
    assert Volunteer.get(Volunteer.name == volunteer.name).notes == '=HYPERLINK("http://x")'


# -- import: checks ---------------------------------------------------------------------------


def test_bad_rows_are_each_reported_and_nothing_is_written(demo_db: Path, tmp_path: Path):
    rows = [
        COUNTY_HEADERS,
        county_row(1, "王小明", "13905321234", 身份证号码=id_number("37028119900101123")),
        county_row(2, "", "123"),
        county_row(3, "李芳", "13905321235", 所属村居="不存在村", 所属队伍="不存在队"),
        county_row(4, "赵强", "13905321236", 身份证号码="370281199001011225", 是否学生="也许"),
        county_row(5, "钱进", "13905321237", 服务领域="跳舞", 加入时间="明天"),
    ]
    before = sql("SELECT COUNT(*) FROM volunteer")
    report = import_file(write_csv(tmp_path / "bad.csv", rows))
    assert (report.rows, report.valid, report.bad, report.added) == (5, 1, 4, 0)
    found = {(p.row, p.column, p.key) for p in report.errors}
    assert found == {
        (3, "name", "field.required"), (3, "mobile", "field.mobile"),
        (4, "region", "sheet.region_unknown_anywhere"), (4, "teams", "sheet.team_unknown"),
        (5, "id_number", "field.id_checksum"), (5, "student", "vsheet.yes_no"),
        (6, "domains", "sheet.choice"), (6, "joined_on", "field.date"),
    }  # fmt: skip
    assert report.unknown_columns == ("序号", "政治面貌")
    assert sql("SELECT COUNT(*) FROM volunteer") == before
    for problem in report.errors:  # every message renders
        assert "{" not in t(problem.key, **problem.params)


def test_the_same_person_twice_in_one_file_is_a_row_error(demo_db: Path, tmp_path: Path):
    rows = [COUNTY_HEADERS, county_row(1, "王小明", "13905321234"),
            county_row(2, "王晓明", "139 0532 1234")]  # fmt: skip
    report = check_file(write_csv(tmp_path / "twice.csv", rows))
    assert [(p.row, p.column, p.params["row"]) for p in report.errors] == [(3, "mobile", 2)]


def test_platform_export_layout(demo_db: Path, tmp_path: Path) -> None:
    """The 大美志愿 export: its own headers, the county in the region path, registered by the
    platform ID (there is no 是否注册 column), its hours column ignored."""
    rows = [
        ["序号", "志愿者编号", "姓名", "性别", "手机号码", "证件类型", "证件号码", "所属组织",
         "所在区域", "服务类别", "注册时间", "累计服务时长(小时)"],
        ["1", "dmzy20240001", "孙丽", "女", "+86 139-0532-1299", "居民身份证",
         id_number("37028119851230002"), "胶莱镇科技志愿服务支队", "胶州市/胶莱镇/郭庄村",
         "健康", "2024年3月1日", "12.5"],
    ]  # fmt: skip
    report = import_file(write_csv(tmp_path / "dmzy.csv", rows))
    assert (report.bad, report.added, report.unknown_columns) == (0, 1, ("序号", "证件类型"))
    sun = Volunteer.get(Volunteer.mobile == "13905321299")
    assert (sun.mobile, sun.platform_id, sun.platform_registered) == (
        "13905321299",
        "DMZY20240001",
        True,
    )
    assert str(sun.birth_date) == "1985-12-30" and sun.gender == "female"
    assert sql("SELECT hours FROM volunteer_service WHERE volunteer_id = ?", sun.id) == 0


def test_english_headers(demo_db: Path, tmp_path: Path) -> None:
    rows = [["name", "mobile", "county", "region", "domains", "student"],
            ["Li Ming", "13905321277", "荆州区", "通会桥社区", "education", "yes"]]  # fmt: skip
    report = import_file(write_csv(tmp_path / "en.csv", rows))
    assert (report.bad, report.added) == (0, 1), report.errors
    assert Volunteer.get(Volunteer.mobile == "13905321277").is_student


# -- import: people already registered --------------------------------------------------------


def registered() -> Volunteer:
    return Volunteer.select().where(Volunteer.id_number.is_null(False)).order_by(Volunteer.id).get()


def dedupe_file(tmp_path: Path, known: Volunteer) -> Path:
    """Row 2: the registered volunteer (same ID number) with a new mobile and skills, their
    domains and registration left empty; row 3: someone new."""
    town, village = Region.get_by_id(known.region_id).path.strip("/").split("/")[1:3]
    town_name = Region.get_by_id(int(town)).name
    village_name = Region.get_by_id(int(village)).name
    rows = [COUNTY_HEADERS,
            county_row(1, known.name, "13905329999", 身份证号码=known.id_number,
                       所属镇街=town_name, 所属村居=village_name, 专业特长="新特长", 服务领域="",
                       是否注册=""),
            county_row(2, "新来的", "13905328888")]  # fmt: skip
    return write_csv(tmp_path / "dedupe.csv", rows)


def test_skip_update_or_keep_the_registered(demo_db: Path, tmp_path: Path) -> None:
    known = registered()
    path = dedupe_file(tmp_path, known)
    total = sql("SELECT COUNT(*) FROM volunteer")
    skipped = import_file(path, on_duplicate="skip")
    assert (skipped.matched, skipped.added, skipped.updated, skipped.skipped) == (1, 1, 0, 1)
    assert [p.key for p in skipped.warnings] == ["vsheet.matches"]
    assert Volunteer.get_by_id(known.id).mobile == known.mobile
    assert sql("SELECT COUNT(*) FROM volunteer") == total + 1

    Volunteer.delete().where(Volunteer.name == "新来的").execute()
    domains = sql("SELECT COUNT(*) FROM volunteer_domain WHERE volunteer_id = ?", known.id)
    updated = import_file(path, on_duplicate="update")
    assert (updated.added, updated.updated) == (1, 1), updated.errors
    after = Volunteer.get_by_id(known.id)
    assert (after.mobile, after.skills, after.version) == (
        "13905329999",
        "新特长",
        known.version + 1,
    )
    assert after.joined_on == known.joined_on or str(after.joined_on) == "2024-03-01"
    # the empty 服务领域 cell kept the domains; the search keys follow the new mobile
    assert sql("SELECT COUNT(*) FROM volunteer_domain WHERE volunteer_id = ?", known.id) == domains
    keys = {k for (k,) in database.execute_sql(
        "SELECT key FROM volunteer_key WHERE volunteer_id = ?", (known.id,))}  # fmt: skip
    assert "13905329999" in keys and known.mobile not in keys
    audit = sql("SELECT changes FROM audit_entry WHERE entity = 'volunteer' AND entity_id = ? "
                "ORDER BY id DESC LIMIT 1", known.id)  # fmt: skip
    assert "dedupe.csv:2" in str(audit) and "新特长" in str(audit)

    kept = import_file(path, on_duplicate="keep")
    assert (kept.added, kept.updated) == (2, 0)
    assert sql("SELECT COUNT(*) FROM volunteer WHERE id_number = ?", known.id_number) == 2


def test_update_refuses_a_row_that_names_two_registered_people(demo_db: Path, tmp_path: Path):
    first, second = Volunteer.select().where(Volunteer.id_number.is_null(False)).limit(2)
    rows = [COUNTY_HEADERS, county_row(1, first.name, second.mobile,
                                       身份证号码=first.id_number)]  # fmt: skip
    report = import_file(write_csv(tmp_path / "two.csv", rows), on_duplicate="update")
    assert [p.key for p in report.errors] == ["vsheet.matches_several"]
    assert report.updated == 0 and Volunteer.get_by_id(first.id).version == first.version


def test_a_cancelled_import_leaves_nothing(demo_db: Path, tmp_path: Path) -> None:
    rows = [COUNTY_HEADERS] + [county_row(n, f"测试{n}", f"1390532{n:04d}") for n in range(1, 6001)]
    path = write_csv(tmp_path / "many.csv", rows)
    tables = ("volunteer", "volunteer_key", "volunteer_service", "audit_entry")
    counts = [sql(f"SELECT COUNT(*) FROM {table}") for table in tables]
    stages: list[str] = []

    def stop_while_writing(stage: str, done: int, total: int) -> None:
        stages.append(stage)
        if stage == "sheet.stage_write":
            raise Cancelled()

    with pytest.raises(Cancelled):
        import_file(path, progress=stop_while_writing)
    assert "sheet.stage_write" in stages  # rows had been written inside the transaction
    assert counts == [sql(f"SELECT COUNT(*) FROM {table}") for table in tables]


# -- the shortcuts the import takes keep the answers ------------------------------------------


def test_a_mobile_block_has_one_answer_for_all_its_numbers() -> None:
    rng = random.Random(5)
    for block in range(13000, 20000, 7):
        number = f"{block}{rng.randrange(10**6):06d}"
        assert _mobile_block_type(number[:5]) == _phone_type(number), number


def test_a_town_officer_imports_and_exports_only_their_town(demo_db: Path, tmp_path: Path) -> None:
    """Scopes hold for volunteer sheets: rows living outside the officer's town are row
    errors, so is updating someone registered outside it, and the export holds their town."""
    from kxtui.db import officers
    from kxtui.db.engine import scope
    from kxtui.db.rows import OfficerInput

    town = Region.get(Region.name == "胶莱镇")
    officers.add_officer(OfficerInput("jiaolai", "胶莱专干", "town_staff", town.id))
    scope.sign_in(officers.session_for("jiaolai", officers.OfficerAccount.get(user_name="jiaolai")))
    outside = ~Region.path.startswith(town.path) & Volunteer.id_number.is_null(False)
    elsewhere = Volunteer.select().join(Region).where(outside).get()
    home = Region.get_by_id(elsewhere.region_id)
    rows = [COUNTY_HEADERS,
            county_row(1, "镇里人", "13905327777"),  # 胶莱镇/郭庄村: inside
            county_row(2, "镇外人", "13905326666", 所属镇街=Region.get_by_id(home.parent_id).name,
                       所属村居=home.name),
            county_row(3, elsewhere.name, "13905325555", 身份证号码=elsewhere.id_number or "",
                       所属镇街="胶莱镇", 所属村居="郭庄村")]  # fmt: skip
    if not elsewhere.id_number:
        rows[3] = county_row(
            3, elsewhere.name, elsewhere.mobile, 所属镇街="胶莱镇", 所属村居="郭庄村"
        )
    report = check_file(write_csv(tmp_path / "scope.csv", rows), on_duplicate="update")
    assert {(p.row, p.key) for p in report.errors} >= {(3, "field.out_of_scope"),
                                                       (4, "field.out_of_scope")}  # fmt: skip
    assert 2 not in {p.row for p in report.errors}
    out = tmp_path / "roster.csv"
    export_volunteers(RosterFilter(), out, "csv")
    header, *lines = read_csv(out)
    names = {row[header.index("姓名")] for row in lines}
    inside = {
        v.name for v in Volunteer.select().join(Region).where(Region.path.startswith(town.path))
    }
    assert names == inside
