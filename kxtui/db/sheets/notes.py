"""What an export changed in the data, never silently: every text cell passes through
`CellChanges.row`, which puts control and format characters in a visible notation and cuts
text over 32,767 characters (`sheets.clean_cell`), counting the cells and listing where. The
counts go back in the export's result (the CLI and the export dialog show them), and an XLSX
file gets a sheet 说明 listing the changed cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from kxtui.db.sheets.columns import _ESCAPED_START, clean_cell, zh

LISTED = 1000  # cells listed on the 说明 sheet; the counts above the list cover every one


class Change(NamedTuple):
    sheet: str
    row: int
    column: str
    replaced: int  # characters shown in their notation
    cut: bool


class CellChanges:
    """The text cells one export changed."""

    def __init__(self) -> None:
        self.cut = 0  # cells cut to the spreadsheet limit
        self.replaced = 0  # cells with characters replaced by their notation
        self.cells = 0  # cells changed either way
        self.listed: list[Change] = []

    def __bool__(self) -> bool:
        return bool(self.cells)

    def row(
        self,
        sheet: str,
        number: int,
        headers: Sequence[str],
        values: Sequence[Any],
        *,
        csv: bool = False,
    ) -> list[Any]:
        """The row's values with its text cleaned (numbers, dates untouched); row `number` as
        the spreadsheet numbers it. `csv`: leave room for the apostrophe `sheets.csv_cell`
        puts before formula-like text."""
        out = list(values)
        for at, value in enumerate(values):
            if not isinstance(value, str) or value.isprintable() and len(value) < 32_000:
                continue
            room = 1 if csv and value[:1] in _ESCAPED_START else 0
            text, replaced, cut = clean_cell(value, room)
            if not (replaced or cut):
                continue
            out[at] = text
            self.cut += cut
            self.replaced += bool(replaced)
            self.cells += 1
            if len(self.listed) < LISTED:
                column = headers[at] if at < len(headers) else str(at + 1)
                self.listed.append(Change(sheet, number, column, replaced, cut))
        return out

    def add_sheet(self, book: Any, name: str = "") -> None:
        """The sheet 说明 (or `name`, where the workbook has a 说明 of its own) of a
        write-only workbook, when anything was changed."""
        if not self:
            return
        from kxtui.db.sheets.xlsx_layout import TableSheet

        headers = [zh(f"notes.col.{key}") for key in ("sheet", "row", "column", "change")]
        intro = (
            zh("notes.explain"),
            zh("notes.counts").format(cut=self.cut, replaced=self.replaced),
        )
        sheet = TableSheet(book, name or zh("notes.sheet"), zh("notes.heading"), headers,
                           [14, 8, 16, 60], intro=intro)  # fmt: skip
        for change in self.listed:
            what = []
            if change.replaced:
                what.append(zh("notes.replaced").format(count=change.replaced))
            if change.cut:
                what.append(zh("notes.cut"))
            sheet.append([change.sheet, change.row, change.column, "；".join(what)])
        left = self.cells - len(self.listed)
        if left > 0:
            sheet.append([zh("notes.more").format(count=left), None, None, None])
