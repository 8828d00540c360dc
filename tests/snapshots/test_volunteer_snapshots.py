"""The volunteer form at 80×24 and 120×36: empty (in a village chosen in the tree), with the
messages beside the fields after a save with a bad mobile and a mistyped ID number, and opened
from the roster on its service history; the team tree and the team form."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.screens.roster import RosterScreen
from kxtui.screens.team_form import TeamFormScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.form_field import FormField
from tests.app.helpers import jump, make_app, press, settle, type_text, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def village_form(pilot: Pilot) -> None:
    await settle(pilot)
    await jump(pilot, "ljl")
    await press(pilot, "V")


@pytest.mark.parametrize("size", SIZES)
def test_volunteer_form_empty(snap_compare, demo_path: Path, size) -> None:
    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=village_form)


@pytest.mark.parametrize("size", SIZES)
def test_volunteer_form_with_errors(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await village_form(pilot)
        for name, text in (("mobile", "12012345678"), ("id_number", "370281198203125832")):
            pilot.app.screen.query_one(f"#field-{name}", FormField).control.focus()
            await type_text(pilot, text)
        await press(pilot, "ctrl+s")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_team_tree(snap_compare, demo_path: Path, size) -> None:
    """The county's 总队 open, and its first 支队 open on its 领域分队."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "T")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamTreeScreen))
        await press(pilot, "down", "right", "down", "right")  # from the search to the tree

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_team_form(snap_compare, demo_path: Path, size) -> None:
    """`e` on 阜安街道's health division in the team tree: its name, level, domain, region and
    leader, with the region's suggestions open after typing over it."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "T")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamTreeScreen))
        await press(pilot, "right", "down", "right")
        await settle(pilot)
        await press(pilot, "down", "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        pilot.app.screen.query_one("#field-region", FormField).control.focus()
        await press(pilot, "ctrl+u")
        await type_text(pilot, "fajd")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_volunteer_detail_history(snap_compare, demo_path: Path, size) -> None:
    """The roster by total hours, Enter on the first volunteer, F3: their service history."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "m")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        await press(pilot, "down", "s", "enter")  # to the rows; by total hours; open
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        await press(pilot, "f3")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
