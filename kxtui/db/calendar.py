"""The year's calendar (年度工作日历): theme days and deadlines, with the activities logged for
each theme so far, by town, and the days left.

Stored are only the entries a county admin edited (table `calendar_entry`); every other entry
of a year is its default, computed here (`DEFAULTS`), so reading a year writes nothing and a
read-only database has a calendar too. An entry's id is year × 100 + its number in
`DEFAULTS`: a default has its id (and version 0) before it is first stored, and two admins
editing the same default meet as an edit conflict.

The defaults (the dates announced each year differ; an admin sets them):
- 学雷锋科技志愿服务周 3月1–7日 (fixed);
- 全国科技活动周: the week from the third Sunday of May to the Saturday after (set each year);
- 全国科技工作者日 5月30日 (fixed);
- 全国科普日 / 全国科普月: all of September (a month since 2025; set each year);
- deadlines: 全国科普日活动报名 9月15日, 全国科普日总结报送 10月15日 (usual, set each year),
  the year's 科普统计报送 on 31 January of the next year.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple, cast

from kxtui import clock
from kxtui.dates import parse_date
from kxtui.db.engine import scope
from kxtui.db.engine.models import CalendarEntry as Stored
from kxtui.db.engine.models import Region, Rows, database
from kxtui.db.engine.writes import diff, last_writer, write_transaction
from kxtui.db.errors import ConflictError, RefusedError
from kxtui.db.rows import CalendarEntry, TownCount
from kxtui.db.validation import TEXT_MAX, Checker
from kxtui.domain import ThemeDay

THEME, DEADLINE = "theme", "deadline"
NAME_MAX = 60


def _third_week_of_may(year: int) -> tuple[date, date]:
    first = date(year, 5, 1)
    sunday = first + timedelta(days=(6 - first.weekday()) % 7 + 14)
    return sunday, sunday + timedelta(days=6)


def _days(month: int, day: int, last: int | None = None) -> Callable[[int], tuple[date, date]]:
    return lambda year: (date(year, month, day), date(year, month, last or day))


class Default(NamedTuple):
    code: str
    kind: str
    name: str
    dates: Callable[[int], tuple[date, date]]  # year → (start, end)


# In order: the number of each (1, 2 ...) is the last two digits of its id. Append only.
DEFAULTS = (
    Default(ThemeDay.VOLUNTEER_WEEK, THEME, "学雷锋科技志愿服务周", _days(3, 1, 7)),
    Default(ThemeDay.SCIENCE_WEEK, THEME, "全国科技活动周", _third_week_of_may),
    Default(ThemeDay.WORKERS_DAY, THEME, "全国科技工作者日", _days(5, 30)),
    Default(ThemeDay.SCIENCE_DAY, THEME, "全国科普日（全国科普月）", _days(9, 1, 30)),
    Default("science_day_registration", DEADLINE, "全国科普日活动报名截止", _days(9, 15)),
    Default("science_day_summary", DEADLINE, "全国科普日总结报送截止", _days(10, 15)),
    Default(
        "statistics", DEADLINE, "年度科普统计报送截止", lambda year: _days(1, 31)(year + 1)
    ),  # fmt: skip
)
_ID_BASE = 100


def entry_id(year: int, code: str) -> int:
    """The id of a year's entry by its code."""
    number = next(n for n, d in enumerate(DEFAULTS, start=1) if d.code == code)
    return year * _ID_BASE + number


class _Entry(NamedTuple):
    id: int
    version: int
    year: int
    code: str
    kind: str
    name: str
    start: date
    end: date
    notes: str


def _year(year: int) -> list[_Entry]:
    """The year's entries: stored where edited, else the default; by start date."""
    stored = {
        row[0]: _Entry(*row)
        for row in cast(
            Rows,
            Stored.select(Stored.id, Stored.version, Stored.year, Stored.code, Stored.kind,
                          Stored.name, Stored.start, Stored.end, Stored.notes)
            .where(Stored.year == year)
            .tuples(),
        )
    }  # fmt: skip
    found = []
    for number, default in enumerate(DEFAULTS, start=1):
        id_ = year * _ID_BASE + number
        start, end = default.dates(year)
        entry = _Entry(id_, 0, year, default.code, default.kind, default.name, start, end, "")
        found.append(stored.get(id_, entry))
    return sorted(found, key=lambda e: (e.start, e.id))


