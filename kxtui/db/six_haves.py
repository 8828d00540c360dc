"""The six haves (六有) of a venue, one rule wherever they are counted (the tree, a region's
shortfalls, a venue's detail and form): five are the officer's judgement, ticked on the venue
form; 有活动 is what the ledger says — an activity at the venue, not deleted, in the last
12 months — so a venue with no activity logged cannot show it met."""

from __future__ import annotations

from datetime import date

from kxtui.domain import SixHave

TICKED: tuple[SixHave, ...] = tuple(item for item in SixHave if item != SixHave.ACTIVITIES)

# an activity at venue {venue} in the window; one index probe of activity.venue_id per venue
HELD_SQL = (
    "EXISTS (SELECT 1 FROM activity a WHERE a.venue_id = {venue}.id AND a.deleted_at IS NULL"
    " AND a.start_date > :six_since AND a.start_date <= :six_today)"
)


def window(today: date) -> dict[str, object]:  # (callers add their own parameters)
    """The parameters of `met_sql`: the 12 months up to `today`."""
    try:
        since = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        since = date(today.year - 1, 2, 28)
    return {"six_since": since.isoformat(), "six_today": today.isoformat()}


def met_sql(venue: str = "v") -> dict[SixHave, str]:
    """Per item, an SQL condition that holds when venue `venue` (a table alias) meets it: a
    tick of exactly 1 (`codes.flag` reads anything else as no flag kxtui wrote)."""
    return {
        item: HELD_SQL.format(venue=venue)
        if item == SixHave.ACTIVITIES
        else f"({venue}.six_{item.value} IS 1)"  # a stored 7 or 'yes' is no tick
        for item in SixHave
    }


def met_count_sql(venue: str = "v") -> str:
    """How many of the six the venue meets (0-6)."""
    return " + ".join(f"({condition})" for condition in met_sql(venue).values())
