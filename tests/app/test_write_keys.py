"""Keys that change data, for a session that may not use them: a viewer, a database opened
read-only, a town officer on a node outside their area. The footer shows them disabled with
the reason, the key opens nothing and says why, the palette names them unavailable, F1 says
which. A county admin keeps them all."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.command import Command, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen

from kxtui.db.engine import scope
from kxtui.domain import AccessRole
from kxtui.screens.audit import AuditScreen
from kxtui.screens.help import HelpScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.officers import OfficersScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.key_footer import KeyFooter
from tests.app.helpers import (
    jump,
    make_app,
    notifications,
    open_list,
    plain,
    press,
    settle,
    type_text,
    wait_until,
)

VIEWER = scope.Session(user="chakan", name="查看员", role=AccessRole.VIEWER)
READ_ONLY_ACCOUNT = "只读账户不能修改"
HIERARCHY_WRITES = {"a": "add_region", "v": "add_venue", "e": "edit", "d": "delete",
                    "l": "add_activity", "V": "add_volunteer"}  # fmt: skip


def footer_keys(pilot: Pilot) -> dict[str, bool]:
    """The footer's keys: key → disabled."""
    keys, _ = pilot.app.screen.query_one(KeyFooter)._keys()
    return {key.key: key.disabled for key in keys}


async def refused_keys(pilot: Pilot, keys: dict[str, str], reason: str) -> None:
    """Each key is disabled (with `reason` as its tooltip), and pressed it opens nothing and
    shows `reason`."""
    screen = pilot.app.screen
    for key in keys:
        active = screen.active_bindings[key]
        assert not active.enabled, key
        assert active.tooltip == reason, key
        # (by identity: on a slow machine an earlier key's notification may expire meanwhile)
        before = {n.identity for n in pilot.app._notifications}
        await press(pilot, key)
        assert pilot.app.screen is screen, key  # no form, no dialog
        shown = [n.message for n in pilot.app._notifications if n.identity not in before]
        assert shown == [reason], key


def palette_commands(pilot: Pilot, screen: Screen | None = None) -> dict[str, str]:
    """What the palette offers on the screen: name → help."""
    commands = pilot.app.get_system_commands(screen or pilot.app.screen)
    return {command.title: command.help for command in commands}


def town_officer(demo_path: Path) -> scope.Session:
    """A town officer of 阜安街道 who reads the whole county (the county root is outside
    their edit area)."""
    with sqlite3.connect(demo_path) as connection:
        town, county = (
            connection.execute("SELECT path FROM region WHERE name = ?", (name,)).fetchone()[0]
            for name in ("阜安街道", "胶州市")
        )
    return scope.Session(user="fuan", name="阜安王", role=AccessRole.TOWN_STAFF,
                         edit_path=town, view_path=county, edit_name="胶州市/阜安街道",
                         view_name="胶州市")  # fmt: skip


async def test_a_viewer_sees_the_write_keys_disabled_on_the_tree(demo_path: Path) -> None:
    scope.sign_in(VIEWER)
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert plain(screen.query_one("#read-only-banner").content).strip() == READ_ONLY_ACCOUNT
        shown = footer_keys(pilot)
        assert all(shown[key] for key in "avedl"), shown  # disabled
        assert not shown["slash"] and not shown["t"] and not shown["m"]  # reading keys work
        await refused_keys(pilot, HIERARCHY_WRITES, READ_ONLY_ACCOUNT)

        offered = palette_commands(pilot)
        assert offered["阵地: 新建（不可用）"] == READ_ONLY_ACCOUNT
        assert offered["区域/阵地: 编辑（不可用）"] == READ_ONLY_ACCOUNT
        assert offered["区域: 新建县（市、区）（不可用）"] == READ_ONLY_ACCOUNT
        assert "阵地: 新建" not in offered and "活动: 新建" not in offered
        assert "区域: 跳转" in offered and "活动: 台账" in offered
        unavailable = next(
            command
            for command in pilot.app.get_system_commands(screen)
            if command.title == "阵地: 新建（不可用）"
        )
        unavailable.callback()  # chosen in the palette: says why, opens nothing
        await settle(pilot)
        assert pilot.app.screen is screen and notifications(pilot)[-1] == READ_ONLY_ACCOUNT

        await press(pilot, "f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        note = plain(pilot.app.screen.query_one("#help-writes").content)
        assert "不可用" in note and READ_ONLY_ACCOUNT in note


async def test_a_viewer_in_the_ledger_roster_and_audit_log(demo_path: Path) -> None:
    scope.sign_in(VIEWER)
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await open_list(pilot, "t", LedgerScreen)
        assert pilot.app.screen.table.total  # a row to edit, delete
        writes = {"a": "add", "e": "edit", "enter": "edit", "d": "delete", "u": "undo",
                  "i": "import"}  # fmt: skip
        await refused_keys(pilot, writes, READ_ONLY_ACCOUNT)
        assert all(footer_keys(pilot)[key] for key in ("a", "d", "u", "i"))
        assert not footer_keys(pilot)["x"]  # export reads
        await press(pilot, "escape")

        roster = await open_list(pilot, "m", RosterScreen)
        await refused_keys(pilot, {"i": "import"}, READ_ONLY_ACCOUNT)
        assert palette_commands(pilot)["志愿者: 导入（不可用）"] == READ_ONLY_ACCOUNT
        await press(pilot, "enter")  # a viewer reads a volunteer's record, and cannot save it
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        await refused_keys(pilot, {"ctrl+s": "save"}, READ_ONLY_ACCOUNT)
        await press(pilot, "escape")
        await wait_until(pilot, lambda: pilot.app.screen is roster)
        await press(pilot, "escape")

        await open_list(pilot, "h", AuditScreen)
        await refused_keys(pilot, {"u": "undo"}, READ_ONLY_ACCOUNT)
        assert footer_keys(pilot)["u"] and not footer_keys(pilot)["enter"]


async def test_a_database_opened_read_only_disables_the_write_keys(demo_path: Path) -> None:
    async with make_app(demo_path, read_only=True).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        reason = "只读打开：不能修改数据"
        await refused_keys(pilot, HIERARCHY_WRITES, reason)
        await open_list(pilot, "t", LedgerScreen)
        await refused_keys(pilot, {"a": "add", "i": "import"}, reason)
        await press(pilot, "escape")
        pilot.app.action_officers()  # a county admin's accounts: read, not changed
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, OfficersScreen))
        await refused_keys(pilot, {"a": "add", "d": "switch"}, reason)


