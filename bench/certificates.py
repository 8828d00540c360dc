"""Goal 20: 志愿服务记录证明 for a 1,000-member team, issued and written as one DOCX (one page
each) in at most 10 s.

- measured: `kxtui.db.certificates.files.write_certificates` for every member of a team of
  1,000 volunteers of the county demo who served (a team made for the bench in a copy of the
  demo, its members added straight into the table): the hours, the numbers, the register rows
  and audit entries in one write transaction, and the DOCX written in it. Wall clock; the
  first run issues 1,000 new numbers, the later ones reprint them (the same work and file).
- baseline, in the same run: python-docx alone writing 1,000 pages of the same shape (title,
  number, a six-row table, the sentences and the signature lines) with fixed text: what the
  document library costs whatever kxtui does.

Each: min(reps, 3) runs, median.
"""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

from bench.common import Row, median, ratio, verdict
from bench.fixtures import FROZEN_AT
from kxtui import clock
from kxtui.db import call
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import database
from kxtui.domain import AccessRole

GOAL_S = 10.0
MEMBERS = 1_000


def _team(path: Path) -> int:
    """A team of the 1,000 volunteers with the most hours, made for the bench."""
    open_database(path)
    try:
        with database.atomic():
            database.execute_sql(
                "INSERT INTO team (name, pinyin, initials, level, region_id, sort_order,"
                " created_at, created_by, updated_at, updated_by, version)"
                " SELECT '千人测试队', 'qianrenceshidui', 'qrcsd', 'division', id, 0,"
                " '2026-01-01', 'bench', '2026-01-01', 'bench', 1 FROM region"
                " WHERE parent_id IS NULL ORDER BY id LIMIT 1"
            )
            team = database.execute_sql("SELECT MAX(id) FROM team").fetchone()[0]
            database.execute_sql(
                "INSERT INTO team_membership (team_id, volunteer_id) SELECT ?, volunteer_id"
                " FROM volunteer_service ORDER BY hours DESC, volunteer_id LIMIT ?",
                (team, MEMBERS),
            )
        return int(team)
    finally:
        close_database()


def _issue(path: Path, team: int, target: Path) -> tuple[float, int]:
    from kxtui.db.certificates.files import volunteers_of, write_certificates
    from kxtui.db.rows import RosterFilter

    open_database(path)
    try:
        started = time.perf_counter()
        ids = call(volunteers_of, RosterFilter(team_id=team))
        written = call(write_certificates, ids, target, overwrite=True, team_id=team)
        return time.perf_counter() - started, len(written.batch.issued)
    finally:
        close_database()


def _bare_document() -> float:
    from docx import Document

    started = time.perf_counter()
    document = Document()
    for page in range(MEMBERS):
        title = document.add_paragraph("志愿服务记录证明")
        title.paragraph_format.page_break_before = page > 0
        document.add_paragraph("证明编号：胶科协志证〔2026〕第0001号")
        table = document.add_table(rows=6, cols=2)
        for row in table.rows:
            row.cells[0].paragraphs[0].add_run("服务时间")
            row.cells[1].paragraphs[0].add_run("累计 36.5 小时（其中历史记录 10 小时）")
        for line in range(9):
            document.add_paragraph(f"兹证明，张三在上述期间参加志愿服务。{line}")
    document.save(io.BytesIO())
    return time.perf_counter() - started


def run(demo_db: Path, work: Path, reps: int) -> list[Row]:
    path = work / "certificates.db"
    shutil.copy(demo_db, path)
    clock.freeze(FROZEN_AT)
    scope.sign_in(scope.Session("bench", "基准", AccessRole.COUNTY_ADMIN))
    try:
        team = _team(path)
        runs = [_issue(path, team, work / "certificates.docx") for _ in range(min(reps, 3))]
        bare = [_bare_document() for _ in range(min(reps, 3))]
    finally:
        scope.sign_out()
        clock.freeze(None)
    measured = median([seconds for seconds, _ in runs])
    issued = runs[0][1]
    base = median(bare)
    return [
        Row(
            f"20. 志愿服务记录证明 for a {MEMBERS:,}-member team ({issued:,} issued), one DOCX",
            f"≤ {GOAL_S:.0f} s",
            f"{measured:.2f} s",
            f"{base:.2f} s",
            ratio(measured, base),
            verdict(measured <= GOAL_S),
        )
    ]
