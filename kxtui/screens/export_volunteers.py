"""Export the roster's volunteers (its current filter) to an XLSX or CSV file: the ledger's
export screen, writing the roster (mobiles in full: the file is the officer's report)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kxtui.screens.export_dialog import ExportScreen

Progress = Callable[[str, int, int], None]


class VolunteerExportScreen(ExportScreen):
    TITLE_KEY = "vsheet.export.title"
    DONE_KEY = "vsheet.export.done"

    def export(self, path: Path, file_format: str, overwrite: bool, progress: Progress) -> Any:
        """Runs in the worker; the data layer is imported there, not at start-up."""
        from kxtui.db.sheets.export_volunteers import export_volunteers

        return export_volunteers(self.rows_filter, path, file_format, overwrite=overwrite,
                                 progress=progress)  # fmt: skip
