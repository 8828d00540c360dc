"""Screens on numbers out of range written by another program: the ledger (its rows and its
totals) and the detail pane show the marker, where they crashed (ValueError, OverflowError)
or showed "受众 inf 人次"."""

from __future__ import annotations

from kxtui.screens.ledger import LedgerScreen
from tests.app.helpers import detail_text, make_app, open_screen, press, settle, tree
from tests.app.test_activities import ledger_totals
from tests.db.test_numbers import MARK, spoiled  # noqa: F401 (the fixture)


async def test_the_ledger_shows_the_marker_and_leaves_them_out_of_its_totals(spoiled) -> None:  # noqa: F811
    path, _ = spoiled
    async with make_app(path).run_test(size=(120, 36)) as pilot:
        screen = await open_screen(pilot, "t", LedgerScreen)
        painted = pilot.app.export_screenshot()
        assert painted.count(MARK) >= 5  # four people reached, one hours
        assert "inf" not in painted.lower().replace("info", "")
        assert "⚠ 6 个无效数值未计入" in ledger_totals(pilot)
        assert screen.is_current


async def test_the_detail_pane_shows_the_marker(spoiled) -> None:  # noqa: F811
    path, _ = spoiled
    async with make_app(path).run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await press(pilot, "right", "down")  # 阜安街道, whose population is infinite
        assert tree(pilot).cursor_row.ref.id == 2
        assert f"人口 {MARK}" in " ".join(detail_text(pilot).split())
