"""A volunteer's service history (F3): Enter opens the activity of the row, Esc comes back to
the history with the cursor where it was; a viewer, or an officer outside the activity's
area, reads the activity and cannot save it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.pilot import Pilot

from kxtui.db.engine import scope
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.history_table import ServiceHistoryTable
from tests.app.helpers import (
    control,
    make_app,
    notifications,
    open_list,
    press,
    wait_until,
)
from tests.app.test_write_keys import READ_ONLY_ACCOUNT, VIEWER, town_officer


async def open_history(pilot: Pilot) -> tuple[VolunteerFormScreen, ServiceHistoryTable]:
    """The roster by total hours, its first volunteer (who served most), their history."""
    roster = await open_list(pilot, "m", RosterScreen)
    await press(pilot, "s")
    assert roster.table.cursor_row.hours_total > 0
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
    form = pilot.app.screen
    await press(pilot, "f3")
    history = form.query_one(ServiceHistoryTable)
    assert history.has_focus and history.total > 3
    return form, history


async def test_enter_opens_the_activity_and_esc_returns_to_the_row(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        form, history = await open_history(pilot)
        await press(pilot, "down", "down")
        row = history.cursor_row
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        activity = pilot.app.screen
        assert activity.existing.id == row.activity_id
        assert control(pilot, "title").value == row.title
        await press(pilot, "escape")  # nothing changed: closes without asking
        await wait_until(pilot, lambda: pilot.app.screen is form)
        assert history.has_focus and history.cursor == 2
        assert history.cursor_row == row


async def test_an_edit_saved_from_the_history_shows_in_it(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        form, history = await open_history(pilot)
        row = history.cursor_row
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        await press(pilot, "end", *"乙", "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is form)
        await wait_until(pilot, lambda: history.cursor_row is not None)
        assert history.cursor_row.title == row.title + "乙"
        with sqlite3.connect(demo_path) as connection:
            (title,) = connection.execute(
                "SELECT title FROM activity WHERE id = ?", (row.activity_id,)
            ).fetchone()
        assert title == row.title + "乙"


async def test_a_viewer_reads_the_activity_and_cannot_save_it(demo_path: Path) -> None:
    scope.sign_in(VIEWER)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        form, history = await open_history(pilot)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        activity = pilot.app.screen
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is activity and notifications(pilot)[-1] == READ_ONLY_ACCOUNT
        await press(pilot, "escape")
        await wait_until(pilot, lambda: pilot.app.screen is form)


async def test_an_activity_outside_the_officers_area_opens_read_only(demo_path: Path) -> None:
    officer = town_officer(demo_path)
    scope.sign_in(officer)
    with sqlite3.connect(demo_path) as connection:
        # a volunteer of the officer's town, one of whose activities moves to another town
        (volunteer, activity) = connection.execute(
            "SELECT s.volunteer_id, a.id FROM service_record s"
            " JOIN activity a ON a.id = s.activity_id JOIN volunteer v ON v.id = s.volunteer_id"
            " JOIN region h ON h.id = v.region_id"
            " WHERE a.deleted_at IS NULL AND h.path LIKE ? || '%' ORDER BY s.id LIMIT 1",
            (officer.edit_path,),
        ).fetchone()
        connection.execute(
            "UPDATE activity SET venue_id = NULL, region_id = (SELECT id FROM region"
            " WHERE kind = 'town' AND path LIKE ? || '%' AND path NOT LIKE ? || '%' LIMIT 1)"
            " WHERE id = ?",
            (officer.view_path, officer.edit_path, activity),
        )
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: pilot.app.screen.query("RegionTree"))
        VolunteerFormScreen.open_stored(pilot.app.screen, {"volunteer_id": volunteer}, print)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        form = pilot.app.screen
        await press(pilot, "f3")
        history = form.query_one(ServiceHistoryTable)
        while history.cursor_row.activity_id != activity:
            await press(pilot, "down")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        assert pilot.app.screen.existing.id == activity
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen)
        assert "阜安街道" in notifications(pilot)[-1]
