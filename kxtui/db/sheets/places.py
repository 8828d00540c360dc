"""Names in an imported sheet → records: county, region, venue, team, volunteers.

`Regions` loads every region and resolves a county and a region path (`胶莱镇/郭庄村`) or
name, and the teams whose names a file mentions; the volunteer import uses it as it is.
`Places` adds what an activity sheet names: venues and volunteers. Everything is loaded in a
few queries for the whole file; each row is then resolved from dicts. A name that fits no
record, or several, is a `Problem` naming the candidates, so the officer can write the longer
form: a region path, a venue with its region (`郭庄村/农家书屋`), a volunteer with their number
(`张伟#1024`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from kxtui.db.engine.models import database
from kxtui.db.lookups import PreloadedLookups, RegionRef
from kxtui.db.pinyin import search_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import ServiceInput
from kxtui.db.sheets.columns import Problem, ServedEntry, parse_served
from kxtui.db.sheets.read import SheetTable

CANDIDATES_SHOWN = 5
_BATCH = 500
_SLASHES = ("／", "\\")  # full-width solidus and backslash, read as "/"


class Resolved(NamedTuple):
    id: int | None  # the 编号 cell, when it is a number
    region: int | None
    venue: int | None
    team: int | None
    organiser: str
    service: tuple[ServiceInput, ...]


class _Named(NamedTuple):
    id: int
    name: str
    region: int


def _path_key(text: str) -> tuple[str, ...]:
    return _short_path_key(text) if len(text) <= _CACHED_LENGTH else _read_path_key(text)


def _read_path_key(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", text)
    for slash in _SLASHES:
        text = text.replace(slash, "/")
    return tuple(part.strip() for part in text.split("/") if part.strip())


# A file names the same few hundred regions and venues over and over.
_CACHED_LENGTH = 80
_short_path_key = lru_cache(maxsize=4096)(_read_path_key)


def _named(table: str, column: str, values: Iterable[object], condition: str = "1") -> list[_Named]:
    """(id, name, region) of the rows of `table` whose `column` is one of `values` (and that
    meet `condition`)."""
    wanted = list(values)
    found: list[_Named] = []
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT id, name, region_id FROM {table} WHERE {column} IN ({marks}) AND {condition}"
        found += [_Named(*row) for row in database.execute_sql(sql, chunk)]
    return found


def _number(text: str) -> int | None:
    """An 编号: plain digits that fit SQLite's integers ("፩" and 30-digit numbers do not)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _by_name(rows: list[_Named]) -> dict[str, list[_Named]]:
    grouped: dict[str, list[_Named]] = {}
    for row in rows:
        grouped.setdefault(row.name, []).append(row)
    return grouped


def _choices(texts: Iterable[str]) -> str:
    shown = list(texts)
    more = f", … (+{len(shown) - CANDIDATES_SHOWN})" if len(shown) > CANDIDATES_SHOWN else ""
    return ", ".join(shown[:CANDIDATES_SHOWN]) + more


