"""Add or edit a region (county, town, subdistrict, village, community, grid)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select

from kxtui import clock
from kxtui.db import region_writes, regions
from kxtui.db.rows import Crumb, Draft, NodeRef, RegionDetail, RegionInput
from kxtui.domain import CHILD_KINDS, RegionKind
from kxtui.i18n import label, t
from kxtui.screens.form import FormScreen
from kxtui.widgets.form_field import FormField, saved, select, text_input


class RegionFormScreen(FormScreen):
    """New child region under `parent` (None: a county), or edit `existing`."""

    form_name = "region"

    def __init__(
        self,
        *,
        parent: Crumb | None = None,
        existing: RegionDetail | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.parent_crumb = parent
        self.existing = existing
        if existing is not None and draft is None:
            self.draft_target = f"region:{existing.id}"
        if existing is not None:
            self.title_text = t("form.region.edit", name=existing.name)
            parent_kind = existing.path[-2].type if len(existing.path) > 1 else None
        elif parent is not None:
            self.title_text = t("form.region.new", parent=parent.name)
            parent_kind = parent.type
        else:
            self.title_text = t("form.region.new_top")
            parent_kind = None
        self.kinds = CHILD_KINDS[RegionKind(parent_kind) if parent_kind else None]

    def fields(self) -> ComposeResult:
        current = self.existing
        kind = current.kind if current else (self.kinds[0].value if len(self.kinds) == 1 else None)
        options = [(label(k), k.value) for k in self.kinds]
        yield FormField("name", t("form.name"), text_input(current.name if current else ""))
        yield FormField("kind", t("form.kind"), select(options, kind, blank=False))
        yield FormField("code", t("form.code"), text_input(current.code or "" if current else ""))
        population = str(current.population) if current and current.population else ""
        yield FormField("population", t("form.population"), text_input(population))

    def _control(self, field: str) -> Any:
        return self.query_one(f"#field-{field}", FormField).control

    def values(self) -> dict[str, Any]:
        kind = self._control("kind").value
        return {
            "name": saved(self._control("name")),
            "kind": "" if kind is Select.NULL else kind,
            "code": saved(self._control("code")),
            "population": saved(self._control("population")),
        }

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        data = RegionInput(**self.values())
        if self.existing is not None:
            return _update, (self.existing.id, self.existing.version, data)
        parent_id = self.parent_crumb.ref.id if self.parent_crumb else None
        return _create, (parent_id, data)

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        parent_id = self.parent_crumb.ref.id if self.parent_crumb else None
        region_id = self.existing.id if self.existing else None
        return region_writes.check_region, (RegionInput(**self.values()), parent_id, region_id)

    def draft_context(self) -> dict[str, Any]:
        if self.existing is not None:
            return {"region_id": self.existing.id, "version": self.existing.version}
        return {"parent_id": self.parent_crumb.ref.id if self.parent_crumb else None}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        if "region_id" in context:
            detail = regions.detail(context["region_id"], clock.today())
            # the version the draft was typed against: a save after someone else's is refused
            return (
                {"existing": detail._replace(version=context.get("version", detail.version))}
                if detail
                else None
            )
        if context.get("parent_id") is None:
            return {"parent": None}
        path = regions.path_to_root(NodeRef("region", context["parent_id"]))
        return {"parent": path[-1]} if path else None


def _create(parent_id: int | None, data: RegionInput) -> NodeRef:
    return NodeRef("region", region_writes.create_region(parent_id, data))


def _update(region_id: int, version: int, data: RegionInput) -> NodeRef:
    region_writes.update_region(region_id, version, data)
    return NodeRef("region", region_id)
