"""志愿服务记录证明 in the app, driven with keys: F8 on a volunteer's record issues one (the
DOCX checked against the test's own SQL), the register's Enter reprints one (补打, the number
kept), F8 on a team issues its members' in one batch, a bad period is said beside the field
with the text kept, Esc during a batch leaves nothing, and a viewer is refused."""

from __future__ import annotations

import sqlite3
import threading
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import pytest
from docx import Document
from textual.pilot import Pilot
from textual.widgets import Input, Static

from kxtui.db.certificates import files
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.screens.certificate_dialog import CertificateDialog
from kxtui.screens.certificates import RegisterScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from tests.app.helpers import (
    make_app,
    notifications,
    open_list,
    open_screen,
    plain,
    press,
    type_text,
    wait_until,
)
from tests.app.test_write_keys import READ_ONLY_ACCOUNT, VIEWER

TEAM = "中云街道电商直播专业队"  # a team of the demo with some 70 members


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def floor_half(value: object) -> Decimal:
    number = Decimal(str(value)).quantize(Decimal("0.01"))
    return (number * 2).to_integral_value(rounding=ROUND_FLOOR) / 2


def hours_text(value: Decimal) -> str:
    return f"{value:.1f}".removesuffix(".0")


def document_text(path: Path) -> str:
    document = Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def status(dialog: CertificateDialog) -> str:
    return plain(dialog.query_one("#certificate-status", Static).content).replace("\n", "")


def finished(dialog: CertificateDialog) -> bool:
    return not dialog.busy and bool(status(dialog))


async def open_record(pilot: Pilot) -> VolunteerFormScreen:
    """The roster by total hours, its first volunteer (who served most), their record."""
    roster = await open_list(pilot, "m", RosterScreen)
    await press(pilot, "s")
    assert roster.table.cursor_row.hours_total > 0
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
    return pilot.app.screen


async def open_dialog(pilot: Pilot, key: str = "f8") -> CertificateDialog:
    await press(pilot, key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CertificateDialog))
    return pilot.app.screen


async def test_f8_on_a_record_issues_a_certificate_the_docx_agrees_with_sql(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        form = await open_record(pilot)
        volunteer = form.existing
        dialog = await open_dialog(pilot)
        name = dialog.query_one("#certificate-path", Input).value
        assert name == f"志愿服务记录证明_{volunteer.name}_20261120.docx"
        await type_text(pilot, "2026")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: finished(dialog))
        said = status(dialog)
    ((number, hours, issued_by),) = rows(
        demo_path, "SELECT number, hours, issued_by FROM certificate WHERE volunteer_id = ?",
        volunteer.id,
    )  # fmt: skip
    ((served,),) = rows(
        demo_path,
        "SELECT COALESCE(SUM(s.hours), 0) FROM service_record s JOIN activity a"
        " ON a.id = s.activity_id WHERE s.volunteer_id = ? AND a.deleted_at IS NULL"
        " AND a.start_date BETWEEN '2026-01-01' AND '2026-11-20'",
        volunteer.id,
    )
    expected = floor_half(served)
    assert expected > 0 and Decimal(hours) == expected
    assert number == "胶科协志证〔2026〕第0001号" and issued_by == "测试管理员"
    assert number in said and str(folder / name) in said and "补打 0" in said
    text = document_text(folder / name)
    assert number in text and volunteer.name in text
    assert f"累计 {hours_text(expected)} 小时" in text and "2026年1月1日至2026年12月31日" in text
    assert "补打" not in text


async def test_enter_in_the_register_reprints_with_the_number_kept(
    demo_path: Path, tmp_path: Path
) -> None:
    open_database(demo_path)
    (volunteer,) = rows(demo_path, "SELECT volunteer_id FROM service_record LIMIT 1")[0]
    first = files.write_certificates([volunteer], tmp_path / "first.docx")
    close_database()
    number = first.batch.issued[0].number
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        register = await open_list(pilot, "z", RegisterScreen)
        assert register.table.cursor_row.number == number
        dialog = await open_dialog(pilot, "enter")
        assert number in plain(dialog.query_one("#certificate-title").content)
        assert dialog.query_one("#certificate-period", Input).disabled  # the same period
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: finished(dialog))
        said = status(dialog)
        written = dialog.written
        await press(pilot, "escape")
        assert pilot.app.screen is register
        await wait_until(pilot, lambda: register.table.cursor_row.reprints == 1)
    assert number in said and "补打 1" in said and "新开 0" in said
    assert rows(demo_path, "SELECT number, reprints FROM certificate") == [(number, 1)]
    text = document_text(Path(written))
    assert number in text and "补打" in text


