"""`kxtui demo` (and `kxtui --demo` on first use): build the demo database into place; over an
existing file only with --force, the old file kept aside."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kxtui.cli.common import fail
from kxtui.i18n import t


def build_with_progress(path: Path, *, seed: int, scale: str = "county") -> None:
    """Build the demo into a temporary file beside `path`, then move it into place.

    Only a complete build is moved into place, which is also what lets the province build
    write without a journal (see `kxtui.db.demo.province.bulk.bulk_mode`).
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from kxtui.db.demo import build_demo
    from kxtui.db.engine.connection import close_database

    console = Console(stderr=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for leftover in _sqlite_files(building):
        leftover.unlink(missing_ok=True)
    started = time.perf_counter()
    console.print(t("cli.demo_building", path=path))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("", total=1.0)

        def report(step: str, fraction: float) -> None:
            progress.update(task, description=step, completed=fraction)

        try:
            if scale == "province":
                from kxtui.db.demo.province import build_province

                build_province(building, seed=seed, progress=report)
            else:
                build_demo(building, seed=seed, progress=report)
        finally:
            close_database()
    for old in _sqlite_files(path):
        old.unlink(missing_ok=True)
    os.replace(building, path)
    console.print(t("cli.demo_done", path=path, seconds=time.perf_counter() - started))


def _sqlite_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]


def run_demo(path: Path, seed: int, force: bool, *, scale: str = "county") -> int:
    from kxtui.display import clean

    if path.is_dir():
        return fail(t("open.is_directory", path=path))
    aside = None
    if path.exists():
        if not force:
            return fail(t("cli.demo_exists", path=path))
        aside = _set_aside(path.resolve())
    build_with_progress(path, seed=seed, scale=scale)
    if aside is not None:
        print(clean(t("cli.demo_aside", aside=aside), 1000))
    return 0


def _set_aside(path: Path) -> Path:
    """`demo --force`: the file the demo replaces, moved aside whole. Over a kxtui database
    only for a county admin of the whole database, and not while anyone has it open; a
    damaged one or one of a newer kxtui is refused (not the demo's to judge)."""
    from kxtui.db.engine.backup import aside_path, in_use, move_aside
    from kxtui.db.engine.connection import preflight
    from kxtui.db.errors import OpenError, RefusedError
    from kxtui.db.officers import require_file_admin

    try:
        kxtui = preflight(path) is not None
    except OpenError as error:
        if error.key not in ("open.not_sqlite", "open.not_kxtui"):
            raise
        kxtui = False
    if kxtui:
        require_file_admin(path, "demo --force", service=False)
        if in_use(path):
            raise RefusedError("cli.demo_in_use", path=str(path))
    aside = aside_path(path, "demo")
    move_aside(path, aside)
    return aside
