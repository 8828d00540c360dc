"""`kxtui backup`, `kxtui check` and `kxtui restore`: looking after the database file.

Each acts on every region at once, so it is the service account's (the Unix user owning the
database file, run without sudo) or a county admin's of the whole database
(`kxtui.db.officers.require_file_admin`); restoring into a path where no database is yet
needs no account.

Exit codes: 0 done (check: no problem); 1 check found problems; 2 the command could not run
(no database, in use, a bad backup, not a county admin ...); 3 no active officer account.
Messages go to stdout, refusals to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kxtui.cli.common import DB_HELP, NOT_SIGNED_IN, fail, no_database, read_only
from kxtui.db.errors import KxError, SignInRefused
from kxtui.display import clean
from kxtui.i18n import both, t


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def admit(path: Path, command: str) -> int | None:
    """None when the Unix user may run `command` on the database file; else the exit code,
    the reason said."""
    from kxtui.db.officers import require_file_admin

    if (code := no_database(path)) is not None:
        return code
    try:
        require_file_admin(path.resolve(), command)
    except SignInRefused as refused:
        fail(t(refused.key, **refused.params))
        return NOT_SIGNED_IN
    except KxError as error:
        return fail(t(error.key, **error.params))
    return None


def run_backup(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.engine.backup import backup, default_folder

    if (code := admit(path, "backup")) is not None:
        return code
    output = Path(args.output).expanduser() if args.output else None
    folder = output if output is not None else default_folder(path.resolve())
    made = not folder.exists()
    try:
        result = backup(path, output, keep=args.keep)
    except KxError as error:
        if made and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()  # a refused backup leaves no trace
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
    from kxtui.db.engine.check import check_database

    if (code := admit(path, "check")) is not None:
        return code
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
    from kxtui.db.engine.backup import restore

    source = Path(args.file).expanduser()
    new = not path.exists() or (path.is_file() and path.stat().st_size == 0)
    if not new and (code := read_only(path) or admit(path, "restore")) is not None:
        return code
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


def add_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup",
        help=both("cli.help.backup"),
        description=both("cli.about.backup"),
    )
    backup.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help=both("cli.help.backup.output"),
    )
    backup.add_argument(
        "--keep",
        type=int,
        default=30,
        metavar="N",
        help=both("cli.help.backup.keep"),
    )
    check = commands.add_parser(
        "check",
        help=both("cli.help.check"),
        description=both("cli.about.check"),
    )
    check.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    restore = commands.add_parser(
        "restore",
        help=both("cli.help.restore"),
        description=both("cli.about.restore"),
    )
    restore.add_argument("file", metavar="FILE", help=both("cli.help.restore.file"))
    restore.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
