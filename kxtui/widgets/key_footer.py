"""The footer of key bindings, drawn as one widget.

Textual's `Footer` mounts a widget per key (a dozen on a screen with a table), each styled and
data-bound on its own, and remounts them all on every bindings signal (a focus change sends
two): measured on the ledger, it was more than half of the time from `t` to the first rows
painted. This one draws the same line (same styles, first binding of each action, the command
palette key on the right), and does what the keys did: a click presses the key (a bell if it
is disabled), the key under the mouse is highlighted with its tooltip, the wheel scrolls a line
wider than the terminal.
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


class _Key(NamedTuple):
    key: str
    display: str
    description: str
    disabled: bool
    tooltip: str


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
        self._offset_x = 0  # cells scrolled off to the left, by the mouse wheel

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        self.refresh()

    def _keys(self) -> tuple[list[_Key], _Key | None]:
        """The keys to show, the first binding of each action (as `Footer` shows them), and
        the command palette's key."""
        app = self.app
        active = self.screen.active_bindings
        keys: dict[str, _Key] = {}
        for _, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in keys:
                keys[binding.action] = self._key(binding, enabled, tooltip)
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = self._key(binding, enabled, tooltip)
        return list(keys.values()), palette

    def _key(self, binding: Binding, enabled: bool, tooltip: str) -> _Key:
        return _Key(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            not enabled,
            tooltip or binding.description,
        )

    def _segments(self, key: _Key, base: Style, compact: bool = False) -> list[Segment]:
        """The key as `FooterKey` draws it: " key " then "description " (compact, as the
        command palette's: "key" then " description")."""
        style = self.get_component_rich_style
        if key.disabled:
            base = base + style("footer-key--disabled")
        meta = Style(meta={"footer_key": key.key})
        if key.key == self._hovered:  # its background under the key's and description's colours
            meta += Style(bgcolor=style("footer-key--hover").bgcolor)
        shown = key.display if compact or not key.description else f" {key.display} "
        segments = [Segment(shown, base + style("footer-key--key") + meta)]
        if key.description:
            described = f" {key.description}" if compact else f"{key.description} "
            segments.append(Segment(described, base + style("footer-key--description") + meta))
        return segments

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        blank = Style(bgcolor=base.bgcolor)
        keys, palette = self._keys()
        drawn = [self._segments(key, base) for key in keys]
        line = Strip([s for segments in drawn for s in segments])
        right = Strip([])
        if palette is not None:
            separator = base + self.get_component_rich_style("footer-key--separator")
            palette_key = self._segments(palette, base, compact=True)
            right = Strip([Segment("▏", separator), *palette_key, Segment(" ", blank)])
        room = max(0, width - right.cell_length)
        self._offset_x = max(0, min(self._offset_x, line.cell_length - room))
        # a key that does not fit is left out whole, not cut ("d De")
        ends, end = [], 0
        for segments in drawn:
            end += sum(segment.cell_length for segment in segments)
            ends.append(end)
        shown = max((e for e in ends if e <= self._offset_x + room), default=self._offset_x)
        line = line.crop(self._offset_x, max(shown, self._offset_x))
        line = line.adjust_cell_length(room, blank)
        return Strip([*line, *right]).simplify()

    # -- the mouse ------------------------------------------------------------

    def _key_at(self, event: events.MouseEvent) -> str | None:
        return event.style.meta.get("footer_key")

    def on_click(self, event: events.Click) -> None:
        key = self._key_at(event)
        if key is None:
            return
        keys, palette = self._keys()
        chosen = next((k for k in [*keys, palette] if k is not None and k.key == key), None)
        if chosen is not None and chosen.disabled:
            self.app.bell()
        elif chosen is not None:
            self.app.simulate_key(key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        key = self._key_at(event)
        if key != self._hovered:
            self._hovered = key
            keys, palette = self._keys()
            shown = {k.key: k.tooltip for k in [*keys, palette] if k is not None}
            self.tooltip = shown.get(key) if key else None
            self.styles.pointer = "pointer" if key else "default"
            self.refresh()

    def on_leave(self) -> None:
        self._hovered = None
        self.tooltip = None
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_keys(event, 2)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_keys(event, -2)

    def _scroll_keys(self, event: events.MouseEvent, cells: int) -> None:
        event.stop()
        self._offset_x = max(0, self._offset_x + cells)
        self.refresh()