def window(year: int, theme: str) -> tuple[date, date] | None:
    """The first and last day of a theme day in `year` (as edited, else the default); None for
    a theme without dates ("other")."""
    for entry in _year(year):
        if entry.kind == THEME and entry.code == theme:
            return entry.start, entry.end
    return None


def theme_on(day: date) -> str | None:
    """The theme whose window in that year holds `day` (the shortest when several do: 5月30日
    is 全国科技工作者日 even inside a week set around it), or None."""
    themes = [e for e in _year(day.year) if e.kind == THEME and e.start <= day <= e.end]
    if not themes:
        return None
    return min(themes, key=lambda e: (e.end - e.start, e.id)).code


def entries(year: int, region_id: int | None = None) -> tuple[CalendarEntry, ...]:
    """The year's theme days and deadlines by date, with the days left to each from today and,
    for a theme, the activities (not deleted, in the officer's view) tagged with it that year
    or dated in its window, with their people reached, in all and by town: by the child
    regions of `region_id` (default: the root of the officer's view; the counties for the
    whole database)."""
    root = _root(region_id)
    today = clock.today()
    found = []
    for e in _year(year):
        row = CalendarEntry(e.id, e.version, e.year, e.code, e.kind,
                            e.code if e.kind == THEME else None, e.name, e.start, e.end, e.notes,
                            (e.start - today).days)  # fmt: skip
        if e.kind == THEME:
            towns = _by_town(root, e.code, year, e.start, e.end)
            row = row._replace(
                activities=sum(t.activities for t in towns),
                people_reached=sum(t.people_reached for t in towns),
                by_town=towns,
            )
        found.append(row)
    return tuple(found)


def _root(region_id: int | None) -> str:
    """The path of the region whose children are the towns counted ("/" for the whole
    database, whose children are the counties)."""
    if region_id is None:
        region_id = scope.view_root()
    if region_id is None:
        return "/"
    scope.require_visible(region_id)
    path = Region.select(Region.path).where(Region.id == region_id).scalar()
    if path is None:
        raise RefusedError("refused.gone")
    return cast(str, path)


def _by_town(root: str, theme: str, year: int, start: date, end: date) -> tuple[TownCount, ...]:
    """The theme's activities under `root`, one count per child region of it (the root's own
    activities as region None), largest first."""
    params: dict[str, Any] = {
        "root": root, "root_hi": root[:-1] + "0", "cut": len(root) + 1, "theme": theme,
        "year_start": f"{year}-01-01", "year_end": f"{year}-12-31",
        "start": start.isoformat(), "end": end.isoformat(),
    }  # fmt: skip
    conditions = [
        "a.deleted_at IS NULL",
        "r.path >= :root AND r.path < :root_hi",
        "((a.theme_day = :theme AND a.start_date BETWEEN :year_start AND :year_end)"
        " OR a.start_date BETWEEN :start AND :end)",
        *scope.view_sql("r.path", params),
    ]
    # the id after the root's path: "/1/5/23/" under "/1/" → 5
    town = ("CASE WHEN r.path = :root THEN NULL"
            " ELSE substr(r.path, :cut, instr(substr(r.path, :cut), '/') - 1) END")  # fmt: skip
    sql = (
        f"SELECT {town} AS town, COUNT(*), COALESCE(SUM(a.people_reached), 0)"
        " FROM activity a JOIN region r ON r.id = a.region_id"
        f" WHERE {' AND '.join(conditions)} GROUP BY town"
    )
    counts = [(int(t) if t else None, n, p) for t, n, p in database.execute_sql(sql, params)]
    ids = [t for t, _, _ in counts if t is not None]
    query = Region.select(Region.id, Region.name).where(Region.id.in_(ids))
    names: dict[int, str] = dict(cast(Rows, query.tuples()))
    rows = [TownCount(t, names.get(t, "") if t else "", n, int(p)) for t, n, p in counts]
    return tuple(sorted(rows, key=lambda r: (-r.activities, r.name)))


