"""A windowed table: it asks SQL only for the pages that come into view (ledger, roster).

Rows live in a cache by position. A page next to a loaded one is fetched by key (keyset
pagination: after the last row above, or before the first row below); only a page far from
everything loaded (End, a scrollbar drag) is fetched by OFFSET, once. The pages a screen
above and below the visible lines are fetched ahead, so PgDn and PgUp paint from memory;
pages further than `KEEP` pages from the visible ones are let go, so the cache stays a window.
A new filter stops the reads of the previous one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.workers import run_db

PAGE = 100
# How long a screen about to open waits for its table's first page: rows in its first paint,
# rather than a paint of "…" lines and another soon after (see `PagedTable.first_page`).
FIRST_PAGE_WAIT = 0.02
KEEP = 2  # pages kept on each side of the visible ones
WINDOW = (2 * KEEP + 2) * PAGE  # the most rows (and lines) the table holds

# What a table reads its rows with, given by its screen: the data layer's
# `page(filter, after=key, before=key, offset=n, limit=n)` (see `ledger.page`).
Page = Callable[..., tuple[Any, ...]]


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` made terminal-safe, then cut (with "…") or padded to exactly `width` cells (CJK
    characters take two)."""
    shown = clean(text, width)
    if cell_len(shown) > width:
        shown = set_cell_size(shown, max(width - 1, 0)) + "…"
    pad = " " * max(0, width - cell_len(shown))
    return pad + shown if right else shown + pad


# Each column is its own segment with its own meta style, so renderers that place runs by
# cell (the SVG export) keep the columns aligned.
_COLUMN_STYLES = tuple(Style(meta={"column": i}) for i in range(16))
_GAP = Segment(" ")


