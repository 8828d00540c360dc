"""KeyFooter, one widget for the key line, against Textual's Footer drawing the same screen."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.events import MouseScrollDown
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Button, Footer, Input

from kxtui.widgets.key_footer import KeyFooter


class KeysScreen(Screen[None]):
    AUTO_FOCUS = "Button"
    BINDINGS = [
        Binding("slash", "record('search')", "搜索"),
        Binding("f", "record('filters')", "筛选"),
        Binding("enter,e", "record('edit')", "编辑"),  # shown once, as its first key
        Binding("d", "locked", "删除"),  # disabled: drawn dim, a click rings the bell
        Binding("u", "record('undo')", "撤销删除"),
        Binding("x", "record('export')", "导出"),
        Binding("i", "record('import')", "导入"),
        Binding("h", "record('hidden')", "看不见", show=False),
        Binding("escape", "record('back')", "返回"),
    ]

    def __init__(self, footer: Widget) -> None:
        super().__init__()
        self.footer = footer
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input()
        yield Button("b")
        yield self.footer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "locked" else True

    def action_record(self, what: str) -> None:
        self.done.append(what)

    def action_locked(self) -> None:
        self.done.append("locked")


class KeysApp(App[None]):
    BINDINGS = [Binding("q", "quit", "退出"), Binding("f1", "help", "帮助")]

    def __init__(self, footer: Widget) -> None:
        super().__init__()
        self.footer = footer
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(KeysScreen(self.footer))

    def bell(self) -> None:
        self.bells += 1


def cells(strip: Strip) -> list[tuple[str, str]]:
    """Each cell's character and visible style (colours, bold, dim; not the mouse meta)."""
    return [(char, str(s.style)) for s in strip for char in s.text if isinstance(s, Segment)]


def at(text: str, part: str) -> int:
    """The cell where `part` begins (CJK characters take two)."""
    return cell_len(text[: text.index(part)])


async def bottom_line(footer: Widget, size: tuple[int, int], focus_input: bool = False) -> Strip:
    app = KeysApp(footer)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if focus_input:
            app.screen.set_focus(app.screen.query_one(Input))
        for _ in range(5):  # Textual's Footer recomposes a refresh after the focus moved
            await pilot.pause(0.05)
        return app.screen._compositor.render_strips()[-1]


async def test_the_line_is_textual_footers_cell_for_cell() -> None:
    lines = {}
    for size in ((80, 24), (120, 36), (200, 10)):
        for focus_input in (False, True):
            ours = cells(await bottom_line(KeyFooter(), size, focus_input))
            textual = cells(await bottom_line(Footer(), size, focus_input))
            ours_text, textual_text = ("".join(c for c, _ in line) for line in (ours, textual))
            if ours != textual:  # too narrow for every key: Textual cuts one, ours leaves it out
                assert (size, focus_input) == ((80, 24), False)
                kept = ours_text.split("▏")[0].rstrip()
                assert len(kept) < len(textual_text.split("▏")[0].rstrip())
                assert textual_text.startswith(kept) and textual_text[len(kept)] == " "
                assert ours[: len(kept)] == textual[: len(kept)]
                assert ours_text.split("▏")[1] == textual_text.split("▏")[1]
            lines[size[0], focus_input] = ours_text
    assert "返回" in lines[200, False] and "返回" not in lines[80, False]  # left out, not cut
    wide = lines[200, False]
    assert " / 搜索  f 筛选  e 编辑  d 删除" in wide and "看不见" not in wide
    assert "f 筛选" not in lines[200, True]  # the input takes printable keys


async def test_keys_follow_the_focus() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        line = lambda: "".join(char for char, _ in cells(app.screen.footer.render_line(0)))  # noqa: E731
        assert "f 筛选" in line()
        app.screen.set_focus(app.screen.query_one(Input))
        await pilot.pause()
        assert "f 筛选" not in line() and "/ 搜索" in line()


async def test_a_click_presses_the_key_and_a_disabled_key_rings() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        text = "".join(char for char, _ in cells(app.screen.footer.render_line(0)))
        await pilot.click(KeyFooter, offset=(at(text, "筛选"), 0))
        await pilot.click(KeyFooter, offset=(at(text, "e 编辑"), 0))
        await pilot.pause()
        assert app.screen.done == ["filters", "edit"]
        await pilot.click(KeyFooter, offset=(at(text, "删除"), 0))
        await pilot.pause()
        assert app.screen.done == ["filters", "edit"] and app.bells == 1
        blank = cell_len(text.split("▏")[0].rstrip()) + 3  # no key there
        await pilot.click(KeyFooter, offset=(blank, 0))
        assert app.screen.done == ["filters", "edit"] and app.bells == 1


async def test_hover_shows_the_tooltip_and_the_wheel_scrolls_a_long_line() -> None:
    app = KeysApp(KeyFooter())
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.footer
        text = "".join(char for char, _ in cells(footer.render_line(0)))
        assert "导入" not in text  # the line is wider than the terminal
        await pilot.hover(KeyFooter, offset=(at(text, "筛选"), 0))
        assert footer.tooltip == "筛选"
        for _ in range(40):
            footer.post_message(MouseScrollDown(footer, 1, 0, 0, 1, 0, False, False, False))
        await pilot.pause()
        scrolled = "".join(char for char, _ in cells(footer.render_line(0)))
        assert "导入" in scrolled and "/ 搜索" not in scrolled
        assert scrolled.endswith("▏^p palette ")  # the palette key stays on the right
