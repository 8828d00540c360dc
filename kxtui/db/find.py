"""Suggestions for the forms' pick lists: regions, venues and teams whose name contains the
text typed, or whose pinyin or initials start with it; only what lies in the officer's view.
"""

from __future__ import annotations

from typing import Any, cast

from peewee import fn

from kxtui.db.engine import scope
from kxtui.db.engine.models import Region, Rows, Team, Venue
from kxtui.db.pinyin import search_key
from kxtui.db.regions import subtree_bounds
from kxtui.db.rows import Choice

SUGGESTIONS = 12  # the most a pick list shows


def name_matches(model: Any, text: str) -> Any:
    """Rows whose name contains `text`, or whose pinyin / initials start with its key."""
    key = search_key(text)
    condition = model.name.contains(text)
    if key:
        condition |= model.pinyin.startswith(key) | model.initials.startswith(key)
        if len(key) >= 2:
            condition |= model.initials.contains(key)
    return condition


def _county_bounds(region_id: int | None) -> tuple[str, str] | None:
    """The index range of the county the region belongs to (its top-level ancestor)."""
    region = Region.get_or_none(Region.id == region_id) if region_id else None
    if region is None:
        return None
    return subtree_bounds("/" + region.path.strip("/").split("/")[0] + "/")


def _subtree_bounds(region_id: int | None) -> tuple[str, str] | None:
    region = Region.get_or_none(Region.id == region_id) if region_id else None
    return subtree_bounds(region.path) if region is not None else None


def find_venues(region_id: int | None, text: str) -> tuple[Choice, ...]:
    """Venues in the region's subtree (the officer's view when no region is chosen) matching
    `text`; like every `find_*`, only what lies in the officer's view."""
    region = Region.get_or_none(Region.id == region_id) if region_id else None
    query = Venue.select(Venue.id, Venue.name, Region.name).join(Region)
    query = query.where(scope.in_view(Region.path))
    if region is not None:
        lo, hi = subtree_bounds(region.path)
        query = query.where(Region.path >= lo, Region.path < hi)
    if text.strip():
        query = query.where(name_matches(Venue, text.strip()))
    rows = query.order_by(Region.path, Venue.sort_order).limit(SUGGESTIONS).tuples()
    return tuple(Choice(i, name, where) for i, name, where in cast(Rows, rows))


def find_regions(text: str) -> tuple[Choice, ...]:
    if not text.strip():
        return ()
    rows = (
        Region.select(Region.id, Region.name, Region.kind)
        .where(name_matches(Region, text.strip()), scope.in_view(Region.path))
        .order_by(Region.path)
        .limit(SUGGESTIONS)
        .tuples()
    )
    return tuple(Choice(i, name, kind) for i, name, kind in cast(Rows, rows))


def find_regions_below(region_id: int | None, text: str) -> tuple[Choice, ...]:
    """Regions strictly inside `region_id`'s subtree (its towns first) matching `text`; with
    no text, its child regions."""
    region = Region.get_or_none(Region.id == region_id) if region_id else None
    query = Region.select(Region.id, Region.name, Region.kind).where(scope.in_view(Region.path))
    if region is not None:
        lo, hi = subtree_bounds(region.path)
        query = query.where(Region.path > lo, Region.path < hi)
    if text.strip():
        query = query.where(name_matches(Region, text.strip()))
    elif region is not None:
        query = query.where(Region.parent == region.id)
    else:
        query = query.where(Region.parent.is_null())
    rows = query.order_by(fn.LENGTH(Region.path), Region.sort_order).limit(SUGGESTIONS).tuples()
    return tuple(Choice(i, name, kind) for i, name, kind in cast(Rows, rows))


def find_teams(region_id: int | None, text: str, *, subtree: bool = False) -> tuple[Choice, ...]:
    """Teams of the region's county (with `subtree`, of the region's own subtree) whose name
    matches `text`."""
    query = Team.select(Team.id, Team.name, Region.name).join(Region)
    query = query.where(scope.in_view(Region.path), Team.dissolved_at.is_null())
    bounds = _subtree_bounds(region_id) if subtree else _county_bounds(region_id)
    if bounds:
        query = query.where(Region.path >= bounds[0], Region.path < bounds[1])
    if text.strip():
        query = query.where(name_matches(Team, text.strip()))
    rows = query.order_by(Team.level, Team.sort_order).limit(SUGGESTIONS).tuples()
    return tuple(Choice(i, name, where) for i, name, where in cast(Rows, rows))