async def test_f8_on_a_team_issues_its_members_in_one_batch(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "T", TeamTreeScreen)
        await type_text(pilot, TEAM)  # found by name: F8 takes the team found
        dialog = await open_dialog(pilot)
        count = plain(dialog.query_one("#certificate-count").content)
        members = len(dialog.ids)
        assert members > 1 and f"共 {members} 名志愿者" in count
        assert TEAM in plain(dialog.query_one("#certificate-title").content)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: finished(dialog), timeout=60)
        said = status(dialog)
    numbers = [n for (n,) in rows(demo_path, "SELECT number FROM certificate ORDER BY sequence")]
    assert 1 < len(numbers) <= members
    assert f"{numbers[0]} … {numbers[-1]}" in said and f"已出具 {len(numbers)} 份" in said
    if len(numbers) < members:  # those without hours are left out, and the message says so
        assert f"{members - len(numbers)} 名志愿者在该期间没有可证明的时数" in said
    audited = rows(demo_path, "SELECT COUNT(*) FROM audit_entry WHERE entity = 'certificate'"
                   " AND action = 'issue'")  # fmt: skip
    assert audited == [(len(numbers),)]


async def test_a_bad_period_is_said_beside_the_field_and_kept(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await open_record(pilot)
        dialog = await open_dialog(pilot)
        await type_text(pilot, "2026Q5")
        await press(pilot, "enter")
        error = plain(dialog.query_one("#certificate-period-error", Static).content)
        assert "“2026Q5”不是期间" in error
        field = dialog.query_one("#certificate-period", Input)
        assert field.value == "2026Q5" and field.has_focus and not dialog.busy
        await press(pilot, "backspace", "4")  # the message goes as soon as it is right
        assert plain(dialog.query_one("#certificate-period-error", Static).content).strip() == ""
    assert rows(demo_path, "SELECT COUNT(*) FROM certificate") == [(0,)]


async def test_escape_during_a_batch_leaves_no_number_no_row_no_file(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    began, go_on = threading.Event(), threading.Event()
    write_document = files.write_document

    def slow_document(issued, handle, **options):  # type: ignore[no-untyped-def]
        began.set()  # the numbers are taken, inside the write: wait for Esc
        go_on.wait(10)
        options["progress"]("certificate.stage_document", 0, len(issued))
        write_document(issued, handle, **options)

    monkeypatch.setattr(files, "write_document", slow_document)
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, "T", TeamTreeScreen)
        await type_text(pilot, TEAM)
        dialog = await open_dialog(pilot)
        name = dialog.query_one("#certificate-path", Input).value
        await pilot.press("ctrl+s")  # (not `press`: it waits for the worker, which waits)
        for _ in range(500):
            if began.is_set():
                break
            await pilot.pause(0.02)
        assert began.is_set() and dialog.busy
        await pilot.press("escape")
        assert pilot.app.screen is dialog  # Esc stops the issuing, not the dialog
        go_on.set()
        await wait_until(pilot, lambda: not dialog.busy)
        assert status(dialog) == "已停止：未开具任何证明，未占用编号，未写文件"
    assert rows(demo_path, "SELECT COUNT(*) FROM certificate") == [(0,)]
    assert rows(demo_path, "SELECT COUNT(*) FROM audit_entry WHERE entity = 'certificate'") == [
        (0,)
    ]
    assert not (folder / name).exists() and list(folder.glob("*")) == []


async def test_a_viewer_is_refused_the_certificate(demo_path: Path) -> None:
    scope.sign_in(VIEWER)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        form = await open_record(pilot)
        active = form.active_bindings["f8"]
        assert not active.enabled and active.tooltip == READ_ONLY_ACCOUNT
        before = len(notifications(pilot))
        await press(pilot, "f8")
        assert pilot.app.screen is form
        assert notifications(pilot)[before:] == [READ_ONLY_ACCOUNT]
        await press(pilot, "escape", "escape")
        register = await open_list(pilot, "z", RegisterScreen)  # reading it is allowed
        active = register.active_bindings["enter"]  # 补打 is a write
        assert not active.enabled and active.tooltip == READ_ONLY_ACCOUNT
    assert rows(demo_path, "SELECT COUNT(*) FROM certificate") == [(0,)]


async def test_x_in_the_register_exports_it_to_xlsx(demo_path: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from kxtui.screens.export_dialog import ExportScreen

    open_database(demo_path)
    (volunteer,) = rows(demo_path, "SELECT volunteer_id FROM service_record LIMIT 1")[0]
    number = files.write_certificates([volunteer], tmp_path / "one.docx").batch.issued[0].number
    close_database()
    folder = tmp_path / "导出"
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "z", RegisterScreen)
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ExportScreen))
        dialog = pilot.app.screen
        name = "胶州市-志愿服务记录证明登记簿-全部.xlsx"
        await wait_until(pilot, lambda: dialog.query_one("#export-path", Input).value == name)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: dialog.written is not None)
    sheet = load_workbook(folder / name).worksheets[0]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert sheet["A1"].value == "志愿服务记录证明登记簿" and number in values


