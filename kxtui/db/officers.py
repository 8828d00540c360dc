"""Officer accounts: who is signing in, and the accounts county admins manage.

Who signs in is decided by `unix_user` (the kernel's word, see there) and the account with that
Unix user name; `scope` keeps the session and the rule every other function follows.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import cast

from peewee import JOIN

from kxtui.db.engine import scope
from kxtui.db.engine.models import OfficerAccount, Region, Rows, database
from kxtui.db.engine.process_user import USER_NAME, is_service_account, unix_user
from kxtui.db.engine.scope import is_read_only
from kxtui.db.engine.writes import write_transaction
from kxtui.db.errors import ReadOnlyError, RefusedError, SignInRefused
from kxtui.db.rows import Choice, OfficerInput, OfficerRow
from kxtui.db.validation import Checker
from kxtui.domain import ROLE_REGION_KINDS, AccessRole

_ROLES = tuple(AccessRole)
_ACCOUNT_SQL = "SELECT name, role, region_id, active FROM officer_account WHERE user_name = ?"


def require_file_admin(db_path: Path, command: str, *, service: bool = True) -> None:
    """Admit the Unix user to a command on the database file as a whole — every region at once
    (backup, check, restore, the demo built over it): the service account when `service`, and
    an active county admin of the whole database. The accounts are read without opening the
    database for kxtui (no upgrade, no file made beside it).

    SignInRefused for a Unix user without an active account; RefusedError for any other
    officer; OpenError when the file cannot be read.
    """
    if service and is_service_account(db_path):
        return
    from kxtui.db.engine.connection import peek, preflight

    user = unix_user(db_path)
    version = preflight(db_path)
    found, anyone = None, False
    if version is not None:
        with closing(peek(db_path)) as connection:
            try:
                found = connection.execute(_ACCOUNT_SQL, (user,)).fetchone()
                anyone = connection.execute("SELECT 1 FROM officer_account LIMIT 1").fetchone()
            except sqlite3.OperationalError:  # written before accounts existed: nobody has one
                pass
    if found is None or not found[3]:
        key = "signin.disabled" if found else "signin.unknown" if anyone else "signin.no_officers"
        raise SignInRefused(key, user=user)
    name, role, region_id, _ = found
    if role != AccessRole.COUNTY_ADMIN or region_id is not None:
        raise RefusedError("refused.whole_database", command=command, name=name)


def _account(user_name: str) -> OfficerAccount | None:
    return OfficerAccount.get_or_none(OfficerAccount.user_name == user_name)


def _path(region: Region | None) -> str:
    """The path of an account's region, read where its id is set."""
    assert region is not None  # with the id set, peewee fetches the region or raises
    return region.path


def session_for(user: str, account: OfficerAccount) -> scope.Session:
    """The session of `user` acting as `account`; SignInRefused when another program stored
    a role kxtui does not know, or a region that is not there (never guessed)."""
    if account.role not in set(AccessRole):
        raise SignInRefused("signin.odd_role", user=account.user_name, role=account.role)
    try:
        edit = _path(account.region) if account.region_id else None
        view = _path(account.view_region) if account.view_region_id else edit
    except Region.DoesNotExist:
        raise SignInRefused("signin.odd_region", user=account.user_name) from None
    return scope.Session(
        user=user,
        name=account.name,
        role=AccessRole(account.role),
        officer_id=account.id,
        edit_path=edit,
        view_path=view,
        edit_name=scope.region_label(edit) if edit else "",
        view_name=scope.region_label(view) if view else "",
    )


def sign_in_process(db_path: Path | str, as_name: str | None = None) -> scope.Session:
    """Sign in the officer running this process (the app, the CLI).

    SignInRefused for a Unix user without an active account, and for `--as` unless the user
    is an active county admin and the account asked for lies within their own scope.
    """
    user = unix_user(db_path)
    account = _account(user)
    if account is None or not account.active:
        if account is not None:
            key = "signin.disabled"
        else:
            key = "signin.unknown" if OfficerAccount.select().exists() else "signin.no_officers"
        raise SignInRefused(key, user=user)
    signed_in = session_for(user, account)
    if as_name:
        target = _account(as_name)
        if signed_in.role != AccessRole.COUNTY_ADMIN:
            raise SignInRefused("signin.as_not_admin", user=user)
        if target is None or not target.active:
            raise SignInRefused("signin.as_unknown", user=as_name)
        acted = session_for(user, target)
        if not scope.inside(acted.edit_path or acted.view_path or "/", signed_in.edit_path):
            raise SignInRefused("signin.as_out_of_scope", user=as_name, scope=signed_in.edit_name)
        signed_in = acted
    return scope.sign_in(signed_in)


# -- the accounts a county admin manages ------------------------------------------------------


def _in_admin_scope(account_region_path: str | None) -> bool:
    return scope.inside(account_region_path or "/", scope.session().edit_path)


