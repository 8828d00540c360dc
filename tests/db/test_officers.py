"""Officer accounts: who the kernel says is running, signing in, `--as`, and the accounts a
county admin manages."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from kxtui.db import officers, venues
from kxtui.db.engine import scope
from kxtui.db.engine.models import AuditEntry, OfficerAccount, Region
from kxtui.db.errors import RefusedError, SignInRefused, ValidationError
from kxtui.db.rows import OfficerInput, VenueInput
from kxtui.domain import AccessRole
from tests.conftest import ADMIN


def region_id(name: str) -> int:
    return Region.get(Region.name == name).id


def add(user: str, role: AccessRole, where: str | None = None, view: str | None = None) -> int:
    place = region_id(where) if where else None
    return officers.add_officer(
        OfficerInput(user, f"{user}姓名", role, place, region_id(view) if view else None)
    )


def signed_in_as(monkeypatch: pytest.MonkeyPatch, path: Path, user: str, as_name=None):  # type: ignore[no-untyped-def]
    """Sign in as the process would, the kernel saying `user` runs it."""
    monkeypatch.setattr(officers, "unix_user", lambda _path: user)
    scope.sign_out()
    return officers.sign_in_process(path, as_name)


def refusal(monkeypatch, path: Path, user: str, as_name=None) -> tuple[str, dict]:  # type: ignore[no-untyped-def]
    with pytest.raises(SignInRefused) as raised:
        signed_in_as(monkeypatch, path, user, as_name)
    assert scope.current() is None
    return raised.value.key, raised.value.params


# -- who is running ------------------------------------------------------------------------------


def test_the_user_comes_from_the_real_uid_not_the_environment(tmp_path: Path) -> None:
    database = tmp_path / "kxtui.db"
    database.touch()
    me = pwd.getpwuid(os.getuid()).pw_name
    assert officers.unix_user(database, environ={"USER": "admin", "LOGNAME": "admin"}) == me
    someone_else = next(p for p in pwd.getpwall() if p.pw_uid != os.getuid())
    # SUDO_USER set by an officer running kxtui as themself (not the file's owner): ignored
    claimed = {"SUDO_USER": "admin"}
    assert officers.unix_user(database, uid=someone_else.pw_uid, environ=claimed) == (
        someone_else.pw_name
    )
    # run as the account owning the database (the deployment's sudo rule): believed
    assert officers.unix_user(database, uid=os.getuid(), environ=claimed) == "admin"
    assert officers.unix_user(database, uid=os.getuid(), environ={}) == me


def test_the_demo_makes_its_builder_a_county_admin_of_everything(demo_db: Path) -> None:
    account = OfficerAccount.get()
    assert account.user_name == officers.unix_user(demo_db)
    assert (account.role, account.region_id, account.active) == ("county_admin", None, True)


# -- signing in ----------------------------------------------------------------------------------


def test_unknown_disabled_and_empty(monkeypatch, demo_db: Path, empty_db: Path) -> None:
    assert refusal(monkeypatch, empty_db, "wangli") == ("signin.no_officers", {"user": "wangli"})
    scope.sign_in(ADMIN)
    from kxtui.db.engine.connection import open_database

    open_database(demo_db)
    assert refusal(monkeypatch, demo_db, "wangli") == ("signin.unknown", {"user": "wangli"})
    scope.sign_in(ADMIN)
    add("wangli", AccessRole.TOWN_STAFF, "阜安街道")
    session = signed_in_as(monkeypatch, demo_db, "wangli")
    assert (session.user, session.role, session.edit_name) == ("wangli", "town_staff",
                                                               "胶州市/阜安街道")  # fmt: skip
    scope.sign_in(ADMIN)
    officers.set_active("wangli", False)
    assert refusal(monkeypatch, demo_db, "wangli")[0] == "signin.disabled"


def test_as_is_for_county_admins_within_their_scope(monkeypatch, demo_db: Path) -> None:
    add("jzadmin", AccessRole.COUNTY_ADMIN, "胶州市")
    add("fuan", AccessRole.TOWN_STAFF, "阜安街道")
    add("jingzhou", AccessRole.TOWN_STAFF, "西城街道")
    assert refusal(monkeypatch, demo_db, "fuan", as_name="jzadmin")[0] == "signin.as_not_admin"
    assert refusal(monkeypatch, demo_db, "jzadmin", as_name="nobody")[0] == "signin.as_unknown"
    assert refusal(monkeypatch, demo_db, "jzadmin", as_name="jingzhou")[0] == (
        "signin.as_out_of_scope"
    )
    session = signed_in_as(monkeypatch, demo_db, "jzadmin", as_name="fuan")
    assert (session.user, session.name, session.role) == ("jzadmin", "fuan姓名", "town_staff")
    venue = venues.create_venue(region_id("阜安街道"), VenueInput(
        name="代办阵地", type="community_station", level="", contact="", phone="", address="",
        six={}))  # fmt: skip
    entry = AuditEntry.get(AuditEntry.entity == "venue", AuditEntry.entity_id == venue)
    assert (entry.actor, entry.officer.user_name) == ("jzadmin", "fuan")  # who, and as whom


# -- managing accounts ---------------------------------------------------------------------------


def field_errors(data: OfficerInput) -> dict[str, str]:
    with pytest.raises(ValidationError) as raised:
        officers.add_officer(data)
    return {field: key for field, (key, _) in raised.value.errors.items()}


def test_an_account_must_fit_its_role_and_the_admins_scope(demo_db: Path) -> None:
    town, village = region_id("阜安街道"), region_id("郭庄村")
    assert field_errors(OfficerInput("a b", "", "boss", town)) == {
        "user_name": "field.user_name", "name": "field.required", "role": "field.choice",
    }  # fmt: skip
    assert field_errors(OfficerInput("liu", "刘", "town_staff", village)) == {
        "region": "field.role_region.town_staff"
    }
    assert field_errors(OfficerInput("liu", "刘", "grid_officer")) == {
        "region": "field.role_needs_region"
    }
    assert field_errors(OfficerInput("liu", "刘", "village_liaison", village, town)) == {
        "view_region": "field.view_region"  # 阜安街道 does not contain 郭庄村
    }
    add("liu", AccessRole.VILLAGE_LIAISON, "郭庄村", view="胶莱镇")
    assert field_errors(OfficerInput("liu", "刘", "viewer")) == {
        "user_name": "field.user_name_taken"
    }
    add("jzadmin", AccessRole.COUNTY_ADMIN, "胶州市")
    scope.sign_in(officers.session_for("jzadmin", OfficerAccount.get(user_name="jzadmin")))
    assert field_errors(OfficerInput("xc", "西城", "town_staff", region_id("西城街道"))) == {
        "region": "field.out_of_scope"
    }
    assert field_errors(OfficerInput("all", "全部", "viewer")) == {"region": "field.out_of_scope"}
    assert {row.user_name for row in officers.accounts()} == {"jzadmin", "liu"}  # not the demo's
    scope.sign_in(officers.session_for("liu", OfficerAccount.get(user_name="liu")))
    with pytest.raises(RefusedError) as raised:
        officers.add_officer(OfficerInput("x", "x", "viewer"))
    assert raised.value.key == "refused.not_admin"
    with pytest.raises(RefusedError):
        officers.accounts()


def test_disable_and_enable(demo_db: Path) -> None:
    add("liu", AccessRole.VILLAGE_LIAISON, "郭庄村")
    officers.set_active("liu", False)
    assert not OfficerAccount.get(user_name="liu").active
    with pytest.raises(RefusedError) as raised:
        officers.set_active("liu", False)
    assert raised.value.key == "refused.officer_disabled"
    officers.set_active("liu", True)
    entries = AuditEntry.select().where(AuditEntry.entity == "officer_account")
    assert [e.action for e in entries.order_by(AuditEntry.id)] == ["create", "disable", "enable"]
    add("jzadmin", AccessRole.COUNTY_ADMIN, "胶州市")
    scope.sign_in(officers.session_for("jzadmin", OfficerAccount.get(user_name="jzadmin")))
    with pytest.raises(RefusedError) as raised:
        officers.set_active("jzadmin", False)
    assert raised.value.key == "refused.own_account"


def test_init_admin_only_on_a_database_without_accounts(monkeypatch, empty_db: Path) -> None:
    monkeypatch.setattr(officers, "unix_user", lambda _path: "zhangsan")
    scope.sign_out()
    session = officers.first_admin(empty_db, "张三")
    assert (session.user, session.name, session.role, session.edit_path) == (
        "zhangsan", "张三", "county_admin", None)  # fmt: skip
    scope.sign_out()
    with pytest.raises(RefusedError) as raised:
        officers.first_admin(empty_db)
    assert raised.value.key == "refused.has_officers"
    assert scope.current() is None
    assert OfficerAccount.select().count() == 1
