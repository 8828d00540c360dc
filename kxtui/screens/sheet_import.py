"""The one import dialog (activities, volunteers): a file field, a job in a thread worker
with a progress bar that Esc can stop, the summary, and the table of bad rows.

An import declares its strings (`WORDS`: title, placeholder, hints), the options and tables
it adds (`options`, `previews`), its buttons, and what checking and importing do. The
styles are in sheet_import.tcss.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Input, Label, ProgressBar, Static

from kxtui.db.errors import KxError
from kxtui.db.sheets.headers import Header
from kxtui.display import clean, literal
from kxtui.i18n import column_name, t
from kxtui.screens.base import KxScreen, TranslatedBindings
from kxtui.widgets.workers import run_db

if TYPE_CHECKING:
    from kxtui.db.sheets.columns import Problem
    from kxtui.db.sheets.read import SheetTable

SHOWN_PROBLEMS = 1000  # the table lists this many; the counts above it say how many in all
_ROW, _COLUMN = 6, 12  # widths of the table's first two columns
Progress = Callable[[str, int, int], None]


class SheetJob(KxScreen):
    """Runs a check or an import of a sheet in a worker, with its progress shown."""

    DEFAULT_CLASSES = "sheet-import-screen"  # the styles of sheet_import.tcss
    busy = False
    stopping: threading.Event | None = None  # set by Esc: the job's next progress call stops it

    def run_job(self, job: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        """`job(progress)` in a thread worker, then `done(result)`; `self._failed` on error."""
        self.busy = True
        self.stopping = threading.Event()
        self.query_one("#import-progress-row").add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)
        stopping = self.stopping

        def progress(stage: str, done: int, total: int) -> None:  # in the worker thread
            if stopping.is_set():
                from kxtui.db.sheets.columns import Cancelled

                raise Cancelled()
            self.app.call_from_thread(self._progress, stage, done, total)

        def finished(result: Any) -> None:
            self.busy = False
            done(result)

        run_db(self, job, progress, done=finished, failed=self._failed, group="import")

    @property
    def server(self) -> bool:
        """Whether imports come from the officer's uploads folder (`officer_files`)."""
        from kxtui.db.sheets.officer_files import places

        return places().server  # a stat and the environment: no SQL

    def path_row(self, placeholder: str) -> ComposeResult:
        """The file field of the import dialogs: a path on a laptop, a name in the uploads
        folder on the server, where a button brings a file from the PC by ZMODEM."""
        server = self.server
        with Horizontal(id="import-path-row"):
            yield Label(t("files.name" if server else "sheet.import.path"),
                        id="import-path-label")  # fmt: skip
            yield Input(placeholder=t("files.import_placeholder" if server else placeholder),
                        id="import-path", compact=True)  # fmt: skip
            if server:
                yield Button(t("zmodem.upload") + " (Ctrl+U)", id="import-upload", compact=True)

    def action_upload(self) -> None:
        """Ctrl+U: the upload button's key (on the server only)."""
        if self.server and not self.busy:
            self.upload()

    def upload(self) -> None:
        """Receive files from the officer's PC by ZMODEM into their uploads folder, then put
        the first one's name in the file field."""
        from kxtui import zmodem
        from kxtui.db.sheets.officer_files import UPLOADS, ready_folder

        try:
            folder = ready_folder(UPLOADS)
            before = {path.name for path in folder.iterdir()}
            zmodem.run_suspended(self.app, zmodem.receive_command(), folder)
        except KxError as error:
            self.summary(Text(clean(t(error.key, **error.params), 400), style="bold red"))
            return
        names = zmodem.received(folder, before)
        if not names:
            self.summary(Text(t("zmodem.nothing"), style="bold"))
            return
        field = self.query_one("#import-path", Input)
        field.value = names[0]
        field.focus()
        self.summary(Text(clean(t("zmodem.received", names="、".join(names)), 400), style="bold"))

    def stop_job(self) -> None:
        """Ask the running job to stop at its next progress call; nothing of it is written."""
        if self.stopping is not None:
            self.stopping.set()

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.query_one("#import-stage", Label).update(t(stage))
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _failed(self, error: KxError) -> None:
        self.busy = False
        self.query_one("#import-progress-row").remove_class("-running")
        self.query_one("#import-stage", Label).update("")
        self.summary(Text(clean(t(error.key, **error.params), 400), style="bold red"))
        self.job_failed()

    def job_failed(self) -> None:
        """The job stopped with an error (or was stopped): enable what can run again."""

    def finish_progress(self, rows: int) -> None:
        self.query_one("#import-stage", Label).update("")
        finished = max(rows, 1)
        self.query_one(ProgressBar).update(total=finished, progress=finished)

    def summary(self, content: Text) -> None:
        self.query_one("#import-summary", Static).update(content)

    def fill_problems(
        self,
        errors: tuple[Problem, ...],
        warnings: tuple[Problem, ...],
        headers: Mapping[str, Header],
    ) -> None:
        """The table of bad rows (and warnings, in yellow): row, column, reason. `headers`
        are the sheet's (`kxtui.db.sheets.headers`), a column named by its header."""
        problems = self.query_one("#import-problems", DataTable)
        problems.clear(columns=True)
        # the reason wraps in what the row number and column name leave (and cell padding)
        frame = self.query_one("#import").content_size.width
        width = max(20, frame - _ROW - _COLUMN - 8)
        problems.add_column(t("sheet.import.row"), width=_ROW)
        problems.add_column(t("sheet.import.column"), width=_COLUMN)
        problems.add_column(t("sheet.import.reason"), width=width)
        lines: list[tuple[Problem, bool]] = [(p, False) for p in errors]
        lines += [(p, True) for p in warnings]
        for problem, warning in lines[:SHOWN_PROBLEMS]:
            reason = t(problem.key, **problem.params)
            if warning:
                reason = t("sheet.import.warning", reason=reason)
            column = column_name(headers[problem.column]) if problem.column else ""
            cell = Text(clean(reason, 300), style="yellow" if warning else "")
            problems.add_row(str(problem.row), literal(column, _COLUMN), cell, height=None)
        if len(lines) > SHOWN_PROBLEMS:
            more = t("sheet.import.more", count=f"{len(lines) - SHOWN_PROBLEMS:,}")
            problems.add_row("", "", Text(more, style="dim"))
        problems.display = bool(lines)


