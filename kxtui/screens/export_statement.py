"""Export the hours statement (服务时长明细) of a volunteer or a team to XLSX: the export dialog
with a period row (the F3 pane's period for a volunteer, this year for a team); the file is
written by `kxtui.db.sheets.export_statement` and named after whom and the period
(`张伟_服务时长明细_2026.xlsx`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from kxtui import clock
from kxtui.dates import Period, period_bounds
from kxtui.db.rows import ServiceQuery
from kxtui.i18n import t
from kxtui.screens.export_dialog import ExportScreen
from kxtui.widgets.workers import run_db

if TYPE_CHECKING:
    from kxtui.db.sheets.files import ExportResult

PERIODS = tuple(p for p in Period if p != Period.CUSTOM)


def _file_name(query: ServiceQuery) -> str:
    from kxtui.db.sheets.export_statement import default_name

    return default_name(query)


class StatementExportScreen(ExportScreen):
    TITLE_KEY = "statement.export_title"
    XLSX_ONLY = True
    DONE_KEY = "statement.export_done"

    def __init__(self, query: ServiceQuery, period: Period) -> None:
        super().__init__(query, 0)
        self.period: Period = period if period in PERIODS else Period.ALL
        self.suggested = ""  # the name last filled in: replaced when the period changes

    def extra_rows(self) -> ComposeResult:
        periods = [(t(f"ledger.period.{p.value}"), p.value) for p in PERIODS]
        with Horizontal(classes="export-row"):
            yield Label(t("statement.export_period"), classes="export-label")
            yield Select(periods, value=self.period.value, allow_blank=False, compact=True,
                         id="statement-period")  # fmt: skip

    def ask_name(self) -> None:
        run_db(self, _file_name, self.rows_filter, done=self._suggest, group="export-name",
               read=True)  # fmt: skip

    def _suggest(self, name: str) -> None:
        field = self.query_one("#export-path", Input)
        if not field.value or field.value == self.suggested:  # not a name of the officer's
            field.value = self.suggested = name

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL or event.value == self.period.value:
            return
        self.period = Period(str(event.value))
        start, end = period_bounds(self.period, clock.today())
        self.rows_filter = self.rows_filter._replace(start=start, end=end)
        self.ask_name()

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> ExportResult:
        """Runs in the worker."""
        from kxtui.db.sheets.export_statement import export_statement

        return export_statement(self.rows_filter, path, overwrite=overwrite, progress=progress)
