"""The register of certificates issued (志愿服务记录证明登记簿): newest first, searched by name
or number, read a page at a time; Enter reprints a certificate (补打: the number kept) through
the certificate dialog, x exports the register to XLSX. An officer sees the certificates of
the volunteers in their view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.binding import Binding

from kxtui import clock
from kxtui.db.certificates import register
from kxtui.db.certificates.issue import hours_text
from kxtui.db.certificates.register import RegisterFilter, RegisterRow
from kxtui.db.sheets.file_names import ExportName
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.export_dialog import ExportScreen
from kxtui.screens.list_screen import ListScreen
from kxtui.widgets.paged_table import PagedTable


class RegisterTable(PagedTable):
    NARROW = (("number", 26), ("name", 8), ("period", 0), ("hours", 6), ("reprints", 8))
    WIDE = (("number", 26), ("name", 8), ("period", 0), ("hours", 6), ("historical", 8),
            ("issued_by", 10), ("issued_at", 16), ("reprints", 8))  # fmt: skip
    RIGHT = frozenset({"hours", "historical", "reprints"})
    CAPTIONS = "certificate.reg"

    def cell(self, row: RegisterRow, column: str) -> str:
        if column in ("hours", "historical"):
            return hours_text(row.hours if column == "hours" else row.historical_hours)
        if column == "issued_at":
            return row.issued_at.strftime("%Y-%m-%d %H:%M")
        if column == "reprints":
            return str(row.reprints) if row.reprints else ""
        return str(getattr(row, column))


class RegisterScreen(ListScreen[RegisterFilter, RegisterTable]):
    NAME = "certificate.register"
    TABLE = RegisterTable
    OPEN = "reprint"
    TOUCHES = ("certificate", "volunteer")
    BINDINGS = [
        Binding("slash", "search", "key.search", id="certificates.search"),
        Binding("enter", "reprint", "certificate.key.reprint", id="certificates.reprint"),
        Binding("x", "export", "key.export", id="certificates.export"),
        Binding("p", "period", "key.period", id="certificates.period"),
        Binding("escape", "back", "key.back", id="certificates.back"),
    ]
    WRITES = frozenset({"reprint"})
    KEY_RANK = ("reprint", "search", "export", "period", "back")

    def __init__(self, region_id: int | None, region_name: str | None) -> None:
        self.region_name = region_name
        super().__init__(RegisterFilter(region_id=region_id))

    def page(self, f: RegisterFilter, **where: Any) -> tuple[RegisterRow, ...]:
        return register.page(f, **where)

    def count(self, f: RegisterFilter) -> int:
        return register.count(f)

    def count_text(self, counted: int) -> str:
        key = "certificate.register.count" if counted else "certificate.register.empty"
        return t(key, count=f"{counted:,}")

    def filter_parts(self) -> list[str]:
        f = self.filter
        parts = [clean(self.region_name, 20) if self.region_name else t("roster.everywhere")]
        if f.year is not None:
            this_year = clock.today().year
            parts.append(t("ledger.period.year") if f.year == this_year else f"{f.year}年")
        if f.text.strip():
            parts.append(t("ledger.f.text", text=clean(f.text, 20)))
        return parts

    def action_period(self) -> None:
        """`p`: the certificates of every year, then this year's, then last year's (a
        certificate's year is its number's)."""
        this_year = clock.today().year
        following = {None: this_year, this_year: this_year - 1}.get(self.filter.year)
        self.reload(self.filter._replace(year=following))

    def action_reprint(self) -> None:
        """The certificate under the cursor again, for the same period: the dialog says it
        is a reprint and keeps the number (补打)."""
        row = self.selected
        if row is None:
            return
        from kxtui.screens.certificate_dialog import CertificateDialog, Who

        who = Who(row.name, volunteer_id=row.volunteer_id, reprint=row)
        self.app.push_screen(CertificateDialog(who))

    def action_export(self) -> None:
        self.app.push_screen(RegisterExportScreen(self.filter, self.table.total))


class RegisterExportScreen(ExportScreen):
    """The register as an XLSX sheet (the export dialog, with XLSX alone)."""

    TITLE_KEY = "certificate.reg.export_title"
    XLSX_ONLY = True
    DONE_KEY = "certificate.reg.export_done"

    def file_name(self) -> ExportName:
        return register.register_name(self.rows_filter)

    def export(
        self,
        path: Path,
        file_format: str,
        overwrite: bool,
        progress: Callable[[str, int, int], None],
    ) -> Any:
        return register.export_register(self.rows_filter, path, overwrite=overwrite,
                                        progress=progress)  # fmt: skip
