"""Volunteers (科技志愿者): checks, duplicates, writes, and the record as the form shows it.

Every write is one transaction with its audit entry. The duplicate checks run inside it, after
BEGIN IMMEDIATE has taken the write lock, so two officers saving the same person at the same
moment cannot both pass them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, cast

from peewee import JOIN, fn

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.db import resident_id, stars
from kxtui.db.engine import scope, volunteer_index
from kxtui.db.engine.models import (
    Activity,
    Region,
    Rows,
    ServiceRecord,
    TeamMembership,
    Volunteer,
    VolunteerDomain,
    database,
)
from kxtui.db.engine.writes import Write, created, diff, editable, write_transaction
from kxtui.db.errors import DuplicateError, NeedsConfirmation
from kxtui.db.find import SUGGESTIONS, name_matches
from kxtui.db.lookups import Lookups
from kxtui.db.numbers import hours, is_invalid, valid_sum
from kxtui.db.pinyin import pinyin_keys, sort_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import Choice, VolunteerDetail, VolunteerInput
from kxtui.db.teams import memberships_of
from kxtui.db.validation import TEXT_MAX, Checker
from kxtui.domain import VOLUNTEER_HOMES, Domain, Gender, RegionKind

NAME_MAX = 40  # longer than any Chinese name, transliterated ones with · included
SKILLS_MAX = 200
# DOMAIN.md does not say what a 大美志愿 platform ID looks like (the demo's are DMZY00001242):
# accepted are 4 to 32 letters, digits or dashes with at least one digit, upper-cased.
PLATFORM_ID = re.compile(r"(?=.*\d)[A-Z0-9\-]{4,32}")
SAME_NAME_SHOWN = 3
_GENDERS = tuple(Gender)
_DOMAINS = frozenset(Domain)
_DATABASE = Lookups()

Problems = dict[str, tuple[str, dict[str, object]]]


def check_volunteer(
    data: VolunteerInput, today: date, lookups: Lookups = _DATABASE
) -> tuple[dict[str, Any], tuple[str, ...], tuple[int, ...]]:
    """The volunteer's column values (mobile and ID number normalised; gender and birth date
    taken from the ID number when left empty), domains and team ids; ValidationError naming
    every bad field at once. Duplicates are checked by `checked`, inside the write.
    `lookups` says whether the region and teams exist (the database by default; a sheet
    import hands in what it loaded for the whole file)."""
    checker = Checker()
    values: dict[str, Any] = {
        "name": checker.text("name", data.name, required=True, limit=NAME_MAX),
        "gender": checker.choice("gender", data.gender, _GENDERS, required=False),
        "mobile": checker.mobile("mobile", data.mobile),
        "skills": checker.text("skills", data.skills, required=False, limit=SKILLS_MAX),
        "notes": checker.text("notes", data.notes, required=False, limit=TEXT_MAX),
        "platform_registered": bool(data.platform_registered),
        "platform_id": _platform_id(checker, data),
        "is_student": bool(data.is_student),
        "active": bool(data.active),
        "region": _home(checker, data.region_id, lookups),
    }
    values.update(_identity(checker, data, values["gender"], today))
    joined = _date(checker, "joined_on", data.joined_on, today)
    if joined is not None and joined > today:
        checker.fail("joined_on", "field.joined_future")
    elif joined is not None and values["birth_date"] and joined < values["birth_date"]:
        checker.fail("joined_on", "field.joined_before_birth")
    values["joined_on"] = joined
    domains = tuple(dict.fromkeys(data.domains))
    if not _DOMAINS.issuperset(domains):
        checker.fail("domains", "field.choice")
    teams = tuple(dict.fromkeys(data.team_ids))
    if teams and len(lookups.known_teams(teams)) < len(teams):
        checker.fail("teams", "refused.team_gone")
    checker.check()
    return values, domains, teams


def _date(checker: Checker, field: str, text: str, today: date) -> date | None:
    if not (text or "").strip():
        return None
    day = parse_date(text, today)
    if day is None:
        checker.fail(field, "field.date", text=text.strip()[:20])
    return day


def _platform_id(checker: Checker, data: VolunteerInput) -> str | None:
    value = unicodedata.normalize("NFKC", data.platform_id or "").strip().upper()
    if not value:
        return None
    if not PLATFORM_ID.fullmatch(value):
        checker.fail("platform_id", "field.platform_id")
    elif not data.platform_registered:
        checker.fail("platform_id", "field.platform_id_unregistered")
    return value


def _home(checker: Checker, region_id: int | None, lookups: Lookups) -> int | None:
    """The village, community or grid the volunteer lives in, within the officer's scope."""
    if region_id is None:
        checker.fail("region", "field.required")
        return None
    kind = lookups.region_kind(region_id)
    if kind is None:
        checker.fail("region", "refused.gone")
    elif kind not in VOLUNTEER_HOMES:
        checker.fail("region", "field.home_region")
    elif not scope.can_edit(lookups.region(region_id).path):  # type: ignore[union-attr]
        checker.fail("region", "field.out_of_scope", scope=scope.session().edit_name)
    return region_id


