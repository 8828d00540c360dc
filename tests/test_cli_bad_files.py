"""Every subcommand against every kind of bad database file: a one-line message, the documented
exit code, no traceback, and — when refused — no file created or changed beside it.

The read-only directory and another user's writer lock only bite without root's power to
override file permissions: as root those cases run with CAP_DAC_OVERRIDE and
CAP_DAC_READ_SEARCH dropped (setpriv), so the kernel checks permissions as for anyone else.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kxtui.db import call
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.officers import first_admin
from kxtui.db.region_writes import create_region
from kxtui.db.rows import RegionInput

KINDS = (
    "missing", "directory", "empty", "not_sqlite", "truncated", "random_middle", "ro_file",
    "ro_dir", "other_sqlite", "newer", "writer_lock",
)  # fmt: skip
COMMANDS = {
    "stats": ["stats", "--db", "{db}"],
    "export activities": ["export", "activities", "-o", "{dir}/out.csv", "--db", "{db}"],
    "export volunteers": ["export", "volunteers", "-o", "{dir}/out.csv", "--db", "{db}"],
    "import activities": ["import", "activities", "{sheets}/activity.csv", "--db", "{db}"],
    "import volunteers": ["import", "volunteers", "{sheets}/volunteer.csv", "--db", "{db}"],
    "backup": ["backup", "--db", "{db}"],
    "check": ["check", "--db", "{db}"],
    "restore from it": ["restore", "{db}", "--db", "{dir}/target.db"],
    "restore over it": ["restore", "{sheets}/good.db", "--db", "{db}"],
    "init": ["init", "--admin", "--db", "{db}"],
    "officer add": [
        "officer",
        "add",
        "kxnew",
        "--name",
        "新人",
        "--role",
        "viewer",
        "--db",
        "{db}",
    ],
    "officer list": ["officer", "list", "--db", "{db}"],
    "officer disable": ["officer", "disable", "kxother", "--db", "{db}"],
    "officer enable": ["officer", "enable", "kxother", "--db", "{db}"],
    "demo": ["demo", "--db", "{db}"],
    "app": ["--db", "{db}"],  # no terminal: past opening the file it says it needs one (2)
}
# exit codes other than 2 (refused); the run as the file's owner, the service account
DONE = {
    ("missing", "restore over it"): 0,  # a new database from the backup
    ("missing", "init"): 0,  # a new database
    ("missing", "demo"): 0,
    ("empty", "init"): 0,  # an empty file is a database not made yet
    ("empty", "restore over it"): 0,
    ("truncated", "check"): 1,  # the damage listed
    ("truncated", "restore over it"): 0,  # what restores are for: the damaged file kept aside
    ("random_middle", "check"): 1,
    ("random_middle", "restore over it"): 0,
    **{("ro_file", command): 0 for command in (
        "stats", "export activities", "export volunteers", "backup", "check", "restore from it",
        "officer list")},  # read: the file opens read-only
    **{("writer_lock", command): 0 for command in (
        "stats", "backup", "check", "restore from it", "restore over it", "officer list")},
    # no writer's turn needed; an export takes one for its audit entry, so it is refused
}  # fmt: skip
# opened read-only, then the app says it needs a terminal: exit 2, but no refusal of the file
# (a read-only connection leaves SQLite's -wal and -shm files, as every read of it does)
OPENED = {("ro_file", "app")}
READS = ("stats", "export activities", "export volunteers", "backup", "check", "restore from it",
         "officer list", "app")  # fmt: skip
DROP_OVERRIDE = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small sound database whose county admin is the test's own Unix user, with a town and
    a village, and a sheet of each kind that imports into it."""
    folder = tmp_path_factory.mktemp("sheets")
    good = folder / "good.db"
    open_database(good)
    call(first_admin, good, None)
    county = call(create_region, None, RegionInput("测试县", "county"))
    town = call(create_region, county, RegionInput("测试镇", "town"))
    call(create_region, town, RegionInput("测试村", "village"))
    close_database()
    (folder / "activity.csv").write_text(
        "活动名称,开始日期,时长(小时),县(市、区),区域,形式\n测试活动,2026-05-01,2,测试县,测试镇,集中授课\n",
        encoding="utf-8",
    )
    (folder / "volunteer.csv").write_text(
        "姓名,性别,手机号,县(市、区),区域\n张三,男,13800138000,测试县,测试镇/测试村\n",
        encoding="utf-8",
    )
    return folder


