"""Command line: `kxtui` opens the app; `kxtui demo` builds the demo; `kxtui stats` counts;
`kxtui export activities|volunteers` / `kxtui import activities|volunteers` write and read
活动台账 and 志愿者花名册 spreadsheets; `kxtui init --admin` and `kxtui officer ...` manage
officer accounts; `kxtui backup` / `check` / `restore` look after the database file.

Every command checks who runs it (see `kxtui.db.officers.unix_user`); a Unix user without an
active account gets a message and exit code 3. Commands that read or write records sign the
officer in and keep to their area. Backup, check, restore and a demo built over a kxtui
database act on the file as a whole, every region at once: only a county admin of the whole
database may run them, or — backup, check and restore — the service account that owns the
file (`kxtui.db.officers.require_file_admin`, docs/deploy.md).

Exit codes: 0 done; 1 `check` found problems, or an import's file has bad rows; 2 the command
could not run (a bad or missing file, a refusal, a bad option — always with a one-line
message, never a traceback: set KXTUI_DEBUG=1 to see one); 3 no active officer account."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import asdict
from pathlib import Path

from kxtui import __version__
from kxtui.i18n import set_language, t
from kxtui.paths import resolve_db_path

NOT_SIGNED_IN = 3  # exit code: no active officer account for this Unix user
MAINTENANCE = ("backup", "check", "restore")  # file-level commands (no --as)
DEBUG = "KXTUI_DEBUG"  # set to 1: an unexpected error shows its traceback
AS_HELP = "县级管理员：以另一工作人员的账户操作 / county admins: act as another officer's account"
DB_HELP = (
    "数据库文件 / database file (默认 default: $KXTUI_DB, 否则 else kxtui.db in the user data "
    "directory)"
)
EXPORT_DIR_HELP = (
    "导出文件夹 / export folder (默认 default: $KXTUI_EXPORT_DIR, 否则 else kxtui in the "
    "documents folder, else exports in the user data directory)"
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
    parser.add_argument("--as", dest="as_name", metavar="USER", help=AS_HELP)
    parser.add_argument("--export-dir", metavar="DIR", help=EXPORT_DIR_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="生成演示数据库 / build the demo database",
        description="生成确定性的演示数据库（胶州市、荆州区）/ build the deterministic demo "
        "database (Jiaozhou, Jingzhou). Default file: demo.db in the user data directory. "
        "--scale province：全省 136 个县（市、区）、100 万名志愿者，约一分钟 / Shandong's 136 "
        "counties with 1,000,000 volunteers, about a minute; default file demo-province.db.",
    )
    demo.add_argument(
        "--scale",
        choices=("county", "province"),
        default="county",
        help="规模：县（默认）或省 / size: county (default) or province",
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
    _add_sheet_commands(commands)
    _add_maintenance_commands(commands)
    from kxtui.cli_officers import add_officer_commands

    add_officer_commands(commands)
    for command in commands.choices.values():
        if command.prog.split()[-1] not in ("demo", "init", "officer", *MAINTENANCE):
            command.add_argument(
                "--as", dest="as_name", metavar="USER", default=argparse.SUPPRESS, help=AS_HELP
            )
    return parser


def _add_maintenance_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup",
        help="备份数据库 / back up the database (safe while officers are saving)",
        description="用 SQLite 在线备份复制数据库（有人正在保存时也安全），"
        "写入带时间的文件，只保留最近 N 个 / copy the database with SQLite's online backup API "
        "(safe while others save) into a timestamped file, keeping the newest N. "
        "Default directory: backups/ beside the database.",
    )
    backup.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    backup.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="备份文件或目录（默认：数据库旁的 backups/）/ backup file or directory "
        "(default: backups/ beside the database)",
    )
    backup.add_argument(
        "--keep",
        type=int,
        default=30,
        metavar="N",
        help="目录中保留最近 N 个备份（默认 30，0 全部保留）/ keep the newest N backups in the "
        "directory (default 30; 0 keeps all)",
    )
    check = commands.add_parser(
        "check",
        help="检查数据库 / check the database",
        description="完整性检查、外键检查和 kxtui 自身的规则（区域路径、志愿服务合计、搜索键）；"
        "有问题时退出码为 1 / integrity_check, foreign_key_check and kxtui's own rules (region "
        "paths, service totals, search keys); exit code 1 when something is wrong.",
    )
    check.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    restore = commands.add_parser(
        "restore",
        help="从备份恢复 / restore a backup",
        description="先检查备份文件；数据库正在使用时拒绝；"
        "原数据库保留为 *.before-restore-时间.bak / "
        "checks the backup first; refused while the database is in use; the previous database is "
        "kept as *.before-restore-TIME.bak",
    )
    restore.add_argument("file", metavar="FILE", help="备份文件 / backup file")
    restore.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def _add_sheet_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="导出活动台账或志愿者花名册 / export activities or volunteers to XLSX or CSV",
        description="导出活动台账或志愿者花名册为 XLSX 或 CSV（UTF-8 带 BOM，WPS/Excel 可直接"
        "打开）/ "
        "export activities or volunteers to XLSX or CSV (UTF-8 with BOM). Activities: the "
        "志愿者 column reads 姓名:小时;… (name:hours;…), 姓名#编号 where a name is shared. "
        "Volunteers: mobiles in full, ID numbers and mobiles as text.",
    )
    export.add_argument(
        "what", choices=["activities", "volunteers"], help="导出什么 / what to export"
    )
    export.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    export.add_argument("--from", dest="start", metavar="DATE", help="开始日期起 / from date")
    export.add_argument("--to", dest="end", metavar="DATE", help="开始日期止 / to date")
    export.add_argument(
        "--region", metavar="NAME", help="区域：名称、拼音或首字母 / region: name, pinyin, initials"
    )
    export.add_argument(
        "--format", choices=("xlsx", "csv"), help="格式（默认按文件名）/ format (default: suffix)"
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="输出文件（默认：导出文件夹中按区域和期间命名）/ file (default: named after the region"
        " and period, in the export folder)",
    )
    export.add_argument(
        "--export-dir", metavar="DIR", default=argparse.SUPPRESS, help=EXPORT_DIR_HELP
    )
    export.add_argument(
        "--force", action="store_true", help="覆盖已有文件 / overwrite an existing file"
    )

    imported = commands.add_parser(
        "import",
        help="导入活动台账或志愿者 / import activities or volunteers from XLSX or CSV",
        description="导入活动台账或志愿者：先检查每一行，有错误的行全部列出且不导入任何内容；提醒不阻止"
        "导入。活动：编号与已有活动相同且内容相同的行跳过，其余作为新活动。志愿者：身份证号、手机号或平台"
        "ID 已登记的按 --on-duplicate 处理 / import activities or volunteers: every row is "
        "checked first; with bad rows nothing is imported (exit 1); warnings do not block. "
        "Activities: rows whose id is an identical ledger activity are skipped; others become "
        "new activities. Volunteers: rows of people already registered (same ID number, mobile "
        "or platform ID) are handled as --on-duplicate says.",
    )
    imported.add_argument(
        "what", choices=["activities", "volunteers"], help="导入什么 / what to import"
    )
    imported.add_argument("file", metavar="FILE", help=".xlsx 或 .csv 文件 / .xlsx or .csv file")
    imported.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)
    imported.add_argument(
        "--dry-run", action="store_true", help="只检查，不写入 / check only, write nothing"
    )
    imported.add_argument(
        "--valid-only",
        action="store_true",
        help="只导入有效行（活动）/ import the valid rows, skip the bad ones (activities)",
    )
    imported.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "keep"),
        help="已登记的志愿者：跳过（默认）、更新或都保留 / volunteers already registered: skip "
        "(default), update them, or keep both",
    )


def fail(message: str) -> int:
    from kxtui.display import clean

    print(f"kxtui: {clean(message, 1000)}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    from kxtui.db.errors import KxError, SignInRefused

    args = build_parser().parse_args(argv)
    set_language(args.lang)
    demo = args.command == "demo"
    province = demo and args.scale == "province"
    path = resolve_db_path(args.db, demo=demo or args.demo, province=province)
    try:
        return _run(path, args)
    except SignInRefused as refused:
        code, message = NOT_SIGNED_IN, t(refused.key, **refused.params)
    except KxError as error:
        code, message = 2, t(error.key, **error.params)
    except Exception as error:
        if os.environ.get(DEBUG) == "1":
            raise
        code, message = 2, _unexpected(path, error)
    from kxtui.db.connection import close_database

    close_database()  # the last connection out removes the -wal and -shm it made
    fail(message)
    return code


def _run(path: Path, args: argparse.Namespace) -> int:
    if args.command == "demo":
        from kxtui.cli_demo import run_demo

        return run_demo(path, args.seed, args.force, scale=args.scale)
    if args.command == "stats":
        return run_stats(path, as_json=args.json, as_name=args.as_name)
    if args.command in ("export", "import"):
        from kxtui import cli_sheets

        run = cli_sheets.run_export if args.command == "export" else cli_sheets.run_import
        return run(path, args)
    if args.command in MAINTENANCE:
        from kxtui import cli_maintenance

        return cli_maintenance.COMMANDS[args.command](path, args)
    if args.command in ("init", "officer"):
        from kxtui import cli_officers

        return cli_officers.run(path, args)
    if args.demo and not path.exists():
        from kxtui.cli_demo import build_with_progress

        build_with_progress(path, seed=2026)
    if (code := no_database(path)) is not None:
        return code
    return run_app(path, read_only=args.read_only, language=args.lang, as_name=args.as_name,
                   export_dir=args.export_dir)  # fmt: skip


def _unexpected(path: Path, error: Exception) -> str:
    """The one line an error nobody planned for gets; a damaged file says so."""
    from kxtui.db.errors import is_database_error

    if is_database_error(error):
        return t("open.damaged", path=path, reason=error)
    return t("cli.unexpected", kind=type(error).__name__, detail=error, debug=DEBUG)


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
    from kxtui.db.connection import is_marked_read_only

    if path.is_file() and is_marked_read_only(path):
        return fail(t("open.read_only_file", path=path))
    return None


def sign_in(path: Path, as_name: str | None) -> int | None:
    """Sign in the officer running this command on the open database (a session already
    signed in, as in tests, is kept); an exit code when they may not."""
    from kxtui.db import call, officers, scope
    from kxtui.db.errors import SignInRefused

    if scope.current() is not None:
        return None
    try:
        call(officers.sign_in_process, path, as_name)
    except SignInRefused as refused:
        fail(t(refused.key, **refused.params))
        return NOT_SIGNED_IN
    return None


def run_stats(path: Path, *, as_json: bool, as_name: str | None = None) -> int:
    from kxtui.db import call
    from kxtui.db.connection import open_database
    from kxtui.db.stats import county_stats
    from kxtui.display import clean

    if (code := no_database(path)) is not None:
        return code
    open_database(path)
    if (code := sign_in(path, as_name)) is not None:
        return code
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


def run_app(
    path: Path,
    *,
    read_only: bool,
    language: str | None,
    as_name: str | None,
    export_dir: str | None,
) -> int:
    from kxtui.app import create_app

    app = create_app(path, read_only=read_only, language=language, as_name=as_name,
                     export_dir=export_dir)  # fmt: skip
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # e.g. `ssh server some-command` on a server whose sshd starts kxtui for every login:
        # no terminal was asked for, and a screen without one would draw into a pipe
        if app.refused is not None:
            fail(t(app.refused.key, **app.refused.params))
            return NOT_SIGNED_IN
        return fail(t("cli.no_terminal"))
    app.run()
    return app.return_code or 0
