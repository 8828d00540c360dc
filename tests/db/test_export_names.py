"""What an export is called: the region and the period in the file name and the title row."""

from __future__ import annotations

from datetime import date

import pytest

from kxtui.db.engine import scope
from kxtui.db.rows import AuditFilter, LedgerFilter, RosterFilter
from kxtui.db.sheets.export_activities import regions_named
from kxtui.db.sheets.file_names import (
    activities_name,
    audit_name,
    period_names,
    safe_file_name,
    volunteers_name,
)
from kxtui.domain import AccessRole
from kxtui.i18n import set_language, t


@pytest.mark.parametrize(
    ("start", "end", "code", "title"),
    [
        (date(2026, 10, 1), date(2026, 12, 31), "2026Q4", "2026年第四季度"),
        (date(2026, 7, 1), date(2026, 9, 30), "2026Q3", "2026年第三季度"),
        (date(2026, 11, 1), date(2026, 11, 30), "2026-11", "2026年11月"),
        (date(2024, 2, 1), date(2024, 2, 29), "2024-02", "2024年2月"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026", "2026年"),
        (None, None, "全部", "全部时间"),
        (date(2026, 1, 1), date(2026, 6, 30), "20260101-20260630", "2026年1月1日至2026年6月30日"),
        (date(2026, 2, 1), date(2026, 4, 30), "20260201-20260430", "2026年2月1日至2026年4月30日"),
        (date(2026, 3, 5), None, "20260305起", "2026年3月5日起"),
        (None, date(2026, 3, 5), "至20260305", "至2026年3月5日"),
    ],
)
def test_a_period_is_named_as_officers_say_it(start, end, code, title) -> None:
    assert period_names(start, end) == (code, title)


def test_file_names_are_safe_everywhere() -> None:
    assert safe_file_name('a/b\\c:d*e?f"g<h>i|j') == "abcdefghij"
    assert safe_file_name("胶莱镇\x1b[31m\u202e\u200b-台账") == "胶莱镇31m-台账"
    assert safe_file_name("../..\t.hidden 文件  名") == "hidden_文件_名"
    assert safe_file_name("///") == "kxtui"
    assert len(safe_file_name("镇" * 300)) == 90


def test_names_carry_region_what_and_period(demo_db) -> None:
    (town, _), *_ = regions_named("胶莱镇")
    quarter = LedgerFilter(region_id=town, start=date(2026, 10, 1), end=date(2026, 12, 31))
    assert activities_name(quarter)[:2] == (
        "胶莱镇-活动台账-2026Q4",
        "胶莱镇 活动台账 2026年第四季度",
    )
    assert activities_name(quarter).titled("志愿服务") == "胶莱镇 志愿服务 2026年第四季度"
    roster = volunteers_name(RosterFilter(region_id=town))  # the day of the frozen clock
    assert roster[:2] == ("胶莱镇-志愿者花名册-2026-11-20", "胶莱镇 志愿者花名册 2026年11月20日")
    month = AuditFilter(region_id=town, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert audit_name(month)[:2] == ("胶莱镇-审计日志-2026-11", "胶莱镇 审计日志 2026年11月")
    # the whole database (a county admin of every county), every date
    assert activities_name(LedgerFilter())[:2] == (
        "全部区域-活动台账-全部",
        "全部区域 活动台账 全部时间",
    )
    set_language("en")  # the file name speaks the interface's language; the sheet Chinese
    assert activities_name(quarter, t)[:2] == (
        "胶莱镇-activities-2026Q4",
        "胶莱镇 活动台账 2026年第四季度",
    )


def test_an_officer_s_whole_area_is_named_after_it(demo_db) -> None:
    (town, _), *_ = regions_named("胶莱镇")
    officer = scope.Session(user="wang", name="王", role=AccessRole.TOWN_STAFF,
                            view_path=scope._path(town))  # fmt: skip
    scope.sign_in(officer)
    assert activities_name(LedgerFilter()).file == "胶莱镇-活动台账-全部"
