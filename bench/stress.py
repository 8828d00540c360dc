"""Goal 8: concurrent saves — 8 processes × 200 read-modify-write saves on one database file.

Each process opens the database as the app does (WAL, synchronous=FULL, busy_timeout) and
saves through the real write path: it reads a venue (`venues.detail`: its fields and version),
adds one to the number in its address, and saves with `venues.update_venue(id, version, ...)`
(BEGIN IMMEDIATE, version check, audit entry). A ConflictError (someone saved the venue since
it was read) is answered by reading again and retrying, as an officer would reopen the form.
Every process picks one of 8 venues at random for each save, so saves of different processes
meet on the same records.

- lost writes: acknowledged saves whose increment is missing. After the run each venue's
  number must equal the acknowledged saves of that venue over all processes (and its version
  that number + 1). A save that overwrote another one without noticing would show here.
- "database is locked": saves that failed because the lock was not granted within the busy
  timeout (counted, must be 0).
- saves/s: acknowledged saves of all processes / seconds from the common start to the last
  process done (process start-up excluded).

`python -m bench.stress writer DB REGION_ID` is the writer the SIGKILL test kills: it creates
venues in the region one after another and prints each acknowledged venue's id, flushed.
"""

from __future__ import annotations

import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from bench.common import Row, verdict

PROCESSES = 8
SAVES = 200
VENUES = 8
GOAL_SAVES_PER_S = 300


class StressResult(NamedTuple):
    acknowledged: int
    lost: int  # acknowledged saves not in the database
    unacknowledged: int  # saves in the database that no process was told of (must be 0)
    locked: int
    conflicts: int  # retries after a ConflictError (expected under contention)
    other_errors: tuple[str, ...]
    seconds: float

    @property
    def sound(self) -> bool:
        """No lost or phantom save, no lock error, no other error."""
        return not (self.lost or self.unacknowledged or self.locked or self.other_errors)

    @property
    def saves_per_s(self) -> float:
        return self.acknowledged / self.seconds


def prepare(path: Path) -> tuple[int, list[int]]:
    """A new database with one county and `VENUES` venues whose address is "0"."""
    from kxtui.db import call
    from kxtui.db.engine.connection import close_database, open_database
    from kxtui.db.officers import first_admin
    from kxtui.db.region_writes import create_region
    from kxtui.db.rows import RegionInput, VenueInput
    from kxtui.db.venues import create_venue
    from kxtui.domain import RegionKind, VenueType

    open_database(path)
    try:
        call(first_admin, path)  # whoever runs the bench is its county admin
        county = call(create_region, None, RegionInput("压力测试县", RegionKind.COUNTY))
        venue = VenueInput(name="", type=VenueType.COMMUNITY_STATION, address="0")
        ids = [call(create_venue, county, venue._replace(name=f"阵地{i}")) for i in range(VENUES)]
        return county, ids
    finally:
        close_database()


def _saver(path: Path, venue_ids: list[int], saves: int, seed: int, start, results) -> None:  # type: ignore[no-untyped-def]
    """One process: `saves` read-modify-write saves, each retried until acknowledged."""
    from kxtui import clock
    from kxtui.db import call
    from kxtui.db.engine.connection import hold_open, open_database
    from kxtui.db.errors import ConflictError, KxError
    from kxtui.db.officers import sign_in_process
    from kxtui.db.rows import VenueInput
    from kxtui.db.venues import detail, update_venue

    open_database(path)
    call(sign_in_process, path)
    presence = hold_open(path)  # as a running app does: the WAL is not reset at every call
    rng = random.Random(seed)
    acknowledged: Counter[int] = Counter()
    conflicts = locked = 0
    errors: list[str] = []
    start.wait()
    for _ in range(saves):
        venue_id = rng.choice(venue_ids)
        while True:
            venue = call(detail, venue_id, clock.today())
            assert venue is not None
            six = {state.item: (state.met, state.note) for state in venue.six}
            data = VenueInput(venue.name, venue.type, venue.level or "", venue.contact,
                              venue.phone, str(int(venue.address) + 1), six)  # fmt: skip
            try:
                call(update_venue, venue_id, venue.version, data)
            except ConflictError:
                conflicts += 1
                continue
            except KxError as error:
                if error.key == "error.locked":
                    locked += 1
                else:
                    errors.append(f"{error.key} {error.params}")
                break
            acknowledged[venue_id] += 1
            break
    ended = time.perf_counter()
    presence.close()
    results.put((dict(acknowledged), conflicts, locked, errors, ended))


