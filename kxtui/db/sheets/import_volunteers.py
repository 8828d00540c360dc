"""Import volunteers from a spreadsheet (志愿者导入): check every row, then write them together.

Every row is checked before anything is written: the county, region path and teams are
resolved by name (`sheet_places.Regions`; a team the county does not have is a row error —
teams are set up by the county, not by a file), and the values go through
`volunteers.check_volunteer`, the rules of the volunteer form. Every bad row is reported with
its row number, column and reason, and then nothing is written: all or nothing.

A row whose resident ID number, mobile or platform ID is already registered is a duplicate;
one choice applies to them all: "skip" them, "update" the registered volunteer (the cells the
row fills replace the stored values; empty cells keep them; the result is checked again), or
"keep" both (a new record; the roster's duplicate check will list the pair). Two rows of one
file with the same ID number, mobile or platform ID are row errors.

The rows are written in ONE transaction with one audit entry ("import") per volunteer, and
every write keeps the search keys and service totals (`volunteer_index`) up to date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.writes import (
    NothingToWrite,
    bulk_cache,
    collector_paused,
    write_transaction,
)
from kxtui.db.errors import ValidationError
from kxtui.db.lookups import PreloadedLookups, RegionRef, registered
from kxtui.db.rows import VolunteerInput
from kxtui.db.sheets.columns import Problem, Progress, no_progress, split_groups
from kxtui.db.sheets.places import Regions
from kxtui.db.sheets.read import SheetTable, read_table
from kxtui.db.sheets.volunteer_columns import (
    VOLUNTEERS,
    header,
)
from kxtui.db.sheets.volunteer_rows import KEYS, RowReader
from kxtui.db.sheets.volunteer_writes import STORED, Checked, Update, insert_plans, update_one
from kxtui.db.volunteers import check_volunteer
from kxtui.db.words import say

ON_DUPLICATE = ("skip", "update", "keep")
CHECK_PROGRESS_EVERY = 1000
_BATCH = 500  # values per IN (...) when looking for registered volunteers
UNIQUE = ("id_number", "mobile", "platform_id")  # one of these registered: the same person


class VolunteerReport(NamedTuple):
    """What a check or an import found; `errors` and `warnings` name row, column and reason."""

    file: str
    rows: int  # data rows in the file
    valid: int  # rows without errors
    bad: int  # rows with at least one error
    new: int  # valid rows of people not registered yet
    matched: int  # valid rows of people already registered (ID number, mobile or platform ID)
    on_duplicate: str  # what happens to those: skip, update or keep
    added: int  # volunteers written: 0 for a check, or when refused
    updated: int
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    unknown_columns: tuple[str, ...]

    @property
    def skipped(self) -> int:
        return self.matched if self.on_duplicate == "skip" else 0

    @property
    def to_write(self) -> int:
        """Volunteers an import of the valid rows adds or updates."""
        return self.new + (0 if self.on_duplicate == "skip" else self.matched)


def check_file(
    path: Path | str,
    *,
    on_duplicate: str = "skip",
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> VolunteerReport:
    """Read and check every row of the file; write nothing (`--dry-run`)."""
    scope.require_writer()  # before the file is read, as for activities
    table = read_table(path, progress, VOLUNTEERS)
    return check_table(table, on_duplicate=on_duplicate, default_region=default_region,
                       progress=progress)  # fmt: skip


def import_file(
    path: Path | str,
    *,
    on_duplicate: str = "skip",
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> VolunteerReport:
    """Read, check and import the file; see `import_table`."""
    scope.require_writer()  # before the file is read
    table = read_table(path, progress, VOLUNTEERS)
    return import_table(table, on_duplicate=on_duplicate, default_region=default_region,
                        progress=progress)  # fmt: skip


@collector_paused()
def check_table(
    table: SheetTable,
    *,
    on_duplicate: str = "skip",
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> VolunteerReport:
    """Check every row of a table read with the `VOLUNTEERS` layout; write nothing."""
    scope.require_writer()
    with database.atomic():  # one consistent snapshot of the records rows refer to
        return _check(table, on_duplicate, default_region, progress)[0]


@collector_paused()
def import_table(
    table: SheetTable,
    *,
    on_duplicate: str = "skip",
    default_region: int | None = None,
    progress: Progress = no_progress,
) -> VolunteerReport:
    """Check every row again inside one write transaction and write the volunteers; with any
    bad row nothing is written (`added` and `updated` are 0). A county cell left empty (or no
    county column) means the county of `default_region`."""
    try:
        with write_transaction() as write:
            report, added, updates = _check(table, on_duplicate, default_region, progress)
            if report.bad or not (added or updates):
                raise NothingToWrite(report)
            with bulk_cache() as connection:
                insert_plans(connection, write, table.name, added, progress)
            for update in updates:
                update_one(write, table.name, update)
            return report._replace(added=len(added), updated=len(updates))
    except NothingToWrite as refused:
        return refused.result


# -- checking --------------------------------------------------------------------------------


def _check(
    table: SheetTable, on_duplicate: str, default_region: int | None, progress: Progress
) -> tuple[VolunteerReport, list[Checked], list[Update]]:
    if on_duplicate not in ON_DUPLICATE:
        raise ValueError(on_duplicate)
    regions = Regions(default_region)
    width = 1 + max(table.columns.values())
    at = {key: table.columns.get(key, width) for key in KEYS}  # width: the padding ""
    cells_of_teams = {cells[at["teams"]] for _, cells in table.rows if at["teams"] < len(cells)}
    regions.load_teams(name for text in cells_of_teams for name in split_groups(text))
    lookups = PreloadedLookups(
        regions.regions, {}, (t.id for ts in regions.teams.values() for t in ts), (),
        regions.kinds,
    )  # fmt: skip
    reader = RowReader(at, regions, updating=on_duplicate == "update")
    today = clock.today()
    errors: list[Problem] = []
    checked: list[Checked] = []
    first_row: dict[str, dict[str, int]] = {field: {} for field in UNIQUE}
    total = len(table.rows)
    for done, (row, raw) in enumerate(table.rows, start=1):
        if done % CHECK_PROGRESS_EVERY == 0:
            progress("sheet.stage_check", done, total)
        # cut before any column after the known ones: cells[width] must be the padding ""
        cells = raw[:width] + ("",) * (width + 1 - min(len(raw), width))
        problems: list[Problem] = []
        data, given = reader.read(row, cells, problems)
        try:
            values, domains, teams = check_volunteer(data, today, lookups)
        except ValidationError as error:
            _add_field_problems(row, error, problems)
        else:
            for field in UNIQUE:
                value = values[field]
                if value and value in first_row[field]:
                    params = {"field": header(field), "row": first_row[field][value]}
                    problems.append(Problem(row, field, "vsheet.same_in_file", params))
                elif value:
                    first_row[field][value] = row
        if problems:
            errors.extend(problems)
            continue
        checked.append(Checked(row, data, given, values, domains, teams))
    progress("sheet.stage_check", total, total)
    return _duplicates(table, checked, errors, on_duplicate, regions, lookups, today)


def _add_field_problems(row: int, error: ValidationError, problems: list[Problem]) -> None:
    seen = {problem.column for problem in problems}
    if seen & {"county", "town"}:
        seen.add("region")  # no county or town, so no region: one message is enough
    for field, (key, params) in error.errors.items():
        if field not in seen:
            problems.append(Problem(row, field, key, params))


# -- duplicates ------------------------------------------------------------------------------


def _duplicates(
    table: SheetTable,
    checked: list[Checked],
    errors: list[Problem],
    on_duplicate: str,
    regions: Regions,
    lookups: PreloadedLookups,
    today: date,
) -> tuple[VolunteerReport, list[Checked], list[Update]]:
    """Rows of people already registered: skipped, kept as new, or updates of the record."""
    registered = _registered(checked)
    warnings: list[Problem] = []
    added: list[Checked] = []
    updates: list[Update] = []
    updated_by: dict[int, int] = {}  # volunteer id → the row updating them
    stored = _stored(
        {v for c in checked for f in UNIQUE for v, _, _ in registered[f].get(c.values[f], ())}
        if on_duplicate == "update" else set()
    )  # fmt: skip
    lookups.teams.update(t for s in stored.values() for t in s[1].team_ids)
    matched = 0  # rows of registered people that are not errors
    for plan in checked:
        found: dict[int, tuple[str, str]] = {}  # volunteer id → (who, the first field)
        homes: dict[int, int] = {}  # volunteer id → their region
        for field in UNIQUE:
            for volunteer_id, name, region in registered[field].get(plan.values[field], ()):
                who = _who(name, regions.regions[region])
                found.setdefault(volunteer_id, (who, field))
                homes[volunteer_id] = region
        if not found:
            added.append(plan)
            continue
        (target, (who, field)), *others = found.items()
        params: dict[str, object] = {"field": header(field), "who": who}
        if on_duplicate == "skip":
            warnings.append(Problem(plan.row, field, "vsheet.matches", params))
        elif on_duplicate == "keep":
            warnings.append(Problem(plan.row, field, "vsheet.kept", params))
            added.append(plan)
        elif others:
            everyone = "、".join(w for w, _ in found.values())
            errors.append(Problem(plan.row, field, "vsheet.matches_several", {"who": everyone}))
            continue
        elif not scope.can_edit(regions.regions[homes[target]].path):
            params = {"scope": scope.session().edit_name}
            errors.append(Problem(plan.row, field, "field.out_of_scope", params))
            continue
        elif target in updated_by:
            params = {"row": updated_by[target], "who": who}
            errors.append(Problem(plan.row, field, "vsheet.updated_twice", params))
            continue
        else:
            updated_by[target] = plan.row
            update = _merged(plan, target, stored[target], lookups, today, errors)
            if update is None:
                continue
            updates.append(update)
        matched += 1
    bad = len({problem.row for problem in errors})
    total = len(table.rows)
    report = VolunteerReport(
        file=table.name,
        rows=total,
        valid=total - bad,
        bad=bad,
        new=total - bad - matched,
        matched=matched,
        on_duplicate=on_duplicate,
        added=0,
        updated=0,
        errors=tuple(sorted(errors, key=lambda p: p.row)),
        warnings=tuple(warnings),
        unknown_columns=table.unknown,
    )
    return report, added, updates


def _who(name: str, home: RegionRef) -> str:
    """A registered volunteer as a message names them: nobody outside the officer's view."""
    if not scope.inside(home.path, scope.session().view_path):
        return say("vsheet.elsewhere")  # in the interface's words
    return f"{name}（{home.name}）"


