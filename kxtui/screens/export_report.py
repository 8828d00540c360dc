"""Export a report (统计报表) to an XLSX or CSV file as officials hand it over: the export dialog,
writing with `kxtui.db.sheets.export_report`. The reports screen opens it with the report it
shows (`ReportExportScreen(report)`); the file is named after the region, the report and the
period (`胶州市-科普活动统计表-2026Q3.xlsx`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kxtui.screens.export_dialog import ExportScreen

if TYPE_CHECKING:
    from kxtui.db.report_rows import Report
    from kxtui.db.sheets.files import ExportResult


class ReportExportScreen(ExportScreen):
    TITLE_KEY = "sheet.export.report_title"
    DONE_KEY = "sheet.export.report_done"

    def __init__(self, report: Report) -> None:
        super().__init__(report, len(report.rows))
        self.report = report

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> ExportResult:
        """Runs in the worker; the signed-in officer fills the table in."""
        from kxtui.db.sheets.export_report import write_report

        return write_report(self.report, path, file_format, overwrite=overwrite,
                            progress=progress)  # fmt: skip
