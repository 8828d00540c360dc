"""Opening files: a first-schema database is upgraded after a copy; everything else refused."""

from __future__ import annotations

import hashlib
import pwd
import shutil
import sqlite3
from pathlib import Path

import pytest

from kxtui.db.engine import migrations
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Region, Venue
from kxtui.db.errors import OpenError
from kxtui.db.pinyin import sort_key

V1 = Path(__file__).parent / "fixtures" / "schema_v1.db"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def columns(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}


def indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in rows}


# Dropped in v4: each is the leading column of a composite index that stays.
REDUNDANT = {"service_record_activity_id", "service_record_volunteer_id", "activity_region_id"}
COMPOSITE = {
    "service_record_activity_id_volunteer_id",
    "service_record_volunteer_id_activity_id",
    "activity_region_id_start_date",
}


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    target = tmp_path / "county.db"
    shutil.copy(V1, target)
    return target


def test_the_fixture_really_is_the_first_schema(v1_copy: Path) -> None:
    assert "population" not in columns(v1_copy, "region")
    with sqlite3.connect(v1_copy) as connection:
        version = connection.execute("SELECT value FROM meta WHERE key='schema_version'")
        assert version.fetchone()[0] == "1"


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def test_old_database_is_copied_aside_then_upgraded(v1_copy: Path) -> None:
    before = dump(v1_copy)
    opened = open_database(v1_copy)
    assert opened.schema_version == migrations.SCHEMA_VERSION == 15
    assert opened.backup_path is not None and dump(opened.backup_path) == before
    assert Region.get(Region.name == "阜安街道").population is None
    assert Venue.get().six_feature_note == "特色待提炼"
    close_database()
    assert "population" in columns(v1_copy, "region")
    assert "duration" in columns(v1_copy, "activity")
    assert {"dissolved_at", "dissolved_by"} <= columns(v1_copy, "team")
    assert "phone" in columns(v1_copy, "officer_account")
    assert {"region_id", "start", "end", "closed_at", "reopened_at"} <= columns(
        v1_copy, "closed_period"
    )  # v13
    assert {"year", "code", "theme", "start", "end", "version"} <= columns(
        v1_copy, "calendar_entry"
    )
    assert {"volunteer_id", "title", "start_date", "hours", "source"} <= columns(
        v1_copy, "historical_hours"
    )  # v15
    assert {"number", "year", "sequence", "volunteer_id", "hours", "reprints"} <= columns(
        v1_copy, "certificate"
    )
    assert not REDUNDANT & indexes(v1_copy)
    assert open_database(v1_copy).backup_path is None  # already current: no second copy


def test_v7_adds_officer_accounts_and_keeps_the_audit_log(v1_copy: Path) -> None:
    with sqlite3.connect(v1_copy) as connection:
        connection.execute(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, changes)"
            " VALUES ('2026-05-30 10:00:00', 'wangli', 'update', 'venue', 1, '农家书屋', '{}')"
        )
        entries = connection.execute("SELECT * FROM audit_entry ORDER BY id").fetchall()
    assert entries and "officer_account" not in tables(v1_copy)
    open_database(v1_copy)
    close_database()
    assert "officer_account" in tables(v1_copy)
    assert "officer_id" in columns(v1_copy, "audit_entry")
    with sqlite3.connect(v1_copy) as connection:
        after = connection.execute(
            "SELECT id, at, actor, action, entity, entity_id, summary, changes, officer_id"
            " FROM audit_entry ORDER BY id"
        ).fetchall()
        assert connection.execute("SELECT COUNT(*) FROM officer_account").fetchone() == (0,)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    assert after == [(*entry, None) for entry in entries]  # written before accounts existed


def test_a_demo_from_before_accounts_opens_for_its_builder(demo_path: Path) -> None:
    """An older kxtui's demo (no accounts yet) gets its builder, the file's owner, as county
    admin — as a demo build does today — so `kxtui --demo` still opens it."""
    with sqlite3.connect(demo_path) as connection:
        connection.execute("DROP TABLE officer_account")
        connection.execute("UPDATE meta SET value='6' WHERE key='schema_version'")
    open_database(demo_path)
    close_database()
    owner = pwd.getpwuid(demo_path.stat().st_uid).pw_name
    with sqlite3.connect(demo_path) as connection:
        accounts = connection.execute("SELECT user_name, role, region_id FROM officer_account")
        assert accounts.fetchall() == [(owner, "county_admin", None)]


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in rows}


