"""Import activities from an XLSX or CSV file: check every row first, show what is wrong,
then import all rows (only when none is bad) or the valid rows only.

Reading, checking and writing run in thread workers with a progress bar. Dismisses with the
number of activities imported, or None when cancelled.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from kxtui.db.errors import KxError
from kxtui.display import clean, literal
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.workers import run_db

if TYPE_CHECKING:
    from kxtui.db.sheets import Problem
    from kxtui.db.sheets_import import ImportReport
    from kxtui.db.sheets_read import SheetTable

SHOWN_PROBLEMS = 1000  # the table lists this many; the counts above it say how many in all
_ROW, _COLUMN = 6, 12  # widths of the table's first two columns
Progress = Callable[[str, int, int], None]


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


class ImportScreen(TranslatedBindings, ModalScreen[int | None]):
    CSS_PATH = "import_activities.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.cancel", id="import.cancel"),
        Binding("a", "import_rows(False)", "sheet.key.import_all", id="import.all"),
        Binding("v", "import_rows(True)", "sheet.key.import_valid", id="import.valid"),
    ]

    def __init__(self, region_id: int | None) -> None:
        super().__init__()
        self.region_id = region_id  # rows without a county are looked up in its county
        self.busy = False
        self.table: SheetTable | None = None
        self.report: ImportReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Label(t("sheet.import.title"), id="import-title")
            with Horizontal(id="import-path-row"):
                yield Label(t("sheet.import.path"), id="import-path-label")
                yield Input(placeholder=t("sheet.import.placeholder"), id="import-path",
                            compact=True)  # fmt: skip
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
            self._summary(Text(t("sheet.import.no_path"), style="bold red"))
            return
        self._start()
        job = partial(check, Path(text).expanduser(), self.region_id, self._report_progress)
        run_db(self, job, done=self._checked, failed=self._failed, group="import")

    def _checked(self, result: tuple[SheetTable, ImportReport]) -> None:
        self.busy = False
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
        self._start()
        job = partial(write, table, valid_only, self.region_id, self._report_progress)
        run_db(self, job, done=self._imported, failed=self._failed, group="import")

    def _imported(self, report: ImportReport) -> None:
        self.busy = False
        if report.imported:
            self.app.notify(t("sheet.import.done", count=report.imported), markup=False)
            self.dismiss(report.imported)
            return
        self.report = report  # the records changed meanwhile: show what the check says now
        self._show(report)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import-cancel":
            self.action_close()
        else:
            self.action_import_rows(event.button.id == "import-valid")

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(None)

    # -- showing ---------------------------------------------------------------------------

    def _start(self) -> None:
        self.busy = True
        self.query_one("#import-progress-row").add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        for button in ("#import-all", "#import-valid"):
            self.query_one(button, Button).disabled = True

    def _report_progress(self, stage: str, done: int, total: int) -> None:
        """Called by the worker thread."""
        self.app.call_from_thread(self._progress, stage, done, total)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#import-stage", Label).update(t(stage))
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _failed(self, error: KxError) -> None:
        self.busy = False
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#import-stage", Label).update("")
        self._summary(Text(clean(t(error.key, **error.params), 400), style="bold red"))
        if self.report is not None:
            self._enable(self.report)

    def _show(self, report: ImportReport, message: Text | None = None) -> None:
        self.query_one("#import-stage", Label).update("")
        finished = max(report.rows, 1)
        self.query_one(ProgressBar).update(total=finished, progress=finished)
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
        self._summary(summary)
        self.query_one("#import").add_class("-report")  # full height: the table gets the rest
        self._fill(report)
        self._enable(report)
        self.query_one("#import-keys", Label).update(t("sheet.import.hint_report"))
        problems = self.query_one(DataTable)
        if problems.row_count:
            problems.focus()
        else:
            self.query_one("#import-all", Button).focus()

    def _summary(self, content: Text) -> None:
        self.query_one("#import-summary", Static).update(content)

    def _enable(self, report: ImportReport) -> None:
        new = report.valid - report.present
        self.query_one("#import-all", Button).disabled = bool(report.bad) or new == 0
        self.query_one("#import-valid", Button).disabled = new == 0

    def _fill(self, report: ImportReport) -> None:
        problems = self.query_one(DataTable)
        problems.clear(columns=True)
        # the reason wraps in what the row number and column name leave (and cell padding)
        width = max(20, self.query_one("#import").content_size.width - _ROW - _COLUMN - 8)
        problems.add_column(t("sheet.import.row"), width=_ROW)
        problems.add_column(t("sheet.import.column"), width=_COLUMN)
        problems.add_column(t("sheet.import.reason"), width=width)
        lines: list[tuple[Problem, bool]] = [(p, False) for p in report.errors]
        lines += [(p, True) for p in report.warnings]
        for problem, warning in lines[:SHOWN_PROBLEMS]:
            reason = t(problem.key, **problem.params)
            if warning:
                reason = t("sheet.import.warning", reason=reason)
            column = t(f"sheet.col.{problem.column}") if problem.column else ""
            cell = Text(clean(reason, 300), style="yellow" if warning else "")
            problems.add_row(str(problem.row), literal(column, _COLUMN), cell, height=None)
        if len(lines) > SHOWN_PROBLEMS:
            more = t("sheet.import.more", count=f"{len(lines) - SHOWN_PROBLEMS:,}")
            problems.add_row("", "", Text(more, style="dim"))
        problems.display = bool(lines)
