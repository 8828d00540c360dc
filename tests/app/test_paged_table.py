"""The paged table paints a page that arrives after its count (a list whose count is read
beside its page, as the service history's `p` does)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, NamedTuple

from textual.app import App, ComposeResult

from kxtui.widgets.paged_table import PagedTable
from tests.app.helpers import settle


class Line(NamedTuple):
    id: int
    name: str
    key: tuple[Any, ...]


class Names(PagedTable):
    NARROW = (("name", 0),)


GATE = threading.Event()


def page(f: str, *, after: Any = None, before: Any = None, offset: int = 0, limit: int = 100):  # type: ignore[no-untyped-def]
    if f == "new":
        GATE.wait(10)  # the count comes first
    size = 2 if f == "old" else 1
    return tuple(Line(i, f"{f}-line-{i}", (i,)) for i in range(offset, min(size, offset + limit)))


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield Names(page)


async def test_a_page_after_its_count_is_painted(empty_db: Path) -> None:
    GATE.clear()
    app = OneTable()
    async with app.run_test(size=(40, 6)) as pilot:
        table = app.query_one(Names)
        table.focus()
        table.show("old")
        await settle(pilot)
        table.set_total(2)
        await settle(pilot)
        assert "old-line-1" in app.export_screenshot()
        table.show("new")  # the old lines stay, dimmed, until the new page comes
        table.set_total(1)  # …and its count came before it
        await pilot.pause()
        GATE.set()
        await settle(pilot)
        shown = app.export_screenshot()
        assert "new-line-0" in shown and "old-line-1" not in shown
