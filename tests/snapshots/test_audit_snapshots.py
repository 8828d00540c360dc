"""The audit screen, one change field by field, and the edit-conflict dialog at 80×24 and
120×36. The officer is named (not the login running the tests), so the pictures are the same
everywhere."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db.engine import scope
from kxtui.screens.audit import AuditScreen
from kxtui.screens.audit_entry import AuditEntryScreen
from kxtui.screens.pick_writer import PickWriterScreen
from tests.app.helpers import make_app, open_list, open_screen, press, settle, type_text, wait_until
from tests.app.test_audit_screen import an_activity, some_changes
from tests.app.test_conflict import edit_then_conflict
from tests.conftest import ADMIN

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


@pytest.fixture(autouse=True)
def officer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scope, "_current", {"session": replace(ADMIN, user="wang")})


@pytest.mark.parametrize("size", SIZES)
def test_audit_screen(snap_compare, demo_path: Path, size, monkeypatch) -> None:
    async def run_before(pilot: Pilot) -> None:
        some_changes(monkeypatch)
        await open_list(pilot, "h", AuditScreen)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_audit_entry(snap_compare, demo_path: Path, size, monkeypatch) -> None:
    async def run_before(pilot: Pilot) -> None:
        some_changes(monkeypatch)
        await open_list(pilot, "h", AuditScreen)
        await press(pilot, "down", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_audit_entry_of_an_activity(snap_compare, demo_path: Path, size) -> None:
    """Its village, venue, team and volunteers by name, each field once by its plain name."""

    async def run_before(pilot: Pilot) -> None:
        an_activity()
        await open_screen(pilot, "h", AuditScreen)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_officer_picker(snap_compare, demo_path: Path, size, monkeypatch) -> None:
    async def run_before(pilot: Pilot) -> None:
        some_changes(monkeypatch)
        await open_list(pilot, "h", AuditScreen)
        await open_screen(pilot, "o", PickWriterScreen)
        await type_text(pilot, "w")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_conflict_dialog(snap_compare, demo_path: Path, size, monkeypatch) -> None:
    async def run_before(pilot: Pilot) -> None:
        await edit_then_conflict(pilot, monkeypatch)
        await press(pilot, "down")
        await settle(pilot)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
