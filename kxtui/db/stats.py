"""Counts per county, for `kxtui stats` and reports."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import SQL

from kxtui.db.engine.models import Activity, Officer, Region, ServiceRecord, Team, Venue, Volunteer
from kxtui.db.numbers import TOTAL_HOURS_LIMIT, bad_count, valid_sum
from kxtui.db.regions import in_subtree, kinds_below, subtree_bounds, top_level
from kxtui.domain import TOWN_LEVEL, VILLAGE_LEVEL, RegionKind


@dataclass(frozen=True)
class CountyStats:
    name: str
    towns: int  # 镇 and 街道
    villages: int  # 村 and 社区
    grids: int
    venues: int
    teams: int
    volunteers: int
    registered_volunteers: int
    officers: int
    activities: int  # not deleted
    people_reached: int  # the sums leave out the values out of range:
    materials: int
    service_hours: float
    invalid_values: int  # how many they left out


def county_stats() -> tuple[CountyStats, ...]:
    """One row per county, in tree order; for an officer of one part of a county, one row
    for that part (the top of their view)."""
    result = []
    counties = top_level().order_by(Region.sort_order, Region.id)
    for county in counties:
        lo, hi = subtree_bounds(county.path)
        kinds = kinds_below(lo, hi)
        volunteers = in_subtree(Volunteer.select(), Volunteer, lo, hi)
        activities = in_subtree(Activity.select(), Activity, lo, hi).where(
            Activity.deleted_at.is_null()
        )
        reach, materials, bad_values = (
            activities.select(
                SQL(valid_sum("activity", "people_reached")),
                SQL(valid_sum("activity", "materials")),
                SQL(
                    f"{bad_count('activity', 'people_reached')}"
                    f" + {bad_count('activity', 'materials')}"
                ),
            )
            .tuples()
            .get()
        )
        service = ServiceRecord.select(
            SQL(valid_sum("service_record", "hours")),
            SQL(bad_count("service_record", "hours")),
        ).join(Activity)
        hours, bad_hours = (
            in_subtree(service, Activity, lo, hi)
            .where(Activity.deleted_at.is_null())
            .tuples()
            .get()
        )
        result.append(
            CountyStats(
                name=county.name,
                towns=sum(kinds.get(k, 0) for k in TOWN_LEVEL),
                villages=sum(kinds.get(k, 0) for k in VILLAGE_LEVEL),
                grids=kinds.get(RegionKind.GRID, 0),
                venues=in_subtree(Venue.select(), Venue, lo, hi).count(),
                teams=in_subtree(Team.live(), Team, lo, hi).count(),
                volunteers=volunteers.count(),
                registered_volunteers=volunteers.where(Volunteer.platform_registered).count(),
                officers=in_subtree(Officer.select(), Officer, lo, hi).count(),
                activities=activities.count(),
                people_reached=reach,
                materials=materials,
                service_hours=round(min(float(hours), TOTAL_HOURS_LIMIT), 2),
                invalid_values=bad_values + bad_hours,
            )
        )
    return tuple(result)
