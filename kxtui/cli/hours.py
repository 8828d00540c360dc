"""Service hours from the shell: `kxtui import history-hours FILE` (in `sheets`, beside the
other imports), `kxtui template history-hours|activities|volunteers -o FILE`, `kxtui statement
VOLUNTEER_ID|--team NAME [--period P | --from D --to D] -o FILE` and `kxtui config star-hours
[100,300,600,1000,1500]`.

Exit codes as every command: 0 done; 1 an import's file has bad rows (nothing imported);
2 the command cannot run; 3 no active officer account.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from kxtui import clock
from kxtui.cli.common import DB_HELP, fail
from kxtui.dates import parse_date, parse_period
from kxtui.db.errors import KxError
from kxtui.display import clean
from kxtui.i18n import both, t

TEMPLATES = ("history-hours", "activities", "volunteers")
COMMANDS = ("template", "statement", "config")
# `kxtui config` settings of certificates → their key (`kxtui.db.certificates.wording`)
CERTIFICATE_SETTINGS = {
    "certificate-number-format": "number_format",
    "certificate-short-name": "short_name",
    "certificate-unit-name": "unit_name",
    "certificate-head": "head",
}


def import_history(path: Path, args: argparse.Namespace) -> int:
    """`kxtui import history-hours FILE [--dry-run]`."""
    from kxtui.cli.sheets import _problems, open_signed_in, progress_on_stderr
    from kxtui.db import call
    from kxtui.db.sheets.headers import HISTORY
    from kxtui.db.sheets.import_history import check_file, import_file

    for option, given in (("--valid-only", args.valid_only), ("--on-duplicate", args.on_duplicate)):
        if given:
            return fail(t("cli.activities_only", option=option))
    if (code := open_signed_in(path, args, writes=not args.dry_run)) is not None:
        return code
    try:
        with progress_on_stderr() as report:
            result = call(check_file if args.dry_run else import_file, args.file, progress=report)
    except KxError as error:
        return fail(t(error.key, **error.params))
    _problems(result, HISTORY)
    print(t("hours.cli.import.summary", rows=result.rows, valid=result.valid,
            volunteers=result.volunteers, hours=result.hours, bad=result.bad))  # fmt: skip
    if args.dry_run:
        print(t("cli.import.dry_run"))
        return 1 if result.bad else 0
    if result.bad:
        print(t("hours.cli.import.refused"))
        return 1
    print(t("hours.cli.import.done", count=result.imported, volunteers=result.volunteers,
            hours=result.hours))  # fmt: skip
    return 0


def run(path: Path, args: argparse.Namespace) -> int:
    if args.command == "template":
        return _template(args)
    if args.command == "statement":
        return _statement(path, args)
    return _config(path, args)


def _template(args: argparse.Namespace) -> int:
    from kxtui.db.sheets import import_history

    try:
        if args.what == "history-hours":
            written = import_history.template(args.output, overwrite=args.force)
        else:
            written = _sheet_template(args.what, Path(args.output), args.force)
    except KxError as error:
        return fail(t(error.key, **error.params))
    print(clean(t("hours.cli.template_done", path=written), 1000))
    return 0


def _sheet_template(what: str, path: Path, overwrite: bool) -> Path:
    """The activity or volunteer sheet's headers, as kxtui writes and reads them."""
    from kxtui.db.sheets import columns, volunteer_columns
    from kxtui.db.sheets.templates import write_template

    if what == "activities":
        names = [columns.header(c) for c in columns.COLUMNS if c != "id"]
        return write_template(path, columns.zh("sheet.sheet_activities"), names, (),
                              overwrite=overwrite)  # fmt: skip
    keys = [c for c in volunteer_columns.COLUMNS if c not in ("id", "hours")]
    names = [volunteer_columns.header(c) for c in keys]
    text = [keys.index(c) for c in volunteer_columns.TEXT_COLUMNS]
    return write_template(path, columns.zh("vsheet.sheet"), names, (), text_columns=text,
                          overwrite=overwrite)  # fmt: skip


def _span(args: argparse.Namespace) -> tuple[object, object] | int:
    """(start, end) of --period or --from/--to; an exit code when one cannot be read."""
    if args.period:
        span = parse_period(args.period)
        return span if span is not None else fail(t("hours.cli.bad_period", text=args.period))
    today, days = clock.today(), []
    for text in (args.start, args.end):
        day = parse_date(text, today) if text else None
        if text and day is None:
            return fail(t("cli.export.bad_date", text=text))
        days.append(day)
    return days[0], days[1]


