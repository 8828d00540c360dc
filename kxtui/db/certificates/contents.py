"""What a volunteer's certificate certifies for a period: the hours (activity services plus
historical hours, each in the period), the summary of the services and, when asked, every one.

Read for a batch at once: one query per kind of figure over every volunteer of the batch
(their ids passed as one JSON array), never one per volunteer.

Counted, as the ledger counts: a service record of an activity not deleted whose start date
is in the period, and a historical-hours row whose start date is in it. An open period ends
on the day the certificate is issued (nothing planned for later is certified). Hours out of
range (text, negative, too large: `kxtui.db.numbers`) are never certified: the record is left
out of the hours, the counts and the list, and `left_out` says how many were. The total is
rounded down to the half hour, as a proof should be: 12.4 h of service is certified as 12 h.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any, NamedTuple

from kxtui.db.engine.models import database
from kxtui.db.numbers import bad, bad_count, valid_sum
from kxtui.db.numbers import hours as hours_of
from kxtui.display import clean
from kxtui.domain import LABELS

TOP = 3  # the main formats and organisers a summary names
HALF = Decimal("0.5")


class Service(NamedTuple):
    """One line of the second page."""

    day: date
    title: str
    organiser: str
    hours: Decimal
    historical: bool


class Contents(NamedTuple):
    """A volunteer's certificate for a period, before it has a number."""

    volunteer_id: int
    name: str
    id_number: str | None
    platform_id: str | None  # the national platform's, when registered
    region_path: str
    county_id: int
    period_start: date | None  # as asked (None: from the first service)
    period_end: date | None  # as asked (None: to the day of issue)
    first: date | None  # the first and last service counted
    last: date | None
    hours: Decimal  # certified: everything counted, rounded down to the half hour
    historical_hours: Decimal  # of which historical, rounded down the same way
    services: int  # activity services counted
    historical_count: int  # historical rows counted
    formats: tuple[str, ...]  # the main formats, most services first
    organisers: tuple[str, ...]  # the main organisers (team or unit), most services first
    sources: tuple[str, ...]  # where the historical hours were recorded
    left_out: int  # records whose hours are out of range: not certified
    listing: tuple[Service, ...] = ()  # every service, when the second page is asked for


def half_hours(value: object) -> Decimal:
    """Hours rounded down to the half hour: 12.4 → 12, 12.5 → 12.5, 12.99 → 12.5."""
    number = Decimal(str(value or 0)).quantize(Decimal("0.01"))  # a float sum: 12.4999… is 12.5
    return (number * 2).to_integral_value(rounding=ROUND_FLOOR) / 2


def text(value: object, limit: int = 200) -> str:
    """Stored text as a document shows it: one line, control and invisible characters as marks
    (XML refuses some; a document must never hide one), at most `limit` characters."""
    return clean(value, limit)


def _format_name(code: str) -> str:
    return LABELS.get(f"ActivityFormat.{code}", (text(code, 20),))[0]


# the service records counted: of the batch's volunteers, activities not deleted, in the period
_SERVICES = """FROM service_record s JOIN activity a ON a.id = s.activity_id
WHERE s.volunteer_id IN (SELECT value FROM json_each(:ids)) AND a.deleted_at IS NULL
  AND a.start_date >= :start AND a.start_date <= :end"""
_HISTORICAL = """FROM historical_hours h
WHERE h.volunteer_id IN (SELECT value FROM json_each(:ids))
  AND h.start_date >= :start AND h.start_date <= :end"""
_GOOD_SERVICE = f"NOT {bad('service_record', 'hours', 's')}"
_GOOD_HISTORICAL = f"NOT {bad('historical_hours', 'hours', 'h')}"
_ORGANISER = "COALESCE((SELECT t.name FROM team t WHERE t.id = a.organiser_team_id), a.organiser)"


def _params(ids: Sequence[int], start: date | None, end: date | None, today: date) -> Any:
    last = min(end, today) if end is not None else today
    return {"ids": json.dumps(list(ids)), "start": (start or date.min).isoformat(),
            "end": last.isoformat()}  # fmt: skip


