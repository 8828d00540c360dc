"""One key model for every list screen (roster, ledger, audit log, team tree): the screen
opens in its search field, which takes every printable key; ↓ goes to the rows, where letters
are commands; Enter in the field opens the highlighted row; Esc goes one level up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual import events

from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.audit import AuditScreen
from kxtui.screens.audit_entry import AuditEntryScreen
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.hierarchy import HierarchyScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.roster_checks import CheckListScreen, ChecksMenu
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from tests.app.helpers import (
    control,
    make_app,
    open_screen,
    plain,
    press,
    settle,
    type_text,
    wait_until,
)
from tests.app.test_audit_screen import some_changes


def footer_keys(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys the footer shows, as their bindings name them."""
    return [item.binding.key for item in pilot.app.screen.active_bindings.values()
            if item.binding.show]  # fmt: skip


def volunteers_with_initials(path: Path, initials: str) -> list[str]:
    """The county's volunteers whose name's initials are `initials` (pinyin, as searched)."""
    from pypinyin import lazy_pinyin

    with sqlite3.connect(path) as connection:
        names = connection.execute(
            "SELECT v.name FROM volunteer v JOIN region r ON r.id = v.region_id "
            "WHERE r.path LIKE '/1/%'"
        ).fetchall()
    return [n for (n,) in names if "".join(p[0] for p in lazy_pinyin(n)) == initials]


async def test_a_volunteer_found_by_unique_initials_in_five_keys(demo_path: Path) -> None:
    """Issue 15's goal, counted from the hierarchy screen: m s b w Enter (5 keys) opens
    孙博伟, whose initials sbw are unique in 胶州市 ("s" alone on the rows would sort)."""
    assert volunteers_with_initials(demo_path, "sbw") == ["孙博伟"]
    keys = ["m", "s", "b", "w", "enter"]
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, HierarchyScreen)
        for key in keys:
            await pilot.press(key)  # as typed, without waiting for the screen
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        assert control(pilot, "name").value == "孙博伟"
    assert len(keys) <= 5


async def test_initials_typed_at_full_speed_search(demo_path: Path) -> None:
    """cjx (陈佳欣 …) delivered in one read: a search for cjx, not the checks (c) nor the
    letters reordered."""
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "m", RosterScreen)
        for character in "cjx":
            pilot.app.post_message(events.Key(character, character))
        await settle(pilot)
        assert pilot.app.screen is screen and not isinstance(pilot.app.screen, ChecksMenu)
        assert screen.query_one("#list-search").value == "cjx"
        assert screen.filter.text == "cjx" and screen.filter.check == ""
        assert screen.table.total > 1  # cjx is no one's alone: the list of them


@pytest.mark.parametrize(("key", "screen_class", "command"),
                         [("m", RosterScreen, "c"), ("t", LedgerScreen, "a")])  # fmt: skip
async def test_the_footer_shows_the_mode(
    demo_path: Path, key: str, screen_class: type, command: str
) -> None:
    """In the field: how to reach the rows, Enter and Esc, no letter (letters are typed);
    on the rows: the commands, and "/" back to the search."""
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, key, screen_class)
        assert screen.searching
        keys = footer_keys(pilot)
        assert keys[:2] == ["down", "enter"] and "escape" in keys
        assert not any(len(k) == 1 for k in keys) and "slash" not in keys
        await press(pilot, "down")
        assert screen.table.has_focus
        keys = footer_keys(pilot)
        assert "slash" in keys and command in keys and "down" not in keys
        await press(pilot, "slash")
        assert screen.searching
        await press(pilot, "tab")  # Tab, as ↓, goes to the rows
        assert screen.table.has_focus


