"""The account a database starts with, and the name the demo build writes as: shared by the
demo builders and by the migration that gives an old demo file its admin (which must not
import the demo, nor the officers module that opens databases, to keep the modules acyclic)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kxtui.domain import AccessRole

DEMO_ACTOR = "kxtui-demo"  # created_by / updated_by / audit actor of what the demo build writes


def admin_record(user: str) -> dict[str, object]:
    """The columns of a county admin of the whole database (the demo build inserts it)."""
    return {"user_name": user, "name": user, "role": AccessRole.COUNTY_ADMIN, "active": True}


def demo_stamp(at: datetime) -> dict[str, Any]:
    """Tracked-field values of a record the demo build made at `at`."""
    return {"created_at": at, "created_by": DEMO_ACTOR, "updated_at": at,
            "updated_by": DEMO_ACTOR, "version": 1}  # fmt: skip
