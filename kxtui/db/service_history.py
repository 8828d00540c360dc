"""A volunteer's service history: the activities they served at, newest first, one page at a
time (a volunteer of many years may have hundreds)."""

from __future__ import annotations

from typing import Any

from kxtui.db import codes
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.volunteer_index import SERVICE
from kxtui.db.keyset import Sort, page_ids
from kxtui.db.numbers import one_hours
from kxtui.db.rows import ServiceHistoryLine

NEWEST_FIRST: Sort = (("a.start_date", True), ("a.id", True))  # one record per activity


def page(
    volunteer_id: int,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[ServiceHistoryLine, ...]:
    """Up to `limit` activities the volunteer served at (deleted ones left out), newest first,
    with the venue (or the region) and the hours; paged like `ledger.page`. Refused for a
    volunteer living outside the officer's view."""
    home = database.execute_sql(
        "SELECT region_id FROM volunteer WHERE id = ?", (volunteer_id,)
    ).fetchone()
    if home is not None:
        scope.require_visible(home[0])
    params: dict[str, Any] = {"volunteer": volunteer_id}
    ids, order, forward = page_ids(
        f"SELECT s.id {SERVICE}", ["s.volunteer_id = :volunteer"], params, NEWEST_FIRST,
        after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    sql = (
        f"SELECT s.id, a.id, a.start_date, a.title, COALESCE(v.name, r.name), s.hours {SERVICE} "
        "JOIN region r ON r.id = a.region_id LEFT JOIN venue v ON v.id = a.venue_id "
        f"WHERE s.id IN ({ids}) ORDER BY {order}"
    )
    rows = [
        ServiceHistoryLine(
            id_,
            activity,
            codes.day(day),
            title,
            place,
            one_hours(hours),
            key=(str(day), activity),
        )  # fmt: skip
        for id_, activity, day, title, place, hours in database.execute_sql(sql, params)
    ]
    return tuple(rows if forward else reversed(rows))
