"""The volunteers who served at an activity, each with their hours.

A search field adds a volunteer (Enter) with the activity's duration as hours; each line's
hours can be edited; Ctrl+D removes the focused line. The same volunteer is not added twice,
and one not registered on the national platform is flagged.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from kxtui.db.rows import Choice, ServiceInput, ServiceLine
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import Edited


class ServiceRow(Horizontal):
    DEFAULT_CSS = """
    ServiceRow { height: 1; }
    ServiceRow .service-name { width: 14; }
    ServiceRow Input { width: 8; }
    ServiceRow .service-unit { width: 6; color: $text-muted; }
    ServiceRow .service-flag { width: 1fr; color: $text-warning; }
    """

    def __init__(self, volunteer: Choice, hours: str) -> None:
        super().__init__()
        self.volunteer = volunteer
        self.hours_input = Input(hours, compact=True, select_on_focus=False)

    def compose(self) -> ComposeResult:
        yield Label(Text(clean(self.volunteer.name, 12)), classes="service-name")
        yield self.hours_input
        yield Label(t("service.hours_unit"), classes="service-unit")
        flag = t("service.unregistered") if self.volunteer.flag else ""
        yield Label(flag, classes="service-flag")


class ServiceList(Vertical):
    DEFAULT_CSS = """
    ServiceList { height: auto; width: 1fr; }
    ServiceList #service-count { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("ctrl+d", "remove", "service.remove", id="service.remove")]

    class Changed(Edited):
        pass

    def __init__(self, region_id: int | None, lines: tuple[ServiceLine, ...] = ()) -> None:
        super().__init__(id="service-list")
        self.region_id = region_id
        self.default_hours = "2"
        self._initial = [
            (Choice(x.volunteer_id, x.name, "", not x.registered), str(x.hours)) for x in lines
        ]

    def compose(self) -> ComposeResult:
        yield ChoiceInput(
            self._find,
            placeholder=t("service.placeholder"),
            flag_text=t("service.unregistered"),
            id="service-search",
        )
        for volunteer, hours in self._initial:
            yield ServiceRow(volunteer, hours)
        yield Static("", id="service-count")

    def on_mount(self) -> None:
        self._count()

    def _find(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        from kxtui.db.activities import find_volunteers

        return find_volunteers, (self.region_id, text)

    @property
    def rows(self) -> list[ServiceRow]:
        return list(self.query(ServiceRow))

    def lines(self) -> tuple[ServiceInput, ...]:
        return tuple(
            ServiceInput(row.volunteer.id, row.volunteer.name, row.hours_input.value)
            for row in self.rows
        )

    @property
    def draft_value(self) -> list[list[Any]]:
        return [
            [r.volunteer.id, r.volunteer.name, r.volunteer.flag, r.hours_input.value]
            for r in self.rows
        ]

    def restore_draft(self, value: list[list[Any]]) -> None:
        for row in self.rows:
            row.remove()
        for volunteer_id, name, flag, hours in value:
            self.add(Choice(volunteer_id, name, "", flag), hours, announce=False)

    def add(self, volunteer: Choice, hours: str | None = None, *, announce: bool = True) -> bool:
        if any(row.volunteer.id == volunteer.id for row in self.rows):
            self.app.notify(
                t("field.volunteer_twice", name=volunteer.name), severity="warning", markup=False
            )
            return False
        self.mount(ServiceRow(volunteer, hours or self.default_hours), before="#service-count")
        self.call_after_refresh(self._count)
        if announce:
            self.post_message(self.Changed())
        return True

    @on(ChoiceInput.Chosen, "#service-search")
    def _chosen(self, event: ChoiceInput.Chosen) -> None:
        event.stop()
        if event.choice is not None:
            self.add(event.choice)
            event.control.clear()
            event.control.focus()

    def action_remove(self) -> None:
        focused = self.app.focused
        for row in self.rows:
            if focused is not None and focused in row.walk_children():
                row.remove()
                self.query_one("#service-search", ChoiceInput).focus()
                self.call_after_refresh(self._count)
                self.post_message(self.Changed())
                return

    def _count(self) -> None:
        rows = self.rows
        unregistered = sum(1 for r in rows if r.volunteer.flag)
        text = t("service.count", count=len(rows))
        if unregistered:
            text += "  " + t("service.count_unregistered", count=unregistered)
        self.query_one("#service-count", Static).update(text)
