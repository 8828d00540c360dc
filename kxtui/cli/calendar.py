"""`kxtui calendar [--year N] [--json]`: the year's theme days and deadlines, with the
activities logged for each theme by town and the days left, as the calendar screen shows
them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kxtui.cli.common import DB_HELP, fail, no_database, sign_in
from kxtui.db.errors import KxError
from kxtui.db.rows import CalendarEntry
from kxtui.display import clean
from kxtui.i18n import both, t


def add_commands(commands: argparse._SubParsersAction) -> None:
    calendar = commands.add_parser(
        "calendar", help=both("cli.help.calendar"), description=both("cli.about.calendar")
    )
    calendar.add_argument("--year", type=int, help=both("cli.help.calendar.year"))
    calendar.add_argument("--region", metavar="NAME", help=both("cli.help.calendar.region"))
    calendar.add_argument("--json", action="store_true", help=both("cli.help.calendar.json"))
    calendar.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def run(path: Path, args: argparse.Namespace) -> int:
    from kxtui import clock
    from kxtui.db import call
    from kxtui.db.calendar import entries
    from kxtui.db.engine.connection import open_database

    if (code := no_database(path)) is not None:
        return code
    open_database(path)
    if (code := sign_in(path, args.as_name)) is not None:
        return code
    from kxtui.cli.common import region_named

    year = args.year or clock.today().year
    try:
        found = call(entries, year, region_named(args.region))
    except KxError as error:
        return fail(t(error.key, **error.params))
    if args.json:
        listed = [
            {
                "code": e.code,
                "kind": e.kind,
                "theme": e.theme,
                "name": e.name,
                "start": e.start.isoformat(),
                "end": e.end.isoformat(),
                "notes": e.notes,
                "default": e.is_default,
                "days_left": e.days_left,
                "activities": e.activities,
                "people_reached": e.people_reached,
                "by_town": [
                    {
                        "region": town.name or None,
                        "activities": town.activities,
                        "people_reached": town.people_reached,
                    }
                    for town in e.by_town
                ],  # fmt: skip
            }
            for e in found
        ]
        print(json.dumps({"year": year, "entries": listed}, ensure_ascii=False, indent=2))
        return 0
    _print(year, found)
    return 0


def _print(year: int, found: tuple[CalendarEntry, ...]) -> None:
    from kxtui.calendar_words import dates_text, days_left_text, logged_text, town_name

    print(t("calendar.title", year=year))
    for e in found:
        kind = t("calendar.theme") if e.kind == "theme" else t("calendar.deadline")
        cells = (dates_text(e), clean(e.name, 40), kind, days_left_text(e), logged_text(e))
        print("\t".join(cells))
        for town in e.by_town:
            print(f"\t  {clean(town_name(town.name), 40)}\t\t\t{town.activities:,} / "
                  f"{town.people_reached:,}")  # fmt: skip
