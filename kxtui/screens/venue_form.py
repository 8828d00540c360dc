"""Add or edit a venue (阵地), with the six haves (六有) ticked and noted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Checkbox, Select

from kxtui import clock
from kxtui.db import venues
from kxtui.db.rows import Crumb, Draft, NodeRef, VenueDetail, VenueInput
from kxtui.domain import SixHave, VenueLevel, VenueType
from kxtui.i18n import label, t
from kxtui.screens.form import FormScreen
from kxtui.widgets.form_field import FormField, saved, select, text_input

TEXT_FIELDS = ("name", "contact", "phone", "address")


class VenueFormScreen(FormScreen):
    """New venue in `region`, or edit `existing`."""

    form_name = "venue"

    def __init__(
        self,
        *,
        region: Crumb | None = None,
        existing: VenueDetail | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.region_crumb = region
        self.existing = existing
        if existing is not None and draft is None:
            self.draft_target = f"venue:{existing.id}"
        if existing is not None:
            self.title_text = t("form.venue.edit", name=existing.name)
        else:
            assert region is not None
            self.title_text = t("form.venue.new", region=region.name)

    def fields(self) -> ComposeResult:
        v = self.existing
        yield FormField("name", t("form.name"), text_input(v.name if v else ""))
        yield FormField(
            "type",
            t("form.venue_type"),
            select([(label(x), x.value) for x in VenueType], v.type if v else None, blank=True),
        )
        yield FormField(
            "level",
            t("form.level"),
            select([(label(x), x.value) for x in VenueLevel], v.level if v else None, blank=True),
        )
        yield FormField("contact", t("form.contact"), text_input(v.contact if v else ""))
        yield FormField(
            "phone", t("form.phone"), text_input(v.phone if v else "", placeholder="0532-87654321")
        )
        yield FormField("address", t("form.address"), text_input(v.address if v else ""))
        states = {s.item: s for s in v.six} if v else {}
        for item in SixHave:
            state = states.get(item.value)
            from_ledger = item == SixHave.ACTIVITIES  # not ticked: the ledger says it
            yield FormField(
                f"six_{item.value}_note",
                label(item),
                Checkbox(
                    t("form.six_from_ledger") if from_ledger else label(item),
                    state.met if state else False,
                    compact=True,
                    disabled=from_ledger,
                ),
                extra=text_input(state.note if state else "", placeholder=t("form.note")),
            )

    def _field(self, name: str) -> FormField:
        return self.query_one(f"#field-{name}", FormField)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: saved(self._field(name).control) for name in TEXT_FIELDS}
        for name in ("type", "level"):
            value = self._field(name).control.value
            out[name] = "" if value is Select.NULL else value
        for item in SixHave:
            field = self._field(f"six_{item.value}_note")
            out[f"six_{item.value}"] = (field.control.value, saved(field.extra))
        return out

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        raw = self.values()
        data = VenueInput(
            **{k: raw[k] for k in (*TEXT_FIELDS, "type", "level")},
            six={item.value: raw[f"six_{item.value}"] for item in SixHave},
        )
        if self.existing is not None:
            return _update, (self.existing.id, self.existing.version, data)
        assert self.region_crumb is not None
        return _create, (self.region_crumb.ref.id, data)

    def draft_context(self) -> dict[str, Any]:
        if self.existing is not None:
            return {"venue_id": self.existing.id, "version": self.existing.version}
        assert self.region_crumb is not None
        return {"region_id": self.region_crumb.ref.id}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        if "venue_id" in context:
            detail = venues.detail(context["venue_id"], clock.today())
            return (
                {"existing": detail._replace(version=context.get("version", detail.version))}
                if detail
                else None
            )
        from kxtui.db.regions import path_to_root

        path = path_to_root(NodeRef("region", context["region_id"]))
        return {"region": path[-1]} if path else None


def _create(region_id: int, data: VenueInput) -> NodeRef:
    return NodeRef("venue", venues.create_venue(region_id, data))


def _update(venue_id: int, version: int, data: VenueInput) -> NodeRef:
    venues.update_venue(venue_id, version, data)
    return NodeRef("venue", venue_id)
