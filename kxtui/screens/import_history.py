"""Import historical hours (历史时数) from an XLSX or CSV file (the platform's export, a paper
ledger typed up): Enter reads and checks every row — the person by ID number, mobile or
platform ID with the name agreeing, the dates, the hours — and lists every bad row; A writes
them all in one transaction, only when no row is bad. Reading, checking and writing run in
thread workers with a progress bar; Esc stops them and nothing is written. Dismisses with the
number of records imported, or None."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Label

from kxtui.db.sheets.headers import HISTORY
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.sheet_import import ImportDialog, Progress

if TYPE_CHECKING:
    from kxtui.db.sheets.import_history import HistoryReport
    from kxtui.db.sheets.read import SheetTable


def check(
    path: Path | None, table: SheetTable | None, progress: Progress
) -> tuple[SheetTable, HistoryReport]:
    """Runs in the worker: read the file (unless read already) and check every row."""
    from kxtui.db.sheets.import_history import HISTORY as LAYOUT
    from kxtui.db.sheets.import_history import check_table
    from kxtui.db.sheets.read import read_table

    if table is None:
        assert path is not None
        table = read_table(path, progress, LAYOUT)
    return table, check_table(table, progress=progress)


def write(table: SheetTable, progress: Progress) -> HistoryReport:
    """Runs in the worker: check again and write, all in one transaction."""
    from kxtui.db.sheets.import_history import import_table

    return import_table(table, progress=progress)


class HistoryImportScreen(ImportDialog):
    WORDS = "hsheet.import"
    HEADERS = HISTORY
    CLASSES = "-volunteers"
    BINDINGS = [
        Binding("escape", "close", "key.cancel", id="himport.cancel"),
        Binding(
            "ctrl+u", "upload", "zmodem.upload", id="himport.upload", show=False, priority=True
        ),
        Binding("a", "import_rows", "hsheet.import.key", id="himport.import"),
    ]
    report: HistoryReport | None

    def buttons(self) -> ComposeResult:
        yield Button(f"{t('hsheet.import.key')} (A)", id="import-all", compact=True,
                     variant="primary", disabled=True)  # fmt: skip

    def check_file(self, path: Path) -> None:
        self.query_one("#import-all", Button).disabled = True
        self.query_one("#import-keys", Label).update(t("vsheet.import.hint_busy"))
        self.run_job(partial(check, path, None), self._checked)

    def _checked(self, result: tuple[SheetTable, HistoryReport]) -> None:
        self.table, self.report = result
        self._show(self.report)

    def import_pressed(self, valid_only: bool) -> None:
        self.action_import_rows()

    def action_import_rows(self) -> None:
        report, table = self.report, self.table
        if self.busy or report is None or table is None:
            return
        if report.bad or not report.valid:
            self._show(report, Text(t("vsheet.import.refused", bad=report.bad), "bold red"))
            return
        self.query_one("#import-all", Button).disabled = True
        self.query_one("#import-keys", Label).update(t("vsheet.import.hint_busy"))
        self.run_job(partial(write, table), self._imported)

    def _imported(self, report: HistoryReport) -> None:
        if report.imported:
            self.app.notify(t("hsheet.import.done", count=report.imported,
                              volunteers=report.volunteers, hours=report.hours),
                            markup=False)  # fmt: skip
            self.dismiss(report.imported)
            return
        self.report = report  # the records changed meanwhile: show what the check says now
        self._show(report)

    def _show(self, report: HistoryReport, message: Text | None = None) -> None:
        counts = t("hsheet.summary", rows=f"{report.rows:,}", valid=f"{report.valid:,}",
                   volunteers=f"{report.volunteers:,}", hours=report.hours,
                   bad=f"{report.bad:,}")  # fmt: skip
        summary = Text(clean(f"{report.file}：{counts}", 300), style="bold")
        self.show_report(report.rows, summary, message)

    def enable_import(self) -> None:
        report = self.report
        assert report is not None
        self.query_one("#import-all", Button).disabled = bool(report.bad) or not report.valid
