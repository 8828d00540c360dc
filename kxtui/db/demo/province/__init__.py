"""The province demo: Shandong's 136 county-level divisions at DOMAIN.md's "≈ 100× a county"
scale, a million volunteers by default, built in about 45 s on two cores (~55 s of CPU time).

`build_province(path, seed=..., volunteers=..., counties=...)` fills a new database. Like the
county demo it derives everything from `random.Random(seed)` and `DEMO_TODAY`, so one seed (and
size) always gives the same content, whatever the process or its hash seed.

What a county gets (a share of the volunteers drawn between 0.6× and 1.4× the mean):
- regions: the county at the top (there is no province or prefecture kind of region: the
  counties are the top level, as in the county demo, and their city shows in the names of
  districts, "济南市历下区", and in addresses); about 12 subdistricts (街道) and towns (镇),
  mostly subdistricts in a district (区), mostly towns in a county (县) or county-level city
  (胶州市 keeps its 12 real ones); 15–25 villages (村) or communities (社区) each; 3–8 grids
  (网格) in 40% of a subdistrict's communities.
- venues: about eight a town, its activity centre and a mix of schools, community stations,
  education bases, rural technical associations, enterprise SASTs ...; 20% fall short of one
  or two of the six haves, with a note.
- teams: 总队 → a 支队 per town → four 领域分队 each (health, education, agriculture and one
  more) → 0–2 专业队 under each division; about 100 a county. Each leader is a member.
- volunteers: names, pinyin and initials as the county demo makes them; gender, birth date and
  ID number agree; domains (1–2), teams of their own town (one, an eighth a second).
- officers: two county staff, one per town, a liaison per village, one per grid.
- activities: one per ten volunteers in the two years before DEMO_TODAY, 3–17 volunteers
  serving at each, drawn by a per-volunteer weight: a fifth of the active never serve, and
  about half of all volunteers have no service record in the two years.

Deliberate problems, for the roster checks (`rates` holds every share):
- 2% of volunteers have no mobile; 0.3% share the mobile of another volunteer of the county;
- 30% have an ID number, and 0.5% of those are invalid (0.4% a wrong check character, 0.1% a
  digit missing);
- 2% of platform-registered volunteers have no platform ID;
- 5% of volunteers are inactive, and 30% of those are still members of their teams;
- 6% of professional teams have only one or two members;
- 25% of grid officers have no volunteer record (the rest are volunteers too, 一员双责).

Speed: rows are tuples made with cheap draws (`draw`), pinyin is worked out once per distinct
string; a child process makes them while this one inserts the previous county's, each county
as one transaction of `executemany`s (`counties`), and the indexes are built once at the end
(`bulk`). The roster's ~9.5 million search keys are made by SQLite from the names' readings
(`roster`): their two B-trees (by key, by volunteer) cost ~15 s of the build, mostly SQLite
sorting, on its worker thread in part. `python -m bench --only province` times the full size.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from kxtui.db.demo.province.bulk import bulk_mode, drop_indexes, insert, sort_in_runs
from kxtui.db.demo.province.counties import Child, Made, made_elsewhere
from kxtui.db.demo.province.roster import (
    LATE_INDEXES,
    add_service_totals,
    fill_search_keys,
    last_service_record,
)
from kxtui.db.demo.state import ACTOR, DEMO_TODAY, Progress, stamp
from kxtui.db.engine.connection import open_database
from kxtui.db.engine.first_admin import admin_record
from kxtui.db.engine.models import AuditEntry, Meta, OfficerAccount, database
from kxtui.db.engine.process_user import unix_user
from kxtui.db.engine.writes import collector_paused
from kxtui.db.words import say  # the progress in the interface's words

__all__ = ["BUILD_SHARE", "DEFAULT_VOLUNTEERS", "build_province"]

DEFAULT_VOLUNTEERS = 1_000_000
# of the progress bar (by the CPU time they take): the counties, then the indexes, then the
# roster's tables from ROSTER_SHARE[0] to [1], then their indexes
BUILD_SHARE, ROSTER_SHARE = 0.45, (0.6, 0.8)


def build_province(
    path: Path,
    *,
    seed: int = 2026,
    volunteers: int = DEFAULT_VOLUNTEERS,
    counties: int | None = None,
    progress: Progress | None = None,
) -> None:
    """Create the province demo at `path`, which must be missing or empty.

    `counties` takes that many of the province's counties, spread over its cities (tests build
    a few); `volunteers` are shared among them.
    """
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise FileExistsError(path)
    report = progress or (lambda _label, _fraction: None)
    with made_elsewhere(seed, volunteers, counties) as child:
        open_database(path)  # after the fork: the child holds no connection to the file
        with bulk_mode(), collector_paused():
            indexes = drop_indexes()
            made = _insert_counties(report, child)
            # the roster's tables need the volunteer's indexes, and their own come after them
            early = [sql for table, sql in indexes if table not in LATE_INDEXES]
            late = [sql for table, sql in indexes if table in LATE_INDEXES]
            _build_indexes(report, early, 0, len(indexes), (BUILD_SHARE, ROSTER_SHARE[0]))
            report(say("demo.province_roster"), ROSTER_SHARE[0])
            sort_in_runs()
            with database.atomic("IMMEDIATE"):
                fill_search_keys(made.givens, made.whole)
            _build_indexes(report, late, len(early), len(indexes), (ROSTER_SHARE[1], 0.98))
            report(say("demo.province_finish"), 0.98)
            with database.atomic("IMMEDIATE"):
                _finish(seed, made.counts, volunteers, admin=unix_user(path))
    database.execute_sql("PRAGMA main.wal_checkpoint(TRUNCATE)")  # one self-contained file
    report(say("demo.province_done"), 1.0)


def _insert_counties(report: Progress, child: Child) -> Made:
    """Insert each county's rows in its own transaction as the child sends them, and count
    its volunteers' service totals."""
    for county in child.counties():
        report(say("demo.province_county", name=county.name, done=county.done + 1,
                 total=county.total), BUILD_SHARE * county.done / county.total)  # fmt: skip
        with database.atomic("IMMEDIATE"):
            after = last_service_record()
            for table, rows in county.rows:
                insert(table, rows)
            add_service_totals(after)
    assert child.made is not None
    return child.made


