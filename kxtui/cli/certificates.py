"""`kxtui certificate`: 志愿服务记录证明 from the shell — a volunteer's, or every member's of a
team, for a period (default: everything), one DOCX; `kxtui certificates list`: the register.

    kxtui certificate 1234 --period 2026 -o 张三.docx
    kxtui certificate --team 胶州市科技志愿服务总队 --with-list
    kxtui certificates list --year 2026 -o 登记簿.xlsx

Exit codes: 0 done; 2 a bad option, a refusal (no hours to certify, a volunteer outside the
officer's area, a viewer), an existing file without --force, or no database; 3 no officer
account.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from kxtui import clock
from kxtui.cli.common import DB_HELP, EXPORT_DIR_HELP, fail
from kxtui.display import clean
from kxtui.i18n import both, t


def add_commands(commands: argparse._SubParsersAction) -> None:
    one = commands.add_parser(
        "certificate",
        help=both("certificate.cli.help"),
        description=both("certificate.cli.about"),
    )
    one.add_argument("volunteer", nargs="?", type=int, metavar="VOLUNTEER_ID",
                     help=both("certificate.cli.help.volunteer"))  # fmt: skip
    one.add_argument("--team", metavar="NAME", help=both("certificate.cli.help.team"))
    one.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    one.add_argument("--period", metavar="PERIOD", help=both("cli.help.report.period"))
    one.add_argument("--from", dest="start", metavar="DATE", help=both("cli.help.export.from"))
    one.add_argument("--to", dest="end", metavar="DATE", help=both("cli.help.export.to"))
    one.add_argument("--full-id", action="store_true",
                     help=both("certificate.cli.help.full_id"))  # fmt: skip
    one.add_argument("--with-list", action="store_true",
                     help=both("certificate.cli.help.with_list"))  # fmt: skip
    one.add_argument("-o", "--output", metavar="FILE", help=both("certificate.cli.help.output"))
    one.add_argument("--export-dir", metavar="DIR", default=argparse.SUPPRESS,
                     help=EXPORT_DIR_HELP)  # fmt: skip
    one.add_argument("--force", action="store_true", help=both("cli.help.export.force"))

    many = commands.add_parser(
        "certificates",
        help=both("certificate.cli.help.list"),
        description=both("certificate.cli.help.list"),
    )
    many.add_argument("action", choices=("list",), metavar="list")
    many.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    many.add_argument("--year", type=int, metavar="N", help=both("certificate.cli.help.year"))
    many.add_argument("-o", "--output", metavar="FILE",
                      help=both("certificate.cli.help.list_output"))  # fmt: skip
    many.add_argument("--force", action="store_true", help=both("cli.help.export.force"))


def _period(args: argparse.Namespace) -> tuple[date | None, date | None] | str:
    """(start, end) asked for (None, None: everything), or the message of a bad option."""
    from kxtui.dates import parse_date, parse_period

    if args.period and (args.start or args.end):
        return t("cli.report.period_and_dates")
    if args.period:
        period = parse_period(args.period)
        return period if period is not None else t("cli.report.bad_period", text=args.period)
    days: list[date | None] = []
    for text in (args.start, args.end):
        day = parse_date(text, clock.today()) if text else None
        if text and day is None:
            return t("cli.export.bad_date", text=text)
        days.append(day)
    if days[0] and days[1] and days[0] > days[1]:
        return t("cli.report.backwards", start=days[0].isoformat(), end=days[1].isoformat())
    return days[0], days[1]


def run_certificate(path: Path, args: argparse.Namespace) -> int:
    from kxtui import paths
    from kxtui.cli.sheets import open_signed_in, progress_on_stderr
    from kxtui.db import call
    from kxtui.db.certificates import files
    from kxtui.db.errors import KxError
    from kxtui.db.rows import RosterFilter
    from kxtui.db.sheets import officer_files

    if (args.volunteer is None) == (args.team is None):
        return fail(t("certificate.cli.who"))
    period = _period(args)
    if isinstance(period, str):
        return fail(period)
    start, end = period
    if (code := open_signed_in(path, args, writes=True)) is not None:
        return code
    team_id = None
    if args.team is not None:
        team_id, what = call(files.team_named, args.team)
        ids = call(files.volunteers_of, RosterFilter(team_id=team_id))
    else:
        ids, what = [args.volunteer], call(files.volunteer_name, args.volunteer)
    if args.output:
        output = Path(args.output).expanduser()
    else:
        name = files.default_name(what)
        server = officer_files.places().server
        output = Path(name) if server else paths.export_dir(args.export_dir) / name
    try:
        with progress_on_stderr() as progress:
            written = call(files.write_certificates, ids, output, start=start, end=end,
                           full_id=args.full_id, with_list=args.with_list, overwrite=args.force,
                           team_id=team_id, progress=progress)  # fmt: skip
    except KxError as error:
        if error.key == "sheet.exists":
            return fail(t("cli.export.exists", path=output))
        return fail(t(error.key, **error.params))
    from kxtui.certificate_words import done_lines

    for line in done_lines(written):
        print(clean(line, 1000))
    return 0


def run_list(path: Path, args: argparse.Namespace) -> int:
    from kxtui.cli.sheets import open_signed_in
    from kxtui.db import call
    from kxtui.db.certificates import register
    from kxtui.db.certificates.issue import hours_text
    from kxtui.db.errors import KxError

    if (code := open_signed_in(path, args, writes=args.output is not None)) is not None:
        return code
    f = register.RegisterFilter(args.year)
    if args.output:
        output = Path(args.output).expanduser()
        try:
            result = call(register.export_register, f, output, overwrite=args.force)
        except KxError as error:
            if error.key == "sheet.exists":
                return fail(t("cli.export.exists", path=output))
            return fail(t(error.key, **error.params))
        print(clean(t("certificate.list_done", count=result.rows, path=result.path), 1000))
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = call(register.register, f)
    table = Table(title=t("certificate.register_title"))
    for key in ("number", "name", "period", "hours", "issued_at", "issued_by", "reprints"):
        table.add_column(t(f"certificate.col.{key}"), overflow="fold", no_wrap=key == "number")
    for row in rows:
        issued = row.issued_at.strftime("%Y-%m-%d %H:%M")
        cells = (row.number, row.name, row.period, hours_text(row.hours), issued,
                 row.issued_by, str(row.reprints))  # fmt: skip
        table.add_row(*(Text(clean(cell, 60)) for cell in cells))
    Console().print(table)
    return 0
