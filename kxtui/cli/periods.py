"""`kxtui period close|reopen PERIOD [--region NAME]` and `kxtui period list [--json]`: closed
periods from the shell (closing and reopening are county admins'). Exit codes: 0 done; 2
refused or a bad period or region (one line); 3 the Unix user has no active officer account."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from kxtui.cli.common import DB_HELP, fail, no_database, sign_in
from kxtui.db.errors import KxError
from kxtui.display import clean
from kxtui.i18n import both, t


def add_commands(commands: argparse._SubParsersAction) -> None:
    period = commands.add_parser(
        "period", help=both("cli.help.period"), description=both("cli.about.period")
    )
    actions = period.add_subparsers(dest="action", required=True, metavar="ACTION")
    for action in ("close", "reopen"):
        parser = actions.add_parser(action, help=both(f"cli.help.period.{action}"))
        parser.add_argument("period", help=both("cli.help.period.period"))
        parser.add_argument("--region", metavar="NAME", help=both("cli.help.period.region"))
    listing = actions.add_parser("list", help=both("cli.help.period.list"))
    listing.add_argument("--json", action="store_true", help=both("cli.help.period.json"))
    for parser in actions.choices.values():
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def run(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.engine.connection import open_database
    from kxtui.db.engine.scope import set_read_only

    if (code := no_database(path, writes=args.action != "list")) is not None:
        return code
    set_read_only(open_database(path).read_only)
    if (code := sign_in(path, args.as_name)) is not None:
        return code
    try:
        if args.action == "list":
            return _list(as_json=args.json)
        return _close_or_reopen(args)
    except KxError as error:
        return fail(t(error.key, **error.params))


def _period(text: str) -> tuple[date, date]:
    from kxtui.dates import parse_period

    bounds = parse_period(text)
    if bounds is None:
        raise KxError("period.bad", text=text)
    return bounds


def _close_or_reopen(args: argparse.Namespace) -> int:
    from kxtui.cli.common import region_named
    from kxtui.db import call, periods

    start, end = _period(args.period)
    region = region_named(args.region)
    write = periods.close_period if args.action == "close" else periods.reopen_period
    call(write, start, end, region)
    name = periods.name_of(start, end) + (f"（{args.region}）" if args.region else "")
    done = "period.closed_done" if args.action == "close" else "period.reopened_done"
    print(clean(t(done, period=name), 400))
    return 0


def _list(*, as_json: bool) -> int:
    from kxtui.db import call, periods

    rows = call(periods.list_periods)
    if as_json:
        listed = [
            {
                "period": row.name,
                "start": row.start.isoformat(),
                "end": row.end.isoformat(),
                "region": row.region_name or None,
                "closed_by": row.closed_by,
                "closed_at": row.closed_at.isoformat(timespec="seconds"),
                "reopened_by": row.reopened_by,
                "reopened_at": row.reopened_at.isoformat(timespec="seconds")
                if row.reopened_at
                else None,
            }
            for row in rows
        ]
        print(json.dumps({"periods": listed}, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(t("period.list_empty"))
        return 0
    print(t("period.list_header"))
    for row in rows:
        state = (
            t("period.state.closed")
            if row.reopened_at is None
            else t("period.reopened", by=row.reopened_by, at=f"{row.reopened_at:%Y-%m-%d %H:%M}")
        )
        cells = (row.name, row.region_name or t("period.whole"), row.closed_by,
                 f"{row.closed_at:%Y-%m-%d %H:%M}", state)  # fmt: skip
        print("\t".join(clean(cell, 100) for cell in cells))
    return 0
