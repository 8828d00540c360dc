"""What makes the roster fast at 1,000,000 volunteers: search keys and service totals.

Search keys (`volunteer_key`): a query matches a volunteer when one of the volunteer's keys
begins with it, so every search is one range of the primary key. The keys are the suffixes of
the name's first NAME_KEY_CHARS characters (a substring search: "伟" finds 张伟, two
characters as well as three), the suffixes of their pinyin at syllable boundaries ("zhangwei",
"zhang wei", "wei"), the suffixes of the initials of two letters or more ("zw"; one letter is
already the start of a syllable), the mobile ("138…") and its last four digits.

Service totals (`volunteer_service`): total hours and last service date per volunteer, counted
again for the volunteers a write touched, in that write's transaction. Both sources count:
service records at activities not deleted (dated by the activity's start) and historical hours
(`historical_hours`, dated by their end: the last day of a project served elsewhere); a
historical value out of range is left out, as every total leaves such values out.

ID number checks (`volunteer.id_number_valid`): whether the stored number passes the form's
checks, so the roster check for unusable records is one index range, not 300,000 stdnum calls.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from itertools import islice

from kxtui import clock
from kxtui.db import numbers, resident_id
from kxtui.db.engine.models import database
from kxtui.db.pinyin import search_key, syllables

BATCH = 2_000  # volunteers a statement reads the pinyin of and writes the keys of
HIGHEST = "\U0010ffff"  # sorts after every character: q ≤ key < q + HIGHEST is "begins with q"


# What is keyed of a name and a mobile: their first characters. A name's keys are its suffixes,
# quadratic in its length — a name of 100,000 characters written by another program would make
# 5·10⁹ characters of keys — and names are short (2 to 4 characters, a transliterated one
# about 20), so a search finds a name by what begins in its first 32 characters.
NAME_KEY_CHARS = 32
MOBILE_KEY_CHARS = 20  # a mobile is 11 digits


def search_keys(name: str, mobile: str | None, parts: list[str] | None = None) -> set[str]:
    """Every key a search can find this volunteer by (`parts`: the name's syllables, when the
    caller has them already). Only the first NAME_KEY_CHARS characters of the name, and
    MOBILE_KEY_CHARS of the mobile, are keyed: every writer and `kxtui check` call this."""
    if len(name) > NAME_KEY_CHARS:
        name, parts = name[:NAME_KEY_CHARS], None  # the syllables of what is keyed
    name = "".join(unicodedata.normalize("NFKC", name).split())
    keys = name_keys(name, syllables(name, person=True) if parts is None else parts)
    if mobile:
        mobile = mobile[:MOBILE_KEY_CHARS]
        keys.update((mobile, mobile[-4:]))
    return keys


def name_keys(name: str, parts: Sequence[str]) -> set[str]:
    """The keys of a name read as the syllables `parts`: the suffixes of the name, of its
    pinyin at syllable boundaries, and of its initials of two letters or more (of a name of
    at most NAME_KEY_CHARS characters: `search_keys` cuts a longer one)."""
    initials = "".join([part[0] for part in parts])  # lists: an import keys 100,000 names
    keys = {name[i:] for i in range(len(name))}
    keys.update(["".join(parts[i:]) for i in range(len(parts))])
    keys.update([initials[i:] for i in range(len(initials) - 1)])
    return keys


def query_key(query: str) -> str:
    """A typed query as compared with the keys: characters as typed (without spaces), or
    letters and digits alone for pinyin, initials and mobiles ("Zhang Wei" → "zhangwei")."""
    text = "".join(unicodedata.normalize("NFKC", query).split())
    if any(ord(ch) > 0x7F for ch in text):
        return text[:NAME_KEY_CHARS]  # no key is longer
    return search_key(text)


def index(
    volunteers: Iterable[tuple[int, str, str | None] | tuple[int, str, str | None, list[str]]],
) -> None:
    """Add the keys of (id, name, mobile) volunteers (or (id, name, mobile, syllables of the
    name)), each with the volunteer's name sort key as stored; inside the caller's
    transaction, after the volunteers are written."""
    volunteers = iter(volunteers)
    while batch := list(islice(volunteers, BATCH)):
        marks = ", ".join("?" * len(batch))
        sort_keys = dict(
            database.execute_sql(
                f"SELECT id, sort_key FROM volunteer WHERE id IN ({marks})", [v[0] for v in batch]
            ).fetchall()
        )
        database.connection().executemany(
            "INSERT OR IGNORE INTO volunteer_key (key, volunteer_id, sort_key) VALUES (?, ?, ?)",
            [
                (key, volunteer_id, sort_keys[volunteer_id])
                for volunteer_id, name, mobile, *parts in batch
                for key in search_keys(name, mobile, parts[0] if parts else None)
            ],
        )


def index_new(volunteers: Iterable[tuple[int, str, str | None, list[str], str]]) -> None:
    """Add the keys of new (id, name, mobile, syllables of the name, name sort key as stored)
    volunteers, whose writer has their sort keys at hand: no query reads them back."""
    database.connection().executemany(
        "INSERT OR IGNORE INTO volunteer_key (key, volunteer_id, sort_key) VALUES (?, ?, ?)",
        [
            (key, volunteer_id, sort)
            for volunteer_id, name, mobile, parts, sort in volunteers
            for key in search_keys(name, mobile, parts)
        ],
    )


def unindex(volunteer_id: int, name: str, mobile: str | None) -> None:
    """Remove the keys the volunteer had as (name, mobile), before a change or a delete."""
    database.connection().executemany(
        "DELETE FROM volunteer_key WHERE key = ? AND volunteer_id = ?",
        [(key, volunteer_id) for key in search_keys(name, mobile)],
    )


def index_all() -> None:
    """Rebuild every volunteer's keys (new schema, demo, import of many)."""
    database.execute_sql("DELETE FROM volunteer_key")
    cursor = database.execute_sql("SELECT id, name, mobile FROM volunteer ORDER BY id")
    index(iter(cursor.fetchone, None))


