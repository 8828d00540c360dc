"""`kxtui export activities|volunteers` and `kxtui import activities|volunteers`: spreadsheets
from the shell.

Exit codes: 0 done; 1 the file has bad rows (each listed as `第 N 行：列：问题`, nothing
imported; rows outside the officer's scope among them); 2 the command cannot run (no
database, unreadable or unsafe file, bad option); 3 no active officer account.
Progress goes to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from kxtui import clock
from kxtui.cli.common import (
    DB_HELP,
    EXPORT_DIR_HELP,
    fail,
    no_database,
    region_named,
    sign_in,
)
from kxtui.dates import parse_date
from kxtui.db.errors import KxError
from kxtui.db.sheets.headers import ACTIVITIES, VOLUNTEERS, Header
from kxtui.display import clean
from kxtui.i18n import both, column_name, t

Report = Callable[[str, int, int], None]


@contextmanager
def progress_on_stderr() -> Iterator[Report]:
    """A rich progress bar on stderr, fed by the data layer's (stage, done, total) calls."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=None)

        def report(stage: str, done: int, total: int) -> None:
            progress.update(task, description=t(stage), completed=done, total=total or None)

        yield report


def open_signed_in(path: Path, args: argparse.Namespace, *, writes: bool = False) -> int | None:
    """Open the database and sign in; an exit code when it cannot be used (or, when the
    command `writes`, cannot be written)."""
    from kxtui.db.engine.connection import open_database
    from kxtui.db.engine.scope import set_read_only

    if (code := no_database(path, writes=writes)) is not None:
        return code
    opened = open_database(path, read_only=args.read_only)
    set_read_only(opened.read_only)
    return sign_in(path, args.as_name)


