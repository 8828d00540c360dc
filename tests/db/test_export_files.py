"""Where exports may write and imports may read, what an export changes in the data, and the
audit entry of every export (issue: exports wrote over the database, its backups and the
service account's home; imports read anything; control characters passed raw)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.db.engine.backup import backup
from kxtui.db.engine.models import database
from kxtui.db.errors import KxError
from kxtui.db.rows import AuditFilter, LedgerFilter, RosterFilter
from kxtui.db.sheets.columns import CELL_MAX, SheetError, zh
from kxtui.db.sheets.export_activities import export_activities
from kxtui.db.sheets.export_audit import export_audit
from kxtui.db.sheets.export_volunteers import export_volunteers
from kxtui.db.sheets.read import read_table
from kxtui.i18n import words

HOSTILE = "名\x1b]52;c;aGk=\x07\x00\x9b31m\u202eevil\u200b"  # ESC BEL NUL C1 RLO ZWSP
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u200b")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _exports() -> list[tuple[str, str, dict[str, list[object]]]]:
    rows = database.execute_sql(
        "SELECT actor, entity, changes FROM audit_entry WHERE action = 'export' ORDER BY id"
    ).fetchall()
    return [(actor, entity, json.loads(changes)) for actor, entity, changes in rows]


@pytest.fixture
def server(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Server mode as deployed: kxtui runs as the database file's owner, started by sudo for
    the officer lisi. Returns lisi's exports folder."""
    assert demo_db.stat().st_uid == os.getuid()
    monkeypatch.setenv("SUDO_USER", "lisi")
    return demo_db.parent / "files" / "lisi" / "exports"


# -- what an export changes, said ------------------------------------------------------------


def _hostile_activity() -> int:
    first = database.execute_sql("SELECT MIN(id) FROM activity").fetchone()[0]
    database.execute_sql(
        "UPDATE activity SET title = ?, notes = ? WHERE id = ?", (HOSTILE, "长" * 40_000, first)
    )
    return first


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_every_control_and_format_character_is_shown_and_counted(demo_db, tmp_path, suffix):
    activity = _hostile_activity()
    result = export_activities(LedgerFilter(), tmp_path / f"a.{suffix}")
    served = database.execute_sql(
        "SELECT COUNT(*) FROM service_record WHERE activity_id = ?", (activity,)
    ).fetchone()[0]
    # the title is also in each of the activity's rows of the XLSX sheet 志愿服务
    assert (result.cut, result.replaced) == (1, 1 + (served if suffix == "xlsx" else 0))
    if suffix == "csv":
        text = (tmp_path / "a.csv").read_text(encoding="utf-8-sig")
        row = next(r for r in csv.reader(text.splitlines()) if r and r[0] == str(activity))
    else:
        book = load_workbook(tmp_path / "a.xlsx")
        row = next(r for r in book.worksheets[0].iter_rows(values_only=True) if r[0] == activity)
        text = "".join(str(c) for r in book.worksheets[0].iter_rows(values_only=True) for c in r)
        notes = [list(r) for r in book[zh("notes.sheet")].iter_rows(values_only=True)]
        assert book.sheetnames[-1] == "说明"
        # row 3: the title, the header, then the first activity (the hostile one is the oldest)
        assert [zh("sheet.sheet_activities"), 3, "活动名称", "替换了 6 个字符"] in notes
        assert [zh("sheet.sheet_activities"), 3, "备注", "超长已截断"] in notes
    assert not any(raw in text for raw in RAW)
    assert row[1] == "名␛]52;c;aGk=␇␀⟨U+009B⟩31m⟨U+202E⟩evil⟨U+200B⟩"
    assert len(row[-1]) == CELL_MAX and row[-1].endswith(zh("sheet.truncated"))
    assert [t for key, _ in result.notes() for t in [key]][:1] == ["files.changes"]


