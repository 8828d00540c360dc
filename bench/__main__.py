"""`python -m bench [--reps N] [--only SECTION,...]`: run the benchmarks, print the table.
Sections: startup, expand, jump, import, ledger, import_volunteers, stress, province, roster,
fresh, bytes, reports, report_screen, certificates, statement.

Exits 0 when every benchmark ran, even if a goal was MISSED (the table says so); 1 if one
crashed (its traceback goes to stderr, the other benchmarks still run).
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

import textual

from bench import (
    certificates,
    expand,
    fixtures,
    fresh,
    import_activities,
    import_volunteers,
    jump,
    ledger,
    province,
    report_screen,
    reports,
    roster,
    startup,
    statement,
    stress,
    terminal_bytes,
)
from bench.common import Row, print_table

SECTIONS = ("startup", "expand", "jump", "import", "ledger", "import_volunteers", "stress",
            "province", "roster", "fresh", "bytes", "reports", "report_screen",
            "certificates", "statement")  # fmt: skip


DEMO_GOAL_S = 10.0  # an officer trying kxtui waits this long at most for the demo county


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--reps", type=int, default=11, help="repetitions of each end-to-end figure (default 11)"
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help="comma-separated subset of: " + ", ".join(SECTIONS),
    )
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    if unknown := set(chosen) - set(SECTIONS):
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    print(
        f"kxtui benchmarks — Python {platform.python_version()}, Textual {textual.__version__}, "
        f"{args.reps} repetitions; medians unless p95; every baseline measured in this run."
    )
    rows: list[Row] = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="kxtui-bench-") as folder:
        work = Path(folder)
        print("building databases ...", flush=True)
        built = time.perf_counter()
        demo_db = fixtures.build_demo_db(work)
        built = time.perf_counter() - built
        rows.append(
            Row(
                "0. build the county demo (the first `kxtui --demo`)",
                "≤ 10 s",
                f"{built:.1f} s",
                verdict="met" if built <= DEMO_GOAL_S else "MISSED",
            )
        )
        county = fixtures.first_county_label(demo_db)
        town = fixtures.build_big_town(work) if "expand" in chosen else None
        runs: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: startup.run(demo_db, county, args.reps),
            "expand": lambda: expand.run(town, args.reps),  # type: ignore[arg-type]
            "jump": lambda: jump.run(demo_db, args.reps),
            "import": lambda: import_activities.run(demo_db, work),
            "ledger": lambda: ledger.run(demo_db, work, args.reps),
            "stress": lambda: stress.run(work),
            "province": lambda: province.run(work),
            "roster": lambda: roster.run(demo_db, args.reps),
            "import_volunteers": lambda: import_volunteers.run(demo_db, work),
            "fresh": lambda: fresh.run(demo_db, work, args.reps),
            "bytes": lambda: terminal_bytes.run(demo_db, args.reps),
            "reports": lambda: reports.run(args.reps),
            "report_screen": lambda: report_screen.run(demo_db, args.reps),
            "certificates": lambda: certificates.run(demo_db, work, args.reps),
            "statement": lambda: statement.run(work, args.reps),
        }
        for name in chosen:
            print(f"running {name} ...", flush=True)
            try:
                rows += runs[name]()
            except Exception:
                traceback.print_exc()
                rows.append(
                    Row(f"{name}: crashed (traceback above)", verdict="ERROR", measured="-")
                )
                failed = True
    print()
    print_table(rows)
    missed = [row.figure.strip() for row in rows if row.verdict == "MISSED"]
    met = sum(row.verdict == "met" for row in rows)
    print(f"goals met: {met}   MISSED: {len(missed)}")
    for figure in missed:
        print(f"  MISSED: {figure}")
    print(f"total time {time.perf_counter() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
