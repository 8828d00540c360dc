"""Import volunteers from an XLSX or CSV file (the 大美志愿 export or a county roster).

Enter reads and checks the file: the columns it understood (header → field), the first rows
as they will be read, every bad row with its reason, and what happens to people already
registered — skip, update or keep both, chosen once (changing it checks again). A imports
every row in one transaction, only when no row is bad. Reading, checking and writing run in
thread workers with a progress bar; Esc stops them and nothing is written. Dismisses with the
number of volunteers added or updated, or None.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, DataTable, Label, RadioButton, RadioSet

from kxtui.db.sheets.headers import VOLUNTEERS
from kxtui.display import clean, literal
from kxtui.i18n import column_name, t
from kxtui.screens.sheet_import import ImportDialog, Progress

if TYPE_CHECKING:
    from kxtui.db.sheets.import_volunteers import VolunteerReport
    from kxtui.db.sheets.read import SheetTable

ON_DUPLICATE = ("skip", "update", "keep")
PREVIEW_ROWS = 3


def check(
    path: Path | None, table: SheetTable | None, on_duplicate: str, region: int | None,
    progress: Progress,
) -> tuple[SheetTable, VolunteerReport]:  # fmt: skip
    """Runs in the worker: read the file (unless read already) and check every row."""
    from kxtui.db.sheets.import_volunteers import check_table
    from kxtui.db.sheets.read import read_table
    from kxtui.db.sheets.volunteer_columns import VOLUNTEERS

    if table is None:
        assert path is not None
        table = read_table(path, progress, VOLUNTEERS)
    report = check_table(table, on_duplicate=on_duplicate, default_region=region,
                         progress=progress)  # fmt: skip
    return table, report


def write(
    table: SheetTable, on_duplicate: str, region: int | None, progress: Progress
) -> VolunteerReport:
    """Runs in the worker: check again and write, all in one transaction."""
    from kxtui.db.sheets.import_volunteers import import_table

    return import_table(table, on_duplicate=on_duplicate, default_region=region,
                        progress=progress)  # fmt: skip


class VolunteerImportScreen(ImportDialog):
    WORDS = "vsheet.import"
    HEADERS = VOLUNTEERS
    CLASSES = "-volunteers"
    BINDINGS = [
        Binding("escape", "close", "key.cancel", id="vimport.cancel"),
        Binding(
            "ctrl+u", "upload", "zmodem.upload", id="vimport.upload", show=False, priority=True
        ),
        Binding("a", "import_rows", "vsheet.import.key", id="vimport.import"),
    ]
    report: VolunteerReport | None

    def options(self) -> ComposeResult:
        """What happens to people already registered: skip, update or keep both."""
        with Horizontal(id="import-duplicates-row"):
            yield Label(t("vsheet.duplicates"), id="import-duplicates-label")
            with RadioSet(id="import-duplicates", compact=True):
                for choice in ON_DUPLICATE:
                    yield RadioButton(t(f"vsheet.on_duplicate.{choice}"), compact=True,
                                      value=choice == "skip")  # fmt: skip

    def previews(self) -> ComposeResult:
        yield DataTable(id="import-preview", cursor_type="none", zebra_stripes=True)

    def buttons(self) -> ComposeResult:
        yield Button(f"{t('vsheet.import.key')} (A)", id="import-all", compact=True,
                     variant="primary", disabled=True)  # fmt: skip

    @property
    def on_duplicate(self) -> str:
        return ON_DUPLICATE[max(self.query_one(RadioSet).pressed_index, 0)]

    # -- checking --------------------------------------------------------------------------

    def check_file(self, path: Path) -> None:
        self._check(path)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if self.table is not None and not self.busy:
            self._check(None)  # the same rows: what happens to the registered people changed

    def _check(self, path: Path | None) -> None:
        self.query_one("#import-all", Button).disabled = True
        self.query_one("#import-keys", Label).update(t("vsheet.import.hint_busy"))
        job = partial(check, path, self.table, self.on_duplicate, self.region_id)
        self.run_job(job, self._checked)

    def _checked(self, result: tuple[SheetTable, VolunteerReport]) -> None:
        self.table, self.report = result
        self._show(self.report)

    # -- importing -------------------------------------------------------------------------

    def import_pressed(self, valid_only: bool) -> None:
        self.action_import_rows()

    def action_import_rows(self) -> None:
        report, table = self.report, self.table
        if self.busy or report is None or table is None:
            return
        if report.bad:
            self._show(report, Text(t("vsheet.import.refused", bad=report.bad), "bold red"))
            return
        if not report.to_write:
            self._show(report, Text(t("vsheet.import.nothing"), style="bold"))
            return
        self.query_one("#import-all", Button).disabled = True
        self.query_one("#import-keys", Label).update(t("vsheet.import.hint_busy"))
        self.run_job(partial(write, table, report.on_duplicate, self.region_id), self._imported)

    def _imported(self, report: VolunteerReport) -> None:
        if report.added or report.updated:
            done = t("vsheet.import.done", added=report.added, updated=report.updated,
                     skipped=report.skipped)  # fmt: skip
            self.app.notify(done, markup=False)
            self.dismiss(report.added + report.updated)
            return
        self.report = report  # the records changed meanwhile: show what the check says now
        self._show(report)

    # -- showing ---------------------------------------------------------------------------

    def _show(self, report: VolunteerReport, message: Text | None = None) -> None:
        choice = t(f"vsheet.on_duplicate.{report.on_duplicate}")
        counts = t("vsheet.import.counts", file=report.file, rows=f"{report.rows:,}",
                   valid=f"{report.valid:,}", new=f"{report.new:,}",
                   matched=f"{report.matched:,}", choice=choice,
                   bad=f"{report.bad:,}")  # fmt: skip
        summary = Text(clean(counts, 300), style="bold")
        if self.table is not None:
            summary.append("\n" + clean(self._mapping(self.table), 400), style="dim")
        self._preview()
        self.show_report(report.rows, summary, message)

    def enable_import(self) -> None:
        report = self.report
        assert report is not None
        self.query_one("#import-all", Button).disabled = bool(report.bad) or not report.to_write

    @staticmethod
    def _mapping(table: SheetTable) -> str:
        """ "列对应：姓名 · 联系电话→手机号 · …": each header understood, and the field it fills."""
        pairs = []
        for key, at in sorted(table.columns.items(), key=lambda item: item[1]):
            found = table.headers[at].strip() if at < len(table.headers) else ""
            field = column_name(VOLUNTEERS[key])
            pairs.append(field if found == field else f"{found}→{field}")
        return t("vsheet.import.mapping", pairs=" · ".join(pairs))

    def _preview(self) -> None:
        """The first rows as they will be read, one column per field understood."""
        preview = self.query_one("#import-preview", DataTable)
        preview.clear(columns=True)
        table = self.table
        if table is None or self.report is None:
            return
        columns = sorted(table.columns.items(), key=lambda item: item[1])
        for key, _ in columns:
            preview.add_column(column_name(VOLUNTEERS[key]))
        # only rows the officer may see: not those the check found outside their area
        outside = {p.row for p in self.report.errors if p.key == "field.out_of_scope"}
        shown = [cells for number, cells in table.rows if number not in outside]
        for cells in shown[:PREVIEW_ROWS]:
            preview.add_row(
                *(literal(cells[at] if at < len(cells) else "", 24) for _, at in columns)
            )
        preview.display = bool(shown)