class Regions:
    """Every region by id, path and name (for the county and region cells of a sheet), and
    the teams a sheet names."""

    def __init__(self, default_region: int | None) -> None:
        self.regions: dict[int, RegionRef] = {}
        self.kinds: dict[int, str] = {}
        self.county_of: dict[int, int] = {}
        self.by_path: dict[str, list[int]] = {}  # "胶莱镇/郭庄村" → ids (several counties)
        self.by_name: dict[str, list[int]] = {}
        self.counties: dict[str, list[int]] = {}  # name, pinyin, initials → county ids
        self.teams: dict[str, list[_Named]] = {}
        self.dissolved_teams: dict[str, list[_Named]] = {}
        # what rows named without a problem, resolved once: a file repeats its places
        self._places: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self._teams: dict[tuple[str, int | None], int] = {}
        self._load_regions()
        self.default_county = self.county_of.get(default_region or 0)

    def load_teams(self, names: Iterable[str]) -> None:
        """Load the teams of these names (the ones a sheet mentions) that are not dissolved:
        a sheet, like a form, neither joins nor credits a dissolved team (those are loaded
        apart, for the row error to say so)."""
        names = set(names) - {""}
        self.teams = _by_name(_named("team", "name", names, "dissolved_at IS NULL"))
        self.dissolved_teams = _by_name(_named("team", "name", names, "dissolved_at IS NOT NULL"))

    def _load_regions(self) -> None:
        rows = database.execute_sql("SELECT id, name, path, pinyin, initials, kind FROM region")
        names: dict[int, str] = {}
        keys: dict[int, tuple[str, str]] = {}
        for id_, name, path, pinyin, initials, kind in rows:
            self.regions[id_] = RegionRef(id_, name, path)
            self.kinds[id_] = kind
            names[id_] = name
            keys[id_] = (pinyin, initials)
        for id_, ref in self.regions.items():
            ids = [int(part) for part in ref.path.strip("/").split("/")]
            self.county_of[id_] = ids[0]
            if len(ids) == 1:
                for key in {ref.name, *keys[id_]}:
                    self.counties.setdefault(key, []).append(id_)
                continue
            below = "/".join(names[i] for i in ids[1:])
            self.by_path.setdefault(below, []).append(id_)
            self.by_name.setdefault(ref.name, []).append(id_)

    def label(self, region_id: int) -> str:
        """ "胶州市/胶莱镇/郭庄村" for messages."""
        ids = [int(part) for part in self.regions[region_id].path.strip("/").split("/")]
        return "/".join(self.regions[i].name for i in ids)

    def place(
        self, row: int, county_text: str, region_text: str, problems: list[Problem]
    ) -> tuple[int | None, int | None]:
        """(region, county) of a row's county and region cells; an empty region cell means
        the county itself. The county is the default one when its cell is empty."""
        if problems:
            return self._place(row, county_text, region_text, problems)
        found = self._places.get((county_text, region_text))
        if found is None:
            found = self._place(row, county_text, region_text, problems)
            if not problems:
                self._places[county_text, region_text] = found
        return found

    def _place(
        self, row: int, county_text: str, region_text: str, problems: list[Problem]
    ) -> tuple[int | None, int | None]:
        county = self.default_county
        text = county_text.strip()
        if text:
            found = self.counties.get(text) or self.counties.get(search_key(text), [])
            if len(set(found)) == 1:
                county = found[0]
            else:
                key = "sheet.county_unknown" if not found else "sheet.county_ambiguous"
                problems.append(Problem(row, "county", key, {"text": text}))
                county = None
        region = None
        text = region_text.strip()
        if text:
            region = self.region(row, text, county, problems)
        elif county is not None and not problems:
            region = county
        return region, (self.county_of[region] if region is not None else county)

    def region(
        self, row: int, text: str, county: int | None, problems: list[Problem]
    ) -> int | None:
        """The region a path (`胶莱镇/郭庄村`, from the county or below it) or a name names
        within `county` (any county when None); a Problem when none or several."""
        parts = _path_key(text)
        top = self.counties.get(parts[0], []) if parts else []
        if top and (county is None or county in top):
            if len(parts) == 1:
                if county is not None or len(top) == 1:
                    return county if county is not None else top[0]
            else:
                county = county if county is not None else (top[0] if len(top) == 1 else None)
                parts = parts[1:]
        key = "/".join(parts)
        found = self.by_path.get(key) or (self.by_name.get(key, []) if len(parts) == 1 else [])
        if county is not None:
            found = [r for r in found if self.county_of[r] == county]
        if len(found) == 1:
            return found[0]
        if found:
            choices = _choices(self.label(r) for r in found)
            params = {"text": text, "choices": choices}
            problems.append(Problem(row, "region", "sheet.region_ambiguous", params))
        elif county is None:
            problems.append(Problem(row, "region", "sheet.region_unknown_anywhere", {"text": text}))
        else:
            where = self.regions[county].name
            problems.append(
                Problem(row, "region", "sheet.region_unknown", {"text": text, "county": where})
            )
        return None

    def teams_in(self, name: str, county: int | None, *, dissolved: bool = False) -> list[_Named]:
        teams = (self.dissolved_teams if dissolved else self.teams).get(name, [])
        return [t for t in teams if county is None or self.county_of[t.region] == county]

    def team(
        self, row: int, name: str, county: int | None, problems: list[Problem], column: str = "team"
    ) -> int | None:
        """The team of this name in `county`; a Problem (in `column`) when none (saying so
        when the county's team of this name was dissolved) or several."""
        if (found := self._teams.get((name, county))) is not None:
            return found
        teams = self.teams_in(name, county)
        if len(teams) == 1:
            self._teams[name, county] = teams[0].id
            return teams[0].id
        key = "sheet.team_ambiguous" if teams else "sheet.team_unknown"
        if not teams and self.teams_in(name, county, dissolved=True):
            key = "sheet.team_dissolved"
        choices = _choices(f"{t.name} ({self.label(t.region)})" for t in teams)
        problems.append(Problem(row, column, key, {"text": name, "choices": choices}))
        return None


