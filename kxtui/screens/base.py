"""What every kxtui screen shares: binding descriptions translated at display time, and the
one rule that disables the keys of writes this session may not do."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual.binding import ActiveBinding
from textual.events import Key
from textual.widgets import Input, Static

from kxtui.db import scope
from kxtui.db.errors import KxError
from kxtui.i18n import t


def reason(refusal: KxError) -> str:
    """What a refusal says to the officer."""
    return t(refusal.key, **refusal.params)


class TranslatedBindings:
    """Binding descriptions are i18n keys ("key.jump"); the footer shows them translated,
    so the language can be chosen at start-up after the classes were defined.

    The actions in `WRITES` change data. While `write_refusal` gives a reason, `check_action`
    answers None: the footer shows the key disabled with the reason as its tooltip, the key
    runs nothing (the app shows the reason), the palette and F1 say why. One rule for all.
    """

    WRITES: ClassVar[frozenset[str]] = frozenset()
    # Commands of the palette besides every described key's ("cmd.…" name, action); for an
    # action a key has, its name in the palette.
    PALETTE: ClassVar[tuple[tuple[str, str], ...]] = ()
    KEY_RANK: ClassVar[tuple[str, ...]] = ()  # actions, most used first: the footer's order

    def write_refusal(self, action: str) -> KxError | None:
        """Why `action` may not run now, or None. A write needs a session that may write;
        a screen acting on a selected record narrows it to the record's region."""
        return scope.write_refusal() if action in self.WRITES else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.write_refusal(action) is not None:
            return None  # shown disabled
        return super().check_action(action, parameters)  # type: ignore[misc]

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings  # type: ignore[misc]
        return {
            key: item._replace(
                binding=replace(item.binding, description=t(item.binding.description)),
                tooltip=self._binding_tooltip(item),
            )
            for key, item in active.items()
        }

    def _binding_tooltip(self, item: ActiveBinding) -> str:
        """The binding's tooltip, or why it is disabled."""
        refusal = None
        if not item.enabled and isinstance(item.node, TranslatedBindings):
            refusal = item.node.write_refusal(item.binding.action)
        if refusal is not None:
            return reason(refusal)
        return t(item.tooltip) if item.tooltip else ""


class SearchedTable:
    """A screen around a windowed table with a search field (`SEARCH`, a selector) and a line
    of column captions (`HEADER`); the screen has `filter` (with `text`) and `reload(f)`.

    The screen's `table` property gives its `PagedTable`.

    A printable key no binding took goes to the search field: the officer can start typing
    at once, and a key typed while "/" is still moving the focus is not lost. Enter goes
    back to the table; Esc leaves the field, then the screen. The focus moves at once
    (`Screen.set_focus`, not `Widget.focus`, which waits a turn of the event loop), so
    keys a line delivers together follow the first one where it went."""

    SEARCH = ""
    HEADER = ""
    _header_width: int | None = None  # the width the captions were drawn for

    def on_key(self, event: Key) -> None:
        if event.key in self.active_bindings:  # type: ignore[attr-defined]
            return  # the binding runs
        search = self.query_one(self.SEARCH, Input)  # type: ignore[attr-defined]
        if event.is_printable and event.character and not search.has_focus:
            event.stop()
            self.set_focus(search)  # type: ignore[attr-defined]
            search.insert_text_at_cursor(event.character)

    def on_resize(self) -> None:
        self._show_header()

    def _show_header(self) -> None:
        """The captions, drawn again only for a new width (each update lays the screen out)."""
        width = self.table.scrollable_content_region.width or self.size.width - 2  # type: ignore[attr-defined]
        if width != self._header_width:
            self._header_width = width
            self.query_one(self.HEADER, Static).update(self.table.header(width))  # type: ignore[attr-defined]

    def action_search(self) -> None:
        self.set_focus(self.query_one(self.SEARCH, Input))  # type: ignore[attr-defined]

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == self.SEARCH.lstrip("#"):
            self.reload(self.filter._replace(text=event.value))  # type: ignore[attr-defined]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == self.SEARCH.lstrip("#"):
            self.set_focus(self.table)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        if self.query_one(self.SEARCH, Input).has_focus:  # type: ignore[attr-defined]
            self.set_focus(self.table)  # type: ignore[attr-defined]
        else:
            self.dismiss()  # type: ignore[attr-defined]
