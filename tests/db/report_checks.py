"""What the report tests share: SQL of their own (never the reports' helpers) for the figures a
report must show, an officer to sign in as, and writes past the checks as another program's."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kxtui.db import activities, officers
from kxtui.db.engine import scope
from kxtui.db.engine.models import OfficerAccount, Region, database
from kxtui.db.report_rows import Report, ReportQuery
from kxtui.db.reports import build
from kxtui.db.rows import ActivityInput, OfficerInput, ServiceInput
from kxtui.domain import AccessRole
from tests.conftest import ADMIN

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


def one(sql: str, **params: Any) -> Any:
    return database.execute_sql(sql, params).fetchone()


def rows(sql: str, **params: Any) -> list[tuple[Any, ...]]:
    return database.execute_sql(sql, params).fetchall()


def region(name: str) -> Region:
    return Region.get(Region.name == name)


def children(name: str) -> list[tuple[int, str, str]]:
    """(id, name, path) of the region's children."""
    return rows("SELECT id, name, path FROM region WHERE parent_id = :p", p=region(name).id)


def hours(value: object) -> Decimal:
    """A float sum as the reports give it: to two places, numerically."""
    return Decimal(str(round(float(value or 0), 2)))


def report(**fields: Any) -> Report:
    return build(ReportQuery(**fields))


def by_key(found: Report) -> dict[str, dict[str, Any]]:
    return {row.key: dict(row.values) for row in found.rows}


def sign_in_as(user: str, role: AccessRole, where: str) -> None:
    """Add the account (as the whole-database admin) and sign in as it."""
    scope.sign_in(ADMIN)
    officers.add_officer(OfficerInput(user, f"{user}姓名", role, region(where).id))
    scope.sign_in(officers.session_for(user, OfficerAccount.get(user_name=user)))


def log(where: str, day: str, served: tuple[int, ...] = (), **fields: Any) -> int:
    """An activity in the region `where` on `day`, served 2 hours by each of `served`."""
    names = dict(
        rows(f"SELECT id, name FROM volunteer WHERE id IN ({','.join(map(str, served)) or 0})")
    )
    service = tuple(ServiceInput(v, names[v], "2") for v in served)
    data = ActivityInput(
        title="报表测试",
        start=day,
        end="",
        duration="2",
        region_id=region(where).id,
        format=fields.pop("format", "lecture"),
        people_reached=fields.pop("people", "10"),
        service=service,
        confirmed=True,
        **fields,
    )
    return activities.create_activity(data)


def spoil(sql: str, **params: Any) -> None:
    """Write as another program might, past the CHECK constraints."""
    database.execute_sql("PRAGMA ignore_check_constraints = ON")
    try:
        database.execute_sql(sql, params)
    finally:
        database.execute_sql("PRAGMA ignore_check_constraints = OFF")


# -- activities, by any condition over a (activity) and r (its region) -------------------------


def activity_figures(
    condition: str, start: date | None, end: date | None, **params: Any
) -> dict[str, Any]:
    where = f"a.deleted_at IS NULL AND {condition}"
    if start:
        where += f" AND a.start_date >= '{start}'"
    if end:
        where += f" AND a.start_date <= '{end}'"
    count, reached, materials = one(
        "SELECT COUNT(*), COALESCE(SUM(a.people_reached), 0), COALESCE(SUM(a.materials), 0)"
        f" FROM activity a JOIN region r ON r.id = a.region_id WHERE {where}",
        **params,
    )
    people, services, served = one(
        "SELECT COUNT(DISTINCT s.volunteer_id), COUNT(*), COALESCE(SUM(s.hours), 0)"
        " FROM service_record s JOIN activity a ON a.id = s.activity_id"
        f" JOIN region r ON r.id = a.region_id WHERE {where}",
        **params,
    )
    return {
        "activities": count,
        "people_reached": reached,
        "materials": materials,
        "volunteers": people,
        "volunteer_services": services,
        "service_hours": hours(served),
    }


# -- volunteers, by any condition over v (volunteer) and r (their region) -----------------------

STARS = (100, 300, 600, 1000, 1500)


def volunteer_figures(
    condition: str,
    start: date,
    end: date,
    stars: tuple[int, ...] = STARS,
    teams: str = "",
    **params: Any,
) -> dict[str, Any]:
    """`teams`: the condition over the team's region r for the teams column (default
    `condition`, which then must be over r alone)."""
    base = f"FROM volunteer v JOIN region r ON r.id = v.region_id WHERE {condition}"
    active, inactive, new, registered, students = one(
        "SELECT COALESCE(SUM(v.active = 1), 0), COALESCE(SUM(v.active = 0), 0),"
        f" COALESCE(SUM(v.joined_on BETWEEN '{start}' AND '{end}'), 0),"
        " COALESCE(SUM(v.active = 1 AND v.platform_registered = 1), 0),"
        f" COALESCE(SUM(v.active = 1 AND v.is_student = 1), 0) {base}",
        **params,
    )
    served, served_hours = one(
        "SELECT COUNT(DISTINCT s.volunteer_id), COALESCE(SUM(s.hours), 0)"
        " FROM service_record s JOIN activity a ON a.id = s.activity_id"
        " JOIN volunteer v ON v.id = s.volunteer_id JOIN region r ON r.id = v.region_id"
        f" WHERE {condition} AND a.deleted_at IS NULL"
        f" AND a.start_date BETWEEN '{start}' AND '{end}'",
        **params,
    )
    (team_count,) = one(
        "SELECT COUNT(*) FROM team t JOIN region r ON r.id = t.region_id"
        f" WHERE t.dissolved_at IS NULL AND {teams or condition}",
        **params,
    )
    levels = {}
    for level, low in enumerate(stars, 1):
        high = stars[level] if level < len(stars) else 10**15
        (levels[f"stars.{level}"],) = one(
            "SELECT COUNT(*) FROM volunteer v JOIN region r ON r.id = v.region_id"
            " JOIN volunteer_service vs ON vs.volunteer_id = v.id"
            f" WHERE {condition} AND v.active = 1 AND vs.hours >= {low} AND vs.hours < {high}",
            **params,
        )
    rate = (
        (Decimal(registered) / active).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        if active
        else None
    )
    average = (
        (hours(served_hours) / served).quantize(Decimal("0.01"), ROUND_HALF_UP) if served else None
    )
    return {
        "volunteers": active,
        "inactive": inactive,
        "new": new,
        "platform_registered": registered,
        "platform_rate": rate,
        "students": students,
        "teams": team_count,
        "served": served,
        "service_hours": hours(served_hours),
        "average_hours": average,
        **levels,
    }
