"""Schema version and upgrades.

The version lives in the `meta` table (portable, unlike SQLite's user_version). Opening an
older database copies the file aside with SQLite's online backup API, then runs every missing
step in one transaction. (A database newer than this code is refused earlier, by
`connection.preflight`, before anything touches the file.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import IntegerField

from kxtui import clock
from kxtui.db.engine.database import SCHEMA_VERSION, VERSION_KEY
from kxtui.db.engine.models import ALL_MODELS, BaseModel, Meta, database
from kxtui.db.engine.writes import create_triggers
from kxtui.db.errors import OpenError
from kxtui.db.numbers import COLUMNS, bad


def _add_region_population() -> None:
    from playhouse.migrate import SchemaMigrator, migrate  # only when upgrading

    migrator = SchemaMigrator.from_database(database)
    migrate(migrator.add_column("region", "population", IntegerField(null=True)))


def _add_activity_duration() -> None:
    """Hours an activity lasted; earlier records take their longest service, else 2 hours."""
    # Plain ADD COLUMN: peewee's migrator rebuilds the table for a NOT NULL column, and with
    # foreign keys on, dropping the old table would cascade-delete every service record.
    database.execute_sql(
        "ALTER TABLE activity ADD COLUMN duration DECIMAL(6, 2) NOT NULL DEFAULT 2"
    )
    database.execute_sql(
        "UPDATE activity SET duration = COALESCE("
        "(SELECT MAX(s.hours) FROM service_record s WHERE s.activity_id = activity.id), 2)"
    )


# Single-column indexes a composite index already serves (its leading column); each one cost
# every insert of an activity or service record a B-tree update for nothing.
_REDUNDANT_INDEXES = (
    "service_record_activity_id",  # (activity_id, volunteer_id)
    "service_record_volunteer_id",  # (volunteer_id, activity_id)
    "activity_region_id",  # (region_id, start_date)
)


def _drop_redundant_indexes() -> None:
    for name in _REDUNDANT_INDEXES:
        database.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


def _add_volunteer_search() -> None:
    """The roster's search keys and service totals, filled for every volunteer."""
    from kxtui.db.engine import volunteer_index
    from kxtui.db.engine.models import VolunteerKey, VolunteerService

    _fill_sort_keys()  # the keys carry it
    database.create_tables([VolunteerKey, VolunteerService])
    volunteer_index.index_all()
    volunteer_index.refresh_service()


def _audit_trail() -> None:
    """Audit entries name their record's region and the entry an undo reverses; the table
    becomes append-only. Older entries get the region their record is in now (none for a
    deleted record) before the triggers forbid any UPDATE. Like every step, it can run on a
    database that has it already."""
    from kxtui.db.engine.writes import REGION_PATH

    present = {column.name for column in database.get_columns("audit_entry")}
    if "undoes" not in present:
        database.execute_sql("ALTER TABLE audit_entry ADD COLUMN undoes INTEGER")
    if "region_path" not in present:
        database.execute_sql("ALTER TABLE audit_entry ADD COLUMN region_path VARCHAR(255)")
        for entity, sql in REGION_PATH.items():
            path = sql.format(id="audit_entry.entity_id")
            database.execute_sql(
                f"UPDATE audit_entry SET region_path = ({path}) WHERE entity = ?", (entity,)
            )
    database.execute_sql(
        'CREATE INDEX IF NOT EXISTS "audit_entry_region_path" ON audit_entry (region_path)'
    )
    database.execute_sql(
        'CREATE INDEX IF NOT EXISTS "audit_entry_actor_id" ON audit_entry (actor, id)'
    )
    create_triggers()


