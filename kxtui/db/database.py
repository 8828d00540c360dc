"""The one database object, created unbound and initialised late by `connection.open_database`.

Kept apart from the models so start-up can open and check the file without building them.
"""

from peewee import SqliteDatabase

database = SqliteDatabase(None)

SCHEMA_VERSION = 9  # raise with every step added to kxtui.db.migrations.STEPS
VERSION_KEY = "schema_version"  # its row in the meta table

_state = {"read_only": False}


def set_read_only(read_only: bool) -> None:
    _state["read_only"] = read_only


def is_read_only() -> bool:
    """True when the database was opened read-only: writes are refused before they start."""
    return _state["read_only"]
