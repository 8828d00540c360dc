"""Spreadsheets: importing activity (sheet.*) and volunteer (vsheet.*) files and what their checks say, exports and the export folder, files on a server, ZMODEM. What a file itself says (its headers, sheet names, notes) is the data layer's file format (`kxtui.db.sheets.headers`, `kxtui.db.words`)."""

STRINGS: dict[str, tuple[str, str]] = {
    "export.everywhere": ("全部区域", "all-regions"),
    "export.folder": ("文件夹", "Folder"),
    "export.kept": (
        "未覆盖 {name}：改个文件名再导出（Ctrl+S）",
        "{name} kept: change the file name and export again (Ctrl+S)",
    ),
    "export.period.all": ("全部", "all"),
    "export.period.from": ("{day}起", "from-{day}"),
    "export.period.to": ("至{day}", "to-{day}"),
    "export.what.activities": ("活动台账", "activities"),
    "export.what.audit": ("审计日志", "audit-log"),
    "export.what.report.activities": ("科普活动统计表", "activities-report"),
    "export.what.report.annual": ("年度科普工作统计表", "annual-report"),
    "export.what.report.science-day": ("全国科普日活动情况调查表", "science-day-survey"),
    "export.what.report.venues": ("科普阵地“六有”统计表", "venues-six-haves-report"),
    "export.what.report.volunteers": ("科技志愿者统计表", "volunteers-report"),
    "export.what.volunteers": ("志愿者花名册", "volunteers"),
    "files.bad_user": (
        "无法为用户“{user}”设置文件目录：用户名不合规",
        "Cannot set up a file folder for the user “{user}”: not a valid user name",
    ),
    "files.changes": (
        "注意：{cut} 个单元格超过 32,767 字符已截断，{replaced} 个单元格中的控制字符或格式字符"
        "已替换为可见符号（如 ␛、⟨U+202E⟩）",
        "Note: {cut} cells over 32,767 characters were cut and {replaced} cells had control or"
        " format characters replaced by visible symbols (such as ␛, ⟨U+202E⟩)",
    ),
    "files.changes_sheet": (
        "文件中的“说明”表逐一列出了它们",
        "The sheet 说明 in the file lists them",
    ),
    "files.exists_server": (
        "你的导出目录中已有 {name}，不会覆盖：请换一个文件名",
        "{name} is already in your exports folder and is never overwritten: choose another name",
    ),
    "files.export_hint": (
        "只填文件名：文件保存在服务器上你的导出目录，导出后可发送到本机",
        "A file name only: the file goes into your exports folder on the server, and can then"
        " be sent to this computer",
    ),
    "files.folder_failed": (
        "无法建立文件目录 {path}：{reason}",
        "Cannot set up the file folder {path}: {reason}",
    ),
    "files.import_placeholder": (
        "上传目录中的文件名，如 志愿者花名册.xlsx（Ctrl+U 从本机上传）",
        "A file name in your uploads folder, e.g. volunteers.xlsx (Ctrl+U uploads from this PC)",
    ),
    "files.name": ("文件名", "File name"),
    "files.name_only": (
        "“{name}”不是可用的文件名：在服务器上只填文件名（字母、数字、- _ . 和括号，不以 . 开头），"
        "文件保存在你的导出目录中",
        "“{name}” is not a usable file name: on the server give a name only (letters, digits,"
        " - _ . and brackets, not starting with .); the file goes into your exports folder",
    ),
    "files.not_audited": (
        "数据库是只读的，无法在审计日志中记录这次导出，因此不导出",
        "The database is read-only, so this export cannot be recorded in the audit log:"
        " not exported",
    ),
    "files.not_ours": (
        "文件目录 {path} 不属于本服务账户，已拒绝使用",
        "The file folder {path} does not belong to the service account: refused",
    ),
    "files.not_recorded": (
        "数据库只读：这次导出未记入审计日志",
        "The database is read-only: this export is not in the audit log",
    ),
    "files.protected": (
        "不能写到 {path}：那是数据库、它的配套文件、备份或另一个数据库",
        "Cannot write {path}: it is the database, one of its companion files, a backup or"
        " another database",
    ),
    "files.protected_import": (
        "不能导入 {name}：那是数据库、它的配套文件或备份",
        "Cannot import {name}: it is the database, one of its companion files or a backup",
    ),
    "files.server_done": (
        "文件在服务器上你的导出目录中：{folder}。按 Z 通过 ZMODEM 发送到本机"
        "（Xshell、SecureCRT、MobaXterm 会自动接收）",
        "The file is in your exports folder on the server: {folder}. Press Z to send it to"
        " this computer by ZMODEM (Xshell, SecureCRT and MobaXterm receive it by themselves)",
    ),
    "files.upload_only": (
        "在服务器上只能导入你的上传目录中的文件：请只填文件名（先用 Ctrl+U 从本机上传）",
        "On the server only files in your uploads folder can be imported: give the file's name"
        " only (upload it first with Ctrl+U)",
    ),
    "sheet.bad_csv": (
        "{name} 第 {row} 行无法读取：{reason}",
        "{name}, row {row} cannot be read: {reason}",
    ),
    "sheet.bad_xlsx": ("无法读取 {name}：{reason}", "Cannot read {name}: {reason}"),
    "sheet.cancelled": ("已停止：未导入任何内容", "Stopped: nothing was imported"),
    "sheet.choice": ("“{text}”不是可选的值；可选：{choices}", "“{text}” is not one of: {choices}"),
    "sheet.county_ambiguous": ("“{text}”对应多个县（市、区）", "“{text}” names several counties"),
    "sheet.county_unknown": ("没有名为“{text}”的县（市、区）", "No county called “{text}”"),
    "sheet.empty": ("{name} 是空文件", "{name} is empty"),
    "sheet.encoding": (
        "{name} 的编码无法识别：请另存为 UTF-8 编码的 CSV",
        "Cannot tell the encoding of {name}: save it as UTF-8 CSV",
    ),
    "sheet.exists": ("{path} 已存在", "{path} already exists"),
    "sheet.export.done": (
        "已导出 {count} 条活动到 {path}",
        "Exported {count} activities to {path}",
    ),
    "sheet.export.format": ("格式", "Format"),
    "sheet.export.hint": (
        "Tab 切换  ←→ 选格式  Enter 或 Ctrl+S 导出  Esc 关闭",
        "Tab next  ←→ format  Enter or Ctrl+S export  Esc close",
    ),
    "sheet.export.hint_xlsx": (
        "Tab 切换  Enter 或 Ctrl+S 导出  Esc 关闭",
        "Tab next  Enter or Ctrl+S export  Esc close",
    ),
    "sheet.export.no_path": ("请填写文件名", "Enter a file name"),
    "sheet.export.overwrite": ("{path} 已存在。覆盖吗？", "{path} exists. Overwrite it?"),
    "sheet.export.overwrite_no": ("不覆盖", "Keep it"),
    "sheet.export.overwrite_yes": ("覆盖", "Overwrite"),
    "sheet.export.report_done": (
        "已导出统计报表（{count} 行）到 {path}",
        "Exported the report ({count} rows) to {path}",
    ),
    "sheet.export.report_title": ("导出统计报表（{count} 行）", "Export the report ({count} rows)"),
    "sheet.export.title": ("导出活动台账（{count} 条活动）", "Export activities ({count})"),
    "sheet.id_differs": (
        "编号 {id} 的活动已存在且内容不同：本行作为新活动导入，原活动不变",
        "Activity {id} exists with other content: this row becomes a new activity; the old one is kept",
    ),
    "sheet.import.all_refused": (
        "有 {bad} 行有错误，不能全部导入；可以只导入有效行",
        "{bad} rows have errors: cannot import all; import the valid rows instead",
    ),
    "sheet.import.column": ("列", "Column"),
    "sheet.import.counts": (
        "{file}：共 {rows} 行，有效 {valid}（有提醒 {warned}，已存在 {present}），有错误 {bad}",
        "{file}: {rows} rows, {valid} valid ({warned} with warnings, {present} already present), {bad} bad",
    ),
    "sheet.import.done": ("已导入 {count} 条活动", "Imported {count} activities"),
    "sheet.import.hint_path": ("Enter 检查  Esc 取消", "Enter check  Esc cancel"),
    "sheet.import.hint_report": (
        "A 全部导入  V 只导入有效行  Tab 切换  Esc 取消",
        "A import all  V import valid rows  Tab next  Esc cancel",
    ),
    "sheet.import.more": ("…另有 {count} 条未列出", "…and {count} more"),
    "sheet.import.no_path": ("请填写文件路径", "Enter a file path"),
    "sheet.import.nothing": ("没有可导入的新活动", "No new activities to import"),
    "sheet.import.path": ("文件", "File"),
    "sheet.import.placeholder": (
        "文件路径，如 ~/活动台账.xlsx",
        "File path, e.g. ~/activities.xlsx",
    ),
    "sheet.import.reason": ("问题", "Problem"),
    "sheet.import.row": ("行", "Row"),
    "sheet.import.title": ("导入活动台账（.xlsx / .csv）", "Import activities (.xlsx / .csv)"),
    "sheet.import.unknown_columns": ("已忽略的列：{columns}", "Columns ignored: {columns}"),
    "sheet.import.warning": ("提醒：{reason}", "Warning: {reason}"),
    "sheet.import.warnings_note": (
        "提醒不阻止导入：导入的行视为已确认",
        "Warnings do not block: imported rows count as confirmed",
    ),
    "sheet.is_directory": ("{path} 是一个目录", "{path} is a directory"),
    "sheet.key.export": ("导出", "Export"),
    "sheet.key.import_all": ("全部导入", "Import all"),
    "sheet.key.import_valid": ("只导入有效行", "Import valid rows"),
    "sheet.missing": ("找不到文件 {path}", "File not found: {path}"),
    "sheet.missing_columns": (
        "{name} 缺少必需的列：{columns}",
        "{name} lacks required columns: {columns}",
    ),
    "sheet.no_header": (
        "{name} 的前 10 行里没有找到表头（如 活动名称、开始日期）",
        "No header row (活动名称/title, 开始日期/start …) in the first 10 rows of {name}",
    ),
    "sheet.not_xlsx": (
        "{name} 不是有效的 .xlsx 文件（可能只是改了扩展名）",
        "{name} is not a valid .xlsx file (perhaps only renamed)",
    ),
    "sheet.old_xls": (
        "{name} 是旧版 .xls 或加密的文件：请在 Excel/WPS 中另存为 .xlsx（不加密码）",
        "{name} is an old .xls or encrypted workbook: save it as .xlsx (without password)",
    ),
    "sheet.region_ambiguous": (
        "区域“{text}”有多处：{choices}；请写出完整路径",
        "Region “{text}” is ambiguous: {choices}; write the full path",
    ),
    "sheet.region_unknown": (
        "在{county}找不到区域“{text}”（请写成 镇/村 的路径）",
        "No region “{text}” in {county} (write a path: town/village)",
    ),
    "sheet.region_unknown_anywhere": (
        "找不到区域“{text}”（请写成 镇/村 的路径，或加一列 县(市、区)）",
        "No region “{text}” (write a path: town/village, or add a county column)",
    ),
    "sheet.stage_check": ("正在检查", "Checking"),
    "sheet.stage_export": ("正在导出", "Exporting"),
    "sheet.stage_read": ("正在读取文件", "Reading the file"),
    "sheet.stage_write": ("正在写入", "Writing"),
    "sheet.team_ambiguous": (
        "志愿服务队“{text}”有多支：{choices}",
        "Volunteer team “{text}” is ambiguous: {choices}",
    ),
    "sheet.team_dissolved": ("志愿服务队“{text}”已解散", "Volunteer team “{text}” was dissolved"),
    "sheet.team_unknown": ("找不到志愿服务队“{text}”", "No volunteer team “{text}”"),
    "sheet.too_large": (
        "{name} 太大（{size} MB），最多 {limit} MB；请按年度或区域分成几个文件",
        "{name} is too large ({size} MB; at most {limit} MB); split it by year or region",
    ),
    "sheet.unknown_format": (
        "{name}：只支持 .xlsx 和 .csv 文件",
        "{name}: only .xlsx and .csv files are supported",
    ),
    "sheet.unreadable": ("无法读取 {name}：{reason}", "Cannot read {name}: {reason}"),
    "sheet.unsafe_parser": (
        "缺少安全的 XML 解析（defusedxml），无法读取 .xlsx",
        "No safe XML parsing (defusedxml): cannot read .xlsx",
    ),
    "sheet.unsafe_xml": (
        "{name} 含有不安全的 XML 实体定义，已拒绝",
        "{name} contains unsafe XML entity declarations; refused",
    ),
    "sheet.venue_ambiguous": (
        "阵地“{text}”有多处：{choices}；请写成 区域/阵地",
        "Venue “{text}” is ambiguous: {choices}; write region/venue",
    ),
    "sheet.venue_unknown": ("在 {region} 找不到阵地“{text}”", "No venue “{text}” in {region}"),
    "sheet.volunteer_ambiguous": (
        "志愿者“{name}”有重名：{choices}；请写成 姓名#编号",
        "Several volunteers are called “{name}”: {choices}; write name#number",
    ),
    "sheet.volunteer_number": (
        "没有编号为 {number} 的志愿者“{name}”",
        "No volunteer “{name}” with number {number}",
    ),
    "sheet.volunteer_unknown": (
        "本县（市、区）没有志愿者“{name}”",
        "No volunteer “{name}” in this county",
    ),
    "sheet.volunteers_format": (
        "志愿者应写成 姓名:小时，用分号隔开，如 张伟:2;李娜:1.5",
        "Write volunteers as name:hours separated by ';', e.g. 张伟:2;李娜:1.5",
    ),
    "sheet.write_failed": ("无法写入 {path}：{reason}", "Cannot write {path}: {reason}"),
    "sheet.zip_bomb": (
        "{name} 解压后异常巨大（疑似“压缩炸弹”），已拒绝",
        "{name} would unpack to an enormous size (a zip bomb?); refused",
    ),
    "vsheet.duplicates": ("已登记过的人", "Already registered"),
    "vsheet.elsewhere": (
        "您查看范围以外的一名志愿者",
        "someone outside your area",
    ),
    "vsheet.export.done": (
        "已导出 {count} 名志愿者到 {path}",
        "Exported {count} volunteers to {path}",
    ),
    "vsheet.export.title": (
        "导出志愿者花名册（{count} 名，手机号完整导出）",
        "Export the roster ({count} volunteers, mobiles in full)",
    ),
    "vsheet.import.counts": (
        "{file}：共 {rows} 行，有效 {valid}（新增 {new}，已登记 {matched}：{choice}），有错误 {bad}",
        "{file}: {rows} rows, {valid} valid ({new} new, {matched} already registered: {choice}), {bad} bad",
    ),
    "vsheet.import.done": (
        "志愿者已导入：新增 {added}，更新 {updated}，跳过 {skipped}",
        "Volunteers imported: {added} added, {updated} updated, {skipped} skipped",
    ),
    "vsheet.import.hint_busy": ("Esc 停止（不写入任何内容）", "Esc stop (nothing is written)"),
    "vsheet.import.hint_path": (
        "Enter 检查  ←→ 重复的处理  Esc 取消",
        "Enter check  ←→ duplicates  Esc cancel",
    ),
    "vsheet.import.hint_report": (
        "A 导入  ←→ 重复的处理（重新检查）  Tab 切换  Esc 取消",
        "A import  ←→ duplicates (checks again)  Tab next  Esc cancel",
    ),
    "vsheet.import.key": ("导入", "Import"),
    "vsheet.import.mapping": ("列对应：{pairs}", "Columns: {pairs}"),
    "vsheet.import.nothing": ("没有要新增或更新的志愿者", "No volunteers to add or update"),
    "vsheet.import.placeholder": (
        "文件路径，如 ~/志愿者花名册.xlsx",
        "File path, e.g. ~/volunteers.xlsx",
    ),
    "vsheet.import.refused": (
        "有 {bad} 行有错误：未导入任何内容。改正文件后重新检查",
        "{bad} rows have errors: nothing was imported. Fix the file and check again",
    ),
    "vsheet.import.title": ("导入志愿者（.xlsx / .csv）", "Import volunteers (.xlsx / .csv)"),
    "vsheet.kept": (
        "{field}与已登记的 {who} 相同：按“都保留”另建一条",
        "Same {field} as {who}, already registered: kept both as chosen",
    ),
    "vsheet.matches": (
        "{field}与已登记的 {who} 相同",
        "Same {field} as {who}, already registered",
    ),
    "vsheet.matches_several": (
        "身份证号、手机号或平台ID分别属于已登记的 {who}：无法确定更新哪一位",
        "The ID number, mobile or platform ID belong to {who}: cannot tell whom to update",
    ),
    "vsheet.no_header": (
        "{name} 的前 10 行里没有找到表头（如 姓名、手机号、所属村居）",
        "No header row (姓名/name, 手机号/mobile, 区域/region …) in the first 10 rows of {name}",
    ),
    "vsheet.on_duplicate.keep": ("都保留", "keep both"),
    "vsheet.on_duplicate.skip": ("跳过", "skip"),
    "vsheet.on_duplicate.update": ("更新", "update"),
    "vsheet.same_in_file": (
        "{field}与第 {row} 行相同（同一个人写了两次？）",
        "Same {field} as row {row} (the same person twice?)",
    ),
    "vsheet.updated_twice": (
        "与第 {row} 行更新的是同一名志愿者 {who}",
        "Row {row} updates the same volunteer, {who}",
    ),
    "vsheet.yes_no": ("“{text}”应为 是 或 否", "“{text}” should be yes or no"),
    "zmodem.failed": (
        "ZMODEM 传送没有完成（{program} 退出码 {code}）：终端需要支持 ZMODEM，如 Xshell、"
        "SecureCRT、MobaXterm",
        "The ZMODEM transfer did not finish ({program} exit code {code}): the terminal must"
        " speak ZMODEM, as Xshell, SecureCRT and MobaXterm do",
    ),
    "zmodem.missing": (
        "服务器上没有安装 lrzsz（sz/rz），无法通过 ZMODEM 传送文件：请管理员执行"
        " apt-get install lrzsz",
        "lrzsz (sz/rz) is not installed on the server, so files cannot be moved by ZMODEM:"
        " ask the administrator to run apt-get install lrzsz",
    ),
    "zmodem.nothing": ("没有收到文件", "No file was received"),
    "zmodem.received": (
        "已上传：{names}",
        "Uploaded: {names}",
    ),
    "zmodem.send": ("发送到本机 (ZMODEM)", "Send to this computer (ZMODEM)"),
    "zmodem.sent": ("已通过 ZMODEM 发送 {name}", "Sent {name} by ZMODEM"),
    "zmodem.starting": (
        "正在启动 ZMODEM：请在终端的对话框中选择文件（Ctrl+X 五次可中止）",
        "Starting ZMODEM: choose the file in your terminal's dialog (Ctrl+X five times aborts)",
    ),
    "zmodem.upload": ("从本机上传 (ZMODEM)", "Upload from this computer (ZMODEM)"),
}
