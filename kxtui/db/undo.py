"""Undo (撤销): an officer reverses one of their own recent changes from the audit log.

Only the officer's own entries of the last `UNDO_HOURS` hours, each once, and only while no
later change touched the record: the audit log is complete and append-only, so a later entry
of the same record is exactly "the record changed since" (someone saved over it, or it was
undone already). The undo is a write of its own, audited as action "undo" with `undoes`
naming the entry it reverses.

- update → the changed fields get their old values back;
- create or import of an activity, or its restore → soft delete; delete → restore;
- delete of a region or venue → the record is put back as it was (same id);
- a team's update (fields, move, members) or dissolve → `team_writes.undo_change`;
- create of a region, venue, volunteer or team → refused: delete (dissolve) it instead
  (kxtui does not hard-delete on an undo).

Nothing is undone into a team dissolved since: neither a change of the team nor a
volunteer's leaving it (the refusal names the team).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from peewee import IntegrityError

from kxtui.db import activities, team_writes, volunteers
from kxtui.db.audit import changes_of
from kxtui.db.audit_text import writer
from kxtui.db.engine import scope, volunteer_index
from kxtui.db.engine.models import Activity, AuditEntry, Region, Team, Tracked, Venue, Volunteer
from kxtui.db.engine.writes import Write, created, write_transaction
from kxtui.db.errors import RefusedError
from kxtui.db.pinyin import pinyin_keys, sort_key
from kxtui.db.rows import AuditChange

UNDO_HOURS = 24
MODELS: dict[str, type[Tracked]] = {
    "region": Region,
    "venue": Venue,
    "activity": Activity,
    "volunteer": Volunteer,
    "team": Team,
}
_NAME = {"region": "name", "venue": "name", "activity": "title", "volunteer": "name"}


def undo(entry_id: int) -> int:
    """Reverse audit entry `entry_id`; returns the undo's own entry id. Refuses (RefusedError
    with a message key `undo.*`) what cannot be undone."""
    with write_transaction() as write:
        entry = AuditEntry.get_or_none(AuditEntry.id == entry_id)
        if entry is None:
            raise RefusedError("refused.gone")
        _check(write, entry)
        fields = changes_of(entry.changes, entry.action)
        try:
            changes = _reverse(write, entry, fields)
        except IntegrityError as error:  # a name taken meanwhile, a parent gone ...
            raise RefusedError("undo.blocked", reason=str(error)) from error
        write.audit("undo", entry.entity, entry.entity_id, entry.summary, changes, undoes=entry.id)
        return write.audited[-1]


def _yours(write: Write, entry: AuditEntry) -> bool:
    """Whether the entry was written as the account this write is made as (a county admin
    acting `--as` two officers is two people here); by the Unix user only where neither has
    an account (tests, tools, entries from before accounts)."""
    if entry.officer_id is None and write.officer_id is None:
        return entry.actor == write.actor
    return entry.officer_id == write.officer_id


def _check(write: Write, entry: AuditEntry) -> None:
    if not _yours(write, entry):
        raise RefusedError("undo.not_yours", actor=writer_of(entry))
    if entry.at < write.at - timedelta(hours=UNDO_HOURS):
        raise RefusedError("undo.too_old", hours=UNDO_HOURS)
    if entry.action == "undo" or entry.entity not in MODELS or entry.entity_id is None:
        raise RefusedError("undo.not_undoable")
    path = entry.region_path  # the officer's area may have changed since
    if path is not None and not scope.can_edit(path):
        label, area = scope.region_label(path), scope.session().edit_name
        raise RefusedError("refused.out_of_scope", region=label, scope=area)
    _refuse_dissolved(entry)
    later = (
        AuditEntry.select(
            AuditEntry.id, AuditEntry.actor, AuditEntry.officer, AuditEntry.at, AuditEntry.undoes
        )
        .where(
            AuditEntry.entity == entry.entity,
            AuditEntry.entity_id == entry.entity_id,
            AuditEntry.id > entry.id,
        )
        .order_by(AuditEntry.id.desc())
        .first()
    )
    if later is not None and later.undoes == entry.id:
        raise RefusedError("undo.already")
    if later is not None:
        raise RefusedError("undo.changed_since", by=writer_of(later), at=str(later.at)[:16])


def _refuse_dissolved(entry: AuditEntry) -> None:
    """Refuse, naming the team, an undo that would change a team dissolved since or put a
    volunteer back into one."""
    if entry.entity == "team":
        teams = [] if entry.action == "dissolve" else [entry.entity_id]
    elif entry.entity == "volunteer":
        change = {c.field: c for c in changes_of(entry.changes, entry.action)}.get("teams")
        teams = sorted(set(change.old or []) - set(change.new or [])) if change else []
    else:
        return
    dissolved = Team.select(Team.name).where(Team.id.in_(teams), Team.dissolved_at.is_null(False))
    name = dissolved.order_by(Team.id).limit(1).scalar() if teams else None
    if name is not None:
        raise RefusedError("undo.team_dissolved", team=name)


def writer_of(entry: AuditEntry) -> str:
    """Who wrote the entry: the Unix user, and the account acted as when it is another."""
    if entry.officer_id is None:
        return writer(entry.actor, "")
    account = entry.officer
    assert account is not None  # with an officer_id set, peewee fetches the account or raises
    return writer(entry.actor, account.user_name)


def _reverse(
    write: Write, entry: AuditEntry, fields: tuple[AuditChange, ...]
) -> dict[str, list[Any]]:
    """Make the change undone; returns the undo's own {"field": [old, new]}."""
    entity, action, record_id = entry.entity, entry.action, entry.entity_id
    assert record_id is not None  # _check refused an entry that names no record
    if entity == "activity" and action in ("create", "import", "restore", "delete"):
        deleting = action != "delete"
        activity = activities.set_deleted(write, record_id, deleting)
        if (activity.deleted_at is not None) == deleting:
            raise RefusedError("undo.not_undoable")
        return {"deleted": [not deleting, deleting]}
    if entity == "team" and action in ("update", "dissolve"):
        old, new = {c.field: c.old for c in fields}, {c.field: c.new for c in fields}
        return team_writes.undo_change(write, record_id, action, old, new)
    if action == "update":
        _put_back(write, entity, record_id, {c.field: c.old for c in fields})
        return {c.field: [c.new, c.old] for c in fields}
    if action == "delete" and entity in ("region", "venue"):
        old = {c.field: c.old for c in fields}
        _insert_again(write, MODELS[entity], record_id, old)
        return created(old)
    if action == "create":
        raise RefusedError("undo.create_kept")
    raise RefusedError("undo.not_undoable")


