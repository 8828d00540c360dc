"""What every kxtui screen shares: binding descriptions translated at display time, and the
one rule that disables the keys of writes this session may not do."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import ActiveBinding
from textual.events import Key
from textual.geometry import Region
from textual.keys import _character_to_key
from textual.widget import Widget
from textual.widgets import Input

from kxtui.db.engine import scope
from kxtui.db.errors import KxError
from kxtui.i18n import STRINGS, t

if TYPE_CHECKING:
    from textual import getters
    from textual.screen import Screen

    from kxtui.app import KxApp

    class KxScreen(Screen[Any]):
        """What the mixins below are mixed into: a screen of kxtui's app, whose `app` is a
        `KxApp` (`show_error`, `drafts`, `export_dir`)."""

        app = getters.app(KxApp)
else:
    # At run time the mixins stay plain classes: each screen's bases are as they read.
    KxScreen = object


def reason(refusal: KxError) -> str:
    """What a refusal says to the officer."""
    return t(refusal.key, **refusal.params)


def _described(description: str) -> str:
    """A binding's description: kxtui's are string keys; Textual's own ("Page Left") are kept."""
    return t(description) if description in STRINGS else description


class RoomForSuggestions(KxScreen):
    """A dialog that keeps open suggestions (`ChoiceInput`) between its title and its keys
    (`SuggestionRoom`), its body growing for them when the room is too short. `ROOM` names
    the dialog's frame, the widgets above and below the room, and the body that grows."""

    ROOM: ClassVar[tuple[str, str, str, str]] = ("#form", "#form-title", "#form-foot",
                                                 "#form-body")  # fmt: skip
    room_granted = 0  # lines the body has grown by

    def _room(self) -> tuple[Widget, ...]:
        return tuple(self.query_one(part) for part in self.ROOM)

    def suggestion_room(self) -> Region:
        frame, above, below, _ = self._room()
        box, top = frame.content_region, above.region.bottom
        return Region(box.x, top, box.width, max(0, below.region.y - top))

    def make_room(self, lines: int) -> None:
        """Grow the body by `lines` (as far as the screen has room for the centred frame;
        0 gives the lines back)."""
        frame, _, _, body = self._room()
        spare = frame.screen.size.height - frame.outer_size.height + self.room_granted
        granted = max(0, min(lines, spare))
        if granted != self.room_granted:
            natural = body.outer_size.height - self.room_granted
            body.styles.min_height = natural + granted if granted else None
            self.room_granted = granted


class TranslatedBindings(KxScreen):
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
        return super().check_action(action, parameters)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        return {
            key: item._replace(
                binding=replace(item.binding, description=_described(item.binding.description)),
                tooltip=self._binding_tooltip(item),
            )
            for key, item in active.items()
        }

    def key_for(self, action: str) -> str:
        """The key of `action` as the footer shows it, for a message that names it (so the
        two cannot drift apart)."""
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.action == action:
                    return self.app.get_key_display(binding)
        raise KeyError(action)

    def _binding_tooltip(self, item: ActiveBinding) -> str:
        """The binding's tooltip, or why it is disabled."""
        refusal = None
        if not item.enabled and isinstance(item.node, TranslatedBindings):
            refusal = item.node.write_refusal(item.binding.action)
        if refusal is not None:
            return reason(refusal)
        return t(item.tooltip) if item.tooltip else ""


# The keys a search field takes as text: while it has the focus, bindings on them are not
# shown (they are typed, not run). (`_character_to_key` is private; textual is pinned.)
TYPED_KEYS = frozenset(_character_to_key(chr(code)) for code in range(32, 127))
OPEN_TIMEOUT = 5.0  # how long Enter in the field waits for the search's first rows


class ListKeys(KxScreen):
    """One key model for every list screen: a search field (`SEARCH`, a selector) above the
    rows (`rows`, a focusable widget), and the action `OPEN` that opens the selected row.

    The screen opens in the search field, which takes every printable key (letters, digits,
    pasted Chinese): typing initials always searches. Enter there opens the highlighted row
    (the first: a unique match opens at once); ↓ or Tab go to the rows, where letters are the
    screen's commands and "/" comes back. A printable key no command takes on the rows
    starts a search. Esc goes one level up from the field and from the rows alike: it leaves
    the screen. The footer shows the commands on the rows; in the field, how to reach them.

    The focus moves at once (`Screen.set_focus`, not `Widget.focus`, which waits a turn of
    the event loop), so keys a line delivers together follow the first one where it went."""

    SEARCH = ""
    OPEN = "open"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.AUTO_FOCUS = cls.SEARCH

    @property
    def rows(self) -> Widget:
        raise NotImplementedError

    @property
    def searching(self) -> bool:
        """The search field has the focus (not the rows)."""
        return self.query_one(self.SEARCH, Input).has_focus

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings
        if not self.searching:
            return active
        return {key: item for key, item in active.items() if key not in TYPED_KEYS}

    def on_key(self, event: Key) -> None:
        if event.key in self.active_bindings:
            return  # the binding runs
        search = self.query_one(self.SEARCH, Input)
        if event.is_printable and event.character and not search.has_focus:
            event.stop()
            self.set_focus(search)
            search.insert_text_at_cursor(event.character)

    def action_search(self) -> None:
        self.set_focus(self.query_one(self.SEARCH, Input))

    def action_rows(self) -> None:
        self.set_focus(self.rows)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the field opens the highlighted row once the search has its rows."""
        if event.input.id == self.SEARCH.lstrip("#") and await self.found(event.value):
            await self.run_action(self.OPEN)

    async def found(self, text: str) -> bool:
        """Wait until the rows are those of a search for `text`; whether there is one."""
        raise NotImplementedError

    def action_back(self) -> None:
        self.dismiss()