@pytest.mark.parametrize("searching", [True, False])
async def test_escape_leaves_a_list_from_the_field_and_from_the_rows(
    demo_path: Path, searching: bool
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        for key, screen_class in (("m", RosterScreen), ("t", LedgerScreen)):
            screen = await open_screen(pilot, key, screen_class)
            await type_text(pilot, "zh")
            if not searching:
                await press(pilot, "down")
            await press(pilot, "escape")
            assert isinstance(pilot.app.screen, HierarchyScreen)
            assert not screen.is_attached


async def test_enter_in_the_ledger_search_opens_the_first_activity(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_screen(pilot, "t", LedgerScreen)
        await type_text(pilot, "kp")
        first = screen.table.cursor_row
        assert first is not None
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        assert control(pilot, "title").value == first.title


def filter_line(pilot) -> str:  # type: ignore[no-untyped-def]
    return plain(pilot.app.screen.query_one("#list-filter").content).strip()


@pytest.mark.parametrize("check", ["n", "p", "m", "d", "i"])
async def test_escape_from_every_check_returns_to_the_roster_as_it_was(
    demo_path: Path, check: str
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "m", RosterScreen)
        await type_text(pilot, "wang")
        await press(pilot, "down", "s")  # a search and a sort to come back to
        before = screen.filter
        line = filter_line(pilot)
        await press(pilot, "c", check)
        assert pilot.app.screen is screen and screen.filter != before
        assert screen.query_one("#list-search").value == ""  # a check searches nothing
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert screen.filter == before and filter_line(pilot) == line
        assert screen.query_one("#list-search").value == "wang"
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HierarchyScreen)


async def test_escape_from_a_check_list_and_its_team_returns_to_the_roster(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_screen(pilot, "m", RosterScreen)
        await press(pilot, "down", "s")
        before = screen.filter
        await press(pilot, "c", "t")
        assert isinstance(pilot.app.screen, CheckListScreen)
        await press(pilot, "escape")  # the list: back to the roster
        assert pilot.app.screen is screen and screen.filter == before
        await press(pilot, "c", "t", "plus", "enter")  # a small team's roster
        assert pilot.app.screen is screen and screen.filter.team_id is not None
        await press(pilot, "escape")
        assert pilot.app.screen is screen and screen.filter == before
        assert "服务队" not in filter_line(pilot)


async def test_the_delete_dialog_names_the_undo_key_as_bound(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_screen(pilot, "t", LedgerScreen)
        undo = next(b.key for _, b in screen._bindings if b.action == "undo")
        await press(pilot, "down", "d")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert f"按 {undo} 撤销" in dialog.question and undo == "u"
        await press(pilot, "y")
        await wait_until(pilot, lambda: bool(screen.deleted))
        assert any(f"按 {undo} 撤销" in n.message for n in pilot.app._notifications)


async def test_the_team_tree_finds_a_team_by_initials_and_enter_opens_its_roster(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        teams = await open_screen(pilot, "T", TeamTreeScreen)
        assert teams.searching
        await type_text(pilot, "fajdjk")  # 阜安街道健康领域分队 ("m" would open a roster)
        assert [team.name for team in teams.found_teams] == ["阜安街道健康领域分队"]
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        roster = pilot.app.screen
        assert roster.team.name == "阜安街道健康领域分队" and roster.filter.team_id is not None
        await press(pilot, "escape")  # one level up: the team tree, its search kept
        await wait_until(pilot, lambda: pilot.app.screen is teams)
        assert teams.query_one("#teams-search").value == "fajdjk"
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HierarchyScreen)


async def test_the_audit_log_searches_what_it_shows(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        some_changes(monkeypatch)
        audit = await open_screen(pilot, "h", AuditScreen)
        everything = audit.table.total
        await type_text(pilot, "审计")  # the two changes of the venue 审计科普园 → 审计公园
        assert audit.filter.text == "审计" and audit.table.total == 2 < everything
        shown = [audit.table._rows[i].summary for i in range(2)]
        assert all("审计" in summary for summary in shown)
        await press(pilot, "enter")  # the first entry, field by field
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))
