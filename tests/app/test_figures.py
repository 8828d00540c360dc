"""Figures that agree on the hierarchy screen: the refusal to delete a town counts what the
detail pane counts, a village with no venues says so, and 有活动 comes from the ledger."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from textual.widgets import Checkbox

from kxtui.screens.venue_form import VenueFormScreen
from kxtui.widgets.form_field import FormField
from tests.app.helpers import (
    cursor_name,
    detail_text,
    jump,
    make_app,
    notifications,
    press,
    settle,
    wait_until,
)


def figure(text: str, caption: str) -> int:
    match = re.search(rf"{caption}\s+([\d,]+)", text)
    assert match, f"{caption} not in {text}"
    return int(match.group(1).replace(",", ""))


async def test_the_refusal_to_delete_a_town_counts_what_its_detail_shows(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await jump(pilot, "jlz")
        assert cursor_name(pilot) == "胶莱镇"
        shown = detail_text(pilot)
        venues, volunteers = figure(shown, "阵地"), figure(shown, "科技志愿者")
        assert venues > 2 and volunteers > 0
        await press(pilot, "d")
        await wait_until(pilot, lambda: bool(notifications(pilot)))
        message = notifications(pilot)[-1]
        assert message.startswith("不能删除")
        assert f"{venues} 个阵地" in message and f"{volunteers:,} 名志愿者" in message
        assert cursor_name(pilot) == "胶莱镇"


async def test_a_village_without_venues_says_so(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        [(name,)] = connection.execute(
            "SELECT name FROM region r WHERE kind IN ('village', 'community') AND NOT EXISTS"
            " (SELECT 1 FROM venue v JOIN region x ON x.id = v.region_id"
            "  WHERE x.path LIKE r.path || '%') ORDER BY id LIMIT 1"
        ).fetchall()
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, name)
        assert cursor_name(pilot) == name
        shown = detail_text(pilot)
        assert "无阵地" in shown and "所有阵地均达到六有标准" not in shown


async def test_the_venue_form_shows_activities_from_the_ledger_not_a_tick(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "v")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VenueFormScreen))
        field = pilot.app.screen.query_one("#field-six_activities_note", FormField)
        box = field.control
        assert isinstance(box, Checkbox) and box.disabled and not box.value
        assert "有活动（台账）" in str(box.label)
        rules = pilot.app.screen.query_one("#field-six_rules_note", FormField).control
        assert not rules.disabled