def _identity(
    checker: Checker, data: VolunteerInput, gender: str | None, today: date
) -> dict[str, Any]:
    """ID number, gender and birth date, each checked against the others."""
    born = _date(checker, "birth_date", data.birth_date, today)
    if born is not None and not resident_id.EARLIEST_BIRTH <= born <= today:
        checker.fail("birth_date", "field.birth_date")
        born = None  # compared with nothing else: one message for one mistake
    if not (data.id_number or "").strip():
        return {"id_number": None, "birth_date": born, "gender": gender}
    reading = resident_id.read(data.id_number, today)
    if isinstance(reading, resident_id.IdProblem):
        checker.fail("id_number", reading.key, **reading.params)
        return {"id_number": None, "birth_date": born, "gender": gender}
    if gender and gender != reading.gender:
        checker.fail("gender", f"field.id_says_{reading.gender}")
    if born is not None and born != reading.birth_date:
        checker.fail("birth_date", "field.id_birth_mismatch", date=reading.birth_date.isoformat())
    return {"id_number": reading.number, "birth_date": reading.birth_date, "gender": reading.gender}


def checked(
    data: VolunteerInput, today: date, editing: Volunteer | None = None
) -> tuple[dict[str, Any], tuple[str, ...], tuple[int, ...]]:
    """`check_volunteer`, then the duplicates (call it inside the write transaction):
    DuplicateError when another volunteer (not the one `editing`) has the ID number, mobile or
    platform ID; NeedsConfirmation when one of the same name, or of a name that sounds the
    same (同音), lives in the same village and `data.confirmed` is not set. An edit that keeps
    the name and the village is not asked about again."""
    values, domains, teams = check_volunteer(data, today)
    others = Volunteer.select(Volunteer.id, Volunteer.name, Volunteer.mobile, Region.name).join(
        Region
    )
    if editing is not None:
        others = others.where(Volunteer.id != editing.id)
    _refuse_duplicates(others, values)
    same_person = editing is not None and (editing.name, editing.region_id) == (
        values["name"],
        values["region"],
    )
    warnings = {} if same_person else _namesakes(others, values)
    if warnings and not data.confirmed:
        raise NeedsConfirmation(warnings)
    return values, domains, teams


def check(data: VolunteerInput, volunteer_id: int | None = None) -> None:
    """What saving `data` as a new volunteer, or over volunteer `volunteer_id`, would refuse
    or ask about (as `checked`), without saving."""
    editing = Volunteer.get_or_none(Volunteer.id == volunteer_id) if volunteer_id else None
    checked(data, clock.today(), editing)


def _refuse_duplicates(others: Any, values: dict[str, Any]) -> None:
    """DuplicateError naming the volunteer who holds a value already; one outside the
    officer's view is not named (nor their village): the number is registered elsewhere."""
    refused: Problems = {}
    first: tuple[int, str] | None = None
    view = scope.session().view_path
    for field in ("id_number", "mobile", "platform_id"):
        if not values[field]:
            continue
        found = others.select_extend(Region.path).where(getattr(Volunteer, field) == values[field])
        row = found.tuples().first()
        if row is None:
            continue
        volunteer_id, name, _, region, path = row
        if not scope.inside(path, view):
            refused[field] = (f"refused.duplicate_{field}_elsewhere", {})
            continue
        params = {"name": name, "region": region, "volunteer_id": volunteer_id}
        refused[field] = (f"refused.duplicate_{field}", params)
        first = first or (volunteer_id, name)
    if refused:
        raise DuplicateError(refused, *(first or (None, "")))