async def test_a_town_officer_outside_their_area(demo_path: Path) -> None:
    scope.sign_in(town_officer(demo_path))
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)  # the county is selected: outside 阜安街道
        reason = "不在您的编辑范围（胶州市/阜安街道）"
        assert not pilot.app.screen.query("#read-only-banner")  # they may write, elsewhere
        await refused_keys(pilot, HIERARCHY_WRITES, reason)
        assert palette_commands(pilot)["区域: 新建县（市、区）（不可用）"] == reason

        await jump(pilot, "fajd")  # their own town: the keys are theirs
        await settle(pilot)
        assert all(pilot.app.screen.active_bindings[key].enabled for key in HIERARCHY_WRITES)
        await press(pilot, "v")
        assert isinstance(pilot.app.screen, VenueFormScreen)
        await press(pilot, "escape")
        await press(pilot, "ctrl+p")  # the palette runs it too
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await type_text(pilot, "阵地: 新建")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VenueFormScreen))
        await press(pilot, "escape")

        await press(pilot, "f1")
        note = plain(pilot.app.screen.query_one("#help-writes").content)
        assert "胶州市/阜安街道" in note


async def test_a_town_officer_in_the_ledger_of_another_town(demo_path: Path) -> None:
    scope.sign_in(town_officer(demo_path))
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await jump(pilot, "中云街道")
        ledger = await open_list(pilot, "t", LedgerScreen)
        assert ledger.table.total
        reason = "不在您的编辑范围（胶州市/阜安街道）"
        await refused_keys(pilot, {"e": "edit", "d": "delete"}, reason)
        assert ledger.active_bindings["a"].enabled  # a new one: in a region of theirs
        await press(pilot, "escape")

        await jump(pilot, "fajd")
        ledger = await open_list(pilot, "t", LedgerScreen)
        assert ledger.active_bindings["e"].enabled and ledger.active_bindings["d"].enabled


# -- what Textual brings along --------------------------------------------------------


async def palette_hits(pilot: Pilot, query: str) -> list[str]:
    """Type `query` into the real command palette: the commands it offers to run."""
    await press(pilot, "ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await type_text(pilot, query)
    await pilot.pause(0.7)  # past the palette's "no matches" countdown
    await settle(pilot)
    options = pilot.app.screen.query_one(CommandList).options
    hits = [str(option.prompt).split("\n")[0] for option in options if isinstance(option, Command)]
    await press(pilot, "escape")
    return hits


async def test_the_palette_offers_only_kxtuis_commands_in_chinese(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for query in ("screenshot", "theme", "截图", "keys", "maximize"):
            assert await palette_hits(pilot, query) == [], query
        assert "阵地: 新建" in await palette_hits(pilot, "阵地")
        names = palette_commands(pilot)
        assert "应用: 退出" in names
        assert all(any("\u4e00" <= c <= "\u9fff" for c in name) for name in names), names


async def test_the_palette_says_no_match_in_chinese(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await type_text(pilot, "zzzz")
        await pilot.pause(0.7)  # past the palette's "no matches" countdown
        await settle(pilot)
        shown = [str(o.prompt.renderable) for o in pilot.app.screen.query_one(CommandList).options]
        assert shown == ["没有找到命令"]


async def test_textuals_screenshot_writes_no_file(
    demo_path: Path, tmp_path: Path, monkeypatch
) -> None:
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)  # where Textual saves, when it exists
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.app.run_action("screenshot")  # an action string still names it
        await pilot.pause(0.5)
        await settle(pilot)
    assert list(home.rglob("*")) == [home / "Downloads"]  # no SVG


async def test_ctrl_c_says_how_to_quit_in_chinese(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+c")
        shown = list(pilot.app._notifications)[-1]
        assert (shown.title, shown.message) == ("要退出吗？", "按 Ctrl+Q 退出 kxtui")
        assert pilot.app.is_running


async def test_the_footer_names_the_palette_key_in_chinese(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeyFooter)
        line = "".join(segment.text for segment in footer.render_line(0))
        assert line.endswith("▏F1 全部按键 ^p 命令"), line
        _, (help_key, palette) = footer._keys()
        assert help_key.tooltip == "显示所有按键"
        assert palette.tooltip == "打开命令面板：按名称搜索所有命令"
