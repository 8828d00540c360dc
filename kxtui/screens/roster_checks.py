"""Roster checks: the menu (`c` on the roster, then one key per check) and the three checks
whose answer is a short list rather than volunteers — teams below a minimum size (Enter
opens the team's roster), volunteers per 1,000 residents or per village, grid officers who
are not volunteers (一员双责)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import JustifyMethod
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Label, Static

from kxtui.db import roster_checks
from kxtui.db.rows import CheckList, Choice, TeamSize
from kxtui.display import clean
from kxtui.domain import RegionKind, TeamLevel
from kxtui.i18n import label, t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.roster_table import masked
from kxtui.widgets.workers import run_db

# the menu's keys: a roster check (shown as the roster) or a list (its own screen)
MENU = {"n": "not_served", "p": "platform", "m": "contact", "d": "duplicate",
        "i": "inactive_in_team", "t": "small_teams", "r": "density",
        "g": "grid_officers", "s": "near_star"}  # fmt: skip
LISTS = ("small_teams", "density", "grid_officers")
MINIMUM_TEAM_SIZE = 20  # where the small-teams list starts; + and - change it by 5


class ChecksMenu(TranslatedBindings, ModalScreen[str | None]):
    """One key per check; dismissed with the check's name."""

    DEFAULT_CSS = """
    ChecksMenu { align: center middle; }
    ChecksMenu > Vertical {
        width: 90%; max-width: 70; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ChecksMenu #checks-title { text-style: bold; }
    ChecksMenu #checks-keys { color: $text-muted; }
    """
    BINDINGS = [
        *(
            Binding(key, f"choose('{name}')", f"checks.{name}.key", show=False)
            for key, name in MENU.items()
        ),  # fmt: skip
        Binding("escape", "dismiss(None)", "key.close", id="checks.close"),
    ]

    def __init__(self, period: str) -> None:
        super().__init__()
        self.period = period  # how the roster's period reads ("本年")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("checks.title"), id="checks-title")
            lines = [
                f"{key}  {t(f'checks.{name}', period=self.period)}" for key, name in MENU.items()
            ]
            yield Static(Text("\n".join(lines)), id="checks-list")
            yield Label(t("checks.keys"), id="checks-keys")

    def action_choose(self, name: str) -> None:
        self.dismiss(name)


def _fetch(name: str, region_id: int | None, minimum: int) -> CheckList:
    if name == "small_teams":
        return roster_checks.small_teams(region_id, minimum)
    if name == "density":
        return roster_checks.density(region_id)
    return roster_checks.grid_officers_not_volunteers(region_id)


def _number(value: Any) -> str:
    return "—" if value is None else f"{value:,}"


# each list: its columns (caption keys) and a row's cells
COLUMNS: dict[str, tuple[str, ...]] = {
    "small_teams": ("team", "level", "region", "active", "members"),
    "density": ("region", "kind", "volunteers", "population", "per_thousand", "per_village"),
    "grid_officers": ("name", "grid", "community", "mobile"),
}
NUMBERS = frozenset(
    {"active", "members", "volunteers", "population", "per_thousand", "per_village"}
)
CELLS: dict[str, Callable[[Any, bool], tuple[str, ...]]] = {
    "small_teams": lambda r, _: (clean(r.name, 40), label(r.level, TeamLevel),
                                 clean(r.region, 20), f"{r.active:,}", f"{r.members:,}"),
    "density": lambda r, _: (clean(r.name, 20), label(r.kind, RegionKind), f"{r.volunteers:,}",
                             _number(r.population), _number(r.per_thousand),
                             _number(r.per_village)),
    "grid_officers": lambda r, unmasked: (clean(r.name, 20), clean(r.grid, 24),
                                          clean(r.community, 20),
                                          (r.mobile or "") if unmasked else masked(r.mobile)),
}  # fmt: skip


class CheckListScreen(TranslatedBindings, Screen[Choice | None]):
    """A list check of the roster's region (`name` in LISTS). For teams, Enter dismisses
    with the team (the roster then shows its members) and +/- change the minimum size."""

    DEFAULT_CSS = """
    CheckListScreen #check-title { height: auto; color: $text-accent; padding: 0 1; }
    CheckListScreen DataTable { height: 1fr; margin: 0 1; }
    CheckListScreen #check-count { height: auto; background: $boost; padding: 0 1; }
    """
    BINDINGS = [
        # before the table's own Enter; only for teams (check_action)
        Binding("enter", "open", "key.open_team", id="checks.open", priority=True),
        Binding("plus,equals_sign", "minimum(5)", "key.bigger", id="checks.bigger"),
        Binding("minus", "minimum(-5)", "key.smaller", id="checks.smaller"),
        Binding("escape", "dismiss(None)", "key.back", id="checks.back"),
    ]

    def __init__(self, name: str, region: Choice | None, *, unmasked: bool = False) -> None:
        super().__init__()
        self.check, self.scope, self.unmasked = name, region, unmasked
        self.minimum = MINIMUM_TEAM_SIZE
        self.rows: tuple[Any, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="check-title")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", id="check-count")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("roster.title")
        table = self.query_one(DataTable)
        table.add_columns(*(t(f"checks.col.{c}") for c in COLUMNS[self.check]))
        table.focus()
        self.load()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "minimum"):
            return self.check == "small_teams"
        return True

    def load(self) -> None:
        scope = clean(self.scope.name, 20) if self.scope else t("roster.everywhere")
        title = t(f"checks.{self.check}.title", region=scope, minimum=self.minimum)
        self.query_one("#check-title", Static).update(Text(title))
        self.query_one("#check-count", Static).update(Text(t("roster.counting"), style="dim"))
        region_id = self.scope.id if self.scope else None
        run_db(self, _fetch, self.check, region_id, self.minimum, done=self._show,
               group="check-list", read=True)  # fmt: skip

    def _show(self, found: CheckList) -> None:
        self.rows = found.rows
        table = self.query_one(DataTable)
        table.clear()
        justify: list[JustifyMethod] = [
            "right" if c in NUMBERS else "left" for c in COLUMNS[self.check]
        ]
        for row in found.rows:
            cells = CELLS[self.check](row, self.unmasked)
            table.add_row(*(Text(c, justify=j) for c, j in zip(cells, justify, strict=True)))
        count = t(f"checks.{self.check}.count", count=f"{found.total:,}")
        if found.total > len(found.rows):
            count += t("checks.first", shown=f"{len(found.rows):,}")
        self.query_one("#check-count", Static).update(Text(count))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.rows and table.cursor_row is not None:
            team: TeamSize = self.rows[table.cursor_row]
            self.dismiss(Choice(team.id, team.name, team.region))

    def action_minimum(self, step: int) -> None:
        self.minimum = max(5, self.minimum + step)
        self.load()