def _namesakes(others: Any, values: dict[str, Any]) -> Problems:
    """Volunteers of the same village (its grids included) with the same name or pinyin."""
    home = Region.get_by_id(values["region"])
    village = Region.get_by_id(home.parent_id) if home.kind == RegionKind.GRID else home
    lo, hi = subtree_bounds(village.path)
    name = values["name"]
    sound, _ = pinyin_keys(name, person=True)
    rows = (
        others.where(
            Region.path >= lo,
            Region.path < hi,
            (Volunteer.name == name) | (Volunteer.pinyin == sound),
        )
        .order_by(Volunteer.id)
        .limit(SAME_NAME_SHOWN)
        .tuples()
    )
    if not rows:
        return {}
    who = "、".join(n + (f"（…{mobile[-4:]}）" if mobile else "") for _, n, mobile, _ in rows)
    same = any(n == name for _, n, _, _ in rows)
    key = "warn.same_name" if same else "warn.same_sound"
    return {"name": (key, {"village": village.name, "who": who})}


# -- writes --------------------------------------------------------------------------------


def _keys(name: str) -> dict[str, str]:
    full, initials = pinyin_keys(name, person=True)
    return {"pinyin": full, "initials": initials, "sort_key": sort_key(name)}


def links(volunteer_id: int) -> dict[str, list[Any]]:
    """The volunteer's domains and team ids, sorted (as their audit entries hold them)."""
    domains = VolunteerDomain.select(VolunteerDomain.domain).where(
        VolunteerDomain.volunteer == volunteer_id
    )
    teams = TeamMembership.select(TeamMembership.team).where(
        TeamMembership.volunteer == volunteer_id
    )
    return {
        "domains": sorted(d for (d,) in cast(Rows, domains.tuples())),
        "teams": sorted(t for (t,) in cast(Rows, teams.tuples())),
    }


def write_links(
    volunteer_id: int, domains: tuple[str, ...], teams: tuple[int, ...], today: date
) -> None:
    """Domains replaced; memberships kept (with their join date), dropped or added."""
    VolunteerDomain.delete().where(VolunteerDomain.volunteer == volunteer_id).execute()
    if domains:
        VolunteerDomain.insert_many(
            [{"volunteer": volunteer_id, "domain": d} for d in domains]
        ).execute()
    current = set(links(volunteer_id)["teams"])
    gone = current - set(teams)
    if gone:
        TeamMembership.delete().where(
            TeamMembership.volunteer == volunteer_id, TeamMembership.team.in_(gone)
        ).execute()
    added = [
        {"team": t, "volunteer": volunteer_id, "joined_on": today}
        for t in teams
        if t not in current
    ]
    if added:
        TeamMembership.insert_many(added).execute()


def create_volunteer(data: VolunteerInput) -> int:
    """Register a volunteer with their domains and teams. Returns their id."""
    with write_transaction() as write:
        values, domains, teams = checked(data, clock.today())
        volunteer = Volunteer.create(**values, **_keys(values["name"]), **write.stamp())
        write_links(volunteer.id, domains, teams, write.at.date())
        volunteer_index.index([(volunteer.id, values["name"], values["mobile"])])
        volunteer_index.refresh_service([volunteer.id])
        volunteer_index.check_id_numbers([volunteer.id])
        changes = created({**values, **links(volunteer.id)})
        write.audit("create", "volunteer", volunteer.id, values["name"], changes)
        return volunteer.id


def update_volunteer(volunteer_id: int, version: int, data: VolunteerInput) -> int:
    """Save an edited volunteer; refuses if someone else saved them since `version` was read.
    Nothing is written when nothing changed. Returns their id."""
    with write_transaction() as write:
        volunteer = editable(Volunteer, volunteer_id, version)
        scope.require_editable(volunteer.region_id)
        values, domains, teams = checked(data, clock.today(), volunteer)
        before = {k: getattr(volunteer, "region_id" if k == "region" else k) for k in values}
        before.update(links(volunteer_id))
        if not diff(before, {**values, "domains": sorted(domains), "teams": sorted(teams)}):
            write.nothing()
            return volunteer_id
        save_changes(write, volunteer_id, before, values, domains, teams)
        return volunteer_id


