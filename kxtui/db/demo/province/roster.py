"""The roster's tables (schema v5): the search keys for the whole province at once, the service
totals county by county.

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

The service totals are those `volunteer_index.refresh_service(None)` counts (the tests
compare), but counted as each county goes in, from its own service records (its volunteers
serve at its activities only): the building process does that while the child makes the next
county, rather than after the last.
"""

from __future__ import annotations

from kxtui.db.demo.province.draw import Reading
from kxtui.db.engine import volunteer_index
from kxtui.db.engine.models import database

# built after the tables are filled here, not before as the other indexes are
LATE_INDEXES = ("volunteer_key", "volunteer_service")

_TABLES = {  # temporary: a given name's keys; a name read whole's keys; who has a given name
    "given_key": "(key TEXT NOT NULL, given TEXT NOT NULL, PRIMARY KEY (key, given))",
    "whole_key": "(name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (name, key))",
    "given_of": "(given TEXT NOT NULL, id INTEGER NOT NULL, sort_key TEXT NOT NULL,"
    " PRIMARY KEY (given, id))",
}
_GIVEN_OF = """INSERT INTO temp.given_of SELECT substr(name, 2), id, sort_key FROM volunteer
    WHERE name NOT IN (SELECT name FROM temp.whole_key) ORDER BY 1, 2"""
# OR IGNORE: a key reached two ways (倪安南's initials are its given name's pinyin, "nan").
# Each key carries its volunteer's name sort key (schema v9), the roster's name order.
_KEYS = """INSERT OR IGNORE INTO volunteer_key (key, volunteer_id, sort_key)
    SELECT name, id, sort_key FROM volunteer
    UNION ALL SELECT pinyin, id, sort_key FROM volunteer WHERE pinyin <> ''
    UNION ALL SELECT initials, id, sort_key FROM volunteer WHERE length(initials) > 1
    UNION ALL SELECT mobile, id, sort_key FROM volunteer WHERE mobile <> ''
    UNION ALL SELECT substr(mobile, -4), id, sort_key FROM volunteer WHERE mobile <> ''
    UNION ALL SELECT g.key, o.id, o.sort_key FROM temp.given_key g
        JOIN temp.given_of o ON o.given = g.given
    UNION ALL SELECT w.key, v.id, v.sort_key FROM volunteer v
        JOIN temp.whole_key w ON w.name = v.name
    ORDER BY 1, 2"""


# the totals of the volunteers after the last one counted, from the service records after ?:
# two rowid ranges (the indexes are dropped while the counties go in) and a small GROUP BY
_COUNTY_SERVICE = f"""INSERT INTO volunteer_service (volunteer_id, hours, last_served)
    SELECT v.id, COALESCE(x.hours, 0), x.last_served FROM volunteer v LEFT JOIN
        (SELECT s.volunteer_id, SUM(s.hours) AS hours, MAX(a.start_date) AS last_served
         {volunteer_index.SERVICE} WHERE s.id > ? GROUP BY s.volunteer_id) x
        ON x.volunteer_id = v.id
    WHERE v.id > (SELECT COALESCE(MAX(volunteer_id), 0) FROM volunteer_service) ORDER BY v.id"""


def last_service_record() -> int:
    (last,) = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM service_record").fetchone()
    return int(last)


def add_service_totals(after_record: int) -> None:
    """The service totals of a county just inserted, whose service records come after id
    `after_record`; inside the caller's transaction."""
    database.execute_sql(_COUNTY_SERVICE, (after_record,))


def fill_search_keys(givens: dict[str, Reading], whole: dict[str, Reading]) -> None:
    """Every volunteer's search keys; inside the caller's transaction, after the last
    volunteer, with the volunteer's indexes built.

    `givens` and `whole` are the readings the names were drawn with (`draw.Names`): of the
    given names read apart, and of the names read whole."""
    rows = {
        "given_key": [(key, given) for given, (_, _, parts) in givens.items()
                      for key in volunteer_index.name_keys(given, parts)],
        "whole_key": [(name, key) for name, (_, _, parts) in whole.items()
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
