"""The calendar screen and a save refused in a closed period, at 80×24 and 120×36 (seeded
demo, frozen clock, no blink)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.helpers import jump, make_app, press, settle, type_text
from tests.app.test_calendar import close

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.mark.parametrize("size", SIZES)
def test_calendar_screen(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await jump(pilot, "jzs")
        await press(pilot, "c", "down", "down", "down")  # 全国科普日, its towns below

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_activity_form_closed_period(snap_compare, demo_path: Path, size) -> None:
    close(demo_path, "2026Q3")

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "l")
        await type_text(pilot, "关账后补登的讲座")
        await press(pilot, "tab", "ctrl+u")
        await type_text(pilot, "2026-08-15")
        await press(pilot, "tab", "enter", "down", "enter", "ctrl+s")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
