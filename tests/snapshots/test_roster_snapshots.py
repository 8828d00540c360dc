"""The roster's filter dialog (a team chosen, not served this quarter) and a roster check's
result (not fully registered on the platform), at 80×24 and 120×36."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.helpers import control, make_app, press, settle, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def roster(pilot: Pilot) -> None:
    """The county's roster, in its rows (where letters are commands)."""
    await settle(pilot)
    await press(pilot, "m")
    await settle(pilot)
    await press(pilot, "down")


@pytest.mark.parametrize("size", SIZES)
def test_roster_filter_dialog(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await roster(pilot)
        await press(pilot, "f")
        await type_text(pilot, "lgzzjy")
        await press(pilot, "enter")
        control(pilot, "served").value = "no"
        control(pilot, "period").value = "quarter"
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_roster_check_not_fully_registered(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await roster(pilot)
        await press(pilot, "c", "p", "down")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_roster_checks_menu(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await roster(pilot)
        await press(pilot, "c")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
