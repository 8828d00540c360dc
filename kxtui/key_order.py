"""Keys take effect in the order they were typed, however fast they arrive.

Textual hands each key to the focused widget (`App.on_event`), which takes printable keys
itself (`Input._on_key`). Any other key — End, Ctrl+U, Enter, Tab — climbs from the widget
to the app one message queue at a time (`MessagePump._on_message` bubbles it to the parent's
queue), and only there runs its binding (`App._on_key`, `_check_bindings`). Keys that arrive
together (one read from an SSH line: `End Ctrl+U name Enter`) are all handed over before the
first has climbed, so the field takes the name before the Ctrl+U typed ahead of it clears the
field, and Enter submits it empty. Here the app hands over the next key only once the one
before it has finished its climb; a person typing slowly sees no difference.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import Any

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.timer import Timer

# A key whose climb is never seen to end (its widget removed on the way) holds the next
# ones back no longer than this; they then go on as Textual alone would send them.
CLIMB_TIMEOUT = 1.0


class InOrderKeys(App[None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: deque[events.Key] = deque()
        self._climbing: object | None = None  # a token for the key on its way up
        self._climb_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._climbing is not None:
            self._held_keys.append(event)
            return
        await super().on_event(event)  # a priority binding, or handed to the focused widget
        if not event.is_forwarded:
            return
        # where Textual handed it (nothing awaited since), and the queues it climbs through
        target: MessagePump = self.focused or self.screen
        climb = [node for node in target.ancestors_with_self if node is not self]
        self._climbing = token = object()
        self._after(token, climb)
        self._climb_timer = self.set_timer(CLIMB_TIMEOUT, partial(self._climbed, token))

    def _after(self, token: object, climb: list[MessagePump]) -> None:
        """Queue the next step behind the key in the queue it is in or goes to next: the
        first node's (it handles the key, then passes it on), and so on up to the app's."""
        if not climb:
            self.call_later(self._climbed, token)
        elif not climb[0].call_later(self._after, token, climb[1:]):
            self.call_later(self._climbed, token)  # that node is closing: no climb to wait for

    async def _climbed(self, token: object) -> None:
        """The key has run its binding (or was taken on the way): hand over the held ones."""
        if token is not self._climbing:
            return  # (the timeout after the climb, or the climb after the timeout)
        self._climbing = None
        if self._climb_timer is not None:
            self._climb_timer.stop()
        while self._held_keys and self._climbing is None:
            await self.on_event(self._held_keys.popleft())
