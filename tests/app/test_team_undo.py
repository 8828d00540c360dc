"""Team changes undone from the audit log, and a dissolved team seen from an open volunteer
form, driven with keys at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from kxtui import db
from kxtui.db import team_writes
from kxtui.db.engine.models import Team, Volunteer
from kxtui.db.rows import TeamInput
from kxtui.screens.audit import AuditScreen
from kxtui.screens.audit_entry import AuditEntryScreen
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from tests.app.helpers import (
    fill,
    make_app,
    notifications,
    open_list,
    open_screen,
    plain,
    press,
    settle,
    wait_until,
)
from tests.app.test_teams import DIVISION, query

TRIAL = "阜安街道撤销试验专业队"


def a_team_of(volunteer_ids: list[int]) -> int:
    """A 专业队 under 阜安街道's health division with these members; its id."""
    division = Team.get(Team.name == DIVISION)
    data = TeamInput(TRIAL, "professional", "health", division.region_id, None)
    made = team_writes.create_team(division.id, data)
    team_writes.set_members(made, 1, tuple(volunteer_ids))
    return made


def first_volunteers(count: int) -> list[int]:
    return [
        v for (v,) in Volunteer.select(Volunteer.id).order_by(Volunteer.id).limit(count).tuples()
    ]


def dissolve(team_id: int) -> None:
    team_writes.dissolve_team(team_id, Team.get_by_id(team_id).version)


def keep_only(team_id: int, volunteer_ids: list[int]) -> None:
    team_writes.set_members(team_id, Team.get_by_id(team_id).version, tuple(volunteer_ids))


def members(path: Path, team_id: int) -> list[int]:
    sql = "SELECT volunteer_id FROM team_membership WHERE team_id = ? ORDER BY volunteer_id"
    return [v for (v,) in query(path, sql, (team_id,))]


async def audit_log(pilot: Pilot) -> AuditScreen:
    screen = await open_list(pilot, "h", AuditScreen)
    await wait_until(pilot, lambda: screen.table.total > 0)
    return screen


async def undo_row(pilot: Pilot, screen: AuditScreen, moves: list[str]) -> None:
    await press(pilot, *moves, "u")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    await press(pilot, "y")
    await wait_until(pilot, lambda: pilot.app.screen is screen)


async def test_a_dissolve_is_undone_from_the_audit_log_with_the_members(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        ids = db.call(first_volunteers, 2)
        team_id = db.call(a_team_of, ids)
        db.call(dissolve, team_id)
        screen = await audit_log(pilot)
        row = screen.table.cursor_row
        assert (row.entity, row.action, row.entity_id) == ("team", "dissolve", team_id)
        await press(pilot, "enter")  # the entry names the members, not their ids
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))
        text = plain(pilot.app.screen.query_one("#entry-changes").content)
        names = [n for (n,) in query(demo_path, "SELECT name FROM volunteer ORDER BY id LIMIT 2")]
        assert all(name in text for name in names) and "members_ids" not in text
        await press(pilot, "escape")
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await undo_row(pilot, screen, [])
        await wait_until(pilot, lambda: any("已撤销" in n for n in notifications(pilot)))
        [(dissolved_at,)] = query(
            demo_path, "SELECT dissolved_at FROM team WHERE id = ?", (team_id,)
        )
        assert dissolved_at is None and members(demo_path, team_id) == ids


async def test_undoing_a_members_change_of_a_team_dissolved_since_is_refused(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        ids = db.call(first_volunteers, 2)
        team_id = db.call(a_team_of, ids)
        db.call(keep_only, team_id, ids[:1])  # the second leaves
        db.call(dissolve, team_id)
        screen = await audit_log(pilot)
        rows = list(screen.table._rows.values())
        chosen = next(i for i, r in enumerate(rows) if (r.entity, r.action) == ("team", "update"))
        left = next(
            i for i, r in enumerate(rows) if (r.entity, r.entity_id) == ("volunteer", ids[1])
        )
        await undo_row(pilot, screen, ["down"] * chosen)  # the team's change of members
        refused = f"不能撤销：队伍「{TRIAL}」已解散"
        await wait_until(pilot, lambda: notifications(pilot).count(refused) == 1)
        await undo_row(pilot, screen, ["up"] * (chosen - left))  # the leaver's own entry
        await wait_until(pilot, lambda: notifications(pilot).count(refused) == 2)
        assert members(demo_path, team_id) == []


async def test_an_open_volunteer_form_shows_the_conflict_when_their_team_is_dissolved(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        roster = await open_screen(pilot, "m", RosterScreen)
        await settle(pilot)
        volunteer = roster.table.cursor_row
        team_id = db.call(a_team_of, [volunteer.id])
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        db.call(dissolve, team_id)  # while the form is open
        await fill(pilot, "name", volunteer.name + "乙")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        assert not any("已被删除" in n for n in notifications(pilot))
