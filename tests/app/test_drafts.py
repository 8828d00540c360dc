"""Drafts: what is typed is kept about a second after the last keystroke and on hang-up, offered
at the next start, resumed with the typed values, and removed when saved or discarded."""

from __future__ import annotations

from pathlib import Path

from kxtui import db
from kxtui.db import venues
from kxtui.db.drafts import drafts
from kxtui.db.rows import VenueInput
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.drafts import DraftsScreen
from kxtui.screens.form import DRAFT_DELAY
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.widgets.form_field import FormField
from tests.app.helpers import (
    cursor_name,
    jump,
    make_app,
    press,
    resume_first_draft,
    settle,
    type_text,
    wait_until,
)
from tests.conftest import FROZEN_AT


def stored() -> list[tuple[str, str, dict]]:
    return [(d.form, d.summary, d.data["values"]) for d in db.call(drafts)]


async def half_typed_venue(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, "fajd")
    await press(pilot, "v")
    # typed without a pause (no waiting for the checks between the fields), as a person types
    await pilot.press(*"半填的阵地")
    pilot.app.screen.query_one("#field-phone", FormField).control.focus()
    await type_text(pilot, "0532-8")


def field(pilot, name: str) -> object:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(f"#field-{name}", FormField).control.value


async def test_typing_is_kept_as_a_draft_after_a_pause(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await half_typed_venue(pilot)
        assert stored() == [], "not while typing"
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush()
        [(form, summary, values)] = stored()
        assert form == "venue"
        assert "半填的阵地" in summary and "阜安街道" in summary
        assert values["name"] == "半填的阵地" and values["phone"] == "0532-8"


async def test_hang_up_keeps_the_form_and_the_next_start_offers_it(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await half_typed_venue(pilot)
        pilot.app.hang_up("SIGHUP")  # what the signal handler calls
        await pilot.pause()
    assert pilot.app.return_code == 129

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await resume_first_draft(pilot, VenueFormScreen)
        assert field(pilot, "name") == "半填的阵地"
        assert field(pilot, "phone") == "0532-8"
        pilot.app.screen.query_one("#field-phone", FormField).control.value = "0532-87654321"
        pilot.app.screen.query_one("#field-type", FormField).control.value = "tech_courtyard"
        await press(pilot, "ctrl+s")
        assert not isinstance(pilot.app.screen, VenueFormScreen)
        assert cursor_name(pilot) == "半填的阵地"
        assert pilot.app.drafts.flush()
        assert stored() == [], "a saved form leaves no draft"


async def test_a_draft_can_be_discarded_from_the_list(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await half_typed_venue(pilot)
        pilot.app.hang_up("SIGTERM")
        await pilot.pause()
    assert pilot.app.return_code == 143
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, DraftsScreen))
        await press(pilot, "d")
        await press(pilot, "y")
        assert not isinstance(pilot.app.screen, DraftsScreen)
        assert pilot.app.drafts.flush()
        assert stored() == []


async def test_discarding_the_form_removes_its_draft(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await half_typed_venue(pilot)
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush() and len(stored()) == 1
        await press(pilot, "escape")  # asks: save, discard, keep editing
        await press(pilot, "d")
        assert not isinstance(pilot.app.screen, VenueFormScreen)
        assert pilot.app.drafts.flush()
        assert stored() == []


async def test_an_edit_draft_resumed_after_someone_else_saved_is_a_conflict(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "通会桥社区住户")
        await press(pilot, "e")
        pilot.app.screen.query_one("#field-contact", FormField).control.value = "我的修改"
        await settle(pilot)
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()

    [draft] = db.call(drafts)  # meanwhile another officer saves the same venue
    venue_id = draft.data["context"]["venue_id"]
    detail = db.call(venues.detail, venue_id, FROZEN_AT.date())
    assert detail is not None
    changed = VenueInput(detail.name, detail.type, contact="别人的修改")
    db.call(venues.update_venue, venue_id, detail.version, changed)

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await resume_first_draft(pilot, VenueFormScreen)
        assert field(pilot, "contact") == "我的修改"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        shown = {f.caption: (f.mine, f.theirs) for f in pilot.app.screen.fields}
        assert shown["联系人"] == ("我的修改", "别人的修改"), (
            "both values, for the officer to choose"
        )
        assert db.call(venues.detail, venue_id, FROZEN_AT.date()).contact == "别人的修改"
