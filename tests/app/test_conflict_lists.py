"""Two officers edit the same activity or volunteer: whichever way through the conflict dialog
(M, T, a merge with Enter, Esc then Ctrl+S, Esc then discard), the lists inside the form —
the volunteers who served with their hours, the volunteer's teams — are never dropped unless
the officer removed them, and the list itself is a field the dialog compares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from peewee import fn
from textual.pilot import Pilot

from kxtui import db
from kxtui.db import activities, ledger, volunteers
from kxtui.db.engine import scope
from kxtui.db.engine.models import Activity, ServiceRecord, TeamMembership, Volunteer
from kxtui.db.numbers import one_hours
from kxtui.db.rows import (
    ActivityDetail,
    ActivityInput,
    ServiceInput,
    VolunteerDetail,
    VolunteerInput,
)
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.form import FormScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.choice_list import ChoiceList
from tests.app.helpers import fill, make_app, plain, press, settle, wait_until
from tests.conftest import LI

# each way through the dialog: the keys, then whether it saves mine, theirs or a merge
PATHS = {
    "keep mine (m)": (("m",), "mine"),
    "keep mine (M)": (("M",), "mine"),
    "take theirs (t), then save": (("t", "ctrl+s"), "theirs"),
    "take theirs (T), then save": (("T", "ctrl+s"), "theirs"),
    "merge as proposed (Enter)": (("enter",), "merged"),
    "back to my input (Esc), then save": (("escape", "ctrl+s"), "merged"),
    "back to my input (Esc), then discard": (("escape", "escape", "d"), "theirs"),
}


def activity_input(a: ActivityDetail, **changed: Any) -> ActivityInput:
    """The activity as its form would submit it unchanged, with `changed` on top."""
    data = ActivityInput(
        title=a.title, start=a.start_date.isoformat(),
        end=a.end_date.isoformat() if a.end_date else "", duration=str(a.duration),
        region_id=a.region.id, venue_id=a.venue.id if a.venue else None,
        organiser_team_id=a.organiser_team.id if a.organiser_team else None,
        organiser="" if a.organiser_team else a.organiser, theme_day=a.theme_day or "",
        campaign=a.campaign or "", target_groups=a.target_groups, format=a.format,
        people_reached=str(a.people_reached), materials=str(a.materials), notes=a.notes,
        service=tuple(ServiceInput(s.volunteer_id, s.name, str(s.hours)) for s in a.service),
        confirmed=True,
    )  # fmt: skip
    return data._replace(**changed)


def volunteer_input(v: VolunteerDetail, **changed: Any) -> VolunteerInput:
    """The volunteer as their form would submit them unchanged, with `changed` on top."""
    data = VolunteerInput(
        name=v.name, region_id=v.region.id, gender=v.gender or "", mobile=v.mobile or "",
        id_number=v.id_number or "", birth_date=str(v.birth_date or ""), skills=v.skills,
        domains=v.domains, team_ids=tuple(c.id for c in v.teams),
        platform_registered=v.platform_registered, platform_id=v.platform_id or "",
        is_student=v.is_student, active=v.active, joined_on=str(v.joined_on or ""),
        notes=v.notes, confirmed=True,
    )  # fmt: skip
    return data._replace(**changed)


def as_li(save: Callable[[], object], monkeypatch: pytest.MonkeyPatch) -> None:
    """Officer li saves through another connection."""
    with monkeypatch.context() as patch:
        patch.setattr(scope, "_current", {"session": LI})
        db.call(save)


def busiest(model: Any, link: Any, owner: Any) -> int:
    """The record with the most lines in `link` (service records, memberships)."""
    query = model.select(model.id).join(link).group_by(model.id)
    return query.order_by(fn.COUNT(owner).desc(), model.id).limit(1).scalar()


def served(activity_id: int) -> list[tuple[int, str]]:
    rows = ServiceRecord.select(ServiceRecord.volunteer, ServiceRecord.hours)
    rows = rows.where(ServiceRecord.activity == activity_id).tuples()
    return sorted((v, str(one_hours(h))) for v, h in rows)


def teams_of(volunteer_id: int) -> list[int]:
    return sorted(volunteers.links(volunteer_id)["teams"])


async def conflict(pilot: Pilot, form: FormScreen, mine: tuple[str, str], theirs: Callable) -> None:
    """Open `form`, type `mine` (field, text) into it, let li save `theirs` first, Ctrl+S."""
    await settle(pilot)
    pilot.app.push_screen(form)
    await wait_until(pilot, lambda: pilot.app.screen is form)
    await fill(pilot, *mine)
    theirs()
    await press(pilot, "ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))


async def through(pilot: Pilot, form: FormScreen, keys: tuple[str, ...]) -> list[str]:
    """Press `keys` in the dialog (and after it); the form's list lines and count as the
    form showed them when it was back to editing, before any save."""
    shown: list[str] = []
    for key in keys:
        if pilot.app.screen is form and not shown:
            lists = form.query_one(ChoiceList)
            shown = [line.choice.name for line in lists.lines]
            shown.append(plain(lists.query_one(".choice-count").content).strip())
        await press(pilot, key)
    await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
    return shown


@pytest.mark.parametrize("path", PATHS)
async def test_the_activitys_volunteers_survive_every_way_through_the_dialog(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    keys, outcome = PATHS[path]
    activity_id = db.call(busiest, Activity, ServiceRecord, ServiceRecord.id)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        detail = db.call(ledger.detail, activity_id)
        before = db.call(served, activity_id)
        assert len(before) >= 2
        form = ActivityFormScreen(existing=detail)
        reached = str(detail.people_reached + 7)

        def theirs() -> None:
            data = activity_input(detail, people_reached=reached)
            as_li(lambda: activities.update_activity(activity_id, detail.version, data),
                  monkeypatch)  # fmt: skip

        await conflict(pilot, form, ("notes", "我的备注"), theirs)
        shown = await through(pilot, form, keys)
        stored = db.call(ledger.detail, activity_id)
        assert db.call(served, activity_id) == before, "no volunteer or hours dropped"
        if keys[0] == "escape":
            names = [line.name for line in detail.service]
            assert shown[:-1] == names and shown[-1].startswith(f"共 {len(names)} 人"), shown
        expected = {
            "mine": ("我的备注", detail.people_reached, detail.version + 2),
            "theirs": (detail.notes, detail.people_reached + 7, detail.version + 1),
            "merged": ("我的备注", detail.people_reached + 7, detail.version + 2),
        }[outcome]
        assert (stored.notes, stored.people_reached, stored.version) == expected


@pytest.mark.parametrize("path", PATHS)
async def test_the_volunteers_teams_survive_every_way_through_the_dialog(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    keys, outcome = PATHS[path]
    volunteer_id = db.call(busiest, Volunteer, TeamMembership, TeamMembership.id)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        detail = db.call(volunteers.volunteer_detail, volunteer_id)
        before = db.call(teams_of, volunteer_id)
        assert len(before) >= 2
        form = VolunteerFormScreen(existing=detail)

        def theirs() -> None:
            data = volunteer_input(detail, notes="对方的备注")
            as_li(lambda: volunteers.update_volunteer(volunteer_id, detail.version, data),
                  monkeypatch)  # fmt: skip

        await conflict(pilot, form, ("skills", "我的特长"), theirs)
        shown = await through(pilot, form, keys)
        stored = db.call(volunteers.volunteer_detail, volunteer_id)
        assert db.call(teams_of, volunteer_id) == before, "no team dropped"
        if keys[0] == "escape":
            names = [team.name for team in detail.teams]
            assert shown[:-1] == names and shown[-1].startswith(f"共 {len(names)} 支"), shown
        expected = {
            "mine": ("我的特长", detail.notes, detail.version + 2),
            "theirs": (detail.skills, "对方的备注", detail.version + 1),
            "merged": ("我的特长", "对方的备注", detail.version + 2),
        }[outcome]
        assert (stored.skills, stored.notes, stored.version) == expected


async def test_the_list_is_a_field_of_the_dialog_and_each_side_keeps_its_own_change(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """li takes a volunteer off the activity while I change the notes: the dialog lists the
    volunteers as a field, theirs proposed, and Enter keeps their removal and my notes."""
    activity_id = db.call(busiest, Activity, ServiceRecord, ServiceRecord.id)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        detail = db.call(ledger.detail, activity_id)
        kept = activity_input(detail).service[1:]
        form = ActivityFormScreen(existing=detail)

        def theirs() -> None:
            data = activity_input(detail, service=kept)
            as_li(lambda: activities.update_activity(activity_id, detail.version, data),
                  monkeypatch)  # fmt: skip

        await conflict(pilot, form, ("notes", "我的备注"), theirs)
        dialog = pilot.app.screen
        # in the form's order: the volunteers come before the other details
        assert [(f.field, f.keep_mine) for f in dialog.fields] == [
            ("service", False), ("notes", True)
        ]  # fmt: skip
        await press(pilot, "enter")
        await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
        stored = db.call(ledger.detail, activity_id)
        assert stored.notes == "我的备注"
        assert [s.volunteer_id for s in stored.service] == [s.volunteer_id for s in kept]


async def test_my_removal_is_saved_after_esc_and_their_field_kept(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """I take a volunteer off (Ctrl+D) while li changes the people reached: Esc, Ctrl+S saves
    my list on their record — the volunteer I removed is gone, their number stays."""
    activity_id = db.call(busiest, Activity, ServiceRecord, ServiceRecord.id)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        detail = db.call(ledger.detail, activity_id)
        form = ActivityFormScreen(existing=detail)
        await settle(pilot)
        pilot.app.push_screen(form)
        await wait_until(pilot, lambda: pilot.app.screen is form)
        form.query_one(ChoiceList).lines[0].hours_input.focus()
        await press(pilot, "ctrl+d")
        data = activity_input(detail, people_reached=str(detail.people_reached + 7))
        as_li(lambda: activities.update_activity(activity_id, detail.version, data), monkeypatch)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        await press(pilot, "escape", "ctrl+s")
        await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
        stored = db.call(ledger.detail, activity_id)
        assert stored.people_reached == detail.people_reached + 7
        assert [s.volunteer_id for s in stored.service] == [
            s.volunteer_id for s in detail.service[1:]
        ]


async def test_a_draft_of_an_edited_activity_keeps_its_volunteers(demo_path: Path) -> None:
    """Putting a draft's lines back over the record's own (the same volunteers) keeps them."""
    from tests.app.helpers import resume_first_draft

    activity_id = db.call(busiest, Activity, ServiceRecord, ServiceRecord.id)
    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        detail = db.call(ledger.detail, activity_id)
        await settle(pilot)
        pilot.app.push_screen(ActivityFormScreen(existing=detail))
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        await fill(pilot, "notes", "草稿备注")
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()

    async with make_app(demo_path).run_test(size=(120, 40)) as pilot:
        await resume_first_draft(pilot, ActivityFormScreen)
        await settle(pilot)
        lists = pilot.app.screen.query_one(ChoiceList)
        assert [line.choice.id for line in lists.lines] == [s.volunteer_id for s in detail.service]
        count = plain(lists.query_one(".choice-count").content)
        assert count.startswith(f"共 {len(detail.service)} 人")
