"""Keyset pagination shared by the ledger and the roster: a page starts after (or ends
before) the sort key of a row already shown, so page 1,000 costs what page 1 costs."""

from __future__ import annotations

from typing import Any

from kxtui.db.engine.models import Region
from kxtui.db.regions import subtree_bounds

Sort = tuple[tuple[str, bool], ...]  # the key columns, each (SQL expression, descending)


def region_subtree(region_id: int, params: dict[str, Any]) -> None:
    """Sets params lo and hi: region paths p with lo <= p < hi are the region's subtree (a
    missing region: none)."""
    path = Region.select(Region.path).where(Region.id == region_id).scalar() or "/-/"
    params["lo"], params["hi"] = subtree_bounds(path)


def keyset_after(columns: Sort, key: tuple[Any, ...], forward: bool) -> str:
    """Rows strictly after `key` in the sort order (before it when not `forward`)."""
    ors = []
    for i, (column, desc) in enumerate(columns):
        op = "<" if desc == forward else ">"
        equal = [f"{c} = :key{j}" for j, (c, _) in enumerate(columns[:i])]
        ors.append("(" + " AND ".join([*equal, f"{column} {op} :key{i}"]) + ")")
    return "(" + " OR ".join(ors) + ")"


def order_by(columns: Sort, forward: bool) -> str:
    """The ORDER BY of the sort (reversed when not `forward`)."""
    return ", ".join(f"{c} {'DESC' if desc == forward else 'ASC'}" for c, desc in columns)


def page_ids(
    select_id: str,
    conditions: list[str],
    params: dict[str, Any],
    columns: Sort,
    *,
    after: tuple[Any, ...] | None,
    before: tuple[Any, ...] | None,
    offset: int,
    limit: int,
) -> tuple[str, str, bool]:
    """The SQL of a page's ids (`select_id` is "SELECT x.id FROM ..."): the first `limit`
    rows, the ones after the key `after`, the ones just before `before` (read backwards), or
    for a far jump the ones from `offset`. Returns (that SQL, its ORDER BY, forward); adds
    its parameters to `params`. Callers read the page's columns for those ids alone, in the
    same order, and reverse a backward page."""
    forward = before is None
    key = after if forward else before
    conditions = list(conditions)
    if key is not None:
        conditions.append(keyset_after(columns, key, forward))
        params.update({f"key{i}": value for i, value in enumerate(key)})
    order = order_by(columns, forward)
    params.update(limit=limit, offset=offset if key is None else 0)
    ids = (
        f"{select_id} WHERE {' AND '.join(conditions)} ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    return ids, order, forward
