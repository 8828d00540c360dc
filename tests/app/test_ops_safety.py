"""The app on a full disk and against `kxtui restore`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from kxtui import db
from kxtui.db.drafts import drafts
from kxtui.db.engine.backup import backup, in_use, restore
from kxtui.db.engine.models import Venue
from kxtui.db.errors import RefusedError
from kxtui.screens.form import DRAFT_DELAY
from kxtui.screens.venue_form import VenueFormScreen
from tests.app.helpers import control, fill, make_app, plain, press, settle
from tests.db.test_disk_full import LONG_ADDRESS, full_disk, integrity


def venues_named(name: str) -> int:
    return db.call(lambda: Venue.select().where(Venue.name == name).count())


async def test_a_full_disk_keeps_the_form_and_its_draft_and_saves_once_there_is_room(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        form = pilot.app.screen
        await fill(pilot, "name", "满盘阵地")
        control(pilot, "type").value = "tech_courtyard"
        control(pilot, "address").value = LONG_ADDRESS
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush()
        with full_disk(demo_path):
            await press(pilot, "ctrl+s")
            assert pilot.app.screen is form, "the form stays open"
            status = plain(form.query_one("#form-status", Static).content)
            assert "磁盘已满" in status
            assert control(pilot, "name").value == "满盘阵地"
            assert control(pilot, "address").value == LONG_ADDRESS
            assert [d.form for d in db.call(drafts)] == ["venue"], "the draft is kept"
            assert venues_named("满盘阵地") == 0
        assert integrity(demo_path) == "ok"
        await press(pilot, "ctrl+s")
        assert not isinstance(pilot.app.screen, VenueFormScreen)
        assert venues_named("满盘阵地") == 1
        assert pilot.app.drafts.flush() and db.call(drafts) == ()


async def test_restore_is_refused_while_the_app_runs(demo_path: Path, tmp_path: Path) -> None:
    saved = backup(demo_path, tmp_path / "saved.db").path
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert in_use(demo_path), "an idle session holds the database"
        with pytest.raises(RefusedError):
            restore(saved, demo_path)
    assert not in_use(demo_path)
    assert restore(saved, demo_path).aside is not None
