"""A row of a volunteer sheet read as the volunteer form would submit it: the places and teams
it names resolved to ids (each combination once per file), the codes and flags read, every
problem listed with its row and column."""

from __future__ import annotations

from kxtui.db.rows import VolunteerInput
from kxtui.db.sheets.columns import Problem, split_groups
from kxtui.db.sheets.places import Regions
from kxtui.db.sheets.volunteer_columns import (
    COLUMNS,
    IMPORTED_ONLY,
    domain_choices,
    domain_codes,
    gender_code,
    yes_no,
)

KEYS = COLUMNS + IMPORTED_ONLY  # every column a volunteer sheet may have
# the form's field → the input field a sheet column fills
_INPUT = {"county": "region_id", "town": "region_id", "region": "region_id", "teams": "team_ids",
          "registered": "platform_registered", "student": "is_student"}  # fmt: skip


class RowReader:
    """Reads rows as the form would submit them, with names resolved to ids. A file repeats
    its places and teams: each combination is resolved once."""

    def __init__(self, at: dict[str, int], regions: Regions, updating: bool) -> None:
        self.at = at
        self.regions = regions
        self.updating = updating  # say which input fields each row fills
        self.places: dict[tuple[str, str, str], tuple[int | None, int | None]] = {}
        self.teams: dict[tuple[str, int | None], tuple[int, ...]] = {}

    def read(
        self, row: int, cells: tuple[str, ...], problems: list[Problem]
    ) -> tuple[VolunteerInput, frozenset[str]]:
        at = self.at
        region, county = self._place(row, cells, problems)
        teams = self._teams(row, cells[at["teams"]], county, problems)
        domains, unknown = domain_codes(cells[at["domains"]])
        if unknown:
            params = {"text": "、".join(unknown), "choices": domain_choices()}
            problems.append(Problem(row, "domains", "sheet.choice", params))
        flags = {}
        for column, default in (("registered", None), ("student", False), ("active", True)):
            text = cells[at[column]].strip()
            flags[column] = yes_no(text) if text else default
            if text and flags[column] is None:
                problems.append(Problem(row, column, "vsheet.yes_no", {"text": text}))
        platform_id = cells[at["platform_id"]]
        if flags["registered"] is None:  # the platform's own export has IDs and no such column
            flags["registered"] = bool(platform_id.strip())
        data = VolunteerInput(
            name=cells[at["name"]],
            region_id=region,
            gender=gender_code(cells[at["gender"]]),
            mobile=cells[at["mobile"]],
            id_number=cells[at["id_number"]],
            birth_date=_day(cells[at["birth_date"]]),
            skills=cells[at["skills"]],
            domains=domains,
            team_ids=teams,
            platform_registered=bool(flags["registered"]),
            platform_id=platform_id,
            is_student=bool(flags["student"]),
            active=bool(flags["active"]),
            joined_on=_day(cells[at["joined_on"]]),
            notes=cells[at["notes"]],
            confirmed=True,
        )
        if not self.updating:
            return data, frozenset()
        given = {_INPUT.get(key, key) for key in KEYS if cells[at[key]].strip()}
        if "platform_id" in given:
            given.add("platform_registered")
        return data, frozenset(given & set(VolunteerInput._fields))

    def _place(
        self, row: int, cells: tuple[str, ...], problems: list[Problem]
    ) -> tuple[int | None, int | None]:
        """(region, county) of the county, town and region cells."""
        key = (cells[self.at["county"]], cells[self.at["town"]], cells[self.at["region"]])
        if key in self.places:
            return self.places[key]
        county_text, town, place = (text.strip() for text in key)
        if town and place and not place.startswith(town):
            place = f"{town}/{place}"
        before = len(problems)
        found = self.regions.place(row, county_text, place, problems)
        if len(problems) == before:
            self.places[key] = found
        return found

    def _teams(
        self, row: int, text: str, county: int | None, problems: list[Problem]
    ) -> tuple[int, ...]:
        known = self.teams.get((text, county))
        if known is not None:
            return known
        before = len(problems)
        found = tuple(
            team for name in split_groups(text)
            if (team := self.regions.team(row, name, county, problems, "teams")) is not None
        )  # fmt: skip
        if len(problems) == before:
            self.teams[text, county] = found
        return found


def _day(text: str) -> str:
    """A date cell without the time a spreadsheet may add ("2024-03-01 00:00:00")."""
    return text.strip().split(" ", 1)[0]
