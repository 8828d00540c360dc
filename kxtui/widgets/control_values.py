"""The value of a form's control, whatever widget it is: as JSON keeps it (a draft, the
conflict dialog's comparison), as the person sees it (a choice's label, not its code), and put
back (a resumed draft, someone else's save)."""

from __future__ import annotations

from typing import Any, cast

from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, SelectionList, TextArea
from textual.widgets.selection_list import Selection

from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, Valued


def control_value(widget: Widget | None) -> Any:
    """A control's value as JSON can keep it."""
    if widget is None:
        return None
    if hasattr(widget, "draft_value"):
        return widget.draft_value
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else widget.value
    if isinstance(widget, SelectionList):
        return list(widget.selected)
    if isinstance(widget, TextArea):
        return widget.text
    return cast(Valued, widget).value


def holds_input(widget: Widget | None) -> bool:
    """Whether a field's extra widget holds input (a note beside a checkbox), not a hint."""
    return widget is not None and (hasattr(widget, "value") or hasattr(widget, "draft_value"))


def shown_value(widget: Widget | None) -> str:
    """A control's value as the person sees it (a choice's label, not its code)."""
    value = control_value(widget)
    if isinstance(widget, Select):
        labels = {option: str(prompt) for prompt, option in widget._options}
        return labels.get(widget.value, "") if widget.value is not Select.NULL else ""
    if isinstance(widget, Checkbox):
        return t("audit.yes") if value else t("audit.no")
    if isinstance(widget, SelectionList):
        # by value: get_option() takes an option's id, which a selection does not have
        # (its options are Selections, typed as the Options of the list it extends)
        labels = {cast(Selection[Any], o).value: str(o.prompt) for o in widget.options}
        return "、".join(labels[v] for v in value)
    if isinstance(value, dict):  # a chosen record, or what was typed to find one
        return str(value.get("name") or value.get("text") or "")
    if isinstance(value, list):  # picked records: [id, name, ...] each
        return "、".join(" ".join(str(part) for part in item[1:] if part not in (None, "", False))
                        for item in value)  # fmt: skip
    return "" if value is None else str(value)


def set_control_value(widget: Widget | None, value: Any) -> None:
    if widget is None or value is None:
        return
    if hasattr(widget, "restore_draft"):
        widget.restore_draft(value)
    elif isinstance(widget, Select):
        widget.value = value if value else Select.NULL
    elif isinstance(widget, SelectionList):
        widget.deselect_all()
        for item in value:
            widget.toggle(item)  # deselected above, so this selects it
    elif isinstance(widget, TextArea):
        widget.text = value
    else:
        cast(Valued, widget).value = value


# -- a form's fields -------------------------------------------------------------------


def field_values(form: Widget) -> dict[str, Any]:
    """Every field's control (and its extra control) as JSON-safe values."""
    out: dict[str, Any] = {}
    for field in form.query(FormField):
        value = control_value(field.control)
        out[field.field] = (
            [value, control_value(field.extra)] if holds_input(field.extra) else value
        )
    return out


def shown_values(form: Widget) -> dict[str, str]:
    """Every field as the person sees it (for the conflict dialog)."""
    out = {}
    for field in form.query(FormField):
        extra = f" {shown_value(field.extra)}" if holds_input(field.extra) else ""
        out[field.field] = (shown_value(field.control) + extra).strip()
    return out


def restore_fields(form: Widget, values: dict[str, Any]) -> None:
    """Put `values` (as `field_values` gave them) back into the fields they name."""
    for field in form.query(FormField):
        if field.field in values:
            value = values[field.field]
            if holds_input(field.extra) and isinstance(value, list) and len(value) == 2:
                set_control_value(field.control, value[0])
                set_control_value(field.extra, value[1])
            else:
                set_control_value(field.control, value)


def first_typed(form: Widget) -> str:
    """The first text typed in a field (a choice's label, not its code), or ""."""
    texts = (
        shown_value(field.control).strip()
        for field in form.query(FormField)
        if isinstance(field.control, Input | TextArea | ChoiceInput)
    )
    return next((text for text in texts if text), "")
