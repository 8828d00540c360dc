"""Every screen at 80×24 and 120×36, on the seeded demo, frozen clock, no cursor blink.

Look at each SVG (snapshot_report.html after a failure) before accepting a change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.widgets.form_field import FormField
from tests.app.helpers import jump, make_app, press, settle, type_text

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


async def town_selected(pilot: Pilot) -> None:
    await settle(pilot)
    await jump(pilot, "fajd")


@pytest.mark.parametrize("size", SIZES)
def test_tree_with_detail(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "right")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_venue_detail(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await jump(pilot, "通会桥社区住户")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_jump_to(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "jz")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_venue_form_with_errors(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "v")
        pilot.app.screen.query_one("#field-phone", FormField).control.focus()
        await type_text(pilot, "0532-123")
        await press(pilot, "ctrl+s")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_region_form_duplicate_name(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "a")
        await type_text(pilot, "兰苑社区")
        await press(pilot, "ctrl+s")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "f1")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await jump(pilot, "通会桥社区住户")
        await press(pilot, "d")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_activity_form_empty(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "l")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_activity_form_with_errors(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "l")
        start = pilot.app.screen.query_one("#field-start", FormField).control
        start.value = ""  # it starts today
        start.focus()
        await type_text(pilot, "2026-13-1")
        await press(pilot, "ctrl+s")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


async def ledger_with_a_filter(pilot: Pilot) -> None:
    await town_selected(pilot)
    await press(pilot, "t")
    await settle(pilot)
    await press(pilot, "down")  # from the search field to the rows, where letters are keys
    await press(pilot, *"pppppp")  # all time
    await press(pilot, "slash")
    await type_text(pilot, "kp")
    await press(pilot, "down", "down", "down")


@pytest.mark.parametrize("size", SIZES)
def test_ledger_with_a_filter(snap_compare, demo_path: Path, size) -> None:
    app = make_app(demo_path)
    assert snap_compare(app, terminal_size=size, run_before=ledger_with_a_filter)


def test_ledger_in_english(snap_compare, demo_path: Path) -> None:
    """--lang en at 80 columns: captions, totals and footer keys each on their line."""
    app = make_app(demo_path, language="en")
    assert snap_compare(app, terminal_size=(80, 24), run_before=ledger_with_a_filter)


@pytest.mark.parametrize("size", SIZES)
def test_draft_resume_dialog(snap_compare, demo_path: Path, size) -> None:
    from kxtui.db.drafts import save_draft
    from kxtui.db.engine.connection import close_database, open_database

    open_database(demo_path)
    context = {"region_id": 1}
    save_draft(
        "venue", "new:1", "新建阵地（胶州市） · 断线前的阵地", {"context": context, "values": {}}
    )
    save_draft("activity", "new:2", "登记活动 · 科普讲座进社区", {"context": {}, "values": {}})
    close_database()

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_roster_searched(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "m")
        await settle(pilot)
        await type_text(pilot, "w")  # the search field has the focus
        await press(pilot, "down", "s", "down")  # to the rows; sort; the second row
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
