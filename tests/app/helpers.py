"""Driving the real app (built by the same factory as the CLI) in tests."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import WorkerCancelled

from kxtui.app import KxApp, create_app
from kxtui.widgets.form_field import FormField
from kxtui.widgets.region_tree import RegionTree
from tests.conftest import FROZEN_AT


def make_app(path: Path, **options: object) -> KxApp:
    return create_app(path, frozen_at=FROZEN_AT, cursor_blink=False, **options)  # type: ignore[arg-type]


async def settle(pilot: Pilot) -> None:
    """Wait until no worker runs and every message they posted has been handled. A worker
    replaced by a newer one of its group (a second save reloading a list again) is done."""
    for _ in range(100):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return
    raise AssertionError("workers never settled")


async def wait_until(pilot: Pilot, predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until `predicate()` holds (a screen pushed from a worker's callback)."""
    for _ in range(int(timeout / 0.02)):
        if predicate():
            await settle(pilot)
            return
        await pilot.pause(0.02)
    raise AssertionError("condition never held")


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


def fully_shown(widget: Widget) -> bool:
    """Whether all of `widget` is drawn: on its screen and not cut by a container."""
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:
        return False
    region = geometry.region
    return (
        bool(region)
        and widget.screen.region.contains_region(region)
        and geometry.clip.contains_region(region)
    )


def tree(pilot: Pilot) -> RegionTree:
    return pilot.app.screen.query_one(RegionTree)


def cursor_name(pilot: Pilot) -> str:
    row = tree(pilot).cursor_row
    assert row is not None
    return row.name


def plain(renderable: object, width: int = 120) -> str:
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


def detail_text(pilot: Pilot) -> str:
    return plain(pilot.app.screen.query_one("#detail-body", Static).content)


def notifications(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


def control(pilot: Pilot, name: str):  # type: ignore[no-untyped-def]
    """The control of a form field of the current screen."""
    return pilot.app.screen.query_one(f"#field-{name}", FormField).control


def error_of(pilot: Pilot, name: str, screen: Screen | None = None) -> str:
    """The message shown beside a form field ("" when it has none); `screen` when the form
    is not the current screen (a dialog is open over it)."""
    field = (screen or pilot.app.screen).query_one(f"#field-{name}", FormField)
    if not field.has_class("-invalid"):
        return ""
    return plain(field.query_one(".field-error", Static).content).strip()


async def fill(pilot: Pilot, name: str, text: str) -> None:
    """Clear a form field and type into it."""
    widget = control(pilot, name)
    widget.value = ""
    widget.focus()
    await type_text(pilot, text)


async def resume_first_draft(pilot: Pilot, form: type) -> None:
    """At start, take the first draft offered and wait until its form (of class `form`) is open."""
    from kxtui.screens.drafts import DraftsScreen

    await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftsScreen))
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, form))


async def open_screen(pilot: Pilot, key: str, screen: type) -> Any:
    """Press `key` on the tree (the county is selected at start) and wait for `screen`."""
    await settle(pilot)
    await press(pilot, key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, screen))
    await settle(pilot)
    return pilot.app.screen


async def open_list(pilot: Pilot, key: str, screen: type) -> Any:
    """Open a list screen as `open_screen` does, then go from its search field (where it
    opens) to its rows (↓), where letters are the screen's commands."""
    opened = await open_screen(pilot, key, screen)
    await press(pilot, "down")
    assert opened.rows.has_focus
    return opened


async def jump(pilot: Pilot, query: str) -> None:
    await press(pilot, "slash")
    await type_text(pilot, query)
    await press(pilot, "enter")


def new_rows_from_demo_export(demo_path: Path, work: Path, count: int) -> list[list[str]]:
    """The header and the first `count` rows of the demo's CSV export, their 编号 emptied so
    that an import takes them as new activities."""
    from kxtui.db.engine.connection import close_database, open_database
    from kxtui.db.rows import LedgerFilter
    from kxtui.db.sheets.export_activities import export_activities

    exported = work / "all.csv"
    open_database(demo_path)
    try:
        export_activities(LedgerFilter(), exported)
    finally:
        close_database()
    text = exported.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[: count + 1]
    for row in rows[1:]:
        row[0] = ""
    return rows


def write_csv(rows: list[list[str]], target: Path) -> Path:
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return target
