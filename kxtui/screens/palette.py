"""The command palette, in the interface's language: Textual's own, whose one fixed English
line ("No matches found") is said in our words, offering every action a key does on the
screen and in the app (read from the bindings, as F1 and the footer are) and the few commands
without a key, found by characters, full pinyin or initials ("dc" finds 导出)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from functools import cache, partial
from typing import TYPE_CHECKING, TypeAlias

from rich.align import Align
from rich.text import Text
from textual.actions import parse
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets.option_list import Option

from kxtui.db.pinyin import pinyin_keys, search_key
from kxtui.i18n import t
from kxtui.keys import KeyRow, command_name, rows
from kxtui.screens.base import TranslatedBindings, reason

if TYPE_CHECKING:
    from kxtui.app import KxApp

    # what a key's command runs on: a widget (the screen too) or the app
    Node: TypeAlias = Widget | KxApp


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual 8.2.8's (pinned), with the no-matches line from the string table."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search is discovery: nothing missing to say
                line = Align.center(Text(t("palette.no_matches"), style="not bold"))
                self.query_one(CommandList).add_option(
                    Option(line, disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def commands(app: KxApp, screen: Screen) -> Iterator[SystemCommand]:
    """What the palette offers on `screen`: the described keys of the focused widget (those
    its footer shows), of the screen (in its `KEY_RANK` order) and of the app, each run on
    the node it belongs to, then the screen's `PALETTE` commands no key has; a command the
    screen hides now (`check_action` False) is left out either way."""
    named = {action: name for name, action in getattr(screen, "PALETTE", ())}
    done: set[str] = set()
    for node in _nodes(app, screen):
        for row in rows(type(node)):
            if row.action == "command_palette" or (node is not screen and node is not app
                                                   and not row.show):  # fmt: skip
                continue
            command = _command(app, node, row, named.get(row.action))
            if command is not None and command.title not in done:
                done.add(command.title)
                yield command
    for name, action in getattr(screen, "PALETTE", ()):
        _, bare, parameters = parse(action)
        if t(name) not in done and screen.check_action(bare, parameters) is not False:
            yield _run(app, screen, action, t(name), t(f"{name}.help"))


def _nodes(app: KxApp, screen: Screen) -> list[Node]:
    """The focused widget and its parents below the screen, the screen, the app."""
    nodes: list[Node] = []
    node: DOMNode | None = screen.focused
    while isinstance(node, Widget) and node is not screen:  # (None above the screen)
        nodes.append(node)
        node = node.parent
    return [*nodes, screen, app]


def _command(app: KxApp, node: Node, row: KeyRow, name_key: str | None) -> SystemCommand | None:
    """The command of a key, unless its node hides it now (`check_action` False)."""
    _, action, parameters = parse(row.action)
    if node.check_action(action, parameters) is False:
        return None
    name = t(name_key) if name_key else command_name(type(node), row)
    help_text = t(f"{name_key}.help") if name_key else row.help or row.name
    return _run(app, node, row.action, name, t("cmd.by_key", help=help_text, keys=row.shown_keys))


def _run(app: KxApp, node: Node, action: str, name: str, help_text: str) -> SystemCommand:
    """A command running `action` on `node` by its key's rule, or, while a write is refused,
    named unavailable with the reason: choosing it says why."""
    refusal = None
    if isinstance(node, TranslatedBindings):
        refusal = node.write_refusal(parse(action)[1])
    if refusal is not None:
        name = t("cmd.unavailable", name=name)
        return SystemCommand(name, reason(refusal), partial(app.show_error, refusal))
    return SystemCommand(name, help_text, partial(node.run_action, action))


@cache
def spellings(name: str) -> tuple[str, str]:
    """A command's name as typed in pinyin: (full pinyin, initials)."""
    return pinyin_keys(name)


def pinyin_score(query: str, name: str) -> float:
    """How well a query in letters matches a name's pinyin (0: not at all): the initials or
    the full pinyin of the name, or of its part after "area: ", beginning with it, or else
    containing it."""
    typed = search_key(query)
    if not typed:
        return 0.0
    spelled = [*spellings(name), *spellings(name.rpartition(": ")[2])]
    if any(text.startswith(typed) for text in spelled):
        return 0.9
    return 0.6 if any(typed in text for text in spelled) else 0.0


class Commands(Provider):
    """The palette's commands (`commands`), in their order, searched by characters (Textual's
    fuzzy matcher) and by pinyin."""

    def _commands(self) -> list[SystemCommand]:
        return list(self.app.get_system_commands(self.screen))

    async def startup(self) -> None:
        # pypinyin takes a quarter of a second to load: not on the event loop
        names = [command.title for command in self._commands()]
        await asyncio.to_thread(lambda: [spellings(name) for name in names])

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            by_characters = matcher.match(command.title)
            by_pinyin = pinyin_score(query, command.title)
            if by_characters >= by_pinyin and by_characters > 0:
                yield Hit(by_characters, matcher.highlight(command.title), command.callback,
                          help=command.help)  # fmt: skip
            elif by_pinyin > 0:
                yield Hit(by_pinyin, command.title, command.callback, help=command.help)
