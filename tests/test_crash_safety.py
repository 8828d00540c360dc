"""Many writers at once, and writers killed with SIGKILL: nothing acknowledged is lost, nothing
half-written is left. Each test runs real processes on one database file (~10–30 s each)."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from bench.stress import prepare, run_stress
from tests.app.helpers import new_rows_from_demo_export, write_csv

ROOT = Path(__file__).resolve().parents[1]
IMPORT_ROWS = 50_000


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_eight_processes_saving_the_same_venues_lose_nothing(tmp_path: Path) -> None:
    result = run_stress(tmp_path / "stress.db", processes=8, saves=50)
    print(f"\n8 × 50 read-modify-write saves: {result.saves_per_s:.0f} saves/s, "
          f"{result.conflicts} conflicts retried")  # fmt: skip
    assert result.acknowledged == 400
    assert result.lost == 0 and result.unacknowledged == 0
    assert result.locked == 0, "no 'database is locked'"
    assert result.other_errors == ()
    assert result.conflicts > 0, "the processes did meet on the same venues"
    assert integrity(tmp_path / "stress.db") == "ok"


def run_writer_until_killed(path: Path, region_id: int, rng: random.Random) -> list[str]:
    """Start the writer, let it save for a random moment, SIGKILL it; the lines it printed."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench.stress", "writer", str(path), str(region_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(writer.stdout))  # type: ignore[arg-type]
    reader.start()
    time.sleep(rng.uniform(0.05, 0.6))
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    reader.join()
    assert writer.returncode == -signal.SIGKILL
    return lines


def test_every_acknowledged_save_survives_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    county, _ = prepare(path)
    rng = random.Random(6)
    acknowledged: dict[int, str] = {}
    for _ in range(20):
        for line in run_writer_until_killed(path, county, rng):
            venue_id, name = line.split()
            acknowledged[int(venue_id)] = name
    assert len(acknowledged) > 20
    with closing(sqlite3.connect(path)) as connection:
        stored = dict(connection.execute("SELECT id, name FROM venue"))
        created = "SELECT entity_id FROM audit_entry WHERE entity = 'venue' AND action = 'create'"
        audited = {i for (i,) in connection.execute(created)}
    assert {i: stored.get(i) for i in acknowledged} == acknowledged
    assert set(stored) == audited, "every venue with its audit entry, and only those"
    assert integrity(path) == "ok"


def activity_counts(path: Path) -> tuple[int, int, int]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(
            "SELECT (SELECT COUNT(*) FROM activity), (SELECT COUNT(*) FROM service_record), "
            "(SELECT COUNT(*) FROM audit_entry)"
        ).fetchone()


def import_command(path: Path, sheet: Path) -> list[str]:
    return [sys.executable, "-m", "kxtui", "import", "activities", str(sheet), "--db", str(path)]


def test_an_import_killed_midway_leaves_nothing_and_runs_again(
    demo_path: Path, tmp_path: Path
) -> None:
    rows = new_rows_from_demo_export(demo_path, tmp_path, 1000)
    body = rows[1:]
    sheet = write_csv([rows[0], *(body * (IMPORT_ROWS // len(body) + 1))[:IMPORT_ROWS]],
                      tmp_path / "big.csv")  # fmt: skip
    before = activity_counts(demo_path)
    wal = demo_path.with_name(demo_path.name + "-wal")
    importing = subprocess.Popen(
        import_command(demo_path, sheet), cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # The rows are written in one transaction: its pages reach the WAL file while it commits.
    # Kill as soon as the WAL holds more than its first pages, before the commit can end.
    deadline = time.monotonic() + 120
    while not (wal.exists() and wal.stat().st_size > 1_000_000):
        assert importing.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.002)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    assert integrity(demo_path) == "ok"
    assert activity_counts(demo_path) == before, "none of the killed import's rows"

    again = subprocess.run(import_command(demo_path, sheet), cwd=ROOT, capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stdout + again.stderr
    activities, _, audits = activity_counts(demo_path)
    assert (activities, audits) == (before[0] + IMPORT_ROWS, before[2] + IMPORT_ROWS)
    assert integrity(demo_path) == "ok"


pytestmark = pytest.mark.slow
