"""What the reports share: the region reported on, the groups their rows are (every child
region, every code, every month — with or without figures: who did nothing matters), and the
SQL that tells which group an activity's, a volunteer's or a venue's region falls in."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.numbers import HOURS_LIMIT
from kxtui.db.periods import closed_within
from kxtui.db.regions import subtree_bounds
from kxtui.db.report_rows import ClosedNote, ReportRow, Value
from kxtui.db.words import chinese, marked_chinese
from kxtui.domain import LABELS, VILLAGE_LEVEL


class Root(NamedTuple):
    """The region a report is about: its id (None: the whole database), path ("/" for the
    whole database), name, kind, and the region above it within the officer's view."""

    id: int | None
    path: str
    name: str
    kind: str
    parent_id: int | None


def root(region_id: int | None) -> Root:
    """The region asked for (refused outside the officer's view), or the view's root."""
    if region_id is None:
        region_id = scope.view_root()
    if region_id is None:
        return Root(None, "/", "", "", None)
    scope.require_visible(region_id)
    row = database.execute_sql(
        "SELECT id, path, name, kind, parent_id FROM region WHERE id = ?", (region_id,)
    ).fetchone()
    if row is None:
        from kxtui.db.errors import RefusedError

        raise RefusedError("refused.gone")
    id_, path, name, kind, parent = row
    top = scope.view_root()
    return Root(id_, path, name, kind, None if id_ == top else parent)


class Group(NamedTuple):
    """One row a report will have, whatever its figures: its key, name and region to open."""

    key: str
    name: str
    drill: int | None = None


class Grouping(NamedTuple):
    """How rows are formed: `key` is SQL giving an activity's (or volunteer's, venue's) group
    key as text, over the aliases the report's query uses (r: its region, a: the activity);
    `groups` are the rows in order; `joins` are the FROM clause's additions it needs."""

    key: str
    groups: tuple[Group, ...]
    joins: str = ""


def subtree_sql(root_: Root, path_column: str, params: dict[str, Any]) -> list[str]:
    """Conditions keeping `path_column` within the root's subtree and the officer's view."""
    conditions = scope.view_sql(path_column, params)
    if root_.id is not None:
        params["lo"], params["hi"] = subtree_bounds(root_.path)
        conditions.append(f"{path_column} >= :lo AND {path_column} < :hi")
    return conditions


def segment_sql(path_column: str, start: int, skip: int = 0) -> str:
    """SQL: the id (as text) in `path_column` after the first `start` characters, past `skip`
    more ids — "/1/5/23/" from 4 ("/1/" is 3) is "5", past one more is "23"; "" when the path
    ends before it."""
    rest = f"substr({path_column}, {start + 1})"
    for _ in range(skip):
        rest = f"substr({rest}, instr({rest}, '/') + 1)"
    return f"substr({rest}, 1, instr({rest}, '/') - 1)"


