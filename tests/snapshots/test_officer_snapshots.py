"""Signing in at 80×24 and 120×36: the message an unknown Unix user sees, the officer
accounts of a county admin, and the new-account form with its messages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db import officers
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region
from kxtui.db.rows import OfficerInput
from kxtui.domain import AccessRole
from tests.app.helpers import make_app, press, settle, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.fixture
def county_with_officers(demo_path: Path) -> Path:
    """The demo with a few accounts; its builder's account renamed, so the screen does not
    depend on who runs the tests."""
    with sqlite3.connect(demo_path) as connection:
        connection.execute("UPDATE officer_account SET user_name = 'zhangwei', name = '张伟'")
    open_database(demo_path)
    region = {r.name: r.id for r in Region.select().where(
        Region.name.in_(["胶州市", "阜安街道", "胶莱镇", "郭庄村", "通会桥社区"]))}  # fmt: skip
    for user, name, role, where, view in (
        ("lina", "李娜", AccessRole.TOWN_STAFF, "阜安街道", None),
        ("guoqiang", "郭强", AccessRole.VILLAGE_LIAISON, "郭庄村", "胶莱镇"),
        ("liuyang", "刘洋", AccessRole.VIEWER, "胶州市", None),
        ("chenjing", "陈静", AccessRole.VILLAGE_LIAISON, "通会桥社区", None),
    ):
        officers.add_officer(OfficerInput(user, name, role, region[where], region.get(view)))
    officers.set_active("chenjing", False)
    close_database()
    return demo_path


@pytest.mark.parametrize("size", SIZES)
def test_unknown_user_message(snap_compare, demo_path: Path, monkeypatch, size) -> None:
    monkeypatch.setattr(officers, "unix_user", lambda _path: "wangli")
    scope.sign_out()
    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=settle)


async def officer_screen(pilot: Pilot) -> None:
    await settle(pilot)
    pilot.app.action_officers()  # type: ignore[attr-defined]
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_officer_accounts(snap_compare, county_with_officers: Path, size) -> None:
    app = make_app(county_with_officers)
    assert snap_compare(app, terminal_size=size, run_before=officer_screen)


@pytest.mark.parametrize("size", SIZES)
def test_officer_form_with_errors(snap_compare, county_with_officers: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await officer_screen(pilot)
        await press(pilot, "a")
        await type_text(pilot, "lina")
        screen = pilot.app.screen
        screen.query_one("#field-role").control.value = "grid_officer"  # type: ignore[attr-defined]
        screen.query_one("#field-region").control.focus()  # type: ignore[attr-defined]
        await type_text(pilot, "郭庄村")
        await press(pilot, "enter", "ctrl+s")

    app = make_app(county_with_officers)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
