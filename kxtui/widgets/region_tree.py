"""The lazy tree of regions and venues: one level per expand (see `LazyTree`)."""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.binding import Binding

from kxtui.db.rows import NodeRef, TreeRow
from kxtui.display import literal
from kxtui.i18n import t
from kxtui.widgets.lazy_tree import LazyTree, Level
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


class RegionSource(Protocol):
    """What the tree reads, given by its screen (`kxtui.db.regions` has it)."""

    def children(self, region_id: int | None) -> tuple[TreeRow, ...]: ...

    def levels_to(self, target: NodeRef | None) -> tuple[NodeRef | None, list[Level]]: ...


class RegionTree(LazyTree):
    """Counties at the top; expanding a region asks the data layer for its children once."""

    BINDINGS = [Binding("enter", "toggle", "key.toggle", show=False)]

    def __init__(self, source: RegionSource, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source

    class Highlighted(LazyTree.Highlighted):
        """The cursor moved to another region or venue."""

    class Loaded(LazyTree.Loaded):
        """A level of the tree finished loading."""

    def make_label(self, row: TreeRow) -> Text:
        return node_label(row)

    def children_call(self, ref: NodeRef | None) -> tuple[Any, tuple[Any, ...]]:
        return self.source.children, (ref.id if ref else None,)

    def reveal(self, target: NodeRef | None = None) -> None:
        """(Re)load every level down to `target` with fresh counts, and select it.

        Without a target: (re)load the counties.
        """
        levels_to = self.source.levels_to
        run_db(self, levels_to, target, done=lambda got: self.show_levels(*got), group="tree-load")