def test_roster_and_audit_exports_treat_characters_the_same(demo_db, tmp_path) -> None:
    volunteer = database.execute_sql("SELECT MIN(id) FROM volunteer").fetchone()[0]
    database.execute_sql("UPDATE volunteer SET notes = ? WHERE id = ?", (HOSTILE, volunteer))
    roster = export_volunteers(RosterFilter(), tmp_path / "v.csv")
    assert (roster.cut, roster.replaced) == (0, 1)
    assert not any(raw in (tmp_path / "v.csv").read_text(encoding="utf-8-sig") for raw in RAW)
    database.execute_sql(
        "INSERT INTO audit_entry (at, actor, action, entity, summary, changes)"
        " VALUES ('2026-11-20 09:00:00', 'x', 'update', 'venue', ?, '{}')", (HOSTILE,)
    )  # fmt: skip
    audit = export_audit(AuditFilter(), tmp_path / "h.xlsx", words=words("zh"))
    assert audit.replaced == 1
    book = load_workbook(tmp_path / "h.xlsx")
    assert "说明" in book.sheetnames
    cells = "".join(str(c) for r in book.worksheets[0].iter_rows(values_only=True) for c in r)
    assert not any(raw in cells for raw in RAW)


def test_a_clean_export_has_no_notes_sheet(demo_db, tmp_path) -> None:
    result = export_activities(LedgerFilter(), tmp_path / "a.xlsx")
    assert (result.cut, result.replaced, result.notes()) == (0, 0, [])
    assert "说明" not in load_workbook(tmp_path / "a.xlsx").sheetnames


# -- laptop: the folder is the officer's, the database and its backups are not -----------------


def test_laptop_export_never_overwrites_the_database_companions_or_a_backup(demo_db, tmp_path):
    kept = backup(demo_db).path
    with sqlite3.connect(demo_db) as connection:  # make -wal and -shm exist
        connection.execute("PRAGMA journal_mode = WAL").fetchone()
        connection.execute("SELECT COUNT(*) FROM region").fetchone()
        other = demo_db.with_name("demo.db-writer")
        other.touch()
        os.link(demo_db, tmp_path / "hard-link.csv")
        (tmp_path / "link.csv").symlink_to(demo_db)
        foreign = tmp_path / "foreign.csv"
        sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
        before = {p: _digest(p) for p in (demo_db, kept, foreign)}
        targets = [demo_db, Path(f"{demo_db}-wal"), Path(f"{demo_db}-shm"), other, kept,
                   kept.parent / "new.csv", demo_db.with_name("kxtui-20991231-000001.db"),
                   tmp_path / "hard-link.csv", tmp_path / "link.csv", foreign]  # fmt: skip
        for target in targets:
            with pytest.raises(KxError) as raised:
                export_activities(LedgerFilter(), target, "csv", overwrite=True)
            assert raised.value.key == "files.protected", target
    assert before == {p: _digest(p) for p in before}
    assert not (kept.parent / "new.csv").exists()
    assert _exports() == []  # nothing written, nothing recorded


def test_laptop_export_is_audited_with_filter_rows_and_file(demo_db, tmp_path) -> None:
    result = export_activities(LedgerFilter(text="讲座"), tmp_path / "mine.csv")
    assert result.audited and not result.server
    (actor, entity, changes), = _exports()  # fmt: skip
    assert (actor, entity) == ("tester", "activity")
    assert changes["file"][1] == str(tmp_path / "mine.csv")
    assert changes["rows"][1] == result.rows and changes["filter"][1] == "text=讲座"


# -- server: a name, the officer's own folder, new files only --------------------------------


def test_server_export_goes_into_the_officers_folder_as_a_new_file(server, demo_db) -> None:
    result = export_volunteers(RosterFilter(), "花名册.csv")
    assert result.server and Path(result.path) == server / "花名册.csv"
    assert server.stat().st_mode & 0o777 == 0o700
    assert (server.parent.stat().st_mode & 0o777, server.parent.parent.stat().st_mode & 0o777) \
        == (0o700, 0o700)  # fmt: skip
    first = _digest(server / "花名册.csv")
    with pytest.raises(KxError) as raised:
        export_volunteers(RosterFilter(), "花名册.csv", overwrite=True)
    assert raised.value.key == "files.exists_server"
    assert _digest(server / "花名册.csv") == first
    (actor, entity, changes), = _exports()  # fmt: skip
    assert (actor, entity, changes["file"][1]) == ("tester", "volunteer", result.path)


