"""What an export is called: its default file name and its sheet's title row name the region
and the period it holds — `胶莱镇-活动台账-2026Q4.xlsx` titled "胶莱镇 活动台账 2026年第四季度" —
so two towns' exports of one day never collide and a printed page says what it is.

The period is read from the filter's dates: a whole quarter, month or year is named as such
(2026Q4, 2026-11, 2026), no dates as 全部, anything else as its range (20260101-20260630).
A roster holds volunteers as they are today: its name carries the day (2026-12-07).
The file name uses the words the caller gives (the interface's language, `kxtui.i18n.t`;
Chinese by default); the title, like every sheet, is Chinese.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.report_rows import TIMELESS, Report
from kxtui.db.rows import AuditFilter, LedgerFilter, RosterFilter
from kxtui.db.sheets.columns import zh
from kxtui.db.words import Words, chinese
from kxtui.display import hidden

FILE_NAME_MAX = 90  # characters before the suffix (a server accepts 100 with it)
# What a file name keeps: letters of any script, digits, - _ . and brackets (the names a
# county server accepts, `officer_files.export_name`); spaces become "_", the rest goes.
_KEPT = re.compile(r"[\w.()（）-]")
QUARTERS = "一二三四"


class ExportName(NamedTuple):
    file: str  # without the suffix, safe as a file name
    title: str  # the title row of the (first) sheet
    region: str  # in Chinese, as in the title
    period: str  # in Chinese, as in the title

    def titled(self, what: str) -> str:
        """The title of another sheet of the file: "胶莱镇 志愿服务 2026年第四季度"."""
        return f"{self.region} {what} {self.period}"


def safe_file_name(text: str) -> str:
    """`text` as a file name on any system: no / \\ : * ? " < > |, no control or format
    characters, no leading dot, no "..", spaces as "_", at most `FILE_NAME_MAX` characters."""
    kept = "".join(
        "_" if ch.isspace() else ch
        for ch in text
        if ch.isspace() or (_KEPT.fullmatch(ch) and not hidden(ch))
    )
    kept = re.sub(r"\.{2,}", ".", re.sub(r"_{2,}", "_", kept))
    return kept.lstrip("._")[:FILE_NAME_MAX].rstrip("._") or "kxtui"


def _whole(start: date, end: date) -> tuple[str, str] | None:
    """(code, title) when start–end is one whole year, quarter or month."""
    after = end + timedelta(days=1)
    if start.day != 1 or after.day != 1:
        return None
    months = (after.year - start.year) * 12 + after.month - start.month
    if months == 12 and start.month == 1:
        return f"{start.year}", zh("export.period.year").format(year=start.year)
    if months == 3 and start.month % 3 == 1:
        quarter = (start.month - 1) // 3 + 1
        title = zh("export.period.quarter").format(year=start.year, quarter=QUARTERS[quarter - 1])
        return f"{start.year}Q{quarter}", title
    if months == 1:
        month = zh("export.period.month").format(year=start.year, month=start.month)
        return f"{start.year}-{start.month:02}", month
    return None


def _day(day: date) -> str:
    return zh("export.period.day").format(year=day.year, month=day.month, day=day.day)


def period_names(start: date | None, end: date | None, words: Words = chinese) -> tuple[str, str]:
    """(for the file name, for the title): ("2026Q4", "2026年第四季度"), ("全部", "全部时间"),
    ("20260101-20260630", "2026年1月1日至2026年6月30日"), ("20260101起", "2026年1月1日起") …"""
    if start and end and (whole := _whole(start, end)):
        return whole
    if start and end:
        return f"{start:%Y%m%d}-{end:%Y%m%d}", zh("export.period.range").format(
            start=_day(start), end=_day(end)
        )
    if start:
        return words("export.period.from", day=f"{start:%Y%m%d}"), zh("export.period.from").format(
            day=_day(start)
        )
    if end:
        return words("export.period.to", day=f"{end:%Y%m%d}"), zh("export.period.to").format(
            day=_day(end)
        )
    return words("export.period.all"), zh("export.period.all_title")


def region_name(region_id: int | None, words: Words = chinese) -> tuple[str, str]:
    """The region's name (the officer's whole area when None), as (in `words`, Chinese)."""
    from kxtui.db.engine.models import database

    if region_id is None:
        region_id = scope.view_root()
    row = None
    if region_id is not None:
        sql = "SELECT name FROM region WHERE id = ?"
        row = database.execute_sql(sql, (region_id,)).fetchone()
    if row is None:
        return words("export.everywhere"), zh("export.everywhere")
    return row[0], row[0]


def _named(what: str, region_id: int | None, period: tuple[str, str], words: Words) -> ExportName:
    region, region_zh = region_name(region_id, words)
    parts = (region, words(f"export.what.{what}"), period[0])
    title = " ".join((region_zh, zh(f"export.what.{what}"), period[1]))
    return ExportName(safe_file_name("-".join(parts)), title, region_zh, period[1])


def activities_name(f: LedgerFilter, words: Words = chinese) -> ExportName:
    """`胶莱镇-活动台账-2026Q4`, "胶莱镇 活动台账 2026年第四季度"."""
    return _named("activities", f.region_id, period_names(f.start, f.end, words), words)


def volunteers_name(f: RosterFilter, words: Words = chinese) -> ExportName:
    """`胶莱镇-志愿者花名册-2026-12-07`, "胶莱镇 志愿者花名册 2026年12月7日"."""
    today = clock.today()
    return _named("volunteers", f.region_id, (today.isoformat(), _day(today)), words)


def audit_name(f: AuditFilter, words: Words = chinese) -> ExportName:
    """`胶莱镇-审计日志-2026-12`, "胶莱镇 审计日志 2026年12月"."""
    return _named("audit", f.region_id, period_names(f.start, f.end, words), words)


def report_name(report: Report, words: Words = chinese) -> ExportName:
    """`胶州市-科普活动统计表-2026Q3`, "胶州市2026年第三季度科普活动统计表": as officials title
    the tables they hand over, without spaces. A report counted as things are now (六有) is
    named by today: `…-至20261207`, "胶州市至2026年12月7日科普阵地“六有”统计表"."""
    q = report.query
    period = period_names(None, clock.today(), words) if q.report in TIMELESS else (
        period_names(q.start, q.end, words))  # fmt: skip
    region = report.region or words("export.everywhere")
    region_zh = report.region or zh("export.everywhere")
    what = f"export.what.report.{q.report}"
    file = safe_file_name("-".join((region, words(what), period[0])))
    return ExportName(file, f"{region_zh}{period[1]}{zh(what)}", region_zh, period[1])


def default_name(
    f: LedgerFilter | RosterFilter | AuditFilter | Report, words: Words = chinese
) -> ExportName:
    """The name of an export of `f`, whichever list it filters (or the report it is); its
    file name in `words` (the interface's, `kxtui.i18n.t`)."""
    if isinstance(f, Report):
        return report_name(f, words)
    if isinstance(f, LedgerFilter):
        return activities_name(f, words)
    if isinstance(f, RosterFilter):
        return volunteers_name(f, words)
    return audit_name(f, words)
