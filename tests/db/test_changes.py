"""What changed, for the views: a write of this process is announced at once with the records
it wrote; another connection's commit within the watcher's interval; a draft or nothing at
all announces nothing and reads nothing but data_version."""

from __future__ import annotations

import queue
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kxtui.db import activities
from kxtui.db.drafts import save_draft
from kxtui.db.engine import changes
from kxtui.db.engine.changes import Change, Watcher
from kxtui.db.engine.models import Region
from kxtui.db.rows import ActivityInput

TICK = 0.05  # the watcher's interval in these tests


@pytest.fixture
def announced(demo_db: Path) -> Iterator[queue.Queue[Change]]:
    """The changes a watcher on its own connection announces."""
    got: queue.Queue[Change] = queue.Queue()
    connection = sqlite3.connect(demo_db, check_same_thread=False)
    watcher = Watcher(connection, got.put, interval=TICK)
    watcher.start()
    time.sleep(3 * TICK)  # it has read where the log stands
    yield got
    watcher.stop()
    connection.close()


def new_activity(title: str) -> int:
    town = Region.get(Region.name == "阜安街道")
    return activities.create_activity(ActivityInput(
        title=title, start="2026-11-01", end="", duration="2", region_id=town.id,
        format="lecture", people_reached="10", materials="0", confirmed=True,
    ))  # fmt: skip


def test_a_write_of_this_process_is_announced_with_its_records(
    announced: queue.Queue[Change],
) -> None:
    activity_id = new_activity("变化通知")
    change = announced.get(timeout=5)
    assert change.ids("activity") == {activity_id}
    assert change.touches("activity") and not change.touches("volunteer")
    assert announced.empty()


def test_another_connections_commit_is_announced(
    announced: queue.Queue[Change], demo_db: Path
) -> None:
    """A commit no `committed()` call tells of (another process's) is seen by data_version."""
    other = sqlite3.connect(demo_db)
    with other:
        other.execute(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, changes)"
            " VALUES ('2026-11-20 09:30', 'wang', 'update', 'volunteer', 7, '', '{}')"
        )
    other.close()
    assert announced.get(timeout=5) == Change(frozenset({("volunteer", 7)}))


def test_drafts_and_quiet_announce_nothing_and_read_no_log(demo_db: Path) -> None:
    got: queue.Queue[Change] = queue.Queue()
    connection = sqlite3.connect(demo_db, check_same_thread=False)
    watcher = Watcher(connection, got.put, interval=TICK)
    watcher.start()
    try:
        time.sleep(10 * TICK)
        assert watcher.looks == 0  # ten ticks with nothing committed: data_version only
        save_draft("activity", "new:1", "草稿", {"values": {"title": "草"}})
        time.sleep(10 * TICK)
        assert got.empty()  # the draft moved data_version, but recorded no entry
        assert watcher.looks == 1
    finally:
        watcher.stop()
        connection.close()


def test_a_change_too_large_to_list_is_everything(
    announced: queue.Queue[Change], demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(changes, "MOST", 2)
    other = sqlite3.connect(demo_db)
    with other:  # three entries in one commit (an import's)
        other.executemany(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, changes)"
            " VALUES ('2026-11-20 09:30', 'wang', 'import', 'volunteer', ?, '', '{}')",
            [(1,), (2,), (3,)],
        )
    other.close()
    change = announced.get(timeout=5)
    assert change.everything and change.touches("region")
