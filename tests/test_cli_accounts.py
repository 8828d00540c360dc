"""Every subcommand × every kind of account: who may run what, and a refusal changes nothing.

The Unix user is chosen as on a county server: the test owns the database file, so kxtui
believes $SUDO_USER (as sudo sets it for an officer); without it, the test is the service
account that owns the file (its own account disabled here, so the service account is nothing
more than that).
"""

from __future__ import annotations

import csv
import hashlib
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from kxtui.db import call
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.officers import add_officer, set_active
from kxtui.db.rows import OfficerInput
from kxtui.db.sheets.export_activities import regions_named
from kxtui.domain import AccessRole

ME = pwd.getpwuid(os.getuid()).pw_name  # the demo's builder and the file's owner
ACCOUNTS = {  # column → $SUDO_USER (None: no sudo, the file's owner itself)
    "stranger": "kxstranger",
    "viewer": "kxviewer",
    "town": "kxtown",
    "admin": "kxadmin",
    "service": None,
}
SHOWN = ("stranger", "viewer", "town", "admin", "service")

# subcommand → its arguments ({dir}: the test's directory) and the exit code per account
MATRIX = {
    "stats": (["stats"], (3, 0, 0, 0, 3)),
    # through sudo an officer names a file, which goes into their own exports folder
    "export activities": (["export", "activities", "-o", "out.csv"], (3, 0, 0, 0, 3)),
    "export volunteers": (["export", "volunteers", "-o", "out.csv"], (3, 0, 0, 0, 3)),
    # and imports a file of their own uploads folder, by name
    "import activities": (["import", "activities", "activity.csv"], (3, 2, 0, 0, 3)),
    "import volunteers": (
        ["import", "volunteers", "volunteer.csv", "--on-duplicate", "keep"],
        (3, 2, 0, 0, 3),
    ),  # fmt: skip
    "backup": (["backup", "-o", "{dir}/copy.db"], (3, 2, 2, 0, 0)),
    "check": (["check"], (3, 2, 2, 0, 0)),
    "restore": (["restore", "{dir}/saved.db"], (3, 2, 2, 0, 0)),
    "init": (["init", "--admin"], (3, 2, 2, 2, 3)),
    "officer add": (
        ["officer", "add", "kxnew", "--name", "新人", "--role", "viewer"],
        (3, 2, 2, 0, 3),
    ),  # fmt: skip
    "officer list": (["officer", "list"], (3, 2, 2, 0, 3)),
    "officer disable": (["officer", "disable", "kxother"], (3, 2, 2, 0, 3)),
    "officer enable": (["officer", "enable", "kxgone"], (3, 2, 2, 0, 3)),
    "demo --force": (["demo", "--force"], (3, 2, 2, 0, 3)),
    # no terminal here: past the sign-in the app says it needs one (2)
    "app": ([], (3, 2, 2, 2, 3)),
}


@pytest.fixture(scope="module")
def county(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with one account of each kind, the builder's own disabled, a backup of it
    and a sheet of each kind (one new activity and one volunteer of 阜安街道)."""
    from kxtui.db.engine import scope
    from tests.conftest import ADMIN

    folder = tmp_path_factory.mktemp("county")
    path = folder / "county.db"
    shutil.copy(demo_file, path)
    open_database(path)
    scope.sign_in(ADMIN)
    town = call(regions_named, "阜安街道")[0][0]
    for user, role, region in (
        ("kxviewer", AccessRole.VIEWER, None),
        ("kxtown", AccessRole.TOWN_STAFF, town),
        ("kxadmin", AccessRole.COUNTY_ADMIN, None),
        ("kxother", AccessRole.VIEWER, None),
        ("kxgone", AccessRole.VIEWER, None),
    ):
        call(add_officer, OfficerInput(user, user, role, region))
    call(set_active, "kxgone", False)
    call(set_active, ME, False)
    close_database()
    for what in ("activities", "volunteers"):
        sheet = folder / "files" / "kxadmin" / "exports" / f"{what}.csv"
        made = kxtui("export", what, "--region", "阜安街道", "-o", sheet.name, "--db", str(path),
                     user="kxadmin")  # fmt: skip
        assert made.returncode == 0, made.stderr
        rows = list(csv.reader(sheet.read_text(encoding="utf-8-sig").splitlines()))
        if what == "activities":
            rows[1][rows[0].index("编号")] = ""  # a new activity, not one already present
        one = folder / {"activities": "activity.csv", "volunteers": "volunteer.csv"}[what]
        with one.open("w", encoding="utf-8-sig", newline="") as out:
            csv.writer(out).writerows(rows[:2])
    saved = kxtui("backup", "-o", str(folder / "saved.db"), "--db", str(path))
    assert saved.returncode == 0, saved.stderr
    return path


def kxtui(*args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SUDO_USER", "KXTUI_DB")}
    if user is not None:
        env["SUDO_USER"] = user
    return subprocess.run([sys.executable, "-m", "kxtui", *args], capture_output=True,
                          text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)  # fmt: skip


def state(folder: Path) -> dict[str, str]:
    """Every file of the directory and its content's hash."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


@pytest.mark.parametrize("account", SHOWN)
@pytest.mark.parametrize("command", MATRIX)
def test_every_subcommand_checks_the_account(
    command: str, account: str, county: Path, tmp_path: Path
) -> None:
    arguments, codes = MATRIX[command]
    for name in ("county.db", "saved.db", "activity.csv", "volunteer.csv"):
        shutil.copy(county.parent / name, tmp_path / name)
    if ACCOUNTS[account] is not None:  # the sheets uploaded by the officer
        uploads = tmp_path / "files" / str(ACCOUNTS[account]) / "uploads"
        uploads.mkdir(parents=True, mode=0o700)
        for name in ("activity.csv", "volunteer.csv"):
            shutil.copy(county.parent / name, uploads / name)
    database = tmp_path / "county.db"
    before = state(tmp_path)
    argv = [part.format(dir=tmp_path) for part in arguments]
    result = kxtui(*argv, "--db", str(database), user=ACCOUNTS[account])
    expected = codes[SHOWN.index(account)]
    assert result.returncode == expected, f"{command} as {account}: {result.stderr}"
    assert "Traceback" not in result.stderr
    if expected == 3:
        assert "没有科协工作人员账户" in result.stderr or "账户已停用" in result.stderr
    if expected != 0:
        assert any(line.startswith("kxtui: ") for line in result.stderr.splitlines())
        assert state(tmp_path) == before, "a refusal changes and creates nothing"
    if command in ("restore", "demo --force") and expected == 0:
        kept = list(tmp_path.glob("county.db.before-*.bak"))
        assert len(kept) == 1 and audit(kept[0]) == audit(county), "the old file, kept aside"


def audit(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return connection.execute("SELECT * FROM audit_entry ORDER BY id").fetchall()
