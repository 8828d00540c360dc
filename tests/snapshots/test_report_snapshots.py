"""The reports screen at 80×24 and 120×36: the county's activity report by town, a cross
table of campaigns by format, and a chart of one measure."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.app.helpers import make_app, press, settle, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def reports(pilot: Pilot, *keys: str) -> None:
    """The county's reports, in their rows (where letters are commands), then `keys`."""
    await settle(pilot)
    await press(pilot, "R")
    await settle(pilot)
    await press(pilot, "down", *keys)
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_activity_report_by_town(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_cross_table_of_campaigns_by_format(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, "b", "b", "b", "c")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_chart_of_people_reached_by_town(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, "g", "right")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_period_dialog_saying_what_is_not_a_period(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, "P", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "下个季度")
        await press(pilot, "enter")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("report", ["volunteers", "venues", "science-day", "annual"])
def test_each_report(snap_compare, demo_path: Path, size, report) -> None:
    presses = {"volunteers": 1, "venues": 2, "science-day": 3, "annual": 4}[report]

    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, *("r",) * presses)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_a_venues_rows_venues(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, "r", "r", "enter")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_a_closed_periods_report(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await reports(pilot, "p", "K", "y")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
