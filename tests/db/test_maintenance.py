"""Backup, check and restore of the database file, checked by SQL on the files they leave."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from kxtui import clock
from kxtui.db.engine.backup import backup, in_use, restore
from kxtui.db.engine.backup_folder import backups_in
from kxtui.db.engine.check import check_database
from kxtui.db.engine.connection import hold_open
from kxtui.db.errors import KxError, OpenError, RefusedError
from tests.conftest import FROZEN_AT

ROOT = Path(__file__).resolve().parents[2]
COUNTED = (
    "region", "venue", "volunteer", "activity", "service_record", "volunteer_key", "audit_entry",
)  # fmt: skip


def counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in COUNTED
        }


def execute(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def found(path: Path) -> dict[str, int]:
    return {problem.key: problem.count for problem in check_database(path).problems}


# -- backup ----------------------------------------------------------------------------------


def test_backups_are_timestamped_and_only_the_newest_are_kept(demo_path: Path) -> None:
    folder = demo_path.parent / "backups"
    made = []
    for minutes in (0, 0, 1, 2):  # two in the same second
        clock.freeze(FROZEN_AT + timedelta(minutes=minutes))
        made.append(backup(demo_path, keep=3))
    assert [m.path.name for m in made] == [
        "demo-20261120-093000.db", "demo-20261120-093000-1.db",
        "demo-20261120-093100.db", "demo-20261120-093200.db",
    ]  # fmt: skip
    assert made[-1].removed == (made[0].path,)
    assert backups_in(folder, demo_path) == [m.path for m in made[1:]]
    copy = made[-1].path
    assert counts(copy) == counts(demo_path)
    assert not copy.with_name(copy.name + "-wal").exists(), "a backup is one self-contained file"
    with closing(sqlite3.connect(copy)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_to_a_named_file_never_overwrites(demo_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    backup(demo_path, target)
    assert counts(target) == counts(demo_path)
    with pytest.raises(KxError) as refused:
        backup(demo_path, target)
    assert refused.value.key == "backup.exists"
    with pytest.raises(OpenError):
        backup(tmp_path / "missing.db")


def start_writer(path: Path, region_id: int) -> subprocess.Popen[str]:
    """bench.stress's writer: creates venues, prints each acknowledged id, until killed."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench.stress", "writer", str(path), str(region_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    return writer


def test_a_backup_taken_while_another_process_writes_is_a_consistent_snapshot(
    tmp_path: Path,
) -> None:
    from bench.stress import prepare

    path = tmp_path / "busy.db"
    county, _ = prepare(path)
    writer = start_writer(path, county)
    try:
        assert writer.stdout is not None
        for number in range(3):
            for _ in range(5):  # some saves before each backup
                writer.stdout.readline()
            result = backup(path, tmp_path / f"copy{number}.db")
            assert check_database(result.path).ok
            with closing(sqlite3.connect(result.path)) as connection:
                ids = [i for (i,) in connection.execute("SELECT id FROM venue ORDER BY id")]
                audited = connection.execute(
                    "SELECT COUNT(*) FROM audit_entry WHERE entity = 'venue'"
                ).fetchone()[0]
            assert ids == list(range(1, len(ids) + 1)), "no save missing before the last one"
            assert audited == len(ids), "each venue with its audit entry, none without"
    finally:
        writer.kill()
        writer.wait()
    assert len(ids) > 15


# -- check -----------------------------------------------------------------------------------


def test_check_finds_every_kind_of_broken_rule(demo_path: Path) -> None:
    with closing(sqlite3.connect(demo_path)) as connection:
        (volunteer, other, third, fourth) = [
            v for (v,) in connection.execute(
                "SELECT volunteer_id FROM volunteer_service WHERE hours > 0 ORDER BY volunteer_id"
                " LIMIT 4"
            )
        ]  # fmt: skip
        (activity,) = connection.execute(
            "SELECT activity_id FROM service_record WHERE volunteer_id NOT IN (?, ?, ?, ?) LIMIT 1",
            (volunteer, other, third, fourth),
        ).fetchone()
        (village,) = connection.execute(
            "SELECT id FROM region WHERE kind = 'village' LIMIT 1"
        ).fetchone()
    execute(
        demo_path,
        f"UPDATE region SET path = '/999' || path WHERE id = {village}",
        f"UPDATE volunteer_service SET hours = hours + 1 WHERE volunteer_id = {volunteer}",
        f"DELETE FROM volunteer_service WHERE volunteer_id = {other}",
        f"DELETE FROM volunteer_key WHERE volunteer_id = {third} AND key = "
        f"(SELECT key FROM volunteer_key WHERE volunteer_id = {third} LIMIT 1)",
        f"UPDATE volunteer SET name = '改了名字' WHERE id = {volunteer}",
        f"UPDATE volunteer_key SET sort_key = 'a' || sort_key WHERE volunteer_id = {fourth}",
        "INSERT INTO volunteer_key (key, volunteer_id) VALUES ('幽灵', 99999999)",
        "PRAGMA foreign_keys = OFF",
        f"DELETE FROM activity WHERE id = {activity}",
    )
    problems = found(demo_path)
    assert problems["check.region_path"] >= 1  # the village, and its grids if it has any
    assert problems["check.service_totals"] >= 2  # changed, missing (and the orphans' volunteers)
    # a key removed, a name changed behind its back, keys out of the name order
    assert problems["check.volunteer_keys"] == 3
    assert problems["check.orphan_keys"] == 1
    assert problems["check.foreign_key"] >= 1  # service records of the deleted activity
    assert not check_database(demo_path).ok


