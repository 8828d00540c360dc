"""Counts per county, for `kxtui stats` and reports."""

from __future__ import annotations

from dataclasses import dataclass

from peewee import fn

from kxtui.db.models import Activity, Officer, Region, ServiceRecord, Team, Venue, Volunteer
from kxtui.db.regions import subtree_bounds
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


def _in_subtree(query, model, lo: str, hi: str):  # type: ignore[no-untyped-def]
    return query.join(Region, on=(model.region == Region.id)).where(
        Region.path >= lo, Region.path < hi
    )


def county_stats() -> tuple[CountyStats, ...]:
    """One row per county, in tree order."""
    result = []
    counties = Region.select().where(Region.parent.is_null()).order_by(Region.sort_order, Region.id)
    for county in counties:
        lo, hi = subtree_bounds(county.path)
        kinds = dict(
            Region.select(Region.kind, fn.COUNT(Region.id))
            .where(Region.path > lo, Region.path < hi)
            .group_by(Region.kind)
            .tuples()
        )
        volunteers = _in_subtree(Volunteer.select(), Volunteer, lo, hi)
        activities = _in_subtree(Activity.select(), Activity, lo, hi).where(
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
        hours = (
            ServiceRecord.select(fn.COALESCE(fn.SUM(ServiceRecord.hours), 0))
            .join(Activity)
            .join(Region, on=(Activity.region == Region.id))
            .where(Region.path >= lo, Region.path < hi, Activity.deleted_at.is_null())
            .scalar()
        )
        result.append(
            CountyStats(
                name=county.name,
                towns=sum(kinds.get(k, 0) for k in TOWN_LEVEL),
                villages=sum(kinds.get(k, 0) for k in VILLAGE_LEVEL),
                grids=kinds.get(RegionKind.GRID, 0),
                venues=_in_subtree(Venue.select(), Venue, lo, hi).count(),
                teams=_in_subtree(Team.select(), Team, lo, hi).count(),
                volunteers=volunteers.count(),
                registered_volunteers=volunteers.where(Volunteer.platform_registered).count(),
                officers=_in_subtree(Officer.select(), Officer, lo, hi).count(),
                activities=activities.count(),
                people_reached=int(reach),
                materials=int(materials),
                service_hours=float(hours or 0),
            )
        )
    return tuple(result)
