"""The one database object, created unbound and initialised late by `connection.open_database`.

Kept apart from the models so start-up can open and check the file without building them.

Connections come from peewee's pool: `call` takes one for each data-layer call and gives it
back, open, for the next. Opening a connection (the file, its schema, four pragmas) costs about
half a millisecond, as much as a whole read of one record; a worker thread's call now finds
one ready. Each thread still uses its own connection while it holds one.
"""

from playhouse.pool import PooledSqliteDatabase

# no limit: idle connections never outnumber the workers that ran at once
database = PooledSqliteDatabase(None, max_connections=None)

SCHEMA_VERSION = 15  # raise with every step added to kxtui.db.engine.migrations.STEPS
VERSION_KEY = "schema_version"  # its row in the meta table
