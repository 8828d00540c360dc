"""A new officer account: Unix user name, name, role, the region it covers and, optionally,
a wider region it may also read. The data layer checks that the region fits the role and
lies within the admin's own scope; each problem shows beside its field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select

from kxtui.db.find import find_regions
from kxtui.db.officers import add_officer
from kxtui.db.rows import Choice, OfficerInput
from kxtui.domain import AccessRole, RegionKind
from kxtui.i18n import label, t
from kxtui.screens.form import FormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, saved, select, text_input


def _add(data: OfficerInput) -> str:
    add_officer(data)
    return data.user_name


def _find_regions(text: str) -> tuple[Choice, ...]:
    """Regions by name or pinyin, each with its kind (村, 镇 ...) as the hint."""
    return tuple(c._replace(hint=label(c.hint, RegionKind)) for c in find_regions(text))


class OfficerFormScreen(FormScreen):
    """Dismisses with the new account's user name."""

    form_name = "officer"

    def __init__(self, *, draft: Any = None) -> None:
        super().__init__(draft=draft)
        self.title_text = t("form.officer.new")

    def fields(self) -> ComposeResult:
        yield FormField(
            "user_name", t("form.user_name"), text_input(placeholder=t("form.user_name_hint"))
        )
        yield FormField("name", t("form.officer_name"), text_input())
        roles = [(label(role), role.value) for role in AccessRole]
        yield FormField("role", t("form.role"), select(roles, None, blank=True))
        for name, caption in (("region", "form.region_scope"), ("view_region", "form.view_region")):
            finder = ChoiceInput(
                lambda text: (_find_regions, (text,)),
                placeholder=t("form.region_scope.hint") if name == "region" else "",
                id=name,
            )
            yield FormField(name, t(caption), finder)

    def _control(self, name: str) -> Any:
        return self.query_one(f"#field-{name}", FormField).control

    def values(self) -> dict[str, Any]:
        role = self._control("role").value
        region, view = self._control("region").choice, self._control("view_region").choice
        return {
            "user_name": saved(self._control("user_name")),
            "name": saved(self._control("name")),
            "role": "" if role is Select.NULL else role,
            "region_id": region.id if region else None,
            "view_region_id": view.id if view else None,
        }

    def action_save(self, confirmed: bool = False) -> None:
        # A region typed but not picked would be read as none (for a county admin: the whole
        # database): ask for a pick instead.
        for name in ("region", "view_region"):
            field = self.query_one(f"#field-{name}", FormField)
            if field.control.value.strip() and field.control.choice is None:
                field.set_error(t("field.choice"))
                field.control.focus()
                return
        super().action_save(confirmed)

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return _add, (OfficerInput(**self.values()),)

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        from kxtui.db.officers import check_officer

        return check_officer, (OfficerInput(**self.values()),)

    def draft_context(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        return {}
