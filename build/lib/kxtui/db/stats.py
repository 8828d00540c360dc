"""Counts per county, for `kxtui stats` and reports."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from kxtui.db.models import Activity, Officer, Region, ServiceRecord, Team, Venue, Volunteer
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
    people_reached: int
    materials: int
    service_hours: float


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
        reach, materials = (
            activities.select(
                fn.COALESCE(fn.SUM(Activity.people_reached), 0),
                fn.COALESCE(fn.SUM(Activity.materials), 0),
            )
            .tuples()
            .get()
        )
        service = ServiceRecord.select(fn.COALESCE(fn.SUM(ServiceRecord.hours), 0)).join(Activity)
        hours = in_subtree(service, Activity, lo, hi).where(Activity.deleted_at.is_null()).scalar()
        result.append(
            CountyStats(
                name=county.name,
                towns=sum(kinds.get(k, 0) for k in TOWN_LEVEL),
                villages=sum(kinds.get(k, 0) for k in VILLAGE_LEVEL),
                grids=kinds.get(RegionKind.GRID, 0),
                venues=in_subtree(Venue.select(), Venue, lo, hi).count(),
                teams=in_subtree(Team.select(), Team, lo, hi).count(),
                volunteers=volunteers.count(),
                registered_volunteers=volunteers.where(Volunteer.platform_registered).count(),
                officers=in_subtree(Officer.select(), Officer, lo, hi).count(),
                activities=activities.count(),
                people_reached=int(reach),
                materials=int(materials),
                service_hours=float(hours or 0),
            )
        )
    return tuple(result)
