"""Team writes: add, edit, move and dissolve a volunteer team, and choose its members.

Each is one write with its audit entry. An officer changes the teams based in their area (the
team's region). A team sits under a team of a higher level (总队 → 支队 → 领域分队 → 专业队; a
level may be skipped, as 一校七队's teams sit under a 支队) and is based inside its parent's
region. Dissolving keeps the record for the activities it organised; its members leave it and
keep their volunteer records.
"""

from __future__ import annotations

from typing import Any, cast

from peewee import fn

from kxtui.db.engine import scope
from kxtui.db.engine.models import Region, Rows, Team, TeamMembership, Volunteer, database
from kxtui.db.engine.writes import Write, created, diff, editable, write_transaction
from kxtui.db.errors import RefusedError, ValidationError
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import TeamInput
from kxtui.db.teams import LEVELS, counts, live, members, rank, subtree_ids
from kxtui.db.validation import Checker
from kxtui.domain import Domain

# -- checks ------------------------------------------------------------------------


def _editable(team_id: int, version: int) -> Team:
    """The team a write changes, as stored in its transaction, if the officer may change it."""
    team = editable(Team, team_id, version)
    if team.dissolved_at is not None:
        raise RefusedError("refused.gone")
    scope.require_editable(team.region_id)
    return team


def _path(region_id: int | None) -> str | None:
    if region_id is None:
        return None
    row = database.execute_sql("SELECT path FROM region WHERE id = ?", (region_id,)).fetchone()
    return row[0] if row else None


def _name_taken(
    checker: Checker, field: str, parent_id: int | None, name: str, team_id: int | None
) -> None:
    """A sibling (a dissolved one too: its name stays taken) with this name fails `field`."""
    row = database.execute_sql(
        "SELECT dissolved_at IS NOT NULL FROM team WHERE parent_id IS ? AND name = ?"
        " AND id IS NOT ? LIMIT 1",
        (parent_id, name, team_id),
    ).fetchone()
    if row is not None:
        checker.fail(field, "field.team_name_dissolved" if row[0] else "field.duplicate_sibling")


def _checked(data: TeamInput, parent: Team | None, team_id: int | None) -> tuple[Checker, dict]:
    """The fields as stored ({name, level, domain, region, leader}), their errors collected."""
    checker = Checker()
    values: dict[str, Any] = {
        "name": checker.name("name", data.name),
        "level": checker.choice("level", data.level, LEVELS, required=True),
        "domain": checker.choice("domain", data.domain, tuple(Domain), required=False),
        "region": data.region_id,
        "leader": data.leader_id,
    }
    if values["level"] and parent is not None and rank(values["level"]) <= rank(parent.level):
        checker.fail("level", "field.team_level_under", parent=parent.name)
    path = _path(data.region_id)
    if path is None:
        checker.fail("region", "field.required" if data.region_id is None else "refused.gone")
    elif not scope.can_edit(path):
        checker.fail("region", "field.team_region_out_of_area", scope=scope.session().edit_name)
    elif parent is not None and not path.startswith(_path(parent.region_id) or "/"):
        checker.fail("region", "field.team_region_outside_parent", parent=parent.name)
    if data.leader_id is not None and not _visible_volunteers([data.leader_id]):
        checker.fail("leader", "refused.gone")
    if "name" not in checker.errors:
        _name_taken(checker, "name", parent.id if parent else None, values["name"], team_id)
    return checker, values


def _visible_volunteers(ids: list[int]) -> dict[int, str]:
    """Those of the volunteers that exist in the officer's view, by id, with their names."""
    query = Volunteer.select(Volunteer.id, Volunteer.name).join(Region)
    query = query.where(Volunteer.id.in_(ids), scope.in_view(Region.path))
    return dict(cast(Rows, query.tuples()))


def _shown(values: dict[str, Any], parent: str | None = None) -> dict[str, Any]:
    """A team's fields as its audit entry keeps them: names, each with its id beside it for
    an undo (`audit_text.shown` leaves the ids out)."""
    region = Region.select(Region.name).where(Region.id == values["region"]).scalar()
    leader = Volunteer.select(Volunteer.name).where(Volunteer.id == values["leader"]).scalar()
    shown = {"name": values["name"], "team_level": values["level"], "domain": values["domain"]}
    return {**shown, "region": region, "region_id": values["region"], "leader": leader,
            "leader_id": values["leader"], **({"parent": parent} if parent else {})}  # fmt: skip


