"""The demo database: Jiaozhou (the county grid) and Jingzhou (the "1+7" community model).

`build_demo(path, seed=...)` fills a new database with the structures and figures of
DOMAIN.md. Everything derives from `random.Random(seed)` and `DEMO_TODAY`, never from the real
clock, so one seed always gives the same content. Ids are assigned here, so region paths and
references need no read-back; rows go in with `executemany`, one transaction per phase.

The phases run in order on one shared `state.Demo` (and its one RNG): `places` (regions,
venues), `people` (teams, volunteers, officers, memberships), `activities` (activities, service
records); `data` holds the word lists they draw from.

The Unix user who builds it becomes a county admin of the whole demo, so a newcomer's first
`kxtui --demo` opens at once.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from kxtui.db.demo.activities import build_activities
from kxtui.db.demo.people import build_people, build_teams
from kxtui.db.demo.places import build_regions, build_venues
from kxtui.db.demo.state import ACTOR, DEMO_TODAY, Demo, Progress, insert, stamp
from kxtui.db.engine import volunteer_index
from kxtui.db.engine.connection import open_database
from kxtui.db.engine.first_admin import admin_record
from kxtui.db.engine.models import AuditEntry, Meta, OfficerAccount, database
from kxtui.db.engine.process_user import unix_user

__all__ = ["DEMO_TODAY", "Progress", "build_demo"]


def build_demo(path: Path, *, seed: int = 2026, progress: Progress | None = None) -> None:
    """Create the demo database at `path`, which must be missing or empty."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise FileExistsError(path)
    open_database(path)
    _run(Demo(seed, progress or (lambda _label, _fraction: None), unix_user(path)))


def _run(demo: Demo) -> None:
    phases = (
        ("生成行政区划", 0.0, build_regions), ("生成科普阵地", 0.05, build_venues),
        ("生成志愿服务队", 0.1, build_teams), ("生成志愿者", 0.15, build_people),
        ("生成活动台账", 0.7, build_activities), ("写入元数据", 0.95, _finish),
    )  # fmt: skip
    for label, fraction, phase in phases:
        demo.progress(label, fraction)
        with database.atomic("IMMEDIATE"):
            phase(demo)
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file
    demo.progress("完成", 1.0)


def _finish(demo: Demo) -> None:
    volunteer_index.index_all()
    volunteer_index.refresh_service()
    at = datetime.combine(DEMO_TODAY, time(18))
    insert(OfficerAccount, [{**admin_record(demo.admin), **stamp(at)}])
    volunteer_index.check_id_numbers()
    Meta.replace(key="demo_seed", value=str(demo.seed)).execute()
    Meta.replace(key="demo_today", value=DEMO_TODAY.isoformat()).execute()
    summary = (f"生成演示数据库（种子 {demo.seed}）：行政区划 {len(demo.regions)} 个，"
               f"阵地 {len(demo.venues)} 个，志愿服务队 {len(demo.teams)} 支，"
               f"志愿者 {len(demo.volunteers)} 名，活动 {len(demo.activities)} 场")  # fmt: skip
    insert(AuditEntry, [{"at": at, "actor": ACTOR,
                         "action": "demo", "entity": "database", "summary": summary,
                         "changes": "{}"}])  # fmt: skip
