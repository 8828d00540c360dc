"""The activity form and the ledger, driven with keys like an officer."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kxtui import db
from kxtui.db import find
from kxtui.screens.activity_form import ActivityFormScreen
from kxtui.screens.confirm import ChoiceScreen, ConfirmScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.service_list import ServiceList, ServiceRow
from tests.app.helpers import (
    control,
    error_of,
    fill,
    jump,
    make_app,
    notifications,
    open_list,
    plain,
    press,
    resume_first_draft,
    settle,
    type_text,
    wait_until,
)


async def open_form(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await jump(pilot, "fajd")
    await press(pilot, "l")
    assert isinstance(pilot.app.screen, ActivityFormScreen)


async def test_every_bad_field_is_named_beside_it_and_nothing_typed_is_lost(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        assert control(pilot, "region").value == "阜安街道", "pre-filled from the tree"
        await fill(pilot, "start", "2026-13-40")
        await fill(pilot, "end", "2026-01-01")
        await fill(pilot, "duration", "0")
        await fill(pilot, "people_reached", "很多")
        await fill(pilot, "materials", "-5")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen)
        assert error_of(pilot, "title") == "必填"
        assert "看不懂的日期" in error_of(pilot, "start")
        assert error_of(pilot, "format") == "必填"
        assert "大于 0" in error_of(pilot, "duration")
        assert "非负整数" in error_of(pilot, "people_reached")
        assert "非负整数" in error_of(pilot, "materials")
        assert control(pilot, "start").value == "2026-13-40", "nothing typed is lost"
        await fill(pilot, "start", "2026-02-01")
        await press(pilot, "ctrl+s")
        assert "早于开始日期" in error_of(pilot, "end")


async def test_log_an_activity_with_volunteers_and_confirm_the_odd_hours(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        await fill(pilot, "title", "科普讲座进社区测试")
        await fill(pilot, "start", "昨天")
        shown = plain(pilot.app.screen.query_one("#start-parsed").content)
        assert "2026-11-19" in shown, "the parsed date is shown"
        control(pilot, "format").value = "lecture"
        await fill(pilot, "people_reached", "120")
        search = pilot.app.screen.query_one("#service-search", ChoiceInput)
        search.focus()
        await type_text(pilot, "zw")
        await wait_until(pilot, lambda: bool(search.suggestions))
        first = search.suggestions[0]
        await press(pilot, "enter")
        rows = pilot.app.screen.query(ServiceRow)
        assert [r.choice.name for r in rows] == [first.name]
        assert rows.first().hours_input.value == "2", "the activity's duration by default"
        pilot.app.screen.query_one(ServiceList).add(first)  # the same person again
        await settle(pilot)
        assert len(pilot.app.screen.query(ServiceRow)) == 1
        assert any("已在名单中" in n for n in notifications(pilot))
        rows.first().hours_input.value = "5"
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ChoiceScreen), "5 h > 2 h asks first"
        await press(pilot, "y")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
        assert not isinstance(pilot.app.screen, ChoiceScreen), pilot.app.screen
    with sqlite3.connect(demo_path) as connection:
        activity_id, start, reach = connection.execute(
            "SELECT id, start_date, people_reached FROM activity WHERE title = ?",
            ("科普讲座进社区测试",),
        ).fetchone()
        assert (start, reach) == ("2026-11-19", 120)
        served = connection.execute(
            "SELECT volunteer_id, hours FROM service_record WHERE activity_id = ?", (activity_id,)
        ).fetchall()
        assert served == [(first.id, 5)]
        audit = connection.execute(
            "SELECT action FROM audit_entry WHERE entity = 'activity' AND entity_id = ?",
            (activity_id,),
        ).fetchall()
        assert audit == [("create",)]


async def test_a_venue_is_saved_only_as_chosen_and_text_naming_none_is_refused(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        await fill(pilot, "title", "选场地测试")
        await fill(pilot, "start", "今天")
        control(pilot, "format").value = "lecture"
        venue = control(pilot, "venue")
        venue.focus()
        await type_text(pilot, "科普")  # part of several names, none chosen
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen), "not saved without its venue"
        assert "请从建议中选择" in error_of(pilot, "venue")
        assert venue.value == "科普", "nothing typed is lost"
        await type_text(pilot, "活动中心")  # 科普活动中心: one venue's name, in part
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen)
        venue.restore_draft({"id": None, "name": "", "text": ""})
        await type_text(pilot, "阜安街道科普活动中心")  # a name typed in full is that venue
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
    assert saved_venue(demo_path, "选场地测试") == "阜安街道科普活动中心"


async def test_enter_then_ctrl_s_typed_before_the_suggestions_arrive_keeps_the_pick(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    find_venues = find.find_venues

    def slowly(*args: Any) -> Any:  # a busy server: the suggestions come after both keys
        time.sleep(0.3)
        return find_venues(*args)

    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        await fill(pilot, "title", "快手测试")
        await fill(pilot, "start", "今天")
        control(pilot, "format").value = "lecture"
        screen = pilot.app.screen
        expected = db.call(find_venues, screen._region_id(), "阜安")[0].name
        monkeypatch.setattr(find, "find_venues", slowly)
        control(pilot, "venue").focus()
        await pilot.press("阜", "安", "enter", "ctrl+s")
        assert isinstance(pilot.app.screen, ActivityFormScreen), "the save waits for the pick"
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, ActivityFormScreen))
    assert saved_venue(demo_path, "快手测试") == expected


def saved_venue(path: Path, title: str) -> str | None:
    with sqlite3.connect(path) as connection:
        (name,) = connection.execute(
            "SELECT v.name FROM activity a LEFT JOIN venue v ON v.id = a.venue_id"
            " WHERE a.title = ?",
            (title,),
        ).fetchone()
        return name


def ledger_totals(pilot) -> str:  # type: ignore[no-untyped-def]
    return plain(pilot.app.screen.query_one("#list-count").content)


def sql_count(path: Path, where: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM activity a JOIN region r ON r.id = a.region_id "
            f"WHERE a.deleted_at IS NULL AND r.path LIKE '/1/%' AND {where}"
        ).fetchone()[0]


async def open_ledger(pilot) -> LedgerScreen:  # type: ignore[no-untyped-def]
    return await open_list(pilot, "t", LedgerScreen)


async def test_the_ledger_opens_with_its_first_page_and_counts_after_it(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`t` shows the ledger once its first page is read (its rows in its first paint), and
    the totals are counted only after that page: the count does not slow the page down."""
    monkeypatch.setattr("kxtui.widgets.paged_table.FIRST_PAGE_WAIT", 10.0)  # a slow machine
    seen: dict[str, object] = {}
    counting = LedgerScreen._count

    def mounted(screen: LedgerScreen) -> None:
        seen["rows at mount"] = len(screen.table._rows)
        describe(screen)

    def count(screen: LedgerScreen) -> None:
        seen["rows when counting"] = len(screen.table._rows)
        counting(screen)

    describe = LedgerScreen.on_mount
    monkeypatch.setattr(LedgerScreen, "on_mount", mounted)
    monkeypatch.setattr(LedgerScreen, "_count", count)
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        shown = min(100, sql_count(demo_path, "a.start_date BETWEEN '2026-01-01' AND '2026-12-31'"))
        assert seen == {"rows at mount": shown, "rows when counting": shown}
        assert ledger_totals(pilot).startswith(f"{screen.table.total:,} 条活动")


