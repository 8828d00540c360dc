"""Writing the checked rows of a volunteer sheet inside the import's transaction: new
volunteers in bulk (with their domains, teams, audit entries, search keys and service
totals), registered ones one by one as the form saves them."""

from __future__ import annotations

import sqlite3
from operator import itemgetter
from typing import Any, NamedTuple

from kxtui.db.engine import volunteer_index
from kxtui.db.engine.writes import (
    BulkAudit,
    Write,
    created,
)
from kxtui.db.pinyin import sort_key, syllables
from kxtui.db.rows import VolunteerInput
from kxtui.db.sheets.columns import Progress
from kxtui.db.volunteers import save_changes

WRITE_BATCH = 5000
STORED = (
    "name, gender, mobile, id_number, birth_date, region_id, skills, platform_registered, "
    "platform_id, is_student, active, joined_on, notes"
)
_VOLUNTEER_COLUMNS = (
    "id, created_at, created_by, updated_at, updated_by, version, pinyin, initials, "
    + STORED
    + ", id_number_valid, sort_key"
)
# a checked row's values in the order of STORED (its "region" is the region_id)
_STORED_VALUES = itemgetter(*(c.strip() for c in STORED.replace("region_id", "region").split(",")))


class Checked(NamedTuple):
    """A row that passed the form's checks, as it will be written."""

    row: int
    data: VolunteerInput  # as the row gives it
    given: frozenset[str]  # the input fields the row fills (an update replaces those)
    values: dict[str, Any]
    domains: tuple[str, ...]
    teams: tuple[int, ...]


class Update(NamedTuple):
    """A registered volunteer the row changes (on_duplicate "update"): before and after."""

    row: int
    volunteer_id: int
    before: dict[str, Any]
    values: dict[str, Any]
    domains: tuple[str, ...]
    teams: tuple[int, ...]


def insert_plans(
    connection: Any, write: Write, file_name: str, plans: list[Checked], progress: Progress
) -> None:
    """Bulk inserts inside the caller's transaction (which holds the write lock, so the next
    ids are ours): volunteers, domains, memberships and audit entries a batch at a time, then
    every search key in key order, then the service totals."""
    if not plans:
        return
    first = connection.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM volunteer").fetchone()[0]
    audit = BulkAudit(connection, write, "volunteer")
    stamp = (audit.at, write.actor, audit.at, write.actor, 1)
    joined = sqlite3.adapt(write.at.date(), sqlite3.PrepareProtocol)
    keys = []  # (id, name, mobile, syllables, sort key): indexed once all are written
    total = len(plans)
    for start in range(0, total, WRITE_BATCH):
        volunteers, domains, teams = [], [], []
        for offset, plan in enumerate(plans[start : start + WRITE_BATCH], start=start):
            volunteer_id = first + offset
            v = plan.values
            name = v["name"]
            parts = syllables(name, person=True)  # once for the pinyin and the keys
            sort = sort_key(name)
            volunteers.append(
                (
                    volunteer_id,
                    *stamp,
                    "".join(parts),
                    "".join([p[0] for p in parts]),
                    *_STORED_VALUES(v),
                    1 if v["id_number"] else None,
                    sort,
                )
            )  # fmt: skip  (the ID number, if any, passed the form's checks: valid)
            domains += [(volunteer_id, domain) for domain in plan.domains]
            teams += [(team, volunteer_id, joined) for team in plan.teams]
            keys.append((volunteer_id, name, v["mobile"], parts, sort))
            changes = created(v)
            changes["domains"] = [None, plan.domains]
            changes["teams"] = [None, plan.teams]
            changes["source"] = [None, f"{file_name}:{plan.row}"]
            audit.add(volunteer_id, name, changes, audit.paths[v["region"]])
        connection.executemany(
            f"INSERT INTO volunteer ({_VOLUNTEER_COLUMNS}) VALUES ({', '.join('?' * 23)})",
            volunteers,
        )
        connection.executemany(
            "INSERT INTO volunteer_domain (volunteer_id, domain) VALUES (?, ?)", domains
        )
        connection.executemany(
            "INSERT INTO team_membership (team_id, volunteer_id, joined_on) VALUES (?, ?, ?)",
            teams,
        )
        audit.flush()
        progress("sheet.stage_write", min(start + WRITE_BATCH, total), total)
    volunteer_index.index_new(keys)
    volunteer_index.refresh_service(range(first, first + total))
    audit.done()


def update_one(write: Write, file_name: str, update: Update) -> None:
    """One registered volunteer changed as `volunteers.update_volunteer` changes them."""
    save_changes(write, update.volunteer_id, update.before, update.values, update.domains,
                 update.teams, source=f"{file_name}:{update.row}")  # fmt: skip
