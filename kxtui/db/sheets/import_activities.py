"""Import activities from a spreadsheet (活动台账导入): check every row, then write them together.

Every row is checked before anything is written: names are resolved to records (county,
region path or name, venue within the region, team, volunteers of the county) and the values
go through `activities.check_activity`, the rules the activity form uses. Every bad row is
reported with its row number, column and reason; warnings (odd dates, large numbers) are
reported and do not block — an imported row counts as confirmed.

The rows are written in ONE transaction with one audit entry ("import") per activity: all or
nothing. By default a file with bad rows imports nothing; `valid_only` imports the good ones.

Re-importing: a row whose 编号 is a ledger activity with the same content is skipped as
already present; any other row becomes a new activity (a 编号 whose activity differs is
reported as a warning). An existing activity is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from kxtui import clock
from kxtui.db import periods
from kxtui.db.activities import check_activity
from kxtui.db.engine import scope, volunteer_index
from kxtui.db.engine.models import database
from kxtui.db.engine.writes import (
    BulkAudit,
    NothingToWrite,
    Write,
    bulk_cache,
    collector_paused,
    created,
    write_transaction,
)
from kxtui.db.errors import ValidationError
from kxtui.db.lookups import PreloadedLookups
from kxtui.db.numbers import one_hours
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import ActivityInput, ClosedPeriod, Hours
from kxtui.db.sheets.columns import (
    CHOICES,
    GROUP_SEPARATOR,
    Problem,
    Progress,
    code_label,
    label_codes,
    no_progress,
    normalise,
    split_groups,
)
from kxtui.db.sheets.places import Places
from kxtui.db.sheets.read import SheetTable, read_table

CHECK_PROGRESS_EVERY = 1000
WRITE_BATCH = 5000
REMEMBERED_TEXTS = 4096  # distinct labels kept per column and import
# check_activity's field → the sheet column a problem is shown in
_FIELD_COLUMNS = {"service": "volunteers"}
_ACTIVITY_COLUMNS = (
    "id, created_at, created_by, updated_at, updated_by, version, title, pinyin, initials, "
    "start_date, end_date, duration, region_id, venue_id, organiser_team_id, organiser, "
    "theme_day, campaign, target_groups, format, people_reached, materials, notes"
)
T = TypeVar("T")
_COMPARED = ("title", "start_date", "end_date", "duration", "region", "venue", "organiser_team",
             "organiser", "theme_day", "campaign", "target_groups", "format", "people_reached",
             "materials", "notes")  # fmt: skip


class ImportReport(NamedTuple):
    """What a check or an import found; `errors` and `warnings` name row, column and reason."""

    file: str
    rows: int  # data rows in the file
    valid: int  # rows without errors (with or without warnings)
    warned: int  # valid rows with warnings
    bad: int  # rows with at least one error
    present: int  # valid rows already in the ledger: skipped
    imported: int  # activities written (0 for a check, or when refused)
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]

    @property
    def bad_rows(self) -> tuple[int, ...]:
        return tuple(sorted({problem.row for problem in self.errors}))


class _Plan(NamedTuple):
    row: int
    values: dict[str, Any]
    served: dict[int, Decimal]


def check_sheet(
    path: Path | str, *, default_region: int | None = None, progress: Progress = no_progress
) -> ImportReport:
    """Read and check every row of the file; write nothing (`--dry-run`)."""
    scope.require_writer()  # before the file is read
    return check_table(read_table(path, progress), default_region=default_region, progress=progress)


def import_sheet(
    path: Path | str,
    *,
    valid_only: bool = False,
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Read, check and import the file; see `import_table`."""
    scope.require_writer()  # before the file is read
    table = read_table(path, progress)
    return import_table(
        table, valid_only=valid_only, default_region=default_region, progress=progress
    )


@collector_paused()
def check_table(
    table: SheetTable, *, default_region: int | None = None, progress: Progress = no_progress
) -> ImportReport:
    """Check every row of a table read by `read_table`; write nothing. Only an officer who
    may write checks an import (a row outside their scope is a row error)."""
    scope.require_writer()
    with database.atomic():  # one consistent snapshot of the records rows refer to
        plans, report = _check(table, default_region, progress)
    return report


