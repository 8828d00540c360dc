"""One list screen: a windowed table of a filter's rows, with the filter line above, the
search field, the column captions, and the count (or totals) below.

A list declares what it lists and nothing else: its table (`TABLE`: the columns and cells),
its filter (a NamedTuple with `text`, given to `__init__`), the data layer's functions that
read a page of it and count it (`page`, `count`), what writes change its rows (`TOUCHES`), and
the words of its filter line and its count (`filter_parts`, `count_text`). The screen reads
the first page while it composes, counts once that page is painted, keeps the rows fresh
when a write changes them, and cycles the period (`p`) and the sort (`s`) for lists that
have them (`PERIOD`, `SORTS`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, Static

from kxtui import clock
from kxtui.dates import Period, next_period, period_bounds
from kxtui.db.engine.changes import Change
from kxtui.i18n import STRINGS, t
from kxtui.screens.base import OPEN_TIMEOUT, ListKeys, TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.paged_table import PagedTable
from kxtui.widgets.search_field import SearchField
from kxtui.widgets.workers import run_db


class ListFilter(Protocol):
    """A list's filter (a NamedTuple) with the text searched for."""

    @property
    def text(self) -> str: ...

    @property
    def _replace(self) -> Callable[..., Any]: ...  # a NamedTuple's: some fields changed


def page_of(rows: Sequence[Any], where: dict[str, Any]) -> tuple[Any, ...]:
    """A page of rows held in memory (a report's), as `PagedTable` asks for one: those after
    (or just before) the row whose key is `(index,)`, or those from an offset."""
    after, before = where.get("after"), where.get("before")
    limit = where.get("limit", 50)
    if after is not None:
        return tuple(rows[after[0] + 1 : after[0] + 1 + limit])
    if before is not None:
        return tuple(rows[max(0, before[0] - limit) : before[0]])
    offset = where.get("offset", 0)
    return tuple(rows[offset : offset + limit])


FilterT = TypeVar("FilterT", bound=ListFilter)
TableT = TypeVar("TableT", bound=PagedTable)


