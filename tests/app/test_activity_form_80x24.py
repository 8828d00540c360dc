"""The activity form at 80×24, from the keyboard: suggestions in view, five volunteers with
their own hours in at most 45 keys from the tree, a second record of the same activity asked
about first."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from kxtui import db
from kxtui.db import volunteer_search
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.confirm import ChoiceScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.service_list import ServiceRow
from tests.app.helpers import (
    control,
    fill,
    fully_shown,
    jump,
    make_app,
    press,
    settle,
    type_text,
    wait_until,
)

KEY_LIMIT = 45
TITLE = "科普讲座"
QUERIES = ("wj", "zw", "lj", "wf", "zy")  # initials, the first suggestion taken each time
HOURS = ("1", "2", "1.5", "0.5", "1.2")  # typed over the default (the activity's 2 hours)


def key_path() -> list[str]:
    """From the tree with a venue selected (43 keys):
    l                                       1  the form, at the venue, starting today
    科 普 讲 座                             4  活动名称
    Tab Tab                                 2  over 开始日期 (today) to 活动形式
    Enter ↓ Enter                           3  活动形式: 集中授课
    Tab Tab                                 2  over 时长 (2) to the volunteers' search
    w j Enter 1 Enter                       5  the first suggestion for "wj", 1 hour
    z w Enter 2 Enter                       5
    l j Enter 1 . 5 Enter                   7
    w f Enter 0 . 5 Enter                   7
    z y Enter 1 . 2                         5  (no Enter back to the search: the last one)
    Ctrl+S                                  1  save
    """
    keys = ["l", *TITLE, "tab", "tab", "enter", "down", "enter", "tab", "tab"]
    for number, (query, hours) in enumerate(zip(QUERIES, HOURS, strict=True), start=1):
        keys += [*query, "enter", *hours]
        if number < len(QUERIES):
            keys.append("enter")  # back to the search for the next one
    return [*keys, "ctrl+s"]


async def test_five_volunteers_with_their_own_hours_in_at_most_45_keys(demo_path: Path) -> None:
    keys = key_path()
    assert len(keys) == 43 <= KEY_LIMIT
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "阜安街道科普活动中心")  # the venue selected in the tree
        await press(pilot, keys[0])
        form = pilot.app.screen
        assert isinstance(form, ActivityFormScreen)
        venue_id = form.venue_choice.id  # type: ignore[union-attr]
        where = (form._region_id(), *form._venue_and_team())
        found = [
            db.call(volunteer_search.find_volunteers, where[0], q, *where[1:])[0] for q in QUERIES
        ]
        assert len({v.id for v in found}) == len(QUERIES), "five different people"
        await press(pilot, *keys[1:])
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
    with sqlite3.connect(demo_path) as connection:
        activity_id, venue, start, activity_format = connection.execute(
            "SELECT id, venue_id, start_date, format FROM activity WHERE title = ?", (TITLE,)
        ).fetchone()
        served = connection.execute(
            "SELECT volunteer_id, hours FROM service_record WHERE activity_id = ? ORDER BY id",
            (activity_id,),
        ).fetchall()
    assert (venue, start, activity_format) == (venue_id, "2026-11-20", "lecture")
    assert [(v, Decimal(str(h))) for v, h in served] == [
        (volunteer.id, Decimal(hours)) for volunteer, hours in zip(found, HOURS, strict=True)
    ]


async def test_wj_shows_its_suggestions_on_screen_and_enter_adds_the_highlighted_one(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await press(pilot, "l")
        search = pilot.app.screen.query_one("#service-search", ChoiceInput)
        search.focus()
        await type_text(pilot, "wj")
        options = search.query_one("OptionList")
        assert search.has_class("-open") and fully_shown(options)
        await press(pilot, "down")
        highlighted = search.suggestions[1]
        await press(pilot, "enter")
        rows = list(pilot.app.screen.query(ServiceRow))
        assert [row.choice for row in rows] == [highlighted]
        assert pilot.app.focused is rows[0].hours_input, "on to its hours"
        assert fully_shown(rows[0]) and fully_shown(pilot.app.focused)
        await press(pilot, "3")
        assert rows[0].hours_input.value == "3", "typing replaces the default hours"
        await press(pilot, "enter")
        assert pilot.app.focused is search.query_one("Input"), "back to the search"


async def test_the_same_activity_again_asks_first_naming_the_one_saved(demo_path: Path) -> None:
    async def log(pilot) -> None:  # type: ignore[no-untyped-def]
        await press(pilot, "l")
        await fill(pilot, "title", "重复的讲座")
        control(pilot, "format").value = "lecture"
        await press(pilot, "ctrl+s")

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump(pilot, "阜安街道科普活动中心")
        await log(pilot)
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
        with sqlite3.connect(demo_path) as connection:
            (first,) = connection.execute(
                "SELECT id FROM activity WHERE title = '重复的讲座'"
            ).fetchone()
        await log(pilot)
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        question = pilot.app.screen.question  # type: ignore[attr-defined]
        assert f"重复的讲座（编号 {first}）" in question and "阜安街道科普活动中心" in question
        await press(pilot, "n")
        assert isinstance(pilot.app.screen, ActivityFormScreen), "back to the form, unsaved"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))
        await press(pilot, "y")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
    with sqlite3.connect(demo_path) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM activity WHERE title = '重复的讲座'"
        ).fetchone()
    assert count == 2, "saved once confirmed"
