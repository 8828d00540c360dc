"""What looks filled is filled, at 80×24: a default is a real value (saved as shown, replaced by
the first key typed over it) or a hint that reads as one; a message goes as soon as its field
is right; typing a character and deleting it again is no change (no question on Esc, no draft)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from textual.widgets import Input

from kxtui import db
from kxtui.db.drafts import drafts
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.confirm import ChoiceScreen
from kxtui.screens.form import DRAFT_DELAY, FormScreen
from kxtui.screens.hierarchy import HierarchyScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.ledger_filter import LedgerFilterScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.roster_filter import RosterFilterScreen
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.service_list import ServiceRow
from tests.app.helpers import (
    control,
    error_of,
    fill,
    jump,
    make_app,
    open_list,
    open_screen,
    plain,
    press,
    resume_first_draft,
    settle,
    type_text,
    wait_until,
)
from tests.conftest import FROZEN_AT

SIZE = (80, 24)
TODAY = FROZEN_AT.date().isoformat()
# what a value looks like: a date, a number, a phone, a login — never what a hint says
VALUE_LIKE = re.compile(r"[\w\-/.: +]+", re.ASCII)


async def open_activity_form(pilot) -> ActivityFormScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, "fajd")
    await press(pilot, "l")
    assert isinstance(pilot.app.screen, ActivityFormScreen)
    return pilot.app.screen


def placeholders(screen) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Every input's placeholder by the id of the field holding it."""
    shown = {}
    for widget in screen.query(Input):
        if widget.placeholder:
            field = next(a for a in widget.ancestors if a.id and a.id.startswith("field-"))
            shown[field.id] = widget.placeholder
    return shown


async def test_no_placeholder_of_any_form_or_filter_looks_like_a_value(demo_path: Path) -> None:
    seen: dict[str, str] = {}
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        for key, screen in (("l", ActivityFormScreen), ("v", VenueFormScreen), ("a", FormScreen),
                            ("e", FormScreen)):  # fmt: skip
            form = await open_screen(pilot, key, screen)
            seen.update(placeholders(form))
            await press(pilot, "escape")
        await jump(pilot, "ljl")
        form = await open_screen(pilot, "V", VolunteerFormScreen)
        seen.update(placeholders(form))
        await press(pilot, "escape")
        await jump(pilot, "fajd")
        await open_list(pilot, "t", LedgerScreen)
        seen.update(placeholders(await open_screen(pilot, "f", LedgerFilterScreen)))
        await press(pilot, "escape", "escape")
        await open_list(pilot, "m", RosterScreen)
        seen.update(placeholders(await open_screen(pilot, "f", RosterFilterScreen)))
    assert {"field-end", "field-mobile", "field-phone", "field-from", "field-to"} <= set(seen)
    lookalikes = {field: hint for field, hint in seen.items() if VALUE_LIKE.fullmatch(hint)}
    assert lookalikes == {}, "a hint must read as one (如 …, 留空＝…)"
    assert seen["field-end"] == "留空＝同开始日期"


