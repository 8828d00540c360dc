"""Star levels (星级) by cumulative service hours: 1★ to 5★ at 100 / 300 / 600 / 1000 / 1500 hours
on the national system, other thresholds where a county's platform counts otherwise (meta key
`star_hours`, "100,300,600,1000,1500"; `kxtui config star-hours`).

The roster, the volunteer record and the reports read the thresholds here, once per query;
cumulative hours are `volunteer_service.hours` (activities and historical hours).
"""

from __future__ import annotations

from decimal import Decimal

from kxtui.db.numbers import Invalid

DEFAULT = (100, 300, 600, 1000, 1500)  # the national system's (中国科协"大美志愿"平台)
LEVELS = len(DEFAULT)
META_KEY = "star_hours"
NEAR = 10  # "within 10 hours of the next star" (距下一星级不足10小时)

Thresholds = tuple[int, ...]


def parse(text: str) -> Thresholds | None:
    """Five ascending whole numbers above 0 ("100,300,600,1000,1500", spaces and "，" too),
    or None when the text is not such."""
    parts = text.replace("，", ",").replace("、", ",").split(",")
    try:
        levels = tuple(int(part.strip()) for part in parts)
    except ValueError:
        return None
    ascending = all(a < b for a, b in zip(levels, levels[1:], strict=False))
    if len(levels) == LEVELS and levels[0] > 0 and ascending:
        return levels
    return None


def thresholds() -> Thresholds:
    """The hours each star level starts at: the meta key `star_hours` when it holds five
    ascending whole numbers above 0, else the national system's (DEFAULT)."""
    from kxtui.db.engine.models import database

    row = database.execute_sql("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return (parse(str(row[0])) if row else None) or DEFAULT


def level(hours: Decimal | int | float | Invalid, levels: Thresholds = DEFAULT) -> int:
    """The star level (0 to 5) of cumulative `hours`; 0 for hours out of range."""
    if isinstance(hours, Invalid):
        return 0
    return sum(hours >= threshold for threshold in levels)


def to_next(hours: Decimal | int | float | Invalid, levels: Thresholds = DEFAULT) -> Decimal | None:
    """Hours still missing to the next star level; None at 5★ or for hours out of range."""
    stars = level(hours, levels)
    if isinstance(hours, Invalid) or stars >= len(levels):
        return None
    return Decimal(levels[stars]) - Decimal(str(hours))


def hours_range(stars: int, levels: Thresholds) -> tuple[int, int | None]:
    """[low, high) of cumulative hours at exactly `stars` stars (high None: no limit)."""
    low = 0 if stars == 0 else levels[stars - 1]
    return low, levels[stars] if stars < len(levels) else None


def set_thresholds(levels: Thresholds) -> None:
    """Store the county's thresholds (county admins only), with an audit entry."""
    from kxtui.db.engine import scope
    from kxtui.db.engine.models import database
    from kxtui.db.engine.writes import write_transaction

    scope.require_admin()
    text = ",".join(map(str, levels))
    with write_transaction() as write:
        before = thresholds()
        database.execute_sql(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (META_KEY, text)
        )
        write.audit(
            "update", "meta", None, META_KEY,
            {META_KEY: [",".join(map(str, before)), text]},
        )  # fmt: skip