# service records at activities not deleted, as s (service_record) and a (activity)
SERVICE = "FROM service_record s JOIN activity a ON a.id = s.activity_id AND a.deleted_at IS NULL"
# historical hours as h: their hours in range (else NULL, left out of sums) and their end date
# when it is a real day
HISTORY_HOURS = (
    f"CASE WHEN {numbers.bad('historical_hours', 'hours', 'h')} THEN NULL ELSE h.hours END"
)
HISTORY_LAST = "CASE WHEN date(h.end_date) IS h.end_date THEN h.end_date END"
# per volunteer with historical hours: (volunteer_id, hours, last) — added to the service's
HISTORY_TOTALS = (
    f"SELECT h.volunteer_id AS volunteer_id, COALESCE(SUM({HISTORY_HOURS}), 0) AS hours, "
    f"MAX({HISTORY_LAST}) AS last FROM historical_hours h"
)
_ADD_HISTORY = (
    "UPDATE volunteer_service SET hours = volunteer_service.hours + t.hours, last_served = CASE "
    "WHEN t.last > COALESCE(volunteer_service.last_served, '') THEN t.last "
    "ELSE volunteer_service.last_served END "
    "FROM ({totals}) t WHERE t.volunteer_id = volunteer_service.volunteer_id"
)


def refresh_service(volunteer_ids: Iterable[int] | None = None) -> None:
    """Count again the total hours and last service of these volunteers (None: everyone)
    from their service records at activities not deleted and their historical hours."""
    if volunteer_ids is None:
        database.execute_sql("DELETE FROM volunteer_service")
        database.execute_sql(
            "INSERT INTO volunteer_service (volunteer_id, hours, last_served) "
            f"SELECT s.volunteer_id, SUM(s.hours), MAX(a.start_date) {SERVICE} "
            "GROUP BY s.volunteer_id"
        )
        database.execute_sql(
            "INSERT INTO volunteer_service (volunteer_id, hours, last_served) "
            "SELECT v.id, 0, NULL FROM volunteer v WHERE NOT EXISTS "
            "(SELECT 1 FROM volunteer_service x WHERE x.volunteer_id = v.id)"
        )
        if _has_history():
            totals = f"{HISTORY_TOTALS} GROUP BY h.volunteer_id"
            database.execute_sql(_ADD_HISTORY.format(totals=totals))
        return
    history = _has_history()
    ids = sorted(set(volunteer_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        # one pass over each volunteer's records for both figures (in the order of the index,
        # as one subquery per figure summed them), then those left with none
        database.execute_sql(
            "INSERT OR REPLACE INTO volunteer_service (volunteer_id, hours, last_served) "
            f"SELECT s.volunteer_id, SUM(s.hours), MAX(a.start_date) {SERVICE} "
            f"WHERE s.volunteer_id IN ({marks}) GROUP BY s.volunteer_id",
            chunk,
        )
        database.execute_sql(
            "INSERT OR REPLACE INTO volunteer_service (volunteer_id, hours, last_served) "
            f"SELECT v.id, 0, NULL FROM volunteer v WHERE v.id IN ({marks}) "
            f"AND NOT EXISTS (SELECT 1 {SERVICE} WHERE s.volunteer_id = v.id)",
            chunk,
        )
        if history:
            totals = f"{HISTORY_TOTALS} WHERE h.volunteer_id IN ({marks}) GROUP BY h.volunteer_id"
            database.execute_sql(_ADD_HISTORY.format(totals=totals), chunk)


def _has_history() -> bool:
    """Whether the table of historical hours exists (an upgrade counts totals before step 15
    makes it)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'historical_hours'"
    return database.execute_sql(sql).fetchone() is not None


def check_id_numbers(volunteer_ids: Iterable[int] | None = None) -> None:
    """Set `id_number_valid` of these volunteers (None: everyone) by the volunteer form's
    checks of their ID number; inside the caller's transaction."""
    read = "SELECT id, id_number FROM volunteer"
    if volunteer_ids is None:
        database.execute_sql("UPDATE volunteer SET id_number_valid = NULL WHERE id_number IS NULL")
        _check(database.execute_sql(f"{read} WHERE id_number IS NOT NULL").fetchall())
        return
    ids = sorted(set(volunteer_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        _check(database.execute_sql(f"{read} WHERE id IN ({marks})", chunk).fetchall())


def _check(rows: Iterable[tuple[int, str | None]]) -> None:
    today = clock.today()
    valid = resident_id.ResidentId
    checked = [
        (None if number is None else isinstance(resident_id.read(number, today), valid), i)
        for i, number in rows
    ]
    database.connection().executemany(
        "UPDATE volunteer SET id_number_valid = ? WHERE id = ?", checked
    )
