"""Activity spreadsheets: export and import checked by reading the files back and by SQL."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.db import ledger
from kxtui.db.activities import checked, create_activity
from kxtui.db.engine.models import Region, Volunteer, database
from kxtui.db.errors import NeedsConfirmation, ValidationError
from kxtui.db.rows import ActivityInput, LedgerFilter, ServiceInput
from kxtui.db.sheets.columns import CELL_MAX, COLUMNS, SheetError, header, zh
from kxtui.db.sheets.export_activities import export_activities, regions_named
from kxtui.db.sheets.headers import ACTIVITIES
from kxtui.db.sheets.import_activities import check_sheet, import_sheet
from kxtui.i18n import t

HEADERS = [header(column) for column in COLUMNS]
FIELDS = """a.title, a.pinyin, a.initials, a.start_date, a.end_date, a.duration, a.region_id,
  a.venue_id, a.organiser_team_id, a.organiser, a.theme_day, a.campaign, a.target_groups,
  a.format, a.people_reached, a.materials, a.notes,
  (SELECT group_concat(volunteer_id || ':' || hours, ',') FROM
     (SELECT volunteer_id, hours FROM service_record s WHERE s.activity_id = a.id
      ORDER BY volunteer_id))"""


def sql(query: str, *params: object) -> object:
    return database.execute_sql(query, params).fetchone()[0]


def live_count() -> int:
    return sql("SELECT COUNT(*) FROM activity WHERE deleted_at IS NULL")  # type: ignore[return-value]


def records(deleted: bool) -> list[tuple[object, ...]]:
    """Every field of the (deleted or live) activities, service records included, by date."""
    where = "IS NOT NULL" if deleted else "IS NULL"
    return database.execute_sql(
        f"SELECT {FIELDS} FROM activity a WHERE a.deleted_at {where} ORDER BY a.start_date, a.id"
    ).fetchall()


def soft_delete_all() -> None:
    database.execute_sql("UPDATE activity SET deleted_at = '2026-11-01 00:00:00'")


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def exported_csv(tmp_path: Path, f: LedgerFilter | None = None) -> list[list[str]]:
    path = tmp_path / "out.csv"
    export_activities(f or LedgerFilter(), path)
    return read_csv(path)


def county(name: str) -> int:
    return Region.get(Region.name == name, Region.parent.is_null()).id


# -- export ----------------------------------------------------------------------------------


def test_xlsx_has_headers_real_dates_totals_and_a_service_sheet(demo_db: Path, tmp_path: Path):
    path = tmp_path / "台账.xlsx"
    result = export_activities(LedgerFilter(), path)
    book = load_workbook(path)
    sheet = book[zh("sheet.sheet_activities")]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "全部区域 活动台账 全部时间"  # the title row
    assert list(rows[1]) == HEADERS
    body, totals = rows[2:-1], rows[-1]
    assert len(body) == result.rows == live_count() > 600
    start = HEADERS.index("开始日期")
    assert all(isinstance(row[start], datetime) for row in body)
    assert sheet.cell(row=3, column=start + 1).number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A3"
    sizes = [ws.max_row for ws in load_workbook(path, read_only=True).worksheets]  # <dimension>
    assert sizes[0] == len(rows)
    assert sheet.column_dimensions["B"].width == 24
    reached, materials = database.execute_sql(
        "SELECT SUM(people_reached), SUM(materials) FROM activity WHERE deleted_at IS NULL"
    ).fetchone()
    hours = sql(
        "SELECT SUM(hours) FROM service_record WHERE activity_id IN "
        "(SELECT id FROM activity WHERE deleted_at IS NULL)"
    )
    assert totals[0] == "合计"
    assert totals[1] == len(body)
    assert totals[HEADERS.index("受众人次")] == reached
    assert totals[HEADERS.index("发放资料(份)")] == materials
    assert Decimal(str(totals[HEADERS.index("志愿服务时长")])) == Decimal(str(hours))
    service = list(book[zh("sheet.sheet_service")].iter_rows(values_only=True))
    assert service[0][0] == "全部区域 志愿服务 全部时间"
    assert service[1] == ("活动编号", "活动名称", "志愿者", "时长(小时)")
    assert len(service) - 2 == sql(
        "SELECT COUNT(*) FROM service_record s JOIN activity a ON a.id = s.activity_id "
        "WHERE a.deleted_at IS NULL"
    )
    assert sizes[1] == len(service)
    first_id, first_title = body[0][0], body[0][1]
    assert service[2][:2] == (first_id, first_title)


def test_csv_is_utf8_with_bom_and_lists_volunteers(demo_db: Path, tmp_path: Path):
    path = tmp_path / "台账.csv"
    export_activities(LedgerFilter(), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(path)
    assert rows[0] == HEADERS
    assert len(rows) - 1 == live_count()
    row = rows[1]
    activity = int(row[0])
    written = [entry.rsplit(":", 1) for entry in row[HEADERS.index("志愿者")].split(";")]
    served = database.execute_sql(
        "SELECT p.id, p.name, s.hours FROM service_record s JOIN volunteer p "
        "ON p.id = s.volunteer_id WHERE s.activity_id = ? ORDER BY s.id",
        (activity,),
    ).fetchall()
    assert len(written) == len(served) > 0
    for (who, hours), (volunteer, name, stored) in zip(written, served, strict=True):
        assert who in (name, f"{name}#{volunteer}")
        assert Decimal(hours) == Decimal(str(stored))
    shared = [who for who, _ in written if "#" in who]
    for who in shared:  # a number is written only where the name alone is ambiguous
        name = who.split("#")[0]
        assert Volunteer.select().where(Volunteer.name == name).count() > 1
    region = Region.get_by_id(sql("SELECT region_id FROM activity WHERE id = ?", activity))
    assert row[HEADERS.index("区域")].split("/")[-1] in (region.name, "")
    assert row[HEADERS.index("县(市、区)")] in ("胶州市", "荆州区")


def test_export_holds_exactly_the_ledger_filter(demo_db: Path, tmp_path: Path):
    town = Region.get(Region.name == "阜安街道").id
    chosen = LedgerFilter(region_id=town, start=date(2025, 1, 1), end=date(2025, 12, 31))
    rows = exported_csv(tmp_path, chosen)
    conditions, params = ledger.where_clause(chosen)
    expected = database.execute_sql(
        "SELECT a.id FROM activity a JOIN region r ON r.id = a.region_id "
        "LEFT JOIN venue v ON v.id = a.venue_id LEFT JOIN team t ON t.id = a.organiser_team_id "
        f"WHERE {' AND '.join(conditions)}",
        params,
    ).fetchall()
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(i for (i,) in expected)
    assert 0 < len(rows) - 1 == ledger.totals(chosen).activities


def test_region_names_resolve_by_name_pinyin_initials_or_path(demo_db: Path):
    assert [label for _, label in regions_named("jzs")] == ["胶州市"]
    assert [label for _, label in regions_named("胶州市")] == ["胶州市"]
    assert len(regions_named("第1网格")) > 1
    assert len(regions_named("通会桥社区/第1网格")) == 1
    assert regions_named("没有这个地方") == ()


FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "'=already quoted"]


def _set_titles(titles: list[str]) -> list[int]:
    ids = [
        i
        for (i,) in database.execute_sql(
            "SELECT id FROM activity ORDER BY id LIMIT ?", (len(titles),)
        )
    ]
    for activity, title in zip(ids, titles, strict=True):
        database.execute_sql("UPDATE activity SET title = ? WHERE id = ?", (title, activity))
    return ids


def test_formula_like_text_stays_text_in_xlsx_and_csv(demo_db: Path, tmp_path: Path):
    ids = _set_titles(FORMULAS)
    export_activities(LedgerFilter(), tmp_path / "f.xlsx")
    sheet = load_workbook(tmp_path / "f.xlsx").worksheets[0]
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2) if row[0].value in ids}
    for activity, title in zip(ids, FORMULAS, strict=True):
        assert cells[activity].value == title
        assert cells[activity].data_type == "s"
    assert cells[ids[0]].quotePrefix
    with zipfile.ZipFile(tmp_path / "f.xlsx") as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    export_activities(LedgerFilter(), tmp_path / "f.csv")
    titles = {row[0]: row[1] for row in read_csv(tmp_path / "f.csv")[1:]}
    for activity, title in zip(ids, FORMULAS, strict=True):
        assert titles[str(activity)] == "'" + title
    # and both read back to the titles as stored
    for name in ("f.xlsx", "f.csv"):
        assert check_sheet(tmp_path / name).present == live_count()


def test_nul_and_overlong_cells_do_not_break_the_export(demo_db: Path, tmp_path: Path):
    activity = _set_titles(["名\x00称\x1b[2J"])[0]
    database.execute_sql("UPDATE activity SET notes = ? WHERE id = ?", ("长" * 100_000, activity))
    export_activities(LedgerFilter(), tmp_path / "h.xlsx")
    row = next(
        r
        for r in load_workbook(tmp_path / "h.xlsx").worksheets[0].iter_rows(values_only=True)
        if r[0] == activity
    )
    assert row[1] == "名\u2400称\u241b[2J"
    notes = row[HEADERS.index("备注")]
    assert len(notes) == CELL_MAX and notes.endswith(zh("sheet.truncated"))
    export_activities(LedgerFilter(), tmp_path / "h.csv")
    row = next(r for r in read_csv(tmp_path / "h.csv") if r[0] == str(activity))
    assert "\x00" not in row[1] and len(row[HEADERS.index("备注")]) == CELL_MAX


def test_an_existing_file_is_kept_unless_overwrite(demo_db: Path, tmp_path: Path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "keep.csv"
    path.write_text("mine")
    with pytest.raises(Exception) as raised:
        export_activities(LedgerFilter(), path)
    assert raised.value.key == "sheet.exists"  # type: ignore[attr-defined]
    assert path.read_text() == "mine"
    export_activities(LedgerFilter(), path, overwrite=True)
    assert read_csv(path)[0] == HEADERS
    assert [p.name for p in path.parent.iterdir()] == ["keep.csv"]  # no temporary left


# -- round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_exported_file_imports_back_to_the_same_records(demo_db: Path, tmp_path: Path, suffix):
    path = tmp_path / f"all.{suffix}"
    export_activities(LedgerFilter(), path)
    before = records(deleted=False)
    audits = sql("SELECT COUNT(*) FROM audit_entry")
    totals = "SELECT SUM(hours), COUNT(last_served), MAX(last_served) FROM volunteer_service"
    served = database.execute_sql(totals).fetchone()
    soft_delete_all()
    database.execute_sql("UPDATE volunteer_service SET hours = 0, last_served = NULL")
    report = import_sheet(path)
    assert (report.bad, report.present, report.imported) == (0, 0, len(before))
    assert records(deleted=False) == before  # every field, pinyin and service records
    assert database.execute_sql(totals).fetchone() == served  # the roster's totals follow
    assert sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'import'") == len(before)
    assert sql("SELECT COUNT(*) FROM audit_entry") == audits + len(before)


def test_reimporting_into_the_same_ledger_skips_what_is_present(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)
    rows[1][HEADERS.index("备注")] = "改过的备注"  # same 编号, other content
    report = import_sheet(write_csv(tmp_path / "again.csv", rows))
    assert (report.present, report.imported) == (len(rows) - 2, 1)
    assert [(w.row, w.key) for w in report.warnings] == [(2, "sheet.id_differs")]
    assert sql("SELECT notes FROM activity WHERE id = ?", int(rows[1][0])) != "改过的备注"
    assert sql("SELECT COUNT(*) FROM activity WHERE notes = '改过的备注'") == 1


def test_gbk_csv_from_old_excel_is_read(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)
    path = write_csv(tmp_path / "gbk.csv", rows, encoding="gb18030")
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert check_sheet(path).present == len(rows) - 1


def test_english_headers_and_a_title_line_above_them(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)
    english = [ACTIVITIES[column].en.upper() for column in COLUMNS]
    path = write_csv(tmp_path / "en.csv", [["2026年活动台账"], english, *rows[1:]])
    report = check_sheet(path)
    assert (report.present, report.bad) == (len(rows) - 1, 0)


# -- bad rows --------------------------------------------------------------------------------


def _bad_file(tmp_path: Path) -> tuple[Path, int]:
    rows = exported_csv(tmp_path)[:8]
    cell = {name: HEADERS.index(name) for name in HEADERS}
    rows[2][cell["活动名称"]] = ""
    rows[3][cell["开始日期"]] = "明天吧"
    rows[4][cell["区域"]] = "不存在镇/某村"
    rows[5][cell["形式"]] = "跳舞"
    rows[6][cell["时长(小时)"]] = "1e30"
    rows[6][cell["受众人次"]] = "፩"
    for row in rows[1:]:
        row[0] = ""  # all new: nothing is "already present"
    return write_csv(tmp_path / "bad.csv", rows), len(rows) - 1


def test_every_bad_row_is_reported_and_nothing_is_imported(demo_db: Path, tmp_path: Path):
    path, total = _bad_file(tmp_path)
    before, audits = live_count(), sql("SELECT COUNT(*) FROM audit_entry")
    report = import_sheet(path)
    assert report.bad_rows == (3, 4, 5, 6, 7)
    assert (report.rows, report.valid, report.bad, report.imported) == (total, total - 5, 5, 0)
    problems = {(p.row, p.column): p for p in report.errors}
    assert problems[3, "title"].key == "field.required"
    assert problems[4, "start"].key == "field.date"
    assert problems[5, "region"].key == "sheet.region_unknown"
    assert "集中授课" in t(problems[6, "format"].key, **problems[6, "format"].params)
    assert problems[7, "duration"].key == "field.hours"
    assert problems[7, "people_reached"].key == "field.count"
    assert live_count() == before
    assert sql("SELECT COUNT(*) FROM audit_entry") == audits


def test_valid_only_imports_the_good_rows(demo_db: Path, tmp_path: Path):
    path, total = _bad_file(tmp_path)
    before = live_count()
    report = import_sheet(path, valid_only=True)
    assert report.imported == total - 5
    assert live_count() == before + total - 5
    assert sql("SELECT COUNT(*) FROM audit_entry WHERE action = 'import'") == total - 5


def test_warnings_are_reported_and_do_not_block(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)[:3]
    rows[1][0] = rows[2][0] = ""
    rows[1][HEADERS.index("发放资料(份)")] = "900000"
    report = import_sheet(write_csv(tmp_path / "odd.csv", rows))
    assert (report.imported, report.warned) == (2, 1)
    assert {w.key for w in report.warnings} == {"warn.count_large"}


def test_odd_numbers_in_the_id_column_make_new_activities(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)[:3]
    rows[1][0], rows[2][0] = "፩", "9" * 30
    assert import_sheet(write_csv(tmp_path / "ids.csv", rows)).imported == 2


def _jingzhou_row(tmp_path: Path) -> list[list[str]]:
    rows = exported_csv(tmp_path, LedgerFilter(region_id=county("荆州区")))[:2]
    rows[1][0] = ""
    return rows


def test_an_ambiguous_region_name_lists_the_candidates(demo_db: Path, tmp_path: Path):
    rows = _jingzhou_row(tmp_path)
    rows[1][HEADERS.index("区域")] = "第1网格"
    rows[1][HEADERS.index("阵地")] = ""
    report = check_sheet(write_csv(tmp_path / "grid.csv", rows))
    (problem,) = report.errors
    assert (problem.row, problem.column, problem.key) == (2, "region", "sheet.region_ambiguous")
    assert "通会桥社区/第1网格" in str(problem.params["choices"])
    rows[1][HEADERS.index("区域")] = "西城街道/通会桥社区/第1网格"
    assert check_sheet(write_csv(tmp_path / "grid.csv", rows)).bad == 0


def test_rows_without_county_use_the_default_region_county(demo_db: Path, tmp_path: Path):
    rows = _jingzhou_row(tmp_path)
    for column in ("县(市、区)", "区域", "阵地", "志愿服务队", "志愿者"):
        rows[1][HEADERS.index(column)] = ""
    path = write_csv(tmp_path / "plain.csv", rows)
    assert [(p.column, p.key) for p in check_sheet(path).errors] == [("region", "field.required")]
    jingzhou = county("荆州区")
    assert import_sheet(path, default_region=jingzhou).imported == 1
    assert sql("SELECT region_id FROM activity ORDER BY id DESC LIMIT 1") == jingzhou


def test_an_ambiguous_volunteer_name_lists_the_candidates(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path, LedgerFilter(region_id=county("胶州市")))[:2]
    rows[1][0] = ""
    name, ids = database.execute_sql(
        "SELECT p.name, group_concat(p.id) FROM volunteer p JOIN region r ON r.id = p.region_id "
        "WHERE r.path LIKE (SELECT path FROM region WHERE name = '胶州市') || '%' "
        "GROUP BY p.name HAVING COUNT(*) BETWEEN 2 AND 5 ORDER BY p.name LIMIT 1"
    ).fetchone()
    rows[1][HEADERS.index("志愿者")] = f"{name}:2"
    report = check_sheet(write_csv(tmp_path / "who.csv", rows))
    assert [(p.row, p.column, p.key) for p in report.errors] == [
        (2, "volunteers", "sheet.volunteer_ambiguous")
    ]
    choices = str(report.errors[0].params["choices"])
    assert all(f"{name}#{volunteer}" in choices for volunteer in ids.split(","))
    first = ids.split(",")[0]
    rows[1][HEADERS.index("志愿者")] = f"{name}#{first}:2;没有这个人:1"
    report = check_sheet(write_csv(tmp_path / "who.csv", rows))
    assert [p.key for p in report.errors] == ["sheet.volunteer_unknown"]
    assert report.errors[0].params["name"] == "没有这个人"


def test_missing_required_columns_and_unknown_columns(demo_db: Path, tmp_path: Path):
    rows = exported_csv(tmp_path)[:3]
    dropped = [[cell for i, cell in enumerate(row) if i != HEADERS.index("形式")] for row in rows]
    with pytest.raises(SheetError) as raised:
        check_sheet(write_csv(tmp_path / "less.csv", dropped))
    assert raised.value.key == "sheet.missing_columns"
    assert "形式" in str(raised.value.params["columns"])
    extra = [[*row, "x"] for row in rows]
    extra[0][-1] = "联系人"
    assert check_sheet(write_csv(tmp_path / "more.csv", extra)).unknown_columns == ("联系人",)


# -- files that must be refused --------------------------------------------------------------


def _refused(path: Path) -> str:
    before = live_count()
    with pytest.raises(SheetError) as raised:
        import_sheet(path)
    assert live_count() == before
    t(raised.value.key, **raised.value.params)  # the message formats
    return raised.value.key


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(demo_db: Path, tmp_path: Path):
    path = tmp_path / "bomb.xlsx"
    export_activities(LedgerFilter(region_id=county("荆州区")), path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/zeros.bin", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(64):
                member.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    assert _refused(path) == "sheet.zip_bomb"


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@pytest.mark.parametrize("member", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_billion_laughs_xml_is_refused(demo_db: Path, tmp_path: Path, member: str):
    source = tmp_path / "good.xlsx"
    export_activities(LedgerFilter(region_id=county("荆州区")), source)
    path = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == member:
                text = data.decode()
                body = text[text.index("?>") + 2 :] if text.startswith("<?xml") else text
                data = (LAUGHS + body.replace("</", "&lol3;</", 1)).encode()
            new.writestr(item, data)
    assert _refused(path) == "sheet.unsafe_xml"


def test_openpyxl_on_lxml_or_without_defusedxml_reads_nothing(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """lxml (which python-docx brings) would read a workbook's parts past defusedxml: the data
    layer keeps openpyxl off it, and a reader that finds it on (or defusedxml off) refuses."""
    import openpyxl

    assert openpyxl.LXML is False and openpyxl.DEFUSEDXML is True
    path = tmp_path / "good.xlsx"
    export_activities(LedgerFilter(region_id=county("荆州区")), path)
    for switch, value in (("LXML", True), ("DEFUSEDXML", False)):
        with monkeypatch.context() as patched:
            patched.setattr(openpyxl, switch, value)
            assert _refused(path) == "sheet.unsafe_parser"


def test_other_unusable_files_are_refused_with_a_reason(demo_db: Path, tmp_path: Path):
    (tmp_path / "renamed.xlsx").write_text("编号,活动名称\n1,讲座\n", encoding="utf-8")
    assert _refused(tmp_path / "renamed.xlsx") == "sheet.not_xlsx"
    (tmp_path / "zip.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert _refused(tmp_path / "zip.xlsx") == "sheet.not_xlsx"
    (tmp_path / "old.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert _refused(tmp_path / "old.xlsx") == "sheet.old_xls"
    for name in ("empty.xlsx", "empty.csv"):
        (tmp_path / name).write_bytes(b"")
        assert _refused(tmp_path / name) == "sheet.empty"
    (tmp_path / "utf16.csv").write_bytes("编号,活动名称\n".encode("utf-16"))
    assert _refused(tmp_path / "utf16.csv") == "sheet.encoding"
    with (tmp_path / "huge.csv").open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no 51 MB written
    assert _refused(tmp_path / "huge.csv") == "sheet.too_large"
    (tmp_path / "notes.docx").write_text("x")
    assert _refused(tmp_path / "notes.docx") == "sheet.unknown_format"
    (tmp_path / "headless.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert _refused(tmp_path / "headless.csv") == "sheet.no_header"
    assert _refused(tmp_path / "absent.csv") == "sheet.missing"


# -- the checks the import shares with the form ----------------------------------------------


def _input(**changes: object) -> ActivityInput:
    town = Region.get(Region.name == "阜安街道")
    base = ActivityInput(
        title="讲座", start="2026-05-30", end="", duration="2", region_id=town.id, format="lecture"
    )
    return base._replace(**changes)


def test_the_form_checks_still_query_the_database(demo_db: Path):
    other_town = Region.get(Region.name == "胶莱镇")
    venue = sql("SELECT id FROM venue WHERE region_id IN (SELECT id FROM region WHERE path LIKE ?)",
                f"{other_town.path}%")  # fmt: skip
    with pytest.raises(ValidationError) as raised:
        checked(_input(venue_id=venue, organiser_team_id=999_999), date(2026, 11, 20))
    assert raised.value.errors["venue"][0] == "field.venue_outside"
    assert raised.value.errors["organiser"][0] == "refused.gone"
    gone = ServiceInput(999_999, "无名", "2")
    with pytest.raises(ValidationError) as raised:
        checked(_input(service=(gone,)), date(2026, 11, 20))
    assert raised.value.errors["service"][0] == "refused.volunteer_gone"
    with pytest.raises(NeedsConfirmation):
        checked(_input(people_reached="200000"), date(2026, 11, 20))
    created = create_activity(_input(people_reached="200000", confirmed=True))
    assert sql("SELECT people_reached FROM activity WHERE id = ?", created) == 200000


@pytest.mark.parametrize(
    ("field", "text", "key"),
    [("duration", "1e30", "field.hours"), ("people_reached", "፩", "field.count"),
     ("materials", "9" * 5000, "field.count_limit")],
)  # fmt: skip
def test_hostile_numbers_are_errors_not_crashes(demo_db: Path, field: str, text: str, key: str):
    with pytest.raises(ValidationError) as raised:
        checked(_input(**{field: text}), date(2026, 11, 20))
    assert raised.value.errors[field][0] == key
