"""Register or edit a science volunteer (科技志愿者): who they are, where they live, their teams
and domains, and whether they are on the national 大美志愿 platform."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Select, Static, TabbedContent, TabPane

from kxtui import clock
from kxtui.db import service_history, volunteers
from kxtui.db.engine.changes import Change
from kxtui.db.errors import DuplicateError, KxError
from kxtui.db.resident_id import LENGTH, ResidentId, normalise
from kxtui.db.rows import Choice, Draft, VolunteerDetail, VolunteerInput
from kxtui.display import clean
from kxtui.domain import Domain, Gender
from kxtui.i18n import label, t
from kxtui.screens.confirm import ChoiceScreen
from kxtui.screens.form import FormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.choice_list import ChoiceList
from kxtui.widgets.form_field import (
    CodeList,
    FormField,
    ParsedDate,
    date_input,
    saved,
    select,
    text_input,
)
from kxtui.widgets.history_table import ServiceHistory, ServiceHistoryTable
from kxtui.widgets.workers import run_db

TEXT_FIELDS = ("name", "mobile", "id_number", "birth_date", "skills", "joined_on", "notes")


class VolunteerFormScreen(FormScreen):
    """New volunteer (living in `home`, when known), or edit `existing`."""

    CSS_PATH = "volunteer_form.tcss"
    form_name = "volunteer"
    BINDINGS = [
        Binding("f2", "pane('record')", "key.pane_record", id="volunteer.record", show=False),
        Binding("f3", "pane('history')", "key.pane_history", id="volunteer.history", show=False),
        Binding("f4", "pane('teams')", "key.pane_teams", id="volunteer.teams", show=False),
        # F8: the function keys are the record's (a letter would be typed into a field)
        Binding(
            "f8",
            "certificate",
            "certificate.key.issue",
            id="volunteer.certificate",
            tooltip="certificate.cmd.issue.help",
            show=False,
        ),
    ]
    WRITES = FormScreen.WRITES | {"certificate"}
    PALETTE = (("certificate.cmd.issue", "certificate"),)

    def __init__(
        self,
        *,
        home: Choice | None = None,
        existing: VolunteerDetail | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.existing = existing
        self.id_reading: ResidentId | None = None
        self.home = existing.region if existing else home
        if existing is not None:
            self.title_text = t("form.volunteer.edit", name=existing.name)
            if draft is None:
                self.draft_target = f"volunteer:{existing.id}"
        elif home is not None:
            self.title_text = t("form.volunteer.new_in", region=home.name)
        else:
            self.title_text = t("form.volunteer.new")

    def fields(self) -> ComposeResult:
        v = self.existing
        yield FormField("name", t("volunteer.name"), text_input(v.name if v else ""))
        genders = [(label(g), g.value) for g in Gender]
        yield FormField(
            "gender", t("volunteer.gender"), select(genders, v.gender if v else None, blank=True)
        )
        mobile = text_input(v.mobile or "" if v else "", placeholder=t("volunteer.mobile_hint"))
        yield FormField("mobile", t("volunteer.mobile"), mobile)
        yield FormField(
            "id_number", t("volunteer.id_number"), text_input(v.id_number or "" if v else "")
        )
        yield Static("", id="id-reading", classes="field-note")
        joined = v.joined_on if v else clock.today()  # a new volunteer joins today
        for name, day in (("birth_date", v.birth_date if v else None), ("joined_on", joined)):
            yield FormField(
                name,
                t(f"volunteer.{name}"),
                date_input(day, default=v is None and name == "joined_on"),
                extra=ParsedDate(id=f"{name}-parsed"),
            )
        yield FormField(
            "region",
            t("volunteer.region"),
            ChoiceInput(
                self._find_homes,
                choice=self.home,
                placeholder=t("volunteer.find_region"),
                id="region",
            ),
        )
        yield FormField(
            "teams",
            t("volunteer.teams"),
            ChoiceList(
                self._find_teams,
                tuple((team, None) for team in v.teams) if v else (),
                placeholder=t("teams.placeholder"),
                count_key="teams.count",
                id="teams",
            ),
        )
        yield FormField(
            "domains",
            t("volunteer.domains"),
            CodeList([(label(d), d.value) for d in Domain], v.domains if v else ()),
        )
        yield FormField("skills", t("volunteer.skills"), text_input(v.skills if v else ""))
        yield FormField(
            "platform_id",
            t("volunteer.platform"),
            Checkbox(t("volunteer.platform"), v.platform_registered if v else False, compact=True),
            extra=text_input(
                v.platform_id or "" if v else "", placeholder=t("volunteer.platform_id")
            ),
        )
        for name, value in (
            ("is_student", v.is_student if v else False),
            ("active", v.active if v else True),
        ):
            caption = t(f"volunteer.{name}")
            yield FormField(name, caption, Checkbox(caption, value, compact=True))
        yield FormField("notes", t("volunteer.notes"), text_input(v.notes if v else ""))

    def body(self) -> ComposeResult:
        """Editing: the fields, the service history and the teams, each a pane (F2, F3, F4)."""
        v = self.existing
        if v is None:
            yield from super().body()
            return
        self.add_class("-existing")
        with TabbedContent(id="volunteer-panes"):
            with TabPane(t("volunteer.pane.record"), id="pane-record"):
                yield from super().body()
            with TabPane(
                t("volunteer.pane.history", count=v.activities + v.historical), id="pane-history"
            ):
                yield ServiceHistory(v, service_history.page, service_history.totals)
            with TabPane(t("volunteer.pane.teams", count=len(v.memberships)), id="pane-teams"):
                with VerticalScroll(id="teams-body"):
                    yield Static(self._memberships(v), id="memberships")

    def use_existing(self, existing: VolunteerDetail) -> None:
        super().use_existing(existing)
        self.home = existing.region

    def prepare(self) -> None:
        self._read_id()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "certificate" and self.existing is None:
            return False  # a volunteer not yet saved has no service to certify
        return super().check_action(action, parameters)

    def action_certificate(self) -> None:
        """The certificate dialog for this volunteer (their record as stored)."""
        if self.existing is None:
            return
        from kxtui.screens.certificate_dialog import CertificateDialog, Who

        who = Who(self.existing.name, volunteer_id=self.existing.id)
        self.app.push_screen(CertificateDialog(who))

    def action_pane(self, pane: str) -> None:
        """Show a pane and put the focus in it."""
        if self.existing is None:
            return
        self.query_one(TabbedContent).active = f"pane-{pane}"
        target = {
            "record": self._control("name"),
            "history": self.query_one(ServiceHistoryTable),
            "teams": self.query_one("#teams-body"),
        }[pane]
        self.set_focus(target if target.display else None)  # no service: no table to focus

    @on(ServiceHistoryTable.Opened)
    def _open_activity(self, event: ServiceHistoryTable.Opened) -> None:
        """The activity of a history row, in its form (read-only where it may not be saved,
        as from the ledger); Esc comes back to the history as it was."""
        from kxtui.screens.activity_form import ActivityFormScreen

        context = {"activity_id": event.row.activity_id}
        ActivityFormScreen.open_stored(self, context, self._activity_written)

    @on(ServiceHistory.ExportAsked)
    def _export_statement(self, event: ServiceHistory.ExportAsked) -> None:
        """`x` on the history: the hours statement of the period shown, to an XLSX file."""
        from kxtui.screens.export_statement import StatementExportScreen

        history = self.query_one(ServiceHistory)
        self.app.push_screen(StatementExportScreen(event.query, history.period))

    def _activity_written(self, result: Any) -> None:
        if result is not None:  # the history follows by itself (`data_changed`)
            self.notify(t("form.saved"), timeout=3)

    def data_changed(self, change: Change) -> None:
        """An activity written (its hours, date or title): the history in view is read
        again."""
        if change.touches("activity") or change.touches("historical_hours"):
            for history in self.query(ServiceHistory):
                history.reload()

    def _control(self, name: str) -> Any:
        return self.query_one(f"#field-{name}", FormField).control

    # -- lookups (run in workers by the fields) --------------------------------

    def _region_id(self) -> int | None:
        choice = self._control("region").choice
        return choice.id if choice else None

    def _find_homes(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return volunteers.find_homes, (text,)

    def _find_teams(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        from kxtui.db.find import find_teams

        return find_teams, (self._region_id(), text)

    # -- live feedback ---------------------------------------------------------

    @on(Input.Changed, "#field-id_number Input")
    def _read_id(self) -> None:
        """Once 18 characters are typed, say what the ID number tells (in a worker: stdnum
        loads its table of places on first use)."""
        text = self._control("id_number").value
        if len(normalise(text)) != LENGTH:
            self._show_reading(None)
        else:
            run_db(self, volunteers.read_id_number, text, done=self._show_reading, group="id")

    @on(Input.Changed, "#field-birth_date Input")
    @on(Select.Changed, "#field-gender Select")
    def _filled_in(self) -> None:
        self._show_reading(self.id_reading)

    def _show_reading(self, reading: object) -> None:
        """The ID number's gender, birth date and place, and which empty fields it fills."""
        self.id_reading = reading if isinstance(reading, ResidentId) else None
        note = self.query_one("#id-reading", Static)
        note.display = self.id_reading is not None
        if self.id_reading is None:
            return
        shown = t(
            "volunteer.id_read",
            gender=label(Gender(self.id_reading.gender)),
            birth=self.id_reading.birth_date.isoformat(),
            place=self.id_reading.place,
        )
        empty = [name for name in ("gender", "birth_date") if _is_empty(self._control(name))]
        if empty:
            fields = t("volunteer.and").join(t(f"volunteer.{name}") for name in empty)
            shown += "\n" + t("volunteer.id_fills", fields=fields)
        note.update(Text(shown))

    # -- saving ----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: saved(self._control(name)) for name in TEXT_FIELDS}
        gender = self._control("gender").value
        platform = self.query_one("#field-platform_id", FormField)
        out.update(
            region_id=self._region_id(),
            gender="" if gender is Select.NULL else gender,
            domains=tuple(self._control("domains").selected),
            team_ids=tuple(c.id for c in self._control("teams").chosen),
            platform_registered=platform.control.value,
            platform_id=saved(platform.extra),
            is_student=self._control("is_student").value,
            active=self._control("active").value,
        )
        return out

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        data = VolunteerInput(**self.values(), confirmed=self.confirmed)
        if self.existing is not None:
            return volunteers.update_volunteer, (self.existing.id, self.existing.version, data)
        return volunteers.create_volunteer, (data,)

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        data = VolunteerInput(**self.values(), confirmed=self.confirmed)
        return volunteers.check, (data, self.existing.id if self.existing else None)

    def _failed(self, error: KxError) -> None:
        if self.existing is not None:
            self.query_one(TabbedContent).active = "pane-record"  # where the messages are
        super()._failed(error)
        if isinstance(error, DuplicateError) and error.existing_id is not None:
            question = t("volunteer.duplicate_open", name=error.existing_name)
            answers = [("o", t("volunteer.open_existing"), True), ("k", t("form.keep"), False)]

            def answered(open_it: bool | None) -> None:
                if open_it:
                    detail = volunteers.volunteer_detail
                    run_db(self, detail, error.existing_id, done=self._open_existing)

            self.app.push_screen(ChoiceScreen(question, answers), answered)

    def _open_existing(self, detail: VolunteerDetail | None) -> None:
        if detail is not None:
            self.app.push_screen(VolunteerFormScreen(existing=detail))

    # -- drafts ----------------------------------------------------------------

    def draft_context(self) -> dict[str, Any]:
        if self.existing is not None:
            return {"volunteer_id": self.existing.id, "version": self.existing.version}
        return {"home": [self.home.id, self.home.name]} if self.home else {}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        if "volunteer_id" not in context:
            return {"home": Choice(*context["home"])} if "home" in context else {}
        detail = volunteers.volunteer_detail(context["volunteer_id"])
        return (
            {"existing": detail._replace(version=context.get("version", detail.version))}
            if detail
            else None
        )

    @staticmethod
    def _memberships(v: VolunteerDetail) -> Text:
        if not v.memberships:
            return Text(t("volunteer.teams_none"), style="dim")
        text = Text()
        for membership in v.memberships:
            *above, name = membership.path
            text.append("\n" if text else "")
            text.append(clean(name, 40), style="bold")
            if membership.joined_on:
                text.append("  " + t("volunteer.joined", date=str(membership.joined_on)))
            if above:
                text.append("\n  " + " › ".join(clean(n, 30) for n in above), style="dim")
        return text


def _is_empty(control: Any) -> bool:
    value = control.value
    return value is Select.NULL or not str(value).strip()