class ListScreen(ListKeys, TranslatedBindings, Screen[None], Generic[FilterT, TableT]):
    """A list of rows read page by page from SQL (see the module's docstring)."""

    NAME: ClassVar[str] = ""  # its strings: NAME.search_hint, NAME.counting, NAME.title
    TABLE: ClassVar[type[PagedTable]]
    TOUCHES: ClassVar[tuple[str, ...]] = ()  # entities whose writes change the rows; () = any
    SORTS: ClassVar[tuple[str, ...]] = ()  # the orders `s` cycles through (the filter's sort)
    SEARCH = "#list-search"
    DEFAULT_CSS = """
    ListScreen #list-filter { height: auto; color: $text-accent; padding: 0 1; }
    ListScreen #list-search { margin: 0 1; }
    ListScreen #list-header { height: 1; text-style: bold; color: $text-muted; padding: 0 1; }
    ListScreen PagedTable { padding: 0 1; }
    ListScreen #list-count { height: auto; background: $boost; padding: 0 1; }
    """
    period = Period.YEAR  # of the filter's dates, for lists that have them (`p`)
    counted: Any = None  # what `count` gave for the filter, once counted
    _header_width: int | None = None  # the width the captions were drawn for

    def __init__(self, f: FilterT) -> None:
        super().__init__()
        self.filter = f
        self.table: TableT = self.TABLE(self.page, id="list-table")  # type: ignore[assignment]
        self.table.show(f, then=self._count)  # the first page is read while the screen composes

    # -- what a list declares --------------------------------------------------

    def page(self, f: FilterT, **where: Any) -> tuple[Any, ...]:
        """A page of the filter's rows (in a worker thread; see `PagedTable`'s `Page`)."""
        raise NotImplementedError

    def count(self, f: FilterT) -> Any:
        """How many rows the filter has (or its totals: then `total` says how many)."""
        raise NotImplementedError

    @staticmethod
    def total(counted: Any) -> int:
        return int(counted)

    def filter_parts(self) -> list[str]:
        """The filter line's words."""
        raise NotImplementedError

    def count_text(self, counted: Any) -> str | Text:
        return t(f"{self.NAME}.count", count=f"{counted:,}")

    def known_count(self, f: FilterT) -> Any:
        """The filter's count where the list has it without a query (None: it counts)."""
        return None

    def counted_now(self, counted: Any) -> None:
        """What the list does with its count before showing it (nothing)."""

    # -- the screen ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="list-filter")
        yield SearchField(t(f"{self.NAME}.search_hint"), id="list-search")
        yield Static("", id="list-header")
        yield self.table
        yield Static("", id="list-count")
        yield KeyFooter()

    def on_mount(self) -> None:
        if f"{self.NAME}.title" in STRINGS:  # else the app's
            self.title = t(f"{self.NAME}.title")
        self._describe()
        known = self.known_count(self.filter)
        if known is not None:  # read while the screen composed: in its first paint
            self._counted(known)

    @property
    def rows(self) -> Widget:
        return self.table

    @property
    def selected(self) -> Any:
        """The row under the cursor (None in an empty list)."""
        return self.table.cursor_row if self.table.total else None

    def written(self, result: object) -> None:
        """A form opened from the list closed: saved, or not (None)."""
        if result is not None:  # the rows follow by themselves (`data_changed`)
            self.notify(t("form.saved"), timeout=3)

    def reload(self, f: FilterT | None = None) -> None:
        """Show the first page of `f` (default: the current filter), then count it."""
        self.filter = f or self.filter
        self.workers.cancel_group(self, "list-count")  # the previous filter's
        self.table.show(self.filter, then=self._count)
        self._describe()

    def data_changed(self, change: Change) -> None:
        """A write changed what the rows show: the rows in view and the count are read
        again; the cursor and the scroll stay."""
        if not self.TOUCHES or change.touches(*self.TOUCHES):
            self.workers.cancel_group(self, "list-count")
            self.table.reload(then=self._count)

    def _describe(self) -> None:
        self.show_filter()
        self._show_header()
        self.counted = None
        self.query_one("#list-count", Static).update(Text(t(f"{self.NAME}.counting"), style="dim"))

    def _count(self) -> None:
        known = self.known_count(self.filter)
        if known is not None:
            self._counted(known)
            return
        run_db(self, self.count, self.filter, done=self._counted, group="list-count", read=True)

    def _counted(self, counted: Any) -> None:
        self.counted_now(counted)
        self.table.set_total(self.total(counted))
        self.counted = counted
        self._show_count()

    def _show_count(self) -> None:
        if self.counted is not None:
            self.query_one("#list-count", Static).update(self.count_text(self.counted))

    def show_filter(self) -> None:
        self.query_one("#list-filter", Static).update(Text(" · ".join(self.filter_parts())))

    def on_resize(self) -> None:
        self._show_header()
        self._show_count()

    def _show_header(self) -> None:
        """The captions, drawn again only for a new width (each update lays the screen out)."""
        width = self.table.scrollable_content_region.width or self.size.width - 2
        if width != self._header_width:
            self._header_width = width
            self.query_one("#list-header", Static).update(self.table.header(width))

    # -- the search ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == self.SEARCH.lstrip("#"):
            self.reload(self.filter._replace(text=event.value))

    def show_search(self) -> None:
        """The field shows the filter's text again, after a key that changed the filter as a
        whole (a check, Esc from it); never while typing, which may be ahead of the filter."""
        search = self.query_one(self.SEARCH, Input)
        if search.value != self.filter.text:
            with search.prevent(Input.Changed):
                search.value = self.filter.text

    async def found(self, text: str) -> bool:
        if text != self.filter.text:
            self.reload(self.filter._replace(text=text))
        await self.table.first_page(OPEN_TIMEOUT)
        return self.table.cursor_row is not None and self.filter.text == text

    # -- period and sort -------------------------------------------------------

    def action_period(self) -> None:
        """The next period (this month, this year, …) of the filter's dates."""
        self.period = next_period(self.period)
        start, end = period_bounds(self.period, clock.today())
        self.reload(self.filter._replace(start=start, end=end))

    def period_text(self) -> str:
        """The filter's dates on the filter line."""
        start, end = getattr(self.filter, "start", None), getattr(self.filter, "end", None)
        return f"{start or '…'} — {end or '…'}" if start or end else t("ledger.period.all")

    def action_sort(self) -> None:
        sort = getattr(self.filter, "sort")  # noqa: B009 (lists with SORTS have a sort)
        following = self.SORTS[(self.SORTS.index(sort) + 1) % len(self.SORTS)]
        self.reload(self.filter._replace(sort=following))
