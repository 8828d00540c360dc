"""The export dialog every list's export is: the rows of the list's current filter to an XLSX or
CSV file (the ledger's activities, the roster's volunteers, the audit log's entries).

The file is written by a thread worker with a progress bar. The dialog shows the folder the
file goes to — on a laptop the export folder (`kxtui.paths.export_dir`), on the server (see
`kxtui.db.sheets.officer_files`) the officer's exports folder, from where Z then sends the file to
their PC by ZMODEM (`kxtui.zmodem`) — and a file name naming the region and the period
(`kxtui.db.sheets.file_names`); on a laptop the name may also be a path. An existing file is
replaced only after the officer confirms; answering 不覆盖 returns to the dialog with the
name ready to change. The dialog says what the export changed in the data and where the file
is. Dismisses with the path written, or None. Each export subclasses it with its words
(`TITLE_KEY`, `DONE_KEY`) and what writes its file (`export`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from kxtui.db.errors import KxError
from kxtui.db.sheets.export_activities import ExportResult
from kxtui.db.sheets.file_names import ExportName, default_name
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.confirm import ask_overwrite
from kxtui.widgets.workers import run_db

FORMATS = ("xlsx", "csv")


class ExportScreen(TranslatedBindings, ModalScreen[str | None]):
    CSS_PATH = "export_dialog.tcss"
    TITLE_KEY = ""  # the dialog's title (an i18n key)
    DONE_KEY = ""  # what it says once the file is written: count, path
    XLSX_ONLY = False  # a sheet laid out for print (a statement, a register): no CSV
    BINDINGS = [
        Binding("escape", "close", "key.close", id="export.close"),
        Binding("ctrl+s", "export", "sheet.key.export", id="export.run", priority=True),
        Binding("z", "send", "zmodem.send", id="export.send", show=False),
    ]

    def __init__(self, filter: Any, count: int) -> None:  # noqa: A002 (the ledger's word)
        super().__init__()
        self.rows_filter = filter
        self.count = count
        self.busy = False
        self.written: str | None = None
        from kxtui.db.sheets.officer_files import EXPORTS, places

        where = places()  # a stat and the environment: no SQL
        self.server = where.server
        self.folder: Path | None = where.folder(EXPORTS) if self.server else None

    def compose(self) -> ComposeResult:
        if self.folder is None:
            self.folder = self.app.export_dir
        with Vertical(id="export"):
            yield Label(t(self.TITLE_KEY, count=f"{self.count:,}"), id="export-title")
            with Horizontal(classes="export-row", id="export-format-row"):
                yield Label(t("sheet.export.format"), classes="export-label")
                with RadioSet(id="export-format", compact=True):
                    yield RadioButton("XLSX", value=True, id="format-xlsx", compact=True)
                    yield RadioButton("CSV", id="format-csv", compact=True)
            yield from self.extra_rows()
            with Horizontal(classes="export-row", id="export-folder-row"):
                yield Label(t("export.folder"), classes="export-label")
                yield Label(Text(clean(self.folder, 300)), id="export-folder")
            with Horizontal(classes="export-row"):
                yield Label(t("files.name"), classes="export-label")
                yield Input(id="export-path", compact=True)
            if self.server:
                yield Label(t("files.export_hint"), id="export-where")
            yield ProgressBar(id="export-progress", show_eta=False)
            yield Static("", id="export-status")
            yield Button(t("zmodem.send") + " (Z)", id="export-send", compact=True)
            hint = "sheet.export.hint_xlsx" if self.XLSX_ONLY else "sheet.export.hint"
            yield Label(t(hint), id="export-keys")

    def on_mount(self) -> None:
        self.query_one("#export-send", Button).display = False
        self.query_one("#export-format-row").display = not self.XLSX_ONLY
        self.query_one("#export-path", Input).focus()
        self.ask_name()

    def extra_rows(self) -> ComposeResult:
        """Rows of a subclass's own, under the format (none here)."""
        yield from ()

    def ask_name(self) -> None:
        """Read the default file name in a worker; `_named` fills it in."""
        run_db(self, self.file_name, done=self._named, group="export-name", read=True)

    def file_name(self) -> ExportName:
        """The file's default name (runs in the worker): the list's filter's."""
        return default_name(self.rows_filter, t)

    def _named(self, name: ExportName) -> None:
        field = self.query_one("#export-path", Input)
        if not field.value:  # the officer has not begun a name of their own
            field.value = f"{name.file}.{self.file_format}"

    @property
    def file_format(self) -> str:
        if self.XLSX_ONLY:
            return "xlsx"
        pressed = self.query_one(RadioSet).pressed_index
        return FORMATS[max(pressed, 0)]

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value)
        if path.suffix.lower().lstrip(".") in FORMATS:
            field.value = str(path.with_suffix(f".{self.file_format}"))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_send()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self, overwrite: bool = False) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if self.busy:
            return
        if not text:
            self._status(t("sheet.export.no_path"), error=True)
            return
        self.busy = True
        self._status("")
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one(ProgressBar).add_class("-running")
        # on the server a name (checked there); on a laptop a name in the folder, or a path
        assert self.folder is not None  # (set by compose)
        path = Path(text) if self.server else self.folder / Path(text).expanduser()
        job = partial(self.export, path, self.file_format, overwrite, self._report)
        run_db(self, job, done=self._done, failed=self._failed, group="export")

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> ExportResult:
        """Write the file (runs in the worker)."""
        raise NotImplementedError

    def _report(self, stage: str, done: int, total: int) -> None:
        """Called by the worker thread."""
        self.app.call_from_thread(self._progress, done, total)

    def _progress(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _done(self, result: ExportResult) -> None:
        self.busy = False
        self.written = result.path
        finished = max(result.rows, 1)
        self.query_one(ProgressBar).update(total=finished, progress=finished)
        lines = [t(self.DONE_KEY, count=f"{result.rows:,}", path=Path(result.path).name
                   if result.server else result.path)]  # fmt: skip
        lines += [t(key, **params) for key, params in result.notes()]
        if result.server:
            lines.append(t("files.server_done", folder=str(Path(result.path).parent)))
            send = self.query_one("#export-send", Button)
            send.display = True
            send.focus()  # Enter or Z sends it
        self._status("\n".join(lines), error=False)

    def action_send(self) -> None:
        """Z: send the file just written to the officer's PC by ZMODEM (on the server)."""
        if self.busy or not self.server or self.written is None:
            return
        from kxtui import zmodem

        written = Path(self.written)
        try:
            zmodem.run_suspended(self.app, zmodem.send_command(written.name), written.parent)
        except KxError as error:
            self._status(t(error.key, **error.params), error=True)
            return
        self.app.notify(clean(t("zmodem.sent", name=written.name), 200), markup=False)

    def _failed(self, error: KxError) -> None:
        self.busy = False
        self.query_one(ProgressBar).remove_class("-running")  # nothing is being written
        if error.key != "sheet.exists":
            self._status(t(error.key, **error.params), error=True)
            return

        field = self.query_one("#export-path", Input)
        again = partial(self.action_export, overwrite=True)
        ask_overwrite(self, error.params.get("path", ""), field, again, self._status)

    def _status(self, message: str, *, error: bool = False) -> None:
        style = "bold red" if error else ""
        lines = [clean(line, 400) for line in message.split("\n")]
        self.query_one("#export-status", Static).update(Text("\n".join(lines), style=style))

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.written)
