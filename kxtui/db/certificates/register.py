"""The register of certificates issued (志愿服务记录证明登记簿): every certificate with its
number, volunteer, period, hours, who issued it and when, and its reprints — on screen, in
the CLI, and as an XLSX sheet. An officer reads the certificates of the volunteers in their
view."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, NamedTuple

from kxtui.db.certificates import wording
from kxtui.db.certificates.contents import half_hours, text
from kxtui.db.certificates.document import day_text
from kxtui.db.certificates.issue import hours_text
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.keyset import Sort, page_ids, region_subtree
from kxtui.db.search import like_escape
from kxtui.db.sheets.columns import Progress, no_progress
from kxtui.db.sheets.file_names import ExportName, region_name, safe_file_name
from kxtui.db.sheets.files import ExportResult, write_file
from kxtui.db.sheets.notes import CellChanges
from kxtui.db.sheets.xlsx_layout import TableSheet


class RegisterFilter(NamedTuple):
    year: int | None = None  # None: every year
    region_id: int | None = None  # the region whose volunteers' certificates (None: the view)
    text: str = ""  # a name or a number, or the beginning of one (the screen's search)


class RegisterRow(NamedTuple):
    id: int
    number: str
    volunteer_id: int
    name: str
    volunteer_number: str
    region: str
    period_start: date | None
    period_end: date | None
    hours: Decimal
    historical_hours: Decimal
    issued_at: datetime
    issued_by: str
    reprints: int
    reprinted_at: datetime | None

    @property
    def key(self) -> tuple[int]:
        """The screen's keyset key: newest first (`page`)."""
        return (self.id,)

    @property
    def period(self) -> str:
        if self.period_start is None and self.period_end is None:
            return wording.ALL_TIME
        start = day_text(self.period_start) if self.period_start else ""
        end = day_text(self.period_end) if self.period_end else day_text(self.issued_at.date())
        return wording.PERIOD.format(start=start, end=end)


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _stamp(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


_COLUMNS = (
    "c.id, c.number, v.id, v.name, CASE WHEN v.platform_registered = 1 THEN v.platform_id END,"
    " r.name, c.period_start, c.period_end, c.hours, c.historical_hours, c.issued_at,"
    " c.issued_by, c.reprints, c.reprinted_at"
)
_FROM = (
    " FROM certificate c JOIN volunteer v ON v.id = c.volunteer_id"
    " JOIN region r ON r.id = v.region_id"
)
SORT: Sort = (("c.id", True),)  # newest first on screen: ids follow the order of issuing


def _where(f: RegisterFilter) -> tuple[list[str], dict[str, Any]]:
    params: dict[str, Any] = {}
    conditions = scope.view_sql("r.path", params)
    if f.year is not None:
        conditions.append("c.year = :year")
        params["year"] = f.year
    if f.region_id is not None:
        region_subtree(f.region_id, params)
        conditions.append("r.path >= :lo AND r.path < :hi")
    text = f.text.strip()
    if text:
        params["name_prefix"] = like_escape(text) + "%"
        params["number_part"] = "%" + like_escape(text) + "%"
        conditions.append("(v.name LIKE :name_prefix ESCAPE '\\'"
                          " OR c.number LIKE :number_part ESCAPE '\\')")  # fmt: skip
    return conditions or ["1"], params


def _row(raw: tuple[Any, ...]) -> RegisterRow:
    (id_, number, volunteer, name, platform, region, start, end, hours, historical, issued,
     by, reprints, reprinted) = raw  # fmt: skip
    return RegisterRow(
        id_,
        text(number, 60),
        volunteer,
        text(name, 50),
        text(platform) if platform else wording.KXTUI_NUMBER.format(id=volunteer),
        text(region, 40),
        _date(start),
        _date(end),
        half_hours(hours),
        half_hours(historical),
        _stamp(issued) or datetime.min,
        text(by, 20),
        int(reprints or 0),
        _stamp(reprinted),
    )


def register(f: RegisterFilter) -> list[RegisterRow]:
    """The certificates of `f`, in number order (county, year, sequence), in the view."""
    conditions, params = _where(f)
    rows = database.execute_sql(
        f"SELECT {_COLUMNS}{_FROM} WHERE {' AND '.join(conditions)}"
        " ORDER BY c.county_id, c.year, c.sequence",
        params,
    ).fetchall()
    return [_row(raw) for raw in rows]


def page(
    f: RegisterFilter,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[RegisterRow, ...]:
    """Up to `limit` certificates of `f`, newest first (keyset paging as in `ledger.page`)."""
    conditions, params = _where(f)
    ids, order, forward = page_ids(
        f"SELECT c.id{_FROM}", conditions, params, SORT,
        after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    sql = f"SELECT {_COLUMNS}{_FROM} WHERE c.id IN ({ids}) ORDER BY {order}"
    rows = [_row(raw) for raw in database.execute_sql(sql, params).fetchall()]
    return tuple(rows if forward else reversed(rows))


def count(f: RegisterFilter) -> int:
    """How many certificates `f` selects."""
    conditions, params = _where(f)
    sql = f"SELECT COUNT(*){_FROM} WHERE {' AND '.join(conditions)}"
    return int(database.execute_sql(sql, params).fetchone()[0])


def register_name(f: RegisterFilter) -> ExportName:
    """`胶莱镇-志愿服务记录证明登记簿-2026` (`全部` for every year): the export's name."""
    region, region_zh = region_name(f.region_id)
    period = str(f.year) if f.year else wording.EVERY_YEAR
    title = f"{region_zh} {wording.REGISTER_TITLE} {f'{f.year}年' if f.year else period}"
    return ExportName(safe_file_name(f"{region}-{wording.REGISTER_TITLE}-{period}"), title,
                      region_zh, period)  # fmt: skip


def export_register(
    f: RegisterFilter,
    path: Path | str,
    *,
    overwrite: bool = False,
    progress: Progress = no_progress,
) -> ExportResult:
    """The register of `f` as an XLSX sheet at `path`."""

    def fill(handle: IO[bytes], chosen: str, changes: CellChanges) -> int:
        from openpyxl import Workbook

        rows = register(f)
        progress("sheet.stage_export", 0, len(rows))
        book = Workbook(write_only=True)
        title = wording.REGISTER_TITLE + (f" {f.year}年" if f.year else "")
        headers = [header for _, header, _ in wording.REGISTER_COLUMNS]
        widths = [width for _, _, width in wording.REGISTER_COLUMNS]
        sheet = TableSheet(book, wording.REGISTER_TITLE, title, headers, widths,
                           rows=len(rows), text_columns=frozenset({0, 2}))  # fmt: skip
        for number, row in enumerate(rows, start=sheet.header_row + 1):
            reprinted = row.reprinted_at.strftime("%Y-%m-%d %H:%M") if row.reprinted_at else ""
            values = (row.number, row.name, row.volunteer_number, row.region, row.period,
                      hours_text(row.hours), hours_text(row.historical_hours),
                      row.issued_at.strftime("%Y-%m-%d %H:%M"), row.issued_by, row.reprints,
                      reprinted)  # fmt: skip
            sheet.append(changes.row(wording.REGISTER_TITLE, number, headers, values))
        changes.add_sheet(book)
        book.save(handle)
        progress("sheet.stage_export", len(rows), len(rows))
        return len(rows)

    return write_file(path, "xlsx", overwrite, fill, entity="certificate", filter=f)
