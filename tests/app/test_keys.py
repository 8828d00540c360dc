"""Finding the keys: the footer's most used keys first with F1 at its right end, F1 listing the
keys of the screen it was pressed on, the palette offering every key's action by characters,
pinyin or initials — all read from the bindings."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

import kxtui.screens
from kxtui.keys import declared
from kxtui.screens.audit import AuditScreen
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.help import HelpScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.region_form import RegionFormScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.widgets.key_footer import KeyFooter
from tests.app.helpers import make_app, open_screen, plain, press, settle, type_text, wait_until


def footer_line(pilot: Pilot) -> str:
    return "".join(segment.text for segment in pilot.app.screen.query_one(KeyFooter).render_line(0))


async def help_text(pilot: Pilot) -> str:
    """F1's text on the current screen; closes it again."""
    screen = pilot.app.screen
    await press(pilot, "f1")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen))
    text = plain(pilot.app.screen.query_one("#help-keys", Static).content)
    await press(pilot, "escape")
    await wait_until(pilot, lambda: pilot.app.screen is screen)
    return re.sub(r" +", " ", text)


async def test_the_tree_footer_shows_the_most_used_keys_first_and_f1_at_the_end(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = footer_line(pilot)
        assert line.startswith(" l 登记活动  t 台账  m 花名册  / 跳转  V 新建志愿者"), line
        assert line.endswith("▏F1 全部按键 ^p 命令"), line
        assert "a 新建区域" not in line  # no room: F1 lists it
        await pilot.resize_terminal(120, 36)
        await settle(pilot)
        line = footer_line(pilot)
        for key in ("V 新建志愿者", "T 团队", "h 审计日志", "e 编辑"):
            assert key in line, line


async def test_the_first_screen_has_its_styles(demo_path: Path) -> None:
    """hierarchy.tcss is read although the tree is the screen the app starts with."""
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tree = pilot.app.screen.query_one("#tree")
        assert tree.styles.max_width is not None and tree.styles.max_width.value == 60
        assert tree.styles.border_right[0] == "vkey"


async def test_f1_shows_the_keys_of_the_screen_it_is_pressed_on(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = await help_text(pilot)
        for line in ("区域树", "l 登记活动", "V (Shift+V) 新建志愿者", "T (Shift+T) 团队",
                     "h 审计日志", "F5 刷新", "树中移动", "→ 展开", "全局",
                     "q / Ctrl+Q 退出"):  # fmt: skip
            assert line in text, (line, text)
        assert "撤销删除" not in text

        await open_screen(pilot, "t", LedgerScreen)
        text = await help_text(pilot)
        for line in ("活动台账", "/ 搜索", "p 期间", "u 撤销删除", "x 导出", "Enter / e 编辑",
                     "表格中移动", "PgUp / PgDn 翻页"):  # fmt: skip
            assert line in text, (line, text)
        assert "新建阵地" not in text and "树中移动" not in text
        await press(pilot, "escape")

        await open_screen(pilot, "m", RosterScreen)
        text = await help_text(pilot)
        for line in ("花名册", "c 检查", "* 显示号码", "g 注册筛选", "i 导入", "Enter 查看"):
            assert line in text, (line, text)
        assert "登记活动" not in text
        await press(pilot, "escape")

        await open_screen(pilot, "h", AuditScreen)
        text = await help_text(pilot)
        for line in ("审计日志", "o 操作人", "r 区域", "k 表", "u 撤销"):
            assert line in text, (line, text)
        assert "刷新" not in text  # r is the tree's reload, not the audit log's
        await press(pilot, "escape")

        await open_screen(pilot, "T", TeamTreeScreen)
        text = await help_text(pilot)
        assert "志愿服务队" in text and "Enter / m 花名册" in text and "树中移动" in text
        assert "登记活动" not in text
        await press(pilot, "escape")

        await open_screen(pilot, "a", RegionFormScreen)
        text = await help_text(pilot)
        assert "表单" in text and "Ctrl+S 保存" in text and "Esc 取消" in text
        assert "Ctrl+Q 退出" in text and "q / Ctrl+Q" not in text  # q is typed in a field
        assert "登记活动" not in text and "树中移动" not in text


async def palette_hits(pilot: Pilot, query: str) -> list[str]:
    """What the palette lists for `query` typed into it (each hit: name and help)."""
    await press(pilot, "ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
    await type_text(pilot, query)
    palette = pilot.app.screen
    hits: list[str] = []
    steady = 0
    while steady < 10:  # the same hits for a fifth of a second: the search is done
        await pilot.pause(0.02)
        now = [plain(option.prompt) for option in palette.query_one(CommandList).options]
        steady = steady + 1 if now and now == hits else 0
        hits = now
    await press(pilot, "escape")
    return hits


async def test_the_palette_finds_export_by_initials_and_pinyin_on_the_ledger(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        ledger = await open_screen(pilot, "t", LedgerScreen)
        for query in ("dc", "daochu", "导出"):
            hits = await palette_hits(pilot, query)
            assert hits and hits[0].startswith("活动台账: 导出"), (query, hits)
        assert not any("导出" in hit for hit in await palette_hits(pilot, "zzq"))
        await press(pilot, "ctrl+p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await type_text(pilot, "dc")
        await pilot.pause(0.5)
        await press(pilot, "enter")  # runs the ledger's export
        await wait_until(pilot, lambda: pilot.app.screen is not ledger)
        assert type(pilot.app.screen).__name__ == "ActivityExportScreen"


async def test_every_shown_key_of_the_tree_has_a_palette_entry(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        run = {
            (command.callback.func.__self__, command.callback.args[0])  # type: ignore[attr-defined]
            for command in pilot.app.get_system_commands(screen)
            if getattr(command.callback, "args", None)
        }
        shown = [
            (item.node, item.binding.action)
            for item in screen.active_bindings.values()
            if item.binding.show
        ]
        assert len(shown) >= 13
        for node, action in shown:
            assert (node, action) in run, action
        titles = [command.title for command in pilot.app.get_system_commands(screen)]
        assert "区域: 刷新" in titles and "应用: 退出" in titles and "帮助: 按键说明" in titles
        assert len(titles) == len(set(titles))


async def test_the_palette_speaks_chinese(demo_path: Path) -> None:
    """No English in the palette of the tree, the ledger, the roster or a form: its entries,
    their help, its placeholder."""
    names = {
        "KXTUI",
        "XLSX",
        "CSV",
        "ID",
        "EXCEL",
        "WPS",
        "CTRL",
        "SHIFT",
        "ESC",
        "ENTER",
        "DEL",
        "SPACE",
        "PGUP",
        "PGDN",
        "HOME",
        "END",
    }  # of things and keys, not English

    def english(pilot: Pilot) -> list[str]:
        texts = [
            text
            for command in pilot.app.get_system_commands(pilot.app.screen)
            for text in (command.title, command.help or "")
        ]
        return [word for text in texts for word in re.findall(r"[A-Za-z]{2,}", text)
                if word.upper() not in names]  # fmt: skip

    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert english(pilot) == []
        for key, screen in (("t", LedgerScreen), ("m", RosterScreen)):
            await open_screen(pilot, key, screen)
            assert english(pilot) == [], screen
            await press(pilot, "escape")
        await open_screen(pilot, "a", RegionFormScreen)
        assert english(pilot) == []
        await press(pilot, "escape")
        await press(pilot, "ctrl+p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await pilot.pause(0.3)
        assert pilot.app.screen.query_one(CommandInput).placeholder == "搜索命令…"
        listed = [
            plain(option.prompt) for option in pilot.app.screen.query_one(CommandList).options
        ]
        assert listed and not re.search(r"Theme|Keys|Maximize|Screenshot|Quit", "".join(listed))


def screen_classes() -> list[type]:
    """Every screen of kxtui with translated keys."""
    for module in pkgutil.iter_modules(kxtui.screens.__path__):
        importlib.import_module(f"kxtui.screens.{module.name}")
    found: list[type] = []
    pending = list(TranslatedBindings.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_ranked_action_is_a_key_of_its_screen() -> None:
    """A renamed action must not silently fall out of a screen's footer order."""
    ranked = [cls for cls in screen_classes() if cls.KEY_RANK]
    assert {cls.__name__ for cls in ranked} >= {"HierarchyScreen", "LedgerScreen", "RosterScreen"}
    for cls in ranked:
        actions = {binding.action for binding in declared(cls)}
        assert set(cls.KEY_RANK) <= actions, (cls.__name__, set(cls.KEY_RANK) - actions)
        assert issubclass(cls, Screen)
