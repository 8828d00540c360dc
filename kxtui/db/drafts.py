"""Form drafts: what an officer had typed into a form that was not saved yet.

Drafts are the officer's own scratch, not records: they are written without an audit entry
(an entry per autosave would bury the audit log) but, like every write, in one transaction
that takes the write lock up front.
"""

from __future__ import annotations

import json
from typing import Any

from kxtui import clock
from kxtui.db.engine.models import FormDraft, database
from kxtui.db.engine.writes import current_actor
from kxtui.db.rows import Draft


def save_draft(form: str, target: str, summary: str, data: dict[str, Any]) -> None:
    """Keep (or replace) the draft of one form."""
    with database.atomic("IMMEDIATE"):
        FormDraft.insert(
            actor=current_actor(),
            form=form,
            target=target,
            summary=summary,
            data=json.dumps(data, ensure_ascii=False),
            updated_at=clock.now(),
        ).on_conflict(
            conflict_target=[FormDraft.actor, FormDraft.form, FormDraft.target],
            preserve=[FormDraft.summary, FormDraft.data, FormDraft.updated_at],
        ).execute()


def forget_draft(form: str, target: str) -> None:
    """Remove a draft once its form is saved or discarded."""
    with database.atomic("IMMEDIATE"):
        FormDraft.delete().where(
            FormDraft.actor == current_actor(), FormDraft.form == form, FormDraft.target == target
        ).execute()


def drafts() -> tuple[Draft, ...]:
    """This officer's unfinished forms, newest first."""
    rows = (
        FormDraft.select()
        .where(FormDraft.actor == current_actor())
        .order_by(FormDraft.updated_at.desc(), FormDraft.id.desc())
    )
    return tuple(
        Draft(row.form, row.target, row.summary, json.loads(row.data), row.updated_at)
        for row in rows
    )
