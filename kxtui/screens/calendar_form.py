"""Edit one entry of the year's calendar (county admins): its dates, name and notes, each
checked beside its field; the dates as officers type them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult

from kxtui.db import calendar
from kxtui.db.rows import CalendarEntry, Draft
from kxtui.i18n import t
from kxtui.screens.form import FormScreen
from kxtui.widgets.form_field import FormField, ParsedDate, date_input, saved, text_input

FIELDS = ("start", "end", "name", "notes")


class CalendarFormScreen(FormScreen):
    form_name = "calendar"

    def __init__(self, *, existing: CalendarEntry, draft: Draft | None = None) -> None:
        super().__init__(draft=draft)
        self.existing = existing
        self.title_text = t("calendar.form.title", name=existing.name[:30])
        if draft is None:
            self.draft_target = f"calendar:{existing.id}"

    def fields(self) -> ComposeResult:
        e = self.existing
        for name, day, hint in (("start", e.start, ""), ("end", e.end, t("calendar.end_hint"))):
            yield FormField(
                name,
                t(f"calendar.field.{name}"),
                date_input(day, placeholder=hint, default=e.is_default),  # typed over
                extra=ParsedDate(id=f"{name}-parsed"),
            )
        yield FormField("name", t("calendar.field.name"), text_input(e.name))
        yield FormField("notes", t("calendar.field.notes"), text_input(e.notes))

    def values(self) -> dict[str, Any]:
        return {name: saved(self.query_one(f"#field-{name}", FormField).control)
                for name in FIELDS}  # fmt: skip

    def _arguments(self) -> tuple[Any, ...]:
        v = self.values()
        return (v["start"], v["end"], v["name"], v["notes"])

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return calendar.update_entry, (self.existing.id, self.existing.version, *self._arguments())

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return calendar.check_entry, (self.existing.id, *self._arguments())

    def draft_context(self) -> dict[str, Any]:
        return {"entry_id": self.existing.id, "version": self.existing.version}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        entry = calendar.entry(context["entry_id"])
        if entry is None:
            return None
        return {"existing": entry._replace(version=context.get("version", entry.version))}
