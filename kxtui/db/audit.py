"""The audit log (审计日志): append-only entries, the region each belongs to, and the log's
pages, counts and entries for the audit screen and its export.

Entries are written by `writes.Write.audit`, which names the path of the record's region
(`region_path`): a region's log is one index range that needs no join and keeps the entries
of deleted records. Who may read which entries is decided in one place, `where_clause`: a
county admin sees every entry, other officers the entries of records in their view subtree
(entries of the database as a whole, with no region, only the whole-database readers).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from kxtui.db.audit_names import record_names
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.keyset import Sort, page_ids, region_subtree
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.rows import AuditChange, AuditDetail, AuditFilter, AuditRow, AuditWriter
from kxtui.db.search import like_escape

# -- the log --------------------------------------------------------------------------------

SORT: Sort = (("e.id", True),)  # newest first: ids follow the order writes committed in
_UNDONE = """EXISTS (SELECT 1 FROM audit_entry u
  WHERE u.entity = e.entity AND u.entity_id = e.entity_id AND u.undoes = e.id)"""
# the account written as, beside the Unix user (`actor`): a county admin acts `--as` others
ACCOUNT = "COALESCE((SELECT user_name FROM officer_account WHERE id = e.officer_id), '')"
_COLUMNS = f"""e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.summary,
  COALESCE((SELECT name FROM region WHERE path = e.region_path), ''), e.undoes, {_UNDONE},
  {ACCOUNT}"""


def where_clause(f: AuditFilter) -> tuple[list[str], dict[str, Any]]:
    """The filter as SQL conditions over e (audit_entry), within the officer's view: the one
    place that decides which entries a reader sees."""
    params: dict[str, Any] = {}
    conditions = scope.view_sql("e.region_path", params)
    if f.actor is not None:
        conditions.append("e.actor = :actor")
        params["actor"] = f.actor
    if f.region_id is not None:
        region_subtree(f.region_id, params)
        conditions.append("e.region_path >= :lo AND e.region_path < :hi")
    if f.entity is not None:
        conditions.append("e.entity = :entity")
        params["entity"] = f.entity
    if f.start is not None:
        conditions.append("e.at >= :start")
        params["start"] = f.start.isoformat()
    if f.end is not None:
        conditions.append("e.at < :end")  # stored as "2026-11-20 09:30:00": before the next day
        params["end"] = (f.end + timedelta(days=1)).isoformat()
    if f.text.strip():
        params["text"] = f"%{like_escape(f.text.strip())}%"
        conditions.append(_TEXT)
    return conditions or ["1"], params


# the search: what the log shows of an entry (summary, region, officer) by its characters
_TEXT = """(e.summary LIKE :text ESCAPE '\\' OR e.actor LIKE :text ESCAPE '\\'
  OR (SELECT name FROM region WHERE path = e.region_path) LIKE :text ESCAPE '\\'
  OR (SELECT name FROM officer_account WHERE id = e.officer_id) LIKE :text ESCAPE '\\')"""


def _at(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _row(raw: tuple[Any, ...]) -> AuditRow:
    id_, at, actor, action, entity, entity_id, summary, region, undoes, undone, account = raw
    return AuditRow(id_, _at(at), actor, action, entity, entity_id, summary or "", region,
                    undoes, bool(undone), (id_,), account)  # fmt: skip


def page(
    f: AuditFilter,
    *,
    after: tuple[Any, ...] | None = None,
    before: tuple[Any, ...] | None = None,
    offset: int = 0,
    limit: int = 100,
) -> tuple[AuditRow, ...]:
    """Up to `limit` entries, newest first (keyset paging as in `ledger.page`)."""
    conditions, params = where_clause(f)
    ids, order, forward = page_ids(
        "SELECT e.id FROM audit_entry e", conditions, params, SORT,
        after=after, before=before, offset=offset, limit=limit,
    )  # fmt: skip
    sql = f"SELECT {_COLUMNS} FROM audit_entry e WHERE e.id IN ({ids}) ORDER BY {order}"
    rows = [_row(raw) for raw in database.execute_sql(sql, params).fetchall()]
    return tuple(rows if forward else reversed(rows))


def count(f: AuditFilter) -> int:
    """How many entries the filter selects."""
    conditions, params = where_clause(f)
    sql = f"SELECT COUNT(*) FROM audit_entry e WHERE {' AND '.join(conditions)}"
    return database.execute_sql(sql, params).fetchone()[0]


def writers() -> tuple[AuditWriter, ...]:
    """Everyone who has written in the officer's view, in login-name order (the actor
    index), with the name of their officer account."""
    conditions, params = where_clause(AuditFilter())
    rows = database.execute_sql(
        "SELECT w.actor, COALESCE(o.name, '') FROM (SELECT DISTINCT e.actor FROM audit_entry e"
        f" WHERE {' AND '.join(conditions)}) w"
        " LEFT JOIN officer_account o ON o.user_name = w.actor ORDER BY w.actor",
        params,
    )
    return tuple(
        AuditWriter(user, name, (user.lower(), name, *pinyin_keys(name, person=True)))
        for user, name in rows.fetchall()
    )


def changes_of(text: str, action: str) -> tuple[AuditChange, ...]:
    """The fields of an entry's `changes`. Entries written before schema v6 held the plain
    values of a created or deleted record: shown as new (created) or old (deleted) values."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return ()
    out = []
    for field, value in data.items():
        if isinstance(value, list) and len(value) == 2:
            out.append(AuditChange(field, value[0], value[1]))
        elif action == "delete":
            out.append(AuditChange(field, value, None))
        else:
            out.append(AuditChange(field, None, value))
    return tuple(out)


def detail(entry_id: int) -> AuditDetail | None:
    """One entry with the before and after values of each field it changed and the names of
    the records they refer to (None outside the officer's view)."""
    conditions, params = where_clause(AuditFilter())
    params["entry"] = entry_id
    sql = (
        f"SELECT {_COLUMNS}, e.changes FROM audit_entry e"
        f" WHERE e.id = :entry AND {' AND '.join(conditions)}"
    )
    raw = database.execute_sql(sql, params).fetchone()
    if raw is None:
        return None
    row = _row(raw[:-1])
    changes = changes_of(raw[-1], row.action)
    return AuditDetail(row, changes, record_names(changes))


def entries(f: AuditFilter) -> Iterator[AuditDetail]:
    """Every entry of the filter with its changes and the names they refer to, oldest first
    (for an export): the names are looked up once per batch of entries."""
    conditions, params = where_clause(f)
    sql = (
        f"SELECT {_COLUMNS}, e.changes FROM audit_entry e WHERE {' AND '.join(conditions)} "
        "ORDER BY e.id"
    )
    cursor = database.execute_sql(sql, params)
    while batch := cursor.fetchmany(500):
        rows = [_row(raw[:-1]) for raw in batch]
        changes = [changes_of(raw[-1], row.action) for raw, row in zip(batch, rows, strict=True)]
        names = record_names(change for one in changes for change in one)
        for row, one in zip(rows, changes, strict=True):
            yield AuditDetail(row, one, names)