async def test_a_new_activity_starts_today_and_is_saved_without_typing_a_date(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        form = await open_activity_form(pilot)
        assert control(pilot, "start").value == TODAY, "a real value, not a grey placeholder"
        assert "2026-11-20" in plain(form.query_one("#start-parsed").content)
        await type_text(pilot, "默认日期测试")
        control(pilot, "format").value = "lecture"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
    with sqlite3.connect(demo_path) as connection:
        saved = connection.execute(
            "SELECT start_date, end_date, duration, people_reached FROM activity "
            "WHERE title = '默认日期测试'"
        ).fetchall()
    assert saved == [(TODAY, TODAY, 2, 0)]


async def test_the_first_key_typed_over_a_default_replaces_it(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        form = await open_activity_form(pilot)
        await press(pilot, "tab")  # the start date, today
        await type_text(pilot, "5-30")
        assert control(pilot, "start").value == "5-30"
        await press(pilot, "tab", "tab")  # over the end date to the duration, 2
        await type_text(pilot, "3")
        assert control(pilot, "duration").value == "3", "not 23"
        search = form.query_one("#service-search", ChoiceInput)
        search.focus()
        await type_text(pilot, "zw")
        await wait_until(pilot, lambda: bool(search.suggestions))
        await press(pilot, "enter")
        hours = form.query_one(ServiceRow).hours_input
        assert hours.value == "3", "the duration, as a default"
        hours.focus()
        await type_text(pilot, "1.5")
        assert hours.value == "1.5", "not 31.5"
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "2")
        assert hours.value == "12", "typed text is edited as typed"


async def test_cursor_keys_and_backspace_edit_a_default_as_text(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await open_activity_form(pilot)
        duration = control(pilot, "duration")
        duration.focus()
        await press(pilot, "home")
        await type_text(pilot, "1")
        assert duration.value == "12"
        start = control(pilot, "start")
        start.focus()
        await press(pilot, "backspace")
        await type_text(pilot, "1")
        assert start.value == "2026-11-21"
        await press(pilot, "left", "left", "left", "backspace")
        await type_text(pilot, "2")
        assert start.value == "2026-12-21"
        await jump_to_volunteer_form(pilot)
        joined = control(pilot, "joined_on")
        joined.focus()
        await press(pilot, "end")
        await type_text(pilot, "0")
        assert joined.value == TODAY + "0", "End keeps the default and types after it"


async def jump_to_volunteer_form(pilot) -> VolunteerFormScreen:  # type: ignore[no-untyped-def]
    await press(pilot, "escape", "d")  # leave the activity form, discarding it
    await jump(pilot, "ljl")
    await press(pilot, "V")
    assert isinstance(pilot.app.screen, VolunteerFormScreen)
    return pilot.app.screen


async def test_a_message_goes_as_soon_as_its_field_is_right(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await open_activity_form(pilot)
        await fill(pilot, "start", "2026-13-40")
        await fill(pilot, "end", "2026-01-01")
        await press(pilot, "ctrl+s")
        assert error_of(pilot, "title") == "必填"
        assert error_of(pilot, "format") == "必填"
        assert "看不懂的日期" in error_of(pilot, "start")
        control(pilot, "title").focus()
        await type_text(pilot, "讲")
        await settle(pilot)
        assert error_of(pilot, "title") == "", "必填 never stays under a filled field"
        assert error_of(pilot, "format") == "必填", "a field still wrong keeps its message"
        await fill(pilot, "start", "2026-02-01")
        await settle(pilot)
        assert error_of(pilot, "start") == ""
        await press(pilot, "ctrl+s")
        assert "早于开始日期" in error_of(pilot, "end")
        await fill(pilot, "start", "2025-12-01")  # the end is right once the start is earlier
        await settle(pilot)
        assert error_of(pilot, "end") == ""
        control(pilot, "format").value = "lecture"
        await settle(pilot)
        assert error_of(pilot, "format") == ""
        assert plain(pilot.app.screen.query_one("#form-status").content).strip() == ""


async def test_the_volunteer_form_drops_old_mobile_and_id_messages(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        form = await jump_to_new_volunteer(pilot)
        await fill(pilot, "name", "王小明")
        await fill(pilot, "mobile", "12012345678")
        await fill(pilot, "id_number", "370281198203125832")
        await press(pilot, "ctrl+s")
        assert "校验位不符" in error_of(pilot, "id_number")
        assert "11 位" in error_of(pilot, "mobile")
        await fill(pilot, "id_number", "11010519491231002X")
        await settle(pilot)
        assert form.query_one("#id-reading").display, "the live ✓ reading"
        assert error_of(pilot, "id_number") == "", "no old message beside the ✓"
        assert "11 位" in error_of(pilot, "mobile")
        await fill(pilot, "mobile", "139 8765 4321")
        await settle(pilot)
        assert error_of(pilot, "mobile") == ""


async def jump_to_new_volunteer(pilot) -> VolunteerFormScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, "ljl")
    await press(pilot, "V")
    assert isinstance(pilot.app.screen, VolunteerFormScreen)
    return pilot.app.screen


async def test_a_refusal_only_saving_finds_stays_until_its_field_changes(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        [(mobile,)] = connection.execute(
            "SELECT v.mobile FROM volunteer v JOIN region r ON r.id = v.region_id "
            "WHERE r.name = '刘家岭村' AND v.mobile IS NOT NULL ORDER BY v.id LIMIT 1"
        ).fetchall()
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        form = await jump_to_new_volunteer(pilot)
        await fill(pilot, "name", "另一个人")
        await fill(pilot, "mobile", mobile)
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ChoiceScreen)
        await press(pilot, "k")
        assert "手机号已登记" in error_of(pilot, "mobile", form)
        await fill(pilot, "name", "另一人")  # a check runs: the mobile is still someone's
        await settle(pilot)
        assert "手机号已登记" in error_of(pilot, "mobile"), "still registered to someone else"
        await fill(pilot, "mobile", "13987654321")
        await settle(pilot)
        assert error_of(pilot, "mobile") == ""


async def test_a_filter_date_message_goes_once_the_date_is_one(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await open_list(pilot, "t", LedgerScreen)
        dialog = await open_screen(pilot, "f", LedgerFilterScreen)
        control(pilot, "period").value = "custom"
        await fill(pilot, "from", "2026-13")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is dialog
        assert "看不懂的日期" in error_of(pilot, "from")
        await type_text(pilot, "-1")  # 2026-13-1: still not a date
        assert "2026-13-1" in error_of(pilot, "from")
        await fill(pilot, "from", "2026/5/30")
        assert error_of(pilot, "from") == ""


def stored_drafts() -> list[str]:
    return [d.form for d in db.call(drafts)]


async def test_typing_a_character_and_deleting_it_is_no_change(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        form = await open_activity_form(pilot)
        for name in ("title", "start", "duration", "region", "people_reached"):
            control(pilot, name).focus()
            await press(pilot, "end")
            await type_text(pilot, "x")
            await press(pilot, "backspace")
        assert control(pilot, "region").choice is not None, "the region typed back is chosen"
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush()
        assert stored_drafts() == [], "no draft of a form equal to its original"
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, ChoiceScreen), "nothing to ask about"
        assert pilot.app.screen is not form


async def test_a_draft_typed_back_to_the_record_is_dropped(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "e")
        await press(pilot, "end")
        await type_text(pilot, "x")
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()
    assert stored_drafts() == ["region"]
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await resume_first_draft(pilot, FormScreen)
        assert control(pilot, "name").value == "阜安街道x"
        control(pilot, "name").focus()
        await press(pilot, "end", "backspace")
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HierarchyScreen), "equal to the record: no question"
        assert pilot.app.drafts.flush()
        assert stored_drafts() == []


def test_every_form_says_how_it_is_checked_without_saving() -> None:
    """Without `check_call` a form's messages would stay until the next save."""
    import importlib
    import pkgutil

    import kxtui.screens

    for module in pkgutil.iter_modules(kxtui.screens.__path__):
        importlib.import_module(f"kxtui.screens.{module.name}")
    forms = FormScreen.__subclasses__()
    assert len(forms) >= 5
    unchecked = [form.__name__ for form in forms if form.check_call is FormScreen.check_call]
    assert unchecked == []
