"""全国科普日: the lines of 《全国科普日活动情况调查表》 for one year — 科普报告会(场),
科普展览(场), 培训班(期), 科普录像(场), 其他(项), 合计 — and the headline figures reported
nationally.

The year is that of the period's start (or of its end, or today's when the period is open).
An activity counts when it is marked 全国科普日 (theme day) and held that year, or when it
starts within the year's 科普日/科普月 window: the calendar's (`kxtui.db.calendar.window`) where
kxtui has one, else 1–30 September (科普月 since 2025; the 科普日 weekend lies in it). Deleted
activities are left out, and so is everything outside the officer's view.

The lines follow each activity's format (`LINES`); a format kxtui does not know (written by
another program) is a line of its own, marked, and counted in 合计. The total also holds the
headline figures: 活动(项) `activities`, 主办单位(个) `organisers` (distinct organising teams
plus distinct organiser names typed), 参与志愿者(人) `volunteers` (distinct), 受众(人次)
`people_reached`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kxtui import clock
from kxtui.db import calendar
from kxtui.db.engine.models import database
from kxtui.db.numbers import bad_count, valid_sum
from kxtui.db.report_rows import MEASURES, SCIENCE_DAY, Report, ReportQuery, Value
from kxtui.db.reports.common import Group, closed_note, root, rows_of, subtree_sql
from kxtui.db.words import chinese
from kxtui.domain import ActivityFormat, ThemeDay

COLUMNS = MEASURES[SCIENCE_DAY]
# The survey's line of each activity format (key: the line's words in `kxtui.db.words`)
LINES: dict[ActivityFormat, str] = {
    ActivityFormat.LECTURE: "lectures",
    ActivityFormat.EXPERTS_INTO_SCHOOLS: "lectures",
    ActivityFormat.EXHIBITION: "exhibitions",
    ActivityFormat.SCIENCE_SHOW: "exhibitions",
    ActivityFormat.CARAVAN: "exhibitions",
    ActivityFormat.FIELD_CLASS: "training",
    ActivityFormat.ONLINE: "videos",
    ActivityFormat.ANTI_CULT: "other",
    ActivityFormat.VISIT: "other",
    ActivityFormat.OTHER: "other",
}
LINE_KEYS = ("lectures", "exhibitions", "training", "videos", "other")
_FROM = "FROM activity a JOIN region r ON r.id = a.region_id"


def year_of(q: ReportQuery) -> int:
    """The year a yearly report is about: of the period's start, else its end, else today."""
    day = q.start or q.end or clock.today()
    return day.year


def window(year: int) -> tuple[date, date]:
    """The year's 科普日/科普月 as the calendar has it (1–30 September unless an admin set
    other dates)."""
    found = calendar.window(year, ThemeDay.SCIENCE_DAY.value)
    return found or (date(year, 9, 1), date(year, 9, 30))


def counted_sql(q: ReportQuery, params: dict[str, Any]) -> str:
    """SQL conditions of the activities the report counts (over a: activity, r: its region)."""
    year = year_of(q)
    first, last = window(year)
    params.update(year_start=f"{year}-01-01", year_end=f"{year}-12-31",
                  window_start=first.isoformat(), window_end=last.isoformat())  # fmt: skip
    return " AND ".join(
        [
            "a.deleted_at IS NULL",
            *subtree_sql(root(q.region_id), "r.path", params),
            f"((a.theme_day = '{ThemeDay.SCIENCE_DAY.value}'"
            " AND a.start_date >= :year_start AND a.start_date <= :year_end)"
            " OR (a.start_date >= :window_start AND a.start_date <= :window_end))",
        ]
    )


def report(q: ReportQuery) -> Report:
    """全国科普日 of the year of `q`."""
    where = root(q.region_id)
    params: dict[str, Any] = {}
    conditions = counted_sql(q, params)
    line = "CASE a.format " + " ".join(
        f"WHEN '{code.value}' THEN '{key}'" for code, key in LINES.items()
    ) + " ELSE COALESCE(a.format, '') END"  # fmt: skip
    figures: dict[str, dict[str, Value]] = {}
    invalid = 0
    for key, count, reached, bad in database.execute_sql(
        f"SELECT {line} AS k, COUNT(*), {valid_sum('activity', 'people_reached', 'a')},"
        f" {bad_count('activity', 'people_reached', 'a')} {_FROM} WHERE {conditions} GROUP BY k",
        params,
    ):
        figures[str(key)] = {"count": count, "people_reached": reached}
        invalid += bad
    groups = [Group(key, chinese(f"report.science_day.{key}")) for key in LINE_KEYS]
    rows = rows_of(groups, figures, COLUMNS)
    organisers, volunteers = database.execute_sql(
        "SELECT COUNT(DISTINCT a.organiser_team_id)"
        " + COUNT(DISTINCT NULLIF(trim(a.organiser), '')),"
        " (SELECT COUNT(DISTINCT s.volunteer_id) FROM service_record s"
        f" JOIN activity a ON a.id = s.activity_id JOIN region r ON r.id = a.region_id"
        f" WHERE {conditions}) {_FROM} WHERE {conditions}",
        params,
    ).fetchone()
    count = sum(int(values["count"] or 0) for values in figures.values())
    reached = sum(int(values["people_reached"] or 0) for values in figures.values())
    total: dict[str, Value] = {"count": count, "people_reached": reached, "activities": count,
                               "organisers": organisers, "volunteers": volunteers}  # fmt: skip
    first, last = window(year_of(q))
    note = chinese("report.science_day.note", start=first.isoformat(), end=last.isoformat())
    return Report(
        query=q, region=where.name, region_id=where.id, parent_id=where.parent_id,
        columns=COLUMNS, column_names={}, rows=rows, total=total, invalid=invalid,
        closed=closed_note(where, q.start, q.end), notes=(note,),
    )  # fmt: skip
