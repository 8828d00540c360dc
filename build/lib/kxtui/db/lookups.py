"""Where the activity checks find the records an activity refers to.

`activities.check_activity` asks a `Lookups` whether the region, venue, team and volunteers
exist. The form uses `Lookups` (one query each); the spreadsheet import hands in
`PreloadedLookups` (dicts filled by a few queries for the whole file), so one set of rules
checks both without a query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from kxtui.db.models import Region, Team, Venue, Volunteer


class RegionRef(NamedTuple):
    id: int
    name: str
    path: str  # materialised path of ids, "/1/5/23/"


class Lookups:
    """The database, one small query per question."""

    def region(self, region_id: int) -> RegionRef | None:
        """The region with this id, or None if it does not exist."""
        row = (
            Region.select(Region.id, Region.name, Region.path)
            .where(Region.id == region_id)
            .tuples()
            .first()
        )
        return RegionRef(*row) if row else None

    def venue_region(self, venue_id: int) -> int | None:
        """The id of the region the venue belongs to, or None if the venue does not exist."""
        return Venue.select(Venue.region).where(Venue.id == venue_id).scalar()

    def team_exists(self, team_id: int) -> bool:
        """Whether a team has this id."""
        return Team.select().where(Team.id == team_id).exists()

    def known_volunteers(self, volunteer_ids: Iterable[int]) -> set[int]:
        """Those of the ids that belong to a volunteer."""
        ids = list(volunteer_ids)
        return {v for (v,) in Volunteer.select(Volunteer.id).where(Volunteer.id.in_(ids)).tuples()}


class PreloadedLookups(Lookups):
    """Answers from dicts loaded beforehand (the import loads what its file refers to)."""

    def __init__(
        self,
        regions: Mapping[int, RegionRef],
        venue_regions: Mapping[int, int],
        teams: Iterable[int],
        volunteers: Iterable[int],
    ) -> None:
        self.regions = regions
        self.venue_regions = venue_regions
        self.teams = set(teams)
        self.volunteers = set(volunteers)

    def region(self, region_id: int) -> RegionRef | None:
        return self.regions.get(region_id)

    def venue_region(self, venue_id: int) -> int | None:
        return self.venue_regions.get(venue_id)

    def team_exists(self, team_id: int) -> bool:
        return team_id in self.teams

    def known_volunteers(self, volunteer_ids: Iterable[int]) -> set[int]:
        return self.volunteers.intersection(volunteer_ids)
