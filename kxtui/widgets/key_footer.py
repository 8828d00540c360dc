"""The footer of key bindings, composed once and again only when what it shows changes."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's `Footer` with its keys in the first frame, recomposed only when a shown key
    changes. Textual's composes empty, then remounts every key on each bindings signal, and
    each focus change sends two: about 40 ms a time for a dozen keys, on the event loop,
    while the screen's first rows wait to be painted."""

    def __init__(self) -> None:
        super().__init__()
        self._bindings_ready = True  # the screen's keys are known when the footer composes
        self._shown_keys: tuple[Any, ...] | None = None
        self._keys_queued = False

    def _keys(self) -> tuple[Any, ...]:
        """What `Footer.compose` draws from the screen's active bindings."""
        palette = self.app.COMMAND_PALETTE_BINDING if self.show_command_palette else None
        return tuple(
            (key, binding, self.app.get_key_display(binding), enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def compose(self):  # type: ignore[no-untyped-def]
        self._shown_keys = self._keys()
        return super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if not screen.app.app_focus or self._keys_queued:
            return
        if self.is_attached and screen is self.screen:
            self._keys_queued = True
            self.call_after_refresh(self._update_keys)

    async def _update_keys(self) -> None:
        self._keys_queued = False
        if self.is_attached and self._keys() != self._shown_keys:
            await self.recompose()