def _next_sort_order(parent_id: int | None) -> int:
    siblings = Team.parent.is_null() if parent_id is None else Team.parent == parent_id
    return int(Team.select(fn.COALESCE(fn.MAX(Team.sort_order), 0)).where(siblings).scalar()) + 1


def check_team(data: TeamInput, parent_id: int | None, team_id: int | None = None) -> None:
    """What saving `data` as a new team under `parent_id`, or over team `team_id`, would
    refuse (ValidationError), without saving."""
    if team_id is not None:
        _edit_checked(live(team_id), data)
        return
    checker, _ = _checked(data, live(parent_id) if parent_id is not None else None, None)
    checker.check()


def check_move(team_id: int, parent_id: int | None) -> None:
    """What moving team `team_id` under `parent_id` would refuse, without moving it."""
    _parent_checked(live(team_id), parent_id)


def check_members(team_id: int, volunteer_ids: tuple[int, ...]) -> None:
    """What making these volunteers the team's members would refuse, without saving."""
    current = set(members_of(team_id))
    _refuse_gone([v for v in dict.fromkeys(volunteer_ids) if v not in current])


def members_of(team_id: int) -> list[int]:
    """The ids of the team's own members."""
    query = TeamMembership.select(TeamMembership.volunteer).where(TeamMembership.team == team_id)
    return [v for (v,) in cast(Rows, query.tuples())]


def _refuse_gone(joined: list[int]) -> dict[int, str]:
    """The names of volunteers joining a team; ValidationError when one is not there (or
    not in the officer's view)."""
    names = _visible_volunteers(joined)
    if len(names) < len(set(joined)):
        raise ValidationError({"members": ("field.members_gone", {})})
    return names


# -- writes ------------------------------------------------------------------------


def create_team(parent_id: int | None, data: TeamInput) -> int:
    """Add a team under `parent_id` (None: a team without a parent). Returns its id."""
    with write_transaction() as write:
        parent = live(parent_id) if parent_id is not None else None
        checker, values = _checked(data, parent, None)
        checker.check()
        full, initials = pinyin_keys(values["name"])
        team = Team.create(
            parent=parent_id, pinyin=full, initials=initials,
            sort_order=_next_sort_order(parent_id), **values, **write.stamp(),
        )  # fmt: skip
        shown = _shown(values, parent.name if parent else None)
        write.audit("create", "team", team.id, values["name"], created(shown))
        return team.id


def update_team(team_id: int, version: int, data: TeamInput) -> None:
    """Save an edited team; refuses if someone else saved it since `version` was read. Its
    teams below keep a lower level and their regions inside its region."""
    with write_transaction() as write:
        team = _editable(team_id, version)
        before, values = _fields(team), _edit_checked(team, data)
        if not diff(before, values):
            write.nothing()
            return
        write.audit("update", "team", team_id, values["name"], _save_fields(write, team, values))


def _fields(team: Team) -> dict[str, Any]:
    return {"name": team.name, "level": team.level, "domain": team.domain,
            "region": team.region_id, "leader": team.leader_id}  # fmt: skip


def _edit_checked(team: Team, data: TeamInput) -> dict[str, Any]:
    """The edited fields as stored, checked (ValidationError): they fit its parent, and its
    teams below keep a lower level and their regions inside its region."""
    parent = Team.find(team.parent_id) if team.parent_id else None
    checker, values = _checked(data, parent, team.id)
    below = database.execute_sql(
        "SELECT t.level, r.path FROM team t JOIN region r ON r.id = t.region_id"
        " WHERE t.parent_id = ? AND t.dissolved_at IS NULL",
        (team.id,),
    ).fetchall()
    if values["level"] and any(rank(level) <= rank(values["level"]) for level, _ in below):
        checker.fail("level", "field.team_level_over")
    path = _path(values["region"]) or ""
    if "region" not in checker.errors and any(not p.startswith(path) for _, p in below):
        checker.fail("region", "field.team_region_below")
    checker.check()
    return values