# -- editing -------------------------------------------------------------------------------


def _default(entry_key: int) -> tuple[int, Default]:
    year, number = divmod(entry_key, _ID_BASE)
    if not 1 <= number <= len(DEFAULTS):
        raise RefusedError("refused.gone")
    return year, DEFAULTS[number - 1]


def check_entry(entry_key: int, start: str, end: str, name: str, notes: str) -> dict[str, Any]:
    """The entry's values as typed, or ValidationError naming each bad field: dates as
    officers type them (the end empty: one day), a theme in its own year, a deadline in its
    year or the next, the end not before the start, a name."""
    year, default = _default(entry_key)
    today = clock.today()
    checker = Checker()
    values: dict[str, Any] = {
        "name": checker.text("name", name, required=True, limit=NAME_MAX),
        "notes": checker.text("notes", notes, required=False, limit=TEXT_MAX),
    }
    first = _date(checker, "start", start, today, required=True)
    last = _date(checker, "end", end, today, required=False) or first
    latest = year + (default.kind == DEADLINE)
    for field, day in (("start", first), ("end", last)):
        if day is not None and not year <= day.year <= latest:
            checker.fail(field, "calendar.field.year", year=year, latest=latest)
    if first and last and last < first:
        checker.fail("end", "field.end_before_start")
    checker.check()
    values["start"], values["end"] = first, last
    return values


def _date(checker: Checker, field: str, text: str, today: date, *, required: bool) -> date | None:
    if not (text or "").strip():
        if required:
            checker.fail(field, "field.required")
        return None
    day = parse_date(text, today)
    if day is None:
        checker.fail(field, "field.date", text=text.strip()[:20])
    return day


def update_entry(entry_id: int, version: int, start: str, end: str, name: str, notes: str) -> int:
    """Save an edited entry (dates as typed, see `check_entry`); county admins only. Refuses
    (ConflictError) if someone saved it since `version` was read (0: the default). Nothing
    is written when nothing changed. Returns its id."""
    scope.require_admin()
    year, default = _default(entry_id)
    with write_transaction() as write:
        stored = Stored.find(entry_id)
        current = stored.version if stored else 0
        if current != version:
            by = last_writer("calendar_entry", entry_id) or (stored.updated_by if stored else "")
            at = str(stored.updated_at)[:16] if stored else ""
            raise ConflictError(by=by, at=at)
        values = check_entry(entry_id, start, end, name, notes)
        if stored is not None:
            before = {k: getattr(stored, k) for k in values}
        else:
            first, last = default.dates(year)
            before = {"name": default.name, "notes": "", "start": first, "end": last}
        changes = diff(before, values)
        if not changes:
            write.nothing()
            return entry_id
        if stored is None:
            theme = default.code if default.kind == THEME else None
            Stored.insert(id=entry_id, year=year, code=default.code, kind=default.kind,
                          theme=theme, **values, **write.stamp()).execute()  # fmt: skip
        else:
            Stored.update(**values, **write.touch(Stored)).where(Stored.id == entry_id).execute()
        write.audit("update", "calendar_entry", entry_id, values["name"], changes)
        return entry_id


def entry(entry_id: int) -> CalendarEntry | None:
    """One entry as `entries` gives it, without the counts (for its form)."""
    year, _ = _default(entry_id)
    today = clock.today()
    for e in _year(year):
        if e.id == entry_id:
            return CalendarEntry(e.id, e.version, e.year, e.code, e.kind,
                                 e.code if e.kind == THEME else None, e.name, e.start, e.end,
                                 e.notes, (e.start - today).days)  # fmt: skip
    return None