@collector_paused()
def import_table(
    table: SheetTable,
    *,
    valid_only: bool = False,
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Check every row again inside one write transaction and write the activities.

    With bad rows and without `valid_only` nothing is written (`imported` is 0). `region` of
    rows without a county is looked up in the county of `default_region`, if given.
    """
    try:
        with write_transaction() as write:
            plans, report = _check(table, default_region, progress)
            if (report.bad and not valid_only) or not plans:
                raise NothingToWrite(report)
            with bulk_cache() as connection:
                _insert_rows(connection, write, table.name, plans, progress)
            return report._replace(imported=len(plans))
    except NothingToWrite as refused:
        return refused.result


# -- checking --------------------------------------------------------------------------------


def _check(
    table: SheetTable, default_region: int | None, progress: Progress
) -> tuple[list[_Plan], ImportReport]:
    places = Places(table, default_region)
    lookups = places.lookups()
    codes = {
        column: _remembered(partial(_code, label_codes(enum))) for column, enum in CHOICES.items()
    }
    groups = _remembered(lambda text: tuple(codes["target_groups"](g) for g in split_groups(text)))
    allowed = {
        column: GROUP_SEPARATOR.join(code_label(enum, member) for member in enum)
        for column, enum in CHOICES.items()
    }
    width = 1 + max(table.columns.values())
    at = {key: table.columns.get(key, width) for key in _ALL_KEYS}  # width: the padding ""
    existing = _existing(places.row_ids)
    today = clock.today()
    closings = periods.in_force()  # once: a file may have 100,000 rows
    errors: list[Problem] = []
    warnings: list[Problem] = []
    plans: list[_Plan] = []
    bad = warned = present = 0
    total = len(table.rows)
    for done, (row, raw) in enumerate(table.rows, start=1):
        if done % CHECK_PROGRESS_EVERY == 0:
            progress("sheet.stage_check", done, total)
        # cut before any column after the known ones: cells[width] must be the padding ""
        cells = raw[:width] + ("",) * (width + 1 - min(len(raw), width))
        resolved, problems = places.resolve(row, cells, at)
        data = ActivityInput(
            title=cells[at["title"]],
            start=cells[at["start"]],
            end=cells[at["end"]],
            duration=cells[at["duration"]],
            region_id=resolved.region,
            venue_id=resolved.venue,
            organiser_team_id=resolved.team,
            organiser=resolved.organiser,
            theme_day=codes["theme_day"](cells[at["theme_day"]]),
            campaign=codes["campaign"](cells[at["campaign"]]),
            target_groups=groups(cells[at["target_groups"]]),
            format=codes["format"](cells[at["format"]]),
            people_reached=cells[at["people_reached"]],
            materials=cells[at["materials"]],
            notes=cells[at["notes"]],
            service=resolved.service,
            confirmed=True,
        )
        try:
            values, served, odd = check_activity(data, today, lookups)
        except ValidationError as error:
            seen = {problem.column for problem in problems}
            if "county" in seen:
                seen.add("region")  # no county, so no region: one message is enough
            for field, (key, params) in error.errors.items():
                column = _FIELD_COLUMNS.get(field, field)
                if column in seen:
                    continue
                if key == "field.choice" and column in CHOICES:  # a sheet has no list to pick
                    text = cells[at[column]].strip()
                    key, params = "sheet.choice", {"text": text, "choices": allowed[column]}
                problems.append(Problem(row, column, key, params))
        if problems:
            errors.extend(problems)
            bad += 1
            continue
        row_warnings = [
            Problem(row, _FIELD_COLUMNS.get(field, field), key, params)
            for field, (key, params) in odd.items()
        ]
        known = existing.get(resolved.id) if resolved.id is not None else None
        if known is not None and _same(known, values, served):
            present += 1
            continue
        closing = _closing(closings, lookups, values) if closings.rows else None
        if closing is not None:
            errors.append(Problem(row, "start", "period.closed", periods.refusal(closing)))
            bad += 1
            continue
        if known is not None:
            row_warnings.append(Problem(row, "id", "sheet.id_differs", {"id": resolved.id}))
        if row_warnings:
            warned += 1
            warnings.extend(row_warnings)
        plans.append(_Plan(row, values, served))
    progress("sheet.stage_check", total, total)
    report = ImportReport(
        file=table.name,
        rows=total,
        valid=total - bad,
        warned=warned,
        bad=bad,
        present=present,
        imported=0,
        errors=tuple(errors),
        warnings=tuple(warnings),
        unknown_columns=table.unknown,
    )
    return plans, report


def _closing(
    closings: periods.Closings, lookups: PreloadedLookups, values: dict[str, Any]
) -> ClosedPeriod | None:
    """The closing in force of the row's start date in its region, if any."""
    region = lookups.region(values["region"])
    return closings.covering(region.path, values["start_date"]) if region else None


_ALL_KEYS = ("id", "title", "start", "end", "duration", "county", "region", "venue",
             "organiser", "team", "theme_day", "campaign", "target_groups", "format",
             "people_reached", "materials", "volunteers", "notes")  # fmt: skip


def _remembered(read: Callable[[str], T]) -> Callable[[str], T]:
    """`read` with its answers kept for one import: a file repeats a handful of labels."""
    seen: dict[str, T] = {}

    def remembered(text: str) -> T:
        if text in seen:
            return seen[text]
        value = read(text)
        if len(seen) < REMEMBERED_TEXTS:
            seen[text] = value
        return value

    return remembered


def _code(codes: dict[str, str], text: str) -> str:
    """The stored code for a label ("集中授课", "lecture"); unknown text is kept, so the
    check reports it as not one of the choices."""
    text = text.strip()
    if not text:
        return ""
    return codes.get(normalise(text), text)


def _existing(ids: Iterable[int]) -> dict[int, tuple[dict[str, Any], dict[int, Hours]]]:
    """Ledger activities (not deleted) with these ids, as check_activity would return them."""
    wanted = sorted(set(ids))
    found: dict[int, tuple[dict[str, Any], dict[int, Hours]]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = (
            "SELECT id, title, start_date, end_date, duration, region_id, venue_id, "
            "organiser_team_id, organiser, theme_day, campaign, target_groups, format, "
            f"people_reached, materials, notes FROM activity WHERE deleted_at IS NULL "
            f"AND id IN ({marks})"
        )
        for raw in database.execute_sql(sql, chunk):
            values = dict(zip(_COMPARED, raw[1:], strict=True))
            values["start_date"] = date.fromisoformat(str(values["start_date"]))
            values["end_date"] = date.fromisoformat(str(values["end_date"]))
            values["duration"] = one_hours(values["duration"])  # INVALID: same as no row
            found[raw[0]] = (values, {})
        sql = (
            "SELECT activity_id, volunteer_id, hours FROM service_record "
            f"WHERE activity_id IN ({marks})"
        )
        for activity, volunteer, hours in database.execute_sql(sql, chunk):
            if activity in found:
                found[activity][1][volunteer] = one_hours(hours)
    return found


def _same(
    known: tuple[dict[str, Any], dict[int, Hours]],
    values: dict[str, Any],
    served: dict[int, Decimal],
) -> bool:
    stored, stored_served = known
    return all(stored[key] == values[key] for key in _COMPARED) and stored_served == served


# -- writing ---------------------------------------------------------------------------------


def _insert_rows(
    connection: Any, write: Write, file_name: str, plans: list[_Plan], progress: Progress
) -> None:
    """Bulk inserts inside the caller's transaction (which holds the write lock, so the next
    ids are ours): activities, their service records, one audit entry each."""
    first = connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM activity").fetchone()[0]
    audit = BulkAudit(connection, write, "activity")
    stamp = (audit.at, write.actor, audit.at, write.actor, 1)
    keys: dict[str, tuple[str, str]] = {}
    texts: dict[Decimal, str] = {}  # hours → "1.5" as the audit entry shows them
    total = len(plans)
    for start in range(0, total, WRITE_BATCH):
        activities, service = [], []
        for offset, plan in enumerate(plans[start : start + WRITE_BATCH], start=start):
            activity_id = first + offset
            v = plan.values
            title = v["title"]
            if title not in keys:
                keys[title] = pinyin_keys(title)
            activities.append(
                (activity_id, *stamp, title, *keys[title], v["start_date"], v["end_date"],
                 v["duration"], v["region"], v["venue"], v["organiser_team"], v["organiser"],
                 v["theme_day"], v["campaign"], v["target_groups"], v["format"],
                 v["people_reached"], v["materials"], v["notes"])
            )  # fmt: skip
            lines = []
            for volunteer, hours in plan.served.items():
                if hours not in texts:
                    texts[hours] = f"{hours.normalize():f}"
                lines.append([volunteer, texts[hours]])
                service.append((activity_id, volunteer, hours))
            changes = created({**v, "service": lines, "source": f"{file_name}:{plan.row}"})
            audit.add(activity_id, title, changes, audit.paths[v["region"]])
        connection.executemany(
            f"INSERT INTO activity ({_ACTIVITY_COLUMNS}) VALUES ({', '.join('?' * 23)})",
            activities,
        )
        connection.executemany(
            "INSERT INTO service_record (activity_id, volunteer_id, hours) VALUES (?, ?, ?)",
            service,
        )
        audit.flush()
        progress("sheet.stage_write", min(start + WRITE_BATCH, total), total)
    volunteer_index.refresh_service({v for plan in plans for v in plan.served})
    audit.done()
