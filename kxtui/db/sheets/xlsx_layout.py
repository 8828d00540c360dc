"""How every XLSX sheet kxtui writes looks and prints, as officers hand it over.

Row 1 is a title naming the region, what the sheet holds and the period ("胶莱镇 活动台账
2026年第四季度"); a few lines of explanation may follow; then the header row, frozen on screen
and repeated on every printed page; then the table, every cell with a thin border and long
text wrapped in its column. The page is A4 landscape, fitted to the page's width (as many
pages down as the rows need), with narrow margins and the page number in the footer.

The importers find the header row below the title (`sheets_read.HEADER_SEARCH_ROWS`), so a
file kxtui wrote reads back. Sheets are write-only (a province's roster is never held in
memory): each cell is a `WriteOnlyCell` that copies one of a few styles made once per sheet
(giving every cell its border and alignment anew made writing the cells four times slower).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import copy
from typing import Any

from rich.cells import cell_len

from kxtui.db.sheets.columns import cell_text, looks_like_formula, zh

TITLE_ROW = 1
LINE_POINTS = 17  # a line of 11-point text in the tallest common CJK fonts (Noto CJK)
TITLE_POINTS = 24
MAX_POINTS = 409  # the highest row a spreadsheet allows
A4 = 9  # openpyxl's (and Excel's) paperSize code


def _styles() -> dict[str, Any]:
    """The cell styles of a table, by name (built on demand: openpyxl loads with the export)."""
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "head": Alignment(wrap_text=True, horizontal="center", vertical="center"),
        "bold": Font(bold=True),
        "title": Font(bold=True, size=14),
        "centre": Alignment(horizontal="center", vertical="center"),
    }


class TableSheet:
    """A write-only worksheet laid out to print: title, optional lines of explanation, header
    row, then the rows `append`ed. `widths` are in characters; `text_columns`: indexes of
    columns formatted as text (@), so digits typed over an ID number or a mobile never become
    a number. `rows` (below the header), when the caller knows it, makes the sheet's dimension
    (without one openpyxl — and so our own import — reads a write-only sheet twice).
    `landscape`: False prints a narrow table on a portrait page."""

    def __init__(
        self,
        book: Any,
        name: str,
        title: str,
        headers: Sequence[str],
        widths: Sequence[int],
        *,
        intro: Sequence[str] = (),
        text_columns: frozenset[int] = frozenset(),
        rows: int | None = None,
        landscape: bool = True,
    ) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.utils import get_column_letter

        self.sheet = sheet = book.create_sheet(name)
        self.widths = tuple(widths)
        self.text_columns = text_columns
        self.header_row = TITLE_ROW + len(intro) + 1
        self.written = 0  # rows written so far
        last = get_column_letter(len(headers))
        for number, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(number)].width = width
        _print_setup(sheet, self.header_row, landscape)
        if rows is not None:
            bottom = self.header_row + rows
            sheet.calculate_dimension = lambda: f"A1:{last}{bottom}"
        styles = _styles()
        plain = {"border": styles["border"], "alignment": styles["wrap"]}
        self._plain = self._template(**plain)
        self._strong = self._template(**plain, font=styles["bold"])
        self._text = self._template(**plain, number_format="@")
        for text, style in [(title, "title"), *((line, "wrap") for line in intro)]:
            said = WriteOnlyCell(sheet, value=cell_text(text))
            if style == "title":
                said.font = styles["title"]
            said.alignment = styles["centre"] if style == "title" else styles["wrap"]
            sheet.merged_cells.add(f"A{self.written + 1}:{last}{self.written + 1}")
            # a merged cell does not grow to its wrapped text (Excel, WPS, LibreOffice alike)
            self._write([said], TITLE_POINTS if style == "title" else None, (sum(widths),))
        head = [self.cell(text, strong=True) for text in headers]
        for cell in head:
            cell.alignment = styles["head"]
        self._write(head)

    def _template(self, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet)
        for name, value in style.items():
            setattr(cell, name, value)
        return cell._style

    def cell(
        self, value: Any, *, strong: bool = False, as_text: bool = False, number_format: str = ""
    ) -> Any:
        """A bordered cell of the table. Text stays text (never a formula, see
        `sheets.looks_like_formula`); numbers and dates are written as they are."""
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet)
        cell._style = copy(self._strong if strong else self._text if as_text else self._plain)
        if isinstance(value, str):
            value = cell_text(value)
            cell.value = value
            cell.data_type = "s"  # openpyxl would make "=..." a formula
            if looks_like_formula(value):
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
        else:
            cell.value = value  # a date gets its date format here
        if number_format:
            cell.number_format = number_format
        return cell

    def append(self, values: Sequence[Any], *, strong: bool = False) -> None:
        """A row of the table; a value may be a cell made by `cell`."""
        self._write(
            [
                value
                if hasattr(value, "_style")
                else self.cell(value, strong=strong, as_text=at in self.text_columns)
                for at, value in enumerate(values)
            ]
        )

    def _write(
        self, cells: list[Any], points: float | None = None, widths: Sequence[int] = ()
    ) -> None:
        """Write a row as high as its longest wrapped text (or `points`): spreadsheets do not
        all grow a row to its text when they open a file, so the height is written; it is
        forgotten once the row is out, so a long sheet keeps no per-row state."""
        number = self.written + 1
        height = points or LINE_POINTS * _lines(cells, widths or self.widths)
        if height > LINE_POINTS:
            self.sheet.row_dimensions[number].height = min(height, MAX_POINTS)
        self.sheet.append(cells)
        self.written = number
        self.sheet.row_dimensions.pop(number, None)


def _lines(cells: Sequence[Any], widths: Sequence[int]) -> int:
    """How many lines the longest text of a row wraps to in its column (a little room is
    left for the cell's padding)."""
    most = 1
    for cell, width in zip(cells, widths, strict=False):
        if isinstance(cell.value, str) and cell.value:
            room = max(width - 1, 1)
            most = max(most, sum(_wrapped(part, room) for part in cell.value.split("\n")))
    return most


# A spreadsheet breaks a line beside any CJK character or space, not inside a run of
# letters, digits and punctuation ("#9637:8;"): such a run is one word.
_WORDS = re.compile(r"[!-~]+|.", re.DOTALL)


def _wrapped(text: str, room: int) -> int:
    """The lines `text` takes in a column `room` characters wide (a CJK character is two),
    filled a word at a time; a word wider than the column is cut."""
    lines, used = 1, 0
    for word in _WORDS.findall(text):
        width = cell_len(word)
        if used + width > room:
            if used:
                lines, used = lines + 1, 0
            while width > room:
                lines, width = lines + 1, width - room
        used += width
    return lines


def _print_setup(sheet: Any, header_row: int, landscape: bool = True) -> None:
    """A4 landscape (portrait for a narrow table), as wide as the page and as many pages down
    as needed, the header row on every page and frozen on screen, page numbers in the footer."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.oddFooter.center.text = zh("xlsx.footer")
