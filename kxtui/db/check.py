"""`kxtui check`: SQLite's own checks and the rules kxtui keeps between its tables.

Runs on its own read-only connection and changes nothing. Each check returns the problems it
found, as a message key of `kxtui.i18n`, how many records are affected and a few examples.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

from kxtui.db.connection import BUSY_TIMEOUT_MS, is_marked_read_only, preflight
from kxtui.db.database import SCHEMA_VERSION
from kxtui.db.errors import OpenError
from kxtui.db.volunteer_index import SERVICE, search_keys

EXAMPLES = 5
BATCH = 2000  # volunteers whose search keys are compared at a time
HOURS_TOLERANCE = 0.005  # totals are sums of two-decimal hours, added up as floats


class Problem(NamedTuple):
    key: str  # message of kxtui.i18n, given `count` and the Problem's params
    count: int
    examples: tuple[str, ...] = ()
    params: dict[str, object] = {}


class CheckReport(NamedTuple):
    path: Path
    schema_version: int | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


Check = Callable[[sqlite3.Connection], list[Problem]]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads (query_only). Opened read-write where the file and its
    directory may be written, so that, the last one out, it removes the -wal and -shm files
    SQLite makes beside a WAL database (a read-only one leaves them); read-only elsewhere."""
    writable = not is_marked_read_only(path) and os.access(path.parent, os.W_OK)
    uri = path.as_uri() if writable else f"{path.as_uri()}?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA query_only = 1")
    return connection


def check_database(path: Path) -> CheckReport:
    """Every check on the database at `path`. Raises OpenError for a file kxtui cannot read."""
    path = path.resolve()
    try:
        version = preflight(path)
    except OpenError as error:
        if error.key != "open.damaged":
            raise
        return CheckReport(path, None, (Problem("check.integrity", 1, (error.params["reason"],)),))
    with closing(connect_read_only(path)) as connection:
        problems = file_problems(connection)
        sound = not any(problem.key == "check.integrity" for problem in problems)
        if version is not None and version != SCHEMA_VERSION:
            params = {"version": version, "expected": SCHEMA_VERSION}
            problems.append(Problem("check.schema_version", 1, (), params))
        elif version is not None and sound:  # the rules read the tables: not a damaged file
            for check in RULES:
                problems += check(connection)
    return CheckReport(path, version, tuple(problems))


def file_problems(connection: sqlite3.Connection) -> list[Problem]:
    """SQLite's integrity_check and foreign_key_check."""
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check(100)")]
    except sqlite3.DatabaseError as error:  # too damaged to walk at all
        found = [str(error)]
    if found != ["ok"]:
        return [Problem("check.integrity", len(found), tuple(found[:EXAMPLES]))]
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not broken:
        return []
    examples = tuple(f"{table} #{rowid} → {parent}" for table, rowid, parent, _ in broken)
    return [Problem("check.foreign_key", len(broken), examples[:EXAMPLES])]


def _problem(key: str, rows: list[tuple[object, ...]], show: Callable[..., str]) -> list[Problem]:
    if not rows:
        return []
    return [Problem(key, len(rows), tuple(show(*row) for row in rows[:EXAMPLES]))]


def region_paths(connection: sqlite3.Connection) -> list[Problem]:
    """A region's path is its parent's path and its own id ("/1/5/23/")."""
    rows = connection.execute(
        "SELECT r.id, r.name, r.path FROM region r LEFT JOIN region p ON p.id = r.parent_id "
        "WHERE r.path IS NOT (CASE WHEN r.parent_id IS NULL THEN '/' ELSE p.path END) "
        "|| r.id || '/' ORDER BY r.id"
    ).fetchall()
    return _problem("check.region_path", rows, lambda i, name, path: f"#{i} {name} {path}")


def service_totals(connection: sqlite3.Connection) -> list[Problem]:
    """Each volunteer's totals row equals the sum and last date of their service records."""
    rows = connection.execute(
        "SELECT v.id, v.name, vs.hours, t.hours FROM volunteer v "
        "LEFT JOIN volunteer_service vs ON vs.volunteer_id = v.id LEFT JOIN "
        f"(SELECT s.volunteer_id AS id, SUM(s.hours) AS hours, MAX(a.start_date) AS last {SERVICE}"
        " GROUP BY s.volunteer_id) t ON t.id = v.id "
        "WHERE vs.volunteer_id IS NULL OR vs.last_served IS NOT t.last "
        "OR ABS(vs.hours - COALESCE(t.hours, 0)) > ? ORDER BY v.id",
        (HOURS_TOLERANCE,),
    ).fetchall()
    return _problem(
        "check.service_totals",
        rows,
        lambda i, name, kept, counted: f"#{i} {name} {kept} ≠ {counted or 0}",
    )


def volunteer_keys(connection: sqlite3.Connection) -> list[Problem]:
    """Each volunteer has exactly the search keys of their name and mobile, each with their
    pinyin, and no key belongs to a volunteer who is gone."""
    wrong = []
    for batch in _volunteer_batches(connection):
        first, last = batch[0][0], batch[-1][0]
        stored: dict[int, set[tuple[str, str]]] = {}
        for volunteer_id, key, pinyin in connection.execute(
            "SELECT volunteer_id, key, pinyin FROM volunteer_key"
            " WHERE volunteer_id BETWEEN ? AND ?",
            (first, last),
        ):
            stored.setdefault(volunteer_id, set()).add((key, pinyin))
        for volunteer_id, name, mobile, pinyin in batch:
            expected = {(key, pinyin) for key in search_keys(name, mobile)}
            if stored.get(volunteer_id, set()) != expected:
                wrong.append((volunteer_id, name))
    problems = _problem("check.volunteer_keys", wrong, lambda i, name: f"#{i} {name}")
    orphans = connection.execute(
        "SELECT DISTINCT k.volunteer_id FROM volunteer_key k "
        "WHERE NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.id = k.volunteer_id)"
    ).fetchall()
    return problems + _problem("check.orphan_keys", orphans, lambda i: f"#{i}")


def _volunteer_batches(
    connection: sqlite3.Connection,
) -> Iterator[list[tuple[int, str, str, str]]]:
    after = 0
    while batch := connection.execute(
        "SELECT id, name, mobile, pinyin FROM volunteer WHERE id > ? ORDER BY id LIMIT ?",
        (after, BATCH),
    ).fetchall():
        yield batch
        after = batch[-1][0]


RULES: tuple[Check, ...] = (region_paths, service_totals, volunteer_keys)
