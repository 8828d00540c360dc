"""Command line: `kxtui` opens the app; `kxtui demo` builds the demo; `kxtui stats` counts."""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import asdict
from pathlib import Path

from kxtui import __version__
from kxtui.db.errors import OpenError
from kxtui.i18n import set_language, t
from kxtui.paths import resolve_db_path

DB_HELP = (
    "数据库文件 / database file (默认 default: $KXTUI_DB, 否则 else kxtui.db in the user data "
    "directory)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kxtui",
        description="kxtui — 县级科协基层工作终端 / terminal desk for county science-association "
        "(科协) officers: 区域 regions, 阵地 venues, 活动台账 activities, 志愿者 volunteers.",
    )
    parser.add_argument("--version", action="version", version=f"kxtui {__version__}")
    parser.add_argument("--db", metavar="PATH", help=DB_HELP)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="打开演示数据库，不存在则先生成 / open the demo database (built first if missing)",
    )
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        help="界面语言 / interface language (default: $KXTUI_LANG or zh)",
    )
    parser.add_argument(
        "--read-only", action="store_true", help="只读打开 / open without allowing changes"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="生成演示数据库 / build the demo database",
        description="生成确定性的演示数据库（胶州市、荆州区）/ build the deterministic demo "
        "database (Jiaozhou, Jingzhou). Default file: demo.db in the user data directory.",
    )
    demo.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="目标文件 / target file"
    )
    demo.add_argument("--seed", type=int, default=2026, help="随机种子 / seed (default 2026)")
    demo.add_argument(
        "--force", action="store_true", help="覆盖已有文件 / overwrite an existing file"
    )

    stats = commands.add_parser(
        "stats",
        help="按县统计 / counts per county",
        description="按县（市、区）统计 / print counts per county",
    )
    stats.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    stats.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="统计演示数据库 / use the demo database",
    )
    stats.add_argument("--json", action="store_true", help="输出 JSON / print one JSON object")
    return parser


def fail(message: str) -> int:
    print(f"kxtui: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    try:
        if args.command == "demo":
            return run_demo(resolve_db_path(args.db, demo=True), args.seed, args.force)
        path = resolve_db_path(args.db, demo=args.demo)
        if args.command == "stats":
            return run_stats(path, as_json=args.json)
        if args.demo and not path.exists():
            build_with_progress(path, seed=2026)
        return run_app(path, read_only=args.read_only, language=args.lang)
    except OpenError as error:
        return fail(t(error.key, **error.params))


def build_with_progress(path: Path, *, seed: int) -> None:
    """Build the demo into a temporary file beside `path`, then move it into place."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from kxtui.db.connection import close_database
    from kxtui.db.demo import build_demo

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
            build_demo(building, seed=seed, progress=report)
        finally:
            close_database()
    for old in _sqlite_files(path):
        old.unlink(missing_ok=True)
    os.replace(building, path)
    console.print(t("cli.demo_done", path=path, seconds=time.perf_counter() - started))


def _sqlite_files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]


def run_demo(path: Path, seed: int, force: bool) -> int:
    if path.exists() and not force:
        return fail(t("cli.demo_exists", path=path))
    if path.is_dir():
        return fail(t("open.is_directory", path=path))
    build_with_progress(path, seed=seed)
    return 0


def run_stats(path: Path, *, as_json: bool) -> int:
    from kxtui.db import call
    from kxtui.db.connection import open_database
    from kxtui.db.stats import county_stats
    from kxtui.display import clean

    if not path.exists():
        return fail(t("open.missing", path=path))
    open_database(path)
    rows = call(county_stats)
    if as_json:
        import json

        counties = {row.name: {k: v for k, v in asdict(row).items() if k != "name"} for row in rows}
        print(json.dumps({"counties": counties}, ensure_ascii=False, indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(t("cli.stats_header"))
    for row in rows:
        table.add_column(Text(clean(row.name, 20)), justify="right")
    for field in (k for k in asdict(rows[0]) if k != "name") if rows else ():
        values = [getattr(row, field) for row in rows]
        table.add_row(t(f"stats.{field}"), *(f"{v:,.0f}" for v in values))
    Console().print(table)
    return 0


def run_app(path: Path, *, read_only: bool, language: str | None) -> int:
    from kxtui.app import create_app

    create_app(path, read_only=read_only, language=language).run()
    return 0
