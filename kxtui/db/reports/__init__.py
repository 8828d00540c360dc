"""The reports (统计报表): each a function of a `ReportQuery` returning a `Report`, the same for
the reports screen, `kxtui report` and the exported sheets. Every report keeps to the
officer's view, leaves out deleted activities, counts a volunteer once however many
activities or teams they have, and lists every child region even where its figures are zero.
"""

from __future__ import annotations

from importlib import import_module

from kxtui.db.pinyin import pinyin_keys, search_key
from kxtui.db.report_rows import Report, ReportQuery, ReportRow

_MODULES = {
    "activities": "activities",
    "volunteers": "volunteers",
    "venues": "venues",
    "science-day": "science_day",
    "annual": "annual",
}


def build(q: ReportQuery) -> Report:
    """The report `q` asks for."""
    module = import_module(f"kxtui.db.reports.{_MODULES[q.report]}")
    report: Report = module.report(q)
    return report


def name_matches(name: str, text: str) -> bool:
    """Whether `name` contains `text`, or its pinyin or initials (or those of its last part,
    a village's in "town/village") begin with the text's key."""
    text = text.strip()
    if not text or text in name:
        return True
    key = search_key(text)
    if not key:
        return False
    for part in (name, *name.split("/")[1:]):
        full, initials = pinyin_keys(part)
        if full.startswith(key) or initials.startswith(key):
            return True
    return len(key) >= 2 and key in pinyin_keys(name)[1]


def matching(report: Report, text: str) -> tuple[ReportRow, ...]:
    """The report's rows whose name `name_matches` the text."""
    if not text.strip():
        return report.rows
    return tuple(row for row in report.rows if name_matches(row.name, text))
