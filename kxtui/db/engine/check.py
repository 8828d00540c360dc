"""`kxtui check`: SQLite's own checks and the rules kxtui keeps between its tables.

Runs on its own read-only connection and changes nothing. Each check returns the problems it
found, as a message key of `kxtui.i18n`, how many records are affected and a few examples.

Codes, dates and flags are not CHECK constraints (that would rebuild every table at upgrade,
again for each new code): the readers mark a value kxtui does not know (`kxtui.db.codes`), and
`stored_codes` lists each one here.

Memory is bounded whatever the file holds. Each rule streams its rows and keeps a count and
the first EXAMPLES (names and values cut to SHOWN characters in SQL). The search keys are
compared BATCH volunteers at a time, each by the first NAME_KEY_CHARS characters of the name
(`volunteer_index.search_keys`, as every save keys them) and with the sort key compared in SQL,
so a batch holds about a hundred short keys a volunteer, however long the name. `kxtui check`
peaks at about 90 MB on the demo county, and the same with a name of 100,000 characters and
10 MB texts; tests/test_bounded_memory.py holds it, `stats` and the exports under 200 MB.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from kxtui.db import codes
from kxtui.db.engine.connection import BUSY_TIMEOUT_MS, is_marked_read_only, preflight
from kxtui.db.engine.database import SCHEMA_VERSION
from kxtui.db.engine.volunteer_index import (
    HISTORY_TOTALS,
    MOBILE_KEY_CHARS,
    NAME_KEY_CHARS,
    SERVICE,
    search_keys,
)
from kxtui.db.errors import OpenError
from kxtui.db.numbers import COLUMNS

EXAMPLES = 5
CONSTRAINT_FINDINGS = ("CHECK constraint failed", "NULL value in")
SHOWN = 40  # characters of a name or value in an example
BATCH = 2000  # volunteers whose search keys are compared at a time
HOURS_TOLERANCE = 0.005  # totals are sums of two-decimal hours, added up as floats


@dataclass(frozen=True)
class Problem:
    key: str  # message of kxtui.i18n, given `count` and the Problem's params
    count: int
    examples: tuple[str, ...] = ()
    params: Mapping[str, object] = field(default_factory=dict)


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
        reason = str(error.params["reason"])
        return CheckReport(path, None, (Problem("check.integrity", 1, (reason,)),))
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
    # A row another program wrote past a CHECK or NOT NULL constraint is not a damaged file:
    # the rules below say which row and column (integrity_check reports these only when the
    # connection may write, so they must not decide whether the rules run)
    refused = [line for line in found if line.startswith(CONSTRAINT_FINDINGS)]
    damage = [line for line in found if line != "ok" and not line.startswith(CONSTRAINT_FINDINGS)]
    if damage:
        return [Problem("check.integrity", len(damage), tuple(damage[:EXAMPLES]))]
    problems = (
        [Problem("check.constraint", len(refused), tuple(refused[:EXAMPLES]))] if refused else []
    )
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        examples = tuple(f"{table} #{rowid} → {parent}" for table, rowid, parent, _ in broken)
        problems.append(Problem("check.foreign_key", len(broken), examples[:EXAMPLES]))
    return problems


def _problem(
    key: str, rows: Iterable[tuple[Any, ...]], show: Callable[..., str], **params: object
) -> list[Problem]:
    """The problem of the rows, counted as they stream by: only the first EXAMPLES are kept,
    however many there are."""
    count, examples = 0, []
    for row in rows:
        if count < EXAMPLES:
            examples.append(show(*row))
        count += 1
    return [Problem(key, count, tuple(examples), params)] if count else []


def region_paths(connection: sqlite3.Connection) -> list[Problem]:
    """A region's path is its parent's path and its own id ("/1/5/23/")."""
    rows = connection.execute(
        f"SELECT r.id, substr(r.name, 1, {SHOWN}), substr(r.path, 1, {SHOWN}) FROM region r "
        "LEFT JOIN region p ON p.id = r.parent_id "
        "WHERE r.path IS NOT (CASE WHEN r.parent_id IS NULL THEN '/' ELSE p.path END) "
        "|| r.id || '/' ORDER BY r.id"
    )
    return _problem("check.region_path", rows, lambda i, name, path: f"#{i} {name} {path}")


def service_totals(connection: sqlite3.Connection) -> list[Problem]:
    """Each volunteer's totals row equals the sum and last date of their service records and
    historical hours."""
    rows = connection.execute(
        f"SELECT v.id, substr(v.name, 1, {SHOWN}), vs.hours, "
        "COALESCE(t.hours, 0) + COALESCE(h.hours, 0) FROM volunteer v "
        "LEFT JOIN volunteer_service vs ON vs.volunteer_id = v.id LEFT JOIN "
        f"(SELECT s.volunteer_id AS id, SUM(s.hours) AS hours, MAX(a.start_date) AS last {SERVICE}"
        " GROUP BY s.volunteer_id) t ON t.id = v.id "
        f"LEFT JOIN ({HISTORY_TOTALS} GROUP BY h.volunteer_id) h ON h.volunteer_id = v.id "
        "WHERE vs.volunteer_id IS NULL OR vs.last_served IS NOT "
        "(CASE WHEN h.last IS NULL OR t.last >= h.last THEN t.last ELSE h.last END) "
        "OR ABS(vs.hours - COALESCE(t.hours, 0) - COALESCE(h.hours, 0)) > ? ORDER BY v.id",
        (HOURS_TOLERANCE,),
    )
    return _problem(
        "check.service_totals",
        rows,
        lambda i, name, kept, counted: f"#{i} {name} {kept} ≠ {counted or 0}",
    )


def number_ranges(connection: sqlite3.Connection) -> list[Problem]:
    """Every counted or measured value is in its range (`numbers.COLUMNS`, the CHECK
    constraints of schema v10): one problem per column, listing the records (by id) and the
    values — text, infinity, negative, too large, or cleared by the upgrade (NULL)."""
    problems = []
    for column in COLUMNS:
        rows = connection.execute(
            f"SELECT rowid, typeof({column.column}), substr({column.column}, 1, {SHOWN})"
            f" FROM {column.table} WHERE {column.bad()} ORDER BY rowid"
        )
        problems += _problem(
            "check.number",
            rows,
            _number_example,
            table=column.table,
            column=column.column,
        )
    return problems


def _number_example(record_id: int, kind: str, value: object) -> str:
    if kind == "null":
        return f"#{record_id} NULL"
    return f"#{record_id} {value!r}" if kind == "text" else f"#{record_id} {value}"


def stored_codes(connection: sqlite3.Connection) -> list[Problem]:
    """Every code is one of `kxtui.domain`'s, every date a real ISO day, every flag 0 or 1
    (`codes.COLUMNS`; not CHECK constraints, see `kxtui.db.codes`): one problem per column,
    listing the records (by id) and the values kxtui does not know."""
    problems = []
    for column in codes.COLUMNS:
        rows = (
            (record_id, kind, value)
            for record_id, kind, value in connection.execute(codes.rule_sql(column))
            if codes.odd_codes(column, kind, value)
        )
        problems += _problem(
            f"check.{column.kind.rstrip('s')}",
            rows,
            lambda i, kind, value: _number_example(i, kind, _cut(value)),
            table=column.table,
            column=column.column,
        )
    return problems


def _cut(value: object) -> object:
    return value[:SHOWN] if isinstance(value, str) else value


def volunteer_keys(connection: sqlite3.Connection) -> list[Problem]:
    """Each volunteer has exactly the search keys of their name and mobile, each with their
    name sort key, and no key belongs to a volunteer who is gone."""
    show = lambda i, name: f"#{i} {name}"  # noqa: E731
    problems = _problem("check.volunteer_keys", _stale_keys(connection), show)
    orphans = connection.execute(
        "SELECT DISTINCT k.volunteer_id FROM volunteer_key k "
        "WHERE NOT EXISTS (SELECT 1 FROM volunteer v WHERE v.id = k.volunteer_id)"
    )
    return problems + _problem("check.orphan_keys", orphans, lambda i: f"#{i}")


def _stale_keys(connection: sqlite3.Connection) -> Iterator[tuple[int, str]]:
    """The volunteers whose stored keys are not those of their name and mobile, each with
    the volunteer's name sort key (compared in SQL: a sort key is as long as the name anyone
    wrote, and a volunteer has about a hundred keys)."""
    for batch in _volunteer_batches(connection):
        first, last = batch[0][0], batch[-1][0]
        stored: dict[int, set[tuple[str, int]]] = {}
        for volunteer_id, key, same_sort_key in connection.execute(
            f"SELECT k.volunteer_id, substr(k.key, 1, {LONGEST_KEY + 1}),"
            " k.sort_key IS v.sort_key"
            " FROM volunteer_key k JOIN volunteer v ON v.id = k.volunteer_id"
            " WHERE k.volunteer_id BETWEEN ? AND ?",
            (first, last),
        ):
            stored.setdefault(volunteer_id, set()).add((key, same_sort_key))
        for volunteer_id, name, mobile in batch:
            expected = {(key, 1) for key in search_keys(name, mobile)}
            if stored.get(volunteer_id, set()) != expected:
                yield volunteer_id, name[:SHOWN]


# Longer than any key `search_keys` makes of NAME_KEY_CHARS characters (NFKC makes at most
# 18 of one, a syllable has at most 6 letters): a longer stored key is cut, and still wrong.
LONGEST_KEY = NAME_KEY_CHARS * 18


def _volunteer_batches(connection: sqlite3.Connection) -> Iterator[list[tuple[int, str, str]]]:
    after = 0
    while batch := connection.execute(
        # what is keyed of a name and a mobile: their first characters (`search_keys`)
        f"SELECT id, substr(name, 1, {NAME_KEY_CHARS}), substr(mobile, 1, {MOBILE_KEY_CHARS})"
        " FROM volunteer WHERE id > ? ORDER BY id LIMIT ?",
        (after, BATCH),
    ).fetchall():
        yield batch
        after = batch[-1][0]


RULES: tuple[Check, ...] = (
    region_paths,
    service_totals,
    volunteer_keys,
    number_ranges,
    stored_codes,
)
