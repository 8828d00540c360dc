"""The volunteer teams (志愿服务队) of a region as a tree, with members and hours this year;
typing finds a team by characters, pinyin or initials; Enter opens the roster of a team. The
tree is also where teams are managed: added, edited, moved, dissolved, and their members
chosen, each in a form with the rules of every form."""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from kxtui import clock
from kxtui.db import team_writes, teams
from kxtui.db.engine import scope
from kxtui.db.engine.changes import Change
from kxtui.db.errors import KxError, RefusedError
from kxtui.db.find import find_teams
from kxtui.db.rows import (
    Choice,
    NodeRef,
    RosterFilter,
    ServiceQuery,
    TeamCounts,
    TeamDetail,
    TeamNode,
)
from kxtui.display import clean
from kxtui.domain import TeamLevel
from kxtui.i18n import t
from kxtui.screens.base import OPEN_TIMEOUT, ListKeys, TranslatedBindings
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.form import FormScreen
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.search_field import SearchField
from kxtui.widgets.team_tree import TeamTree
from kxtui.widgets.workers import run_db


def _dissolve_facts(team_id: int) -> tuple[TeamDetail | None, TeamCounts]:
    return teams.detail(team_id), teams.counts(team_id)


def _find(region_id: int | None, text: str) -> tuple[Choice, ...]:
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
    # The keys on the rows (the ledger's letters: a add, e edit, d delete; v is a new venue on
    # the hierarchy and p the period of the lists, so members are j (加入) and moving y (移)).
    BINDINGS = [
        Binding("slash", "search", "key.search", id="teams.search"),
        Binding("enter,m", "roster", "key.roster", id="teams.roster"),
        Binding("a", "add_team", "key.add_team", id="teams.add", tooltip="cmd.add_team.help"),
        Binding("A", "add_top_team", "key.add_top_team", id="teams.add_top",
                tooltip="cmd.add_top_team.help", show=False),
        Binding("e", "edit_team", "key.edit", id="teams.edit", tooltip="cmd.edit_team.help"),
        Binding("j", "members", "key.team_members", id="teams.members",
                tooltip="cmd.team_members.help"),
        Binding("y", "move_team", "key.move_team", id="teams.move", tooltip="cmd.move_team.help"),
        Binding("d,delete", "dissolve_team", "key.dissolve_team", id="teams.dissolve",
                tooltip="cmd.dissolve_team.help"),
        Binding("f8", "certificate", "certificate.key.issue", id="teams.certificate",
                tooltip="certificate.cmd.batch.help", show=False),
        Binding("x", "statement", "key.statement", id="teams.statement",
                tooltip="cmd.team_statement.help", show=False),  # (F1, palette)
        Binding("escape", "back", "key.back", id="teams.back"),
    ]  # fmt: skip
    KEY_RANK = ("search", "roster", "add_team", "edit_team", "members", "move_team",
                "dissolve_team", "statement", "back")  # fmt: skip
    PALETTE = (
        ("cmd.add_team", "add_team"),
        ("cmd.add_top_team", "add_top_team"),
        ("cmd.edit_team", "edit_team"),
        ("cmd.team_members", "members"),
        ("cmd.move_team", "move_team"),
        ("cmd.dissolve_team", "dissolve_team"),
        ("certificate.cmd.batch", "certificate"),
        ("cmd.team_statement", "statement"),
    )
    WRITES = frozenset({"add_team", "add_top_team", "edit_team", "members", "move_team",
                        "dissolve_team", "certificate"})  # fmt: skip
    ON_TEAM = frozenset({"edit_team", "members", "move_team", "dissolve_team"})

    def __init__(self, region: Choice | None) -> None:
        super().__init__()
        self.scope = region
        self.found_teams: tuple[Choice, ...] = ()
        self.searched = asyncio.Event()  # set when the teams of the latest search are shown

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static(self._scope_line(), id="teams-scope")
        yield SearchField(t("teams.search_hint"), id="teams-search")
        yield TeamTree(teams, id="team-tree")
        yield OptionList(id="teams-found")
        yield Static("", id="teams-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("teams.title")
        tree = self.team_tree
        self.query_one("#teams-note", Static).update(t("teams.note", year=tree.year))
        tree.load(self.scope.id if self.scope else None)

    @property
    def rows(self) -> Widget:
        """The teams found while there is a search, else the tree."""
        if self.has_class("-searched"):
            return self.query_one("#teams-found", OptionList)
        return self.team_tree

    def _scope_line(self) -> Text:
        where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
        return Text(f"{where} · {t('teams.keys')}")

    def on_team_tree_loaded(self) -> None:
        if not self.team_tree.lines:
            where = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
            self.query_one("#teams-note", Static).update(t("teams.none", region=where))

    @property
    def team_tree(self) -> TeamTree:
        return self.query_one(TeamTree)

    def write_refusal(self, action: str) -> KxError | None:
        """A write on a team is the officer's where the team is based in their area; a new
        team's region is checked by its form."""
        row = self._tree_row() if action in self.ON_TEAM else None
        if row is not None:
            return scope.edit_refusal(row.region_path)
        return super().write_refusal(action)

    def on_team_tree_highlighted(self) -> None:
        self.refresh_bindings()  # the keys follow the selected team's region

    def _tree_row(self) -> TeamNode | None:
        """The tree's selected team, unless a search shows the teams found instead."""
        return None if self.has_class("-searched") else self.team_tree.cursor_row

    def _chosen(self) -> Choice | None:
        """The team a command acts on (see `_team`), or a message that there is none."""
        team = self._team()
        if team is None:
            self.app.show_error(RefusedError("refused.no_team"))
        return team

    def action_add_team(self) -> None:
        """A team under the selected one (at the top of the region when there is none)."""
        team = self._team()
        if team is None:
            self.action_add_top_team()
            return
        from kxtui.db.teams import detail, levels_below
        from kxtui.screens.team_form import TeamFormScreen

        def loaded(parent: TeamDetail | None) -> None:
            if parent is None:
                self.app.show_error(RefusedError("refused.gone"))
                return
            if not levels_below(parent.level):
                self.app.show_error(RefusedError("refused.no_team_level", name=parent.name))
                return
            self.app.push_screen(TeamFormScreen(parent=parent), self.written)

        run_db(self, detail, team.id, done=loaded, group="form-open")

    def action_add_top_team(self) -> None:
        from kxtui.screens.team_form import TeamFormScreen

        self.app.push_screen(TeamFormScreen(region=self.scope), self.written)

    def action_edit_team(self) -> None:
        from kxtui.screens.team_form import TeamFormScreen

        self._open(TeamFormScreen)

    def action_move_team(self) -> None:
        row = self._tree_row()
        if row is not None and row.level == TeamLevel.GENERAL:  # no team is above a 总队
            self.app.show_error(RefusedError("refused.general_team_moved"))
            return
        from kxtui.screens.team_form import TeamMoveScreen

        self._open(TeamMoveScreen)

    def action_members(self) -> None:
        from kxtui.screens.team_members import TeamMembersScreen

        self._open(TeamMembersScreen)

    def action_statement(self) -> None:
        """The hours statement of the selected team (its members and those of the teams
        below it), this year at first, to an XLSX file."""
        team = self._chosen()
        if team is None:
            return
        from kxtui.dates import Period, period_bounds
        from kxtui.screens.export_statement import StatementExportScreen

        start, end = period_bounds(Period.YEAR, clock.today())
        query = ServiceQuery(team_id=team.id, start=start, end=end)
        self.app.push_screen(StatementExportScreen(query, Period.YEAR))

    def _open(self, form: type[FormScreen]) -> None:
        """The form on the selected team as stored now (see `FormScreen.open_stored`)."""
        team = self._chosen()
        if team is not None:
            form.open_stored(self, {"team_id": team.id}, self.written, self.reload)

    def written(self, result: object) -> None:
        """A form saved a team: the tree shows it afresh, with the cursor on it."""
        if isinstance(result, NodeRef):
            self.notify(t("form.saved"), timeout=3)
            self.team_tree.reveal(result.id)
            self._search_again()

    def data_changed(self, change: Change) -> None:
        """Teams, their members or hours written: the tree's levels (and a search's finds)
        are read again; what is expanded and the cursor stay."""
        if change.touches("team", "volunteer", "activity", "region"):
            self.team_tree.reload()
            self._search_again()

    def reload(self) -> None:
        row = self.team_tree.cursor_row
        self.team_tree.reveal(row.ref.id if row else None)
        self._search_again()

    def action_dissolve_team(self) -> None:
        """Refused, with the count, while teams are below it; else asks, saying what happens
        to its members and the activities it organised."""
        chosen = self._chosen()
        if chosen is None:
            return

        def counted(found: tuple[TeamDetail | None, TeamCounts]) -> None:
            team, counts = found
            if team is None:
                self.app.show_error(RefusedError("refused.gone"))
            elif counts.sub_teams:
                error = RefusedError("refused.team_has_sub_teams", count=counts.sub_teams)
                self.app.show_error(error)
            else:
                question = t("team.dissolve.confirm", name=team.name, members=counts.members,
                             activities=counts.activities)  # fmt: skip
                screen = ConfirmScreen(question, t("team.dissolve.yes"), t("delete.no"))
                self.app.push_screen(screen, lambda yes: confirmed(team, yes))

        def confirmed(team: TeamDetail, yes: bool | None) -> None:
            if not yes:
                return

            def done(_: None) -> None:
                self.notify(t("team.dissolve.done", name=team.name), markup=False)
                self.team_tree.reveal(team.parent.id if team.parent else None)
                self._search_again()

            run_db(self, team_writes.dissolve_team, team.id, team.version, done=done,
                   group="write")  # fmt: skip

        run_db(self, _dissolve_facts, chosen.id, done=counted, group="write")

    # -- the search ------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, text: str, keep: int | None = None) -> None:
        text = text.strip()
        self.set_class(bool(text), "-searched")
        self.searched = asyncio.Event()
        if text:
            region_id = self.scope.id if self.scope else None
            run_db(self, _find, region_id, text, done=lambda teams: self._show(teams, keep),
                   group="teams-find", read=True)  # fmt: skip

    def _search_again(self) -> None:
        """After a write: the teams found afresh (a name may have changed), the cursor kept."""
        if self.has_class("-searched"):
            keep = self.query_one("#teams-found", OptionList).highlighted
            self._search(self.query_one(self.SEARCH, Input).value, keep)

    def _show(self, teams: tuple[Choice, ...], keep: int | None = None) -> None:
        self.found_teams = teams
        self.searched.set()
        found = self.query_one("#teams-found", OptionList)
        found.clear_options()
        found.add_options(
            Option(Text(f"{clean(team.name, 40)} · {clean(team.hint, 20)}")) for team in teams
        )
        if teams:
            found.highlighted = min(keep or 0, len(teams) - 1)

    async def found(self, text: str) -> bool:
        if not text.strip():
            return self.team_tree.cursor_row is not None
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
        row = self.team_tree.cursor_row
        return Choice(row.ref.id, row.name) if row is not None else None

    def action_certificate(self) -> None:
        """Certificates for every member of the team under the cursor (and of the teams below
        it): the certificate dialog says how many."""
        team = self._chosen()
        if team is None:
            return
        from kxtui.screens.certificate_dialog import CertificateDialog, Who

        who = Who(team.name, roster=RosterFilter(team_id=team.id), team_id=team.id)
        self.app.push_screen(CertificateDialog(who))

    def action_roster(self) -> None:
        """The roster of the team under the cursor: its members and the members below it."""
        team = self._team()
        if team is None:
            return
        from kxtui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(None, team=Choice(team.id, team.name)))
