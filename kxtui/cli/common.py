"""What every `kxtui` command shares: the exit codes, the help of the options several commands
take, the one-line failure message, and the checks before a command opens the database (is
there one, may it be written, who signs in)."""

from __future__ import annotations

import sys
from pathlib import Path

from kxtui.i18n import both, t

NOT_SIGNED_IN = 3  # exit code: no active officer account for this Unix user
MAINTENANCE = ("backup", "check", "restore")  # file-level commands (no --as)
DEBUG = "KXTUI_DEBUG"  # set to 1: an unexpected error shows its traceback
AS_HELP = both("cli.help.as")
DB_HELP = both("cli.help.db")
EXPORT_DIR_HELP = both("cli.help.export_dir")


def fail(message: str) -> int:
    from kxtui.display import clean

    print(f"kxtui: {clean(message, 1000)}", file=sys.stderr)
    return 2


def no_database(path: Path, *, writes: bool = False) -> int | None:
    """Exit code 2, said, when there is no database at `path` yet (no file, or an empty one):
    only `init`, `demo` and `restore` make one, so nothing is created by a command that
    finds nobody signed in or nothing to read. A command that `writes` is refused a file
    nobody may write before it is opened (a read-only open leaves -wal and -shm files)."""
    if not path.exists():
        return fail(t("open.missing", path=path))
    if path.is_file() and path.stat().st_size == 0:
        return fail(t("open.empty", path=path))
    return read_only(path) if writes else None


def read_only(path: Path) -> int | None:
    from kxtui.db.engine.connection import is_marked_read_only

    if path.is_file() and is_marked_read_only(path):
        return fail(t("open.read_only_file", path=path))
    return None


def sign_in(path: Path, as_name: str | None) -> int | None:
    """Sign in the officer running this command on the open database (a session already
    signed in, as in tests, is kept); an exit code when they may not."""
    from kxtui.db import call, officers
    from kxtui.db.engine import scope
    from kxtui.db.errors import SignInRefused

    if scope.current() is not None:
        return None
    try:
        call(officers.sign_in_process, path, as_name)
    except SignInRefused as refused:
        fail(t(refused.key, **refused.params))
        return NOT_SIGNED_IN
    return None


def region_named(text: str | None) -> int | None:
    """The one region in the officer's view that `text` names (its name, pinyin, initials or
    the end of its path: "胶莱镇/郭庄村"); None for no text. KxError when none is, or when
    several are (listed with their paths)."""
    from kxtui.db import call
    from kxtui.db.errors import KxError
    from kxtui.db.sheets.export_activities import regions_named

    if not text:
        return None
    found = call(regions_named, text)
    if not found:
        raise KxError("cli.export.region_unknown", text=text)
    if len(found) > 1:
        choices = ", ".join(name for _, name in found[:8])
        raise KxError("cli.export.region_ambiguous", text=text, choices=choices)
    return found[0][0]