@pytest.mark.parametrize(
    "name",
    ["../x.csv", "a/b.csv", "/srv/kxtui/kxtui.db", ".ssh", "..csv", "a..b.csv", "名\u202e.csv",
     "~/x.csv", ""],
)  # fmt: skip
def test_server_export_refuses_anything_but_a_plain_name(server, demo_db, name) -> None:
    before = _digest(demo_db)
    with pytest.raises(KxError) as raised:
        export_activities(LedgerFilter(), name, "csv")
    assert raised.value.key == "files.name_only"
    assert _digest(demo_db) == before and _exports() == []


def test_server_export_named_like_the_database_or_a_backup_stays_in_its_folder(server, demo_db):
    before = _digest(demo_db)
    for name in ("demo.db", "kxtui-20991231-000001.db"):
        result = export_activities(LedgerFilter(), name, "csv")
        assert Path(result.path).parent == server
    assert _digest(demo_db) == before
    assert sorted(p.name for p in server.iterdir()) == [
        "demo.db.csv", "kxtui-20991231-000001.db.csv"]  # fmt: skip


def test_a_link_planted_in_the_exports_folder_is_not_followed(server, demo_db) -> None:
    server.mkdir(parents=True)
    (server / "trap.csv").symlink_to(demo_db)
    before = _digest(demo_db)
    with pytest.raises(KxError) as raised:
        export_activities(LedgerFilter(), "trap.csv")
    assert raised.value.key == "files.exists_server"
    assert _digest(demo_db) == before


def test_a_linked_officer_folder_is_refused(server, demo_db, tmp_path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    server.parent.parent.mkdir(parents=True)
    server.parent.symlink_to(elsewhere)  # files/lisi -> elsewhere
    with pytest.raises(KxError) as raised:
        export_activities(LedgerFilter(), "a.csv")
    assert raised.value.key == "files.folder_failed"
    assert list(elsewhere.iterdir()) == []


# -- imports ---------------------------------------------------------------------------------


_HOLDS_LOCK = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=0)
try:
    c.execute("BEGIN IMMEDIATE")
except sqlite3.OperationalError:
    print("locked")
else:
    print("free")