def _add_officer_accounts() -> None:
    """Officer accounts, and the account each audit entry was written as. Self-contained:
    it creates a table and adds a column, so it can take any version number. A demo built
    before accounts existed gets the county admin a demo build makes today — its builder,
    the file's owner — so `kxtui --demo` still opens it."""
    import pwd

    from kxtui.db.engine.first_admin import admin_record, demo_stamp
    from kxtui.db.engine.models import OfficerAccount

    database.create_tables([OfficerAccount])
    if "officer_id" not in {column.name for column in database.get_columns("audit_entry")}:
        database.execute_sql(
            "ALTER TABLE audit_entry ADD COLUMN officer_id INTEGER REFERENCES officer_account (id)"
        )
    demo = Meta.select().where(Meta.key == "demo_seed").exists()
    if demo and not OfficerAccount.select().exists():
        owner = pwd.getpwuid(Path(database.database).stat().st_uid).pw_name
        OfficerAccount.insert({**admin_record(owner), **demo_stamp(clock.now())}).execute()


def _add_id_number_check() -> None:
    """Whether each stored ID number passes the form's checks, and the partial indexes of
    the roster checks (volunteers who cannot be reached or identified; inactive ones)."""
    from kxtui.db.engine import volunteer_index
    from kxtui.db.engine.models import Volunteer

    if "id_number_valid" not in {c.name for c in database.get_columns("volunteer")}:
        database.execute_sql("ALTER TABLE volunteer ADD COLUMN id_number_valid INTEGER")
    volunteer_index.check_id_numbers()
    for index in Volunteer._meta.indexes:  # the partial ones; the others exist
        # (peewee's schema manager of a model: no public way to build one index's SQL)
        database.execute(Volunteer._schema._create_index(index, safe=True))  # type: ignore[attr-defined]


def _add_key_pinyin() -> None:
    """Each search key carries its volunteer's pinyin, the roster's name order."""
    if "pinyin" not in {c.name for c in database.get_columns("volunteer_key")}:
        database.execute_sql(
            "ALTER TABLE volunteer_key ADD COLUMN pinyin VARCHAR(255) NOT NULL DEFAULT ''"
        )
    database.execute_sql(
        "UPDATE volunteer_key SET pinyin = COALESCE("
        "(SELECT v.pinyin FROM volunteer v WHERE v.id = volunteer_key.volunteer_id), '')"
    )


def _numbers_in_range() -> None:
    """CHECK constraints on every counted or measured column (`numbers.COLUMNS`), so SQLite
    refuses text, infinity, negative or out-of-range numbers from any writer. A value already
    out of range is not guessed at: it is cleared (NULL), with an audit entry per record that
    keeps the value it had, and `kxtui check` lists the record until an officer fills it in
    again. A volunteer's service total out of range, or summing a cleared record, is counted
    again from the records."""
    from kxtui.db.engine import volunteer_index
    from kxtui.db.engine.models import Activity, Region, ServiceRecord, VolunteerService

    served = _audit_out_of_range()
    for model in (Region, Activity, ServiceRecord):
        rebuild(model)  # clears what was audited
    bad_totals = bad("volunteer_service", "hours")
    served += [
        row[0]
        for row in database.execute_sql(
            f"SELECT volunteer_id FROM volunteer_service WHERE {bad_totals}"
        )
    ]
    volunteer_index.refresh_service(served)
    rebuild(VolunteerService)


def _add_name_sort_key() -> None:
    """Volunteers sort by name syllable by syllable, each surname together (`pinyin.sort_key`):
    the key of every volunteer, written beside their name and on each of their search keys
    (which carried the pinyin, run together, until now)."""
    _fill_sort_keys()
    present = {c.name for c in database.get_columns("volunteer_key")}
    if "sort_key" not in present:
        database.execute_sql("ALTER TABLE volunteer_key RENAME COLUMN pinyin TO sort_key")
    elif "pinyin" in present:  # the table was made by step 5 with today's columns
        database.execute_sql("ALTER TABLE volunteer_key DROP COLUMN pinyin")
    database.execute_sql(
        "UPDATE volunteer_key SET sort_key = COALESCE("
        "(SELECT v.sort_key FROM volunteer v WHERE v.id = volunteer_key.volunteer_id), '')"
    )


