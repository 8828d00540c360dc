"""The activity form at 80×24 from the keyboard: an activity with five volunteers, each with
their own hours, logged from the hierarchy screen in at most 45 keys."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from kxtui import db
from kxtui.db import activities
from kxtui.screens.activity_form import ActivityFormScreen
from tests.app.helpers import jump, make_app, press, settle, wait_until

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
        found = [db.call(activities.find_volunteers, form._region_id(), q)[0] for q in QUERIES]
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
