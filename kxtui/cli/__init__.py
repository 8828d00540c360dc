"""Command line: `kxtui` opens the app; `kxtui demo` builds the demo; `kxtui stats` counts;
`kxtui export activities|volunteers` / `kxtui import activities|volunteers` write and read
活动台账 and 志愿者花名册 spreadsheets; `kxtui report NAME` shows or exports a report (统计报表);
`kxtui certificate` issues 志愿服务记录证明 (`kxtui certificates list`: their register);
`kxtui init --admin` and `kxtui officer ...` manage officer accounts; `kxtui period ...` closes
and reopens periods; `kxtui calendar` prints the year's theme days and deadlines; `kxtui backup`
/ `check` / `restore` look after the database file.

Every command checks who runs it (see `kxtui.db.officers.unix_user`); a Unix user without an
active account gets a message and exit code 3. Commands that read or write records sign the
officer in and keep to their area. Backup, check, restore and a demo built over a kxtui
database act on the file as a whole, every region at once: only a county admin of the whole
database may run them, or — backup, check and restore — the service account that owns the
file (`kxtui.db.officers.require_file_admin`, docs/deploy.md).

Exit codes: 0 done; 1 `check` found problems, or an import's file has bad rows; 2 the command
could not run (a bad or missing file, a refusal, a bad option — always with a one-line
message, never a traceback: set KXTUI_DEBUG=1 to see one); 3 no active officer account."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from pathlib import Path

from kxtui import __version__
from kxtui.cli.common import (
    AS_HELP,
    DB_HELP,
    DEBUG,
    EXPORT_DIR_HELP,
    MAINTENANCE,
    NOT_SIGNED_IN,
    fail,
    no_database,
    sign_in,
)
from kxtui.i18n import both, set_language, t
from kxtui.paths import resolve_db_path

# the commands (`build_parser`): a command line naming none opens the app, and is parsed
# without building them or importing their modules (the officer waits for the first frame)
COMMANDS = ("demo", "stats", "export", "import", "report", *MAINTENANCE, "init", "officer",
            "period", "calendar", "certificate", "certificates", "template", "statement",
            "config")  # fmt: skip
_OPTIONS_WITH_VALUES = ("--db", "--lang", "--as", "--export-dir")


def _names_a_command(argv: list[str]) -> bool:
    """Whether `argv` has a word that is not an option of the app (a command, a typo of one,
    or help), so that it needs the whole parser to be read or refused."""
    value_next = False
    for word in argv:
        if value_next:
            value_next = False
        elif word in _OPTIONS_WITH_VALUES:
            value_next = True
        elif not word.startswith("-") or word in ("-h", "--help"):
            return True
    return False


def build_parser(*, with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kxtui",
        description=both("cli.about.kxtui"),
    )
    parser.add_argument("--version", action="version", version=f"kxtui {__version__}")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument(
        "--demo",
        action="store_true",
        help=both("cli.help.kxtui.demo"),
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help=both("cli.help.kxtui.lang"),
    )
    parser.add_argument("--read-only", action="store_true", help=both("cli.help.kxtui.read_only"))
    parser.add_argument("--as", dest="as_name", metavar="USER", help=AS_HELP)
    parser.add_argument("--export-dir", metavar="DIR", help=EXPORT_DIR_HELP)
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    from kxtui.cli import (
        calendar,
        certificates,
        hours,
        maintenance,
        officers,
        periods,
        reports,
        sheets,
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help=both("cli.help.demo"),
        description=both("cli.about.demo"),
    )
    demo.add_argument(
        "--scale",
        choices=("county", "province"),
        default="county",
        help=both("cli.help.demo.scale"),
    )
    demo.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help=both("cli.help.demo.db")
    )
    demo.add_argument("--seed", type=int, default=2026, help=both("cli.help.demo.seed"))
    demo.add_argument("--force", action="store_true", help=both("cli.help.demo.force"))

    stats = commands.add_parser(
        "stats",
        help=both("cli.help.stats"),
        description=both("cli.about.stats"),
    )
    stats.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    stats.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help=both("cli.help.stats.demo"),
    )
    stats.add_argument("--json", action="store_true", help=both("cli.help.stats.json"))
    sheets.add_commands(commands)
    reports.add_commands(commands)
    maintenance.add_commands(commands)
    officers.add_officer_commands(commands)
    periods.add_commands(commands)
    calendar.add_commands(commands)
    certificates.add_commands(commands)
    hours.add_commands(commands)
    for command in commands.choices.values():
        if command.prog.split()[-1] not in ("demo", "init", "officer", *MAINTENANCE):
            command.add_argument(
                "--as", dest="as_name", metavar="USER", default=argparse.SUPPRESS, help=AS_HELP
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    from kxtui.db.errors import KxError, SignInRefused

    words = sys.argv[1:] if argv is None else argv
    args = build_parser(with_commands=_names_a_command(words)).parse_args(words)
    set_language(args.lang)
    demo = args.command == "demo"
    province = demo and args.scale == "province"
    path = resolve_db_path(args.db, demo=demo or args.demo, province=province)
    try:
        return _run(path, args)
    except SignInRefused as refused:
        code, message = NOT_SIGNED_IN, t(refused.key, **refused.params)
    except KxError as error:
        code, message = 2, t(error.key, **error.params)
    except Exception as error:
        if os.environ.get(DEBUG) == "1":
            raise
        code, message = 2, _unexpected(path, error)
    from kxtui.db.engine.connection import close_database

    close_database()  # the last connection out removes the -wal and -shm it made
    fail(message)
    return code


def _run(path: Path, args: argparse.Namespace) -> int:
    if args.command == "demo":
        from kxtui.cli.demo import run_demo

        return run_demo(path, args.seed, args.force, scale=args.scale)
    if args.command == "stats":
        return run_stats(path, as_json=args.json, as_name=args.as_name)
    if args.command == "import" and args.what == "history-hours":
        from kxtui.cli import hours

        return hours.import_history(path, args)
    if args.command in ("export", "import"):
        from kxtui.cli import sheets

        run = sheets.run_export if args.command == "export" else sheets.run_import
        return run(path, args)
    if args.command == "report":
        from kxtui.cli import reports

        return reports.run_report(path, args)
    if args.command in MAINTENANCE:
        from kxtui.cli import maintenance

        return maintenance.COMMANDS[args.command](path, args)
    if args.command in ("init", "officer"):
        from kxtui.cli import officers

        return officers.run(path, args)
    if args.command == "period":
        from kxtui.cli import periods

        return periods.run(path, args)
    if args.command == "calendar":
        from kxtui.cli import calendar

        return calendar.run(path, args)
    if args.command in ("certificate", "certificates"):
        from kxtui.cli import certificates

        if args.command == "certificate":
            return certificates.run_certificate(path, args)
        return certificates.run_list(path, args)
    if args.command in ("template", "statement", "config"):
        from kxtui.cli import hours

        return hours.run(path, args)
    if args.demo and not path.exists():
        from kxtui.cli.demo import build_with_progress

        build_with_progress(path, seed=2026)
    if (code := no_database(path)) is not None:
        return code
    return run_app(path, read_only=args.read_only, language=args.lang, as_name=args.as_name,
                   export_dir=args.export_dir)  # fmt: skip


def _unexpected(path: Path, error: Exception) -> str:
    """The one line an error nobody planned for gets; a damaged file says so."""
    from kxtui.db.errors import is_database_error

    if is_database_error(error):
        return t("open.damaged", path=path, reason=error)
    return t("cli.unexpected", kind=type(error).__name__, detail=error, debug=DEBUG)


def run_stats(path: Path, *, as_json: bool, as_name: str | None = None) -> int:
    from kxtui.db import call
    from kxtui.db.engine.connection import open_database
    from kxtui.db.stats import county_stats
    from kxtui.display import clean

    if (code := no_database(path)) is not None:
        return code
    open_database(path)
    if (code := sign_in(path, as_name)) is not None:
        return code
    rows = call(county_stats)
    if as_json:
        import json

        counties = {row.name: {k: v for k, v in asdict(row).items() if k != "name"} for row in rows}
        print(json.dumps({"counties": counties}, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(t("cli.stats_header"))
    for row in rows:
        table.add_column(Text(clean(row.name, 20)), justify="right")
    for field in (k for k in asdict(rows[0]) if k != "name") if rows else ():
        values = [getattr(row, field) for row in rows]
        table.add_row(t(f"stats.{field}"), *(f"{v:,.0f}" for v in values))
    Console().print(table)
    return 0


def run_app(
    path: Path,
    *,
    read_only: bool,
    language: str | None,
    as_name: str | None,
    export_dir: str | None,
) -> int:
    from kxtui.app import create_app

    app = create_app(path, read_only=read_only, language=language, as_name=as_name,
                     export_dir=export_dir)  # fmt: skip
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # e.g. `ssh server some-command` on a server whose sshd starts kxtui for every login:
        # no terminal was asked for, and a screen without one would draw into a pipe
        if app.refused is not None:
            fail(t(app.refused.key, **app.refused.params))
            return NOT_SIGNED_IN
        return fail(t("cli.no_terminal"))
    app.run()
    return app.return_code or 0
