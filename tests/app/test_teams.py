"""The team tree and the volunteer opened from the roster, driven with keys like an officer,
against SQL written here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kxtui.screens.roster import RosterScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.history_table import ServiceHistoryTable
from kxtui.widgets.team_tree import TeamTree
from tests.app.helpers import (
    control,
    fill,
    make_app,
    open_list,
    open_screen,
    plain,
    press,
    settle,
    wait_until,
)

# members of a team and of every team below it, each once
TEAM_MEMBERS = """WITH RECURSIVE below(id) AS (SELECT ? UNION ALL
  SELECT t.id FROM team t JOIN below b ON t.parent_id = b.id)
  SELECT DISTINCT m.volunteer_id FROM team_membership m WHERE m.team_id IN below"""


def query(path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def team_tree(pilot) -> TeamTree:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one(TeamTree)


async def test_team_tree_expands_and_enter_opens_the_roster_of_the_team(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await open_list(pilot, "T", TeamTreeScreen)  # the county 胶州市 is selected at start
        tree = team_tree(pilot)
        [(general_id, general)] = query(
            demo_path, "SELECT t.id, t.name FROM team t WHERE parent_id IS NULL AND region_id = 1"
        )
        [top] = tree.children_of(None)
        assert (top.ref.id, top.name) == (general_id, general)
        members = len(query(demo_path, TEAM_MEMBERS, (general_id,)))
        assert top.members == members
        assert tree.label(top).plain.startswith(f"{general} · {members:,} 人 · 本年 ")

        await press(pilot, "right", "down")  # expand the 总队, onto its first 支队
        branch = tree.cursor_row
        (first,) = query(
            demo_path,
            "SELECT id FROM team WHERE parent_id = ? ORDER BY sort_order, pinyin LIMIT 1",
            (general_id,),
        )
        assert branch.ref.id == first[0] and tree.is_expanded(top.ref)
        await press(pilot, "right", "down")  # its first 领域分队
        division = tree.cursor_row
        assert tree.cursor_line.parent == branch.ref

        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        roster = pilot.app.screen
        await press(pilot, "down")  # from its search field to its rows
        expected = {i for (i,) in query(demo_path, TEAM_MEMBERS, (division.ref.id,))}
        assert roster.table.total == len(expected) == division.members
        table, shown = roster.table, set()
        while True:  # page down to the last row, gathering the rows in view (the table keeps
            top = table.scroll_offset.y  # only a window of pages)
            visible = range(top, min(top + table.size.height, table.total))
            shown |= {table._rows[i].id for i in visible}
            if table.cursor >= table.total - 1:
                break
            await press(pilot, "pagedown")
        assert shown == expected
        filter_line = plain(roster.query_one("#roster-filter").content)
        assert filter_line.startswith(division.name)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, TeamTreeScreen)


async def test_a_region_without_teams_says_so_and_the_palette_offers_the_tree(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "志愿者: 团队" in commands
        await press(pilot, "right", "down", "right", "down")  # 胶州市 › 阜安街道 › a village
        village = pilot.app.screen.region_tree.cursor_row.name
        screen = await open_screen(pilot, "T", TeamTreeScreen)
        assert not team_tree(pilot).lines
        assert plain(screen.query_one("#teams-note").content).strip() == f"{village}没有志愿服务队"


async def test_enter_opens_the_volunteer_whose_edit_the_roster_then_shows(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        roster = await open_list(pilot, "m", RosterScreen)
        await press(pilot, "s")  # by total hours: the first has served most
        await settle(pilot)
        volunteer = roster.table.cursor_row
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        form = pilot.app.screen
        assert volunteer.name in plain(form.query_one("#form-title").content)
        assert control(pilot, "name").value == volunteer.name

        await press(pilot, "f3")  # the service history
        history = form.query_one(ServiceHistoryTable)
        assert history.has_focus
        served = query(
            demo_path,
            "SELECT a.start_date, a.title, s.hours FROM service_record s JOIN activity a "
            "ON a.id = s.activity_id WHERE s.volunteer_id = ? AND a.deleted_at IS NULL "
            "ORDER BY a.start_date DESC, a.id DESC",
            (volunteer.id,),
        )
        assert history.total == len(served) > 3
        rows = [history._rows[i] for i in range(history.total)]
        assert [(r.start_date.isoformat(), r.title, float(r.hours)) for r in rows] == served
        line = history.render_line(0).text
        assert line.startswith(served[0][0]) and served[0][1][:5] in line

        await press(pilot, "f4")  # the teams, each with its path
        teams = plain(form.query_one("#memberships").content)
        assert "科技志愿服务总队 › " in teams and " 加入" in teams

        await press(pilot, "f2")
        assert control(pilot, "name").has_focus
        await press(pilot, "end", *"乙", "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is roster)
        await settle(pilot)
        assert roster.table.cursor_row.name == volunteer.name + "乙"
        assert query(demo_path, "SELECT name FROM volunteer WHERE id = ?", (volunteer.id,)) == [
            (volunteer.name + "乙",)
        ]
        [(action,)] = query(
            demo_path,
            "SELECT action FROM audit_entry WHERE entity = 'volunteer' AND entity_id = ?",
            (volunteer.id,),
        )
        assert action == "update"


async def test_a_volunteer_who_never_served_has_no_history_table(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        roster = await open_list(pilot, "m", RosterScreen)
        await press(pilot, "s", "end")  # by total hours: the last has served least
        await settle(pilot)
        assert roster.table.cursor_row.hours_total == 0
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        await press(pilot, "f3")
        form = pilot.app.screen
        assert plain(form.query_one("#history-summary").content).strip() == "服务记录：还没有"
        assert not form.query_one(ServiceHistoryTable).display
        await press(pilot, "escape")  # nothing changed: the form closes without asking
        assert pilot.app.screen is roster


async def test_a_conflicting_save_rebuilds_the_panes_and_keeps_mine(demo_path: Path) -> None:
    """Someone saves the volunteer while I edit them: the form reloads their save with its
    panes, the dialog compares, and keeping mine saves over theirs."""
    from kxtui.screens.conflict import ConflictScreen

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        roster = await open_screen(pilot, "m", RosterScreen)
        volunteer = roster.table.cursor_row
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        form = pilot.app.screen
        await fill(pilot, "skills", "心肺复苏")
        [(version,)] = query(
            demo_path, "SELECT version FROM volunteer WHERE id = ?", (volunteer.id,)
        )
        with sqlite3.connect(demo_path) as connection:  # their save, through another connection
            connection.execute(
                "UPDATE volunteer SET notes = '他人修改', version = version + 1,"
                " updated_by = 'li' WHERE id = ?",
                (volunteer.id,),
            )
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        assert form.query_one(ServiceHistoryTable).total == form.existing.activities
        await press(pilot, "m")  # keep mine
        await wait_until(pilot, lambda: pilot.app.screen is roster)
        assert query(
            demo_path, "SELECT skills, version FROM volunteer WHERE id = ?", (volunteer.id,)
        ) == [("心肺复苏", version + 2)]
