"""The export and import dialogs on a county server (kxtui run by sudo as the database's
owner): a file name only, the officer's own folders, ZMODEM to and from their PC with the app
suspended; and on a laptop, no export over the database."""

from __future__ import annotations

import getpass
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Label, Static

from kxtui import zmodem
from kxtui.db.rows import LedgerFilter
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.export_activities import ActivityExportScreen
from kxtui.screens.import_activities import ImportScreen
from tests.app.helpers import make_app, notifications, plain, press, settle, wait_until


@pytest.fixture
def on_server(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Server mode: the database is ours and sudo named the officer. The officer's folder."""
    monkeypatch.setenv("SUDO_USER", getpass.getuser())
    return demo_path.parent / "files" / getpass.getuser()


class Terminal:
    """Stands in for lrzsz and the app's suspension: records what ran, where, suspended."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, app: object, writes: str = "") -> None:
        self.ran: list[tuple[list[str], Path, bool]] = []
        self.suspended = False
        self.writes = writes  # a file name `rz` "receives"

        @contextmanager
        def suspend():  # type: ignore[no-untyped-def]
            self.suspended = True
            yield
            self.suspended = False

        def run(command, cwd, check):  # type: ignore[no-untyped-def]
            self.ran.append((command, Path(cwd), self.suspended))
            if self.writes:
                (Path(cwd) / self.writes).write_text("编号,活动名称\n", encoding="utf-8")
            return subprocess.CompletedProcess(command, 0)

        monkeypatch.setattr(app, "suspend", suspend)
        monkeypatch.setattr(zmodem.subprocess, "run", run)
        monkeypatch.setattr(zmodem.shutil, "which", lambda name: f"/usr/bin/{name}")


def status(screen: ActivityExportScreen) -> str:
    return plain(screen.query_one("#export-status", Static).content).replace("\n", "")


async def open_export(pilot: Pilot) -> ActivityExportScreen:
    await settle(pilot)
    pilot.app.push_screen(ActivityExportScreen(LedgerFilter(), 669))
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActivityExportScreen)
    return pilot.app.screen


async def test_server_export_takes_a_name_and_sends_it_by_zmodem(
    demo_path: Path, on_server: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_path)
    terminal = Terminal(monkeypatch, app)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        field = screen.query_one("#export-path", Input)
        assert field.value == "全部区域-活动台账-全部.xlsx"
        assert "导出目录" in plain(screen.query_one("#export-where", Label).content)
        folder = plain(screen.query_one("#export-folder", Label).content).strip()
        assert folder == str(on_server / "exports")  # the server's folder, not the laptop's
        field.value = "../kxtui.db"
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy and status(screen))
        assert "只填文件名" in status(screen)
        field.value = "台账.csv"
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy and "已导出" in status(screen))
        folder = on_server / "exports"
        assert str(folder) in status(screen) and "ZMODEM" in status(screen)
        assert (folder / "台账.csv").exists()
        send = screen.query_one("#export-send", Button)
        assert send.display and send.has_focus
        await press(pilot, "z")
        assert terminal.ran == [(["/usr/bin/sz", "--escape", "--binary", "--", "台账.csv"],
                                 folder, True)]  # fmt: skip
        assert any("已通过 ZMODEM 发送 台账.csv" in n for n in notifications(pilot))
        field.value = "台账.csv"  # again: never over the file already there
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not screen.busy and "不会覆盖" in status(screen))
        assert not isinstance(pilot.app.screen, ConfirmScreen)


async def test_laptop_export_dialog_refuses_the_database(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    async with make_app(demo_path).run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert not screen.query("#export-where")
        screen.query_one("#export-path", Input).value = str(demo_path)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy and status(screen))
        assert "数据库" in status(screen)
        assert not isinstance(pilot.app.screen, ConfirmScreen)  # no "overwrite?" offered
    assert demo_path.read_bytes() == before


async def test_server_import_uploads_by_zmodem_into_the_officers_folder(
    demo_path: Path, on_server: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(demo_path)
    terminal = Terminal(monkeypatch, app, writes="名单.csv")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(ImportScreen(None))
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ImportScreen)
        assert screen.query_one("#import-path", Input).has_focus
        await press(pilot, "ctrl+u")  # or the button
        uploads = on_server / "uploads"
        ((command, folder, suspended),) = terminal.ran
        assert (Path(command[0]).name, folder, suspended) == ("rz", uploads, True)
        assert "--restricted" in command and "--rename" in command
        assert screen.query_one("#import-path", Input).value == "名单.csv"
        summary = plain(screen.query_one("#import-summary", Static).content)
        assert "已上传：名单.csv" in summary
        screen.query_one("#import-path", Input).value = str(demo_path.parent / "x.csv")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy)
        summary = plain(screen.query_one("#import-summary", Static).content)
        assert "只能导入你的上传目录中的文件" in summary.replace("\n", "")


async def test_the_export_dialog_says_what_the_export_changed(demo_path, tmp_path) -> None:
    import sqlite3

    with sqlite3.connect(demo_path) as connection:
        connection.execute(
            "UPDATE activity SET title = ?, notes = ? WHERE id = (SELECT MIN(id) FROM activity)",
            ("名\u202e\x1b[2J", "长" * 40_000),
        )
    async with make_app(demo_path).run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#export-path", Input).value = str(tmp_path / "a.xlsx")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not screen.busy and "已导出" in status(screen))
        assert "1 个单元格超过 32,767 字符已截断" in status(screen)
        assert "“说明”表" in status(screen)