def _build_indexes(report: Progress, statements: list[str], before: int, total: int,
                   shares: tuple[float, float]) -> None:  # fmt: skip
    """Run CREATE INDEX statements, the progress bar going from shares[0] to shares[1]."""
    low, high = shares
    for done, sql in enumerate(statements):
        report(say("demo.province_indexes", done=before + done + 1, total=total),
               low + (high - low) * done / len(statements))  # fmt: skip
        database.execute_sql(sql)


def _finish(seed: int, c: dict[str, int], volunteers: int, admin: str) -> None:
    at = datetime.combine(DEMO_TODAY, time(18))
    OfficerAccount.insert({**admin_record(admin), **stamp(at)}).execute()
    facts = {"demo_seed": str(seed), "demo_today": DEMO_TODAY.isoformat(),
             "demo_scale": "province", "demo_volunteers": str(volunteers),
             "demo_counties": str(c["counties"])}  # fmt: skip
    for key, value in facts.items():
        Meta.replace(key=key, value=value).execute()
    summary = (f"生成省级演示数据库（种子 {seed}）：县（市、区）{c['counties']} 个，"
               f"行政区划 {c['regions']} 个，阵地 {c['venues']} 个，志愿服务队 {c['teams']} 支，"
               f"志愿者 {c['volunteers']} 名，活动 {c['activities']} 场，"
               f"服务记录 {c['service_records']} 条")  # fmt: skip
    AuditEntry.insert(at=datetime.combine(DEMO_TODAY, time(18)), actor=ACTOR, action="demo",
                      entity="database", summary=summary, changes="{}").execute()  # fmt: skip