def accounts() -> tuple[OfficerRow, ...]:
    """The accounts within the county admin's scope, active first, then by user name."""
    scope.require_admin()
    region, view = Region.alias(), Region.alias()
    rows = [
        row
        for row in cast(
            Rows,
            OfficerAccount.select(
                OfficerAccount.id,
                OfficerAccount.user_name,
                OfficerAccount.name,
                OfficerAccount.role,
                OfficerAccount.active,
                OfficerAccount.version,
                region.id,
                region.path,
                view.id,
                view.path,
            )  # fmt: skip
            .join(region, JOIN.LEFT_OUTER, on=OfficerAccount.region == region.id)
            .switch(OfficerAccount)
            .join(view, JOIN.LEFT_OUTER, on=OfficerAccount.view_region == view.id)
            .order_by(OfficerAccount.active.desc(), OfficerAccount.user_name)
            .tuples(),
        )
        if _in_admin_scope(row[7])
    ]
    labels = scope.region_labels([path for row in rows for path in row[7::2] if path])
    return tuple(
        OfficerRow(
            id=id_,
            user_name=user_name,
            name=name,
            role=role,
            region=Choice(region_id, labels[path]) if region_id else None,
            view_region=Choice(view_id, labels[view_path]) if view_id else None,
            active=bool(active),
            version=version,
        )
        for id_, user_name, name, role, active, version, region_id, path, view_id, view_path in rows
    )


def check_officer(data: OfficerInput) -> dict[str, object]:
    """The account's column values, or ValidationError naming every bad field."""
    checker = Checker()
    user_name = checker.text("user_name", data.user_name, required=True, limit=32)
    if user_name and "user_name" not in checker.errors and not USER_NAME.fullmatch(user_name):
        checker.fail("user_name", "field.user_name")
    elif user_name and (taken := _account(user_name)) is not None:
        checker.fail("user_name", "field.user_name_taken", name=taken.name)
    name = checker.name("name", data.name)
    phone = checker.phone("phone", data.phone)
    role = checker.choice("role", data.role, _ROLES, required=True)
    region = Region.get_or_none(Region.id == data.region_id) if data.region_id else None
    if data.region_id and region is None:
        checker.fail("region", "refused.gone")
    elif role in _ROLES and (region.kind if region else None) not in ROLE_REGION_KINDS[role]:
        checker.fail("region", f"field.role_region.{role}" if region else "field.role_needs_region")
    elif not scope.can_edit(region.path if region else None):
        checker.fail("region", "field.out_of_scope", scope=scope.session().edit_name)
    view = Region.get_or_none(Region.id == data.view_region_id) if data.view_region_id else None
    if data.view_region_id and view is None:
        checker.fail("view_region", "refused.gone")
    elif view is not None and (region is None or not scope.inside(region.path, view.path)):
        checker.fail("view_region", "field.view_region")
    elif view is not None and not scope.can_view(view.path):
        checker.fail("view_region", "field.out_of_scope", scope=scope.session().view_name)
    checker.check()
    return {
        "user_name": user_name,
        "name": name,
        "role": role,
        "region": region.id if region else None,
        "view_region": view.id if view else None,
        "phone": phone or None,
    }


def add_officer(data: OfficerInput) -> int:
    """Create an officer account (county admins only, within their own scope). Returns its id."""
    scope.require_admin()  # before the writer's turn: a refusal touches no file
    with write_transaction() as write:
        values = check_officer(data)
        account = OfficerAccount.create(**values, active=True, **write.stamp())
        write.audit("create", "officer_account", account.id, str(values["name"]), values)
        return account.id


def set_active(user_name: str, active: bool) -> None:
    """Disable (or enable again) an account; county admins only, not their own."""
    admin = scope.require_admin()  # before the writer's turn: a refusal touches no file
    with write_transaction() as write:
        account = _account(user_name)
        if account is None:
            raise RefusedError("refused.no_officer", user=user_name)
        path = _path(account.region) if account.region_id else None
        if not _in_admin_scope(path):
            label = scope.region_label(path) if path else ""
            raise RefusedError("refused.out_of_scope", region=label, scope=admin.edit_name)
        if account.id == admin.officer_id or account.user_name == admin.user:
            raise RefusedError("refused.own_account")
        if account.active == active:
            raise RefusedError("refused.officer_enabled" if active else "refused.officer_disabled")
        OfficerAccount.update(active=active, **write.touch(OfficerAccount)).where(
            OfficerAccount.id == account.id
        ).execute()
        action = "enable" if active else "disable"
        changes = {"active": [not active, active]}
        write.audit(action, "officer_account", account.id, account.name, changes)


def first_admin(db_path: Path | str, name: str | None = None) -> scope.Session:
    """`kxtui init --admin`: the Unix user running it becomes the county admin of the whole
    database, and is signed in. Refused once any account exists (then a county admin adds
    officers): whoever can run it before can write the database file anyway."""
    if is_read_only():
        raise ReadOnlyError()
    user = unix_user(db_path)
    # signed in provisionally, to write the account (and its audit entry) as everyone does
    scope.sign_in(scope.Session(user=user, name=name or user, role=AccessRole.COUNTY_ADMIN))
    try:
        with database.atomic("IMMEDIATE"):
            if OfficerAccount.select().exists():
                raise RefusedError("refused.has_officers")
            add_officer(OfficerInput(user, name or user, AccessRole.COUNTY_ADMIN))
    except BaseException:
        scope.sign_out()
        raise
    return sign_in_process(db_path)
