"""Running data-layer calls in thread workers, so the event loop never waits on SQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from kxtui import db
from kxtui.db.errors import Interrupted, KxError

if TYPE_CHECKING:
    from kxtui.app import KxApp


def run_db(
    node: DOMNode,
    fn: Callable[..., Any],
    *args: Any,
    done: Callable[[Any], object],  # a coroutine function too: call_from_thread awaits it
    failed: Callable[[KxError], None] | None = None,
    group: str = "db",
    exclusive: bool = True,
    read: bool = False,
) -> Worker[None]:
    """Call `fn(*args)` in a thread; hand its result to `done` (or the error to `failed`)
    back on the event loop. An exclusive worker replaces the group's previous one, whose
    result is then dropped; a `read` is also stopped in SQLite, so a slow count whose
    filter has changed again stops using the processor."""
    app = cast("KxApp", node.app)  # every node runs in kxtui's app

    def report(error: KxError) -> None:
        (failed or app.show_error)(error)

    def work() -> None:
        worker = get_current_worker()
        try:
            if read:
                result = db.interruptible(lambda: worker.is_cancelled, fn, *args)
            else:
                result = db.call(fn, *args)
        except Interrupted:
            return
        except KxError as error:
            app.call_from_thread(report, error)
            return
        except Exception as error:  # shown to the person, then logged by the worker
            detail = f"{type(error).__name__}: {error}"
            app.call_from_thread(report, KxError("error.generic", detail=detail))
            raise
        if not worker.is_cancelled:
            app.call_from_thread(done, result)

    return node.run_worker(work, thread=True, exclusive=exclusive, group=group, exit_on_error=False)
