"""One audit entry field by field: what each changed field held before and after.
Dismisses with True when the officer asks to undo it (u), else False."""

from __future__ import annotations

from rich.box import SIMPLE_HEAD
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kxtui.db.audit_text import entity_caption, field_caption, shown, value_text, written_by
from kxtui.db.rows import AuditDetail
from kxtui.display import clean
from kxtui.i18n import t, words
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.audit_table import action_text


def changes_table(detail: AuditDetail) -> Table:
    row = detail.row
    table = Table(box=SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False,
                  header_style="bold")  # fmt: skip
    table.add_column(t("audit.col.field"), ratio=2, no_wrap=True)
    table.add_column(t("audit.col.old"), ratio=3, style="red")
    table.add_column(t("audit.col.new"), ratio=3, style="green")
    for change in shown(detail.changes):
        table.add_row(
            Text(clean(field_caption(row.entity, change.field, words()), 40)),
            Text(clean(value_text(change.field, change.old, words(), detail.names), 400)),
            Text(clean(value_text(change.field, change.new, words(), detail.names), 400)),
        )
    return table


class AuditEntryScreen(TranslatedBindings, ModalScreen[bool]):
    DEFAULT_CSS = """
    AuditEntryScreen { align: center middle; }
    AuditEntryScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    AuditEntryScreen #entry-title { text-style: bold; }
    AuditEntryScreen #entry-summary { color: $text-muted; }
    AuditEntryScreen VerticalScroll { height: auto; max-height: 1fr; }
    AuditEntryScreen #entry-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "close", "key.close", id="entry.close"),
        Binding("u", "undo", "key.undo_change", id="entry.undo"),
    ]
    WRITES = frozenset({"undo"})

    def __init__(self, detail: AuditDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        row, shown_in = self.detail.row, words()
        title = t("audit.detail.title", id=row.id, at=row.at.strftime("%Y-%m-%d %H:%M"),
                  actor=written_by(row.actor, row.account, shown_in), action=action_text(row),
                  entity=entity_caption(row.entity, shown_in),
                  record=row.entity_id or "")  # fmt: skip
        with Vertical():
            yield Label(Text(clean(title, 200)), id="entry-title")
            where = " · ".join(part for part in (row.region, row.summary) if part)
            yield Label(Text(clean(where, 200)), id="entry-summary")
            with VerticalScroll():
                if self.detail.changes:
                    yield Static(changes_table(self.detail), id="entry-changes")
                else:
                    yield Static(t("audit.detail.no_changes"), id="entry-changes")
            yield Label(t("audit.detail.keys"), id="entry-keys")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(False)

    def action_undo(self) -> None:
        self.dismiss(True)
