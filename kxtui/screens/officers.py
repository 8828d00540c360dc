"""Officer accounts (county admins): the list, `a` adds one in a form, `d` disables the
selected account (after asking), `e` enables it again."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Label

from kxtui.db.engine.changes import Change
from kxtui.db.officers import accounts, set_active
from kxtui.db.rows import OfficerRow
from kxtui.display import clean
from kxtui.domain import AccessRole
from kxtui.i18n import label, t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.confirm import ConfirmScreen
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.workers import run_db

# the state beside the name, the least needed column last (cut first at 80 columns)
COLUMNS = ("form.user_name", "form.officer_name", "officers.state", "form.role",
           "form.region_scope", "officers.view")  # fmt: skip


def _accounts() -> tuple[OfficerRow, ...]:
    return accounts()


def _set_active(user_name: str, active: bool) -> str:
    set_active(user_name, active)
    return user_name


class OfficersScreen(TranslatedBindings, Screen[None]):
    DEFAULT_CSS = """
    OfficersScreen > Vertical { padding: 0 1; }
    OfficersScreen #officers-title { text-style: bold; }
    OfficersScreen DataTable { height: 1fr; }
    OfficersScreen #officers-status { color: $text-muted; }
    """
    BINDINGS = [
        Binding("a", "add", "key.add", id="officers.add"),
        # one key for both (e edits everywhere else): disables an active account, enables
        # a disabled one
        Binding("d", "switch", "key.disable_enable", id="officers.switch"),
        Binding("escape", "back", "key.back", id="officers.back"),
    ]
    WRITES = frozenset({"add", "switch"})

    def __init__(self) -> None:
        super().__init__()
        self.rows: tuple[OfficerRow, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("officers.title"), id="officers-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="officers-table")
            yield Label("", id="officers-status")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(t(key) for key in COLUMNS))
        table.focus()
        self.reload()

    def reload(self, select: str | None = None) -> None:
        run_db(self, _accounts, done=lambda rows: self._show(rows, select), group="officers")

    def data_changed(self, change: Change) -> None:
        if change.touches("officer_account"):
            row = self._selected()
            self.reload(select=row.user_name if row else None)

    def _show(self, rows: tuple[OfficerRow, ...], select: str | None) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        table.clear()
        whole = t("scope.whole")
        for row in rows:
            state = t("officers.active") if row.active else t("officers.disabled")
            style = "" if row.active else "dim"
            table.add_row(
                *(Text(clean(cell, 40), style=style) for cell in (
                    row.user_name, row.name, state, label(row.role, AccessRole),
                    row.region.name if row.region else whole,
                    row.view_region.name if row.view_region else "",
                )),
                key=row.user_name,
            )  # fmt: skip
            if row.user_name == select:
                table.move_cursor(row=table.row_count - 1)
        active = sum(row.active for row in rows)
        self.query_one("#officers-status", Label).update(
            t("officers.count", count=len(rows), active=active)
        )

    def _selected(self) -> OfficerRow | None:
        table = self.query_one(DataTable)
        if not self.rows or table.cursor_row is None:
            return None
        return self.rows[table.cursor_row]

    def action_add(self) -> None:
        from kxtui.screens.officer_form import OfficerFormScreen

        def added(user_name: Any) -> None:
            if user_name:
                self.notify(t("officers.added", user=user_name), timeout=4)
                self.reload(select=user_name)

        self.app.push_screen(OfficerFormScreen(), added)

    def action_switch(self) -> None:
        row = self._selected()
        if row is None:
            return
        if not row.active:
            self._set(row.user_name, True)
            return
        question = t("officers.confirm_disable", name=row.name, user=row.user_name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._set(row.user_name, False)

        self.app.push_screen(
            ConfirmScreen(question, t("officers.disable"), t("officers.keep")), answered
        )

    def _set(self, user_name: str, active: bool) -> None:
        def done(user: str) -> None:
            key = "officers.enabled_done" if active else "officers.disabled_done"
            self.notify(t(key, user=user), timeout=4)
            self.reload(select=user)

        run_db(self, _set_active, user_name, active, done=done, group="write")

    def action_back(self) -> None:
        self.dismiss()