def test_check_passes_a_sound_database_and_says_when_the_schema_is_old(demo_path: Path) -> None:
    assert check_database(demo_path).ok
    execute(demo_path, "UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    assert found(demo_path) == {"check.schema_version": 1}


def damage_an_index(path: Path) -> None:
    """Overwrite the page of one index with garbage, as a failing disk might."""
    execute(path, "PRAGMA wal_checkpoint(TRUNCATE)")
    with closing(sqlite3.connect(path)) as connection:
        size = connection.execute("PRAGMA page_size").fetchone()[0]
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'venue' "
            "AND sql IS NOT NULL LIMIT 1"
        ).fetchone()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * size)
        handle.write(b"\x0d" + b"\xff" * 64)


def test_check_reports_a_damaged_file(demo_path: Path) -> None:
    damage_an_index(demo_path)
    assert "check.integrity" in found(demo_path)


# -- restore ---------------------------------------------------------------------------------


def test_restore_round_trip_keeps_the_old_file_aside(demo_path: Path, tmp_path: Path) -> None:
    before = counts(demo_path)
    saved = backup(demo_path, tmp_path / "saved.db").path
    execute(demo_path, "DELETE FROM service_record", "DELETE FROM volunteer_key")
    clock.freeze(FROZEN_AT + timedelta(hours=1))
    result = restore(saved, demo_path)
    assert counts(demo_path) == before
    assert check_database(demo_path).ok
    assert result.aside == demo_path.with_name("demo.db.before-restore-20261120-103000.bak")
    assert counts(result.aside)["volunteer_key"] == 0, "the old content, as it was"
    with closing(sqlite3.connect(demo_path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_refuses_while_a_connection_is_open(demo_path: Path, tmp_path: Path) -> None:
    saved = backup(demo_path, tmp_path / "saved.db").path
    execute(demo_path, "DELETE FROM volunteer_key")
    session = hold_open(demo_path)  # what a running app keeps
    try:
        assert in_use(demo_path)
        started = time.perf_counter()
        with pytest.raises(RefusedError) as refused:
            restore(saved, demo_path)
        assert refused.value.key == "restore.in_use"
        assert time.perf_counter() - started < 10
    finally:
        session.close()
    assert counts(demo_path)["volunteer_key"] == 0, "untouched"
    assert not list(demo_path.parent.glob("*.before-restore-*"))
    assert not in_use(demo_path)
    restore(saved, demo_path)
    assert counts(demo_path)["volunteer_key"] > 0


def test_restore_refuses_a_damaged_backup(demo_path: Path, tmp_path: Path) -> None:
    saved = backup(demo_path, tmp_path / "saved.db").path
    damage_an_index(saved)
    with pytest.raises(KxError) as refused:
        restore(saved, demo_path)
    assert refused.value.key == "restore.bad_backup"
    assert check_database(demo_path).ok
    assert not list(demo_path.parent.glob("*.before-restore-*"))


def test_restore_into_a_missing_database_and_over_a_damaged_one(
    demo_path: Path, tmp_path: Path
) -> None:
    saved = backup(demo_path, tmp_path / "saved.db").path
    fresh = tmp_path / "new" / "kxtui.db"
    fresh.parent.mkdir()
    assert restore(saved, fresh).aside is None
    assert counts(fresh) == counts(demo_path)
    with fresh.open("r+b") as handle:  # page 1 past the header: SQLite cannot read the schema
        handle.seek(100)
        handle.write(b"\xff" * 3000)
    result = restore(saved, fresh)
    assert result.aside is not None and result.aside.exists()
    assert counts(fresh) == counts(demo_path) and check_database(fresh).ok
