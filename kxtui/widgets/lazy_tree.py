"""A lazy tree: one level per expand, loaded in a worker (the region tree, the team tree).

A Line-API widget: the expanded tree is a flat list of rows and only the rows on screen are
rendered, so expanding a town with 1,000 villages costs one query and a list insert, not
1,000 widget nodes (Textual's Tree measures every label on each change).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, NamedTuple, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kxtui.widgets.workers import run_db


class Node(Protocol):
    """What the tree needs of a row the data layer gives: a key and whether it has children."""

    @property
    def ref(self) -> Hashable: ...

    @property
    def expandable(self) -> bool: ...


Level = tuple[Any, tuple[Any, ...]]  # (parent ref or None for the top, its children)


class Line(NamedTuple):
    """One visible row: the node, its depth, and the guide drawn before it."""

    row: Any  # a Node
    depth: int
    parent: Any  # the parent's ref, None at the top
    guide: str  # "│ ├ " ...
    continuation: str  # what this row's own children draw before their guide


class LazyTree(ScrollView, can_focus=True):
    """Subclasses say how a row looks (`make_label`) and which data-layer call loads the
    children of a node (`children_call`); they load the top with `show_levels`."""

    DEFAULT_CSS = """
    LazyTree {
        overflow-x: hidden;
        background: $surface;
        color: $foreground;
        & > .tree--guides { color: $surface-lighten-2; }
        & > .tree--cursor {
            text-style: $block-cursor-blurred-text-style;
            background: $block-cursor-blurred-background;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .tree--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
            & > .tree--guides { color: $surface-lighten-3; }
        }
    }
    """
    COMPONENT_CLASSES = {"tree--cursor", "tree--guides"}
    BINDINGS = [
        Binding("up", "move(-1)", "key.move", show=False),
        Binding("down", "move(1)", "key.move", show=False),
        Binding("pageup", "page(-1)", "key.page", show=False),
        Binding("pagedown", "page(1)", "key.page", show=False),
        Binding("home", "move(-1000000000)", "key.ends", show=False),
        Binding("end", "move(1000000000)", "key.ends", show=False),
        Binding("right", "open_level", "key.expand", show=False),
        Binding("left", "close_level", "key.collapse", show=False),
        Binding("space", "toggle", "key.toggle", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another node."""

        def __init__(self, row: Any) -> None:
            super().__init__()
            self.row = row

    class Loaded(Message):
        """A level of the tree finished loading (tests and benchmarks wait for it)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lines: list[Line] = []
        self.cursor = 0
        self._children: dict[Any, tuple[Any, ...]] = {}
        self._expanded: set[Any] = set()
        self._loading: set[Any] = set()
        self._index: dict[Any, int] = {}
        self._labels: dict[Any, Text] = {}
        self._announced: Any = None

    # -- what subclasses say -------------------------------------------------------

    def make_label(self, row: Any) -> Text:
        raise NotImplementedError

    def children_call(self, ref: Any) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """The data-layer function and arguments that give the children of `ref` (the top
        level for None)."""
        raise NotImplementedError

    # -- what tests and screens read ---------------------------------------------

    @property
    def cursor_line(self) -> Line | None:
        return self.lines[self.cursor] if self.lines else None

    @property
    def cursor_row(self) -> Any:
        line = self.cursor_line
        return line.row if line else None

    def children_of(self, ref: Any) -> tuple[Any, ...]:
        """The loaded children of a node (the top level for None); () if not loaded."""
        return self._children.get(ref, ())

    def is_expanded(self, ref: Any) -> bool:
        return ref in self._expanded

    def label(self, row: Any) -> Text:
        if row.ref not in self._labels:
            self._labels[row.ref] = self.make_label(row)
        return self._labels[row.ref]

    # -- loading -------------------------------------------------------------------

    def show_levels(self, target: Any, levels: list[Level]) -> None:
        """Take freshly loaded levels (each parent expanded) and select `target`."""
        for parent, rows in levels:
            self._store(parent, rows)
            if parent is not None:
                self._expanded.add(parent)
        self._rebuild(target)
        self.post_message(self.Loaded())

    def reload(self) -> None:
        """Read every shown level again (its records were written): what is expanded stays
        expanded, the cursor stays on its node (or where it was, if the node went)."""
        parents = [None, *(ref for ref in self._expanded if ref in self._children)]
        calls = [(ref, *self.children_call(ref)) for ref in parents]

        def read() -> list[Level]:
            return [(ref, fn(*args)) for ref, fn, args in calls]

        run_db(self, read, done=lambda levels: self.show_levels(None, levels), group="reload")

    def forget(self) -> None:
        """Drop every loaded level (the next `show_levels` starts afresh)."""
        self._children.clear()
        self._expanded.clear()
        self._labels.clear()

    def _store(self, parent: Any, rows: tuple[Any, ...]) -> None:
        for row in self._children.get(parent, ()):
            self._labels.pop(row.ref, None)
        self._children[parent] = rows

    def expand_node(self, ref: Any) -> None:
        self._expanded.add(ref)
        if ref in self._children:
            self._rebuild()
            return
        self._loading.add(ref)
        self.refresh()

        def loaded(rows: tuple[Any, ...]) -> None:
            self._loading.discard(ref)
            self._store(ref, rows)
            self._rebuild()
            self.post_message(self.Loaded())

        fn, args = self.children_call(ref)
        run_db(self, fn, *args, done=loaded, group=f"expand-{ref}")

    def collapse_node(self, ref: Any) -> None:
        self._expanded.discard(ref)
        self._rebuild()

    def _rebuild(self, target: Any = None) -> None:
        """Flatten the expanded part of the tree; keep the cursor on `target` or where it was."""
        current = target or (self.cursor_row.ref if self.cursor_row else None)
        lines: list[Line] = []

        def walk(parent: Any, depth: int, continuation: str) -> None:
            rows = self._children.get(parent, ())
            for position, row in enumerate(rows):
                last = position == len(rows) - 1
                guide = continuation + ("└ " if last else "├ ") if depth else ""
                below = continuation + ("  " if last else "│ ") if depth else ""
                lines.append(Line(row, depth, parent, guide, below))
                if row.ref in self._expanded and row.ref in self._children:
                    walk(row.ref, depth + 1, below)

        walk(None, 0, "")
        self.lines = lines
        self._index = {line.row.ref: i for i, line in enumerate(lines)}
        self.virtual_size = Size(0, len(lines))
        self._move_to(self._index.get(current, min(self.cursor, len(lines) - 1)) if current else 0)
        self.refresh()

    # -- cursor and keys -------------------------------------------------------------

    def move_cursor_to(self, ref: Any) -> None:
        if ref in self._index:
            self._move_to(self._index[ref])

    def _move_to(self, index: int) -> None:
        if not self.lines:
            self.cursor = 0
            return
        previous = self.cursor
        self.cursor = max(0, min(len(self.lines) - 1, index))
        self.refresh_lines(previous)
        self.refresh_lines(self.cursor)
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)
        row = self.lines[self.cursor].row
        if row.ref != self._announced:
            self._announced = row.ref
            self.post_message(self.Highlighted(row))

    def action_move(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def action_open_level(self) -> None:
        """→ expands a closed node, or steps into an open one."""
        line = self.cursor_line
        if line is None or not line.row.expandable:
            return
        if line.row.ref not in self._expanded:
            self.expand_node(line.row.ref)
        elif self.cursor + 1 < len(self.lines) and self.lines[self.cursor + 1].depth > line.depth:
            self._move_to(self.cursor + 1)

    def action_close_level(self) -> None:
        """← collapses an open node, or steps out to its parent."""
        line = self.cursor_line
        if line is None:
            return
        if line.row.ref in self._expanded:
            self.collapse_node(line.row.ref)
        elif line.parent is not None:
            self.move_cursor_to(line.parent)

    # (not DOMNode's action_toggle, which toggles an attribute named by the binding)
    def action_toggle(self) -> None:  # type: ignore[override]
        line = self.cursor_line
        if line is None or not line.row.expandable:
            return
        if line.row.ref in self._expanded:
            self.collapse_node(line.row.ref)
        else:
            self.expand_node(line.row.ref)

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.lines):
            if index == self.cursor:
                self.action_toggle()
            self._move_to(index)

    # -- rendering ---------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[index]
        row = line.row
        text = Text()
        text.append(line.guide, style=self.get_component_rich_style("tree--guides"))
        if row.ref in self._loading:
            text.append("⋯ ")
        elif row.expandable:
            text.append("▼ " if row.ref in self._expanded else "▶ ")
        text.append_text(self.label(row))
        text.truncate(width, overflow="ellipsis")
        segments = list(text.render(self.app.console))
        strip = Strip(segments).adjust_cell_length(width)
        if index == self.cursor:
            cursor = self.get_component_rich_style("tree--cursor")
            strip = Strip(
                Segment(s.text, (base + (s.style or Style()) + cursor), s.control) for s in strip
            )
        else:
            strip = strip.apply_style(base)
        return strip
