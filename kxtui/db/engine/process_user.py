"""Who runs this process, as the kernel knows them (never from what the user can set): the
Unix user every audit entry and sign-in is about, and whether kxtui runs as the county
server's service account, or for an officer through sudo (docs/deploy.md)."""

from __future__ import annotations

import os
import pwd
import re
from collections.abc import Mapping
from pathlib import Path

# Unix user names: the POSIX portable characters, at most 32 (useradd's limit)
USER_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\$?")


def unix_user(
    db_path: Path | str, *, uid: int | None = None, environ: Mapping[str, str] | None = None
) -> str:
    """The Unix user running kxtui, as the kernel knows them — never from arguments or
    environment the user controls.

    It is the name of the real uid ($USER and $LOGNAME can be set by anyone). $SUDO_USER is
    believed only when kxtui runs as the account that owns the database file: that is the
    deployment's rule (officers log in as themselves, and `sudo -u kxsvc kxtui` runs kxtui as
    the service account owning the data; sudo sets $SUDO_USER from the caller's own uid). A
    process running as the file's owner could edit the file directly anyway, so believing it
    there gives nothing away; anyone else setting $SUDO_USER is ignored.
    """
    uid = os.getuid() if uid is None else uid
    through_sudo = server_user(db_path, uid=uid, environ=environ)
    if through_sudo is not None:
        return through_sudo
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # a uid without a passwd entry (some containers)
        return str(uid)


def server_user(
    db_path: Path | str, *, uid: int | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """The officer kxtui signed in through sudo as the database file's owner — "server mode",
    the county server of docs/deploy.md, where kxtui runs as a service account and the officer
    names files, never paths (`officer_files`) — or None (a laptop: the officer runs kxtui as
    themselves). The one place that decides it: $SUDO_USER is believed only when the real uid
    owns the database file (see `unix_user`)."""
    uid = os.getuid() if uid is None else uid
    environ = os.environ if environ is None else environ
    sudo_user = environ.get("SUDO_USER", "")
    try:
        owner = Path(db_path).stat().st_uid
    except OSError:
        return None
    return sudo_user if sudo_user and owner == uid else None


def is_service_account(
    db_path: Path | str, *, uid: int | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether kxtui runs as the service account itself: the Unix user owning the database
    file, started without $SUDO_USER — the nightly backup timer, or root's `runuser -u kxsvc`
    (docs/deploy.md). An officer comes through sudo as that same owner, but sudo sets
    $SUDO_USER; and the owner could copy or replace the file by hand anyway."""
    uid = os.getuid() if uid is None else uid
    environ = os.environ if environ is None else environ
    try:
        owner = Path(db_path).stat().st_uid
    except OSError:
        return False
    return owner == uid and not environ.get("SUDO_USER")
