"""Views stay fresh: after a save in this session, and after another officer's save in another
process, the detail pane, the ledger and the roster show it without a key pressed, and a list
keeps its cursor on the row it was on."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from textual.pilot import Pilot

from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.roster import RosterScreen
from kxtui.widgets.form_field import FormField
from kxtui.widgets.paged_table import PagedTable
from tests.app.helpers import detail_text, fill, jump, make_app, press, settle, wait_until

# Another officer's process saves one activity at 阜安街道科普活动中心 (and one volunteer there).
OTHER_OFFICER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from kxtui import db
    from kxtui.db import activities, volunteers
    from kxtui.db.engine import scope
    from kxtui.db.engine.connection import open_database
    from kxtui.db.engine.models import Region, Venue
    from kxtui.db.rows import ActivityInput, VolunteerInput
    from kxtui.domain import AccessRole

    open_database(Path(sys.argv[1]))
    scope._current = {"session": scope.Session(
        user="wang", name="王五", role=AccessRole.COUNTY_ADMIN)}

    def save():
        venue = Venue.get(Venue.name == "阜安街道科普活动中心")
        activities.create_activity(ActivityInput(
            title="另一位干部登记的讲座", start=sys.argv[2], end="", duration="2",
            region_id=venue.region_id, venue_id=venue.id, organiser_team_id=None,
            organiser="", theme_day="", campaign="", target_groups=(), format="lecture",
            people_reached="30", materials="0", notes="", service=(), confirmed=True))
        village = Region.get(Region.name == "馨泰社区")
        volunteers.create_volunteer(VolunteerInput(
            name="另一位登记的志愿者", region_id=village.id, gender="", mobile="",
            id_number="", birth_date="", skills="", domains=(), team_ids=(),
            platform_registered=False, platform_id="", is_student=False, active=True,
            joined_on="", notes="", confirmed=True))

    db.call(save)
    """
)


def other_officer_saves(path: Path, day: str = "2026-12-01") -> None:
    """The activity is dated `day` (after every demo activity: the ledger's first row)."""
    command = [sys.executable, "-c", OTHER_OFFICER, str(path), day]
    subprocess.run(command, check=True, timeout=60)


def total_activities(pilot: Pilot) -> int:
    line = next(x for x in detail_text(pilot).splitlines() if x.startswith("累计活动"))
    return int(line.split()[-1].replace(",", ""))


def table(pilot: Pilot) -> PagedTable:
    return pilot.app.screen.query_one(PagedTable)


async def test_another_processs_save_shows_in_the_detail_pane_unasked(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajdkp")  # 阜安街道科普活动中心
        before = total_activities(pilot)
        other_officer_saves(demo_path)
        await wait_until(pilot, lambda: total_activities(pilot) == before + 1)


async def test_another_processs_save_shows_on_an_open_ledger_and_roster(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "m")  # the roster, under it the hierarchy
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        roster = pilot.app.screen
        await wait_until(pilot, lambda: roster.table._counted)
        volunteers = roster.table.total
        other_officer_saves(demo_path)
        await wait_until(pilot, lambda: roster.table._counted and roster.table.total > volunteers)
        assert roster.table.total == volunteers + 1
        await press(pilot, "escape", "t")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, LedgerScreen))
        ledger = pilot.app.screen
        await wait_until(pilot, lambda: ledger.table.cursor_row is not None)
        assert ledger.table.cursor_row.title == "另一位干部登记的讲座"  # the newest, on top
        activities = ledger.table.total
        await press(pilot, "down", "down")
        kept, line = ledger.table.cursor_row, ledger.table.cursor
        assert line > 0
        other_officer_saves(demo_path, "2026-12-02")
        await wait_until(pilot, lambda: ledger.table._counted and ledger.table.total > activities)
        # a row came above the cursor's: the cursor is still on its row, one line lower
        assert ledger.table.cursor_row.id == kept.id
        assert ledger.table.cursor == line + 1


async def test_saving_an_activity_updates_the_venues_detail_at_once(demo_path: Path) -> None:
    """Saving a second activity at a venue: its 累计活动 goes up with the cursor still on it
    (it stayed at the old figure until the cursor moved)."""
    async with make_app(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajdkp")
        before = total_activities(pilot)
        await press(pilot, "l")
        await fill(pilot, "title", "又一场讲座")
        pilot.app.screen.query_one("#field-format", FormField).control.value = "lecture"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not pilot.app.screen.is_modal)
        await wait_until(pilot, lambda: total_activities(pilot) == before + 1)
        assert detail_text(pilot).startswith("胶州市 › 阜安街道 › \n阜安街道科普活动中心")