def _put_back(write: Write, entity: str, record_id: int, values: dict[str, Any]) -> None:
    """Give a record's fields these values again (and what kxtui keeps beside them: search
    keys, service records, teams and domains)."""
    model = MODELS[entity]
    record = model.get_or_none(model.id == record_id)
    if record is None:
        raise RefusedError("refused.gone")
    if isinstance(record, Activity):  # neither out of a closed period nor into one
        activities.refuse_closed(record.region_id, record.start_date)
        day = values.get("start_date") or record.start_date
        activities.refuse_closed(values.get("region") or record.region_id, day)
    columns = {k: v for k, v in values.items() if k in model._meta.fields}
    name = columns.get(_NAME[entity])
    if name is not None:
        full, initials = pinyin_keys(name, person=entity == "volunteer")
        columns.update(pinyin=full, initials=initials)
        if entity == "volunteer":
            columns["sort_key"] = sort_key(name)
    model.update(**columns, **write.touch(model)).where(model.id == record_id).execute()
    if entity == "activity" and "service" in values:
        served = {
            volunteer: None if hours is None else Decimal(str(hours))
            for volunteer, hours in values["service"]
        }
        activities.write_service(record_id, served)
    if entity == "volunteer":
        assert isinstance(record, Volunteer)  # MODELS["volunteer"]
        links = volunteers.links(record_id)
        if "domains" in values or "teams" in values:
            domains = tuple(values.get("domains", links["domains"]))
            teams = tuple(values.get("teams", links["teams"]))
            volunteers.write_links(record_id, domains, teams, write.at.date())
        fresh = Volunteer.get_by_id(record_id)
        volunteer_index.unindex(record_id, record.name, record.mobile)
        volunteer_index.index([(record_id, fresh.name, fresh.mobile)])
        volunteer_index.check_id_numbers([record_id])


def _insert_again(write: Write, model: type[Tracked], record_id: int, old: dict[str, Any]) -> None:
    if model.get_or_none(model.id == record_id) is not None:
        raise RefusedError("undo.blocked", reason=f"#{record_id}")
    fields = model._meta.columns
    row = {fields[column]: value for column, value in old.items() if column in fields}
    version = int(old.get("version") or 0) + 1
    touched = {"version": version, "updated_at": write.at, "updated_by": write.actor}
    row.update({fields[column]: value for column, value in touched.items()})
    model.insert(row).execute()
