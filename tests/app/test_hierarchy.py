"""The hierarchy screen driven with keys, like an officer would."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from kxtui.db.rows import NodeRef
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.venue_form import VenueFormScreen
from kxtui.widgets.form_field import FormField
from tests.app.helpers import (
    cursor_name,
    detail_text,
    jump,
    make_app,
    notifications,
    plain,
    press,
    settle,
    tree,
    type_text,
    wait_until,
)
from tests.hostile import STORED_NAMES


async def test_counties_load_and_a_town_expands(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        counties = tree(pilot).children_of(None)
        labels = [tree(pilot).label(row).plain for row in counties]
        assert labels[0] == "胶州市 · 4 镇 · 8 街道 · 87 阵地"
        assert labels[1] == "荆州区 · 3 街道 · 17 阵地"
        assert "10,759" in detail_text(pilot)
        await press(pilot, "right")  # expand 胶州市
        towns = [row.name for row in tree(pilot).children_of(counties[0].ref)]
        assert towns[:3] == ["阜安街道", "中云街道", "三里河街道"] and len(towns) == 12
        await press(pilot, "down", "right")  # into 阜安街道, expand it
        assert cursor_name(pilot) == "阜安街道"
        assert tree(pilot).children_of(tree(pilot).cursor_row.ref), "villages and venues loaded"
        assert detail_text(pilot).startswith("胶州市 › \n阜安街道")


async def test_jump_finds_by_initials_pinyin_and_characters(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for query, expected in (
            ("fajd", "阜安街道"),
            ("jiaozhou", "胶州市"),
            ("通会桥", "通会桥社区"),
        ):
            await jump(pilot, query)
            assert cursor_name(pilot) == expected, query
        line = tree(pilot).cursor_line
        assert line.parent is not None and tree(pilot).is_expanded(line.parent)
        assert detail_text(pilot).startswith("荆州区 › 西城街道 › \n通会桥社区")


async def test_venue_form_keeps_input_on_error_then_saves(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "v")
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen)
        phone = form.query_one("#field-phone", FormField)
        phone.control.focus()
        await type_text(pilot, "12345")
        await press(pilot, "ctrl+s")
        invalid = {f.field for f in form.query(FormField) if f.has_class("-invalid")}
        assert invalid == {"name", "type", "phone"}
        assert "电话号码格式不对" in plain(phone.query_one(".field-error").content)
        assert phone.control.value == "12345", "nothing typed is lost"
        assert pilot.app.screen is form

        phone.control.value = ""
        name = form.query_one("#field-name", FormField).control
        name.focus()
        await type_text(pilot, "阜安科技馆")
        form.query_one("#field-type", FormField).control.focus()
        await press(pilot, "enter", "down", "down", "enter")  # open; skip the blank; 2nd type
        assert form.query_one("#field-type", FormField).control.value == "tech_courtyard"
        await press(pilot, "ctrl+s")
        assert not isinstance(pilot.app.screen, VenueFormScreen)
        assert cursor_name(pilot) == "阜安科技馆"
        assert "科技小院" in detail_text(pilot)


async def test_keys_typed_with_the_opening_key_land_in_the_first_field(demo_path: Path) -> None:
    """ "v" and the name after it in one packet (a fast typist, a laggy line): none is lost."""
    from textual import events

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for character in "v阜安":
            pilot.app.post_message(events.Key(character, character))
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, VenueFormScreen)
        assert form.query_one("#field-name", FormField).control.value == "阜安"


async def test_escape_with_changes_asks_before_discarding(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "v")
        await type_text(pilot, "半填的阵地")
        await press(pilot, "escape")
        assert "放弃" in plain(pilot.app.screen.query_one("Static").content)
        await press(pilot, "escape")  # keep editing
        assert isinstance(pilot.app.screen, VenueFormScreen)
        assert pilot.app.screen.query_one("#field-name", FormField).control.value == "半填的阵地"


async def test_delete_is_refused_with_counts(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "d")
        message = notifications(pilot)[-1]
        assert message.startswith("不能删除") and "个下级区域" in message
        assert cursor_name(pilot) == "阜安街道"


async def test_empty_venue_is_deleted_after_confirmation(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "v")
        await type_text(pilot, "临时阵地")
        pilot.app.screen.query_one("#field-type", FormField).control.value = "science_park"
        await press(pilot, "ctrl+s")
        assert cursor_name(pilot) == "临时阵地"
        await press(pilot, "d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "enter")  # the dialog's focus starts on 取消: nothing happens
        assert cursor_name(pilot) == "临时阵地"
        await press(pilot, "d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "y")
        assert cursor_name(pilot) == "阜安街道"
        assert any("已删除" in m for m in notifications(pilot))


async def test_read_only_database_shows_a_banner_and_refuses_writes(demo_path: Path) -> None:
    os.chmod(demo_path, 0o444)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        banner = pilot.app.screen.query_one("#read-only-banner")
        assert "只读" in plain(banner.content)
        await press(pilot, "v")
        assert not isinstance(pilot.app.screen, VenueFormScreen)
        assert "只读" in notifications(pilot)[-1]


async def test_hostile_stored_names_are_shown_literally(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        town = connection.execute("SELECT id, path FROM region WHERE name='阜安街道'").fetchone()
        for index, name in enumerate(STORED_NAMES):
            connection.execute(
                "INSERT INTO venue (region_id, name, type, pinyin, initials, contact, phone,"
                " address, sort_order, created_at, created_by, updated_at, updated_by, version,"
                " six_organisation, six_organisation_note, six_rules, six_rules_note, six_site,"
                " six_site_note, six_medium, six_medium_note, six_activities,"
                " six_activities_note, six_feature, six_feature_note)"
                " VALUES (?, ?, 'science_park', 'x', 'x', ?, '', ?, ?, '2026-01-01', 't',"
                " '2026-01-01', 't', 1, 1, '', 1, '', 1, '', 1, '', 1, '', 0, ?)",
                (town[0], name, name, name, 100 + index, name),
            )
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "right")
        rows = tree(pilot).children_of(tree(pilot).cursor_row.ref)
        venues = [row for row in rows if row.ref.kind == "venue"]
        shown = [tree(pilot).label(row).plain for row in venues]
        assert any("[/]" in label for label in shown)
        assert any("[@click=app.quit]x" in label for label in shown)
        assert not any("\x1b" in label or "\x9b" in label for label in shown)
        for row in venues[-len(STORED_NAMES) :]:
            tree(pilot).move_cursor_to(row.ref)
            await settle(pilot)
            assert "\x1b" not in detail_text(pilot)
        assert pilot.app.is_running


async def test_english_interface(demo_path: Path) -> None:
    async with make_app(demo_path, language="en").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = {b.binding.description for b in pilot.app.screen.active_bindings.values()}
        assert {"Jump", "New venue", "Delete", "Quit"} <= keys
        assert "Villages/communities" in detail_text(pilot)
        county = tree(pilot).children_of(None)[0]
        assert tree(pilot).label(county).plain.startswith("胶州市 · 4 towns")


async def test_empty_database_invites_a_first_county(tmp_path: Path) -> None:
    async with make_app(tmp_path / "new.db").run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "按 a 新建县" in detail_text(pilot)
        await press(pilot, "a")
        await type_text(pilot, "胶州市")
        await press(pilot, "ctrl+s")
        assert cursor_name(pilot) == "胶州市"
        assert tree(pilot).cursor_row.ref == NodeRef("region", 1)
