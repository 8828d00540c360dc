"""Closed periods (期间关闭): numbers sent upward stay the numbers in the system.

A county admin closes a period — a year, quarter or month as `dates.parse_period` reads it,
or any first and last day — for the whole database or a region's subtree. While it is in
force no activity dated in it (its start date) is created, changed, deleted, restored or
imported there; the refusal names the period, who closed it and when. Reopening keeps the
row (with `reopened_at`), so the history of closings stays; both are audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from peewee import JOIN

from kxtui.dates import period_name
from kxtui.db.engine import scope
from kxtui.db.engine.models import ClosedPeriod as Closing
from kxtui.db.engine.models import Region, Rows
from kxtui.db.engine.writes import created, write_transaction
from kxtui.db.errors import RefusedError
from kxtui.db.rows import ClosedPeriod

_COLUMNS = (Closing.id, Closing.region, Region.name, Region.path, Closing.start, Closing.end,
            Closing.closed_at, Closing.closed_by, Closing.reopened_at,
            Closing.reopened_by)  # fmt: skip


def name_of(start: date, end: date) -> str:
    """ "2026Q3" for a whole year, quarter or month; "2026-07-01—2026-08-15" otherwise."""
    return period_name(start, end) or f"{start.isoformat()}—{end.isoformat()}"


def _read(where: Any = True) -> list[tuple[ClosedPeriod, str]]:
    """Closings with the path of their region ("" for the whole database)."""
    query = (
        Closing.select(*_COLUMNS)
        .join(Region, on=(Region.id == Closing.region), join_type=JOIN.LEFT_OUTER)
        .where(where)
        .order_by(Closing.start.desc(), Closing.closed_at.desc(), Closing.id.desc())
        .tuples()
    )
    found = []
    for (id_, region_id, region, path, start, end, at, by, reopened_at,
         reopened_by) in cast(Rows, query):  # fmt: skip
        row = ClosedPeriod(id_, region_id, region or "", start, end, at, by, name_of(start, end),
                           reopened_at, reopened_by)  # fmt: skip
        found.append((row, path or ""))
    return found


class Closings:
    """The closings in force, read once: an import asks about every row without a query."""

    def __init__(self, rows: Iterable[tuple[ClosedPeriod, str]]) -> None:
        # latest closing first: the one a refusal names when two cover a day
        self.rows = sorted(rows, key=lambda row: (row[0].closed_at, row[0].id), reverse=True)

    def covering(self, region_path: str, day: date) -> ClosedPeriod | None:
        """The closing that covers `day` in the region at `region_path`, or None."""
        for closing, path in self.rows:
            if closing.start <= day <= closing.end and region_path.startswith(path):
                return closing
        return None

    def within(self, region_path: str, start: date, end: date) -> ClosedPeriod | None:
        """The latest closing of the region (or of a region above it) covering all of
        [start, end]."""
        for closing, path in self.rows:
            if closing.start <= start and end <= closing.end and region_path.startswith(path):
                return closing
        return None


def in_force() -> Closings:
    """Every closing not reopened."""
    return Closings(_read(Closing.reopened_at.is_null()))


def closing_of(region_path: str, day: date) -> ClosedPeriod | None:
    """The closing in force that covers `day` for the region at `region_path` (closed for the
    whole database or for the region or one above it), or None."""
    return in_force().covering(region_path, day)


def closed_within(
    region_id: int | None, start: date | None, end: date | None
) -> ClosedPeriod | None:
    """For a report of [start, end] in the region (None: the whole database): the closing in
    force, of the region or one above it, that covers the whole period — the latest closed
    when several do — or None (also for a period without a first or last day)."""
    if start is None or end is None:
        return None
    path = "" if region_id is None else (_path(region_id) or "")
    if region_id is not None and not path:
        return None
    return in_force().within(path, start, end)


def refusal(closing: ClosedPeriod) -> dict[str, object]:
    """The parameters of the message "period.closed" naming a closing."""
    period = closing.name + (f"（{closing.region_name}）" if closing.region_name else "")
    return {
        "period": period,
        "closed_by": closing.closed_by,
        "closed_at": closing.closed_at.strftime("%Y-%m-%d %H:%M"),
    }


def refuse_if_closed(region_path: str, day: date, closings: Closings | None = None) -> None:
    """RefusedError "period.closed" when `day` is closed in the region at `region_path`."""
    closing = (closings or in_force()).covering(region_path, day)
    if closing is not None:
        raise RefusedError("period.closed", **refusal(closing))


def list_periods() -> tuple[ClosedPeriod, ...]:
    """Every closing, in force or reopened, latest period first, that applies in the
    officer's view: closed for the whole database, for a region in the view, or for one above
    the view's root."""
    view = scope.session().view_path
    return tuple(
        closing
        for closing, path in _read()
        if view is None or not path or path.startswith(view) or view.startswith(path)
    )


def _path(region_id: int) -> str | None:
    return cast(str | None, Region.select(Region.path).where(Region.id == region_id).scalar())


def _summary(start: date, end: date, region_id: int | None) -> str:
    name = name_of(start, end)
    if region_id is None:
        return name
    region = Region.select(Region.name).where(Region.id == region_id).scalar()
    return f"{name}（{region}）"


def _check(start: date, end: date, region_id: int | None) -> None:
    scope.require_admin()
    scope.require_editable(region_id)  # the whole database only for an admin of all of it
    if end < start:
        raise RefusedError("period.end_before_start")


def _open_closing(start: date, end: date, region_id: int | None) -> Closing | None:
    region = Closing.region.is_null() if region_id is None else Closing.region == region_id
    return cast(
        Closing | None,
        Closing.select()
        .where(Closing.start == start, Closing.end == end, region, Closing.reopened_at.is_null())
        .first(),
    )


def close_period(start: date, end: date, region_id: int | None = None) -> int:
    """Close [start, end] for the region's subtree (None: the whole database). County admins
    only, within their area. Returns the closing's id; refuses a period closed already."""
    _check(start, end, region_id)
    with write_transaction() as write:
        if _open_closing(start, end, region_id) is not None:
            raise RefusedError("period.already_closed", period=_summary(start, end, region_id))
        officer = scope.session()
        values = {"region": region_id, "start": start, "end": end}
        closing = Closing.create(**values, closed_at=write.at, closed_by=officer.name)
        summary = _summary(start, end, region_id)
        write.audit("close", "closed_period", closing.id, summary, created(values))
        return closing.id


def reopen_period(start: date, end: date, region_id: int | None = None) -> int:
    """Reopen the closing in force of exactly [start, end] for the region (None: the whole
    database); the row stays, marked reopened. County admins only. Returns its id."""
    _check(start, end, region_id)
    with write_transaction() as write:
        closing = _open_closing(start, end, region_id)
        if closing is None:
            raise RefusedError("period.not_closed", period=_summary(start, end, region_id))
        officer = scope.session()
        Closing.update(reopened_at=write.at, reopened_by=officer.name).where(
            Closing.id == closing.id
        ).execute()
        changes = {"reopened": [False, True], "closed_at": [str(closing.closed_at)[:16], None]}
        write.audit("reopen", "closed_period", closing.id, _summary(start, end, region_id), changes)
        return closing.id
