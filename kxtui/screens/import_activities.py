"""Import activities from an XLSX or CSV file: check every row first, show what is wrong,
then import all rows (only when none is bad) or the valid rows only.

Reading, checking and writing run in thread workers with a progress bar. Dismisses with the
number of activities imported, or None when cancelled.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button

from kxtui.db.sheets.headers import ACTIVITIES
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.sheet_import import ImportDialog, Progress

if TYPE_CHECKING:
    from kxtui.db.sheets.import_activities import ImportReport
    from kxtui.db.sheets.read import SheetTable


def check(
    path: Path, default_region: int | None, progress: Progress
) -> tuple[SheetTable, ImportReport]:
    """Runs in the worker: read the file and check every row."""
    from kxtui.db.sheets.import_activities import check_table
    from kxtui.db.sheets.read import read_table

    table = read_table(path, progress)
    return table, check_table(table, default_region=default_region, progress=progress)


def write(
    table: SheetTable, valid_only: bool, default_region: int | None, progress: Progress
) -> ImportReport:
    """Runs in the worker: check again and write, all in one transaction."""
    from kxtui.db.sheets.import_activities import import_table

    return import_table(
        table, valid_only=valid_only, default_region=default_region, progress=progress
    )


class ImportScreen(ImportDialog):
    WORDS = "sheet.import"
    HEADERS = ACTIVITIES
    BINDINGS = [
        Binding("escape", "close", "key.cancel", id="import.cancel"),
        Binding("ctrl+u", "upload", "zmodem.upload", id="import.upload", show=False, priority=True),
        Binding("a", "import_rows(False)", "sheet.key.import_all", id="import.all"),
        Binding("v", "import_rows(True)", "sheet.key.import_valid", id="import.valid"),
    ]
    report: ImportReport | None

    def buttons(self) -> ComposeResult:
        yield Button(f"{t('sheet.key.import_all')} (A)", id="import-all", compact=True,
                     variant="primary", disabled=True)  # fmt: skip
        yield Button(f"{t('sheet.key.import_valid')} (V)", id="import-valid", compact=True,
                     disabled=True)  # fmt: skip

    def check_file(self, path: Path) -> None:
        self._disable()
        self.run_job(partial(check, path, self.region_id), self._checked)

    def _checked(self, result: tuple[SheetTable, ImportReport]) -> None:
        self.table, self.report = result
        self._show(self.report)

    def import_pressed(self, valid_only: bool) -> None:
        self.action_import_rows(valid_only)

    def action_import_rows(self, valid_only: bool) -> None:
        report, table = self.report, self.table
        if self.busy or report is None or table is None:
            return
        if report.bad and not valid_only:
            self._show(report, Text(t("sheet.import.all_refused", bad=report.bad), "bold red"))
            return
        if report.valid - report.present == 0:
            self._show(report, Text(t("sheet.import.nothing"), style="bold"))
            return
        self._disable()
        self.run_job(partial(write, table, valid_only, self.region_id), self._imported)

    def _imported(self, report: ImportReport) -> None:
        if report.imported:
            self.app.notify(t("sheet.import.done", count=report.imported), markup=False)
            self.dismiss(report.imported)
            return
        self.report = report  # the records changed meanwhile: show what the check says now
        self._show(report)

    def _disable(self) -> None:
        for button in ("#import-all", "#import-valid"):
            self.query_one(button, Button).disabled = True

    def _show(self, report: ImportReport, message: Text | None = None) -> None:
        counts = t("sheet.import.counts", file=report.file, rows=f"{report.rows:,}",
                   valid=f"{report.valid:,}", warned=f"{report.warned:,}",
                   present=f"{report.present:,}", bad=f"{report.bad:,}")  # fmt: skip
        summary = Text(clean(counts, 300), style="bold")
        if report.warnings:
            summary.append("\n" + t("sheet.import.warnings_note"), style="dim")
        self.show_report(report.rows, summary, message)

    def enable_import(self) -> None:
        report = self.report
        assert report is not None
        new = report.valid - report.present
        self.query_one("#import-all", Button).disabled = bool(report.bad) or new == 0
        self.query_one("#import-valid", Button).disabled = new == 0
