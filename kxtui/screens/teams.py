"""The volunteer teams (志愿服务队) of a region as a tree, with members and hours this year;
Enter opens the roster of a team."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.team_tree import TeamTree


class TeamTreeScreen(TranslatedBindings, Screen[None]):
    DEFAULT_CSS = """
    TeamTreeScreen #teams-scope { height: auto; color: $text-accent; padding: 0 1; }
    TeamTreeScreen #teams-note { height: auto; color: $text-muted; padding: 0 1; }
    TeamTreeScreen TeamTree { height: 1fr; }
    """
    BINDINGS = [
        Binding("enter,m", "roster", "key.roster", id="teams.roster"),
        Binding("escape", "dismiss", "key.back", id="teams.back"),
    ]

    def __init__(self, region: Choice | None) -> None:
        super().__init__()
        self.scope = region

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(self._scope_line(), id="teams-scope")
        yield TeamTree(id="team-tree")
        yield Static("", id="teams-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("teams.title")
        tree = self.query_one(TeamTree)
        self.query_one("#teams-note", Static).update(t("teams.note", year=tree.year))
        tree.focus()
        tree.load(self.scope.id if self.scope else None)

    def _scope_line(self) -> Text:
        where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
        return Text(f"{where} · {t('teams.keys')}")

    def on_team_tree_loaded(self) -> None:
        if not self.query_one(TeamTree).lines:
            where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
            self.query_one("#teams-note", Static).update(t("teams.none", region=where))

    def action_roster(self) -> None:
        """The roster of the team under the cursor: its members and the members below it."""
        row = self.query_one(TeamTree).cursor_row
        if row is None:
            return
        from kxtui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(None, team=Choice(row.ref.id, row.name)))
