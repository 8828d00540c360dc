"""How the year's calendar words its entries, the same in the calendar screen and in
`kxtui calendar`: dates ("3月1日–3月7日"), days left ("还有 12 天", "进行中")."""

from __future__ import annotations

from datetime import date

from kxtui.db.rows import CalendarEntry
from kxtui.i18n import language, t


def day_text(day: date, year: int) -> str:
    """ "3月1日" (or "2027年1月31日" outside `year`); "03-01" / "2027-01-31" in English."""
    if language() == "en":
        return f"{day:%m-%d}" if day.year == year else day.isoformat()
    prefix = "" if day.year == year else f"{day.year}年"
    return f"{prefix}{day.month}月{day.day}日"


def dates_text(entry: CalendarEntry) -> str:
    first = day_text(entry.start, entry.year)
    return first if entry.end == entry.start else f"{first}–{day_text(entry.end, entry.year)}"


def days_left_text(entry: CalendarEntry) -> str:
    """Days to the start; under way between start and end; days since the end after it."""
    ended = entry.days_left + (entry.end - entry.start).days
    if entry.days_left > 0:
        return t("calendar.days.left", days=entry.days_left)
    if entry.days_left == 0 and ended == 0:
        return t("calendar.days.today")
    if ended >= 0:
        return t("calendar.days.now")
    return t("calendar.days.ago", days=-ended)


def logged_text(entry: CalendarEntry) -> str:
    """ "12 / 3,400" for a theme (activities / people reached); "—" for a deadline."""
    if entry.kind != "theme":
        return "—"
    return f"{entry.activities:,} / {entry.people_reached:,}"


def town_name(name: str) -> str:
    return name or t("calendar.root")
