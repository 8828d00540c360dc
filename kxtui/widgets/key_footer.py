"""The footer of key bindings, drawn as one widget.

Textual's `Footer` mounts a widget per key (a dozen on a screen with a table), each styled and
data-bound on its own, and remounts them all on every bindings signal (a focus change sends
two): measured on the ledger, it was more than half of the time from `t` to the first rows
painted. This one draws the same keys (same styles, first binding of each action), in the
order of the screen's `KEY_RANK` (most used first), only whole keys, with F1 ("all keys") and
the command palette's key kept at the right end: the keys the line has no room for are one
key away. It does what the keys did: a click presses the key (a bell if it is disabled), the
key under the mouse is highlighted with its tooltip, the wheel scrolls a line wider than the
terminal, a key at a time.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

from kxtui.keys import ranked

PINNED = ("f1",)  # kept at the right end, however narrow: F1 lists every key


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    disabled: bool
    tooltip: str
    compact: bool  # drawn as the command palette's key


class KeyFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--disabled",
        "footer-key--separator",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover { background: $block-hover-background; }
        & > .footer-key--disabled { text-style: dim; }
        & > .footer-key--separator { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._hovered: str | None = None  # the key under the mouse
        self._first_key = 0  # the first key shown: the mouse wheel scrolls a long line
        self._drawn: tuple[list[_Key], list[_Key]] | None = None  # the keys last drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        # Screens refresh their bindings on every cursor move (the keys follow the selected
        # record); the line is sent to the terminal again only when a key on it changed.
        if self._keys() != self._drawn:
            self.refresh()

    def _keys(self) -> tuple[list[_Key], list[_Key]]:
        """The keys of the line, the first binding of each action (as `Footer` shows them) in
        the order of the screen's `KEY_RANK`, and those kept at the right end: F1 (it lists
        every key the line has no room for) and the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in first:
                first[binding.action] = (binding, enabled, tooltip)
        rank = getattr(self.screen, "KEY_RANK", ())
        shown = ranked(list(first.values()), rank, lambda item: item[0].action)
        line = [self._key(*item) for item in shown if item[0].key not in PINNED]
        right = [self._key(*item, compact=True) for item in shown if item[0].key in PINNED]
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            right.append(self._key(binding, enabled, tooltip, compact=True))
        return line, right

    def _key(self, binding: Binding, enabled: bool, tooltip: str, compact: bool = False) -> _Key:
        return _Key(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            not enabled,
            tooltip or binding.description,
            compact,
        )

    def _segments(self, key: _Key, base: Style) -> list[Segment]:
        """The key as `FooterKey` draws it: " key " then "description " (compact, as the
        command palette's: "key" then " description")."""
        style = self.get_component_rich_style
        if key.disabled:
            base = base + style("footer-key--disabled")
        meta = Style(meta={"footer_key": key.key})
        if key.key == self._hovered:  # its background under the key's and description's colours
            meta += Style(bgcolor=style("footer-key--hover").bgcolor)
        compact = key.compact
        shown = key.display if compact or not key.description else f" {key.display} "
        segments = [Segment(shown, base + style("footer-key--key") + meta)]
        if key.description:
            described = f" {key.description}" if compact else f"{key.description} "
            segments.append(Segment(described, base + style("footer-key--description") + meta))
        return segments

    def render_line(self, y: int) -> Strip:
        """The keys that fit whole, from the first one scrolled to, then the right end."""
        width = self.size.width
        base = self.rich_style
        blank = Style(bgcolor=base.bgcolor)
        self._drawn = keys, right_keys = self._keys()
        drawn = [self._segments(key, base) for key in keys]
        widths = [Segment.get_line_length(segments) for segments in drawn]
        right = Strip([])
        if right_keys:
            separator = base + self.get_component_rich_style("footer-key--separator")
            segments = [Segment("▏", separator)]
            for index, key in enumerate(right_keys):
                gap = [Segment(" ", blank)] if index else []
                segments += [*gap, *self._segments(key, base)]
            right = Strip(segments)
        room = max(0, width - right.cell_length)
        first = max(0, min(self._first_key, len(keys) - 1))
        while first > 0 and sum(widths[first - 1 :]) <= room:
            first -= 1  # scrolled no further than shows the last key
        self._first_key = first
        line: list[Segment] = []
        used = 0
        for segments, cells in zip(drawn[first:], widths[first:], strict=True):
            if used + cells > room:
                break
            line.extend(segments)
            used += cells
        left = Strip(line).adjust_cell_length(room, blank)
        return Strip([*left, *right]).simplify()

    # -- the mouse ------------------------------------------------------------

    def _key_at(self, event: events.MouseEvent) -> str | None:
        return event.style.meta.get("footer_key")

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event)
        if key is None:
            return
        keys, right = self._keys()
        chosen = next((k for k in [*keys, *right] if k.key == key), None)
        if chosen is not None and chosen.disabled:
            self.app.bell()
        elif chosen is not None:
            self.app.simulate_key(key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event)
        if key != self._hovered:
            self._hovered = key
            keys, right = self._keys()
            shown = {k.key: k.tooltip for k in [*keys, *right]}
            self.tooltip = shown.get(key) if key else None
            self.styles.pointer = "pointer" if key else "default"
            self.refresh()

    def on_leave(self) -> None:
        self._hovered = None
        self.tooltip = None
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_keys(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_keys(event, -1)

    def _scroll_keys(self, event: events.MouseEvent, keys: int) -> None:
        event.stop()
        self._first_key = max(0, self._first_key + keys)
        self.refresh()
