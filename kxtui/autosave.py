"""Draft writes, in order, on one background thread.

Forms hand their drafts here instead of to a worker each: a later "forget" (the form was
saved) can then never be overtaken by an earlier "save", and a hang-up can wait for the queue
to drain before the process exits.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

from kxtui import db

log = logging.getLogger(__name__)


class DraftKeeper:
    def __init__(self) -> None:
        # (write, its arguments); None ends the thread
        self._queue: queue.Queue[tuple[Callable[..., Any] | None, tuple[Any, ...]]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="kxtui-drafts", daemon=True)
        self._thread.start()

    def save(self, form: str, target: str, summary: str, data: dict[str, Any]) -> None:
        from kxtui.db.drafts import save_draft

        self._queue.put((save_draft, (form, target, summary, data)))

    def forget(self, form: str, target: str) -> None:
        from kxtui.db.drafts import forget_draft

        self._queue.put((forget_draft, (form, target)))

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every queued write is done; False if that took longer than `timeout`."""
        done = threading.Event()
        self._queue.put((done.set, ()))
        return done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Write what is queued, then end the thread (the app is done with it)."""
        self._queue.put((None, ()))
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            fn, args = self._queue.get()
            if fn is None:
                return
            try:
                if fn.__module__.startswith("kxtui.db"):
                    db.call(fn, *args)
                else:
                    fn(*args)
            except Exception:  # a draft that cannot be written must not stop the next one
                log.exception("draft write failed")
