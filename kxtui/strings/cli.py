"""The command line and the database file: opening it, backup, check, restore, the demo, statistics."""

STRINGS: dict[str, tuple[str, str]] = {
    "backup.bad_copy": (
        "备份副本检查未通过：{detail}",
        "The backup copy failed its check: {detail}",
    ),
    "backup.done": ("已备份到 {path}（{size}）", "Backed up to {path} ({size})"),
    "backup.exists": (
        "{path} 已存在，未覆盖。请换一个文件名，或用 -o 指定目录",
        "{path} exists and was not overwritten; use another name or -o DIRECTORY",
    ),
    "backup.ignored": (
        "{folder} 中有 {count} 个文件名像备份，但无法确认是本数据库的备份（别的数据库的、早期版本做的、时间在将来的或不是数据库），未计入也未删除",
        "{count} files in {folder} are named like backups but are not verified backups of this "
        "database (another database's, made by an earlier kxtui, dated in the future, or not a "
        "database); not counted, not removed",
    ),
    "backup.prune_failed": (
        "未能删除较早的备份 {path}：{reason}",
        "Could not remove the older backup {path}: {reason}",
    ),
    "backup.removed": (
        "按 --keep {keep} 删除了 {count} 个较早的备份",
        "Removed {count} older backups (--keep {keep})",
    ),
    "check.code": (
        "{count} 条记录的 {table}.{column} 不是 kxtui 认识的代码：请在表单中重新选择",
        "{count} records have a {table}.{column} that is not a code kxtui knows: choose it again in the form",
    ),
    "check.constraint": (
        "{count} 行违反表的约束（由其他程序写入），见下方各项：请在表单中改正",
        "{count} rows break a table constraint (written by another program), listed below: correct them in the forms",
    ),
    "check.date": (
        "{count} 条记录的 {table}.{column} 不是有效日期（应为 2026-05-30 这样的日期）：请在表单中重新填写",
        "{count} records have a {table}.{column} that is not a valid date (like 2026-05-30): fill it in again in the form",
    ),
    "check.examples": ("例：{examples}", "e.g. {examples}"),
    "check.flag": (
        "{count} 条记录的 {table}.{column} 不是 0 或 1：请在表单中重新勾选",
        "{count} records have a {table}.{column} that is not 0 or 1: tick it again in the form",
    ),
    "check.foreign_key": (
        "{count} 条记录指向不存在的记录（foreign_key_check）",
        "{count} records refer to records that do not exist (foreign_key_check)",
    ),
    "check.found": ("{path} 有 {count} 类问题：", "{path} has {count} kinds of problem:"),
    "check.integrity": (
        "文件结构损坏（integrity_check 报告 {count} 处）：请用 kxtui restore 从备份恢复",
        "The file structure is damaged (integrity_check: {count} findings); restore a backup with kxtui restore",
    ),
    "check.number": (
        "{count} 条记录的 {table}.{column} 不是有效数值（文字、无穷大、负数、超出范围，或升级时已清除）：请在表单中重新填写",
        "{count} records have a {table}.{column} that is not a valid number (text, infinity, negative, out of range, or cleared at upgrade): fill it in again in the form",
    ),
    "check.orphan_keys": (
        "{count} 个已不存在的志愿者仍留有搜索键",
        "{count} volunteers who no longer exist still have search keys",
    ),
    "check.passed": (
        "检查通过：{path}（文件结构、外键、区域路径、志愿服务合计、志愿者搜索键）",
        "All checks passed: {path} (file structure, foreign keys, region paths, service totals, volunteer search keys)",
    ),
    "check.region_path": (
        "{count} 个区域的路径与其上级不一致",
        "{count} regions have a path that does not match their parent's",
    ),
    "check.schema_version": (
        "数据库是第 {version} 版，本程序是第 {expected} 版：用 kxtui 打开一次即可升级，升级后再检查",
        "The database has schema {version}, this kxtui {expected}: open it once with kxtui to upgrade, then check again",
    ),
    "check.service_totals": (
        "{count} 名志愿者的服务时长合计或最近服务日期与服务记录不符",
        "{count} volunteers have service totals or a last service date that do not match their service records",
    ),
    "check.volunteer_keys": (
        "{count} 名志愿者的搜索键缺失或过时（花名册搜索会找不到或找错人）",
        "{count} volunteers have missing or stale search keys (the roster search would miss or mismatch them)",
    ),
    "cli.about.backup": (
        "用 SQLite 在线备份复制数据库（有人正在保存时也安全），写入带时间的文件，只保留最近 N 个",
        "copy the database with SQLite's online backup API (safe while others save) into a timestamped file, keeping the newest N. Default directory: backups/ beside the database.",
    ),
    "cli.about.calendar": (
        "本年的主题日和截止日期，各主题日已登记的活动（按镇）和剩余天数",
        "the year's theme days and deadlines, with the activities logged for each by town and the days left.",
    ),
    "cli.about.check": (
        "完整性检查、外键检查和 kxtui 自身的规则（区域路径、志愿服务合计、搜索键）；有问题时退出码为 1",
        "integrity_check, foreign_key_check and kxtui's own rules (region paths, service totals, search keys); exit code 1 when something is wrong.",
    ),
    "cli.about.demo": (
        "生成确定性的演示数据库（胶州市、荆州区）",
        "build the deterministic demo database (Jiaozhou, Jingzhou). Default file: demo.db in the user data directory. --scale province：全省 136 个县（市、区）、100 万名志愿者，约一分钟 / Shandong's 136 counties with 1,000,000 volunteers, about a minute; default file demo-province.db.",
    ),
    "cli.about.export": (
        "导出活动台账或志愿者花名册为 XLSX 或 CSV（UTF-8 带 BOM，WPS/Excel 可直接打开）",
        "export activities or volunteers to XLSX or CSV (UTF-8 with BOM). Activities: the 志愿者 column reads 姓名:小时;… (name:hours;…), 姓名#编号 where a name is shared. Volunteers: mobiles in full, ID numbers and mobiles as text.",
    ),
    "cli.about.import": (
        "导入活动台账或志愿者：先检查每一行，有错误的行全部列出且不导入任何内容；提醒不阻止导入。活动：编号与已有活动相同且内容相同的行跳过，其余作为新活动。志愿者：身份证号、手机号或平台ID 已登记的按 --on-duplicate 处理",
        "import activities or volunteers: every row is checked first; with bad rows nothing is imported (exit 1); warnings do not block. Activities: rows whose id is an identical ledger activity are skipped; others become new activities. Volunteers: rows of people already registered (same ID number, mobile or platform ID) are handled as --on-duplicate says.",
    ),
    "cli.about.init": (
        "在新数据库（或还没有账户的数据库）中，把运行本命令的系统用户设为县级管理员（全部区域）",
        "make the Unix user running this the county admin of the whole database, on a new database or one without accounts.",
    ),
    "cli.about.kxtui": (
        "kxtui — 县级科协基层工作终端",
        "terminal desk for county science-association (科协) officers: 区域 regions, 阵地 venues, 活动台账 activities, 志愿者 volunteers.",
    ),
    "cli.about.officer": (
        "添加、列出、停用、启用工作人员账户；只有县级管理员可用",
        "add, list, disable and enable officer accounts; county admins only.",
    ),
    "cli.about.period": (
        "关闭、重新开放、列出期间：关闭期间内的活动不能新建、修改、删除或导入；关闭和重新开放只有县级管理员可用",
        "close, reopen and list periods: activities dated in a closed period cannot be created, changed, deleted or imported; closing and reopening are for county admins.",
    ),
    "cli.about.report": (
        "统计报表：科普活动、科技志愿者、科普阵地“六有”、全国科普日、年度科普工作；在终端显示，或导出 JSON、XLSX、CSV（上报用的表样）",
        "reports: activities, volunteers, venues' six haves, science day, the year's work; shown on the terminal, or as JSON, or as the XLSX / CSV tables handed upward",
    ),
    "cli.about.restore": (
        "先检查备份文件；数据库正在使用时拒绝；原数据库保留为 *.before-restore-时间.bak",
        "checks the backup first; refused while the database is in use; the previous database is kept as *.before-restore-TIME.bak",
    ),
    "cli.about.stats": ("按县（市、区）统计", "print counts per county"),
    "cli.activities_only": ("{option} 只用于活动台账", "{option} applies to activities only"),
    "cli.demo_aside": ("原文件已保留为 {aside}", "The previous file was kept as {aside}"),
    "cli.demo_building": ("正在生成演示数据库 {path} …", "Building demo database {path} …"),
    "cli.demo_done": (
        "演示数据库已生成：{path}（{seconds:.1f} 秒）",
        "Demo database built: {path} ({seconds:.1f} s)",
    ),
    "cli.demo_exists": (
        "{path} 已存在，未覆盖。加 --force 覆盖，或用 --db 指定其他文件",
        "{path} exists and was not overwritten; use --force or another --db",
    ),
    "cli.demo_in_use": (
        "{path} 正在使用中（有 kxtui 会话或其他程序打开着它），未覆盖。请先让所有人退出 kxtui",
        "{path} is in use (a kxtui session or another program has it open); it was not "
        "replaced. Have everyone leave kxtui first",
    ),
    "cli.export.bad_date": (
        "看不懂的日期“{text}”：请写成 2026-05-30",
        "Not a date: “{text}”; write 2026-05-30",
    ),
    "cli.export.done": (
        "已导出 {count} 条活动：{path}",
        "Exported {count} activities: {path}",
    ),
    "cli.export.exists": (
        "{path} 已存在，未覆盖。加 --force 覆盖，或换一个文件名",
        "{path} exists and was not overwritten; use --force or another name",
    ),
    "cli.export.format": (
        "请用 --format xlsx 或 csv，或用 .xlsx/.csv 结尾的文件名",
        "Use --format xlsx or csv, or a file name ending in .xlsx/.csv",
    ),
    "cli.export.region_ambiguous": (
        "“{text}”对应多个区域：{choices}；请写得更具体",
        "“{text}” matches several regions: {choices}; be more specific",
    ),
    "cli.export.region_unknown": ("没有名为“{text}”的区域", "No region called “{text}”"),
    "cli.export.volunteers_done": (
        "已导出 {count} 名志愿者：{path}",
        "Exported {count} volunteers: {path}",
    ),
    "cli.help.as": (
        "县级管理员：以另一工作人员的账户操作",
        "county admins: act as another officer's account",
    ),
    "cli.help.backup": ("备份数据库", "back up the database (safe while officers are saving)"),
    "cli.help.backup.keep": (
        "目录中保留最近 N 个备份（默认 30，0 全部保留）",
        "keep the newest N backups in the directory (default 30; 0 keeps all)",
    ),
    "cli.help.backup.output": (
        "备份文件或目录（默认：数据库旁的 backups/）",
        "backup file or directory (default: backups/ beside the database)",
    ),
    "cli.help.calendar": (
        "工作日历（主题日与截止日期）",
        "the year's calendar (theme days and deadlines)",
    ),
    "cli.help.calendar.json": ("输出 JSON", "print one JSON object"),
    "cli.help.calendar.region": (
        "按该区域的下级统计（名称、拼音或路径）；默认：可查看范围",
        "count by the regions under this one (name, pinyin or path); default: your view",
    ),
    "cli.help.calendar.year": ("年份（默认今年）", "year (default: this year)"),
    "cli.help.check": ("检查数据库", "check the database"),
    "cli.help.db": (
        "数据库文件",
        "database file (默认 default: $KXTUI_DB, 否则 else kxtui.db in the user data directory)",
    ),
    "cli.help.demo": ("生成演示数据库", "build the demo database"),
    "cli.help.demo.db": ("目标文件", "target file"),
    "cli.help.demo.force": ("覆盖已有文件", "overwrite an existing file"),
    "cli.help.demo.scale": ("规模：县（默认）或省", "size: county (default) or province"),
    "cli.help.demo.seed": ("随机种子", "seed (default 2026)"),
    "cli.help.export": (
        "导出活动台账或志愿者花名册",
        "export activities or volunteers to XLSX or CSV",
    ),
    "cli.help.export.force": ("覆盖已有文件", "overwrite an existing file"),
    "cli.help.export.format": ("格式（默认按文件名）", "format (default: suffix)"),
    "cli.help.export.from": ("开始日期起", "from date"),
    "cli.help.export.output": (
        "输出文件（默认：导出文件夹中按区域和期间命名）",
        "file (default: named after the region and period, in the export folder)",
    ),
    "cli.help.export.region": ("区域：名称、拼音或首字母", "region: name, pinyin, initials"),
    "cli.help.export.to": ("开始日期止", "to date"),
    "cli.help.export.what": ("导出什么", "what to export"),
    "cli.help.export_dir": (
        "导出文件夹",
        "export folder (默认 default: $KXTUI_EXPORT_DIR, 否则 else kxtui in the documents folder, else exports in the user data directory)",
    ),
    "cli.help.import": ("导入活动台账或志愿者", "import activities or volunteers from XLSX or CSV"),
    "cli.help.import.dry_run": ("只检查，不写入", "check only, write nothing"),
    "cli.help.import.file": (".xlsx 或 .csv 文件", ".xlsx or .csv file"),
    "cli.help.import.on_duplicate": (
        "已登记的志愿者：跳过（默认）、更新或都保留",
        "volunteers already registered: skip (default), update them, or keep both",
    ),
    "cli.help.import.valid_only": (
        "只导入有效行（活动）",
        "import the valid rows, skip the bad ones (activities)",
    ),
    "cli.help.import.what": ("导入什么", "what to import"),
    "cli.help.init": (
        "初始化数据库并创建县级管理员",
        "create the database and its first county admin",
    ),
    "cli.help.init.admin": ("创建县级管理员", "create the county admin"),
    "cli.help.init.name": ("管理员姓名（默认用户名）", "the admin's name"),
    "cli.help.kxtui.demo": (
        "打开演示数据库，不存在则先生成",
        "open the demo database (built first if missing)",
    ),
    "cli.help.kxtui.lang": ("界面语言", "interface language (default: $KXTUI_LANG or zh)"),
    "cli.help.kxtui.read_only": ("只读打开", "open without allowing changes"),
    "cli.help.officer": ("工作人员账户（县级管理员）", "officer accounts (county admins)"),
    "cli.help.officer.add": ("添加账户", "add an account"),
    "cli.help.officer.add.name": ("姓名", "name"),
    "cli.help.officer.add.phone": (
        "联系电话（报表的填报人电话）",
        "phone (on the reports one hands over)",
    ),
    "cli.help.officer.add.region": (
        "负责区域：名称、拼音或路径；县级管理员不填 = 全部区域",
        "region (name, pinyin or path); none for a county admin = the whole database",
    ),
    "cli.help.officer.add.user": ("系统用户名", "Unix user name"),
    "cli.help.officer.add.view": ("另可查看的更大区域", "a wider region to read"),
    "cli.help.officer.disable": ("停用账户", "disable"),
    "cli.help.officer.enable": ("启用账户", "enable"),
    "cli.help.officer.list": ("列出账户", "list the accounts"),
    "cli.help.officer.user": ("系统用户名", "Unix user"),
    "cli.help.period": ("关闭的期间", "closed periods"),
    "cli.help.period.close": ("关闭期间", "close a period"),
    "cli.help.period.json": ("输出 JSON", "print one JSON object"),
    "cli.help.period.list": ("列出关闭的期间", "list the closed periods"),
    "cli.help.period.period": (
        "期间：2026、2026Q3 或 2026-09",
        "period: 2026, 2026Q3 or 2026-09",
    ),
    "cli.help.period.region": (
        "只关闭该区域（名称、拼音或路径）；不填 = 全部区域",
        "only this region (name, pinyin or path); none = the whole database",
    ),
    "cli.help.period.reopen": ("重新开放期间", "reopen a period"),
    "cli.help.report": (
        "统计报表",
        "a report",
    ),
    "cli.help.report.across": (
        "交叉表：列按此分组（与 --measure 一起用）",
        "cross table: columns by this grouping (with --measure)",
    ),
    "cli.help.report.by": (
        "行按此分组（默认为该报表的第一种）",
        "rows by this grouping (default: the report's first)",
    ),
    "cli.help.report.format": (
        "格式：xlsx、csv 或 json（默认按文件名；无 -o 时在终端显示表格）",
        "format: xlsx, csv or json (default: the suffix; without -o a table on the terminal)",
    ),
    "cli.help.report.measure": (
        "交叉表格中的指标",
        "the measure a cross table's cells hold",
    ),
    "cli.help.report.name": (
        "哪张报表",
        "which report",
    ),
    "cli.help.report.output": (
        "写入的文件（.xlsx、.csv 或 .json）",
        "the file to write (.xlsx, .csv or .json)",
    ),
    "cli.help.report.period": (
        "时段：2026（年）、2026Q3（季度）或 2026-09（月），默认今年",
        "period: 2026 (year), 2026Q3 (quarter) or 2026-09 (month); default this year",
    ),
    "cli.help.restore": ("从备份恢复", "restore a backup"),
    "cli.help.restore.file": ("备份文件", "backup file"),
    "cli.help.stats": ("按县统计", "counts per county"),
    "cli.help.stats.demo": ("统计演示数据库", "use the demo database"),
    "cli.help.stats.json": ("输出 JSON", "print one JSON object"),
    "cli.import.done": ("已导入 {count} 条活动", "Imported {count} activities"),
    "cli.import.dry_run": ("试运行（--dry-run）：未写入任何内容", "Dry run: nothing was written"),
    "cli.import.refused": (
        "有错误的行，未导入任何内容。改正后重新导入，或加 --valid-only 只导入有效行",
        "Rows with errors: nothing was imported. Fix them, or use --valid-only to import the valid rows",
    ),
    "cli.import.row_error": ("第 {row} 行：{column}：{reason}", "Row {row}: {column}: {reason}"),
    "cli.import.row_warning": (
        "第 {row} 行（提醒）：{column}：{reason}",
        "Row {row} (warning): {column}: {reason}",
    ),
    "cli.import.summary": (
        "共 {rows} 行：有效 {valid}（有提醒 {warned}，已存在 {present}），有错误 {bad}",
        "{rows} rows: {valid} valid ({warned} with warnings, {present} already present), {bad} bad",
    ),
    "cli.import.volunteers_refused": (
        "有错误的行，未导入任何内容。改正后重新导入",
        "Rows with errors: nothing was imported. Fix them and import again",
    ),
    "cli.import.volunteers_summary": (
        "共 {rows} 行：有效 {valid}（新增 {new}，已登记 {matched}：{choice}），有错误 {bad}",
        "{rows} rows: {valid} valid ({new} new, {matched} already registered: {choice}), {bad} bad",
    ),
    "cli.init.done": (
        "已创建县级管理员 {user}（全部区域）：{path}",
        "Created the county admin {user} (whole database): {path}",
    ),
    "cli.no_terminal": (
        "kxtui 需要在终端中运行：请直接登录（ssh 用户名@服务器），不要在 ssh 后面加命令",
        "kxtui needs a terminal: log in plainly (ssh user@server), without a command after it",
    ),
    "cli.officer.added": (
        "已添加账户 {user}（{role}，{region}）",
        "Added {user} ({role}, {region})",
    ),
    "cli.officer.disabled": ("已停用账户 {user}", "Disabled {user}"),
    "cli.officer.enabled": ("已启用账户 {user}", "Enabled {user}"),
    "cli.officer.list_header": (
        "用户名\t姓名\t角色\t负责区域\t查看范围\t状态",
        "user\tname\trole\tregion\tview\tstatus",
    ),
    "cli.report.across_by": (
        "--across 不能与行的分组（{grouping}）相同",
        "--across cannot be the rows' grouping ({grouping})",
    ),
    "cli.report.backwards": (
        "开始日期 {start} 晚于结束日期 {end}",
        "The start {start} is after the end {end}",
    ),
    "cli.report.bad_grouping": (
        "报表 {name} 不能按“{grouping}”分组（{option}）；可选：{choices}",
        "Report {name} cannot be grouped by “{grouping}” ({option}); choose one of: {choices}",
    ),
    "cli.report.bad_measure": (
        "报表 {name} 没有指标“{measure}”；可选：{choices}",
        "Report {name} has no measure “{measure}”; choose one of: {choices}",
    ),
    "cli.report.bad_period": (
        "看不懂的时段“{text}”：请写成 2026、2026Q3 或 2026-09",
        "Not a period: “{text}”; write 2026, 2026Q3 or 2026-09",
    ),
    "cli.report.done": (
        "已导出报表：{path}",
        "Report written: {path}",
    ),
    "cli.report.fixed": (
        "报表 {name} 是固定表样，不能分组（{option}）",
        "Report {name} is a fixed table: it takes no {option}",
    ),
    "cli.report.measure_alone": (
        "--measure 只用于交叉表，请同时给出 --across",
        "--measure is for a cross table: give --across too",
    ),
    "cli.report.period_and_dates": (
        "--period 与 --from / --to 只能用一种",
        "Use either --period or --from / --to, not both",
    ),
    "cli.report.total": (
        "合计",
        "Total",
    ),
    "cli.stats_header": ("县（市、区）", "County"),
    "cli.unexpected": (
        "意外错误（{kind}：{detail}）。设置 {debug}=1 再运行可看到详细信息",
        "Unexpected error ({kind}: {detail}). Run again with {debug}=1 to see the details",
    ),
    "cli.volunteers_only": ("{option} 只用于志愿者", "{option} applies to volunteers only"),
    "demo.province_county": (
        "生成县（市、区）{done}/{total}：{name}",
        "County {done}/{total}: {name}",
    ),
    "demo.province_done": ("完成", "Done"),
    "demo.province_finish": ("写入元数据", "Writing metadata"),
    "demo.province_indexes": ("建立索引 {done}/{total}", "Building indexes {done}/{total}"),
    "demo.province_roster": ("生成花名册检索键", "Roster search keys"),
    "open.damaged": (
        "{path} 已损坏（{reason}），未做任何修改。用“kxtui check”查看，或用“kxtui restore”恢复备份",
        "{path} is damaged ({reason}); it was left untouched. See 'kxtui check', or restore a "
        "backup with 'kxtui restore'",
    ),
    "open.empty": (
        "{path} 是空文件，还不是 kxtui 数据库，未做任何修改（新数据库用“kxtui init --admin”建立）",
        "{path} is an empty file, not a kxtui database yet; it was left untouched "
        "('kxtui init --admin' makes a new database)",
    ),
    "open.empty_read_only": ("{path} 是空文件且只读", "{path} is empty and read-only"),
    "open.failed": ("无法打开 {path}：{reason}", "Cannot open {path}: {reason}"),
    "open.folder_read_only": (
        "无法打开 {path}：所在目录 {folder} 不可写，SQLite 无法在数据库旁创建它需要的 -wal 和 -shm "
        "文件。未做任何修改。请由数据库文件的所有者运行 kxtui，或让该目录可写",
        "Cannot open {path}: its directory {folder} is not writable, so SQLite cannot create the "
        "-wal and -shm files it needs beside the database. Nothing was changed. Run kxtui as the "
        "database file's owner, or make the directory writable",
    ),
    "open.is_directory": (
        "{path} 是一个目录，不是数据库文件",
        "{path} is a directory, not a database file",
    ),
    "open.missing": ("{path} 不存在", "{path} does not exist"),
    "open.missing_read_only": (
        "{path} 不存在，无法以只读方式打开",
        "{path} does not exist; cannot open read-only",
    ),
    "open.network_fs": (
        "{path} 位于网络文件系统上（{fstype}，挂载点 {mount}）。网络文件系统上 SQLite 的文件锁不可靠，多人同时保存可能损坏数据库，因此拒绝打开。请把数据库放在服务器的本地磁盘上",
        "{path} is on a network filesystem ({fstype}, mounted at {mount}). SQLite's file locks are unreliable there and concurrent saves could corrupt the database, so it is refused. Keep the database on the server's local disk",
    ),
    "open.not_kxtui": (
        "{path} 是 SQLite 文件，但不是 kxtui 数据库，未做任何修改",
        "{path} is a SQLite file but not a kxtui database; it was left untouched",
    ),
    "open.not_sqlite": (
        "{path} 不是 SQLite 数据库文件，未做任何修改",
        "{path} is not a SQLite database; it was left untouched",
    ),
    "open.read_only_file": (
        "{path} 没有写入权限，只能读取：未做任何修改",
        "{path} may not be written (read-only); nothing was changed",
    ),
    "open.too_new": (
        "{path} 由较新版本的 kxtui 创建（数据库第 {version} 版，本程序支持到第 {supported} 版），请升级 kxtui",
        "{path} was written by a newer kxtui (schema {version}; this one knows up to {supported}); upgrade kxtui",
    ),
    "open.unreadable": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "open.upgrade_read_only": (
        "{path} 是旧版数据库（第 {version} 版），只读打开时无法升级",
        "{path} has old schema {version} and cannot be upgraded read-only",
    ),
    "open.writer_lock": (
        "无法打开写入锁文件 {path}（{reason}）：它属于另一个用户或不可写，未做任何修改。"
        "请用数据库文件所有者的账户运行 kxtui",
        "Cannot open the writer lock file {path} ({reason}): it belongs to another user or is "
        "not writable; nothing was changed. Run kxtui as the database file's owner",
    ),
    "restore.aside": ("原数据库已保留为 {aside}", "The previous database was kept as {aside}"),
    "restore.bad_backup": (
        "备份文件 {path} 检查未通过，未恢复：{detail}",
        "The backup {path} failed its check; nothing was restored: {detail}",
    ),
    "restore.bad_result": (
        "恢复后的 {path} 检查未通过；原数据库保留在 {aside}",
        "The restored {path} failed its check; the previous database is kept as {aside}",
    ),
    "restore.done": ("已从 {backup} 恢复到 {path}", "Restored {path} from {backup}"),
    "restore.empty": (
        "{path} 是空数据库，不能用来恢复",
        "{path} is an empty database; nothing to restore",
    ),
    "restore.in_use": (
        "{path} 正在使用中（有 kxtui 会话或其他程序打开着它），未恢复。请先让所有人退出 kxtui 再恢复",
        "{path} is in use (a kxtui session or another program has it open); nothing was restored. Have everyone leave kxtui first",
    ),
    "restore.same_file": (
        "备份文件就是数据库 {path} 本身",
        "The backup is the database {path} itself",
    ),
    "stats.activities": ("活动", "activities"),
    "stats.grids": ("网格", "grids"),
    "stats.invalid_values": (
        "无效数值（未计入合计）",
        "Invalid values (left out of the totals)",
    ),
    "stats.materials": ("发放资料（份）", "materials handed out"),
    "stats.officers": ("联络员/网格员/工作人员", "liaisons, grid officers, staff"),
    "stats.people_reached": ("受众人次", "people reached"),
    "stats.registered_volunteers": ("已在平台注册", "registered on the platform"),
    "stats.service_hours": ("志愿服务时长（小时）", "volunteer service hours"),
    "stats.teams": ("志愿服务队", "volunteer teams"),
    "stats.towns": ("镇/街道", "towns (镇/街道)"),
    "stats.venues": ("阵地", "venues"),
    "stats.villages": ("村/社区", "villages (村/社区)"),
    "stats.volunteers": ("科技志愿者", "volunteers"),
}
