"""Export the ledger's activities (its current filter) to an XLSX or CSV file: the export
dialog, writing the activity ledger (活动台账)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kxtui.db.sheets.export_activities import ExportResult, export_activities
from kxtui.screens.export_dialog import ExportScreen


class ActivityExportScreen(ExportScreen):
    TITLE_KEY = "sheet.export.title"
    DONE_KEY = "sheet.export.done"

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> ExportResult:
        """Runs in the worker."""
        return export_activities(self.rows_filter, path, file_format, overwrite=overwrite,
                                 progress=progress)  # fmt: skip
