"""Every screen and form on records whose codes, dates and flags another program wrote (an
unknown code, a number, "", a malformed date, a text for a flag — tests/hostile.py): nothing
crashes, a value kxtui does not know is shown marked, and a form on it keeps the field invalid,
with the message beside it, until it is corrected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from kxtui.dates import Period
from kxtui.db import officers as accounts
from kxtui.db.engine import scope
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.audit import AuditScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.officers import OfficersScreen
from kxtui.screens.region_form import RegionFormScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.signed_out import SignedOutScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.roster_table import RosterTable
from tests.app.helpers import (
    control,
    error_of,
    fill,
    jump,
    make_app,
    plain,
    press,
    settle,
    wait_until,
)
from tests.hostile import ODD_ACCOUNT, ODD_KINDS, TOWN_RECORDS, spoil
from tests.test_cli_odd_codes import dangling

MARKERS = {"code": ("⚠未知代码", "不是可选项"), "date": ("⚠无效日期", "存储的日期")}


def spoiled(path: Path, odd: str) -> None:
    kind, value = ODD_KINDS[odd]
    with sqlite3.connect(path) as connection:
        connection.execute(ODD_ACCOUNT)
        assert spoil(connection, kind, value, TOWN_RECORDS) > 0


async def _is(pilot: Pilot, screen: type) -> None:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen))


async def tree(pilot: Pilot) -> None:
    await jump(pilot, "fajd")  # 阜安街道: the detail pane
    await press(pilot, "right", "down", "down")  # its first places


async def region_form(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "e")
    await _is(pilot, RegionFormScreen)


async def new_venue(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "v")
    await _is(pilot, VenueFormScreen)


async def venue_form(pilot: Pilot) -> None:
    await jump(pilot, "fajdkp")  # 阜安街道科普活动中心
    await press(pilot, "e")
    await _is(pilot, VenueFormScreen)


async def new_activity(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "l")
    await _is(pilot, ActivityFormScreen)


async def activity_form(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "t")
    await _is(pilot, LedgerScreen)
    await press(pilot, "down")  # from the search field to the rows, where p is the period
    while pilot.app.screen.period != Period.ALL:  # type: ignore[attr-defined]
        await press(pilot, "p")  # the whole ledger: a malformed date is in no year
    await press(pilot, "enter")
    await _is(pilot, ActivityFormScreen)


async def volunteer_form(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "m")
    await _is(pilot, RosterScreen)
    await press(pilot, "enter")
    await _is(pilot, VolunteerFormScreen)
    await press(pilot, "f3", "f4", "f2")  # service history, teams, back


async def teams(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "T")
    await _is(pilot, TeamTreeScreen)
    await press(pilot, "down", "right", "down")


async def officers(pilot: Pilot) -> None:
    pilot.app.action_officers()  # type: ignore[attr-defined]
    await _is(pilot, OfficersScreen)
    await press(pilot, "down", "enter")  # the account another program added


async def audit(pilot: Pilot) -> None:
    await jump(pilot, "fajd")
    await press(pilot, "h")
    await _is(pilot, AuditScreen)


SCREENS = (
    tree, region_form, new_venue, venue_form, new_activity, activity_form, volunteer_form,
    teams, officers, audit,
)  # fmt: skip
KINDS = ("code-unknown", "code-number", "code-hostile", "date-impossible", "date-word",
         "flag-text")  # fmt: skip


@pytest.mark.parametrize("odd", KINDS)
@pytest.mark.parametrize("visit", SCREENS, ids=lambda f: f.__name__)
async def test_no_screen_crashes_on_values_kxtui_does_not_know(demo_path, visit, odd) -> None:
    spoiled(demo_path, odd)
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await visit(pilot)
        await settle(pilot)
        painted = app.export_screenshot()
        assert app.is_running and app.return_code is None
        assert "意外错误" not in painted
        kind = odd.split("-")[0]
        if visit.__name__ in MARKED.get(kind, ()):  # the marker, or the form's message
            assert any(marker in painted for marker in MARKERS[kind])


# Screens that show the spoiled records' codes or dates, so the marker
MARKED = {
    "code": ("tree", "region_form", "venue_form", "activity_form", "volunteer_form", "officers"),
    "date": ("activity_form", "volunteer_form"),
}


async def test_a_form_on_an_unknown_code_keeps_it_invalid_until_another_is_chosen(
    demo_path,
) -> None:
    spoiled(demo_path, "code-unknown")
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await venue_form(pilot)
        assert "存储的值“zzz”不是可选项" in error_of(pilot, "type")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, VenueFormScreen), "not saved"
        assert "不是可选项" in error_of(pilot, "type")
        control(pilot, "type").value = "town_activity_centre"
        await settle(pilot)
        assert error_of(pilot, "type") == ""


async def test_a_form_on_a_malformed_date_keeps_it_invalid_until_it_is_typed_again(
    demo_path,
) -> None:
    spoiled(demo_path, "date-word")  # "yesterday": read as a word, never as a day before today
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await activity_form(pilot)
        assert control(pilot, "start").value == "yesterday"
        assert "存储的日期“yesterday”无效" in error_of(pilot, "start")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen), "not saved"
        await fill(pilot, "start", "2026-11-01")
        assert "无效" not in error_of(pilot, "start")


# An unknown code in a list of codes (an activity's target groups, a volunteer's domains)
SPOIL_LISTS = (
    "UPDATE activity SET target_groups = CASE target_groups WHEN '' THEN 'zzz'"
    " ELSE target_groups || ',zzz' END WHERE " + TOWN_RECORDS["activity"],
    "UPDATE volunteer_domain SET domain = 'zzz' WHERE " + TOWN_RECORDS["volunteer_domain"],
)


def _lists_spoiled(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for query in SPOIL_LISTS:
            assert connection.execute(query).rowcount > 0


def _stored_groups(path: Path, activity_id: int) -> str:
    with sqlite3.connect(path) as connection:
        query = "SELECT target_groups FROM activity WHERE id = ?"
        return connection.execute(query, (activity_id,)).fetchone()[0]


async def test_an_unknown_target_group_is_shown_and_kept_until_deselected(demo_path) -> None:
    _lists_spoiled(demo_path)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await activity_form(pilot)
        activity_id = pilot.app.screen.existing.id  # type: ignore[attr-defined]
        stored = _stored_groups(demo_path, activity_id)
        groups = control(pilot, "target_groups")
        assert "zzz" in groups.selected
        assert "⚠未知代码 zzz" in [str(option.prompt) for option in groups.options]
        assert "存储的“zzz”不是可选项" in error_of(pilot, "target_groups")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ActivityFormScreen), "not saved"
        assert _stored_groups(demo_path, activity_id) == stored, "nothing dropped"
        groups.deselect("zzz")
        await settle(pilot)
        assert error_of(pilot, "target_groups") == ""
        await press(pilot, "ctrl+s")
        await _is(pilot, LedgerScreen)
        assert _stored_groups(demo_path, activity_id) == stored.removesuffix("zzz").rstrip(",")


async def test_an_unknown_domain_of_a_volunteer_is_shown_and_blocks_saving(demo_path) -> None:
    _lists_spoiled(demo_path)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await volunteer_form(pilot)
        assert "zzz" in control(pilot, "domains").selected
        assert "存储的“zzz”不是可选项" in error_of(pilot, "domains")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, VolunteerFormScreen), "not saved"
        control(pilot, "domains").deselect("zzz")
        await settle(pilot)
        assert error_of(pilot, "domains") == ""


@pytest.mark.parametrize(
    ("spoiling", "message"),
    [
        ("UPDATE officer_account SET role = 'zzz' WHERE user_name = 'odd'", "角色“zzz”"),
        ("UPDATE officer_account SET region_id = 999 WHERE user_name = 'odd'", "区域不存在"),
    ],
    ids=("role", "region"),
)
async def test_an_account_with_an_unknown_role_or_region_is_signed_out(
    monkeypatch, demo_path, spoiling, message
) -> None:
    with sqlite3.connect(demo_path) as connection:  # foreign keys off, as another program
        connection.execute(ODD_ACCOUNT)
        connection.execute(spoiling)
    monkeypatch.setattr(accounts, "unix_user", lambda _path: "odd")
    scope.sign_out()
    app = make_app(demo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignedOutScreen)
        shown = "".join(plain(text.content, 120) for text in app.screen.query(Static))
        assert "系统用户 odd 的账户" in shown and message in shown


async def test_the_roster_marks_a_flag_that_is_neither_0_nor_1(demo_path) -> None:
    spoiled(demo_path, "flag-text")  # 'yes': true to Python, not a flag kxtui wrote
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "m")
        await _is(pilot, RosterScreen)
        table = pilot.app.screen.query_one(RosterTable)
        await table.first_page()
        row = table.cursor_row
        assert table.cell(row, "registered") == "⚠无效标记 yes"
        assert table.cell(row, "student") == "⚠无效标记 yes"


async def test_no_screen_crashes_on_a_reference_to_a_record_that_is_not_there(demo_path) -> None:
    dangling(demo_path)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for visit in (tree, activity_form, volunteer_form):
            await visit(pilot)
            await settle(pilot)
            assert pilot.app.is_running and "意外错误" not in pilot.app.export_screenshot()
            while not isinstance(pilot.app.screen, type(pilot.app.screen_stack[0])):
                await press(pilot, "escape")
                await settle(pilot)
            await press(pilot, "escape")