def _day(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _ranked(sql: str, params: Any) -> dict[int, list[str]]:
    """{volunteer: names}, most services first, from rows (volunteer, name, count)."""
    ranked: dict[int, list[tuple[int, str]]] = {}
    for volunteer, name, times in database.execute_sql(sql, params).fetchall():
        ranked.setdefault(volunteer, []).append((-times, str(name or "")))
    return {v: [name for _, name in sorted(pairs) if name][:TOP] for v, pairs in ranked.items()}


def contents_of(
    volunteer_ids: Sequence[int],
    start: date | None,
    end: date | None,
    today: date,
    *,
    with_list: bool = False,
) -> list[Contents]:
    """The certificate of each volunteer (in the order given; unknown ids are left out) for
    the period from `start` to `end` (None: from the first service, to `today`)."""
    params = _params(volunteer_ids, start, end, today)
    people = database.execute_sql(
        "SELECT v.id, v.name, v.id_number, v.platform_registered, v.platform_id, r.path"
        " FROM volunteer v JOIN region r ON r.id = v.region_id"
        " WHERE v.id IN (SELECT value FROM json_each(:ids))",
        params,
    ).fetchall()
    services = {row[0]: row[1:] for row in database.execute_sql(
        f"SELECT s.volunteer_id, {valid_sum('service_record', 'hours', 's')},"
        f" {bad_count('service_record', 'hours', 's')},"
        f" SUM(CASE WHEN {_GOOD_SERVICE} THEN 1 ELSE 0 END),"
        f" MIN(CASE WHEN {_GOOD_SERVICE} THEN a.start_date END),"
        f" MAX(CASE WHEN {_GOOD_SERVICE} THEN a.start_date END) {_SERVICES} GROUP BY 1",
        params,
    ).fetchall()}  # fmt: skip
    historical = {row[0]: row[1:] for row in database.execute_sql(
        f"SELECT h.volunteer_id, {valid_sum('historical_hours', 'hours', 'h')},"
        f" {bad_count('historical_hours', 'hours', 'h')},"
        f" SUM(CASE WHEN {_GOOD_HISTORICAL} THEN 1 ELSE 0 END),"
        f" MIN(CASE WHEN {_GOOD_HISTORICAL} THEN h.start_date END),"
        f" MAX(CASE WHEN {_GOOD_HISTORICAL} THEN h.start_date END),"
        f" group_concat(DISTINCT CASE WHEN {_GOOD_HISTORICAL} THEN NULLIF(h.source, '') END)"
        f" {_HISTORICAL} GROUP BY 1",
        params,
    ).fetchall()}  # fmt: skip
    formats = _ranked(
        f"SELECT s.volunteer_id, a.format, COUNT(*) {_SERVICES} AND {_GOOD_SERVICE} GROUP BY 1, 2",
        params,
    )
    organisers = _ranked(
        f"SELECT s.volunteer_id, {_ORGANISER}, COUNT(*) {_SERVICES} AND {_GOOD_SERVICE}"
        " GROUP BY 1, 2",
        params,
    )
    listings = _listings(params) if with_list else {}
    found = {row[0]: row for row in people}
    out = []
    for volunteer_id in volunteer_ids:
        if volunteer_id not in found:
            continue
        _, name, id_number, registered, platform_id, path = found[volunteer_id]
        s_hours, s_bad, s_count, s_first, s_last = services.get(volunteer_id, (0, 0, 0, None, None))
        h_hours, h_bad, h_count, h_first, h_last, sources = historical.get(
            volunteer_id, (0, 0, 0, None, None, None)
        )
        days = [d for d in map(_day, (s_first, s_last, h_first, h_last)) if d is not None]
        out.append(Contents(
            volunteer_id, text(name, 50), text(id_number, 30) if id_number else None,
            text(platform_id, 40) if registered == 1 and platform_id else None, path,
            int(path.strip("/").split("/")[0]), start, end,
            min(days, default=None), max(days, default=None),
            half_hours(Decimal(str(s_hours)) + Decimal(str(h_hours))), half_hours(h_hours),
            int(s_count or 0), int(h_count or 0),
            tuple(_format_name(code) for code in formats.get(volunteer_id, [])),
            tuple(text(o, 60) for o in organisers.get(volunteer_id, [])),
            tuple(text(s, 30) for s in (sources or "").split(",") if s),
            int(s_bad or 0) + int(h_bad or 0), tuple(listings.get(volunteer_id, ())),
        ))  # fmt: skip
    return out


def _listings(params: Any) -> dict[int, list[Service]]:
    rows = database.execute_sql(
        f"SELECT s.volunteer_id, a.start_date, a.title, {_ORGANISER}, s.hours, 0"
        f" {_SERVICES} AND {_GOOD_SERVICE}"
        f" UNION ALL SELECT h.volunteer_id, h.start_date, h.title, h.organiser, h.hours, 1"
        f" {_HISTORICAL} AND {_GOOD_HISTORICAL} ORDER BY 1, 2, 3",
        params,
    ).fetchall()
    out: dict[int, list[Service]] = {}
    for volunteer, day, title, organiser, hours, historical in rows:
        service = Service(_day(day) or date.min, text(title, 80), text(organiser or "", 40),
                          Decimal(str(hours_of(hours))), bool(historical))  # fmt: skip
        out.setdefault(volunteer, []).append(service)
    return out
