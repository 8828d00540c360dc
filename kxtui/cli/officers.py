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
from kxtui.i18n import label, t

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
        help="初始化数据库并创建县级管理员 / create the database and its first county admin",
        description="在新数据库（或还没有账户的数据库）中，把运行本命令的系统用户设为县级管理员"
        "（全部区域）/ make the Unix user running this the county admin of the whole database, "
        "on a new database or one without accounts.",
    )
    init.add_argument("--admin", action="store_true", required=True, help="创建县级管理员 / "
                      "create the county admin")  # fmt: skip
    init.add_argument("--name", help="管理员姓名（默认用户名）/ the admin's name")
    init.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)

    officer = commands.add_parser(
        "officer",
        help="工作人员账户（县级管理员）/ officer accounts (county admins)",
        description="添加、列出、停用、启用工作人员账户；只有县级管理员可用 / add, list, "
        "disable and enable officer accounts; county admins only.",
    )
    actions = officer.add_subparsers(dest="action", required=True, metavar="ACTION")
    roles = ", ".join(f"{role.value}={label(role)}" for role in AccessRole)
    add = actions.add_parser("add", help="添加账户 / add an account")
    add.add_argument("user", help="系统用户名 / Unix user name")
    add.add_argument("--name", required=True, help="姓名 / name")
    add.add_argument("--role", required=True, choices=[r.value for r in AccessRole], help=roles)
    add.add_argument(
        "--region", metavar="NAME", help="负责区域：名称、拼音或路径；县级管理员不填 = 全部区域 / "
        "region (name, pinyin or path); none for a county admin = the whole database",
    )  # fmt: skip
    add.add_argument("--view", metavar="NAME", help="另可查看的更大区域 / a wider region to read")
    actions.add_parser("list", help="列出账户 / list the accounts")
    for action, text in (("disable", "停用账户 / disable"), ("enable", "启用账户 / enable")):
        actions.add_parser(action, help=text).add_argument("user", help="系统用户名 / Unix user")
    for parser in actions.choices.values():
        parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def run(path: Path, args: argparse.Namespace) -> int:
    from kxtui.db.connection import open_database
    from kxtui.db.scope import set_read_only

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


def _region(text: str | None) -> int | None:
    """The one region in the officer's view that `text` names (KxError otherwise)."""
    from kxtui.db import call
    from kxtui.db.sheets_export import regions_named

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

    data = OfficerInput(args.user, args.name, args.role, _region(args.region), _region(args.view))
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
