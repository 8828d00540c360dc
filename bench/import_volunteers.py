"""Goal 8: importing 100,000 volunteers from a county roster CSV, into the county demo.

The input is made in the run, as a county would keep it (headers 姓名, 性别, 手机号码,
身份证号码, 县(市、区), 所属镇街, 所属村居, 所属队伍, 服务领域, 专业特长, 是否注册,
志愿者编号, 是否学生, 加入时间): people drawn with the demo's own name generator (so names,
surnames and given names repeat as a county's do), living in the demo's villages, members of
its teams; every one with a new mobile, 60% with a resident ID number, 70% registered with a
platform ID. Each import goes into a fresh copy of the demo (its 13,809 volunteers stay), so
every row is new.

- parse: `sheets_read.read_table` (file → rows of text), timed alone.
- database part (the goal): `volunteer_import.import_table` on the parsed rows — every row
  resolved (county, town/village path, teams) and checked with the volunteer form's rules
  (mobile with phonenumbers, ID number with python-stdnum, duplicates against the registered
  volunteers), then written in ONE transaction: volunteers, domains, memberships, search keys
  (`volunteer_index`), service totals and one audit entry each.
- check only: `check_table`, the same checks without writing.
- baseline, bare SQLite: `executemany` of the rows the import wrote (volunteers, domains,
  memberships, search keys, service totals; no audit) copied out of the imported database into
  another fresh copy, no Python per row — the ceiling for any importer on this machine.
- pinyin: what pypinyin would cost per name without the per-surname / per-given-name cache.
"""

from __future__ import annotations

import csv
import shutil
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from random import Random
from time import perf_counter

from bench.common import Row, verdict
from bench.fixtures import FROZEN_AT
from kxtui import clock
from kxtui.db import call
from kxtui.db.demo import data as D
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.writes import BULK_CACHE_KIB
from kxtui.db.pinyin import _readings
from kxtui.db.sheets.import_volunteers import check_table, import_table
from kxtui.db.sheets.read import read_table
from kxtui.db.sheets.volunteer_columns import VOLUNTEERS

ROWS = 100_000
GOAL_SECONDS = 3.0
HEADERS = ["姓名", "性别", "手机号码", "身份证号码", "县(市、区)", "所属镇街", "所属村居",
           "所属队伍", "服务领域", "专业特长", "是否注册", "志愿者编号", "是否学生",
           "加入时间"]  # fmt: skip
_CODES = {"胶州市": "370281", "荆州区": "421003"}
_DOMAINS = ["健康", "教育", "农业", "工程技术", "应急安全", "生态环境", "信息技术", "科学文化"]
# what the import writes besides the audit: table → its columns, copied for the baseline
_WRITTEN = {
    "volunteer": "*",
    "volunteer_domain": "volunteer_id, domain",
    "team_membership": "team_id, volunteer_id, joined_on",
    "volunteer_key": "key, volunteer_id",
    "volunteer_service": "volunteer_id, hours, last_served",
}


def write_roster(demo_db: Path, target: Path, rows: int = ROWS, seed: int = 8) -> Path:
    """A county roster CSV of `rows` new volunteers of the demo's counties."""
    rng = Random(seed)
    with closing(sqlite3.connect(demo_db)) as connection:
        homes = connection.execute(
            """SELECT c.name, t.name, v.name, v.kind FROM region v JOIN region t
               ON t.id = v.parent_id JOIN region c ON c.id = t.parent_id
               WHERE v.kind IN ('village', 'community') ORDER BY v.id"""
        ).fetchall()
        teams: dict[str, list[str]] = {}
        for county, team in connection.execute(
            """SELECT c.name, t.name FROM team t JOIN region r ON r.id = t.region_id
               JOIN region c ON r.path LIKE '/' || c.id || '/%' WHERE c.parent_id IS NULL"""
        ):
            teams.setdefault(county, []).append(team)
        used = {m for (m,) in connection.execute("SELECT mobile FROM volunteer")}
        used.update(
            i[:17]
            for (i,) in connection.execute(
                "SELECT id_number FROM volunteer WHERE id_number IS NOT NULL"
            )
        )
    surnames = {county: D.surname_table(code) for county, code in _CODES.items()}
    prefixes, weights = list(D.MOBILE_PREFIXES), list(D.MOBILE_PREFIXES.values())
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for number in range(rows):
            county, town, village, _ = rng.choice(homes)
            male = rng.random() < 0.48
            born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 55))
            while (
                mobile := f"{rng.choices(prefixes, weights)[0]}{rng.randrange(10**8):08d}"
            ) in used:
                pass
            used.add(mobile)
            id_number = ""
            if rng.random() < 0.6:
                while (
                    first17 := f"{_CODES[county]}{born:%Y%m%d}{rng.randrange(500) * 2 + male:03d}"
                ) in used:
                    pass
                used.add(first17)
                id_number = first17 + D.id_check_char(first17)
            registered = rng.random() < 0.7
            writer.writerow([
                D.person_name(rng, surnames[county], male, born.year), "男" if male else "女",
                mobile, id_number, county, town, village,
                "、".join(rng.sample(teams[county], rng.choice((0, 1, 1, 2)))),
                "、".join(rng.sample(_DOMAINS, rng.choice((1, 1, 2)))),
                rng.choice(("", "", "果树修剪", "急救培训", "青少年编程")),
                "是" if registered else "否",
                f"DMZY9{number:07d}X" if registered else "",  # none of the demo's own
                "是" if rng.random() < 0.2 else "否",
                (born + timedelta(days=365 * 18 + rng.randrange(3000))).isoformat()
                if born.year < 2000 else "2024-09-01",
            ])  # fmt: skip
    return target


