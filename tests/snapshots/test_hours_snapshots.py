"""Service hours at 80×24 and 120×36: a volunteer's F3 pane with historical lines (历史), the
star level and the period's totals, and the import dialog of historical hours on a file with
a bad row (seeded demo, frozen clock)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import database
from kxtui.screens.import_history import HistoryImportScreen
from kxtui.screens.roster import RosterScreen
from kxtui.screens.volunteer_form import VolunteerFormScreen
from tests.app.helpers import make_app, press, settle, type_text, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
HEADER = ["姓名", "身份证号", "手机号", "平台ID", "活动(项目)名称", "组织单位", "开始日期",
          "结束日期", "服务时长(小时)", "来源"]  # fmt: skip


def history_file(folder: Path, demo: Path, bad: bool = False) -> Path:
    """Historical hours of the first volunteer of 胶州市 with a mobile (and a row naming no one
    registered when `bad`)."""
    open_database(demo)
    name, mobile = database.execute_sql(
        "SELECT v.name, v.mobile FROM volunteer v JOIN region r ON r.id = v.region_id "
        "WHERE r.path LIKE '/1/%' AND v.mobile IS NOT NULL ORDER BY v.id LIMIT 1"
    ).fetchone()
    close_database()
    rows = [
        [name, "", mobile, "", "2019年全国科普日", "胶州市科协", "2019-09-15", "2019-09-16", "120",
         "纸质台账"],
        [name, "", mobile, "", "社区义诊", "卫健局", "2026-03-01", "", "2.5", "大美志愿平台"],
    ]  # fmt: skip
    if bad:
        rows.append(["无名氏", "", "13900000000", "", "查无此人", "", "2020-01-01", "", "5", ""])
    path = folder / "历史时数.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def imported(demo: Path, tmp_path: Path) -> None:
    from kxtui.db.sheets.import_history import import_file

    path = history_file(tmp_path, demo)
    open_database(demo)
    assert import_file(path).imported == 2
    close_database()


@pytest.mark.parametrize("size", SIZES)
def test_history_pane_with_historical_hours(
    snap_compare, demo_path: Path, tmp_path: Path, size
) -> None:
    """The roster by total hours, Enter on the first volunteer (the one with historical
    hours), F3, `p`: this year's lines and totals."""
    imported(demo_path, tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "m")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        await press(pilot, "down", "s", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, VolunteerFormScreen))
        await press(pilot, "f3", "p")

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_historical_hours_import_with_a_bad_row(
    snap_compare, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    history_file(tmp_path, demo_path, bad=True)
    monkeypatch.chdir(tmp_path)  # the file typed by its name: the same on every machine

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "m")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RosterScreen))
        await press(pilot, "down", "ctrl+p")
        await type_text(pilot, "导入历史时数")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, HistoryImportScreen))
        screen = pilot.app.screen
        await type_text(pilot, "历史时数.csv")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: screen.report is not None and not screen.busy)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