def make(kind: str, folder: Path, good: Path) -> Path:
    """The bad file of `kind` as `folder/kx.db`."""
    path = folder / "kx.db"
    content = good.read_bytes()
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "not_sqlite":
        path.write_text("活动名称,开始日期\n" * 100, encoding="utf-8")
    elif kind == "truncated":
        path.write_bytes(content[: len(content) // 3])
    elif kind == "random_middle":
        # noise over pages inside the file that every command reads: the regions (the scope
        # of a read, the place of an imported row) and the accounts (who is acting). Noise
        # over a page no command reads (an index of an empty table) only `kxtui check` can
        # find, and it does (DONE).
        with sqlite3.connect(good) as connection:
            roots = connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name IN ('region', 'officer_account')"
            ).fetchall()
            [(page_size,)] = connection.execute("PRAGMA page_size")
        connection.close()
        noise = random.Random(13)
        for (root,) in roots:
            start = (root - 1) * page_size
            content = content[:start] + noise.randbytes(page_size) + content[start + page_size :]
        path.write_bytes(content)
    elif kind in ("ro_file", "ro_dir", "newer", "writer_lock"):
        path.write_bytes(content)
    elif kind == "other_sqlite":
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE notes (text)")
            connection.execute("INSERT INTO notes VALUES ('mine')")
        connection.close()
    if kind == "ro_file":
        path.chmod(0o444)
    elif kind == "newer":
        with sqlite3.connect(path) as connection:
            connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        connection.close()
    elif kind == "writer_lock":  # another user's lock file beside the database
        lock = folder / "kx.db-writer"
        lock.write_bytes(b"")
        lock.chmod(0o600)
        os.chown(lock, 65534, 65534)
    return path


def state(folder: Path) -> dict[str, str]:
    """Every file and directory below `folder`, a file with its content's hash."""
    return {
        str(path.relative_to(folder)): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "directory"
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.mark.parametrize("kind", KINDS)
def test_every_subcommand_on_every_bad_file(kind: str, sheets: Path, tmp_path: Path) -> None:
    prefix: list[str] = []
    if kind in ("ro_dir", "writer_lock") and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root overrides file permissions, and setpriv is not there to drop that")
        prefix = DROP_OVERRIDE
    if kind == "writer_lock" and os.geteuid() != 0:
        pytest.skip("only root can give the lock file to another user")
    env = {k: v for k, v in os.environ.items() if k not in ("SUDO_USER", "KXTUI_DB")}
    for command, arguments in COMMANDS.items():
        folder = tmp_path / command.replace(" ", "-")
        folder.mkdir()
        path = make(kind, folder, sheets / "good.db")
        if kind == "ro_dir":
            folder.chmod(0o555)
        before = state(folder)
        argv = [part.format(db=path, dir=folder, sheets=sheets) for part in arguments]
        result = subprocess.run(
            [*prefix, sys.executable, "-m", "kxtui", *argv],
            capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        expected = DONE.get((kind, command), 2)
        seen = f"{kind} / {command}: {result.returncode} {result.stderr}"
        assert result.returncode == expected, seen
        assert "Traceback" not in result.stderr + result.stdout, seen
        if expected == 2 and (kind, command) not in OPENED:
            message = [line for line in result.stderr.splitlines() if line.startswith("kxtui: ")]
            assert len(message) == 1, seen
            after = state(folder)
            if kind == "random_middle":  # damage found only once the writer had its turn: the
                after.pop(f"{path.name}-writer", None)  # (empty) lock file, as SQLite's -shm
            assert after == before, f"{seen}: a refusal creates and changes nothing"
        elif command in READS:
            after = state(folder)
            assert after[path.name] == before[path.name], f"{seen}: a read changes nothing"
        if kind == "ro_dir":
            folder.chmod(0o755)


def test_an_unexpected_error_is_one_line_unless_debugging(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import kxtui.cli

    def broken(*_args: object, **_kwargs: object) -> int:
        raise RuntimeError("a bug nobody planned for")

    monkeypatch.setattr(kxtui.cli, "run_stats", broken)
    monkeypatch.delenv("KXTUI_DEBUG", raising=False)
    assert kxtui.cli.main(["stats", "--db", str(tmp_path / "kx.db")]) == 2
    said = capsys.readouterr().err
    assert said.count("\n") == 1 and "RuntimeError" in said and "KXTUI_DEBUG=1" in said
    monkeypatch.setenv("KXTUI_DEBUG", "1")
    with pytest.raises(RuntimeError):
        kxtui.cli.main(["stats", "--db", str(tmp_path / "kx.db")])
