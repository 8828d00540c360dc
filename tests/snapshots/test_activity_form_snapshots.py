"""The activity form at 80×24 and 120×36: the volunteers' suggestions open, and five
volunteers added, each with their own hours (seeded demo, frozen clock, no blink)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.helpers import jump, make_app, press, settle, type_text
from tests.app.test_activity_form_80x24 import HOURS, QUERIES

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def form_at_the_venue(pilot: Pilot) -> None:
    await settle(pilot)
    await jump(pilot, "阜安街道科普活动中心")
    await press(pilot, "l")
    await type_text(pilot, "科普讲座")
    await press(pilot, "tab", "tab", "enter", "down", "enter", "tab", "tab")


@pytest.mark.parametrize("size", SIZES)
def test_activity_form_volunteer_suggestions(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await form_at_the_venue(pilot)
        await type_text(pilot, "wj")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_activity_form_five_volunteers(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await form_at_the_venue(pilot)
        for query, hours in zip(QUERIES, HOURS, strict=True):
            await type_text(pilot, query)
            await press(pilot, "enter")
            await type_text(pilot, hours)
            await press(pilot, "enter")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
