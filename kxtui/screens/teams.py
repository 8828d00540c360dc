"""The volunteer teams (志愿服务队) of a region as a tree, with members and hours this year;
typing finds a team by characters, pinyin or initials; Enter opens the roster of a team."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import OPEN_TIMEOUT, ListKeys, TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.search_field import SearchField
from kxtui.widgets.team_tree import TeamTree
from kxtui.widgets.workers import run_db


def _find(region_id: int | None, text: str) -> tuple[Choice, ...]:
    from kxtui.db.activities import find_teams

    return find_teams(region_id, text, subtree=True)


class TeamTreeScreen(ListKeys, TranslatedBindings, Screen[None]):
    SEARCH = "#teams-search"
    OPEN = "roster"
    DEFAULT_CSS = """
    TeamTreeScreen #teams-scope { height: auto; color: $text-accent; padding: 0 1; }
    TeamTreeScreen #teams-search { margin: 0 1; }
    TeamTreeScreen #teams-note { height: auto; color: $text-muted; padding: 0 1; }
    TeamTreeScreen TeamTree { height: 1fr; }
    TeamTreeScreen #teams-found { height: 1fr; border: none; padding: 0 1; display: none; }
    TeamTreeScreen.-searched #teams-found { display: block; }
    TeamTreeScreen.-searched TeamTree { display: none; }
    """
    BINDINGS = [
        Binding("slash", "search", "key.search", id="teams.search"),
        Binding("enter,m", "roster", "key.roster", id="teams.roster"),
        Binding("escape", "back", "key.back", id="teams.back"),
    ]

    def __init__(self, region: Choice | None) -> None:
        super().__init__()
        self.scope = region
        self.found_teams: tuple[Choice, ...] = ()
        self.searched = asyncio.Event()  # set when the teams of the latest search are shown

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(self._scope_line(), id="teams-scope")
        yield SearchField(t("teams.search_hint"), id="teams-search")
        yield TeamTree(id="team-tree")
        yield OptionList(id="teams-found")
        yield Static("", id="teams-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("teams.title")
        tree = self.query_one(TeamTree)
        self.query_one("#teams-note", Static).update(t("teams.note", year=tree.year))
        tree.load(self.scope.id if self.scope else None)

    @property
    def rows(self) -> Widget:
        """The teams found while there is a search, else the tree."""
        if self.has_class("-searched"):
            return self.query_one("#teams-found", OptionList)
        return self.query_one(TeamTree)

    def _scope_line(self) -> Text:
        where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
        return Text(f"{where} · {t('teams.keys')}")

    def on_team_tree_loaded(self) -> None:
        if not self.query_one(TeamTree).lines:
            where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
            self.query_one("#teams-note", Static).update(t("teams.none", region=where))

    # -- the search ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        self.set_class(bool(text), "-searched")
        self.searched = asyncio.Event()
        if text:
            region_id = self.scope.id if self.scope else None
            run_db(self, _find, region_id, text, done=self._show, group="teams-find", read=True)

    def _show(self, teams: tuple[Choice, ...]) -> None:
        self.found_teams = teams
        self.searched.set()
        found = self.query_one("#teams-found", OptionList)
        found.clear_options()
        found.add_options(
            Option(Text(f"{clean(team.name, 40)} · {clean(team.hint, 20)}")) for team in teams
        )
        if teams:
            found.highlighted = 0

    async def found(self, text: str) -> bool:
        if not text.strip():
            return self.query_one(TeamTree).cursor_row is not None
        try:
            await asyncio.wait_for(self.searched.wait(), OPEN_TIMEOUT)
        except TimeoutError:
            return False
        return bool(self.found_teams)

    # -- keys ------------------------------------------------------------------

    def on_option_list_option_selected(self) -> None:
        self.action_roster()

    def _team(self) -> Choice | None:
        """The team under the cursor: of the teams found, or of the tree."""
        if self.has_class("-searched"):
            index = self.query_one("#teams-found", OptionList).highlighted
            return self.found_teams[index] if index is not None and self.found_teams else None
        row = self.query_one(TeamTree).cursor_row
        return Choice(row.ref.id, row.name) if row is not None else None

    def action_roster(self) -> None:
        """The roster of the team under the cursor: its members and the members below it."""
        team = self._team()
        if team is None:
            return
        from kxtui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(None, team=Choice(team.id, team.name)))