class PagedTable(ScrollView, can_focus=True):
    """The screen gives the function that reads a page of rows (`Page`); subclasses say which
    columns to show (`NARROW`, and `WIDE` from 110 terminal columns; captions
    `t(CAPTIONS + "." + column)`) and what a cell holds (`cell`)."""

    NARROW: tuple[tuple[str, int], ...] = ()  # (column, width; 0 = takes what is left)
    WIDE: tuple[tuple[str, int], ...] = ()
    RIGHT: frozenset[str] = frozenset()  # right-aligned columns
    CAPTIONS = ""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; scrollbar-gutter: stable; }
    PagedTable > .paged--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    PagedTable:blur > .paged--cursor {
        background: $block-cursor-blurred-background; text-style: none;
    }
    PagedTable > .paged--loading { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"paged--cursor", "paged--loading"}
    BINDINGS = [
        Binding("up", "move(-1)", "key.move", show=False),
        Binding("down", "move(1)", "key.move", show=False),
        Binding("pageup", "page(-1)", "key.page", show=False),
        Binding("pagedown", "page(1)", "key.page", show=False),
        Binding("home", "jump(0)", "key.ends", show=False),
        Binding("end", "jump(-1)", "key.ends", show=False),
    ]

    class Highlighted(Message):
        def __init__(self, row: Any) -> None:
            super().__init__()
            self.row = row

    def __init__(self, page: Page, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.page = page
        self.filter: Any = None
        self.total = 0
        self.cursor = 0
        self._rows: dict[int, Any] = {}
        self._pending: set[int] = set()
        self._generation = 0
        self._counted = False  # False while `total` is a guess
        self._stale: dict[int, Strip] = {}  # lines shown before, by row, until replaced
        self._stale_dim = True  # dimmed (another filter's), or as they were (a reload's)
        # a reload's rows in view as they were, until theirs arrive: the cursor's row is still
        # there to act on (Enter opens it, as read before the write that caused the reload)
        self._stale_rows: dict[int, Any] = {}
        self._follow: Any = None  # after a reload, the id of the row the cursor was on
        self._lines: dict[int, tuple[int, Strip]] = {}  # row id -> (width, line)
        self._then: Callable[[], None] | None = None  # after the first page is painted
        # …or as it arrives, in the same paint: for a screen whose count is at hand by then
        self.then_at_once = False
        self._first_page = asyncio.Event()  # set when the filter's first page arrived
        self._styles: tuple[Style, Style, Style] | None = None  # base, cursor, loading

    # -- data ------------------------------------------------------------------

    def show(self, f: Any, then: Callable[[], None] | None = None) -> None:
        """Start over with a new filter; `then` is called once its first page is painted (to
        count it without slowing that page down). Until `set_total` gives its count, the
        pages that arrive say how many rows there are at least (a short page: exactly)."""
        self._generation += 1
        self.workers.cancel_group(self, self._group)  # the previous filter's reads
        self._then = then
        self._follow = None
        self._first_page = asyncio.Event()
        self.filter = f
        self.total = max(self.total, 1)  # a guess: the rows are drawn before they are counted
        self._counted = False
        # The previous filter's rows stay on screen, dimmed, until the new ones arrive: no
        # flash of empty lines on every keystroke of a search.
        top = self.scroll_offset.y
        self._keep_shown(lambda i: i - top, dim=True)
        self.cursor = 0
        self.virtual_size = Size(0, self.total)
        if self.is_mounted:  # before, the screen may start the first page while it composes
            self.scroll_to(0, 0, animate=False, force=True)
        self._request(0)

    def follow(self, row_id: Any) -> None:
        """Put the cursor on the row of this id when its page arrives (a list going back up
        to the rows it came from lands on the one it left)."""
        self._follow = row_id

    def reload(self, then: Callable[[], None] | None = None) -> None:
        """Read the rows in view again, for the same filter (they were written): the cursor
        and the scroll stay, and so do the lines shown until their rows arrive; `then` as
        for `show` (to count again)."""
        self._generation += 1
        self.workers.cancel_group(self, self._group)
        self._then = then
        self._counted = False
        self._first_page = asyncio.Event()  # Enter in a list's search waits for the rows again
        row = self.cursor_row
        if row is not None:
            self._follow = row.id
        if self._rows:
            self._keep_shown(lambda i: i, dim=False)
        else:  # a reload while one is on its way: the lines and rows it kept stay
            self._pending.clear()
        for index in (self.scroll_offset.y, self.scroll_offset.y + self.size.height - 1):
            self._request(index // PAGE)

    def _keep_shown(self, place: Callable[[int], int], *, dim: bool) -> None:
        """Forget every row, keeping the lines in view (at `place(index)`) until replaced."""
        top = self.scroll_offset.y
        width = self.scrollable_content_region.width
        shown = [i for i in range(top, top + self.size.height) if i in self._rows]
        self._stale = {place(i): self._strip(self._rows[i], width) for i in shown}
        self._stale_dim = dim
        self._stale_rows = {} if dim else {i: self._rows[i] for i in shown}
        self._rows.clear()
        self._lines.clear()
        self._pending.clear()

    def set_total(self, total: int) -> None:
        self._counted = True
        self.total = total
        self.cursor = min(self.cursor, max(0, total - 1))  # rows went since a reload
        self.virtual_size = Size(0, total)
        self.refresh()

    @property
    def cursor_row(self) -> Any:
        row = self._rows.get(self.cursor)
        return row if row is not None else self._stale_rows.get(self.cursor)

    async def first_page(self, timeout: float | None = None) -> None:
        """Wait, the event loop free, until the first page of the filter arrived, or
        `timeout` seconds (default `FIRST_PAGE_WAIT`). A screen that shows its table first
        (`show` before it is mounted) waits so, and its rows are in its first paint: the
        page's worker has the processor and the GIL to itself, instead of sharing them with
        the screen's composition and missing it."""
        try:
            await asyncio.wait_for(self._first_page.wait(), timeout or FIRST_PAGE_WAIT)
        except TimeoutError:
            pass  # the rows will be painted when they come

    @property
    def _group(self) -> str:
        return f"paged-{id(self)}"

    def _request(self, page: int) -> None:
        if page in self._pending or page * PAGE >= max(self.total, 1):
            return
        self._pending.add(page)
        first, last = page * PAGE, page * PAGE + PAGE - 1
        after = before = None
        offset = 0
        if first - 1 in self._rows:
            after = self._rows[first - 1].key
        elif last + 1 in self._rows:
            before = self._rows[last + 1].key
        else:
            offset = first
        generation = self._generation

        def loaded(rows: tuple[Any, ...]) -> None:
            if generation != self._generation:
                return  # the filter changed meanwhile
            self._pending.discard(page)
            start = first if before is None else last + 1 - len(rows)
            # Rows fetched ahead of view (PgDn's next screen) need no paint now; rows in view,
            # or lines shown before that now give way to "…" or rows, do.
            top = self.scroll_offset.y
            # (a bool: the dict itself would be emptied on the next line, and nothing painted
            # when the count came before this page)
            shown = bool(self._stale) or (
                start < top + self.size.height and top < start + len(rows)
            )
            self._stale.clear()
            self._stale_rows.clear()
            for i, row in enumerate(rows):
                self._rows[start + i] = row
            if not self._counted:
                end = start + len(rows)
                if before is None and len(rows) < PAGE:
                    self.total = end  # the filter's last row: the count is known
                elif end >= self.total:
                    self.total = end + 1  # at least one more: "…" until its page comes
                self.virtual_size = Size(0, self.total)
            if shown:
                self.refresh()
            self._first_page.set()
            self.call_after_refresh(self._draw_ahead, start, len(rows))
            if self._then is not None:
                then, self._then = self._then, None
                if self.then_at_once and self.is_mounted:
                    then()
                else:
                    self.call_after_refresh(then)
            follow = [start + i for i, row in enumerate(rows) if row.id == self._follow]
            if follow:  # the cursor stays on its row, where rows came or went above it
                self._follow = None
                self._move_to(follow[0])
            elif first <= self.cursor <= last:
                self.post_message(self.Highlighted(self.cursor_row))

        read = partial(self.page, self.filter, after=after, before=before, offset=offset,
                       limit=PAGE)  # fmt: skip
        run_db(self, read, done=loaded, group=self._group, exclusive=False, read=True)

    def _draw_ahead(self, first: int, count: int) -> None:
        """Make the lines of rows that arrived ahead of view, once their page is painted, so
        that the paint that brings them into view has only to place them."""
        width = self.scrollable_content_region.width
        for i in range(first, first + count):
            if width and (row := self._rows.get(i)) is not None:
                self._strip(row, width)

    def _let_go(self) -> None:
        """Forget the rows (and their lines) more than `KEEP` pages from the visible ones."""
        top = self.scroll_offset.y // PAGE
        bottom = (self.scroll_offset.y + self.size.height) // PAGE
        far = [i for i in self._rows if not top - KEEP <= i // PAGE <= bottom + KEEP]
        for i in far:
            self._lines.pop(self._rows.pop(i).id, None)

    def _fetch_ahead(self) -> None:
        """Ask for the pages of a screen above and a screen below the visible lines."""
        top, height = self.scroll_offset.y, self.size.height
        for index in (top - height, top + 2 * height - 1):
            if 0 <= index < self.total and index not in self._rows:
                self._request(index // PAGE)

    def cell(self, row: Any, column: str) -> str:
        return str(getattr(row, column))

    # -- drawing ---------------------------------------------------------------

    @property
    def columns(self) -> tuple[tuple[str, int], ...]:
        return self.WIDE if self.size.width >= 110 and self.WIDE else self.NARROW

    def widths(self, total: int) -> list[tuple[str, int]]:
        fixed = sum(w + 1 for _, w in self.columns if w)
        return [(c, w or max(8, total - fixed - 1)) for c, w in self.columns]

    def _segments(self, cells: list[str], width: int) -> list[Segment]:
        segments: list[Segment] = []
        for i, ((column, w), cell) in enumerate(zip(self.widths(width), cells, strict=True)):
            segments += (Segment(fit(cell, w, column in self.RIGHT), _COLUMN_STYLES[i]), _GAP)
        return segments

    def header(self, width: int) -> Text:
        captions = [t(f"{self.CAPTIONS}.{column}") for column, _ in self.columns]
        return Text.assemble(*((s.text, s.style or "") for s in self._segments(captions, width)))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._let_go()
        self._fetch_ahead()
        self._styles = self._paint_styles()  # once per paint, not once per line
        try:
            return super().render_lines(crop)
        finally:
            self._styles = None

    def _paint_styles(self) -> tuple[Style, Style, Style]:
        """The widget's style, and that of the cursor row and of a row still loading."""
        base = self.rich_style  # it walks the ancestors' styles
        return (
            base,
            self.get_component_rich_style("paged--cursor"),
            base + self.get_component_rich_style("paged--loading"),
        )

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base, cursor, loading = self._styles or self._paint_styles()
        if index >= self.total:
            return Strip.blank(width, base)
        row = self._rows.get(index)
        if row is not None:
            strip = self._strip(row, width)
        else:
            self._request(index // PAGE)
            stale = self._stale.get(index)
            if stale is None:
                return Strip([Segment("…", loading)]).adjust_cell_length(width, base)
            if self._stale_dim:
                return stale.apply_style(loading)
            strip = stale
        if index == self.cursor:
            return Strip(Segment(s.text, base + (s.style or Style()) + cursor) for s in strip)
        return strip.apply_style(base)

    def _strip(self, row: Any, width: int) -> Strip:
        """The row's line without the widget's colours, made once per row and width."""
        cached = self._lines.get(row.id)
        if cached is None or cached[0] != width:
            if len(self._lines) > WINDOW:
                self._lines.clear()  # a line costs little to make again; memory stays flat
            cells = [self.cell(row, column) for column, _ in self.columns]
            strip = Strip(self._segments(cells, width)).adjust_cell_length(width)
            cached = self._lines[row.id] = (width, strip)
        return cached[1]

    # -- cursor ----------------------------------------------------------------

    def _move_to(self, index: int) -> None:
        if not self.total:
            return
        previous = self.cursor
        self.cursor = max(0, min(self.total - 1, index))
        # The two cursor lines (by row: `refresh_lines` places them in view); a scroll
        # repaints the whole view by itself.
        self.refresh_lines(previous)
        self.refresh_lines(self.cursor)
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)
        self.post_message(self.Highlighted(self.cursor_row))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def action_jump(self, where: int) -> None:
        self._move_to(self.total - 1 if where < 0 else 0)
