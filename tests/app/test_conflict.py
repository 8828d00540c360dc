"""Two officers edit the same venue: the second save shows the conflict dialog with both values,
and each answer gives the record and the audit entries it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui import db
from kxtui.db import venues, writes
from kxtui.db.models import AuditEntry, Venue
from kxtui.db.rows import VenueInput
from kxtui.domain import SixHave
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.venue_form import VenueFormScreen
from tests.app.helpers import control, fill, jump, make_app, press, settle, wait_until

VENUE = "通会桥社区住户"  # the first venue the jump finds by these characters


def their_save(venue_id: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Officer li saves the venue through another connection: a new contact and phone."""

    def save() -> None:
        venue = Venue.get_by_id(venue_id)
        six = {
            item.value: (
                getattr(venue, f"six_{item.value}"),
                getattr(venue, f"six_{item.value}_note"),
            )
            for item in SixHave
        }
        data = VenueInput(venue.name, venue.type, venue.level or "", "李四", "0532-11111111",
                          venue.address, six)  # fmt: skip
        venues.update_venue(venue_id, venue.version, data)

    with monkeypatch.context() as patch:
        patch.setattr(writes, "current_actor", lambda: "li")
        db.call(save)


async def edit_then_conflict(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> Venue:
    """Open the venue form, change phone and address, let li save first, press Ctrl+S; the
    venue as it was before both."""
    await settle(pilot)
    await jump(pilot, VENUE)
    await press(pilot, "e")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, VenueFormScreen))
    form = pilot.app.screen
    original = db.call(Venue.get_by_id, form.existing.id)
    await fill(pilot, "phone", "13800000000")
    await fill(pilot, "address", "新地址 1 号")
    their_save(form.existing.id, monkeypatch)
    await press(pilot, "ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
    return original


def venue_and_entries(form: VenueFormScreen) -> tuple[Venue, list[AuditEntry]]:
    def read() -> tuple[Venue, list[AuditEntry]]:
        entries = AuditEntry.select().where(
            AuditEntry.entity == "venue", AuditEntry.entity_id == form.existing.id
        )
        return Venue.get_by_id(form.existing.id), list(entries.order_by(AuditEntry.id))

    return db.call(read)


async def test_the_dialog_shows_both_values_of_each_differing_field(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        original = await edit_then_conflict(pilot, monkeypatch)
        dialog = pilot.app.screen
        assert isinstance(dialog, ConflictScreen) and dialog.by == "li"
        assert [(f.caption, f.mine, f.theirs, f.keep_mine) for f in dialog.fields] == [
            ("联系人", original.contact, "李四", False),  # only they changed it
            ("联系电话", "13800000000", "0532-11111111", True),  # both did
            ("地址", "新地址 1 号", original.address, True),  # only I did
        ]
        form = pilot.app.screen_stack[-2]
        assert form.query_one("#field-phone").control.value == "0532-11111111", "theirs behind"


async def test_keep_mine_saves_over_theirs_with_the_new_version(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        original = await edit_then_conflict(pilot, monkeypatch)
        form = pilot.app.screen_stack[-2]
        await press(pilot, "m")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VenueFormScreen))
        venue, entries = venue_and_entries(form)
        assert (venue.contact, venue.phone, venue.address, venue.version) == (
            original.contact, "13800000000", "新地址 1 号", original.version + 2
        )  # fmt: skip
        theirs, mine = entries[-2:]
        assert (theirs.actor, mine.actor) == ("li", writes.current_actor())
        assert json.loads(mine.changes) == {
            "contact": ["李四", original.contact],
            "phone": ["0532-11111111", "13800000000"],
            "address": [original.address, "新地址 1 号"],
        }


async def test_take_theirs_reloads_the_form_and_saves_nothing(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        original = await edit_then_conflict(pilot, monkeypatch)
        await press(pilot, "t")
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen)
        assert (control(pilot, "phone").value, control(pilot, "contact").value) == (
            "0532-11111111", "李四"
        )  # fmt: skip
        assert control(pilot, "address").value == original.address
        venue, entries = venue_and_entries(form)
        assert (venue.version, entries[-1].actor) == (original.version + 1, "li")
        await fill(pilot, "address", "再改地址")
        await press(pilot, "ctrl+s")  # against their version now: saved without a conflict
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VenueFormScreen))
        venue, entries = venue_and_entries(form)
        assert (venue.phone, venue.address) == ("0532-11111111", "再改地址")
        assert json.loads(entries[-1].changes) == {"address": [original.address, "再改地址"]}


async def test_merge_takes_each_field_as_chosen(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        original = await edit_then_conflict(pilot, monkeypatch)
        dialog = pilot.app.screen
        form = pilot.app.screen_stack[-2]
        await press(pilot, "down", "right")  # their phone after all
        assert dialog.keep == {"contact": False, "phone": False, "address": True}
        await press(pilot, "enter")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VenueFormScreen))
        venue, entries = venue_and_entries(form)
        assert (venue.contact, venue.phone, venue.address) == (
            "李四",
            "0532-11111111",
            "新地址 1 号",
        )
        assert json.loads(entries[-1].changes) == {"address": [original.address, "新地址 1 号"]}
        assert entries[-2].actor == "li"


async def test_escape_goes_back_to_my_values_without_saving(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await edit_then_conflict(pilot, monkeypatch)
        await press(pilot, "escape")
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen)
        assert control(pilot, "phone").value == "13800000000"
        assert venue_and_entries(form)[0].phone == "0532-11111111"
