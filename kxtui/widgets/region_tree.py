"""The lazy tree of regions and venues: one level per expand, loaded in a worker."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from kxtui.db import regions
from kxtui.db.regions import NodeRef, TreeRow
from kxtui.display import literal
from kxtui.i18n import t
from kxtui.widgets.workers import run_db

NAME_LIMIT = 40  # characters of a name shown in the tree; the detail shows more


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


class RegionTree(Tree[TreeRow]):
    """Counties at the top; expanding a region asks the data layer for its children once."""

    DEFAULT_CSS = """
    RegionTree { overflow-x: hidden; }
    """
    BINDINGS = [
        Binding("right", "open_level", show=False),
        Binding("left", "close_level", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(t("tree.title"), **kwargs)  # type: ignore[arg-type]
        self.show_root = False
        self.guide_depth = 2
        self._by_ref: dict[NodeRef, TreeNode[TreeRow]] = {}
        self._loaded_refs: set[NodeRef | None] = set()

    def action_open_level(self) -> None:
        """→ expands a closed node, or steps into an open one."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self.move_cursor(node.children[0])

    def action_close_level(self) -> None:
        """← collapses an open node, or steps out to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    # -- loading -------------------------------------------------------------

    def load_top(self) -> None:
        run_db(self, regions.children, None, done=self._top_loaded, group="tree-top")

    def _top_loaded(self, rows: tuple[TreeRow, ...]) -> None:
        self._merge(self.root, rows)
        self._loaded_refs.add(None)
        if self.cursor_line < 0 and self.root.children:
            self.call_after_refresh(self.move_cursor, self.root.children[0])
        self.post_message(self.Loaded())

    def _on_tree_node_expanded(self, event: Tree.NodeExpanded[TreeRow]) -> None:
        row = event.node.data
        if row is None or row.ref in self._loaded_refs:
            return
        node = event.node
        node.remove_children()
        node.add_leaf(Text(t("tree.loading"), style="dim italic"))
        run_db(
            self,
            regions.children,
            row.ref.id,
            done=lambda rows: self._children_loaded(node, rows),
            group=f"expand-{row.ref.id}",
        )

    def _children_loaded(self, node: TreeNode[TreeRow], rows: tuple[TreeRow, ...]) -> None:
        node.remove_children()
        self._merge(node, rows)
        if node.data is not None:
            self._loaded_refs.add(node.data.ref)
        self.post_message(self.Loaded())

    def _merge(self, node: TreeNode[TreeRow], rows: tuple[TreeRow, ...]) -> None:
        """Make `node`'s children match `rows`: relabel in place, or rebuild if the set changed."""
        current = [child.data.ref for child in node.children if child.data is not None]
        if current == [row.ref for row in rows]:
            for child, row in zip(node.children, rows, strict=True):
                child.data = row
                child.set_label(node_label(row))
                child.allow_expand = row.expandable
            return
        for child in node.children:
            self._forget(child)
        node.remove_children()
        for row in rows:
            child = node.add(node_label(row), row, allow_expand=row.expandable)
            self._by_ref[row.ref] = child

    def _forget(self, node: TreeNode[TreeRow]) -> None:
        for child in node.children:
            self._forget(child)
        if node.data is not None:
            self._by_ref.pop(node.data.ref, None)
            self._loaded_refs.discard(node.data.ref)

    # -- revealing and refreshing ---------------------------------------------

    def reveal(self, target: NodeRef) -> None:
        """Load every level down to `target`, refresh the labels on the way, and select it."""
        run_db(self, _levels_to, target, done=self._revealed, group="reveal")

    def _revealed(self, result: tuple[NodeRef | None, list[tuple[NodeRef | None, tuple]]]) -> None:
        target, levels = result
        for parent_ref, rows in levels:
            parent = self.root if parent_ref is None else self._by_ref.get(parent_ref)
            if parent is None:
                break
            self._merge(parent, rows)
            self._loaded_refs.add(parent_ref)
            if parent is not self.root:
                parent.expand()
        node = self._by_ref.get(target) if target is not None else None
        if node is not None:
            self.call_after_refresh(self.move_cursor, node)
        self.post_message(self.Loaded())

    def refresh_node(self, ref: NodeRef | None) -> None:
        """Reload the node's level (after a write) and keep the cursor on it."""
        if ref is None:
            self.load_top()
        else:
            self.reveal(ref)

    def node_for(self, ref: NodeRef) -> TreeNode[TreeRow] | None:
        return self._by_ref.get(ref)

    class Loaded(Message):
        """A level of the tree finished loading (tests and benchmarks wait for it)."""


def _levels_to(target: NodeRef) -> tuple[NodeRef | None, list[tuple[NodeRef | None, tuple]]]:
    """Children of every region from the top down to `target`'s parent (and target if region).

    Returns the target (None if it vanished) and [(parent ref, children rows), ...].
    """
    crumbs = regions.path_to_root(target)
    if not crumbs:
        return None, [(None, regions.children(None))]
    parents: list[NodeRef | None] = [None]
    parents += [c.ref for c in crumbs if c.ref.kind == "region" and c.ref != target]
    return target, [(ref, regions.children(ref.id if ref else None)) for ref in parents]
