"""Goal 8: building the province demo, 136 counties and 1,000,000 volunteers, in under 60 s.

- measured: `build_province(path, seed=2026)` into a fresh file in the run's temporary
  directory, wall clock from the call to its return (schema, every county's rows, the indexes,
  the checkpoint); its phases (counties, indexes) from the progress it reports, and the CPU
  time beside it: this process's (SQLite's sorter threads included) and that of the child
  process making the rows — on a shared machine the wall clock also counts other processes'
  turns.
- baseline, bare SQLite: one `executemany` of 1,000,000 minimal volunteer rows (constant name,
  pinyin, region, no mobile or ID) in one transaction into a fresh kxtui database with its
  usual settings and indexes — what writing the volunteer table alone costs here, no Python
  per row beyond the tuple.

One run each (the build takes most of a minute); `--reps` is not used here.
"""

from __future__ import annotations

import os
import resource
import sqlite3
import time
from pathlib import Path

from bench.common import Row, verdict
from kxtui.db.demo.province import BUILD_SHARE, DEFAULT_VOLUNTEERS, build_province
from kxtui.db.engine.connection import close_database, open_database

GOAL_SECONDS = 60.0
TABLES = ("region", "venue", "team", "volunteer", "volunteer_domain", "team_membership",
          "officer", "activity", "service_record", "volunteer_key",
          "volunteer_service")  # fmt: skip


def bare_volunteers(path: Path, count: int = DEFAULT_VOLUNTEERS) -> float:
    """Seconds for one executemany of `count` minimal volunteer rows, usual schema and indexes."""
    open_database(path)
    close_database()
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(
            "INSERT INTO region (id, created_at, created_by, updated_at, updated_by, version, "
            "kind, name, pinyin, initials, sort_order, path) VALUES (1, '2026-01-01 09:00:00', "
            "'bench', '2026-01-01 09:00:00', 'bench', 1, 'county', 'x', 'x', 'x', 1, '/1/')"
        )
        stamp = "2026-01-01 09:00:00"
        rows = [(i, stamp, "bench", stamp, "bench", 1, "王芳", "wangfang", "wf", 1, "", 0, 0, 1, "")
                for i in range(1, count + 1)]  # fmt: skip
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT INTO volunteer (id, created_at, created_by, updated_at, updated_by, version, "
            "name, pinyin, initials, region_id, skills, platform_registered, is_student, active, "
            "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        connection.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        connection.close()


def _children_cpu() -> float:
    """CPU seconds of this process's children that have ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(work: Path) -> list[Row]:
    load = os.getloadavg()[0]
    target = work / "province.db"
    marks: dict[str, float] = {}

    def progress(label: str, fraction: float) -> None:
        now = time.perf_counter()
        if fraction >= BUILD_SHARE and "indexes" not in marks:  # the counties are done
            marks["indexes"] = now
        marks["last"] = now

    cpu, child, started = time.process_time(), _children_cpu(), time.perf_counter()
    try:
        build_province(target, seed=2026, progress=progress)
    finally:
        close_database()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    child = _children_cpu() - child
    counties = marks.get("indexes", started) - started
    bare = bare_volunteers(work / "bare.db")

    connection = sqlite3.connect(target)
    try:
        counts = {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                  for t in TABLES}  # fmt: skip
        (county_count,) = connection.execute(
            "SELECT COUNT(*) FROM region WHERE parent_id IS NULL"
        ).fetchone()
    finally:
        connection.close()
    size = target.stat().st_size
    rows_total = sum(counts.values())

    def listed(*tables: str) -> str:
        return " / ".join(f"{counts[t]:,}" for t in tables)

    return [
        Row(
            f"14. province demo: {county_count} counties, {counts['volunteer']:,} volunteers",
            f"≤ {GOAL_SECONDS:.0f} s",
            f"{seconds:.1f} s",
            f"bare executemany of {DEFAULT_VOLUNTEERS:,} volunteer rows {bare:.1f} s",
            f"{seconds / bare:.1f}×",
            verdict(seconds <= GOAL_SECONDS),
        ),
        Row(
            "   counties (rows made and inserted) / indexes and roster tables after",
            measured=(f"{counties:.1f} s / {seconds - counties:.1f} s"),
            verdict="info",
        ),  # fmt: skip
        Row(
            "   CPU time: this process / the child making rows / load average at start",
            measured=(f"{cpu:.1f} s / {child:.1f} s / {load:.1f}"),
            verdict="info",
        ),  # fmt: skip
        Row(
            f"   rows written, all tables ({rows_total / seconds:,.0f} rows/s)",
            measured=f"{rows_total:,}",
            verdict="info",
        ),  # fmt: skip
        Row(
            "   regions / venues / teams / officers",
            measured=listed("region", "venue", "team", "officer"),
            verdict="info",
        ),  # fmt: skip
        Row(
            "   memberships / domains / activities / service records",
            measured=listed("team_membership", "volunteer_domain", "activity", "service_record"),
            verdict="info",
        ),  # fmt: skip
        Row(
            "   roster: search keys / service totals (schema v5)",
            measured=listed("volunteer_key", "volunteer_service"),
            verdict="info",
        ),  # fmt: skip
        Row("   file size", measured=f"{size / 2**20:,.0f} MiB", verdict="info"),
    ]
