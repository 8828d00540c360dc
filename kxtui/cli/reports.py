"""`kxtui report NAME`: a report (统计报表, `kxtui.db.reports`) from the shell — a table on the
terminal, one JSON object on stdout (`--format json`), or the XLSX / CSV officials hand over
(`-o FILE`, or `--format xlsx|csv` into the export folder).

    kxtui report activities --period 2026Q3 --region 胶莱镇 --by village
    kxtui report activities --by format --across theme_day --measure volunteers -o q3.xlsx

Exit codes: 0 done; 2 a bad option (a grouping the report has not, a period or date that is
none, a region not found or named twice), a refusal, or no database; 3 no officer account.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from kxtui import clock
from kxtui.cli.common import DB_HELP, EXPORT_DIR_HELP, fail, region_named
from kxtui.dates import parse_date, parse_period
from kxtui.db.report_rows import GROUPINGS, MEASURES, REPORTS, Report, ReportQuery, Value
from kxtui.db.sheets.headers import REPORT_GROUPINGS, report_measure
from kxtui.display import clean
from kxtui.i18n import both, column_name, t

FORMATS = ("xlsx", "csv", "json")


def add_commands(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help=both("cli.help.report"), description=both("cli.about.report")
    )
    report.add_argument("name", choices=REPORTS, metavar="NAME",
                        help=f"{both('cli.help.report.name')}: {', '.join(REPORTS)}")  # fmt: skip
    report.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    report.add_argument("--region", metavar="NAME", help=both("cli.help.export.region"))
    report.add_argument("--period", metavar="PERIOD", help=both("cli.help.report.period"))
    report.add_argument("--from", dest="start", metavar="DATE", help=both("cli.help.export.from"))
    report.add_argument("--to", dest="end", metavar="DATE", help=both("cli.help.export.to"))
    report.add_argument("--by", metavar="KEY", help=both("cli.help.report.by"))
    report.add_argument("--across", metavar="KEY", help=both("cli.help.report.across"))
    report.add_argument("--measure", metavar="M", help=both("cli.help.report.measure"))
    report.add_argument("--format", choices=FORMATS, help=both("cli.help.report.format"))
    report.add_argument("-o", "--output", metavar="FILE", help=both("cli.help.report.output"))
    report.add_argument(
        "--export-dir", metavar="DIR", default=argparse.SUPPRESS, help=EXPORT_DIR_HELP
    )
    report.add_argument("--force", action="store_true", help=both("cli.help.export.force"))


class BadOption(Exception):
    """An option the report cannot take: its message, said in one line (exit 2)."""


def query_of(args: argparse.Namespace, today: date) -> ReportQuery:
    """The report the options ask for, its region still unresolved (BadOption if they ask
    for what the report has not)."""
    name, groupings, measures = args.name, GROUPINGS[args.name], MEASURES[args.name]
    for option, key in (("--by", args.by), ("--across", args.across)):
        if key is not None and key not in groupings:
            if not groupings:
                raise BadOption(t("cli.report.fixed", name=name, option=option))
            raise BadOption(t("cli.report.bad_grouping", name=name, option=option, grouping=key,
                              choices=", ".join(groupings)))  # fmt: skip
    by = args.by or (groupings[0] if groupings else ReportQuery().by)
    if args.across is not None and args.across == by:
        raise BadOption(t("cli.report.across_by", grouping=by))
    if args.measure is not None and args.across is None:
        raise BadOption(t("cli.report.measure_alone"))
    if args.measure is not None and args.measure not in measures:
        raise BadOption(t("cli.report.bad_measure", name=name, measure=args.measure,
                          choices=", ".join(measures)))  # fmt: skip
    start, end = _period(args, today)
    return ReportQuery(name, None, start, end, by, args.across, args.measure or measures[0])


def _period(args: argparse.Namespace, today: date) -> tuple[date | None, date | None]:
    if args.period and (args.start or args.end):
        raise BadOption(t("cli.report.period_and_dates"))
    if args.period:
        period = parse_period(args.period)
        if period is None:
            raise BadOption(t("cli.report.bad_period", text=args.period))
        return period
    if not (args.start or args.end):
        return parse_period(str(today.year)) or (None, None)  # this year
    days: list[date | None] = []
    for text in (args.start, args.end):
        day = parse_date(text, today) if text else None
        if text and day is None:
            raise BadOption(t("cli.export.bad_date", text=text))
        days.append(day)
    start, end = days
    if start and end and start > end:
        raise BadOption(t("cli.report.backwards", start=start.isoformat(), end=end.isoformat()))
    return start, end


def run_report(path: Path, args: argparse.Namespace) -> int:
    from kxtui.cli.sheets import open_signed_in
    from kxtui.db import call
    from kxtui.db.reports import build
    from kxtui.db.sheets.files import format_for

    output = Path(args.output).expanduser() if args.output else None
    file_format = args.format or (format_for(output) if output else None)
    if output is not None and file_format is None:
        return fail(t("cli.export.format"))
    try:
        query = query_of(args, clock.today())
    except BadOption as bad:
        return fail(str(bad))
    if (code := open_signed_in(path, args)) is not None:
        return code
    query = query._replace(region_id=region_named(args.region))
    report = call(build, query)
    if file_format == "json":
        text = json.dumps(report_json(report), ensure_ascii=False, indent=2)
        if output is None:
            print(text)
            return 0
        output.write_text(text + "\n", encoding="utf-8")
        print(clean(t("cli.report.done", path=output), 1000))
        return 0
    if file_format is None:
        print_table(report)
        return 0
    return _write(report, output, file_format, args)


def _write(report: Report, output: Path | None, file_format: str, args: argparse.Namespace) -> int:
    from kxtui.cli.sheets import default_output, progress_on_stderr
    from kxtui.db import call
    from kxtui.db.errors import KxError
    from kxtui.db.sheets.export_report import write_report

    if output is None:
        output = call(default_output, report, file_format, args.export_dir)
    try:
        with progress_on_stderr() as progress:
            result = call(write_report, report, output, file_format, overwrite=args.force,
                          progress=progress)  # fmt: skip
    except KxError as error:
        if error.key == "sheet.exists":
            return fail(t("cli.export.exists", path=output))
        return fail(t(error.key, **error.params))
    print(clean(t("cli.report.done", path=result.path), 1000))
    for key, params in result.notes():
        print(t(key, **params))
    return 0


# -- JSON ------------------------------------------------------------------------------------


def json_value(value: Value) -> int | float | None:
    """A figure as a JSON number (a Decimal too), None as null."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def nested(values: Mapping[str, Value], names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Figures by measure, a dotted key nested ("stars.1": {"stars": {"1": …}}); a cross
    table's columns by their groups' names."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if names is not None:
            out[names.get(key, key)] = json_value(value)
            continue
        *parents, last = key.split(".")
        place = out
        for parent in parents:
            place = place.setdefault(parent, {})
        place[last] = json_value(value)
    return out