def _fill_sort_keys() -> None:
    """Every volunteer's name sort key, in its indexed column (added when missing)."""
    from kxtui.db.pinyin import sort_key

    if "sort_key" not in {c.name for c in database.get_columns("volunteer")}:
        database.execute_sql(
            "ALTER TABLE volunteer ADD COLUMN sort_key VARCHAR(255) NOT NULL DEFAULT ''"
        )
    names = database.execute_sql("SELECT id, name FROM volunteer").fetchall()
    database.connection().executemany(
        "UPDATE volunteer SET sort_key = ? WHERE id = ?",
        [(sort_key(name), volunteer_id) for volunteer_id, name in names],
    )
    database.execute_sql(
        'CREATE INDEX IF NOT EXISTS "volunteer_sort_key" ON "volunteer" ("sort_key")'
    )


# table -> SQL of what the audit entry of a cleared value names: (entity, id, summary)
_AUDITED = {
    "region": "SELECT 'region', id, name FROM region WHERE id = ?",
    "activity": "SELECT 'activity', id, title FROM activity WHERE id = ?",
    "service_record": "SELECT 'activity', a.id, a.title || ' / #' || s.volunteer_id "
    "FROM service_record s JOIN activity a ON a.id = s.activity_id WHERE s.id = ?",
}
SHOWN_CHARACTERS = 100  # of a cleared value, in its audit entry


def _audit_out_of_range() -> list[int]:
    """An audit entry for each value out of range, which `rebuild` then clears; returns the
    volunteers whose service records are cleared."""
    from kxtui.db.engine.process_user import unix_user
    from kxtui.db.engine.writes import AUDIT_JSON, AUDIT_ONE, region_path_of

    actor, at, volunteers = unix_user(database.database), clock.now(), []
    for column in (c for c in COLUMNS if c.table in _AUDITED):
        name = column.column
        bad = database.execute_sql(
            f"SELECT id, substr({name}, 1, {SHOWN_CHARACTERS}) FROM {column.table}"
            f" WHERE NOT ({column.allowed})"
        ).fetchall()
        for record_id, value in bad:
            entity, entity_id, summary = database.execute_sql(
                _AUDITED[column.table], (record_id,)
            ).fetchone()
            changes = AUDIT_JSON.encode({name: [value, None]})
            database.execute_sql(
                AUDIT_ONE,
                (at, actor, None, "repair", entity, entity_id, summary, changes,
                 region_path_of(entity, entity_id), None),
            )  # fmt: skip
        if column.table == "service_record" and bad:
            marks = ", ".join("?" * len(bad))
            volunteers += [
                row[0]
                for row in database.execute_sql(
                    f"SELECT volunteer_id FROM service_record WHERE id IN ({marks})",
                    [row[0] for row in bad],
                )
            ]
    return volunteers


def _add_team_dissolved() -> None:
    """Teams are dissolved, not deleted: activities they organised keep naming them."""
    present = {column.name for column in database.get_columns("team")}
    for column, kind in (("dissolved_at", "DATETIME"), ("dissolved_by", "VARCHAR(255)")):
        if column not in present:
            database.execute_sql(f"ALTER TABLE team ADD COLUMN {column} {kind}")


def _add_periods_and_calendar() -> None:
    """Closed periods and the calendar's edited entries: two new tables."""
    from kxtui.db.engine.models import CalendarEntry, ClosedPeriod

    database.create_tables([ClosedPeriod, CalendarEntry])


def _add_officer_phone() -> None:
    """An officer's phone (联系电话), which the reports they hand over name."""
    if "phone" not in {column.name for column in database.get_columns("officer_account")}:
        database.execute_sql("ALTER TABLE officer_account ADD COLUMN phone VARCHAR(255)")


def _add_service_proof() -> None:
    """Historical hours and the certificates' register: two new tables."""
    from kxtui.db.engine.models import Certificate, HistoricalHours

    database.create_tables([HistoricalHours, Certificate])


