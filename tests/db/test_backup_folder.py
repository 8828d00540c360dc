"""Pruning the backup directory counts only verified backups of this database: files planted
there under backup names (dated in the future, a symlink, a directory, not SQLite, another
database's backup, another account's file) are neither counted nor removed."""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kxtui import clock
from kxtui.db.engine import backup_folder
from kxtui.db.engine.backup import BackupResult, backup
from kxtui.db.engine.backup_folder import BACKUP_OF_KEY, backups_in
from kxtui.db.engine.check import check_database
from tests.conftest import FROZEN_AT


def take(database: Path, folder: Path, minutes: int, keep: int = 3) -> BackupResult:
    folder.mkdir(exist_ok=True)
    clock.freeze(FROZEN_AT + timedelta(minutes=minutes))
    return backup(database, folder, keep=keep)


def plant(folder: Path, database: Path, tmp_path: Path, real: Path) -> dict[str, Path]:
    """What someone able to write into the backup directory could leave there, by name."""
    planted = {}
    for number in range(30):  # 2099: forged names; half are even whole copies of a backup
        path = folder / f"demo-20991231-{number:06d}.db"
        if number % 2:
            shutil.copy(real, path)
        else:
            path.write_bytes(b"PK\x03\x04 an export, not a database")
        planted[path.name] = path
    # named one minute before the backups below, so counting it would push out a real one
    planted["symlink"] = folder / "demo-20261120-092900.db"
    planted["symlink"].symlink_to(database)
    planted["directory"] = folder / "demo-20261120-092800.db"
    planted["directory"].mkdir()
    planted["not sqlite"] = folder / "demo-20261120-092700.db"
    planted["not sqlite"].write_text("名字像备份的文本")
    planted["impossible date"] = folder / "demo-20261399-000000.db"
    shutil.copy(real, planted["impossible date"])
    other = tmp_path / "other" / "demo.db"  # another county's database, also named demo.db
    other.parent.mkdir()
    shutil.copy(database, other)
    clock.freeze(FROZEN_AT - timedelta(minutes=10))
    planted["another database's backup"] = backup(other, folder, keep=0).path
    if os.geteuid() == 0:  # another account's file: only root can give it away
        planted["another owner"] = folder / "demo-20261120-092600.db"
        shutil.copy(real, planted["another owner"])
        os.chown(planted["another owner"], 65534, 65534)
    return planted


def test_only_verified_backups_of_this_database_are_counted_and_pruned(
    demo_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    first = take(demo_path, folder, 0)
    planted = plant(folder, demo_path, tmp_path, first.path)
    made = [first] + [take(demo_path, folder, minutes) for minutes in (1, 2, 3)]

    survivors = [m.path for m in made[1:]]
    assert backups_in(folder, demo_path) == survivors, "only this database's real backups"
    assert made[-1].removed == (first.path,) and not first.path.exists()
    assert made[-1].failed == ()
    assert made[-1].ignored == len(planted)
    for name, path in planted.items():
        assert os.path.lexists(path), f"{name} must not be pruned"
    assert demo_path.exists() and check_database(demo_path).ok
    for survivor in survivors:
        with closing(sqlite3.connect(f"{survivor.as_uri()}?mode=ro", uri=True)) as copy:
            marked = copy.execute("SELECT value FROM meta WHERE key = ?", (BACKUP_OF_KEY,))
            assert marked.fetchone() == (str(demo_path.resolve()),)


def test_the_backup_just_written_is_never_pruned(demo_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    older = take(demo_path, folder, 0, keep=0)
    # a verified backup named a moment ahead (a clock set back within the slack) sorts newest
    clock.freeze(FROZEN_AT + timedelta(minutes=30))
    ahead = backup(demo_path, folder, keep=0)
    written = take(demo_path, folder, 1, keep=1)
    assert written.path.exists() and ahead.path.exists()
    assert written.removed == (older.path,)


def test_a_backup_that_vanishes_or_cannot_go_is_reported_and_the_rest_pruned(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    old = [take(demo_path, folder, minutes, keep=0).path for minutes in (0, 1, 2)]
    scan = backup_folder._scan

    def scan_then_lose_one(*args: Path) -> object:
        found = scan(*args)
        old[0].unlink()  # removed by someone else between the listing and the pruning
        return found

    monkeypatch.setattr(backup_folder, "_scan", scan_then_lose_one)
    written = take(demo_path, folder, 3, keep=1)
    monkeypatch.undo()
    assert [failure.path for failure in written.failed] == [old[0]]
    assert "No such file" in written.failed[0].reason
    assert written.removed == (old[1], old[2])
    assert backups_in(folder, demo_path) == [written.path]


def test_a_backup_swapped_after_its_check_is_not_removed(
    demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"
    old = take(demo_path, folder, 0, keep=0).path
    scan = backup_folder._scan

    def scan_then_swap(*args: Path) -> object:
        found = scan(*args)
        old.unlink()
        old.symlink_to(demo_path)  # the checked file replaced by something else of that name
        return found

    monkeypatch.setattr(backup_folder, "_scan", scan_then_swap)
    written = take(demo_path, folder, 1, keep=1)
    assert [failure.path for failure in written.failed] == [old]
    assert old.is_symlink() and written.removed == ()
