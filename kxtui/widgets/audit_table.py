"""The audit log's table: a `PagedTable` of `audit.page`, newest first."""

from __future__ import annotations

from kxtui.db.audit_text import action_caption, entity_caption, written_by
from kxtui.db.rows import AuditFilter, AuditRow
from kxtui.i18n import t, words
from kxtui.widgets.paged_table import Page, PagedTable


def action_text(row: AuditRow) -> str:
    """The action, with the entry an undo reversed or the mark of an undone change."""
    text = action_caption(row.action, words())
    if row.undoes is not None:
        return f"{text} #{row.undoes}"
    return f"{text}·{t('audit.undone')}" if row.undone else text


class AuditTable(PagedTable):
    NARROW = (("at", 11), ("actor", 8), ("action", 11), ("entity", 6), ("summary", 0))
    WIDE = (("id", 7), ("at", 16), ("actor", 10), ("action", 12), ("entity", 6),
            ("record", 7), ("region", 12), ("summary", 0))  # fmt: skip
    RIGHT = frozenset({"id", "record"})
    CAPTIONS = "audit.col"

    def __init__(self, page: Page, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(page, id=id)
        self.filter = AuditFilter()

    def cell(self, row: AuditRow, column: str) -> str:
        if column == "at":
            return row.at.strftime("%Y-%m-%d %H:%M" if self.size.width >= 110 else "%m-%d %H:%M")
        if column == "action":
            return action_text(row)
        if column == "entity":
            return entity_caption(row.entity, words())
        if column == "record":
            return "" if row.entity_id is None else f"#{row.entity_id}"
        if column == "id":
            return str(row.id)
        if column == "actor":
            return written_by(row.actor, row.account, words())
        return str(getattr(row, column))
