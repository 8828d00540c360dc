"""The lazy tree of regions and venues: one level per expand, loaded in a worker.

A Line-API widget: the expanded tree is a flat list of rows and only the rows on screen are
rendered, so expanding a town with 1,000 villages costs one query and a list insert, not
1,000 widget nodes (Textual's Tree measures every label on each change).
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kxtui.db.rows import NodeRef, TreeRow
from kxtui.display import literal
from kxtui.i18n import t
from kxtui.widgets.workers import run_db

NAME_LIMIT = 40  # characters of a name shown in the tree; the detail shows more
Level = tuple[NodeRef | None, tuple[TreeRow, ...]]


def node_label(row: TreeRow) -> Text:
    """ "阜安街道 · 17 社区 · 9 阵地" for regions, "◆ 名称 六有 5/6" for venues."""
    if row.ref.kind == "venue":
        label = Text("◆ ", style="dim")
        label.append_text(literal(row.name, NAME_LIMIT))
        style = "dim" if row.six_met == 6 else "bold yellow"
        label.append(" " + t("label.six_met", met=row.six_met), style=style)
        return label
    label = literal(row.name, NAME_LIMIT, style="bold" if row.type == "county" else "")
    counts = [
        (row.towns, "label.towns"),
        (row.subdistricts, "label.subdistricts"),
        (row.villages, "label.villages"),
        (row.communities, "label.communities"),
        (row.grids, "label.grids"),
        (row.venues, "label.venues"),
    ]
    for count, key in counts:
        if count:
            label.append(f" · {count} {t(key)}", style="dim")
    return label


class Line(NamedTuple):
    """One visible row: the node, its depth, and the guide drawn before it."""

    row: TreeRow
    depth: int
    parent: NodeRef | None
    guide: str  # "│ ├ " ...
    continuation: str  # what this row's own children draw before their guide


class RegionTree(ScrollView, can_focus=True):
    """Counties at the top; expanding a region asks the data layer for its children once."""

    DEFAULT_CSS = """
    RegionTree {
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
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1000000000)", show=False),
        Binding("end", "move(1000000000)", show=False),
        Binding("right", "open_level", show=False),
        Binding("left", "close_level", show=False),
        Binding("enter,space", "toggle", show=False),
    ]

    class Highlighted(Message):
        """The cursor moved to another node."""

        def __init__(self, row: TreeRow) -> None:
            super().__init__()
            self.row = row

    class Loaded(Message):
        """A level of the tree finished loading (tests and benchmarks wait for it)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lines: list[Line] = []
        self.cursor = 0
        self._children: dict[NodeRef | None, tuple[TreeRow, ...]] = {}
        self._expanded: set[NodeRef] = set()
        self._loading: set[NodeRef] = set()
        self._index: dict[NodeRef, int] = {}
        self._labels: dict[NodeRef, Text] = {}
        self._announced: NodeRef | None = None

    # -- what tests and screens read ---------------------------------------------

    @property
    def cursor_line(self) -> Line | None:
        return self.lines[self.cursor] if self.lines else None

    @property
    def cursor_row(self) -> TreeRow | None:
        line = self.cursor_line
        return line.row if line else None

    def children_of(self, ref: NodeRef | None) -> tuple[TreeRow, ...]:
        """The loaded children of a node (the counties for None); () if not loaded."""
        return self._children.get(ref, ())

    def is_expanded(self, ref: NodeRef) -> bool:
        return ref in self._expanded

    def label(self, row: TreeRow) -> Text:
        if row.ref not in self._labels:
            self._labels[row.ref] = node_label(row)
        return self._labels[row.ref]

    # -- loading -------------------------------------------------------------------

    def reveal(self, target: NodeRef | None = None) -> None:
        """(Re)load every level down to `target` with fresh counts, and select it.

        Without a target: (re)load the counties.
        """
        run_db(self, _levels_to, target, done=self._levels_loaded, group="tree-load")

    def _levels_loaded(self, result: tuple[NodeRef | None, list[Level]]) -> None:
        target, levels = result
        for parent, rows in levels:
            self._store(parent, rows)
            if parent is not None:
                self._expanded.add(parent)
        self._rebuild(target)
        self.post_message(self.Loaded())

    def _store(self, parent: NodeRef | None, rows: tuple[TreeRow, ...]) -> None:
        for row in self._children.get(parent, ()):
            self._labels.pop(row.ref, None)
        self._children[parent] = rows

    def expand(self, ref: NodeRef) -> None:
        self._expanded.add(ref)
        if ref in self._children:
            self._rebuild()
            return
        self._loading.add(ref)
        self.refresh()

        def loaded(rows: tuple[TreeRow, ...]) -> None:
            self._loading.discard(ref)
            self._store(ref, rows)
            self._rebuild()
            self.post_message(self.Loaded())

        run_db(self, _children, ref.id, done=loaded, group=f"expand-{ref.id}")

    def collapse(self, ref: NodeRef) -> None:
        self._expanded.discard(ref)
        self._rebuild()

    def _rebuild(self, target: NodeRef | None = None) -> None:
        """Flatten the expanded part of the tree; keep the cursor on `target` or where it was."""
        current = target or (self.cursor_row.ref if self.cursor_row else None)
        lines: list[Line] = []

        def walk(parent: NodeRef | None, depth: int, continuation: str) -> None:
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

    def move_cursor_to(self, ref: NodeRef) -> None:
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
        """→ expands a closed region, or steps into an open one."""
        line = self.cursor_line
        if line is None or not line.row.expandable:
            return
        if line.row.ref not in self._expanded:
            self.expand(line.row.ref)
        elif self.cursor + 1 < len(self.lines) and self.lines[self.cursor + 1].depth > line.depth:
            self._move_to(self.cursor + 1)

    def action_close_level(self) -> None:
        """← collapses an open region, or steps out to its parent."""
        line = self.cursor_line
        if line is None:
            return
        if line.row.ref in self._expanded:
            self.collapse(line.row.ref)
        elif line.parent is not None:
            self.move_cursor_to(line.parent)

    def action_toggle(self) -> None:
        line = self.cursor_line
        if line is None or not line.row.expandable:
            return
        if line.row.ref in self._expanded:
            self.collapse(line.row.ref)
        else:
            self.expand(line.row.ref)

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


def _children(region_id: int) -> tuple[TreeRow, ...]:
    from kxtui.db import regions  # in the worker: start-up does not wait for the models

    return regions.children(region_id)


def _levels_to(target: NodeRef | None) -> tuple[NodeRef | None, list[Level]]:
    """Children of every region from the top down to `target`'s parent (and target if region).

    Returns the target (None if it vanished) and [(parent ref, children rows), ...].
    """
    from kxtui.db import regions

    crumbs = regions.path_to_root(target) if target is not None else ()
    if not crumbs:
        return None, [(None, regions.children(None))]
    parents: list[NodeRef | None] = [None]
    parents += [c.ref for c in crumbs if c.ref.kind == "region" and c.ref != target]
    return target, [(ref, regions.children(ref.id if ref else None)) for ref in parents]