class ImportDialog(SheetJob, TranslatedBindings, ModalScreen[int | None]):
    """Enter in the file field checks the file (`check_file`); the report shows what would
    be imported and every bad row; the import buttons write. Dismisses with the number of
    records written, or None."""

    CSS_PATH = "sheet_import.tcss"
    WORDS: ClassVar[str]  # the strings' prefix: WORDS.title, .placeholder, .hint_path, …
    HEADERS: ClassVar[Mapping[str, Header]]  # the sheet's columns (`kxtui.db.sheets.headers`)
    CLASSES: ClassVar[str] = ""  # of the frame, for an import's own styles
    WRITES = frozenset({"import_rows"})

    def __init__(self, region_id: int | None) -> None:
        super().__init__()
        self.region_id = region_id  # a row without a county is in this region's county
        self.table: SheetTable | None = None
        self.report: Any = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import", classes=f"sheet-import {self.CLASSES}".strip()):
            yield Label(t(f"{self.WORDS}.title"), id="import-title")
            yield from self.path_row(f"{self.WORDS}.placeholder")
            yield from self.options()
            with Horizontal(id="import-progress-row"):
                yield Label("", id="import-stage")
                yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-summary")
            yield from self.previews()
            yield DataTable(id="import-problems", cursor_type="row", show_cursor=False)
            with Horizontal(id="import-buttons"):
                yield from self.buttons()
                yield Button(f"{t('key.cancel')} (Esc)", id="import-cancel", compact=True)
            yield Label(t(f"{self.WORDS}.hint_path"), id="import-keys")

    def options(self) -> ComposeResult:
        """Choices above the progress bar (none by default)."""
        yield from ()

    def previews(self) -> ComposeResult:
        """Tables above the bad rows (none by default)."""
        yield from ()

    def buttons(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.display = False
        self.query_one("#import-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if self.busy:
            return
        if not text:
            self.summary(Text(t("sheet.import.no_path"), style="bold red"))
            return
        self.table = self.report = None
        self.check_file(Path(text).expanduser())

    def check_file(self, path: Path) -> None:
        """Read and check the file in a worker, then show the report."""
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "import-upload":
            self.upload()
        elif event.button.id == "import-cancel":
            self.action_close()
        else:
            self.import_pressed(event.button.id == "import-valid")

    def import_pressed(self, valid_only: bool) -> None:
        raise NotImplementedError

    def action_close(self) -> None:
        if self.busy:
            self.stop_job()  # nothing of it is written
        else:
            self.dismiss(None)

    def show_report(self, rows: int, summary: Text, message: Text | None) -> None:
        """The report of a check: `summary` with the unknown columns and `message` below,
        the bad rows, the import keys; the focus on the bad rows, or the import button."""
        report = self.report
        self.finish_progress(rows)
        if report.unknown_columns:
            columns = clean(", ".join(report.unknown_columns), 120)
            summary.append("\n" + t("sheet.import.unknown_columns", columns=columns), style="dim")
        if message is not None:
            summary.append("\n")
            summary.append_text(message)
        self.summary(summary)
        self.query_one("#import").add_class("-report")  # full height: the tables get the rest
        self.fill_problems(report.errors, report.warnings, self.HEADERS)
        self.enable_import()
        self.query_one("#import-keys", Label).update(t(f"{self.WORDS}.hint_report"))
        problems = self.query_one("#import-problems", DataTable)
        if problems.row_count:
            problems.focus()
        else:
            self.query_one("#import-all", Button).focus()

    def enable_import(self) -> None:
        """The import buttons, as the report allows."""
        raise NotImplementedError

    def job_failed(self) -> None:
        hint = "hint_path" if self.report is None else "hint_report"
        self.query_one("#import-keys", Label).update(t(f"{self.WORDS}.{hint}"))
        if self.report is not None:
            self.enable_import()
