"""The reports (统计报表): each a function of a `ReportQuery` returning a `Report`, the same for
the reports screen, `kxtui report` and the exported sheets. Every report keeps to the
officer's view, leaves out deleted activities, counts a volunteer once however many
activities or teams they have, and lists every child region even where its figures are zero.
"""

from __future__ import annotations

from importlib import import_module

from kxtui.db.report_rows import Report, ReportQuery

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
