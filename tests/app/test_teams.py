"""The team tree and the volunteer opened from the roster, driven with keys like an officer,
against SQL written here."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Static

from kxtui import db
from kxtui.db import team_writes
from kxtui.db.engine import scope
from kxtui.db.rows import TeamInput
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.conflict import ConflictScreen
from kxtui.screens.form import DRAFT_DELAY
from kxtui.screens.roster import RosterScreen
from kxtui.screens.team_form import TeamFormScreen, TeamMoveScreen
from kxtui.screens.team_members import TeamMembersScreen
from kxtui.screens.teams import TeamTreeScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.history_table import ServiceHistoryTable
from kxtui.widgets.member_list import MemberList
from kxtui.widgets.team_tree import TeamTree
from tests.app.helpers import (
    control,
    fill,
    make_app,
    notifications,
    open_list,
    open_screen,
    plain,
    press,
    resume_first_draft,
    settle,
    type_text,
    wait_until,
)
from tests.app.test_write_keys import (
    READ_ONLY_ACCOUNT,
    VIEWER,
    palette_commands,
    refused_keys,
    town_officer,
)
from tests.conftest import LI

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
        filter_line = plain(roster.query_one("#list-filter").content)
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
        summary = plain(form.query_one("#history-summary").content).strip()
        assert summary == "服务记录：还没有\n星级：无星级　距下一星级还差 100 小时"  # stars too
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


# -- managing teams from the tree -------------------------------------------------------

DIVISION = "阜安街道健康领域分队"
NEW_UNDER_DIVISION = f"新建队伍 · 上级：{DIVISION}"


async def on_division(pilot) -> TeamTreeScreen:  # type: ignore[no-untyped-def]
    """The team tree of 胶州市 with the cursor on 阜安街道's health division."""
    screen = await open_list(pilot, "T", TeamTreeScreen)
    await press(pilot, "right", "down", "right")  # the 总队 open, on 阜安街道's 支队, open
    await settle(pilot)
    await press(pilot, "down")
    assert team_tree(pilot).cursor_row.name == DIVISION
    return screen


async def saved_back(pilot, key: str = "ctrl+s") -> None:  # type: ignore[no-untyped-def]
    await press(pilot, key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamTreeScreen))
    await settle(pilot)


def team_row(path: Path, name: str) -> tuple:
    [row] = query(
        path,
        "SELECT t.id, t.level, t.domain, p.name, t.dissolved_at FROM team t"
        " LEFT JOIN team p ON p.id = t.parent_id WHERE t.name = ?",
        (name,),
    )
    return row


def audit_actions(path: Path, team_id: int) -> list[str]:
    sql = "SELECT action FROM audit_entry WHERE entity = 'team' AND entity_id = ? ORDER BY id"
    return [action for (action,) in query(path, sql, (team_id,))]


async def test_a_team_is_added_edited_moved_and_dissolved_with_the_tree_keys(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await press(pilot, "a")  # under the selected team
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        form = pilot.app.screen
        assert (
            plain(form.query_one("#form-title").content).strip() == f"新建队伍 · 上级：{DIVISION}"
        )
        assert control(pilot, "level").value == "professional"  # the level below a 领域分队
        assert control(pilot, "domain").value == "health"  # and its parent's domain
        assert control(pilot, "region").value == "阜安街道"
        await type_text(pilot, "阜安街道义诊专业队")
        await saved_back(pilot)
        tree = team_tree(pilot)
        assert tree.cursor_row.name == "阜安街道义诊专业队"  # the cursor on the new team
        team_id, level, domain, parent, _ = team_row(demo_path, "阜安街道义诊专业队")
        assert (level, domain, parent) == ("professional", "health", DIVISION)

        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        await fill(pilot, "name", "阜安街道巡回义诊专业队")
        await saved_back(pilot)
        assert tree.cursor_row.ref.id == team_id
        assert tree.cursor_row.name == "阜安街道巡回义诊专业队"

        await press(pilot, "y")  # under the education division, found by its initials
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamMoveScreen))
        await press(pilot, "ctrl+u")
        await type_text(pilot, "fajdjy")
        await settle(pilot)
        await press(pilot, "enter")
        await saved_back(pilot)
        assert tree.cursor_row.ref.id == team_id
        assert tree.children_of(tree.cursor_line.parent)  # its new parent is open
        assert team_row(demo_path, "阜安街道巡回义诊专业队")[3] == "阜安街道教育领域分队"

        await press(pilot, "d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        question = plain(pilot.app.screen.query_one(Static).content)
        assert "其 0 名队员退出该队，志愿者档案和服务时长保留" in question
        await saved_back(pilot, "y")
        assert team_row(demo_path, "阜安街道巡回义诊专业队")[4] is not None  # kept, dissolved
        assert tree.cursor_row.name == "阜安街道教育领域分队"
        assert team_id not in {line.row.ref.id for line in tree.lines}
        assert audit_actions(demo_path, team_id) == ["create", "update", "update", "dissolve"]


async def test_members_join_and_leave_from_the_tree(demo_path: Path) -> None:
    [(division_id,)] = query(demo_path, "SELECT id FROM team WHERE name = ?", (DIVISION,))
    members = {i for (i,) in query(
        demo_path, "SELECT volunteer_id FROM team_membership WHERE team_id = ?", (division_id,)
    )}  # fmt: skip
    [(newcomer, name)] = query(
        demo_path,
        "SELECT v.id, v.name FROM volunteer v WHERE v.active AND v.region_id IN"
        " (SELECT id FROM region WHERE path LIKE (SELECT path FROM region WHERE name = '阜安街道')"
        " || '%') AND (SELECT COUNT(*) FROM volunteer w WHERE w.name = v.name) = 1"
        f" AND v.id NOT IN ({','.join(map(str, members))}) ORDER BY v.id LIMIT 1",
    )
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await press(pilot, "j")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamMembersScreen))
        listed = pilot.app.screen.query_one(MemberList)
        assert {c.id for c in listed.chosen} == members
        await type_text(pilot, name)
        await settle(pilot)
        await press(pilot, "enter")
        assert listed.chosen[0].id == newcomer  # at the top, where it is seen
        await press(pilot, "tab", "down", "down")  # into the list, on the second member
        leaving = listed.chosen[1]
        await press(pilot, "ctrl+d")
        assert leaving not in listed.chosen and len(listed.chosen) == len(members)
        await saved_back(pilot)
        assert team_tree(pilot).cursor_row.ref.id == division_id
    now = {i for (i,) in query(
        demo_path, "SELECT volunteer_id FROM team_membership WHERE team_id = ?", (division_id,)
    )}  # fmt: skip
    assert now == members - {leaving.id} | {newcomer}
    changes = query(
        demo_path, "SELECT changes FROM audit_entry WHERE entity = 'team' ORDER BY id DESC LIMIT 1"
    )[0][0]
    assert json.loads(changes) == {
        "joined": [None, name], "joined_ids": [None, [newcomer]],
        "left": [leaving.name, None], "left_ids": [[leaving.id], None],
    }  # fmt: skip


