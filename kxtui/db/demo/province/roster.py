"""The roster's tables (schema v5) for the whole province at once: the search keys and the
service totals.

`volunteer_index.index_all` reads each name with pypinyin (tens of µs a name, most of a minute
at this size) and sends every key from Python. Here the names' readings are those the build
drew them with (`draw.Names`), and SQLite makes the ~9 keys of each volunteer itself.
`volunteer_index.search_keys(name, mobile)` is the name, its pinyin and its initials, the
mobile and its last four digits — columns of the volunteer — plus the keys of the given name
after a one-character surname read apart (the suffixes of its characters, syllables and
initials), which a small table holds once per given name; the few names read whole bring all
their keys in another.

The keys go in in key order, so their B-tree is written front to back: each part of the UNION
is read in that order (the volunteer's pinyin, initials and mobile from their indexes, which
must exist) and SQLite merges them. The index by volunteer is built after (`LATE_INDEXES`).
"""

from __future__ import annotations

from collections.abc import Iterable

from kxtui.db import volunteer_index
from kxtui.db.demo.province.draw import Names
from kxtui.db.models import database

# built after the tables are filled here, not before as the other indexes are
LATE_INDEXES = ("volunteer_key", "volunteer_service")

_TABLES = {  # temporary: a given name's keys; a name read whole's keys; who has a given name
    "given_key": "(key TEXT NOT NULL, given TEXT NOT NULL, PRIMARY KEY (key, given))",
    "whole_key": "(name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key))",
    "given_of": "(given TEXT NOT NULL, id INTEGER NOT NULL, pinyin TEXT NOT NULL,"
    " PRIMARY KEY (given, id))",
}
_GIVEN_OF = """INSERT INTO temp.given_of SELECT substr(name, 2), id, pinyin FROM volunteer
    WHERE name NOT IN (SELECT name FROM temp.whole_key) ORDER BY 1, 2"""
# OR IGNORE: a key reached two ways (倪安南's initials are its given name's pinyin, "nan").
# Each key carries its volunteer's pinyin (schema v9), the roster's name order.
_KEYS = """INSERT OR IGNORE INTO volunteer_key (key, volunteer_id, pinyin)
    SELECT name, id, pinyin FROM volunteer
    UNION ALL SELECT pinyin, id, pinyin FROM volunteer WHERE pinyin <> ''
    UNION ALL SELECT initials, id, pinyin FROM volunteer WHERE length(initials) > 1
    UNION ALL SELECT mobile, id, pinyin FROM volunteer WHERE mobile <> ''
    UNION ALL SELECT substr(mobile, -4), id, pinyin FROM volunteer WHERE mobile <> ''
    UNION ALL SELECT g.key, o.id, o.pinyin FROM temp.given_key g
        JOIN temp.given_of o ON o.given = g.given
    UNION ALL SELECT w.key, v.id, v.pinyin FROM volunteer v JOIN temp.whole_key w ON w.name = v.name
    ORDER BY 1, 2"""


def fill_roster_tables(names: Iterable[Names]) -> None:
    """Every volunteer's search keys and service totals; inside the caller's transaction,
    after the last volunteer and service record, with the volunteer's indexes built."""
    whole = {name: parts for county in names for name, (_, _, parts) in county.whole.items()}
    rows = {
        "given_key": [(key, given) for given, (_, _, parts) in Names.givens.items()
                      for key in volunteer_index.name_keys(given, parts)],
        "whole_key": [(name, key) for name, parts in whole.items()
                      for key in volunteer_index.name_keys(name, parts)],
    }  # fmt: skip
    for table, columns in _TABLES.items():
        database.execute_sql(f"CREATE TEMP TABLE {table} {columns} WITHOUT ROWID")
        if table in rows:
            database.cursor().executemany(f"INSERT INTO temp.{table} VALUES (?, ?)", rows[table])
    database.execute_sql(_GIVEN_OF)
    database.execute_sql(_KEYS)
    for table in _TABLES:
        database.execute_sql(f"DROP TABLE temp.{table}")
    volunteer_index.refresh_service(None)
