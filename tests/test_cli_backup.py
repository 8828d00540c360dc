"""`kxtui backup` over a backup directory holding planted files and a backup that vanishes
while it prunes: the backup is made, the trouble is reported on stderr, the exit code is 0."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from kxtui import clock
from kxtui.cli import main
from kxtui.db.engine import backup_folder
from kxtui.db.engine.backup_folder import backups_in
from tests.conftest import FROZEN_AT


def test_backup_reports_what_it_could_not_prune_and_succeeds(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    command = ["backup", "--db", str(demo_path), "-o", str(folder), "--keep"]
    for minutes in (0, 1):
        clock.freeze(FROZEN_AT + timedelta(minutes=minutes))
        assert main([*command, "0"]) == 0
    old = backups_in(folder, demo_path)
    for number in range(3):
        shutil.copy(old[0], folder / f"demo-20991231-{number:06d}.db")
    scan = backup_folder._scan

    def scan_then_lose_the_oldest(*args: Path) -> object:
        found = scan(*args)
        old[0].unlink()
        return found

    monkeypatch.setattr(backup_folder, "_scan", scan_then_lose_the_oldest)
    capsys.readouterr()
    clock.freeze(FROZEN_AT + timedelta(minutes=2))
    assert main([*command, "1"]) == 0
    monkeypatch.undo()
    shown = capsys.readouterr()
    assert "已备份到" in shown.out and "demo-20261120-093200.db" in shown.out
    assert "删除了 1 个较早的备份" in shown.out
    assert f"未能删除较早的备份 {old[0]}：No such file or directory" in shown.err
    assert "有 3 个文件名像备份" in shown.err
    assert [path.name for path in backups_in(folder, demo_path)] == ["demo-20261120-093200.db"]
    assert main(["check", "--db", str(demo_path)]) == 0
