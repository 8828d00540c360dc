"""The team tree 总队 → 支队 → 领域分队 → 专业队: one level per expand (see `LazyTree`), each
team with its members (the team's and the teams' below it, each person once) and their service
hours this year."""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text

from kxtui import clock
from kxtui.db.rows import NodeRef, TeamNode
from kxtui.display import literal
from kxtui.domain import TeamLevel
from kxtui.i18n import t
from kxtui.widgets.lazy_tree import LazyTree, Level
from kxtui.widgets.workers import run_db

NAME_LIMIT = 30


def team_label(row: TeamNode) -> Text:
    """ "阜安街道科技志愿服务支队 · 854 人 · 本年 1,750.5 小时"."""
    label = literal(row.name, NAME_LIMIT, style="bold" if row.level == TeamLevel.GENERAL else "")
    label.append(f" · {t('label.members', count=f'{row.members:,}')}", style="dim")
    label.append(f" · {t('label.hours_this_year', hours=f'{row.hours_this_year:,}')}", style="dim")
    return label


class TeamSource(Protocol):
    """What the tree reads, given by its screen (`kxtui.db.teams` has it)."""

    def children(self, team_id: int, year: int) -> tuple[TeamNode, ...]: ...

    def top_teams(self, region_id: int | None, year: int) -> tuple[TeamNode, ...]: ...

    def levels_to(
        self, region_id: int | None, team_id: int | None, year: int
    ) -> tuple[NodeRef | None, list[Level]]: ...


class TeamTree(LazyTree):
    """The highest teams of a region at the top (see `teams.top_teams`)."""

    class Highlighted(LazyTree.Highlighted):
        """The cursor moved to another team."""

    class Loaded(LazyTree.Loaded):
        """A level of the tree finished loading."""

    def __init__(self, source: TeamSource, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = source
        self.year = clock.today().year
        self.region_id: int | None = None

    def make_label(self, row: TeamNode) -> Text:
        return team_label(row)

    def children_call(self, ref: NodeRef | None) -> tuple[Any, tuple[Any, ...]]:
        if ref is None:
            return self.source.top_teams, (self.region_id, self.year)
        return self.source.children, (ref.id, self.year)

    def load(self, region_id: int | None) -> None:
        """(Re)load the highest teams of the region's subtree (None: of every county)."""
        self.region_id = region_id

        def loaded(rows: tuple[TeamNode, ...]) -> None:
            self.show_levels(None, [(None, rows)])

        # a read: leaving the screen stops it in SQLite (all counties' teams take seconds)
        run_db(
            self,
            self.source.top_teams,
            region_id,
            self.year,
            done=loaded,
            group="tree-load",
            read=True,
        )

    def reveal(self, team_id: int | None) -> None:
        """Read every level down to the team again (fresh counts after a write) and select
        it; the levels expanded elsewhere are read again when next expanded."""

        def loaded(got: tuple[NodeRef | None, list[Level]]) -> None:
            self.forget()  # a write changes the counts of every team above it
            self.show_levels(*got)

        run_db(self, self.source.levels_to, self.region_id, team_id, self.year, done=loaded,
               group="tree-load")  # fmt: skip
