"""The volunteers who served at an activity, each with their hours.

A search field adds a volunteer (Enter) with the activity's duration as hours and moves to
those hours, selected, so that typing replaces them; Enter there goes back to the search for the
next volunteer. Ctrl+D removes the focused line. The same volunteer is not added twice,
and one not registered on the national platform is flagged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label

from kxtui.db.rows import Choice, ServiceInput, ServiceLine
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.choice_list import ChoiceList
from kxtui.widgets.form_field import SafeInput, saved


class ServiceRow(Horizontal):
    DEFAULT_CSS = """
    ServiceRow { height: 1; }
    ServiceRow .service-name { width: 11; }
    ServiceRow Input { width: 6; }
    ServiceRow .service-unit { width: 6; padding: 0 1; color: $text-muted; }
    ServiceRow .service-flag { width: 1fr; color: $text-warning; }
    """

    def __init__(self, volunteer: Choice, hours: str, *, default: bool = False) -> None:
        """`default`: the hours are the activity's duration, replaced by the first key."""
        super().__init__(classes="chosen-line")
        self.choice = volunteer
        self.hours_input = SafeInput(hours, compact=True, select_on_focus=False, default=default)

    def compose(self) -> ComposeResult:
        yield Label(Text(clean(self.choice.name, 10)), classes="service-name")
        yield self.hours_input
        yield Label(t("service.hours_unit"), classes="service-unit")
        flag = t("service.unregistered") if self.choice.flag else ""
        yield Label(flag, classes="service-flag")


class ServiceList(ChoiceList):
    # the suggestions push the volunteers down (their list scrolls), never hide them
    DEFAULT_CSS = """
    ServiceList > ChoiceInput > OptionList { overlay: none; }
    """
    BINDINGS = [Binding("ctrl+d", "remove", "service.remove", id="service.remove", priority=True)]

    def __init__(
        self,
        find: Callable[..., tuple[Choice, ...]],
        region_id: int | None,
        lines: tuple[ServiceLine, ...] = (),
    ) -> None:
        """`find(region_id, text, venue_id, team_id)` suggests volunteers
        (`volunteer_search.find_volunteers`)."""
        initial = tuple(
            (Choice(x.volunteer_id, x.name, "", not x.registered), str(x.hours)) for x in lines
        )
        super().__init__(
            self._find,
            initial,
            placeholder=t("service.placeholder"),
            count_key="service.count",
            twice_key="field.volunteer_twice",
            flag_text=t("service.unregistered"),
            id="service",
        )
        self.find_volunteers = find
        self.region_id = region_id
        self.default_hours = "2"
        # the activity's venue and organising team, as chosen when a lookup starts: their
        # people are suggested first
        self.venue_and_team: Callable[[], tuple[int | None, int | None]] = lambda: (None, None)

    def _find(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return self.find_volunteers, (self.region_id, text, *self.venue_and_team())

    def new_line(self, choice: Choice, extra: Any = None) -> ServiceRow:
        return ServiceRow(choice, extra or self.default_hours, default=extra is None)

    def added(self, line: ServiceRow) -> None:
        line.hours_input.focus()
        line.hours_input.select_all()

    @on(Input.Submitted, ".chosen-line Input")
    def _hours_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(ChoiceInput).focus()

    def service(self) -> tuple[ServiceInput, ...]:
        return tuple(
            ServiceInput(row.choice.id, row.choice.name, saved(row.hours_input))
            for row in self.lines
        )

    @property
    def draft_value(self) -> list[list[Any]]:
        return [
            [r.choice.id, r.choice.name, r.choice.flag, r.hours_input.value] for r in self.lines
        ]

    def restore_draft(self, value: list[list[Any]]) -> None:
        self.clear_lines()
        for volunteer_id, name, flag, hours in value:
            self.add(Choice(volunteer_id, name, "", flag), hours, announce=False)

    def count_text(self) -> str:
        text = super().count_text()
        unregistered = sum(1 for r in self.lines if r.choice.flag)
        if unregistered:
            text += "  " + t("service.count_unregistered", count=unregistered)
        return text
