"""The data layer's engine: the connection and its pool, the schema and its
migrations, one write = one transaction with its audit entry, the writer queue, the
session's scope, the checks of the file and of the rules between tables, backups, and
the volunteers' search index every write keeps. Importing the package loads no peewee."""