class Places(Regions):
    """What the rows of one activity table refer to, loaded up front."""

    def __init__(self, table: SheetTable, default_region: int | None) -> None:
        super().__init__(default_region)
        self.has_team_column = "team" in table.columns
        column = table.columns.get
        venues, teams, names, numbers = set(), set(), set(), set()
        self.served: dict[int, tuple[ServedEntry, ...] | None] = {}
        self.row_ids: list[int] = []
        for row, cells in table.rows:
            venue = self._cell(cells, column("venue"))
            if venue:
                parts = _path_key(venue)
                venues.add(parts[-1] if parts else venue)
            teams.add(self._cell(cells, column("team") if self.has_team_column else None))
            if not self.has_team_column:
                teams.add(self._cell(cells, column("organiser")))
            entries = parse_served(self._cell(cells, column("volunteers")))
            self.served[row] = entries
            for name, number, _ in entries or ():
                names.add(name)
                if number is not None:
                    numbers.add(number)
            ident = _number(self._cell(cells, column("id")))
            if ident is not None:
                self.row_ids.append(ident)
        self.venues = _by_name(_named("venue", "name", venues))
        self.load_teams(teams)
        self.volunteers = _by_name(_named("volunteer", "name", names))
        self.volunteer_ids = {v.id: v for v in _named("volunteer", "id", numbers)}
        self.volunteer_ids.update({v.id: v for vs in self.volunteers.values() for v in vs})
        self.volunteers_in: dict[tuple[int, str], list[_Named]] = {}  # (county, name)
        for volunteers in self.volunteers.values():
            for v in volunteers:
                self.volunteers_in.setdefault((self.county_of[v.region], v.name), []).append(v)

    @staticmethod
    def _cell(cells: tuple[str, ...], index: int | None) -> str:
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def lookups(self) -> PreloadedLookups:
        """What `check_activity` needs to know, from the dicts."""
        return PreloadedLookups(
            self.regions,
            {v.id: v.region for vs in self.venues.values() for v in vs},
            (t.id for ts in self.teams.values() for t in ts),
            self.volunteer_ids,
        )

    # -- one row -----------------------------------------------------------------------------

    def resolve(
        self, row: int, cells: tuple[str, ...], at: dict[str, int]
    ) -> tuple[Resolved, list[Problem]]:
        """The records the row names, and what could not be resolved."""
        problems: list[Problem] = []
        ident = _number(cells[at["id"]].strip())
        region, where = self.place(row, cells[at["county"]], cells[at["region"]], problems)
        venue = None
        text = cells[at["venue"]].strip()
        if text and region is not None:
            venue = self._venue(row, text, region, problems)
        organiser = cells[at["organiser"]]
        team = None
        team_name = cells[at["team"]].strip()
        if team_name:
            team = self.team(row, team_name, where, problems)
            if organiser.strip() == team_name:
                organiser = ""  # the export repeats the team where there is no unit
        elif not self.has_team_column and organiser.strip():
            matches = self.teams_in(organiser.strip(), where)
            if len(matches) == 1:
                team, organiser = matches[0].id, ""
        service = self._service(row, where, problems)
        resolved = Resolved(ident, region, venue, team, organiser, service)
        return resolved, problems

    def _venue(self, row: int, text: str, region: int, problems: list[Problem]) -> int | None:
        parts = _path_key(text)
        name = parts[-1] if parts else text
        candidates = self.venues.get(name, [])
        if len(parts) > 1:  # "郭庄村/农家书屋": the venue's own region is given
            place = self.region(row, "/".join(parts[:-1]), self.county_of[region], [])
            candidates = [v for v in candidates if v.region == place]
        lo, hi = subtree_bounds(self.regions[region].path)
        inside = [v for v in candidates if lo <= self.regions[v.region].path < hi]
        exact = [v for v in inside if v.region == region]
        pick = exact if len(exact) == 1 else inside
        if len(pick) == 1:
            return pick[0].id
        if pick:
            choices = _choices(f"{self.label(v.region)}/{v.name}" for v in pick)
            params = {"text": text, "choices": choices}
            problems.append(Problem(row, "venue", "sheet.venue_ambiguous", params))
            return None
        county = self.county_of[region]
        elsewhere = [v for v in candidates if self.county_of[v.region] == county]
        if len(elsewhere) == 1:
            return elsewhere[0].id  # the activity check says it is outside the region
        params = {"text": text, "region": self.label(region)}
        problems.append(Problem(row, "venue", "sheet.venue_unknown", params))
        return None

    def _service(
        self, row: int, county: int | None, problems: list[Problem]
    ) -> tuple[ServiceInput, ...]:
        entries = self.served.get(row)
        if entries is None:
            problems.append(Problem(row, "volunteers", "sheet.volunteers_format", {}))
            return ()
        service = []
        for name, number, hours in entries:
            if number is not None:
                known = self.volunteer_ids.get(number)
                if known is None or known.name != name:
                    params = {"name": name, "number": number}
                    problems.append(Problem(row, "volunteers", "sheet.volunteer_number", params))
                    continue
                service.append(ServiceInput(known.id, known.name, hours))
                continue
            if county is None:
                found = self.volunteers.get(name, [])
            else:
                found = self.volunteers_in.get((county, name), [])
            if len(found) == 1:
                service.append(ServiceInput(found[0].id, name, hours))
                continue
            key = "sheet.volunteer_ambiguous" if found else "sheet.volunteer_unknown"
            choices = _choices(f"{v.name}#{v.id} ({self.regions[v.region].name})" for v in found)
            problems.append(Problem(row, "volunteers", key, {"name": name, "choices": choices}))
        return tuple(service)