def run_export(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.rows import LedgerFilter, RosterFilter
    from kxtui.db.sheets.files import format_for

    volunteers = args.what == "volunteers"
    if volunteers and (args.start or args.end):
        return fail(t("cli.activities_only", option="--from / --to"))
    output = Path(args.output).expanduser() if args.output else None
    file_format = args.format or (format_for(output) if output else "xlsx")
    if file_format is None:
        return fail(t("cli.export.format"))
    today = clock.today()
    dates = {}
    for name, text in (("start", args.start), ("end", args.end)):
        if text:
            dates[name] = parse_date(text, today)
            if dates[name] is None:
                return fail(t("cli.export.bad_date", text=text))
    if (code := open_signed_in(path, args)) is not None:
        return code
    region_id = region_named(args.region)
    if volunteers:
        from kxtui.db.sheets.export_volunteers import export_volunteers

        export: Callable[..., Any] = export_volunteers
        chosen: Any = RosterFilter(region_id=region_id)
        done = "cli.export.volunteers_done"
    else:
        from kxtui.db.sheets.export_activities import export_activities

        export = export_activities
        chosen = LedgerFilter(region_id=region_id, start=dates.get("start"), end=dates.get("end"))
        done = "cli.export.done"
    if output is None:
        output = call(default_output, chosen, file_format, args.export_dir)
    try:
        with progress_on_stderr() as report:
            result = call(export, chosen, output, file_format, overwrite=args.force,
                          progress=report)  # fmt: skip
    except KxError as error:
        if error.key == "sheet.exists":
            return fail(t("cli.export.exists", path=output))
        return fail(t(error.key, **error.params))
    print(clean(t(done, count=result.rows, path=result.path), 1000))
    for key, params in result.notes():
        print(t(key, **params))
    return 0


def default_output(rows_filter: Any, file_format: str, folder: str | None) -> Path:
    """The file an export without -o writes: named after the region and the period, in the
    export folder (on a county server a name: it goes into the officer's exports folder)."""
    from kxtui import paths
    from kxtui.db.sheets import officer_files
    from kxtui.db.sheets.file_names import default_name

    name = f"{default_name(rows_filter, t).file}.{file_format}"
    return Path(name) if officer_files.places().server else paths.export_dir(folder) / name


def run_import(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.sheets.import_activities import check_sheet, import_sheet

    if args.what == "volunteers":
        return _import_volunteers(path, args)
    if args.on_duplicate:
        return fail(t("cli.volunteers_only", option="--on-duplicate"))
    if (code := open_signed_in(path, args, writes=not args.dry_run)) is not None:
        return code
    try:
        with progress_on_stderr() as report:
            if args.dry_run:
                result = call(check_sheet, args.file, progress=report)
            else:
                result = call(import_sheet, args.file, valid_only=args.valid_only, progress=report)
    except KxError as error:
        return fail(t(error.key, **error.params))
    _problems(result, ACTIVITIES)
    print(
        t(
            "cli.import.summary",
            rows=result.rows,
            valid=result.valid,
            warned=result.warned,
            bad=result.bad,
            present=result.present,
        )
    )
    if args.dry_run:
        print(t("cli.import.dry_run"))
        return 1 if result.bad else 0
    if result.bad and not args.valid_only:
        print(t("cli.import.refused"))
        return 1
    print(t("cli.import.done", count=result.imported))
    return 0


def _import_volunteers(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.sheets.import_volunteers import check_file, import_file

    if args.valid_only:
        return fail(t("cli.activities_only", option="--valid-only"))
    if (code := open_signed_in(path, args, writes=not args.dry_run)) is not None:
        return code
    run = check_file if args.dry_run else import_file
    try:
        with progress_on_stderr() as report:
            result = call(run, args.file, on_duplicate=args.on_duplicate or "skip",
                          progress=report)  # fmt: skip
    except KxError as error:
        return fail(t(error.key, **error.params))
    _problems(result, VOLUNTEERS)
    choice = t(f"vsheet.on_duplicate.{result.on_duplicate}")
    print(t("cli.import.volunteers_summary", rows=result.rows, valid=result.valid,
            new=result.new, matched=result.matched, choice=choice, bad=result.bad))  # fmt: skip
    if args.dry_run:
        print(t("cli.import.dry_run"))
        return 1 if result.bad else 0
    if result.bad:
        print(t("cli.import.volunteers_refused"))
        return 1
    print(t("vsheet.import.done", added=result.added, updated=result.updated,
            skipped=result.skipped))  # fmt: skip
    return 0


def _problems(result: Any, headers: Mapping[str, Header]) -> None:
    """Every bad row and every warning, one line each, then the columns ignored."""
    for problem in result.errors:
        print(_line("cli.import.row_error", problem, headers))
    for problem in result.warnings:
        print(_line("cli.import.row_warning", problem, headers))
    if result.warnings and headers is ACTIVITIES:
        print(t("sheet.import.warnings_note"))
    if result.unknown_columns:
        columns = ", ".join(result.unknown_columns)
        print(clean(t("sheet.import.unknown_columns", columns=columns), 300))


def _line(key: str, problem: Any, headers: Mapping[str, Header]) -> str:
    row, column, message_key, params = problem
    reason = t(message_key, **params)
    name = column_name(headers[column]) if column else ""
    return clean(t(key, row=row, column=name, reason=reason), 400)


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help=both("cli.help.export"),
        description=both("cli.about.export"),
    )
    export.add_argument(
        "what", choices=["activities", "volunteers"], help=both("cli.help.export.what")
    )
    export.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    export.add_argument("--from", dest="start", metavar="DATE", help=both("cli.help.export.from"))
    export.add_argument("--to", dest="end", metavar="DATE", help=both("cli.help.export.to"))
    export.add_argument("--region", metavar="NAME", help=both("cli.help.export.region"))
    export.add_argument("--format", choices=("xlsx", "csv"), help=both("cli.help.export.format"))
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help=both("cli.help.export.output"),
    )
    export.add_argument(
        "--export-dir", metavar="DIR", default=argparse.SUPPRESS, help=EXPORT_DIR_HELP
    )
    export.add_argument("--force", action="store_true", help=both("cli.help.export.force"))

    imported = commands.add_parser(
        "import",
        help=both("cli.help.import"),
        description=both("cli.about.import"),
    )
    imported.add_argument(
        "what",
        choices=["activities", "volunteers", "history-hours"],
        help=both("cli.help.import.what"),
    )
    imported.add_argument("file", metavar="FILE", help=both("cli.help.import.file"))
    imported.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    imported.add_argument("--dry-run", action="store_true", help=both("cli.help.import.dry_run"))
    imported.add_argument(
        "--valid-only",
        action="store_true",
        help=both("cli.help.import.valid_only"),
    )
    imported.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep"),
        help=both("cli.help.import.on_duplicate"),
    )
