"""The one database object, created unbound and initialised late by `connection.open_database`.

Kept apart from the models so start-up can open and check the file without building them.
"""

from peewee import SqliteDatabase

database = SqliteDatabase(None)

SCHEMA_VERSION = 8  # raise with every step added to kxtui.db.migrations.STEPS
VERSION_KEY = "schema_version"  # its row in the meta table

_state = {"read_only": False, "generation": 0}


def new_generation() -> None:
    """Called when `database` is initialised on a file, and when the connections worker
    threads keep are closed (see `generation`)."""
    _state["generation"] += 1


def generation() -> int:
    """A connection a thread keeps open is used again only in the generation it was opened in."""
    return _state["generation"]


def set_read_only(read_only: bool) -> None:
    _state["read_only"] = read_only


def is_read_only() -> bool:
    """True when the database was opened read-only: writes are refused before they start."""
    return _state["read_only"]
