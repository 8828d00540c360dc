"""Where the activity and volunteer checks find the records a form or a sheet row refers to.

`activities.check_activity` and `volunteers.check_volunteer` ask a `Lookups` whether the
region (and of which kind), venue, teams and volunteers exist. The forms use `Lookups` (one
query each); the spreadsheet imports hand in `PreloadedLookups` (dicts filled by a few queries
for the whole file), so one set of rules checks both without a query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple, cast

from kxtui.db.engine.models import Region, Rows, Team, Venue, Volunteer, database

_BATCH = 500  # values per IN (...) when looking for registered volunteers


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

    def region_kind(self, region_id: int) -> str | None:
        """The RegionKind of the region, or None if it does not exist."""
        return Region.select(Region.kind).where(Region.id == region_id).scalar()

    def known_teams(self, team_ids: Iterable[int]) -> set[int]:
        """Those of the ids that belong to a team not dissolved (a volunteer joins those)."""
        ids = list(team_ids)
        live = Team.select(Team.id).where(Team.id.in_(ids), Team.dissolved_at.is_null())
        return {t for (t,) in cast(Rows, live.tuples())}

    def venue_region(self, venue_id: int) -> int | None:
        """The id of the region the venue belongs to, or None if the venue does not exist."""
        return Venue.select(Venue.region).where(Venue.id == venue_id).scalar()

    def team_exists(self, team_id: int) -> bool:
        """Whether a team has this id."""
        return Team.select().where(Team.id == team_id).exists()

    def known_volunteers(self, volunteer_ids: Iterable[int]) -> set[int]:
        """Those of the ids that belong to a volunteer."""
        ids = list(volunteer_ids)
        query = Volunteer.select(Volunteer.id).where(Volunteer.id.in_(ids))
        return {v for (v,) in cast(Rows, query.tuples())}


class PreloadedLookups(Lookups):
    """Answers from dicts loaded beforehand (the import loads what its file refers to)."""

    def __init__(
        self,
        regions: Mapping[int, RegionRef],
        venue_regions: Mapping[int, int],
        teams: Iterable[int],
        volunteers: Iterable[int],
        kinds: Mapping[int, str] | None = None,
    ) -> None:
        self.regions = regions
        self.kinds = kinds or {}
        self.venue_regions = venue_regions
        self.teams = set(teams)
        self.volunteers = set(volunteers)

    def region(self, region_id: int) -> RegionRef | None:
        return self.regions.get(region_id)

    def region_kind(self, region_id: int) -> str | None:
        return self.kinds.get(region_id)

    def known_teams(self, team_ids: Iterable[int]) -> set[int]:
        return self.teams.intersection(team_ids)

    def venue_region(self, venue_id: int) -> int | None:
        return self.venue_regions.get(venue_id)

    def team_exists(self, team_id: int) -> bool:
        return team_id in self.teams

    def known_volunteers(self, volunteer_ids: Iterable[int]) -> set[int]:
        return self.volunteers.intersection(volunteer_ids)


def registered(field: str, values: Iterable[str]) -> dict[str, list[tuple[int, str, int]]]:
    """Value → the registered volunteers (id, name, region id) whose `field` (id_number,
    mobile or platform_id) holds it, in id order; read a batch of values at a time."""
    wanted = sorted(set(values))
    found: dict[str, list[tuple[int, str, int]]] = {}
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        sql = (
            f"SELECT {field}, id, name, region_id FROM volunteer "
            f"WHERE {field} IN ({', '.join('?' * len(chunk))}) ORDER BY id"
        )
        for value, volunteer_id, name, region_id in database.execute_sql(sql, chunk):
            found.setdefault(value, []).append((volunteer_id, name, region_id))
    return found
