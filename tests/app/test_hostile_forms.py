"""Stored text with control, bidi and zero-width characters (written by another program, an
older kxtui, a restored backup) opened in every form: the bytes of each frame hold none of
them raw; inputs show them as marks, the field says that saving removes them, and saving does
(with its audit entry). See tests/test_hostile_terminal.py for the installed command."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from textual._compositor import CompositorUpdate
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Input

from kxtui.app import KxApp
from kxtui.display import editable, hidden, unmark
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.officer_form import OfficerFormScreen
from kxtui.screens.region_form import RegionFormScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField
from tests.app.helpers import (
    control,
    error_of,
    jump,
    make_app,
    open_screen,
    press,
    settle,
    type_text,
    wait_until,
)
from tests.hostile import PAYLOAD, poison, raw_from_data

WILL_REMOVE = "保存时将删除"
CLEANED = unmark(editable(PAYLOAD))  # what saving keeps of the payload
_OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mH]")  # what Textual writes itself: SGR, cursor


def recorded(path: Path) -> KxApp:
    """The app on `path`, keeping every screen update it hands its driver to write, as the
    driver writes it (under `run_test` the headless driver only skips the writing)."""
    app = make_app(path)
    written: list[str] = []
    original = app._display

    def display(screen, renderable) -> None:  # type: ignore[no-untyped-def]
        original(screen, renderable)
        if isinstance(renderable, CompositorUpdate):
            written.append(renderable.render_segments(app.console))

    app._display = display  # type: ignore[method-assign]
    app.written = written  # type: ignore[attr-defined]
    return app


def assert_nothing_raw(pilot: Pilot) -> None:
    """Nothing of the payload was written raw, up to now; no input holds it raw."""
    written = "".join(pilot.app.written)  # type: ignore[attr-defined]
    assert written, "nothing was painted"
    assert raw_from_data(written) == []
    rest = _OWN_SEQUENCES.sub("", written)
    assert [hex(ord(c)) for c in rest if hidden(c) and c not in "\r\n"] == []
    for widget in pilot.app.screen.query(Input):
        assert not any(map(hidden, widget.value)), repr(widget.value)


def sql(path: Path, query: str, *params: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(query, params).fetchall()


def poisoned(path: Path, table: str, where: str, *params: object, columns=None) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(path) as connection:
        assert poison(connection, table, where, params, columns) >= 1


def last_audit(path: Path, entity: str) -> dict:
    [(changes,)] = sql(
        path, "SELECT changes FROM audit_entry WHERE entity=? ORDER BY id DESC LIMIT 1", entity
    )
    return json.loads(changes)


def town_id(path: Path) -> int:
    return sql(path, "SELECT id FROM region WHERE name LIKE '阜安街道%'")[0][0]


async def test_region_form_shows_the_marks_warns_and_saving_removes_them(demo_path: Path):
    poisoned(demo_path, "region", "name = '阜安街道'")
    async with recorded(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "e")
        assert isinstance(pilot.app.screen, RegionFormScreen)
        assert_nothing_raw(pilot)
        assert control(pilot, "name").value == "阜安街道" + editable(PAYLOAD)
        assert "␛]52;c;aGVsbG8=␛\\甲" in control(pilot, "name").value
        assert "⟨U+202E⟩" in control(pilot, "name").value
        assert WILL_REMOVE in error_of(pilot, "name")
        assert error_of(pilot, "kind") == ""
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, RegionFormScreen))
    assert sql(demo_path, "SELECT name FROM region WHERE id=?", town_id(demo_path)) == [
        ("阜安街道" + CLEANED,)
    ]
    assert last_audit(demo_path, "region")["name"] == ["阜安街道" + PAYLOAD, "阜安街道" + CLEANED]


async def test_venue_form_warns_beside_every_field_that_holds_them(demo_path: Path) -> None:
    [(venue, name)] = sql(
        demo_path,
        "SELECT v.id, v.name FROM venue v JOIN region r ON r.id=v.region_id"
        " WHERE r.name='阜安街道' ORDER BY v.sort_order, v.id LIMIT 1",
    )
    [(initials,)] = sql(demo_path, "SELECT initials FROM venue WHERE id=?", venue)
    poisoned(demo_path, "venue", "id = ?", venue)
    async with recorded(demo_path).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, initials)
        await settle(pilot)
        await press(pilot, "e")
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen)
        assert_nothing_raw(pilot)
        for field in ("name", "contact", "phone", "address", "six_rules_note"):
            assert WILL_REMOVE in error_of(pilot, field), field
        note = form.query_one("#field-six_rules_note", FormField).extra
        assert note.value.endswith(editable(PAYLOAD))  # type: ignore[union-attr]
        assert error_of(pilot, "type") == ""
        control(pilot, "phone").value = "0532-87654321"  # the only field the marks hid a fault in
        await settle(pilot)
        assert error_of(pilot, "phone") == "", "the note goes with the marks"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VenueFormScreen))
    [stored] = sql(demo_path, "SELECT name, address, six_rules_note FROM venue WHERE id=?", venue)
    assert stored[0] == name + CLEANED and all(s.endswith(CLEANED) for s in stored)
    changes = last_audit(demo_path, "venue")
    assert changes["name"] == [name + PAYLOAD, name + CLEANED]


async def test_new_venue_and_new_activity_in_a_poisoned_town(demo_path: Path) -> None:
    poisoned(demo_path, "region", "name = '阜安街道'")
    async with recorded(demo_path).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "v")
        assert isinstance(pilot.app.screen, VenueFormScreen)
        assert_nothing_raw(pilot)
        await press(pilot, "escape")
        await press(pilot, "l")
        assert isinstance(pilot.app.screen, ActivityFormScreen)
        assert_nothing_raw(pilot)
        region = control(pilot, "region")
        assert region.value == "阜安街道" + editable(PAYLOAD)
        assert region.choice is not None and error_of(pilot, "region") == ""  # saved as an id
        venue = control(pilot, "venue")
        venue.focus()
        await type_text(pilot, "x")  # the town's venues, suggested under its marked name
        assert_nothing_raw(pilot)


async def test_activity_edit_from_the_ledger(demo_path: Path) -> None:
    poisoned(demo_path, "region", "name = '阜安街道'")
    async with recorded(demo_path).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        ledger = await open_screen(pilot, "t", LedgerScreen)
        activity = ledger.table.cursor_row.id
        poisoned(demo_path, "activity", "id = ?", activity)
        poisoned(demo_path, "activity", "id = ?", activity, columns=("organiser",))
        sql(demo_path, "UPDATE activity SET organiser_team_id = NULL WHERE id=?", activity)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        assert_nothing_raw(pilot)
        for field in ("title", "notes", "organiser"):
            assert WILL_REMOVE in error_of(pilot, field), field
        assert error_of(pilot, "region") == ""
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
        assert_nothing_raw(pilot)  # the ledger, after the save
    [(title, notes)] = sql(demo_path, "SELECT title, notes FROM activity WHERE id=?", activity)
    assert title.endswith(CLEANED) and not any(map(hidden, title + notes))
    assert last_audit(demo_path, "activity")["title"][1] == title


async def test_volunteer_record_history_and_teams(demo_path: Path) -> None:
    async with recorded(demo_path).run_test(size=(120, 40)) as pilot:
        roster = await open_screen(pilot, "m", RosterScreen)
        volunteer = roster.table.cursor_row.id
        [(platform_id,)] = sql(demo_path, "SELECT platform_id FROM volunteer WHERE id=?", volunteer)
        poisoned(demo_path, "volunteer", "id = ?", volunteer)
        poisoned(demo_path, "team", "id IN (SELECT team_id FROM team_membership"
                 " WHERE volunteer_id = ?)", volunteer)  # fmt: skip
        poisoned(demo_path, "activity", "id IN (SELECT activity_id FROM service_record"
                 " WHERE volunteer_id = ?)", volunteer)  # fmt: skip
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        assert_nothing_raw(pilot)
        for field in ("name", "skills", "notes", "platform_id"):
            assert WILL_REMOVE in error_of(pilot, field), field
        teams = pilot.app.screen.query_one("#field-teams", FormField)
        assert error_of(pilot, "teams") == "" and teams.control.chosen  # type: ignore[attr-defined]
        for pane in ("f3", "f4", "f2"):
            await press(pilot, pane)
            assert_nothing_raw(pilot)
        await press(pilot, "ctrl+s")  # what is left of the platform ID is not one: said so
        assert "平台编号" in error_of(pilot, "platform_id")
        assert WILL_REMOVE in error_of(pilot, "name"), "the note stays beside the other fields"
        platform = pilot.app.screen.query_one("#field-platform_id", FormField)
        platform.extra.value = platform_id or ""  # type: ignore[union-attr]
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VolunteerFormScreen))
    [(name, notes)] = sql(demo_path, "SELECT name, notes FROM volunteer WHERE id=?", volunteer)
    assert name.endswith(CLEANED) and notes.endswith(CLEANED)
    assert last_audit(demo_path, "volunteer")["name"][1] == name


async def test_officer_form_suggests_poisoned_regions_safely(demo_path: Path) -> None:
    poisoned(demo_path, "region", "name = '阜安街道'")
    async with recorded(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pilot.app.push_screen(OfficerFormScreen())
        await settle(pilot)
        region = control(pilot, "region")
        assert isinstance(region, ChoiceInput)
        region.focus()
        await type_text(pilot, "fajd")
        await press(pilot, "enter")
        assert region.value == "阜安街道" + editable(PAYLOAD)
        assert_nothing_raw(pilot)


async def test_a_paste_shows_marks_and_the_field_says_so(demo_path: Path) -> None:
    async with recorded(demo_path).run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        name = control(pilot, "name")
        name.focus()
        name.post_message(Paste("名" + PAYLOAD))
        await settle(pilot)
        assert name.value == "名" + editable(PAYLOAD)
        assert name.cursor_position == len(name.value), "typing goes on after the paste"
        assert WILL_REMOVE in error_of(pilot, "name")
        assert_nothing_raw(pilot)


async def test_a_stored_draft_is_offered_and_resumed_safely(demo_path: Path) -> None:
    from kxtui.db.drafts import save_draft
    from kxtui.db.engine.connection import close_database, open_database
    from kxtui.screens.drafts import DraftsScreen

    county = sql(demo_path, "SELECT id FROM region WHERE name = '胶州市'")[0][0]
    open_database(demo_path)
    values = {"name": "名" + PAYLOAD, "kind": "town", "code": "", "population": ""}
    save_draft("region", "new:hostile", "名" + PAYLOAD, {"context": {"parent_id": county},
                                                        "values": values})  # fmt: skip
    close_database()
    async with recorded(demo_path).run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftsScreen))
        assert_nothing_raw(pilot)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RegionFormScreen))
        assert control(pilot, "name").value == "名" + editable(PAYLOAD)
        assert WILL_REMOVE in error_of(pilot, "name")
        assert_nothing_raw(pilot)


async def test_the_note_goes_when_a_team_replaces_marked_organiser_text(demo_path: Path) -> None:
    from kxtui.db.rows import Choice

    async with recorded(demo_path).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "l")
        organiser = control(pilot, "organiser")
        organiser.focus()
        organiser.query_one(Input).post_message(Paste("胶州市妇联\u202e"))
        await settle(pilot)
        assert WILL_REMOVE in error_of(pilot, "organiser")
        organiser.set_choice(Choice(1, "胶州市科技志愿服务总队"))
        await settle(pilot)
        assert error_of(pilot, "organiser") == "", "a chosen team is saved by its id"