def run_stress(path: Path, processes: int = PROCESSES, saves: int = SAVES) -> StressResult:
    """`processes` × `saves` concurrent read-modify-write saves on a new database at `path`."""
    import sqlite3

    _, venue_ids = prepare(path)
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no inherited state
    start, results = context.Event(), context.Queue()
    workers = [
        context.Process(target=_saver, args=(path, venue_ids, saves, seed, start, results))
        for seed in range(processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(0.5)  # let each process import and open the database before the start
    began = time.perf_counter()
    start.set()
    outcomes = [results.get(timeout=600) for _ in workers]
    for worker in workers:
        worker.join()
    acknowledged: Counter[int] = Counter()
    for done, *_ in outcomes:
        acknowledged.update(done)
    with sqlite3.connect(path) as connection:
        stored = dict(connection.execute("SELECT id, CAST(address AS INTEGER) FROM venue"))
    lost = sum(max(0, acknowledged[v] - stored[v]) for v in venue_ids)
    unacknowledged = sum(max(0, stored[v] - acknowledged[v]) for v in venue_ids)
    ended = max(outcome[-1] for outcome in outcomes)
    return StressResult(
        acknowledged=sum(acknowledged.values()),
        lost=lost,
        unacknowledged=unacknowledged,
        locked=sum(outcome[2] for outcome in outcomes),
        conflicts=sum(outcome[1] for outcome in outcomes),
        other_errors=tuple(e for outcome in outcomes for e in outcome[3]),
        seconds=ended - began,
    )


def bare_commits_per_s(path: Path, commits: int = 300) -> float:
    """The disk's ceiling: one-row write transactions of bare SQLite, WAL, synchronous=FULL."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path, isolation_level=None)) as connection:
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("PRAGMA synchronous = full")
        connection.execute("CREATE TABLE counter (n INTEGER)")
        started = time.perf_counter()
        for n in range(commits):
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO counter VALUES (?)", (n,))
            connection.execute("COMMIT")
        return commits / (time.perf_counter() - started)


def run(work: Path) -> list[Row]:
    result = run_stress(work / "stress.db")
    bare = bare_commits_per_s(work / "bare.db")
    total = PROCESSES * SAVES
    return [
        Row(
            f"8. {PROCESSES} processes × {SAVES} read-modify-write saves, synchronous=FULL",
            f"≥ {GOAL_SAVES_PER_S} saves/s",
            f"{result.saves_per_s:.0f} saves/s",
            f"bare SQLite commits {bare:.0f}/s",
            f"{result.saves_per_s / bare:.2f}×",
            verdict=verdict(result.saves_per_s >= GOAL_SAVES_PER_S),
        ),
        Row(
            "   lost writes / 'database is locked' / other errors",
            "0 / 0 / 0",
            f"{result.lost} / {result.locked} / {len(result.other_errors)}",
            verdict=verdict(result.sound and result.acknowledged == total),
        ),
        Row(
            "   conflicts retried (read again, saved again)",
            measured=f"{result.conflicts} for {result.acknowledged} saves",
            verdict="info",
        ),
    ]


def writer(path: Path, region_id: int) -> None:
    """Create venues one after another, printing each acknowledged id and name (flushed),
    until killed."""
    from kxtui.db import call
    from kxtui.db.engine.connection import open_database
    from kxtui.db.officers import sign_in_process
    from kxtui.db.pinyin import pinyin_keys
    from kxtui.db.rows import VenueInput
    from kxtui.db.venues import create_venue
    from kxtui.domain import VenueType

    open_database(path)
    call(sign_in_process, path)
    pinyin_keys("写入")  # load the dictionaries now: the first save is then as quick as the rest
    print("ready", flush=True)
    while True:
        number = random.randrange(10**12)
        data = VenueInput(f"写入{number}", VenueType.COMMUNITY_STATION)
        venue_id = call(create_venue, region_id, data)
        print(f"{venue_id} 写入{number}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["writer"]:
        writer(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        for row in run(Path(sys.argv[1])):
            print(row)