def report_json(report: Report) -> dict[str, Any]:
    """The report as `kxtui report --format json` prints it."""
    q = report.query
    names = dict(report.column_names) if q.across is not None else None
    out: dict[str, Any] = {
        "report": q.report,
        "region": report.region,
        "from": q.start.isoformat() if q.start else None,
        "to": q.end.isoformat() if q.end else None,
        "by": q.by if GROUPINGS[q.report] else None,
    }
    if q.across is not None:
        out.update(across=q.across, measure=q.measure)
    out["rows"] = [
        {"key": row.name, **nested({c: row.values.get(c) for c in report.columns}, names)}
        for row in report.rows
    ]
    out["total"] = nested({c: report.total.get(c) for c in report.columns}, names)
    if report.closed is not None:
        closed = report.closed
        out["closed"] = {"name": closed.name, "closed_at": closed.closed_at.isoformat(),
                         "closed_by": closed.closed_by}  # fmt: skip
    return out


# -- the terminal's table --------------------------------------------------------------------


def shown(measure: str, value: Value) -> str:
    """A figure as the terminal shows it: 1,234 · 2,875.5 (hours) · 85.3% · -."""
    from kxtui.db.sheets.export_report import is_hours, is_rate

    if value is None:
        return "-"
    if is_rate(measure):
        return f"{Decimal(value) * 100:.1f}%"
    if is_hours(measure) or (isinstance(value, Decimal) and value != int(value)):
        return f"{Decimal(value):,.1f}"
    return f"{value:,}"


def print_table(report: Report) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from kxtui.db.sheets.file_names import report_name

    q = report.query
    cross = q.across is not None
    title = report_name(report, t).title
    if cross:
        title = f"{title} · {column_name(report_measure(q.report, q.measure))}"
    table = Table(title=Text(clean(title, 200)))
    table.add_column(column_name(REPORT_GROUPINGS[q.by if GROUPINGS[q.report] else ""]),
                     overflow="fold")  # fmt: skip
    for column in report.columns:
        header = report.column_names.get(column, column) if cross else (
            column_name(report_measure(q.report, column)))  # fmt: skip
        table.add_column(Text(clean(header, 30)), justify="right", overflow="fold")
    measure = (lambda column: q.measure) if cross else (lambda column: column)
    for row in report.rows:
        figures = (shown(measure(c), row.values.get(c)) for c in report.columns)
        table.add_row(Text(clean(row.name, 40)), *figures)
    totals = (shown(measure(c), report.total.get(c)) for c in report.columns)
    table.add_section()
    table.add_row(Text(t("cli.report.total"), style="bold"), *totals)
    Console().print(table)