def rebuild(model: type[BaseModel]) -> None:
    """Give a table the model's definition, keeping its rows, indexes and triggers — SQLite
    cannot add a constraint to a table, so as https://sqlite.org/lang_altertable.html says:
    create the new table, copy, drop the old one, rename. A value of a nullable column out of
    its range (`numbers.COLUMNS`) is copied as NULL. Inside the upgrade's transaction, with
    foreign keys off (`ensure_schema`): dropping the old table must not cascade."""
    table = model._meta.table_name
    kept = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
        " AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    sql, params = model._schema._create_table(safe=False).query()  # type: ignore[attr-defined]
    new = f"{table}_rebuilt"
    database.execute_sql(sql.replace(f'"{table}"', f'"{new}"', 1), params)
    fields = model._meta.sorted_fields
    ranges = {c.column: c.allowed for c in COLUMNS if c.table == table}
    values = ", ".join(
        f"CASE WHEN NOT ({ranges[f.column_name]}) THEN NULL ELSE {f.column_name} END"
        if f.null and f.column_name in ranges
        else f'"{f.column_name}"'
        for f in fields
    )
    columns = ", ".join(f'"{field.column_name}"' for field in fields)
    database.execute_sql(f'INSERT INTO "{new}" ({columns}) SELECT {values} FROM "{table}"')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{new}" RENAME TO "{table}"')
    for (statement,) in kept:
        database.execute_sql(statement)


# version reached -> the step that reaches it from the version before
STEPS: dict[int, Callable[[], None]] = {
    2: _add_region_population,
    3: _add_activity_duration,
    4: _drop_redundant_indexes,
    5: _add_volunteer_search,
    6: _audit_trail,
    7: _add_officer_accounts,
    8: _add_id_number_check,
    9: _add_key_pinyin,
    10: _numbers_in_range,
    11: _add_team_dissolved,
    12: _add_name_sort_key,
    13: _add_periods_and_calendar,
    14: _add_officer_phone,
    15: _add_service_proof,
}


def read_version() -> int:
    row = Meta.get_or_none(Meta.key == VERSION_KEY)
    if row is None:
        raise OpenError("open.not_kxtui", path=database.database)
    return int(row.value)


def _write_version(version: int) -> None:
    Meta.replace(key=VERSION_KEY, value=str(version)).execute()


def backup_copy(path: Path, version: int) -> Path:
    """Copy the database aside before an upgrade; returns the copy's path."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.schema-v{version}-{stamp}.bak")
    source = sqlite3.connect(path)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def ensure_schema(path: Path, *, read_only: bool) -> tuple[int, Path | None]:
    """Create the schema in a new file or upgrade an older one (`preflight` checked the file).

    Returns (version, path of the copy made before an upgrade, or None).
    """
    if not database.get_tables():
        if read_only:
            raise OpenError("open.empty_read_only", path=str(path))
        with database.atomic("IMMEDIATE"):
            if not database.get_tables():  # another process may have won the race
                database.create_tables(ALL_MODELS)
                create_triggers()
                _write_version(SCHEMA_VERSION)
        return read_version(), None
    version = read_version()
    if version == SCHEMA_VERSION:  # another process upgraded it meanwhile
        return version, None
    if read_only:
        raise OpenError("open.upgrade_read_only", path=str(path), version=version)
    backup = backup_copy(path, version)
    # Off for the whole transaction (SQLite ignores the pragma inside one), so a step that
    # rebuilds a table does not cascade its drop; the references are checked before commit.
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with database.atomic("IMMEDIATE"):
            broken = _broken_references()
            for target in range(read_version() + 1, SCHEMA_VERSION + 1):
                STEPS[target]()
            if _broken_references() != broken:
                raise RuntimeError("the upgrade would break references between records")
            _write_version(SCHEMA_VERSION)
    finally:
        database.execute_sql("PRAGMA foreign_keys = ON")
    return SCHEMA_VERSION, backup


def _broken_references() -> list[tuple[object, ...]]:
    return database.execute_sql("PRAGMA foreign_key_check").fetchall()
