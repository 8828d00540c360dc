"""Log or edit an activity (活动台账 record): where, when, what, for whom, and who served."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Select

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.db import activities, calendar, find, ledger
from kxtui.db.engine import scope
from kxtui.db.errors import KxError
from kxtui.db.rows import ActivityDetail, ActivityInput, Choice, Draft
from kxtui.db.volunteer_search import find_volunteers
from kxtui.domain import ActivityFormat, Campaign, TargetGroup, ThemeDay
from kxtui.i18n import label, t
from kxtui.screens.form import FormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.control_values import field_values
from kxtui.widgets.form_field import (
    CodeList,
    FormField,
    ParsedDate,
    date_input,
    saved,
    select,
    text_input,
)
from kxtui.widgets.service_list import ServiceList
from kxtui.widgets.workers import run_db

TEXT_FIELDS = ("title", "start", "end", "duration", "people_reached", "materials", "notes")


class ActivityFormScreen(FormScreen):
    """New activity (pre-filled with a region and venue, starting today), or edit `existing`."""

    CSS_PATH = "activity_form.tcss"
    form_name = "activity"

    def __init__(
        self,
        *,
        region: Choice | None = None,
        venue: Choice | None = None,
        existing: ActivityDetail | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.existing = existing
        self.region_choice = existing.region if existing else region
        self.venue_choice = existing.venue if existing else venue
        # the theme day this form chose from the date (None: none yet), and whether the
        # officer chose one themselves: the form never overrides their choice
        self._theme_guess: str | None = None
        self._theme_chosen = existing is not None and bool(existing.theme_day)
        if existing is not None:
            self.title_text = t("form.activity.edit", title=existing.title[:30])
            if draft is None:
                self.draft_target = f"activity:{existing.id}"
        else:
            self.title_text = t("form.activity.new")

    def write_refusal(self, action: str) -> KxError | None:
        """A stored activity outside the officer's edit area is read, not saved."""
        if action in self.WRITES and self.existing is not None:
            return scope.edit_refusal(self.existing.region_path)
        return super().write_refusal(action)

    def body(self) -> ComposeResult:
        """Two panes that fit 80×24: on the left what every activity needs, then its other
        details (scrolling); on the right the volunteers who served, their own scrolling list.
        Tab goes from what every activity needs to the volunteers, then to the details."""
        with Grid(id="activity-panes"):
            with Vertical(id="activity-needs"):
                yield from self._needs()
            yield self._service()
            with VerticalScroll(id="form-body"):
                yield from self._details()

    def _needs(self) -> ComposeResult:
        a = self.existing
        yield FormField("title", t("activity.title"), text_input(a.title if a else ""))
        yield self._date_field("start", a.start_date if a else clock.today())  # new: today
        yield FormField(
            "format",
            t("activity.format"),
            select(
                [(label(x), x.value) for x in ActivityFormat], a.format if a else None, blank=True
            ),
        )
        duration = str(a.duration) if a else "2"
        yield FormField("duration", t("activity.duration"), text_input(duration, default=a is None))

    def _date_field(self, name: str, day: object, hint: str = "") -> FormField:
        return FormField(
            name,
            t(f"activity.{name}"),
            date_input(day, placeholder=hint, default=self.existing is None),
            extra=ParsedDate(id=f"{name}-parsed"),
        )

    def _service(self) -> FormField:
        a = self.existing
        return FormField(
            "service",
            t("activity.service"),
            ServiceList(
                find_volunteers,
                self.region_choice.id if self.region_choice else None,
                a.service if a else (),
            ),
        )

    def _details(self) -> ComposeResult:
        a = self.existing
        yield self._date_field("end", a.end_date if a else None, t("activity.end_hint"))
        yield FormField(
            "region",
            t("activity.region"),
            ChoiceInput(
                self._find_regions,
                choice=self.region_choice,
                placeholder=t("activity.find"),
                id="region",
            ),
        )
        yield FormField(
            "venue",
            t("activity.venue"),
            ChoiceInput(
                self._find_venues,
                choice=self.venue_choice,
                placeholder=t("activity.find"),
                id="venue",
            ),
        )
        team = a.organiser_team if a else None
        organiser = ChoiceInput(  # a unit that is not a team is typed as text
            self._find_teams,
            choice=team,
            placeholder=t("activity.organiser_hint"),
            strict=False,
            id="organiser",
        )
        if a and not team:
            organiser.restore_draft({"id": None, "name": "", "text": a.organiser})
        yield FormField("organiser", t("activity.organiser"), organiser)
        for name, enum in (("theme_day", ThemeDay), ("campaign", Campaign)):
            current = getattr(a, name) if a else None
            options = [(label(x), x.value) for x in enum]
            yield FormField(name, t(f"activity.{name}"), select(options, current, blank=True))
        yield FormField(
            "target_groups",
            t("activity.target_groups"),
            CodeList([(label(g), g.value) for g in TargetGroup], a.target_groups if a else ()),
        )
        for name in ("people_reached", "materials"):
            value = str(getattr(a, name)) if a else "0"
            yield FormField(name, t(f"activity.{name}"), text_input(value, default=a is None))
        yield FormField("notes", t("activity.notes"), text_input(a.notes if a else ""))

    def use_existing(self, existing: ActivityDetail) -> None:
        super().use_existing(existing)
        self.region_choice, self.venue_choice = existing.region, existing.venue

    def prepare(self) -> None:
        service = self.query_one(ServiceList)
        service.default_hours = self._control("duration").value
        service.venue_and_team = self._venue_and_team
        if self.existing is None and self.resumed is None:
            self._guess_theme(self._control("start").value, opening=True)

    def _control(self, name: str) -> Any:
        return self.query_one(f"#field-{name}", FormField).control

    # -- lookups (run in workers by the fields) --------------------------------

    def _region_id(self) -> int | None:
        choice = self._control("region").choice
        return choice.id if choice else None

    def _venue_and_team(self) -> tuple[int | None, int | None]:
        venue, team = self._control("venue").choice, self._control("organiser").choice
        return (venue.id if venue else None, team.id if team else None)

    def _find_regions(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return find.find_regions, (text,)

    def _find_venues(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return find.find_venues, (self._region_id(), text)

    def _find_teams(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return find.find_teams, (self._region_id(), text)

    # -- live feedback ---------------------------------------------------------

    @on(Input.Changed, "#field-duration Input")
    def _duration_typed(self, event: Input.Changed) -> None:
        self.query_one(ServiceList).default_hours = event.value.strip() or "2"

    @on(Input.Changed, "#field-start Input")
    def _date_typed(self, event: Input.Changed) -> None:
        opened = self._initial or {}
        if (self.existing or self.resumed) and event.value == opened.get("start", event.value):
            return  # the date as stored (or drafted): its theme is as the officer left it
        self._guess_theme(event.value)

    @on(Select.Changed, "#field-theme_day Select")
    def _theme_picked(self, event: Select.Changed) -> None:
        if event.value != (self._theme_guess or Select.NULL):
            self._theme_chosen = True  # the officer's own choice (a blank one too)

    def _guess_theme(self, text: str, *, opening: bool = False) -> None:
        """A date in a theme day's window pre-selects that theme, while the officer has
        chosen none themselves (looked up in a worker: the windows are in the database)."""
        day = parse_date(text.strip(), clock.today()) if text.strip() else None
        if self._theme_chosen or day is None:
            return

        def found(theme: str | None) -> None:
            control = self._control("theme_day")
            if self._theme_chosen or control.value != (self._theme_guess or Select.NULL):
                return
            self._theme_guess = theme
            control.value = theme or Select.NULL
            if opening:  # a default, as today's date is: the form opened so, unchanged
                self.call_after_refresh(self._opened_with_theme)

        run_db(self, calendar.theme_on, day, done=found, group="theme-on")

    def _opened_with_theme(self) -> None:
        if self._initial is not None:
            self._initial = field_values(self)

    @on(ChoiceInput.Chosen, "#region")
    def _region_chosen(self) -> None:
        self.query_one(ServiceList).region_id = self._region_id()

    # -- saving ----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out = {name: saved(self._control(name)) for name in TEXT_FIELDS}
        for name in ("theme_day", "campaign", "format"):
            value = self._control(name).value
            out[name] = "" if value is Select.NULL else value
        return out

    def submitted(self) -> ActivityInput:
        raw = self.values()
        organiser = self._control("organiser")
        venue = self._control("venue").choice
        return ActivityInput(
            **raw,
            region_id=self._region_id(),
            venue_id=venue.id if venue else None,
            organiser_team_id=organiser.choice.id if organiser.choice else None,
            organiser="" if organiser.choice else saved(organiser),
            target_groups=tuple(self._control("target_groups").selected),
            service=self.query_one(ServiceList).service(),
            confirmed=self.confirmed,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        data = self.submitted()
        if self.existing is not None:
            return activities.update_activity, (self.existing.id, self.existing.version, data)
        return activities.create_activity, (data,)

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return activities.checked, (self.submitted(), clock.today())

    # -- drafts ----------------------------------------------------------------

    def draft_context(self) -> dict[str, Any]:
        if self.existing is not None:
            return {"activity_id": self.existing.id, "version": self.existing.version}
        return {}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        if "activity_id" not in context:
            return {}
        detail = ledger.detail(context["activity_id"])
        if detail is None or detail.deleted:
            return None
        return {"existing": detail._replace(version=context.get("version", detail.version))}