async def test_a_volunteer_not_yet_saved_is_offered_no_certificate(demo_path: Path) -> None:
    """A new volunteer's form has no service to certify: neither F8 nor the palette offers
    a certificate there (the palette listed a command that did nothing)."""
    from tests.app.test_write_keys import palette_commands

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await press(pilot, "V")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        assert pilot.app.screen.existing is None
        assert not any("证明" in title for title in palette_commands(pilot))
        await press(pilot, "f8")
        assert not any(isinstance(screen, CertificateDialog) for screen in pilot.app.screen_stack)
        await press(pilot, "escape")
        form = await open_record(pilot)
        assert "志愿者: 开具志愿服务记录证明" in palette_commands(pilot, form)


async def test_p_in_the_register_shows_this_years_then_last_years(
    demo_path: Path, tmp_path: Path
) -> None:
    """`p`: every year's certificates, then this year's, then last year's, then all again;
    the count agrees with the register's rows of that year."""
    open_database(demo_path)
    volunteers = [
        v for (v,) in rows(demo_path, "SELECT DISTINCT volunteer_id FROM service_record LIMIT 3")
    ]
    files.write_certificates(volunteers, tmp_path / "some.docx")
    close_database()
    with sqlite3.connect(demo_path) as connection:  # one of them issued last year, as if
        connection.execute(
            "UPDATE certificate SET year = 2025 WHERE id = (SELECT MIN(id) FROM certificate)"
        )
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        register = await open_list(pilot, "z", RegisterScreen)
        seen = []
        for _ in range(4):
            seen.append((register.filter.year, register.table.total))
            await press(pilot, "p")
    assert seen == [(None, 3), (2026, 2), (2025, 1), (None, 3)]


async def test_a_file_already_there_is_kept_on_no_and_written_over_on_yes(
    demo_path: Path, tmp_path: Path
) -> None:
    """The file name of a certificate already written: asked first; 不覆盖 keeps it (no number
    taken, the name ready to change), 覆盖 writes over it."""
    from kxtui.screens.confirm import ConfirmScreen

    folder = tmp_path / "导出"
    folder.mkdir()
    async with make_app(demo_path, export_dir=folder).run_test(size=(80, 24)) as pilot:
        await open_record(pilot)
        dialog = await open_dialog(pilot)
        name = dialog.query_one("#certificate-path", Input).value
        (folder / name).write_bytes(b"precious")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "n")  # 不覆盖
        await wait_until(pilot, lambda: pilot.app.screen is dialog and finished(dialog))
        assert "未覆盖" in status(dialog)
        field = dialog.query_one("#certificate-path", Input)
        assert field.has_focus and field.cursor_position == len(name) - len(".docx")
        assert (folder / name).read_bytes() == b"precious"
        assert rows(demo_path, "SELECT COUNT(*) FROM certificate") == [(0,)]
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "y")  # 覆盖
        await wait_until(pilot, lambda: pilot.app.screen is dialog and "份" in status(dialog))
    assert rows(demo_path, "SELECT COUNT(*) FROM certificate") == [(1,)]
    assert document_text(folder / name)
