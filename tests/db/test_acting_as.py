"""A county admin acting `--as` two officers is two officers: each change is recorded and shown
as the Unix user and the account acted as, and only that account may undo it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db import audit, officers, venues
from kxtui.db.engine import scope
from kxtui.db.engine.models import AuditEntry, OfficerAccount, Venue
from kxtui.db.errors import ConflictError, RefusedError
from kxtui.db.rows import AuditFilter, OfficerInput, VenueInput
from kxtui.db.undo import undo
from kxtui.domain import AccessRole
from tests.db.test_audit import last_id, town


def acting_as(account: str) -> None:
    """The Unix user "boss" (a county admin) runs kxtui `--as` the account."""
    scope.sign_in(officers.session_for("boss", OfficerAccount.get(user_name=account)))


@pytest.fixture
def venue_saved_as_li(demo_db: Path) -> tuple[int, int]:
    """boss, acting as li, changed a venue's phone: the venue and that entry."""
    for user in ("li", "wang"):
        officers.add_officer(OfficerInput(user, f"{user}姓名", AccessRole.COUNTY_ADMIN))
    venue = venues.create_venue(town().id, VenueInput("代办科普园", "science_park"))
    acting_as("li")
    venues.update_venue(venue, 1, VenueInput("代办科普园", "science_park", phone="13812345678"))
    return venue, last_id()


def test_the_log_records_and_shows_the_account_acted_as(venue_saved_as_li: tuple) -> None:
    _, entry = venue_saved_as_li
    assert AuditEntry.get_by_id(entry).actor == "boss"
    [row] = [r for r in audit.page(AuditFilter(), limit=5) if r.id == entry]
    assert (row.actor, row.account) == ("boss", "li")
    assert audit.detail(entry).row.account == "li"


def test_only_the_account_acted_as_may_undo(venue_saved_as_li: tuple) -> None:
    venue, entry = venue_saved_as_li
    acting_as("wang")
    with pytest.raises(RefusedError) as refused:
        undo(entry)
    assert refused.value.key == "undo.not_yours"
    assert refused.value.params == {"actor": "boss（代 li）"}
    acting_as("li")
    undo(entry)
    assert Venue.get_by_id(venue).phone == ""


def test_a_conflict_names_the_account_acted_as(venue_saved_as_li: tuple) -> None:
    venue, _ = venue_saved_as_li
    acting_as("wang")
    with pytest.raises(ConflictError) as conflict:
        venues.update_venue(venue, 1, VenueInput("代办科普园", "science_park", contact="王"))
    assert conflict.value.params["by"] == "boss（代 li）"