async def test_ledger_totals_follow_period_filters_and_search(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_ledger(pilot)
        this_year = sql_count(demo_path, "a.start_date BETWEEN '2026-01-01' AND '2026-12-31'")
        assert ledger_totals(pilot).startswith(f"{this_year:,} 条活动")
        assert screen.table.cursor_row is not None
        await press(pilot, *"pppppp")  # last year, quarter, last quarter, month, last month, all
        assert ledger_totals(pilot).startswith(f"{sql_count(demo_path, '1'):,} 条活动")
        await press(pilot, "f")
        control(pilot, "theme_day").value = "science_day"
        await press(pilot, "ctrl+s")
        assert "主题日：全国科普日" in plain(screen.query_one("#list-filter").content)
        expected = sql_count(demo_path, "a.theme_day = 'science_day'")
        assert ledger_totals(pilot).startswith(f"{expected:,} 条活动")
        await press(pilot, "slash")
        await type_text(pilot, "蒲公英")
        expected = sql_count(demo_path, "a.theme_day = 'science_day' AND a.title LIKE '%蒲公英%'")
        assert ledger_totals(pilot).startswith(f"{expected:,} 条活动")
        assert all("蒲公英" in screen.table._rows[i].title for i in range(expected))


async def test_a_new_filter_never_shows_the_totals_of_the_one_before(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kxtui.db import ledger as ledger_db
    from kxtui.screens import ledger

    totals, page = ledger_db.totals, ledger_db.page
    release = threading.Event()

    def slow_at_first(f: Any) -> Any:  # the opening filter's totals, counting until released
        if not f.text:
            release.wait(5)
        return totals(f)

    def searched(f: Any, **where: Any) -> Any:  # the new filter's first page, read slowly: the
        if f.text:  # opening filter's totals are done before it is painted
            release.set()
            time.sleep(0.3)
        return page(f, **where)

    shown: list[Any] = []
    counted = ledger.LedgerScreen._counted
    monkeypatch.setattr(ledger_db, "totals", slow_at_first)
    monkeypatch.setattr(ledger_db, "page", searched)
    monkeypatch.setattr(
        ledger.LedgerScreen, "_counted", lambda s, t: (shown.append(t), counted(s, t))
    )
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        while not any(w.group == "list-count" for w in pilot.app.workers):
            await pilot.pause(0.02)  # the first filter's page painted, its totals counting
        await pilot.press("科")  # a new filter meanwhile (the search field has the focus)
        await settle(pilot)
        assert len(shown) == 1, "only the new filter's totals are shown"
        assert shown[0] == db.call(totals, pilot.app.screen.filter)
        assert ledger_totals(pilot).startswith(f"{shown[0].activities:,} 条活动")


async def test_delete_from_the_ledger_and_undo(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_ledger(pilot)
        before = screen.table.total
        first = screen.table.cursor_row
        await press(pilot, "down")
        second, line = screen.table.cursor_row, screen.table.cursor
        third = screen.table._rows[line + 1]
        await press(pilot, "d")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await press(pilot, "y")
        await settle(pilot)
        assert screen.table.total == before - 1
        # the cursor stays on its line, now the next row's; the rows above stay
        assert (screen.table.cursor, screen.table.cursor_row) == (line, third)
        assert screen.table._rows[0] == first
        assert second.id not in {r.id for r in screen.table._rows.values()}
        await press(pilot, "u")
        await settle(pilot)
        assert screen.table.total == before
        assert screen.table.cursor_row == third  # the restored row came back above it
        await press(pilot, "up", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityFormScreen))
        assert control(pilot, "title").value == second.title


async def test_ctrl_d_in_the_hours_removes_the_volunteer_and_a_draft_keeps_the_rest(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        search = pilot.app.screen.query_one("#service-search", ChoiceInput)
        for query in ("zw", "lj"):
            search.focus()
            await type_text(pilot, query)
            await wait_until(pilot, lambda: bool(search.suggestions))
            await press(pilot, "enter")
        first, second = pilot.app.screen.query(ServiceRow)
        second.hours_input.value = "3.5"
        first.hours_input.focus()
        await press(pilot, "ctrl+d")
        assert list(pilot.app.screen.query(ServiceRow)) == [second]
        search.focus()
        await type_text(pilot, "ab")
        await press(pilot, "home", "ctrl+d")  # in the search field: its own delete-right
        assert search.value == "b"
        pilot.app.hang_up("SIGHUP")
        await pilot.pause()

    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        await resume_first_draft(pilot, ActivityFormScreen)
        rows = pilot.app.screen.query(ServiceRow)
        assert [(r.choice.id, r.hours_input.value) for r in rows] == [(second.choice.id, "3.5")]