def _save_fields(write: Write, team: Team, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Store checked fields over the team's; returns what changed, as its entry keeps it."""
    before = _fields(team)
    keys = dict(zip(("pinyin", "initials"), pinyin_keys(values["name"]), strict=True))
    Team.update(**values, **keys, **write.touch(Team)).where(Team.id == team.id).execute()
    return diff(_shown(before), _shown(values))


def move_team(team_id: int, version: int, parent_id: int | None) -> None:
    """Put a team (with the teams below it) under another team: one of a higher level, whose
    region holds the team's, never the team itself or a team below it."""
    with write_transaction() as write:
        team = _editable(team_id, version)
        parent = _parent_checked(team, parent_id)
        if parent.id == team.parent_id:
            write.nothing()
            return
        write.audit("update", "team", team_id, team.name, _put_under(write, team, parent))


def _parent_checked(team: Team, parent_id: int | None) -> Team:
    """The team `team` may move under (ValidationError in "parent" when it may not)."""
    checker = Checker()
    parent = None
    if parent_id is None:
        checker.fail("parent", "field.required")
    elif parent_id in subtree_ids(team.id):
        checker.fail("parent", "field.team_under_itself")
    else:
        parent = live(parent_id)
        path = _path(team.region_id) or ""
        if rank(parent.level) >= rank(team.level):
            checker.fail("parent", "field.team_parent_level", name=parent.name)
        elif not path.startswith(_path(parent.region_id) or "/"):
            checker.fail("parent", "field.team_parent_region", name=parent.name)
        else:
            _name_taken(checker, "parent", parent_id, team.name, team.id)
    checker.check()
    assert parent is not None
    return parent


def _put_under(write: Write, team: Team, parent: Team) -> dict[str, list[Any]]:
    """Move the team under `parent`; returns the change as its entry keeps it."""
    old = Team.select(Team.name).where(Team.id == team.parent_id).scalar()
    order = _next_sort_order(parent.id)
    Team.update(parent=parent.id, sort_order=order, **write.touch(Team)).where(
        Team.id == team.id
    ).execute()
    return {"parent": [old, parent.name], "parent_id": [team.parent_id, parent.id]}


def dissolve_team(team_id: int, version: int) -> None:
    """Dissolve a team with no live team below it: its members leave it (their volunteer
    records stay, each with a new version and an entry of their own: an open volunteer form
    then shows the conflict), the record stays for the activities it organised."""
    with write_transaction() as write:
        team = _editable(team_id, version)
        found = counts(team_id)
        if found.sub_teams:
            raise RefusedError("refused.team_has_sub_teams", count=found.sub_teams)
        left = {member.id: member.name for member in members(team_id)}
        _audit_volunteers(write, team_id, [], list(left), left)
        TeamMembership.delete().where(TeamMembership.team == team_id).execute()
        Team.update(dissolved_at=write.at, dissolved_by=write.actor, **write.touch(Team)).where(
            Team.id == team_id
        ).execute()
        changes = {"dissolved": [False, True], "members": ["、".join(left.values()) or None, None],
                   "members_ids": [list(left) or None, None]}  # fmt: skip
        write.audit("dissolve", "team", team_id, team.name, changes)


def set_members(team_id: int, version: int, volunteer_ids: tuple[int, ...]) -> None:
    """Make these volunteers the team's own members: those added join today, those left out
    leave. Each volunteer whose teams change gets a new version and an entry of their own (an
    open volunteer form then shows the conflict); the team gets one naming who joined and
    who left."""
    with write_transaction() as write:
        team = _editable(team_id, version)
        wanted = list(dict.fromkeys(volunteer_ids))
        current = set(members_of(team_id))
        joined = [v for v in wanted if v not in current]
        left = sorted(current - set(wanted))
        if not joined and not left:
            write.nothing()
            return
        names = {**_visible_volunteers(left), **_refuse_gone(joined)}
        changes = _change_members(write, team_id, joined, left, names)
        write.audit("update", "team", team_id, team.name, changes)


def _change_members(
    write: Write, team_id: int, joined: list[int], left: list[int], names: dict[int, str]
) -> dict[str, list[Any]]:
    """These volunteers join the team today, those leave it; returns the change as the
    team's entry keeps it (names, and their ids for an undo)."""
    _audit_volunteers(write, team_id, joined, left, names)
    if left:
        TeamMembership.delete().where(
            TeamMembership.team == team_id, TeamMembership.volunteer.in_(left)
        ).execute()
    if joined:
        TeamMembership.insert_many(
            [{"team": team_id, "volunteer": v, "joined_on": write.at.date()} for v in joined]
        ).execute()
    Team.update(**write.touch(Team)).where(Team.id == team_id).execute()
    changes: dict[str, list[Any]] = {
        "joined": [None, "、".join(names[v] for v in joined) or None],
        "joined_ids": [None, joined or None],
        "left": ["、".join(names.get(v, f"#{v}") for v in left) or None, None],
        "left_ids": [left or None, None],
    }
    return {field: values for field, values in changes.items() if values != [None, None]}


def _audit_volunteers(
    write: Write, team_id: int, joined: list[int], left: list[int], names: dict[int, str]
) -> None:
    """Each volunteer's teams before and after (as the volunteer form's entries keep them)."""
    changed = joined + left
    teams: dict[int, list[int]] = {v: [] for v in changed}
    rows = TeamMembership.select(TeamMembership.volunteer, TeamMembership.team).where(
        TeamMembership.volunteer.in_(changed)
    )
    for volunteer, team in cast(Rows, rows.tuples()):
        teams[volunteer].append(team)
    Volunteer.update(**write.touch(Volunteer)).where(Volunteer.id.in_(changed)).execute()
    for volunteer in changed:
        before = sorted(teams[volunteer])
        after = sorted({*before, team_id} if volunteer in joined else set(before) - {team_id})
        name = names.get(volunteer, "")
        write.audit("update", "volunteer", volunteer, name, {"teams": [before, after]})


# -- undo (see undo.py) ------------------------------------------------------------

_IDS = {"region": "region_id", "leader": "leader_id", "parent": "parent_id",
        "joined": "joined_ids", "left": "left_ids", "members": "members_ids"}  # fmt: skip
# an edited team's stored fields (in TeamInput's order) and their entry's fields
_FIELDS = {"name": "name", "level": "team_level", "domain": "domain", "region": "region_id",
           "leader": "leader_id"}  # fmt: skip


def undo_change(
    write: Write, team_id: int, action: str, old: dict[str, Any], new: dict[str, Any]
) -> dict[str, list[Any]]:
    """Reverse an "update" or "dissolve" entry of the team (`old`, `new`: its fields before
    and after); returns the undo's own changes. What the team's data no longer allows (a
    name taken, a parent dissolved, a region out of the officer's area ...) is refused with
    the form's message for it."""
    team = Team.find(team_id)
    if team is None:
        raise RefusedError("refused.gone")
    given = {*old, *new}
    if any(field in given and ids not in given for field, ids in _IDS.items()):
        raise RefusedError("undo.not_undoable")  # written before entries kept the ids
    try:
        if action == "dissolve":
            return _restore(write, team, old.get("members_ids") or [])
        if "parent_id" in old:
            _refuse_dissolved_parent(old["parent_id"])
            return _put_under(write, team, _parent_checked(team, old["parent_id"]))
        if "joined_ids" in new or "left_ids" in old:
            return _members_back(
                write, team, new.get("joined_ids") or [], old.get("left_ids") or []
            )
        stored = _fields(team)
        data = {field: old.get(key, stored[field]) for field, key in _FIELDS.items()}
        data["domain"] = data["domain"] or ""
        return _save_fields(write, team, _edit_checked(team, TeamInput(*data.values())))
    except ValidationError as error:
        key, params = next(iter(error.errors.values()))
        raise RefusedError(key, **params) from error


def _members_back(
    write: Write, team: Team, joined: list[int], left: list[int]
) -> dict[str, list[Any]]:
    """Those who joined leave again, those who left rejoin (the ones still there to see)."""
    query = TeamMembership.select(TeamMembership.volunteer).where(TeamMembership.team == team.id)
    current = {v for (v,) in cast(Rows, query.tuples())}
    leaving = [v for v in joined if v in current]
    names = _visible_volunteers(leaving + [v for v in left if v not in current])
    rejoining = [v for v in left if v not in current and v in names]
    return _change_members(write, team.id, rejoining, leaving, names)


def _refuse_dissolved_parent(parent_id: int | None) -> None:
    parent = Team.find(parent_id) if parent_id is not None else None
    if parent is not None and parent.dissolved_at is not None:
        raise RefusedError("undo.parent_dissolved", team=parent.name)


def _restore(write: Write, team: Team, member_ids: list[int]) -> dict[str, list[Any]]:
    """Undo a dissolve: the team is back (under its parent, unless that was dissolved since)
    with the members it had who are still there to see."""
    _refuse_dissolved_parent(team.parent_id)
    Team.update(dissolved_at=None, dissolved_by=None, **write.touch(Team)).where(
        Team.id == team.id
    ).execute()
    names = _visible_volunteers(member_ids)
    rejoining = [v for v in member_ids if v in names]
    joined = _change_members(write, team.id, rejoining, [], names) if rejoining else {}
    return {"dissolved": [True, False], **joined}
