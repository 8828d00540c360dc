"""Bulk writing for the province build: plain `executemany` of tuples, indexes built last.

The rows are tuples in the column order named here (not dicts, not models): at a million
volunteers, every per-row conversion shows in the build time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from kxtui.db.demo.state import ACTOR
from kxtui.db.engine.models import database
from kxtui.domain import SixHave

SIX = tuple(f"six_{have}{note}" for have in SixHave for note in ("", "_note"))

# table -> the columns its rows give, in order; a column left out is NULL (deleted_at ...).
# Rows of the tables with a `Tracked` stamp give (id, when, *the other columns): the stamp's
# other columns are the same for every row, so they are written into the statement.
COLUMNS: dict[str, tuple[str, ...]] = {
    "region": ("id", "parent_id", "kind", "name", "code", "pinyin", "initials", "sort_order",
               "path", "population"),
    "venue": ("id", "region_id", "name", "type", "level", "pinyin", "initials", *SIX, "contact",
              "phone", "address", "sort_order"),
    "volunteer": ("id", "name", "pinyin", "initials", "gender", "mobile", "id_number",
                  "birth_date", "region_id", "skills", "platform_registered", "platform_id",
                  "is_student", "active", "joined_on", "notes", "id_number_valid", "sort_key"),
    "volunteer_domain": ("volunteer_id", "domain"),
    "team": ("id", "parent_id", "name", "pinyin", "initials", "level", "domain", "region_id",
             "leader_id", "sort_order"),
    "team_membership": ("team_id", "volunteer_id", "joined_on"),
    "officer": ("id", "name", "pinyin", "initials", "role", "region_id", "mobile",
                "volunteer_id", "active"),
    "activity": ("id", "title", "pinyin", "initials", "start_date", "end_date", "duration",
                 "region_id", "venue_id", "organiser_team_id", "organiser", "theme_day",
                 "campaign", "target_groups", "format", "people_reached", "materials", "notes"),
    "service_record": ("activity_id", "volunteer_id", "hours"),
}  # fmt: skip
TRACKED = ("region", "venue", "volunteer", "team", "officer", "activity")


def _statement(table: str, columns: tuple[str, ...]) -> str:
    if table not in TRACKED:
        values = ", ".join("?" * len(columns))
        return f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({values})'
    # ?2 twice: created_at = updated_at; one bound value fewer per row is time at this size
    stamp = f"?2, '{ACTOR}', ?2, '{ACTOR}', 1"
    rest = ", ".join(f"?{i}" for i in range(3, len(columns) + 2))
    names = ", ".join(("id", "created_at", "created_by", "updated_at", "updated_by", "version",
                       *columns[1:]))  # fmt: skip
    return f'INSERT INTO "{table}" ({names}) VALUES (?1, {stamp}, {rest})'


_SQL = {table: _statement(table, columns) for table, columns in COLUMNS.items()}


def insert(table: str, rows: Iterable[Sequence[object]]) -> None:
    """INSERT the rows (tuples in `COLUMNS[table]` order, and see there) with one `executemany`."""
    database.cursor().executemany(_SQL[table], rows)


@contextmanager
def bulk_mode() -> Iterator[None]:
    """No journal, no fsync, a large page cache, for the length of the build.

    Safe only because the build writes a fresh file that the caller moves into place after
    success (`kxtui demo` builds into `<name>.building`): a crash leaves a file nobody opens.
    The usual settings (WAL, synchronous=FULL) come back before the file is handed over.

    Sorts (CREATE INDEX, ORDER BY) may use a second thread: SQLite's sorter hands its sorted
    runs to worker threads (`threads`), but only when its temporary files are files (the
    default `temp_store`, which the page cache of the OS keeps in memory at this size).
    """
    database.execute_sql("PRAGMA journal_mode=OFF")
    database.execute_sql("PRAGMA synchronous=OFF")
    database.execute_sql(f"PRAGMA cache_size={-LARGE_CACHE_KIB}")  # the index builds sort in it
    database.execute_sql("PRAGMA mmap_size=1073741824")  # their table scans read in place
    database.execute_sql("PRAGMA threads=2")
    # every row refers to rows made before it (the tests run foreign_key_check): no parent
    # lookup per row for its region, team, volunteer or activity
    database.execute_sql("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        database.execute_sql("PRAGMA cache_size=-2000")
        database.execute_sql("PRAGMA mmap_size=0")
        database.execute_sql("PRAGMA threads=0")
        database.execute_sql("PRAGMA foreign_keys=ON")
        database.execute_sql("PRAGMA synchronous=FULL")
        database.execute_sql("PRAGMA journal_mode=WAL")


LARGE_CACHE_KIB, SORT_RUN_KIB = 262_144, 16_384


def sort_in_runs() -> None:
    """Make the next sorts cut their input into 16 MiB runs, each sorted apart (by the second
    thread in turn) and then merged: for the roster's ~9 million search keys, twice, this
    takes less than half the time of one sort in a 256 MiB cache (measured at 1,000,000
    volunteers: its key index 4.4 s against 11.5 s), whose lists do not fit a CPU cache."""
    database.execute_sql(f"PRAGMA cache_size={-SORT_RUN_KIB}")


def drop_indexes() -> list[tuple[str, str]]:
    """Drop the schema's explicit indexes; returns their tables and CREATE statements.

    Filling tables first and indexing once is faster than keeping a dozen B-trees sorted
    through millions of random-order inserts (measured: see bench/province.py).
    """
    rows = database.execute_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        "ORDER BY tbl_name, name"
    ).fetchall()
    for name, _, _ in rows:
        database.execute_sql(f'DROP INDEX "{name}"')
    return [(table, sql) for _, table, sql in rows]
