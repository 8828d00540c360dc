"""A full disk during a save: a readable error, nothing half-written, the save works again once
there is room. SQLITE_FULL is made without root by capping the file's pages (max_page_count);
where the test may mount one, a real 2 MB tmpfs is filled up too."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from kxtui.db import call
from kxtui.db.engine.connection import close_database
from kxtui.db.engine.models import Venue, database
from kxtui.db.errors import KxError
from kxtui.db.rows import VenueInput
from kxtui.db.venues import update_venue
from kxtui.i18n import t

ROOT = Path(__file__).resolve().parents[2]
LONG_ADDRESS = "科普大道" * 400  # 4,800 bytes: more than a page's free room, so it must grow
NO_CAP = 4_294_967_294  # SQLite's largest max_page_count


@contextmanager
def full_disk(path: Path) -> Iterator[None]:
    """Every connection opened meanwhile (workers' too) finds the file unable to grow."""
    close_database()
    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("VACUUM")  # no free page left inside the file either
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    database.pragma("max_page_count", pages, permanent=True)
    close_database()
    try:
        yield
    finally:
        database.pragma("max_page_count", NO_CAP, permanent=True)
        close_database()


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def audit_count() -> int:
    return call(lambda: database.execute_sql("SELECT COUNT(*) FROM audit_entry").fetchone()[0])


def test_a_save_on_a_full_disk_is_refused_whole_with_a_clear_message(demo_db: Path) -> None:
    venue = call(lambda: Venue.select().order_by(Venue.id).first())
    data = VenueInput(venue.name, venue.type, address=LONG_ADDRESS)
    audits = audit_count()
    with full_disk(demo_db):
        with pytest.raises(KxError) as refused:
            call(update_venue, venue.id, venue.version, data)
        assert refused.value.key == "error.disk_full", refused.value.params
        assert "磁盘已满" in t(refused.value.key, **refused.value.params)
        assert call(Venue.get_by_id, venue.id).address == venue.address
        assert audit_count() == audits, "no audit entry for a save that did not happen"
    assert integrity(demo_db) == "ok"
    call(update_venue, venue.id, venue.version, data)  # room again: the same save goes through
    assert call(Venue.get_by_id, venue.id).address == LONG_ADDRESS
    assert audit_count() == audits + 1


SCRIPT = """
import json, os, sys
from pathlib import Path
from bench.stress import prepare
from kxtui.db import call
from kxtui.db.engine.connection import open_database
from kxtui.db.errors import KxError
from kxtui.db.engine.models import Venue
from kxtui.db.rows import VenueInput
from kxtui.db.venues import update_venue

folder = Path(sys.argv[1])
path = folder / "kxtui.db"
_, (venue_id, *_) = prepare(path)
open_database(path)
filler = folder / "filler"
handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
try:
    while True:  # take every free byte of the filesystem
        os.write(handle, b"x" * 4096)
except OSError:
    pass
finally:
    os.close(handle)
venue = call(Venue.get_by_id, venue_id)
data = VenueInput(venue.name, venue.type, address=sys.argv[2])
outcome = {}
try:
    call(update_venue, venue_id, venue.version, data)
    outcome["full"] = "saved"
except KxError as error:
    outcome["full"] = error.key
outcome["kept"] = call(Venue.get_by_id, venue_id).address
filler.unlink()
call(update_venue, venue_id, venue.version, data)
outcome["after"] = call(Venue.get_by_id, venue_id).address == sys.argv[2]
print(json.dumps(outcome))
"""


def mount_command(folder: Path) -> list[str] | None:
    """A private mount namespace with a 2 MB tmpfs at `folder`: as root, else in a user
    namespace (unshare -r) where the kernel allows it; None when neither works here."""
    unshare = shutil.which("unshare")
    if unshare is None or not sys.platform.startswith("linux"):
        return None
    for flags in (["-m"], ["-r", "-m"]) if os.geteuid() == 0 else (["-r", "-m"],):
        probe = [unshare, *flags, "--propagation", "private", "sh", "-c",
                 f"mount -t tmpfs -o size=2m tmpfs '{folder}'"]  # fmt: skip
        if subprocess.run(probe, capture_output=True).returncode == 0:
            return probe[:-1] + [f'{probe[-1]} && exec "$0" "$@"']
    return None


def test_a_real_full_disk_on_a_small_tmpfs(tmp_path: Path) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    command = mount_command(folder)
    if command is None:
        pytest.skip("cannot mount a tmpfs here (needs root or unprivileged user namespaces)")
    run = subprocess.run(
        [*command, sys.executable, "-c", SCRIPT, str(folder), LONG_ADDRESS],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    assert outcome == {"full": "error.disk_full", "kept": "0", "after": True}
    assert not list(folder.iterdir()), "the tmpfs lived only in the namespace"
