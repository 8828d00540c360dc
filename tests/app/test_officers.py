"""Signing in to the app: an unknown Unix user sees why and nothing else; a county admin
manages the accounts from the command palette; other officers are not offered it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from kxtui.db import officers
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import OfficerAccount, Region
from kxtui.db.rows import OfficerInput
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.hierarchy import HierarchyScreen
from kxtui.screens.officer_form import OfficerFormScreen
from kxtui.screens.officers import OfficersScreen
from kxtui.screens.signed_out import SignedOutScreen
from tests.app.helpers import (
    control,
    error_of,
    fill,
    make_app,
    plain,
    press,
    settle,
    type_text,
    wait_until,
)


def kernel_says(monkeypatch: pytest.MonkeyPatch, user: str) -> None:
    """The process starts signed out, and the kernel names `user` as the one running it."""
    monkeypatch.setattr(officers, "unix_user", lambda _path: user)
    scope.sign_out()


def shown(app) -> str:  # type: ignore[no-untyped-def]
    return "".join(plain(text.content, 80) for text in app.screen.query(Static))


def add_accounts(path: Path, *accounts: OfficerInput) -> None:
    open_database(path)
    try:
        for data in accounts:
            region = Region.get(Region.name == data.region_id).id if data.region_id else None
            officers.add_officer(data._replace(region_id=region))
    finally:
        close_database()


async def test_an_unknown_user_sees_why_and_no_data(monkeypatch, demo_path: Path) -> None:
    kernel_says(monkeypatch, "wangli")
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignedOutScreen)
        text = shown(app)
        assert "系统用户 wangli 没有科协工作人员账户" in text and "按 q 退出" in text
        assert not app.query("RegionTree") and not list(app.workers)  # nothing was read
        assert [c.title for c in app.get_system_commands(app.screen)
                if "工作人员" in c.title or "草稿" in c.title] == []  # fmt: skip
        await press(pilot, "q")
    assert app.return_code == 3


async def test_a_disabled_user_is_told_so(monkeypatch, demo_path: Path) -> None:
    add_accounts(demo_path, OfficerInput("wangli", "王丽", "town_staff", "阜安街道"))
    open_database(demo_path)
    officers.set_active("wangli", False)
    close_database()
    kernel_says(monkeypatch, "wangli")
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "已停用" in shown(app)


async def test_a_town_officer_starts_at_their_town(monkeypatch, demo_path: Path) -> None:
    add_accounts(demo_path, OfficerInput("wangli", "王丽", "town_staff", "阜安街道"))
    kernel_says(monkeypatch, "wangli")
    app = make_app(demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HierarchyScreen)
        tree = app.screen.query_one("RegionTree")
        assert [row.name for row in tree.children_of(None)] == ["阜安街道"]
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "工作人员: 账户管理" not in titles


async def test_a_county_admin_adds_and_disables_an_account(demo_path: Path) -> None:
    app = make_app(demo_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "账户管理")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, OfficersScreen))
        await press(pilot, "a")
        assert isinstance(app.screen, OfficerFormScreen)
        await fill(pilot, "user_name", "wangli")
        await fill(pilot, "name", "王丽")
        control(pilot, "role").value = "town_staff"
        await settle(pilot)
        control(pilot, "region").focus()
        await type_text(pilot, "郭庄村")
        await press(pilot, "enter", "ctrl+s")
        assert error_of(pilot, "region") == "镇街工作人员负责一个镇或街道"
        control(pilot, "region").clear()
        control(pilot, "region").focus()
        await type_text(pilot, "阜安街道")
        await press(pilot, "ctrl+s")  # typed, not picked: asked to pick
        assert error_of(pilot, "region") == "请从列表中选择"
        await press(pilot, "enter", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, OfficersScreen))
        await settle(pilot)
        screen = app.screen
        assert "wangli" in [row.user_name for row in screen.rows]
        assert screen.rows[screen.query_one("DataTable").cursor_row].user_name == "wangli"
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "y")
        await settle(pilot)
        assert [row.active for row in screen.rows if row.user_name == "wangli"] == [False]
    open_database(demo_path)
    account = OfficerAccount.get(user_name="wangli")
    assert (account.name, account.role, account.active) == ("王丽", "town_staff", False)
    assert account.region.name == "阜安街道"
