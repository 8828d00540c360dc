"""The audit log (审计日志): every change, newest first, searched and filtered by officer,
region, table and period; Enter shows one change field by field, u undoes one's own, x
exports."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

from kxtui import clock
from kxtui.dates import Period, period_bounds
from kxtui.db import audit
from kxtui.db.audit_text import entity_caption
from kxtui.db.rows import AuditDetail, AuditFilter, AuditRow, AuditWriter, Choice
from kxtui.db.undo import undo
from kxtui.display import clean
from kxtui.i18n import t, words
from kxtui.screens.list_screen import ListScreen
from kxtui.screens.pick_writer import PickWriterScreen, writer_label
from kxtui.widgets.audit_table import AuditTable, action_text
from kxtui.widgets.workers import run_db

TABLES = (None, "region", "venue", "activity", "volunteer", "team")


class AuditScreen(ListScreen[AuditFilter, AuditTable]):
    NAME = "audit"
    TABLE = AuditTable
    OPEN = "detail"
    BINDINGS = [
        Binding("slash", "search", "key.search", id="audit.search"),
        Binding("enter", "detail", "key.detail", id="audit.detail"),
        Binding("u", "undo", "key.undo_change", id="audit.undo"),
        Binding("o", "officer", "key.officer", id="audit.officer"),
        Binding("r", "region", "key.region_scope", id="audit.region"),
        Binding("k", "table", "key.table", id="audit.table"),
        Binding("p", "period", "key.period", id="audit.period"),
        Binding("x", "export", "key.export", id="audit.export"),
        Binding("escape", "back", "key.back", id="audit.back"),
    ]
    WRITES = frozenset({"undo"})
    KEY_RANK = ("detail", "undo", "period", "officer", "region", "table", "export", "back")

    def __init__(self, region: Choice | None) -> None:
        self.scope = region
        self.period = Period.MONTH
        start, end = period_bounds(self.period, clock.today())
        self.names: dict[str, str] = {}  # writers' login names → "李明 (liming)"
        super().__init__(AuditFilter(region_id=region.id if region else None, start=start,
                                     end=end))  # fmt: skip

    def page(self, f: AuditFilter, **where: Any) -> tuple[AuditRow, ...]:
        return audit.page(f, **where)

    def count(self, f: AuditFilter) -> int:
        return audit.count(f)

    def count_text(self, counted: int) -> str:
        return t("audit.count" if counted else "audit.empty", count=f"{counted:,}")

    def filter_parts(self) -> list[str]:
        f = self.filter
        region = self.scope if f.region_id is not None else None
        parts = [clean(region.name, 20) if region else t("audit.everywhere")]
        parts.append(
            t("audit.f.actor", actor=self.names.get(f.actor, clean(f.actor, 20)))
            if f.actor
            else t("audit.everyone")
        )
        parts.append(
            t("audit.f.entity", entity=entity_caption(f.entity, words()))
            if f.entity
            else t("audit.all_tables")
        )
        parts.append(self.period_text())
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        return parts

    # -- filters ---------------------------------------------------------------

    def action_officer(self) -> None:
        """Choose whose changes to show, from those who have written in the view."""
        run_db(self, audit.writers, done=self._pick_writer, group="audit-writers", read=True)

    def _pick_writer(self, writers: tuple[AuditWriter, ...]) -> None:
        self.names = {w.user: writer_label(w) for w in writers}

        def chosen(user: str | None) -> None:
            if user is not None:
                self.reload(self.filter._replace(actor=user or None))

        self.app.push_screen(PickWriterScreen(writers, self.filter.actor), chosen)

    def action_region(self) -> None:
        """The region the screen was opened on, or every region."""
        if self.scope is not None:
            region_id = None if self.filter.region_id is not None else self.scope.id
            self.reload(self.filter._replace(region_id=region_id))

    def action_table(self) -> None:
        entity = TABLES[(TABLES.index(self.filter.entity) + 1) % len(TABLES)]
        self.reload(self.filter._replace(entity=entity))

    # -- entries ---------------------------------------------------------------

    def action_detail(self) -> None:
        row = self.selected
        if row is None:
            return

        def loaded(detail: AuditDetail | None) -> None:
            from kxtui.screens.audit_entry import AuditEntryScreen

            if detail is not None:
                self.app.push_screen(AuditEntryScreen(detail), self._entry_closed)

        run_db(self, audit.detail, row.id, done=loaded, group="audit-open")

    def _entry_closed(self, undo: bool | None) -> None:
        if undo:
            self.action_undo()

    def action_undo(self) -> None:
        row = self.selected
        if row is None:
            return
        from kxtui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_db(self, undo, row.id, done=undone, group="write")

        def undone(_: Any) -> None:
            self.notify(t("audit.undo_done", id=row.id), timeout=4)  # the rows follow

        entity = entity_caption(row.entity, words())
        question = t("audit.confirm_undo", id=row.id, action=action_text(row), entity=entity,
                     summary=clean(row.summary, 60))  # fmt: skip
        answer = ConfirmScreen(question, t("audit.undo_yes"), t("audit.undo_no"))
        self.app.push_screen(answer, confirmed)

    def action_export(self) -> None:
        from kxtui.screens.export_audit import AuditExportScreen

        self.app.push_screen(AuditExportScreen(self.filter, self.table.total))
