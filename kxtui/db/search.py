"""Jump-to search over regions and venues by characters, full pinyin or pinyin initials."""

from __future__ import annotations

from typing import cast

from kxtui.db.engine import scope
from kxtui.db.engine.models import Region, Rows, database
from kxtui.db.pinyin import search_key
from kxtui.db.rows import NodeRef, SearchHit

LIMIT = 50


def like_escape(text: str) -> str:
    """`text` for a LIKE pattern with ESCAPE '\\': its % and _ match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# rank: exact name, name prefix, exact initials, pinyin prefix, initials prefix, name contains,
# initials contain ("kp" finds 阜安街道科普活动中心), pinyin contains (3+ letters, fewer is noise)
_RANKED = """
SELECT '{node}', x.id, x.name, x.{type_col}, {path_expr},
  CASE WHEN x.name = :q THEN 0
       WHEN x.name LIKE :q_prefix ESCAPE '\\' THEN 1
       WHEN :k <> '' AND x.initials = :k THEN 2
       WHEN :k <> '' AND x.pinyin LIKE :k_prefix ESCAPE '\\' THEN 3
       WHEN :k <> '' AND x.initials LIKE :k_prefix ESCAPE '\\' THEN 4
       WHEN x.name LIKE :q_contains ESCAPE '\\' THEN 5
       WHEN length(:k) >= 2 AND x.initials LIKE :k_contains ESCAPE '\\' THEN 6
       ELSE 7 END AS rank,
  length(x.name), x.pinyin
FROM {table} x {join}
WHERE ({view}) AND (x.name LIKE :q_contains ESCAPE '\\'
   OR (:k <> '' AND (x.pinyin LIKE :k_prefix ESCAPE '\\' OR x.initials LIKE :k_prefix ESCAPE '\\'))
   OR (length(:k) >= 2 AND x.initials LIKE :k_contains ESCAPE '\\')
   OR (length(:k) >= 3 AND x.pinyin LIKE :k_contains ESCAPE '\\'))
"""


def _sql(params: dict[str, object]) -> str:
    """Regions and venues in the officer's view."""
    regions = " AND ".join(scope.view_sql("x.path", params)) or "1"
    venues = " AND ".join(scope.view_sql("r.path", params)) or "1"
    return (
        _RANKED.format(
            node="region", type_col="kind", path_expr="x.path", table="region", join="",
            view=regions,
        )
        + " UNION ALL "
        + _RANKED.format(
            node="venue", type_col="type", path_expr="r.path", table="venue",
            join="JOIN region r ON r.id = x.region_id", view=venues,
        )
        + " ORDER BY 6, 7, 8 LIMIT :limit"
    )  # fmt: skip


def search(query: str, limit: int = LIMIT) -> tuple[SearchHit, ...]:
    """Regions and venues in the officer's view matching `query`, best first: "jzs",
    "jiaozhou", "胶州" → 胶州市. Each hit's path starts at the view root."""
    text = query.strip()
    if not text:
        return ()
    key = search_key(text)
    params = {
        "q": text,
        "q_prefix": like_escape(text) + "%",
        "q_contains": "%" + like_escape(text) + "%",
        "k": key,
        "k_prefix": like_escape(key) + "%",
        "k_contains": "%" + like_escape(key) + "%",
        "limit": limit,
    }
    rows = database.execute_sql(_sql(params), params).fetchall()
    ancestor_ids = {i for row in rows for i in scope.visible_ids(row[4])}
    names: dict[int, str] = (
        dict(
            cast(
                Rows,
                Region.select(Region.id, Region.name).where(Region.id.in_(ancestor_ids)).tuples(),
            )
        )
        if ancestor_ids
        else {}
    )
    hits = []
    for node, id_, name, type_, path, *_ in rows:
        ids = scope.visible_ids(path)
        if node == "region":
            ids = ids[:-1]
        hits.append(SearchHit(NodeRef(node, id_), name, type_, tuple(names[i] for i in ids)))
    return tuple(hits)