def test_a_failing_upgrade_leaves_the_old_schema(v1_copy: Path, monkeypatch) -> None:
    def broken() -> None:
        migrations._add_region_population()
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    with pytest.raises(RuntimeError):
        open_database(v1_copy)
    close_database()
    assert "population" not in columns(v1_copy, "region")


def test_newer_database_is_refused_untouched(v1_copy: Path) -> None:
    with sqlite3.connect(v1_copy) as connection:
        connection.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    before = digest(v1_copy)
    with pytest.raises(OpenError) as caught:
        open_database(v1_copy)
    assert caught.value.key == "open.too_new"
    assert caught.value.params["version"] == 99
    close_database()
    assert digest(v1_copy) == before


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("县科协 2026 年工作要点\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(OpenError) as caught:
        open_database(path)
    assert caught.value.key == "open.not_sqlite"
    assert digest(path) == before


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE things (id INTEGER)")
    with pytest.raises(OpenError) as caught:
        open_database(path)
    assert caught.value.key == "open.not_kxtui"


def test_missing_directories_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kxtui.db"
    assert open_database(path).schema_version == migrations.SCHEMA_VERSION
    assert path.exists()


def test_a_file_without_write_permission_opens_read_only(v1_copy: Path, tmp_path: Path) -> None:
    current = tmp_path / "current.db"
    open_database(current)
    close_database()
    current.chmod(0o444)
    opened = open_database(current)
    assert opened.read_only
    with pytest.raises(Exception, match="readonly|read-only|query_only|attempt to write"):
        Region.create(
            kind="county",
            name="x",
            pinyin="x",
            initials="x",
            path="/",
            created_at="2026-01-01",
            created_by="t",
            updated_at="2026-01-01",
            updated_by="t",
        )


def test_v3_gives_earlier_activities_their_longest_service_as_duration(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute("ALTER TABLE activity DROP COLUMN duration")
        connection.execute("UPDATE meta SET value='2' WHERE key='schema_version'")
        connection.execute("DELETE FROM service_record WHERE activity_id = 1")
        longest = dict(
            connection.execute(
                "SELECT activity_id, MAX(hours) FROM service_record GROUP BY activity_id"
            ).fetchall()
        )
        served = connection.execute("SELECT COUNT(*) FROM service_record").fetchone()
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    with sqlite3.connect(demo_path) as connection:
        durations = dict(connection.execute("SELECT id, duration FROM activity").fetchall())
        assert connection.execute("SELECT COUNT(*) FROM service_record").fetchone() == served
    assert durations[1] == 2  # nobody served: the default
    assert {k: durations[k] for k in longest} == longest


def test_v4_drops_the_single_column_indexes_and_keeps_every_row(demo_path: Path) -> None:
    v3_indexes = {
        "service_record_activity_id": "service_record (activity_id)",
        "service_record_volunteer_id": "service_record (volunteer_id)",
        "activity_region_id": "activity (region_id)",
    }
    with sqlite3.connect(demo_path) as connection:  # the demo as schema v3 wrote it
        for name, where in v3_indexes.items():
            connection.execute(f"CREATE INDEX {name} ON {where}")
        connection.execute("UPDATE meta SET value='3' WHERE key='schema_version'")
        served = connection.execute("SELECT * FROM service_record ORDER BY id").fetchall()
        activities = connection.execute("SELECT * FROM activity ORDER BY id").fetchall()
    assert REDUNDANT <= indexes(demo_path)
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    assert not REDUNDANT & indexes(demo_path)
    assert COMPOSITE <= indexes(demo_path)
    with sqlite3.connect(demo_path) as connection:
        assert len(served) > 1000
        assert connection.execute("SELECT * FROM service_record ORDER BY id").fetchall() == served
        assert connection.execute("SELECT * FROM activity ORDER BY id").fetchall() == activities
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("SELECT hours FROM service_record WHERE activity_id = 7",
         "service_record_activity_id_volunteer_id"),
        ("SELECT activity_id FROM service_record WHERE volunteer_id = 7",
         "service_record_volunteer_id_activity_id"),
        ("SELECT id FROM activity WHERE region_id = 7", "activity_region_id_start_date"),
    ],
)  # fmt: skip
def test_lookups_the_dropped_indexes_served_still_search_an_index(
    demo_path: Path, query: str, index: str
) -> None:
    assert not REDUNDANT & indexes(demo_path)  # a new database never had them
    with sqlite3.connect(demo_path) as connection:
        plan = " ".join(row[3] for row in connection.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert plan.startswith("SEARCH") and f"INDEX {index} " in plan, plan


def test_v5_indexes_every_volunteer_and_counts_their_service(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute("DROP TABLE volunteer_key")
        connection.execute("DROP TABLE volunteer_service")
        connection.execute("UPDATE meta SET value='4' WHERE key='schema_version'")
        (volunteers,) = connection.execute("SELECT COUNT(*) FROM volunteer").fetchone()
        (hours,) = connection.execute(
            "SELECT SUM(s.hours) FROM service_record s JOIN activity a ON a.id = s.activity_id "
            "WHERE a.deleted_at IS NULL"
        ).fetchone()
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute(
            "SELECT COUNT(*), SUM(hours) FROM volunteer_service"
        ).fetchone() == (volunteers, hours)
        unkeyed = (
            "SELECT COUNT(*) FROM volunteer v WHERE NOT EXISTS (SELECT 1 FROM volunteer_key k "
            "WHERE k.volunteer_id = v.id AND k.key = v.name)"
        )
        assert connection.execute(unkeyed).fetchone() == (0,)


def audit_schema(path: Path) -> tuple[set[str], set[tuple[str, str]]]:
    """The audit table's columns, and its indexes and triggers (type, name)."""
    with sqlite3.connect(path) as connection:
        named = connection.execute(
            "SELECT type, name FROM sqlite_master"
            " WHERE tbl_name = 'audit_entry' AND type != 'table'"
        ).fetchall()
    return columns(path, "audit_entry"), set(named)


def test_v6_makes_the_audit_log_append_only_and_gives_entries_their_region(
    demo_path: Path, tmp_path: Path
) -> None:
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    with sqlite3.connect(demo_path) as connection:  # the demo as schema v5 wrote it
        for name in ("audit_entry_no_update", "audit_entry_no_delete"):
            connection.execute(f"DROP TRIGGER {name}")
        for name in ("audit_entry_region_path", "audit_entry_actor_id"):
            connection.execute(f"DROP INDEX {name}")
        connection.execute("ALTER TABLE audit_entry DROP COLUMN region_path")
        connection.execute("ALTER TABLE audit_entry DROP COLUMN undoes")
        venue, venue_path = connection.execute(
            "SELECT v.id, r.path FROM venue v JOIN region r ON r.id = v.region_id LIMIT 1"
        ).fetchone()
        old = [("update", "venue", venue), ("delete", "venue", 999_999), ("demo", "database", None)]
        connection.executemany(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, changes)"
            " VALUES ('2026-01-01 08:00:00', 'zhang', ?, ?, ?, '', '{}')",
            old,
        )
        connection.execute("UPDATE meta SET value='5' WHERE key='schema_version'")
        entries = connection.execute("SELECT COUNT(*) FROM audit_entry").fetchone()
    assert audit_schema(demo_path) != audit_schema(fresh)
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    assert audit_schema(demo_path) == audit_schema(fresh)
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM audit_entry").fetchone() == entries
        paths = connection.execute(
            "SELECT entity_id, region_path FROM audit_entry WHERE actor = 'zhang' ORDER BY id"
        ).fetchall()
        assert paths == [(venue, venue_path), (999_999, None), (None, None)]  # deleted: none
        for statement in ("UPDATE audit_entry SET actor = 'x'", "DELETE FROM audit_entry"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
        assert connection.execute("SELECT COUNT(*) FROM audit_entry").fetchone() == entries


def test_v8_checks_every_stored_id_number_and_indexes_the_roster_checks(
    demo_path: Path,
) -> None:
    checks = {"volunteer_contact_problem", "volunteer_inactive"}
    with sqlite3.connect(demo_path) as connection:  # the demo as schema v7 wrote it
        for name in checks:
            connection.execute(f"DROP INDEX {name}")
        connection.execute("ALTER TABLE volunteer DROP COLUMN id_number_valid")
        connection.execute("UPDATE meta SET value='7' WHERE key='schema_version'")
        bad, good = connection.execute(
            "SELECT id FROM volunteer WHERE id_number IS NOT NULL ORDER BY id LIMIT 2"
        ).fetchall()
        connection.execute(  # a wrong check character, as an old spreadsheet might hold
            "UPDATE volunteer SET id_number = substr(id_number, 1, 17) || "
            "CASE substr(id_number, 18) WHEN '0' THEN '1' ELSE '0' END WHERE id = ?",
            bad,
        )
    assert not checks & indexes(demo_path)
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    assert checks <= indexes(demo_path)
    with sqlite3.connect(demo_path) as connection:
        flags = dict(connection.execute("SELECT id, id_number_valid FROM volunteer").fetchall())
        numbers = dict(connection.execute("SELECT id, id_number FROM volunteer").fetchall())
    assert flags[bad[0]] == 0 and flags[good[0]] == 1
    assert all((flags[i] is None) == (numbers[i] is None) for i in flags)
    assert sum(1 for flag in flags.values() if flag == 0) == 1


def as_v11(connection: sqlite3.Connection) -> None:
    """The demo as schema v11 wrote it: no name sort key, the search keys carry the pinyin."""
    connection.execute("DROP INDEX volunteer_sort_key")
    connection.execute("ALTER TABLE volunteer DROP COLUMN sort_key")
    connection.execute("ALTER TABLE volunteer_key RENAME COLUMN sort_key TO pinyin")
    connection.execute(
        "UPDATE volunteer_key SET pinyin = (SELECT v.pinyin FROM volunteer v"
        " WHERE v.id = volunteer_key.volunteer_id)"
    )
    connection.execute("UPDATE meta SET value='11' WHERE key='schema_version'")


def test_v9_gives_every_search_key_its_volunteers_name_order(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:  # the demo as schema v8 wrote it
        as_v11(connection)
        connection.execute("ALTER TABLE volunteer_key DROP COLUMN pinyin")
        connection.execute("UPDATE meta SET value='8' WHERE key='schema_version'")
        keys = connection.execute("SELECT COUNT(*) FROM volunteer_key").fetchone()
    assert not {"pinyin", "sort_key"} & columns(demo_path, "volunteer_key")
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    assert "pinyin" not in columns(demo_path, "volunteer_key")  # v12 renamed it
    with sqlite3.connect(demo_path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM volunteer_key").fetchone() == keys
        wrong = connection.execute(
            "SELECT COUNT(*) FROM volunteer_key k JOIN volunteer v ON v.id = k.volunteer_id"
            " WHERE k.sort_key <> v.sort_key OR v.sort_key = ''"
        ).fetchone()
    assert wrong == (0,) and keys[0] > 0


def test_v12_sorts_names_syllable_by_syllable_each_surname_together(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:
        as_v11(connection)
        keys = connection.execute("SELECT COUNT(*) FROM volunteer_key").fetchone()
        names = dict(connection.execute("SELECT id, name FROM volunteer"))
        # the v11 order: pinyin run together, 陈 (chen) and 程 (cheng) interleaved
        old = [row[0] for row in connection.execute("SELECT name FROM volunteer ORDER BY pinyin")]
    assert "sort_key" not in columns(demo_path, "volunteer")
    assert not surnames_together(old)
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    assert "volunteer_sort_key" in indexes(demo_path)
    with sqlite3.connect(demo_path) as connection:
        stored = dict(connection.execute("SELECT id, sort_key FROM volunteer"))
        assert stored == {i: sort_key(name) for i, name in names.items()}
        assert connection.execute("SELECT COUNT(*) FROM volunteer_key").fetchone() == keys
        (wrong,) = connection.execute(
            "SELECT COUNT(*) FROM volunteer_key k JOIN volunteer v ON v.id = k.volunteer_id"
            " WHERE k.sort_key <> v.sort_key"
        ).fetchone()
        new = [row[0] for row in connection.execute("SELECT name FROM volunteer ORDER BY sort_key")]
        plan = " ".join(
            row[3]
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM volunteer ORDER BY sort_key, id LIMIT 100"
            )
        )
    assert wrong == 0
    assert surnames_together(new) and "volunteer_sort_key" in plan


def surnames_together(names: list[str]) -> bool:
    """Whether the names of each surname (its first character) sit side by side."""
    seen: list[str] = []
    for name in names:
        if not seen or seen[-1] != name[:1]:
            seen.append(name[:1])
    return len(seen) == len(set(seen))


def test_v14_gives_officer_accounts_a_phone_and_keeps_them(demo_path: Path) -> None:
    with sqlite3.connect(demo_path) as connection:  # the demo as schema v12 wrote it
        connection.execute("ALTER TABLE officer_account DROP COLUMN phone")
        connection.execute("UPDATE meta SET value='12' WHERE key='schema_version'")
        accounts = connection.execute("SELECT * FROM officer_account ORDER BY id").fetchall()
    assert accounts and "phone" not in columns(demo_path, "officer_account")
    close_database()
    assert open_database(demo_path).schema_version == migrations.SCHEMA_VERSION
    close_database()
    with sqlite3.connect(demo_path) as connection:
        after = connection.execute("SELECT * FROM officer_account ORDER BY id").fetchall()
    assert after == [(*account, None) for account in accounts]
