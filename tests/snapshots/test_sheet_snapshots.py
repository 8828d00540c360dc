"""The import report at 80×24 and 120×36: every bad row with its column and reason.

The file is given by a relative name (the test works in its temporary directory), so the
screen shows the same text on every machine.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db.connection import close_database, open_database
from kxtui.db.rows import LedgerFilter
from kxtui.db.sheets_export import export_activities
from kxtui.screens.import_activities import ImportScreen
from tests.app.helpers import make_app, press, settle, type_text, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]


def write_bad_rows(demo_path: Path, target: Path) -> None:
    """Seven new rows of the demo's export: five broken in different ways, one odd."""
    open_database(demo_path)
    try:
        export_activities(LedgerFilter(), target.with_name("all.csv"))
    finally:
        close_database()
    text = target.with_name("all.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[:8]
    header = rows[0]
    for row in rows[1:]:
        row[0] = ""

    def put(row: int, column: str, value: str) -> None:
        rows[row - 1][header.index(column)] = value

    put(2, "活动名称", "")
    put(3, "开始日期", "明天吧")
    put(4, "区域", "不存在镇/某村")
    put(5, "志愿者", "张旭:2")
    put(6, "形式", "跳舞")
    put(7, "受众人次", "300000")
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize("size", SIZES)
def test_import_report_with_bad_rows(
    snap_compare, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size
) -> None:
    write_bad_rows(demo_path, tmp_path / "bad-rows.csv")
    monkeypatch.chdir(tmp_path)

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.push_screen(ImportScreen(None))
        await settle(pilot)
        screen = pilot.app.screen
        await type_text(pilot, "bad-rows.csv")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: getattr(screen, "report", None) is not None)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
