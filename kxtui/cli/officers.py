"""`kxtui init --admin` and `kxtui officer add|list|disable|enable`: officer accounts from the
shell. Exit codes: 0 done; 2 refused or bad input (each bad field named); 3 the Unix user has
no active officer account."""

from __future__ import annotations

import argparse
from pathlib import Path

from kxtui.cli.common import DB_HELP, fail, no_database, read_only, sign_in
from kxtui.db.errors import KxError, ValidationError
from kxtui.display import clean
from kxtui.domain import AccessRole
from kxtui.i18n import both, label, t

# the form's caption of each field, for messages
FIELD_CAPTIONS = {
    "user_name": "form.user_name",
    "name": "form.officer_name",
    "role": "form.role",
    "region": "form.region_scope",
    "view_region": "form.view_region",
}


def add_officer_commands(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init",
        help=both("cli.help.init"),
        description=both("cli.about.init"),
    )
    init.add_argument(
        "--admin", action="store_true", required=True, help=both("cli.help.init.admin")
    )
    init.add_argument("--name", help=both("cli.help.init.name"))
    init.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)

    officer = commands.add_parser(
        "officer",
        help=both("cli.help.officer"),
        description=both("cli.about.officer"),
    )
    actions = officer.add_subparsers(dest="action", required=True, metavar="ACTION")
    roles = ", ".join(f"{role.value}={label(role)}" for role in AccessRole)
    add = actions.add_parser("add", help=both("cli.help.officer.add"))
    add.add_argument("user", help=both("cli.help.officer.add.user"))
    add.add_argument("--name", required=True, help=both("cli.help.officer.add.name"))
    add.add_argument("--role", required=True, choices=[r.value for r in AccessRole], help=roles)
    add.add_argument("--region", metavar="NAME", help=both("cli.help.officer.add.region"))
    add.add_argument("--view", metavar="NAME", help=both("cli.help.officer.add.view"))
    actions.add_parser("list", help=both("cli.help.officer.list"))
    disable = actions.add_parser("disable", help=both("cli.help.officer.disable"))
    enable = actions.add_parser("enable", help=both("cli.help.officer.enable"))
    for switch in (disable, enable):
        switch.add_argument("user", help=both("cli.help.officer.user"))
    for parser in actions.choices.values():
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def run(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.engine.connection import open_database
    from kxtui.db.engine.scope import set_read_only

    writes = args.command == "init" or args.action != "list"
    if args.command == "officer" and (code := no_database(path, writes=writes)) is not None:
        return code
    if args.command == "init" and path.exists() and (code := read_only(path)) is not None:
        return code
    set_read_only(open_database(path).read_only)
    try:
        if args.command == "init":
            return _init(path, args)
        if (code := sign_in(path, args.as_name)) is not None:
            return code
        return {"add": _add, "list": _list, "disable": _set_active, "enable": _set_active}[
            args.action
        ](args)
    except ValidationError as error:
        for field, (key, params) in error.errors.items():
            caption = t(FIELD_CAPTIONS.get(field, field))
            print(clean(f"{caption}：{t(key, **params)}", 400))
        return 2
    except KxError as error:
        return fail(t(error.key, **error.params))


def _init(path: Path, args: argparse.Namespace) -> int:
    """The first county admin; once accounts exist, a Unix user without one hears that first
    (exit 3), as from every command."""
    from kxtui.db import call
    from kxtui.db.errors import RefusedError
    from kxtui.db.officers import first_admin

    try:
        signed_in = call(first_admin, path, args.name)
    except RefusedError as refused:
        if refused.key == "refused.has_officers" and (code := sign_in(path, None)) is not None:
            return code
        raise
    print(clean(t("cli.init.done", user=signed_in.user, path=path), 1000))
    return 0


def region_named(text: str | None) -> int | None:
    """The one region in the officer's view that `text` names (KxError otherwise)."""
    from kxtui.db import call
    from kxtui.db.sheets.export_activities import regions_named

    if not text:
        return None
    found = call(regions_named, text)
    if not found:
        raise KxError("cli.export.region_unknown", text=text)
    if len(found) > 1:
        choices = ", ".join(name for _, name in found[:8])
        raise KxError("cli.export.region_ambiguous", text=text, choices=choices)
    return found[0][0]


def _add(args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.officers import add_officer
    from kxtui.db.rows import OfficerInput

    data = OfficerInput(
        args.user, args.name, args.role, region_named(args.region), region_named(args.view)
    )
    call(add_officer, data)
    region = args.region or t("scope.whole")
    role = label(AccessRole(args.role))
    print(clean(t("cli.officer.added", user=args.user, role=role, region=region), 400))
    return 0


def _list(args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.officers import accounts

    rows = call(accounts)  # refused for all but a county admin: before a line is printed
    print(t("cli.officer.list_header"))
    for row in rows:
        cells = (
            row.user_name,
            row.name,
            label(row.role, AccessRole),
            row.region.name if row.region else t("scope.whole"),
            row.view_region.name if row.view_region else "-",
            t("officers.active") if row.active else t("officers.disabled"),
        )
        print("\t".join(clean(cell, 100) for cell in cells))
    return 0


def _set_active(args: argparse.Namespace) -> int:
    from kxtui.db import call
    from kxtui.db.officers import set_active

    active = args.action == "enable"
    call(set_active, args.user, active)
    print(clean(t(f"cli.officer.{args.action}d", user=args.user), 400))
    return 0
