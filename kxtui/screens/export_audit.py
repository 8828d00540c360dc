"""Export the audit log (its current filter) to an XLSX or CSV file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from kxtui.i18n import words
from kxtui.screens.export_dialog import ExportScreen

if TYPE_CHECKING:
    from kxtui.db.sheets.export_activities import ExportResult


class AuditExportScreen(ExportScreen):
    TITLE_KEY = "audit.export.title"
    DONE_KEY = "audit.export.done"

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> ExportResult:
        from kxtui.db.sheets.export_audit import export_audit

        chinese = words("zh")  # a sheet is Chinese whatever the interface speaks
        return export_audit(
            self.rows_filter, path, file_format, overwrite=overwrite, progress=progress,
            words=chinese,
        )  # fmt: skip
