"""The volunteer form, driven with keys like an officer: messages beside the fields, the
ID number read as it is typed, duplicates refused (with the other record one key away) or
asked about, drafts kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kxtui import db
from kxtui.db.drafts import drafts
from kxtui.screens.confirm import ChoiceScreen
from kxtui.screens.form import DRAFT_DELAY
from kxtui.screens.volunteer_form import VolunteerFormScreen
from kxtui.widgets.choice_list import ChoiceList
from tests.app.helpers import (
    control,
    error_of,
    fill,
    jump,
    make_app,
    plain,
    press,
    resume_first_draft,
    settle,
    type_text,
    wait_until,
)

ENDS_IN_X = "11010519491231002X"  # 北京市朝阳区, 1949-12-31, a woman


async def open_form(pilot, village: str = "ljl") -> VolunteerFormScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, village)
    await press(pilot, "V")
    assert isinstance(pilot.app.screen, VolunteerFormScreen)
    return pilot.app.screen


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


async def test_bad_mobile_and_id_number_are_named_beside_them_then_saved(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot)
        assert form.title_text == "新建志愿者（刘家岭村）"
        assert control(pilot, "region").value == "刘家岭村", "pre-filled from the tree"
        await fill(pilot, "name", "王小明")
        await fill(pilot, "mobile", "12012345678")
        await fill(pilot, "id_number", "370281198203125832")
        assert not form.query_one("#id-reading").display, "nothing read from a bad number"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is form
        assert "11 位、以 13–19 开头" in error_of(pilot, "mobile")
        assert "校验位不符" in error_of(pilot, "id_number")
        assert error_of(pilot, "name") == ""
        assert control(pilot, "mobile").value == "12012345678", "nothing typed is lost"

        await fill(pilot, "mobile", "+86 139-8765-4321")
        await fill(pilot, "id_number", ENDS_IN_X.lower())
        await settle(pilot)
        reading = plain(form.query_one("#id-reading").content)
        assert "女 · 1949-12-31 · 北京市朝阳区" in reading
        assert "保存时按身份证号填入性别和出生日期" in reading
        teams = form.query_one("#teams-search")
        teams.focus()
        await type_text(pilot, "阜安街道科技")
        await wait_until(pilot, lambda: bool(teams.suggestions))
        await press(pilot, "enter")
        assert [c.name for c in form.query_one(ChoiceList).chosen] == ["阜安街道科技志愿服务支队"]
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: pilot.app.screen is not form)
    [(volunteer_id, mobile, number, gender, born, joined)] = rows(
        demo_path,
        "SELECT id, mobile, id_number, gender, birth_date, joined_on FROM volunteer "
        "WHERE name = '王小明'",
    )
    assert (mobile, number, gender, born) == ("13987654321", ENDS_IN_X, "female", "1949-12-31")
    assert joined == "2026-11-20", "a new volunteer joins today unless the field says otherwise"
    assert rows(
        demo_path,
        "SELECT t.name FROM team_membership m JOIN team t ON t.id = m.team_id "
        "WHERE m.volunteer_id = ?",
        volunteer_id,
    ) == [("阜安街道科技志愿服务支队",)]
    audit = rows(
        demo_path,
        "SELECT action FROM audit_entry WHERE entity = 'volunteer' AND entity_id = ?",
        volunteer_id,
    )
    assert audit == [("create",)]


async def test_a_duplicate_mobile_is_refused_and_the_other_record_opens(demo_path: Path) -> None:
    [(name, mobile)] = rows(
        demo_path,
        "SELECT v.name, v.mobile FROM volunteer v JOIN region r ON r.id = v.region_id "
        "WHERE r.name = '刘家岭村' ORDER BY v.id LIMIT 1",
    )
    before = rows(demo_path, "SELECT COUNT(*) FROM volunteer")
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "name", "另一个人")
        await fill(pilot, "mobile", f"{mobile[:3]} {mobile[3:7]} {mobile[7:]}")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ChoiceScreen), "offers to open the other record"
        assert error_of(pilot, "mobile", form) == f"手机号已登记：{name}（刘家岭村）"
        await press(pilot, "o")
        await wait_until(
            pilot,
            lambda: (
                isinstance(pilot.app.screen, VolunteerFormScreen) and pilot.app.screen is not form
            ),
        )
        assert pilot.app.screen.title_text == f"编辑志愿者：{name}"
        assert control(pilot, "mobile").value == mobile
        await press(pilot, "escape")  # unchanged: closes without asking
        assert pilot.app.screen is form
        assert control(pilot, "name").value == "另一个人", "what was typed is still there"
    assert rows(demo_path, "SELECT COUNT(*) FROM volunteer") == before


async def test_a_name_that_sounds_the_same_asks_before_saving(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "name", "胡秦")  # 胡琴 lives in 刘家岭村: hú qín both
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ChoiceScreen)
        message = error_of(pilot, "name", form)
        assert "读音相同" in message and "胡琴" in message
        await press(pilot, "y")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, VolunteerFormScreen))
    assert rows(demo_path, "SELECT COUNT(*) FROM volunteer WHERE name = '胡秦'") == [(1,)]


async def test_the_palette_and_a_town_open_the_form_without_a_village(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")  # a town: volunteers live in its villages
        await press(pilot, "ctrl+p")
        await type_text(pilot, "志愿者: 新建")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        assert pilot.app.screen.title_text == "新建志愿者"
        assert control(pilot, "region").value == ""


async def test_escape_keep_leaves_a_draft_that_resumes_after_a_hang_up(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        form = await open_form(pilot)
        await fill(pilot, "name", "半填的志愿者")
        await fill(pilot, "mobile", "139")
        teams = form.query_one("#teams-search")
        for query in ("阜安街道科技", "胶州市科技"):
            teams.focus()
            await type_text(pilot, query)
            await wait_until(pilot, lambda: bool(teams.suggestions))
            await press(pilot, "enter")
        chosen = form.query_one(ChoiceList)
        assert [c.name for c in chosen.chosen] == [
            "阜安街道科技志愿服务支队",
            "胶州市科技志愿服务总队",
        ]
        chosen.lines[0].focus()
        await press(pilot, "ctrl+d")
        assert [c.name for c in chosen.chosen] == ["胶州市科技志愿服务总队"]
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ChoiceScreen), "asks: save, discard, keep editing"
        await press(pilot, "k")
        assert pilot.app.screen is form
        await pilot.pause(DRAFT_DELAY + 0.3)
        assert pilot.app.drafts.flush()
        [draft] = db.call(drafts)
        assert draft.form == "volunteer" and "半填的志愿者" in draft.summary
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        await resume_first_draft(pilot, VolunteerFormScreen)
        assert pilot.app.screen.title_text == "新建志愿者（刘家岭村）"
        assert control(pilot, "name").value == "半填的志愿者"
        assert control(pilot, "mobile").value == "139"
        assert control(pilot, "region").value == "刘家岭村"
        teams = pilot.app.screen.query_one(ChoiceList).chosen
        assert [c.name for c in teams] == ["胶州市科技志愿服务总队"]
