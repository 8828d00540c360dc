"""Blank sheets to fill (`kxtui template ...`): the headers an import reads, one example row,
the columns of digits formatted as text so a spreadsheet keeps an ID number's 18 digits."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kxtui.db.errors import KxError


def write_template(
    path: Path | str,
    sheet_name: str,
    headers: Sequence[str],
    example: Sequence[str],
    *,
    text_columns: Sequence[int] = (),
    overwrite: bool = False,
) -> Path:
    """Write the template to `path` (XLSX); KxError "sheet.exists" for an existing file
    unless `overwrite`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    target = Path(path).expanduser()
    if target.exists() and not overwrite:
        raise KxError("sheet.exists", path=str(target))
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(list(headers))
    sheet.append(list(example))
    for number, text in enumerate(headers, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(10, 2 * len(text) + 2)
        sheet.cell(row=1, column=number).font = Font(bold=True)
        if number - 1 in text_columns:
            for row in (2, 3):  # the example and the first row to fill
                sheet.cell(row=row, column=number).number_format = "@"
    sheet.freeze_panes = "A2"
    book.save(target)
    return target
