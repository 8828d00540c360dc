"""The audit log (审计日志): every change, newest first, searched and filtered by officer,
region, table and period; Enter shows one change field by field, u undoes one's own, x
exports."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from kxtui import clock
from kxtui.dates import Period, next_period, period_bounds
from kxtui.db import audit
from kxtui.db.audit_text import entity_caption
from kxtui.db.changes import Change
from kxtui.db.rows import AuditDetail, AuditFilter, AuditRow, AuditWriter, Choice
from kxtui.db.undo import undo
from kxtui.display import clean
from kxtui.i18n import t, words
from kxtui.screens.base import SearchedTable, TranslatedBindings
from kxtui.screens.pick_writer import PickWriterScreen, writer_label
from kxtui.widgets.audit_table import AuditTable, action_text
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.search_field import SearchField
from kxtui.widgets.workers import run_db

TABLES = (None, "region", "venue", "activity", "volunteer", "team")


class AuditScreen(SearchedTable[AuditFilter], TranslatedBindings, Screen[None]):
    SEARCH = "#audit-search"
    HEADER = "#audit-header"
    OPEN = "detail"
    DEFAULT_CSS = """
    AuditScreen #audit-filter { height: auto; color: $text-accent; padding: 0 1; }
    AuditScreen #audit-search { margin: 0 1; }
    AuditScreen #audit-header { height: 1; text-style: bold; color: $text-muted; padding: 0 1; }
    AuditScreen AuditTable { padding: 0 1; }
    AuditScreen #audit-count { height: auto; background: $boost; padding: 0 1; }
    """
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
        super().__init__()
        self.scope = region
        self.period = Period.MONTH
        start, end = period_bounds(self.period, clock.today())
        self.filter = AuditFilter(region_id=region.id if region else None, start=start, end=end)
        self.names: dict[str, str] = {}  # writers' login names → "李明 (liming)"

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        yield Static("", id="audit-filter")
        yield SearchField(t("audit.search_hint"), id="audit-search")
        yield Static("", id="audit-header")
        yield AuditTable(audit.page, id="audit-table")
        yield Static("", id="audit-count")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("audit.title")
        self.reload()

    @property
    def table(self) -> AuditTable:
        return self.query_one(AuditTable)

    def reload(self, f: AuditFilter | None = None) -> None:
        """Show the first page of `f` (default: the current filter) and count it."""
        self.filter = f or self.filter
        self._show_filter()
        self._show_header()
        self.table.show(self.filter)
        self.query_one("#audit-count", Static).update(Text(t("audit.counting"), style="dim"))
        self._count()

    def data_changed(self, change: Change) -> None:
        """Every write adds entries: the rows in view and the count are read again, the
        cursor and the scroll stay."""
        self.table.reload()
        self._count()

    def _count(self) -> None:
        run_db(self, audit.count, self.filter, done=self._counted, group="audit-count", read=True)

    def _counted(self, count: int) -> None:
        self.table.set_total(count)
        key = "audit.count" if count else "audit.empty"
        self.query_one("#audit-count", Static).update(t(key, count=f"{count:,}"))

    def _show_filter(self) -> None:
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
        if f.start or f.end:
            parts.append(f"{f.start or '…'} — {f.end or '…'}")
        else:
            parts.append(t("ledger.period.all"))
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        self.query_one("#audit-filter", Static).update(Text(" · ".join(parts)))

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

    def action_period(self) -> None:
        self.period = next_period(self.period)
        start, end = period_bounds(self.period, clock.today())
        self.reload(self.filter._replace(start=start, end=end))

    # -- entries ---------------------------------------------------------------

    def _selected(self) -> AuditRow | None:
        return self.table.cursor_row if self.table.total else None

    def action_detail(self) -> None:
        row = self._selected()
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
        row = self._selected()
        if row is None:
            return
        from kxtui.screens.confirm import ConfirmScreen

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_db(self, undo, row.id, done=undone, group="write")

        def undone(_: Any) -> None:
            self.notify(t("audit.undo_done", id=row.id), timeout=4)
            self.reload()

        entity = entity_caption(row.entity, words())
        question = t("audit.confirm_undo", id=row.id, action=action_text(row), entity=entity,
                     summary=clean(row.summary, 60))  # fmt: skip
        answer = ConfirmScreen(question, t("audit.undo_yes"), t("audit.undo_no"))
        self.app.push_screen(answer, confirmed)

    def action_export(self) -> None:
        from kxtui.screens.export_audit import AuditExportScreen

        self.app.push_screen(AuditExportScreen(self.filter, self.table.total))
