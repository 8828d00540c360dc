"""`kxtui backup`, `kxtui check` and `kxtui restore`: looking after the database file.

Exit codes: 0 done (check: no problem); 1 check found problems; 2 the command could not run
(no database, in use, a bad backup ...). Messages go to stdout, refusals to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kxtui.cli import fail
from kxtui.db.errors import KxError
from kxtui.display import clean
from kxtui.i18n import t


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def run_backup(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.backup import backup

    output = Path(args.output).expanduser() if args.output else None
    try:
        result = backup(path, output, keep=args.keep)
    except KxError as error:
        return fail(t(error.key, **error.params))
    print(clean(t("backup.done", path=result.path, size=_size(result.size)), 1000))
    if result.removed:
        print(t("backup.removed", count=len(result.removed), keep=args.keep))
    # Warnings, not failures: the backup is made, and the nightly check must still run.
    for failure in result.failed:
        message = t("backup.prune_failed", path=failure.path, reason=failure.reason)
        print(f"kxtui: {clean(message, 1000)}", file=sys.stderr)
    if result.ignored:
        message = t("backup.ignored", count=result.ignored, folder=result.path.parent)
        print(f"kxtui: {clean(message, 1000)}", file=sys.stderr)
    return 0


def run_check(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.check import check_database

    if not path.exists():
        return fail(t("open.missing", path=path))
    try:
        report = check_database(path)
    except KxError as error:
        return fail(t(error.key, **error.params))
    if report.ok:
        print(clean(t("check.passed", path=path), 1000))
        return 0
    print(clean(t("check.found", path=path, count=len(report.problems)), 1000))
    for problem in report.problems:
        print(f"  ✗ {t(problem.key, count=problem.count, **problem.params)}")
        if problem.examples:
            examples = clean("; ".join(problem.examples), 400)
            print(f"    {t('check.examples', examples=examples)}")
    return 1


def run_restore(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.backup import restore

    source = Path(args.file).expanduser()
    try:
        result = restore(source, path)
    except KxError as error:
        return fail(t(error.key, **error.params))
    print(clean(t("restore.done", backup=source, path=result.path), 1000))
    if result.aside is not None:
        print(clean(t("restore.aside", aside=result.aside), 1000))
    return 0


COMMANDS: dict[str, Callable[[Path, argparse.Namespace], int]] = {
    "backup": run_backup,
    "check": run_check,
    "restore": run_restore,
}