def _statement(path: Path, args: argparse.Namespace) -> int:
    from kxtui.cli.sheets import open_signed_in, progress_on_stderr
    from kxtui.db import call, service_history
    from kxtui.db.rows import ServiceQuery
    from kxtui.db.sheets.export_statement import default_name, export_statement

    if (args.volunteer is None) == (args.team is None):
        return fail(t("hours.cli.need_who"))
    span = _span(args)
    if isinstance(span, int):
        return span
    if (code := open_signed_in(path, args)) is not None:
        return code
    try:
        if args.team is not None:
            teams = call(service_history.teams_named, args.team)
            if len(teams) != 1:
                key = "hours.cli.no_team" if not teams else "hours.cli.several_teams"
                return fail(t(key, name=args.team, count=len(teams)))
            query = ServiceQuery(team_id=teams[0], start=span[0], end=span[1])  # type: ignore[arg-type]
        else:
            query = ServiceQuery(volunteer_id=args.volunteer, start=span[0], end=span[1])  # type: ignore[arg-type]
        totals = call(service_history.totals, query)
        output = args.output or call(default_name, query)
        with progress_on_stderr() as report:
            result = call(export_statement, query, output, overwrite=args.force, progress=report)
    except KxError as error:
        if error.key == "sheet.exists":
            return fail(t("cli.export.exists", path=output))
        return fail(t(error.key, **error.params))
    print(clean(t("hours.cli.statement_done", path=result.path, lines=totals.lines,
                  hours=totals.hours, historical=totals.historical_hours), 1000))  # fmt: skip
    return 0


def _config(path: Path, args: argparse.Namespace) -> int:
    from kxtui.cli.sheets import open_signed_in
    from kxtui.db import call, stars

    if (code := open_signed_in(path, args, writes=args.value is not None)) is not None:
        return code
    if args.what in CERTIFICATE_SETTINGS:
        return _certificate_setting(args)
    try:
        if args.value is None:
            print(t("hours.cli.stars", levels=",".join(map(str, call(stars.thresholds)))))
            return 0
        levels = stars.parse(args.value)
        if levels is None:
            return fail(t("hours.cli.bad_stars", text=args.value))
        call(stars.set_thresholds, levels)
    except KxError as error:
        return fail(t(error.key, **error.params))
    print(t("hours.cli.stars_set", levels=",".join(map(str, levels))))
    return 0


def _certificate_setting(args: argparse.Namespace) -> int:
    """Show or set one certificate setting, for --county or every county."""
    from kxtui.cli.common import region_named
    from kxtui.db import call
    from kxtui.db.certificates import issue

    key = CERTIFICATE_SETTINGS[args.what]
    try:
        county = region_named(args.county)
        if args.value is None:
            value = call(issue.stored_setting, key, county)
            if value is None:
                print(t("hours.cli.setting_default", what=args.what))
            else:
                print(t("hours.cli.setting", what=args.what, value=clean(value, 80)))
            return 0
        call(issue.set_setting, key, args.value, county)
    except KxError as error:
        return fail(t(error.key, **error.params))
    print(t("hours.cli.setting_set", what=args.what, value=clean(args.value, 80)))
    return 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    template = commands.add_parser(
        "template", help=both("hours.cli.about.template"),
        description=both("hours.cli.about.template"),
    )  # fmt: skip
    template.add_argument("what", choices=TEMPLATES, help=both("hours.cli.help.template.what"))
    template.add_argument("-o", "--output", metavar="FILE", required=True,
                          help=both("cli.help.export.output"))  # fmt: skip
    template.add_argument("--force", action="store_true", help=both("cli.help.export.force"))

    statement = commands.add_parser(
        "statement", help=both("hours.cli.about.statement"),
        description=both("hours.cli.about.statement"),
    )  # fmt: skip
    statement.add_argument("volunteer", metavar="VOLUNTEER_ID", type=int, nargs="?",
                           help=both("hours.cli.help.statement.volunteer"))  # fmt: skip
    statement.add_argument("--team", metavar="NAME", help=both("hours.cli.help.statement.team"))
    statement.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    statement.add_argument("--period", metavar="PERIOD", help=both("cli.help.export.from"))
    statement.add_argument("--from", dest="start", metavar="DATE",
                           help=both("cli.help.export.from"))  # fmt: skip
    statement.add_argument("--to", dest="end", metavar="DATE", help=both("cli.help.export.to"))
    statement.add_argument("-o", "--output", metavar="FILE", help=both("cli.help.export.output"))
    statement.add_argument("--force", action="store_true", help=both("cli.help.export.force"))

    config = commands.add_parser(
        "config", help=both("hours.cli.about.config"), description=both("hours.cli.about.config")
    )
    config.add_argument("what", choices=("star-hours", *CERTIFICATE_SETTINGS),
                        help=both("hours.cli.help.config.what"))  # fmt: skip
    config.add_argument("value", nargs="?", help=both("hours.cli.help.config.value"))
    config.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    config.add_argument("--county", metavar="NAME", help=both("hours.cli.help.config.county"))
