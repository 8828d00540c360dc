"""People found at the first try, driven with keys: the activity form's volunteer field suggests
exact matches first and, among them, the people of the activity's village; the roster's search
lists exact matches, then prefix matches, then the rest, and sorts names surname by surname."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kxtui.db import volunteers
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region
from kxtui.db.rows import VolunteerInput
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.roster import RosterScreen
from kxtui.widgets.choice_input import ChoiceInput
from tests.app.helpers import jump, make_app, open_screen, press, settle, type_text, wait_until


def add_people(demo_path: Path, people: list[tuple[str, str]]) -> list[int]:
    """Register (name, village) volunteers, as the volunteer form would."""
    open_database(demo_path)
    try:
        return [
            volunteers.create_volunteer(
                VolunteerInput(name, Region.get(Region.name == home).id, confirmed=True)
            )
            for name, home in people
        ]
    finally:
        close_database()


def venue_of(demo_path: Path, village: str) -> str:
    with sqlite3.connect(demo_path) as connection:
        (name,) = connection.execute(
            "SELECT v.name FROM venue v JOIN region r ON r.id = v.region_id WHERE r.name = ?"
            " ORDER BY v.id LIMIT 1",
            (village,),
        ).fetchone()
    return name


async def suggested(demo_path: Path, place: str, typed: str) -> list[int]:
    """Log an activity at `place` (a venue or region jumped to) and type `typed` in the
    volunteer field: the ids suggested, in order."""
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await jump(pilot, place)
        await press(pilot, "l")
        assert isinstance(pilot.app.screen, ActivityFormScreen)
        search = pilot.app.screen.query_one("#service-search", ChoiceInput)
        search.focus()
        await type_text(pilot, typed)
        await wait_until(pilot, lambda: bool(search.suggestions))
        return [choice.id for choice in search.suggestions]


async def test_the_same_name_is_suggested_first_where_the_activity_is(demo_path: Path) -> None:
    # two 王佳 (wj) in two villages of one town, among the demo's many other wj
    here, there = add_people(demo_path, [("王佳", "韩家营村"), ("王佳", "刘家岭村")])
    at_here = await suggested(demo_path, venue_of(demo_path, "韩家营村"), "wj")
    at_there = await suggested(demo_path, "刘家岭村", "wj")
    assert at_here[0] == here and at_there[0] == there
    assert at_here.index(there) > 0 and at_there.index(here) > 0


async def test_exact_initials_are_suggested_before_initials_that_contain_them(
    demo_path: Path,
) -> None:
    zhang, zhao, liu = add_people(demo_path, [("张伟", "韩家营村"), ("赵伟", "韩家营村"),
                                              ("刘泽伟", "韩家营村")])  # fmt: skip
    shown = await suggested(demo_path, venue_of(demo_path, "韩家营村"), "zw")
    assert shown[:2] == [zhang, zhao] and shown.index(liu) > 2


def loaded(roster: RosterScreen) -> list:  # type: ignore[type-arg]
    """The rows the roster's table holds, from the top (all of them, for a short list)."""
    table = roster.table
    assert table.total < 100 and len(table._rows) == table.total
    return [table._rows[i] for i in range(table.total)]


async def test_the_roster_search_lists_exact_matches_first(demo_path: Path) -> None:
    zhang, liu = add_people(demo_path, [("张伟", "韩家营村"), ("刘泽伟", "韩家营村")])
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        roster = await open_screen(pilot, "m", RosterScreen)
        roster.query_one(RosterScreen.SEARCH).focus()
        await type_text(pilot, "zw")
        await settle(pilot)
        rows = loaded(roster)
        tiers = [row.key[0] for row in rows]  # 0 exact, 1 prefix, 2 the rest
        assert tiers == sorted(tiers) and tiers[0] == 0 and tiers[-1] == 2
        ids = [row.id for row in rows]
        assert ids.index(zhang) < tiers.count(0) <= ids.index(liu)
        assert rows[0].name in roster.table.render_line(0).text


async def test_the_roster_sorts_each_surname_together(demo_path: Path) -> None:
    add_people(demo_path, [("陈芬", "韩家营村"), ("程佳雪", "韩家营村"), ("程琳凤", "韩家营村"),
                           ("陈广志", "韩家营村")])  # fmt: skip
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await jump(pilot, "韩家营村")
        roster = await open_screen(pilot, "m", RosterScreen)  # the village's roster
        roster.query_one(RosterScreen.SEARCH).focus()
        await type_text(pilot, "ch")  # 陈 程 常 柴 …: names with a syllable in ch
        await settle(pilot)
        names = [row.name for row in loaded(roster) if row.key[0] == 1]  # pinyin begins ch
        surnames = [name[0] for name in names]
        runs = [s for i, s in enumerate(surnames) if i == 0 or surnames[i - 1] != s]
        assert len(runs) == len(set(runs)), names
        assert runs.index("陈") + 1 == runs.index("程"), names