def _registered(checked: list[Checked]) -> dict[str, dict[str, list[tuple[int, str, int]]]]:
    """For each unique field, value → the registered volunteers (id, name, region) holding it."""
    return {
        field: registered(field, (c.values[field] for c in checked if c.values[field]))
        for field in UNIQUE
    }


def _stored(ids: Iterable[int]) -> dict[int, tuple[dict[str, Any], VolunteerInput]]:
    """Registered volunteers as stored (for the audit's before) and as the form would show
    them (for merging a row into)."""
    wanted = sorted(set(ids))
    found: dict[int, tuple[dict[str, Any], VolunteerInput]] = {}
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        marks = ", ".join("?" * len(chunk))
        links: dict[int, tuple[list[str], list[int]]] = {i: ([], []) for i in chunk}
        sql = f"SELECT volunteer_id, domain FROM volunteer_domain WHERE volunteer_id IN ({marks})"
        for volunteer, domain in database.execute_sql(sql, chunk):
            links[volunteer][0].append(domain)
        sql = f"SELECT volunteer_id, team_id FROM team_membership WHERE volunteer_id IN ({marks})"
        for volunteer, team in database.execute_sql(sql, chunk):
            links[volunteer][1].append(team)
        sql = f"SELECT id, {STORED} FROM volunteer WHERE id IN ({marks})"
        for id_, *raw in database.execute_sql(sql, chunk):
            stored = dict(zip([c.strip() for c in STORED.split(",")], raw, strict=True))
            for day in ("birth_date", "joined_on"):
                stored[day] = date.fromisoformat(stored[day]) if stored[day] else None
            domains, teams = links[id_]
            before = {**stored, "region": stored.pop("region_id"), "domains": sorted(domains),
                      "teams": sorted(teams)}  # fmt: skip
            found[id_] = (before, _as_input(before))
    return found