def summed_hours(value: float | None) -> Decimal:
    """A sum of hours (of values in range: `numbers.valid_sum`) to two places: 7834.2, 26."""
    number = Decimal(str(round(float(value or 0), 2)))
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def _regions(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return database.execute_sql(sql, params).fetchall()


def region_grouping(root_: Root, by: str, path_column: str = "r.path") -> Grouping:
    """Rows by the root's child regions (`town`), or by the village-level regions below it
    (`village`, named "town/village"), each visible to the officer."""
    params: dict[str, Any] = {}
    view = "".join(f" AND {c}" for c in scope.view_sql("k.path", params))
    if by == "town" or root_.kind in VILLAGE_LEVEL:
        params["parent"] = root_.id
        rows = _regions(
            "SELECT k.id, k.name FROM region k WHERE k.parent_id IS :parent"
            f"{view} ORDER BY k.sort_order, k.pinyin, k.id",
            params,
        )
        groups = [Group(str(id_), name, id_) for id_, name in rows]
        if root_.kind in VILLAGE_LEVEL and by == "village":
            groups = [Group(str(root_.id), root_.name, root_.id)]
            return Grouping(f"'{root_.id}'", (*groups, _own(root_)))
        return Grouping(segment_sql(path_column, len(root_.path)), (*groups, _own(root_)))
    kinds = ", ".join(f"'{kind}'" for kind in VILLAGE_LEVEL)
    params.update(zip(("lo", "hi"), subtree_bounds(root_.path), strict=True))
    rows = _regions(
        "SELECT k.id, k.name, k.path, p.name FROM region k JOIN region p ON p.id = k.parent_id"
        f" WHERE k.kind IN ({kinds}) AND k.path >= :lo AND k.path < :hi{view}"
        " ORDER BY p.sort_order, p.pinyin, p.id, k.sort_order, k.pinyin, k.id",
        params,
    )
    depth = {path.count("/") for _, _, path, _ in rows}
    skip = (min(depth) if depth else 0) - root_.path.count("/") - 1
    groups = [Group(str(id_), f"{town}/{name}", id_) for id_, name, _, town in rows]
    return Grouping(segment_sql(path_column, len(root_.path), skip), (*groups, _own(root_)))


def _own(root_: Root) -> Group:
    """The row of what is recorded at the root region itself, not in a region below it."""
    return Group("", chinese("report.own", region=root_.name or chinese("export.everywhere")))


def team_groups(root_: Root) -> tuple[Group, ...]:
    """A row per live team based in the root's subtree (and the officer's view), in the
    tree's order: by region, then as the team tree sorts them."""
    params: dict[str, Any] = {}
    inside = " AND ".join(["t.dissolved_at IS NULL", *subtree_sql(root_, "k.path", params)])
    teams = database.execute_sql(
        f"SELECT t.id, t.name FROM team t JOIN region k ON k.id = t.region_id WHERE {inside}"
        " ORDER BY k.path, t.sort_order, t.pinyin, t.id",
        params,
    ).fetchall()
    return tuple(Group(str(id_), name) for id_, name in teams)


def code_groups(enum: type[StrEnum], none: str = "report.none") -> tuple[Group, ...]:
    """A row per code of `enum`, named as the sheets name it, then one for none."""
    name = enum.__name__
    return (*(Group(code.value, LABELS[f"{name}.{code.value}"][0]) for code in enum),
            Group("", chinese(none)))  # fmt: skip


def month_groups(start: date, end: date) -> tuple[Group, ...]:
    """A row per month from `start` to `end`, keyed "2026-09"."""
    groups, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        groups.append(Group(f"{year}-{month:02d}", chinese("report.month", year=year, month=month)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(groups)


def rows_of(
    groups: Iterable[Group],
    figures: dict[str, dict[str, Value]],
    columns: tuple[str, ...],
    odd_name: str = "code.unknown",
) -> tuple[ReportRow, ...]:
    """The rows: every group in order with its figures (zeros where it has none), the
    group of the root itself and of none only where they have figures, then any key no group
    has (a code kxtui does not know, written by another program), marked."""
    empty: dict[str, Value] = dict.fromkeys(columns, 0)
    rows, seen = [], set()
    for group in groups:
        seen.add(group.key)
        if group.key == "" and not any(figures.get("", {}).values()):
            continue  # nothing recorded at the region itself, or without a tag
        values = {**empty, **figures.get(group.key, {})}
        rows.append(ReportRow(group.key, group.name, values, group.drill))
    for key, values in figures.items():
        if key not in seen:
            rows.append(ReportRow(key, marked_chinese(odd_name, key), {**empty, **values}))
    return tuple(rows)


def closed_note(root_: Root, start: date | None, end: date | None) -> ClosedNote | None:
    """The closing in force over the report's whole period, if any."""
    closing = closed_within(root_.id, start, end)
    if closing is None:
        return None
    return ClosedNote(closing.name, closing.closed_at, closing.closed_by)


def rate(part: Value, whole: Value, places: str = "0.0001") -> Decimal | None:
    """`part / whole` rounded half up to `places` (a fraction: 0.8125), None when `whole` is
    0 or either is missing: a rate of nothing is no rate."""
    if not whole or part is None:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places), ROUND_HALF_UP)


def period_sql(
    column: str, start: date | None, end: date | None, params: dict[str, Any]
) -> list[str]:
    """Conditions keeping the date in `column` within [start, end] (either open)."""
    conditions = []
    if start is not None:
        conditions.append(f"{column} >= :start")
        params["start"] = start.isoformat()
    if end is not None:
        conditions.append(f"{column} <= :end")
        params["end"] = end.isoformat()
    return conditions


def hours_sql(alias: str = "s") -> str:
    """SQL, in an aggregate over service records: their hours in range added up (NULL
    without any), then how many are out of range — `numbers.valid_sum` and `bad_count` of
    service_record.hours in one comparison per record, without a typeof: SQLite orders text
    and blobs after every number, so the upper bound leaves them out; NULL is out too."""
    hours = f"{alias}.hours"
    valid = f"{hours} > 0 AND {hours} <= {HOURS_LIMIT}"
    return (
        f"SUM(CASE WHEN {valid} THEN {hours} END), COUNT(*) - COUNT(CASE WHEN {valid} THEN 1 END)"
    )
