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
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from kxtui.db.sheet_headers import ACTIVITIES
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.sheet_import import Progress, SheetJob

if TYPE_CHECKING:
    from kxtui.db.sheets_import import ImportReport
    from kxtui.db.sheets_read import SheetTable


def check(
    path: Path, default_region: int | None, progress: Progress
) -> tuple[SheetTable, ImportReport]:
    """Runs in the worker: read the file and check every row."""
    from kxtui.db.sheets_import import check_table
    from kxtui.db.sheets_read import read_table

    table = read_table(path, progress)
    return table, check_table(table, default_region=default_region, progress=progress)


def write(
    table: SheetTable, valid_only: bool, default_region: int | None, progress: Progress
) -> ImportReport:
    """Runs in the worker: check again and write, all in one transaction."""
    from kxtui.db.sheets_import import import_table

    return import_table(
        table, valid_only=valid_only, default_region=default_region, progress=progress
    )


class ImportScreen(SheetJob, TranslatedBindings, ModalScreen[int | None]):
    CSS_PATH = "sheet_import.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.cancel", id="import.cancel"),
        Binding("ctrl+u", "upload", "zmodem.upload", id="import.upload", show=False, priority=True),
        Binding("a", "import_rows(False)", "sheet.key.import_all", id="import.all"),
        Binding("v", "import_rows(True)", "sheet.key.import_valid", id="import.valid"),
    ]
    WRITES = frozenset({"import_rows"})

    def __init__(self, region_id: int | None) -> None:
        super().__init__()
        self.region_id = region_id  # rows without a county are looked up in its county
        self.table: SheetTable | None = None
        self.report: ImportReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import", classes="sheet-import"):
            yield Label(t("sheet.import.title"), id="import-title")
            yield from self.path_row("sheet.import.placeholder")
            with Horizontal(id="import-progress-row"):
                yield Label("", id="import-stage")
                yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-summary")
            yield DataTable(id="import-problems", cursor_type="row", show_cursor=False)
            with Horizontal(id="import-buttons"):
                yield Button(f"{t('sheet.key.import_all')} (A)", id="import-all", compact=True,
                             variant="primary", disabled=True)  # fmt: skip
                yield Button(f"{t('sheet.key.import_valid')} (V)", id="import-valid",
                             compact=True, disabled=True)  # fmt: skip
                yield Button(f"{t('key.cancel')} (Esc)", id="import-cancel", compact=True)
            yield Label(t("sheet.import.hint_path"), id="import-keys")

    def on_mount(self) -> None:
        self.query_one(DataTable).display = False
        self.query_one("#import-path", Input).focus()

    # -- checking --------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.busy:
            return
        if not text:
            self.summary(Text(t("sheet.import.no_path"), style="bold red"))
            return
        self._disable()
        self.run_job(partial(check, Path(text).expanduser(), self.region_id), self._checked)

    def _checked(self, result: tuple[SheetTable, ImportReport]) -> None:
        self.table, self.report = result
        self._show(self.report)

    # -- importing -------------------------------------------------------------------------

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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import-upload":
            self.upload()
        elif event.button.id == "import-cancel":
            self.action_close()
        else:
            self.action_import_rows(event.button.id == "import-valid")

    def action_close(self) -> None:
        if self.busy:
            self.stop_job()  # nothing of it is written
        else:
            self.dismiss(None)

    # -- showing ---------------------------------------------------------------------------

    def _disable(self) -> None:
        for button in ("#import-all", "#import-valid"):
            self.query_one(button, Button).disabled = True

    def job_failed(self) -> None:
        if self.report is not None:
            self._enable(self.report)

    def _show(self, report: ImportReport, message: Text | None = None) -> None:
        self.finish_progress(report.rows)
        counts = t("sheet.import.counts", file=report.file, rows=f"{report.rows:,}",
                   valid=f"{report.valid:,}", warned=f"{report.warned:,}",
                   present=f"{report.present:,}", bad=f"{report.bad:,}")  # fmt: skip
        summary = Text(clean(counts, 300), style="bold")
        if report.warnings:
            summary.append("\n" + t("sheet.import.warnings_note"), style="dim")
        if report.unknown_columns:
            columns = clean(", ".join(report.unknown_columns), 120)
            summary.append("\n" + t("sheet.import.unknown_columns", columns=columns), style="dim")
        if message is not None:
            summary.append("\n")
            summary.append_text(message)
        self.summary(summary)
        self.query_one("#import").add_class("-report")  # full height: the table gets the rest
        self.fill_problems(report.errors, report.warnings, ACTIVITIES)
        self._enable(report)
        self.query_one("#import-keys", Label).update(t("sheet.import.hint_report"))
        problems = self.query_one(DataTable)
        if problems.row_count:
            problems.focus()
        else:
            self.query_one("#import-all", Button).focus()

    def _enable(self, report: ImportReport) -> None:
        new = report.valid - report.present
        self.query_one("#import-all", Button).disabled = bool(report.bad) or new == 0
        self.query_one("#import-valid", Button).disabled = new == 0
