"""The periods `p` cycles through in the ledger and the audit log (上月, 上季度, 去年 among
them), and the filter dialog's choice of period, on a frozen clock — January's included."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Select

from kxtui.app import create_app
from kxtui.screens.audit import AuditScreen
from kxtui.screens.ledger import LedgerScreen
from kxtui.screens.ledger_filter import LedgerFilterScreen
from tests.app.helpers import control, make_app, open_list, plain, press, wait_until


def shown_period(pilot, line: str) -> str:  # type: ignore[no-untyped-def]
    """The dates of the period as the screen's filter line shows them."""
    text = plain(pilot.app.screen.query_one(line).content)
    return next(part.strip() for part in text.split("·") if " — " in part or "全部时间" in part)


async def test_p_in_the_ledger_steps_through_each_period_and_the_one_before(
    demo_path: Path,
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await open_list(pilot, "t", LedgerScreen)
        seen = [shown_period(pilot, "#list-filter")]
        for _ in range(7):
            await press(pilot, "p")
            seen.append(shown_period(pilot, "#list-filter"))
        assert seen == [
            "2026-01-01 — 2026-12-31",  # 本年, on 2026-11-20
            "2025-01-01 — 2025-12-31",  # 去年
            "2026-10-01 — 2026-12-31",  # 本季度
            "2026-07-01 — 2026-09-30",  # 上季度
            "2026-11-01 — 2026-11-30",  # 本月
            "2026-10-01 — 2026-10-31",  # 上月
            "全部时间",
            "2026-01-01 — 2026-12-31",
        ]


async def test_in_january_the_last_month_and_quarter_are_of_the_year_before(
    demo_path: Path,
) -> None:
    app = create_app(demo_path, frozen_at=datetime(2027, 1, 10, 9, 0), cursor_blink=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_list(pilot, "h", AuditScreen)  # this month first
        assert shown_period(pilot, "#list-filter") == "2027-01-01 — 2027-01-31"
        await press(pilot, "p")
        assert shown_period(pilot, "#list-filter") == "2026-12-01 — 2026-12-31"  # 上月
        await press(pilot, "p", "p", "p", "p")  # all, this year, last year, this quarter
        await press(pilot, "p")
        assert shown_period(pilot, "#list-filter") == "2026-10-01 — 2026-12-31"  # 上季度


async def test_the_filter_dialog_offers_the_last_month_and_quarter(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        await open_list(pilot, "t", LedgerScreen)
        await press(pilot, "f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, LedgerFilterScreen))
        period = control(pilot, "period")
        assert isinstance(period, Select)
        offered = [str(prompt) for prompt, _ in period._options]
        assert {"上月", "上季度", "去年"} <= set(offered)
        period.value = "last_quarter"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, LedgerScreen))
        assert shown_period(pilot, "#list-filter") == "2026-07-01 — 2026-09-30"
        await press(pilot, "p")  # on to this month
        assert shown_period(pilot, "#list-filter") == "2026-11-01 — 2026-11-30"