def _as_input(stored: dict[str, Any]) -> VolunteerInput:
    return VolunteerInput(
        name=stored["name"],
        region_id=stored["region"],
        gender=stored["gender"] or "",
        mobile=stored["mobile"] or "",
        id_number=stored["id_number"] or "",
        birth_date=str(stored["birth_date"] or ""),
        skills=stored["skills"],
        domains=tuple(stored["domains"]),
        team_ids=tuple(stored["teams"]),
        platform_registered=bool(stored["platform_registered"]),
        platform_id=stored["platform_id"] or "",
        is_student=bool(stored["is_student"]),
        active=bool(stored["active"]),
        joined_on=str(stored["joined_on"] or ""),
        notes=stored["notes"],
        confirmed=True,
    )


def _merged(
    plan: Checked,
    volunteer_id: int,
    stored: tuple[dict[str, Any], VolunteerInput],
    lookups: PreloadedLookups,
    today: date,
    errors: list[Problem],
) -> Update | None:
    """The registered volunteer with the cells the row fills, checked again as a whole."""
    before, current = stored
    replaced = {field: getattr(plan.data, field) for field in plan.given}
    if "id_number" in plan.given:  # a new ID number brings its gender and birth date
        replaced.setdefault("gender", "")
        replaced.setdefault("birth_date", "")
    try:
        values, domains, teams = check_volunteer(current._replace(**replaced), today, lookups)
    except ValidationError as error:
        problems: list[Problem] = []
        _add_field_problems(plan.row, error, problems)
        errors.extend(problems)
        return None
    return Update(plan.row, volunteer_id, before, values, domains, teams)
