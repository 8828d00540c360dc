"""Errors the data layer raises for people, each with a message key of `kxtui.i18n`."""


class KxError(Exception):
    """An error a person can act on. `key` names its message in kxtui.i18n; `params` fill it."""

    key = "error.generic"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(f"{self.key} {params}")


class OpenError(KxError):
    """The database file cannot be opened as a kxtui database."""


class ValidationError(KxError):
    """Input rejected; `errors` maps a field name to (message key, params)."""

    key = "error.validation"

    def __init__(self, errors: dict[str, tuple[str, dict[str, object]]]) -> None:
        self.errors = errors
        super().__init__(self.key, fields=", ".join(errors))


class NeedsConfirmation(ValidationError):
    """Only warnings (odd but possible values): saved once the person confirms them."""

    key = "error.needs_confirmation"


class DuplicateError(ValidationError):
    """Refused: another record already holds a value that must be unique (a volunteer's ID
    number or mobile). `existing_id` and `existing_name` say which, so it can be opened
    (None and "" when it lies outside the officer's view: not named, not offered)."""

    key = "error.duplicate"

    def __init__(
        self,
        errors: dict[str, tuple[str, dict[str, object]]],
        existing_id: int | None,
        existing_name: str,
    ) -> None:
        super().__init__(errors)
        self.existing_id = existing_id
        self.existing_name = existing_name


class RefusedError(KxError):
    """A write the data refuses (e.g. delete while dependants exist)."""


class ConflictError(KxError):
    """Someone else saved the record since it was read."""

    key = "error.conflict"


class ReadOnlyError(KxError):
    key = "error.read_only"


class Interrupted(Exception):
    """A read stopped because its answer was no longer wanted; nobody is told."""


class NotSignedIn(KxError):
    """A data-layer function that needs a scope was called with nobody signed in."""

    key = "scope.not_signed_in"


class SignInRefused(KxError):
    """The Unix user has no active officer account (or may not act as the one asked for);
    `params["user"]` names them."""


class OverBudget(Exception):
    """A query stopped after the steps `db.step_budget` allowed it; the caller tries another."""


def is_database_error(error: BaseException) -> bool:
    """Whether `error` is SQLite's own (a damaged file, an I/O error), raw or through peewee:
    what the command line reports as a damaged database instead of a traceback."""
    import sqlite3

    import peewee

    return isinstance(error, sqlite3.DatabaseError | peewee.DatabaseError)
