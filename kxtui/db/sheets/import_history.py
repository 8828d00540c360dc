"""Import historical hours (历史时数) from a spreadsheet: service a volunteer gave before the county
used kxtui, recorded on paper, on the 大美志愿 platform or in another system.

Each row names a registered volunteer by ID number, mobile or platform ID (any one of them;
those given must all find the same person) and their name, which must agree with the record:
a file naming someone else under a number is a row error, not a guess. Then the activity or
project, its organiser, start and end date (end empty: the start), the hours (above 0, two
decimals at most, up to the hours column's limit) and where they were recorded.

The rules of every import: every row is checked before anything is written, every bad row is
listed (`第 N 行：列：问题`), and then nothing is written; the rows are written in ONE
transaction with one audit entry ("import") per row, the volunteers' totals
(`volunteer_index.refresh_service`) counted again in it. An officer imports hours only for
volunteers they may edit; a viewer imports nothing. Closed periods do not apply: these are
not activities of the county.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.db import resident_id
from kxtui.db.activities import _hours as read_hours
from kxtui.db.engine import scope, volunteer_index
from kxtui.db.engine.models import database
from kxtui.db.engine.writes import (
    BulkAudit,
    NothingToWrite,
    collector_paused,
    created,
    write_transaction,
)
from kxtui.db.lookups import registered
from kxtui.db.sheets import headers as sheet_headers
from kxtui.db.sheets.columns import (
    Problem,
    Progress,
    SheetLayout,
    header_names,
    no_progress,
    zh,
)
from kxtui.db.sheets.read import SheetTable, read_table
from kxtui.db.validation import NAME_MAX, TEXT_MAX, Checker

COLUMNS = ("name", "id_number", "mobile", "platform_id", "title", "organiser", "start", "end",
           "hours", "source")  # fmt: skip
IDENTITY = ("id_number", "mobile", "platform_id")  # any one of them finds the person
HISTORY = SheetLayout(
    names=header_names(COLUMNS, sheet_headers.HISTORY),
    required=(("name",), IDENTITY, ("title",), ("start",), ("hours",)),
    headers=sheet_headers.HISTORY,
    sheet=zh("hsheet.sheet"),
    first="name",
    no_header="hsheet.no_header",
)
CHECK_PROGRESS_EVERY = 1000


class HistoryReport(NamedTuple):
    """What a check or an import found; `errors` name row, column and reason."""

    file: str
    rows: int  # data rows in the file
    valid: int
    bad: int
    volunteers: int  # distinct volunteers of the valid rows
    hours: Decimal  # the valid rows' hours
    imported: int  # rows written: 0 for a check, or when refused
    errors: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]
    warnings: tuple[Problem, ...] = ()


class _Row(NamedTuple):
    row: int
    volunteer_id: int
    region_path: str
    values: dict[str, Any]


def header(column: str) -> str:
    return sheet_headers.HISTORY[column].zh


def check_file(path: Path | str, *, progress: Progress = no_progress) -> HistoryReport:
    """Read and check every row of the file; write nothing (`--dry-run`)."""
    scope.require_writer()  # before the file is read
    return check_table(read_table(path, progress, HISTORY), progress=progress)


def import_file(path: Path | str, *, progress: Progress = no_progress) -> HistoryReport:
    """Read, check and import the file (all rows or none); see `import_table`."""
    scope.require_writer()
    return import_table(read_table(path, progress, HISTORY), progress=progress)


@collector_paused()
def check_table(table: SheetTable, *, progress: Progress = no_progress) -> HistoryReport:
    scope.require_writer()
    with database.atomic():  # one consistent snapshot of the volunteers rows name
        return _check(table, progress)[0]


@collector_paused()
def import_table(table: SheetTable, *, progress: Progress = no_progress) -> HistoryReport:
    """Check every row again inside one write transaction and write them all; with any bad
    row nothing is written (`imported` is 0)."""
    try:
        with write_transaction() as write:
            report, rows = _check(table, progress)
            if report.bad or not rows:
                raise NothingToWrite(report)
            connection = database.connection()
            first = connection.execute(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM historical_hours"
            ).fetchone()[0]
            audit = BulkAudit(connection, write, "historical_hours")
            at = audit.at
            records = []
            for offset, plan in enumerate(rows):
                v = plan.values
                records.append(
                    (first + offset, plan.volunteer_id, v["title"], v["organiser"],
                     v["start_date"].isoformat(), v["end_date"].isoformat(), str(v["hours"]),
                     v["source"], at, write.actor, at, write.actor, 1)
                )  # fmt: skip
                changes = created({"volunteer": plan.volunteer_id, **v})
                changes["file"] = [None, f"{table.name}:{plan.row}"]
                audit.add(first + offset, v["title"], changes, plan.region_path)
                if (offset + 1) % CHECK_PROGRESS_EVERY == 0:
                    progress("sheet.stage_write", offset + 1, len(rows))
            connection.executemany(
                "INSERT INTO historical_hours (id, volunteer_id, title, organiser, start_date,"
                " end_date, hours, source, created_at, created_by, updated_at, updated_by,"
                " version) VALUES (?, ?, ?, ?, ?, ?, CAST(? AS REAL), ?, ?, ?, ?, ?, ?)",
                records,
            )
            volunteer_index.refresh_service({plan.volunteer_id for plan in rows})
            audit.done()
            progress("sheet.stage_write", len(rows), len(rows))
            return report._replace(imported=len(rows))
    except NothingToWrite as refused:
        return refused.result


# -- checking --------------------------------------------------------------------------------


def _check(table: SheetTable, progress: Progress) -> tuple[HistoryReport, list[_Row]]:
    width = 1 + max(table.columns.values())
    at = {key: table.columns.get(key, width) for key in COLUMNS}  # width: the padding ""
    today = clock.today()
    padded = [(row, raw[:width] + ("",) * (width + 1 - min(len(raw), width)))
              for row, raw in table.rows]  # fmt: skip
    people = _People(padded, at)
    errors: list[Problem] = []
    rows: list[_Row] = []
    total = len(padded)
    for done, (row, cells) in enumerate(padded, start=1):
        if done % CHECK_PROGRESS_EVERY == 0:
            progress("sheet.stage_check", done, total)
        problems: list[Problem] = []
        person = people.find(row, cells, problems)
        values = _values(row, cells, at, today, problems)
        if problems or person is None:
            errors.extend(problems)
            continue
        rows.append(_Row(row, person[0], person[1], values))
    progress("sheet.stage_check", total, total)
    bad = len({problem.row for problem in errors})
    report = HistoryReport(
        file=table.name,
        rows=total,
        valid=total - bad,
        bad=bad,
        volunteers=len({r.volunteer_id for r in rows}),
        hours=sum((r.values["hours"] for r in rows), Decimal(0)),
        imported=0,
        errors=tuple(sorted(errors, key=lambda p: p.row)),
        unknown_columns=table.unknown,
    )
    return report, rows


def _values(
    row: int, cells: tuple[str, ...], at: dict[str, int], today: date, problems: list[Problem]
) -> dict[str, Any]:
    checker = Checker()
    title = checker.text("title", cells[at["title"]], required=True, limit=NAME_MAX)
    organiser = checker.text("organiser", cells[at["organiser"]], required=False, limit=NAME_MAX)
    source = checker.text("source", cells[at["source"]], required=False, limit=TEXT_MAX)
    days: dict[str, date | None] = {}
    for column in ("start", "end"):
        text = cells[at[column]].strip().split(" ", 1)[0]  # without a time a sheet may add
        days[column] = parse_date(text, today) if text else None
        if text and days[column] is None:
            checker.fail(column, "field.date", text=text)
        elif column == "start" and not text:
            checker.fail(column, "field.required")
    start, end = days["start"], days["end"] or days["start"]
    if start is not None and end is not None and end < start:
        checker.fail("end", "field.end_before_start")
    if start is not None and start > today:
        checker.fail("start", "hsheet.future")
    hours_text = cells[at["hours"]].strip()
    hours = read_hours(hours_text)
    if hours is None:
        checker.fail("hours", "field.required" if not hours_text else "field.hours")
    for column, (key, params) in checker.errors.items():
        problems.append(Problem(row, column, key, params))
    return {"title": title, "organiser": organiser, "start_date": start, "end_date": end,
            "hours": hours, "source": source}  # fmt: skip


class _People:
    """The registered volunteers the file's ID numbers, mobiles and platform IDs name, read
    a batch at a time, each with their name and home."""

    def __init__(self, rows: list[tuple[int, tuple[str, ...]]], at: dict[str, int]) -> None:
        self.at = at
        self.wanted: dict[str, set[str]] = {field: set() for field in IDENTITY}
        for _, cells in rows:
            for field in IDENTITY:
                value = _identity(field, cells[at[field]])
                if value:
                    self.wanted[field].add(value)
        paths = dict(database.execute_sql("SELECT id, path FROM region"))
        self.found: dict[str, dict[str, list[tuple[int, str, str]]]] = {
            field: {
                value: [(id_, name, paths[region]) for id_, name, region in people]
                for value, people in registered(field, values).items()
            }
            for field, values in self.wanted.items()
        }

    def find(
        self, row: int, cells: tuple[str, ...], problems: list[Problem]
    ) -> tuple[int, str] | None:
        """(volunteer id, their region's path) of the row, or None with the problem listed."""
        name = _name(cells[self.at["name"]])
        given = [(f, _identity(f, cells[self.at[f]])) for f in IDENTITY]
        given = [(f, value) for f, value in given if value]
        if not name:
            problems.append(Problem(row, "name", "field.required", {}))
        if not given:
            problems.append(Problem(row, "id_number", "hsheet.no_identity", {}))
            return None
        people: dict[int, tuple[str, str]] = {}
        for field, value in given:
            matches = self.found[field].get(value, [])
            if not matches:
                problems.append(Problem(row, field, "hsheet.unknown", {"field": header(field)}))
                return None
            if len(matches) > 1:
                problems.append(Problem(row, field, "hsheet.several", {"field": header(field)}))
                return None
            volunteer_id, stored_name, path = matches[0]
            people[volunteer_id] = (stored_name, path)
        if len(people) > 1:
            problems.append(Problem(row, given[0][0], "hsheet.disagree", {}))
            return None
        ((volunteer_id, (stored_name, path)),) = people.items()
        if not scope.can_edit(path):
            params = {"scope": scope.session().edit_name}
            problems.append(Problem(row, given[0][0], "field.out_of_scope", params))
            return None
        if name and name != _name(stored_name):
            field = header(given[0][0])
            problems.append(Problem(row, "name", "hsheet.name_differs", {"field": field}))
            return None
        return (volunteer_id, path) if name else None


def _name(text: str) -> str:
    """A name as compared: NFKC, no spaces (张 伟 and 张伟 are one name)."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def _identity(field: str, text: str) -> str:
    """An ID number, mobile or platform ID as the roster stores it."""
    text = (text or "").strip()
    if not text:
        return ""
    if field == "id_number":
        return resident_id.normalise(text)
    if field == "mobile":
        return Checker().mobile("mobile", text) or ""
    return text


def template(path: Path | str, *, overwrite: bool = False) -> Path:
    """A blank sheet to fill: the headers, one example row, the text columns as text."""
    from kxtui.db.sheets.templates import write_template

    example = ("张伟", "370281198203125831", "13812345678", "", "2023年科普日志愿服务",
               "胶州市科协", "2023-09-16", "2023-09-17", "6", "大美志愿平台")  # fmt: skip
    return write_template(path, zh("hsheet.sheet"), [header(c) for c in COLUMNS], example,
                          text_columns=(1, 2, 3), overwrite=overwrite)  # fmt: skip