def save_changes(
    write: Write,
    volunteer_id: int,
    before: dict[str, Any],
    values: dict[str, Any],
    domains: tuple[str, ...],
    teams: tuple[int, ...],
    *,
    source: str = "",
) -> None:
    """Store a checked volunteer over what they were (`before`: their values, domains and
    teams), with their search keys and an audit entry "update" of what changed (and, for an
    import, the file and row it came from), which an undo can reverse."""
    Volunteer.update(**values, **_keys(values["name"]), **write.touch(Volunteer)).where(
        Volunteer.id == volunteer_id
    ).execute()
    write_links(volunteer_id, domains, teams, write.at.date())
    volunteer_index.unindex(volunteer_id, before["name"], before["mobile"])
    volunteer_index.index([(volunteer_id, values["name"], values["mobile"])])
    volunteer_index.check_id_numbers([volunteer_id])
    changes: dict[str, Any] = diff(before, {**values, **links(volunteer_id)})
    if source:
        changes["source"] = [None, source]
    write.audit("update", "volunteer", volunteer_id, values["name"], changes)


# -- reads for the form --------------------------------------------------------------------


def volunteer_detail(volunteer_id: int) -> VolunteerDetail | None:
    """One volunteer as the form shows them, with their teams (and each team's path) and how
    much they served (`service_history.page` lists it); None if they no longer exist."""
    v = Volunteer.get_or_none(Volunteer.id == volunteer_id)
    if v is None:
        return None
    scope.require_visible(v.region_id)
    region = Region.get_by_id(v.region_id)
    served = (
        ServiceRecord.select(fn.COUNT(ServiceRecord.id), fn.SUM(ServiceRecord.hours))
        .join(Activity)
        .where(ServiceRecord.volunteer == volunteer_id, Activity.deleted_at.is_null())
    )
    count, total = served.scalar(as_tuple=True)
    historical, historical_hours = database.execute_sql(
        f"SELECT COUNT(*), {valid_sum('historical_hours', 'hours', 'h')} FROM historical_hours h "
        "WHERE h.volunteer_id = ?",
        (volunteer_id,),
    ).fetchone()
    all_hours = hours(total)
    if not is_invalid(all_hours):
        all_hours = hours((total or 0) + historical_hours)
    levels = stars.thresholds()
    memberships = memberships_of(volunteer_id)
    return VolunteerDetail(
        id=v.id,
        version=v.version,
        name=v.name,
        gender=v.gender,
        mobile=v.mobile,
        id_number=v.id_number,
        birth_date=v.birth_date,
        region=Choice(region.id, region.name),
        skills=v.skills,
        domains=tuple(links(volunteer_id)["domains"]),
        teams=tuple(Choice(m.team_id, m.path[-1]) for m in memberships),
        platform_registered=v.platform_registered,
        platform_id=v.platform_id,
        is_student=v.is_student,
        active=v.active,
        joined_on=v.joined_on,
        notes=v.notes,
        activities=count or 0,
        hours=all_hours,
        memberships=memberships,
        historical=historical,
        historical_hours=hours(historical_hours),
        stars=stars.level(all_hours, levels),
        to_next_star=stars.to_next(all_hours, levels),
    )


def read_id_number(text: str) -> resident_id.ResidentId | resident_id.IdProblem:
    """What a typed ID number says, for the form's live hint (stdnum loads in a worker)."""
    return resident_id.read(text, clock.today())


def find_homes(text: str) -> tuple[Choice, ...]:
    """Villages, communities and grids in the officer's view matching `text`, each with its
    town as the hint."""
    if not text.strip():
        return ()
    town = Region.alias()
    rows = (
        Region.select(Region.id, Region.name, town.name)
        .join(town, JOIN.LEFT_OUTER, on=Region.parent == town.id)
        .where(
            Region.kind.in_(VOLUNTEER_HOMES),
            name_matches(Region, text.strip()),
            scope.in_view(Region.path),
        )
        .order_by(Region.path)
        .limit(SUGGESTIONS)
        .tuples()
    )
    return tuple(Choice(i, name, where or "") for i, name, where in cast(Rows, rows))