def _unique(used: set[str], make) -> str:  # type: ignore[no-untyped-def]
    while (value := make()) in used:
        pass
    used.add(value)
    return value


def bare_sqlite(imported: Path, target: Path, first_id: int) -> float:
    """Seconds to insert what the import wrote (no audit) into `target` with executemany."""
    with closing(sqlite3.connect(imported)) as source:
        tables = {}
        for table, columns in _WRITTEN.items():
            key = "id" if table == "volunteer" else "volunteer_id"
            tables[table] = (
                columns,
                source.execute(f"SELECT {columns} FROM {table} WHERE {key} >= ?", (first_id,))
                .fetchall(),
            )  # fmt: skip
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode = wal")
    connection.execute("PRAGMA synchronous = full")
    connection.execute("PRAGMA foreign_keys = 1")
    connection.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
    started = perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    for table, (columns, rows) in tables.items():
        names = "" if columns == "*" else f" ({columns})"
        marks = ", ".join("?" * len(rows[0]))
        connection.executemany(f"INSERT INTO {table}{names} VALUES ({marks})", rows)
    connection.execute("COMMIT")
    seconds = perf_counter() - started
    connection.close()
    return seconds


def _fresh(demo_db: Path, target: Path) -> Path:
    shutil.copy(demo_db, target)
    return target


def run(demo_db: Path, work: Path) -> list[Row]:
    clock.freeze(FROZEN_AT)
    source = write_roster(demo_db, work / "volunteers.csv")
    with closing(sqlite3.connect(demo_db)) as connection:
        (first_id,) = connection.execute("SELECT MAX(id) + 1 FROM volunteer").fetchone()
    started = perf_counter()
    table = read_table(source, layout=VOLUNTEERS)
    parse = perf_counter() - started
    names = [cells[0] for _, cells in table.rows]

    open_database(_fresh(demo_db, work / "target-check.db"))
    try:
        started = perf_counter()
        checked = call(check_table, table)
        check_only = perf_counter() - started
    finally:
        close_database()
    _readings.cache_clear()  # the import pays for its own pinyin
    target = _fresh(demo_db, work / "target-import.db")
    open_database(target)
    try:
        started = perf_counter()
        report = call(import_table, table)
        database_part = perf_counter() - started
    finally:
        close_database()
    assert report.added == len(table.rows) == checked.new, (report, checked)
    bare = bare_sqlite(target, _fresh(demo_db, work / "target-bare.db"), first_id)
    with closing(sqlite3.connect(target)) as connection:
        (keys,) = connection.execute(
            "SELECT COUNT(*) FROM volunteer_key WHERE volunteer_id >= ?", (first_id,)
        ).fetchone()

    given = {name[1:] for name in names}
    _readings.cache_clear()
    started = perf_counter()
    for name in names[:2000]:
        _readings(name)  # whole names, all different: no cache helps
    per_name = (perf_counter() - started) / 2000
    total = len(table.rows)
    info = [
        ("   CSV parse (read_table)", f"{parse:.2f} s", ""),
        ("   check only (no write)", f"{check_only:.2f} s", ""),
        ("   write (database part − check only)", f"{database_part - check_only:.2f} s", ""),
        (f"   search keys written ({keys / total:.1f} per volunteer)", f"{keys:,}", ""),
        (
            f"   names: {len(set(names)):,} distinct, {len(given):,} given names",
            f"pypinyin {per_name * 1e6:,.0f} µs a name",
            f"uncached: +{per_name * total * 2:.1f} s (two readings a row)",
        ),
    ]
    return [
        Row(
            f"15. import {total:,} volunteers (CSV): check + write (database part)",
            f"≤ {GOAL_SECONDS:.1f} s",
            f"{database_part:.2f} s ({total / database_part:,.0f} rows/s)",
            f"bare SQLite inserts {bare:.2f} s ({total / bare:,.0f} rows/s)",
            f"{bare / database_part:.2f}×",  # rate over the baseline's, as figure 4
            verdict(database_part <= GOAL_SECONDS),
        ),
        *(
            Row(figure, measured=measured, baseline=baseline, verdict="info")
            for figure, measured, baseline in info
        ),
    ]