async def test_a_team_with_teams_below_is_not_dissolved_nor_a_general_team_moved(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await press(pilot, "up")  # 阜安街道's 支队, with its four divisions
        await press(pilot, "d")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TeamTreeScreen)
        assert notifications(pilot)[-1] == "其下还有 4 支队伍：请先解散或移走它们"
        await press(pilot, "up", "y")  # the 总队: no team is above it
        await settle(pilot)
        assert isinstance(pilot.app.screen, TeamTreeScreen)
        assert notifications(pilot)[-1] == "总队是最高一级，不能移到别的队伍下"


TEAM_WRITES = {"a": "add_team", "e": "edit_team", "j": "members", "y": "move_team",
               "d": "dissolve_team"}  # fmt: skip


async def test_a_viewer_cannot_and_a_town_officer_only_in_their_town(demo_path: Path) -> None:
    scope.sign_in(VIEWER)
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await refused_keys(pilot, TEAM_WRITES, READ_ONLY_ACCOUNT)
        offered = palette_commands(pilot)
        assert offered["志愿服务队: 解散（不可用）"] == READ_ONLY_ACCOUNT
    scope.sign_in(town_officer(demo_path))
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)  # a team of their own town
        assert all(pilot.app.screen.active_bindings[key].enabled for key in TEAM_WRITES)
        assert "志愿服务队: 移动" in palette_commands(pilot)
        await press(pilot, "down", "down", "down", "down")  # the next town's 支队
        assert team_tree(pilot).cursor_row.name == "中云街道科技志愿服务支队"
        reason = "不在您的编辑范围（胶州市/阜安街道）"
        await refused_keys(pilot, {k: v for k, v in TEAM_WRITES.items() if k != "a"}, reason)


async def test_two_officers_editing_one_team_see_the_conflict(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        team = pilot.app.screen.existing

        def their_save() -> None:
            data = TeamInput("阜安街道卫生健康领域分队", team.level, "health", team.region.id, None)
            team_writes.update_team(team.id, team.version, data)

        with monkeypatch.context() as patch:
            patch.setattr(scope, "_current", {"session": LI})
            db.call(their_save)
        await fill(pilot, "name", "阜安街道健康服务领域分队")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConflictScreen))
        shown = {f.caption: (f.mine, f.theirs) for f in pilot.app.screen.fields}
        assert shown["名称"] == ("阜安街道健康服务领域分队", "阜安街道卫生健康领域分队")


async def test_a_half_typed_team_is_kept_as_a_draft_and_resumed(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await on_division(pilot)
        await press(pilot, "a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        await type_text(pilot, "半填的专业队")
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush()
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await resume_first_draft(pilot, TeamFormScreen)
        form = pilot.app.screen
        assert control(pilot, "name").value == "半填的专业队"
        assert (
            plain(form.query_one("#form-title").content).strip() == f"新建队伍 · 上级：{DIVISION}"
        )


async def test_a_team_found_by_its_initials_is_edited_with_the_tree_keys(demo_path: Path) -> None:
    """The team tree's search and its keys together: ↓ from the field to the teams found,
    where e edits the highlighted one."""
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        teams = await open_screen(pilot, "T", TeamTreeScreen)
        await type_text(pilot, "fajdjk")
        assert [team.name for team in teams.found_teams] == [DIVISION]
        await press(pilot, "down", "e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TeamFormScreen))
        assert pilot.app.screen.existing.name == DIVISION
