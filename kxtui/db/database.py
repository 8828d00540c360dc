"""The one database object, created unbound and initialised late by `connection.open_database`.

Kept apart from the models so start-up can open and check the file without building them.
"""

from peewee import SqliteDatabase

database = SqliteDatabase(None)

SCHEMA_VERSION = 8  # raise with every step added to kxtui.db.migrations.STEPS
VERSION_KEY = "schema_version"  # its row in the meta table

_state = {"read_only": False, "opened": 0}


def opened() -> None:
    """Called each time `database` is initialised on a file (see `generation`)."""
    _state["opened"] += 1


def generation() -> int:
    """How many times `database` was initialised: a connection kept open by a thread is for
    the file of the generation it was opened in."""
    return _state["opened"]


def set_read_only(read_only: bool) -> None:
    _state["read_only"] = read_only


def is_read_only() -> bool:
    """True when the database was opened read-only: writes are refused before they start."""
    return _state["read_only"]