"""


def _locked_by_us(path: Path) -> bool:
    answer = subprocess.run([sys.executable, "-c", _HOLDS_LOCK, str(path)], capture_output=True,
                            text=True, check=True)  # fmt: skip
    return answer.stdout.strip() == "locked"


def test_importing_the_database_is_refused_before_it_is_opened(demo_db, tmp_path, monkeypatch):
    """Closing any descriptor of the live database drops this process's SQLite locks: the
    refusal must come from stat alone, so the lock held here is still held afterwards."""
    (tmp_path / "db.csv").symlink_to(demo_db)
    os.link(demo_db, tmp_path / "hard.xlsx")
    with sqlite3.connect(demo_db, isolation_level=None) as holding:
        holding.execute("BEGIN IMMEDIATE")
        assert _locked_by_us(demo_db)
        for path in (tmp_path / "db.csv", tmp_path / "hard.xlsx"):
            with pytest.raises(SheetError) as raised:
                read_table(path)
            assert raised.value.key == "files.protected_import"
        with pytest.raises(SheetError) as raised:
            read_table(demo_db)  # the suffix is refused first
        assert raised.value.key == "sheet.unknown_format"
        assert _locked_by_us(demo_db)
        holding.execute("ROLLBACK")


def test_server_import_reads_only_the_officers_uploads(server, demo_db, tmp_path) -> None:
    outside = tmp_path / "county.csv"
    outside.write_text("编号,活动名称\n1,x\n", encoding="utf-8")
    secret = tmp_path / "secret.csv"
    secret.write_text("x", encoding="utf-8")
    secret.chmod(0)
    messages = set()
    for text in (str(outside), str(secret), str(tmp_path / "absent.csv"), "../county.csv",
                 "/etc/passwd.csv"):  # fmt: skip
        with pytest.raises(SheetError) as raised:
            read_table(text)
        messages.add((raised.value.key, tuple(raised.value.params.items())))
    assert {key for key, _ in messages} == {"files.upload_only"}
    uploads = server.parent / "uploads"
    with pytest.raises(SheetError) as raised:
        read_table("county.csv")
    assert raised.value.key == "sheet.missing" and uploads.is_dir()
    (uploads / "county.csv").write_bytes(outside.read_bytes())
    with pytest.raises(SheetError) as raised:  # read: its header lacks the required columns
        read_table("county.csv")
    assert raised.value.key == "sheet.missing_columns"


def test_a_volunteer_import_never_names_someone_outside_the_officers_view(demo_db, tmp_path):
    """A town officer's file holding the mobile of someone registered in another town: the
    row is reported as already registered, without that person's name or village."""
    from kxtui.db.engine import scope
    from kxtui.db.sheets.import_volunteers import check_file
    from kxtui.domain import AccessRole

    town = database.execute_sql("SELECT path FROM region WHERE name = '胶莱镇'").fetchone()[0]
    name, mobile, village = database.execute_sql(
        "SELECT v.name, v.mobile, r.name FROM volunteer v JOIN region r ON r.id = v.region_id"
        " WHERE r.path NOT LIKE ? AND v.mobile IS NOT NULL LIMIT 1", (town + "%",)
    ).fetchone()  # fmt: skip
    scope.sign_in(scope.Session(user="jiaolai", name="胶莱专干", role=AccessRole.TOWN_STAFF,
                                edit_path=town, view_path=town))  # fmt: skip
    path = tmp_path / "mine.csv"
    path.write_text(f"姓名,联系电话,所属镇街,所属村居\n新人,{mobile},胶莱镇,郭庄村\n",
                    encoding="utf-8")  # fmt: skip
    for choice in ("skip", "keep"):
        report = check_file(path, on_duplicate=choice)
        said = [
            str(value) for p in (*report.errors, *report.warnings) for value in p.params.values()
        ]
        assert said and not any(name in text or village in text for text in said), said
        assert any("查看范围以外" in text for text in said)


def test_a_viewers_export_is_audited_in_their_area(server, demo_db) -> None:
    from kxtui.db.audit import count
    from kxtui.db.engine import scope
    from kxtui.domain import AccessRole

    town = database.execute_sql("SELECT path FROM region WHERE name = '胶莱镇'").fetchone()[0]
    scope.sign_in(scope.Session(user="lisi", name="李四", role=AccessRole.VIEWER,
                                edit_path=town, view_path=town))  # fmt: skip
    result = export_activities(LedgerFilter(), "镇里.csv")
    assert result.audited and Path(result.path).parent == server
    (actor, entity, changes), = _exports()  # fmt: skip
    assert (actor, entity, changes["rows"][1]) == ("lisi", "activity", result.rows)
    assert count(AuditFilter(actor="lisi")) == 1  # in their own audit log


def test_no_control_or_format_character_of_any_plane_reaches_a_cell() -> None:
    """Every code point, in blocks: a cell holds none of the unsafe ones (only tab and line
    breaks stay), each is counted once, and everything else passes unchanged."""
    import sys
    import unicodedata

    from kxtui.db.sheets.columns import KEPT, clean_cell

    unsafe = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    for start in range(0, sys.maxunicode + 1, 4096):
        block = "".join(chr(c) for c in range(start, min(start + 4096, sys.maxunicode + 1)))
        text, replaced, cut = clean_cell(block)
        bad = [ch for ch in block if ch not in KEPT and (
            unicodedata.category(ch) in unsafe or (ord(ch) & 0xFFFE) == 0xFFFE)]  # fmt: skip
        assert replaced == len(bad) and not cut
        left = set(text) & set(bad)
        assert not left, [hex(ord(ch)) for ch in left]
        if not bad:
            assert text == block
