"""The names behind the ids an audit entry holds (its region, venue, organising team, the
volunteers who served), so the log shows 郭庄村, not 159.

A batch of entries costs one query per table it refers to; a record deleted since is named by
the last of its own audit entries (their summary is its name), and is otherwise unknown."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from kxtui.db.audit_text import REFERENCES
from kxtui.db.engine.models import database
from kxtui.db.rows import AuditChange, RecordNames


def referenced_ids(field: str, value: Any) -> Iterator[int]:
    """The ids a stored value of `field` names (none for a field of plain values)."""
    if field not in REFERENCES or value is None:
        return
    items = value if isinstance(value, list) else [value]
    for item in items:
        one = item[0] if isinstance(item, list) and item else item
        if isinstance(one, int) and not isinstance(one, bool):
            yield one


def record_names(changes: Iterable[AuditChange]) -> RecordNames:
    """{(table, id): name} of every record the changes refer to that has a name to show."""
    wanted: dict[str, set[int]] = {}
    for change in changes:
        for value in (change.old, change.new):
            wanted.setdefault(REFERENCES.get(change.field, ""), set()).update(
                referenced_ids(change.field, value)
            )
    names: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        if not ids:
            continue
        found = _in_table(table, ids)
        found.update(_from_log(table, ids - found.keys()))
        names.update(((table, record_id), name) for record_id, name in found.items())
    return names


def _marks(ids: set[int]) -> str:
    return ", ".join("?" * len(ids))


def _in_table(table: str, ids: set[int]) -> dict[int, str]:
    sql = f"SELECT id, name FROM {table} WHERE id IN ({_marks(ids)})"  # table: from REFERENCES
    return dict(database.execute_sql(sql, tuple(ids)).fetchall())


def _from_log(table: str, ids: set[int]) -> dict[int, str]:
    """Names of deleted records, as their latest audit entry summed them up."""
    if not ids:
        return {}
    rows = database.execute_sql(
        "SELECT entity_id, summary FROM audit_entry WHERE entity = ?"
        f" AND entity_id IN ({_marks(ids)}) AND summary != '' ORDER BY id",
        (table, *ids),
    )
    return dict(rows.fetchall())  # the latest entry of each record last
