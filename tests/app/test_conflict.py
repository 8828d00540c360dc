"""Two officers edit the same venue: the second save shows the conflict dialog with both values,
and each answer gives the record and the audit entries it promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui import db
from kxtui.db import region_writes, venues
from kxtui.db.engine import scope, writes
from kxtui.db.engine.models import Activity, AuditEntry, Region, Venue, Volunteer
from kxtui.db.rows import RegionInput, VenueInput
from kxtui.domain import SixHave
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.form import FormScreen
from kxtui.screens.region_form import RegionFormScreen
from kxtui.screens.venue_form import VenueFormScreen
from tests.app.helpers import (
    control,
    fill,
    jump,
    make_app,
    notifications,
    plain,
    press,
    settle,
    wait_until,
)
from tests.conftest import LI

VENUE = "通会桥社区住户"  # the first venue the jump finds by these characters


def their_save(
    venue_id: int, monkeypatch: pytest.MonkeyPatch, phone: str = "0532-11111111"
) -> None:
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
        data = VenueInput(venue.name, venue.type, venue.level or "", "李四", phone,
                          venue.address, six)  # fmt: skip
        venues.update_venue(venue_id, venue.version, data)

    with monkeypatch.context() as patch:
        patch.setattr(scope, "_current", {"session": LI})
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


async def test_capital_m_and_t_work_as_the_dialog_says(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await edit_then_conflict(pilot, monkeypatch)
        assert "M 全用我的并保存   T 全用对方的" in plain(
            pilot.app.screen.query_one("#conflict-keys").content
        )
        await press(pilot, "T")
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen) and control(pilot, "contact").value == "李四"
        await fill(pilot, "phone", "13800000000")
        their_save(form.existing.id, monkeypatch, "0532-22222222")  # li again
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        await press(pilot, "M")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VenueFormScreen))
        assert venue_and_entries(form)[0].phone == "13800000000"


async def test_e_opens_the_venue_as_stored_after_their_save(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tree's detail was read before li saved: the form shows li's save, and a save over
    it is no conflict and keeps it."""
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await jump(pilot, VENUE)
        await settle(pilot)
        venue_id = pilot.app.screen.detail.id
        their_save(venue_id, monkeypatch)
        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VenueFormScreen))
        form = pilot.app.screen
        assert (control(pilot, "contact").value, control(pilot, "phone").value) == (
            "李四", "0532-11111111"
        )  # fmt: skip
        await fill(pilot, "address", "新地址 2 号")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
        venue, entries = venue_and_entries(form)
        assert (venue.contact, venue.phone, venue.address) == (
            "李四",
            "0532-11111111",
            "新地址 2 号",
        )
        assert list(json.loads(entries[-1].changes)) == ["address"], (
            "li's fields kept as li left them"
        )


async def test_e_opens_the_region_as_stored_after_their_save(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await settle(pilot)
        region = pilot.app.screen.detail
        data = RegionInput(region.name, region.kind, region.code or "", "54321")
        with monkeypatch.context() as patch:
            patch.setattr(scope, "_current", {"session": LI})
            db.call(region_writes.update_region, region.id, region.version, data)
        theirs = db.call(Region.get_by_id, region.id).version
        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RegionFormScreen))
        form = pilot.app.screen
        assert control(pilot, "population").value == "54321"
        await fill(pilot, "code", "370281099")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
        stored = db.call(Region.get_by_id, region.id)
        assert (stored.population, stored.code, stored.version) == (54321, "370281099", theirs + 1)


# each edit form: the keys that open it on a record, and that record's model
UNCHANGED = {
    "venue": (("slash", *VENUE, "enter", "e"), Venue),
    "region": (("slash", *"fajd", "enter", "e"), Region),
    "activity": (("t", "down", "e"), Activity),  # ↓ from the search field to the rows
    "volunteer": (("m", "enter"), Volunteer),
}


@pytest.mark.parametrize("form_name", UNCHANGED)
async def test_a_save_without_a_change_writes_nothing(demo_path: Path, form_name: str) -> None:
    """Ctrl+S on an unchanged record closes the form, says so, and leaves the record's
    version and the log as they were."""
    keys, model = UNCHANGED[form_name]
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key in keys:
            await press(pilot, key)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        form = pilot.app.screen
        assert form.form_name == form_name
        since = db.call(AuditEntry.select().count)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: form not in pilot.app.screen_stack)
        assert db.call(model.get_by_id, form.existing.id).version == form.existing.version
        assert db.call(AuditEntry.select().count) == since
        assert "没有改动，未保存" in notifications(pilot)
