"""What every kxtui screen shares: binding descriptions translated at display time, and the
read-only check before a write."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding
from textual.events import Key
from textual.widgets import Input

from kxtui.db.database import is_read_only
from kxtui.db.errors import KxError
from kxtui.i18n import t


class TranslatedBindings:
    """Binding descriptions are i18n keys ("key.jump"); the footer shows them translated,
    so the language can be chosen at start-up after the classes were defined."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings  # type: ignore[misc]
        return {
            key: item._replace(
                binding=replace(item.binding, description=t(item.binding.description)),
                tooltip=t(item.tooltip) if item.tooltip else "",
            )
            for key, item in active.items()
        }

    def writable(self) -> bool:
        """Whether changes can be saved; if not, says so."""
        if is_read_only():
            self.app.show_error(KxError("error.read_only"))  # type: ignore[attr-defined]
            return False
        return True


class TypeToSearch:
    """A printable key no binding took goes to the screen's search field (`SEARCH` is its
    selector): the officer can start typing at once, and a key typed while "/" is still
    moving the focus is not lost."""

    SEARCH = ""

    def on_key(self, event: Key) -> None:
        if event.key in self.active_bindings:  # type: ignore[attr-defined]
            return  # the binding runs
        search = self.query_one(self.SEARCH, Input)  # type: ignore[attr-defined]
        if event.is_printable and event.character and not search.has_focus:
            event.stop()
            search.focus()
            search.insert_text_at_cursor(event.character)
