"""Service hours: historical hours (hsheet.*, their import), the hours statement (statement.*),
star levels (stars.*) and their commands (hours.cli.*)."""

STRINGS: dict[str, tuple[str, str]] = {
    "hours.cli.about.config": (
        "本县的设置：star-hours 设定星级所需的累计服务时长（五个递增的整数，如 100,300,600,1000,1500）",
        "county settings: star-hours sets the cumulative hours of each star level (five "
        "ascending whole numbers, e.g. 100,300,600,1000,1500)",
    ),
    "hours.cli.about.statement": (
        "志愿者（或服务队）某一期间的服务时长明细：每次服务一行（活动与历史时数），含合计，写成 XLSX",
        "a volunteer's (or a team's) hours statement for a period: one row per service "
        "(activities and historical hours) with totals, as XLSX",
    ),
    "hours.cli.about.template": (
        "写出空白导入模板（表头与一行示例）",
        "write a blank import template (the headers and one example row)",
    ),
    "hours.cli.bad_period": (
        "看不懂的期间“{text}”：请写成 2026、2026Q3 或 2026-09",
        "Not a period: “{text}”; write 2026, 2026Q3 or 2026-09",
    ),
    "hours.cli.bad_stars": (
        "星级时长应为五个递增的正整数，如 100,300,600,1000,1500：“{text}”",
        "Star hours are five ascending whole numbers above 0, e.g. 100,300,600,1000,1500: “{text}”",
    ),
    "hours.cli.help.config.county": (
        "证明设置：只用于这个县（市、区）（不填则用于所有未单独设置的县）",
        "certificate settings: for this county only (none: every county without its own)",
    ),
    "hours.cli.help.config.value": (
        "新值（不填则显示当前值）",
        "the new value (none: show the current one)",
    ),
    "hours.cli.help.config.what": ("设置项", "the setting"),
    "hours.cli.help.statement.team": (
        "服务队名称（代替志愿者编号）",
        "a team's name (instead of a volunteer)",
    ),
    "hours.cli.help.statement.volunteer": ("志愿者编号", "the volunteer's number"),
    "hours.cli.help.template.what": ("模板种类", "which template"),
    "hours.cli.import.done": (
        "已导入 {count} 条历史时数（{volunteers} 名志愿者，{hours} 小时）",
        "Imported {count} records of historical hours ({volunteers} volunteers, {hours} h)",
    ),
    "hours.cli.import.refused": (
        "有错误的行，未导入任何内容",
        "Rows have errors: nothing was imported",
    ),
    "hours.cli.import.summary": (
        "共 {rows} 行：有效 {valid}（{volunteers} 名志愿者，{hours} 小时），有错误 {bad}",
        "{rows} rows: {valid} valid ({volunteers} volunteers, {hours} h), {bad} bad",
    ),
    "hours.cli.need_who": (
        "请给出志愿者编号或 --team 服务队名称（二者选一）",
        "Give a volunteer's number or --team NAME (one of them)",
    ),
    "hours.cli.no_team": ("没有名为“{name}”的服务队", "No team is named “{name}”"),
    "hours.cli.setting": ("{what}：{value}", "{what}: {value}"),
    "hours.cli.setting_default": (
        "{what}：未设置（用默认）",
        "{what}: not set (the default is used)",
    ),
    "hours.cli.setting_set": ("{what} 已设为 {value}", "{what} set to {value}"),
    "hours.cli.several_teams": (
        "有 {count} 个服务队名为“{name}”，请写全名",
        "{count} teams are named “{name}”; give the full name",
    ),
    "hours.cli.stars": ("星级时长：{levels}", "Star hours: {levels}"),
    "hours.cli.stars_set": ("星级时长已设为 {levels}", "Star hours set to {levels}"),
    "hours.cli.statement_done": (
        "已写出 {path}：{lines} 条，合计 {hours} 小时（其中历史 {historical} 小时）",
        "Wrote {path}: {lines} lines, {hours} h in all ({historical} h historical)",
    ),
    "hours.cli.template_done": ("已写出模板 {path}", "Wrote the template {path}"),
    "hsheet.disagree": (
        "身份证号、手机号、平台ID 指向不同的志愿者",
        "The ID number, mobile and platform ID name different volunteers",
    ),
    "hsheet.future": ("开始日期在今天之后", "Starts after today"),
    "hsheet.import.done": (
        "已导入 {count} 条历史时数（{volunteers} 名志愿者，{hours} 小时）",
        "Imported {count} records of historical hours ({volunteers} volunteers, {hours} h)",
    ),
    "hsheet.import.hint_path": ("Enter 检查  Esc 取消", "Enter check  Esc cancel"),
    "hsheet.import.hint_report": (
        "A 导入  Tab 切换  Esc 取消",
        "A import  Tab next  Esc cancel",
    ),
    "hsheet.import.key": ("导入", "Import"),
    "hsheet.import.placeholder": (
        "文件路径，如 ~/历史时数.xlsx（空白模板：kxtui template history-hours）",
        "File path, e.g. ~/history.xlsx (a blank template: kxtui template history-hours)",
    ),
    "hsheet.import.title": (
        "导入历史时数（.xlsx / .csv）",
        "Import historical hours (.xlsx / .csv)",
    ),
    "hsheet.name_differs": (
        "姓名与该{field}登记的志愿者不一致",
        "The name differs from the volunteer registered with this {field}",
    ),
    "hsheet.no_header": (
        "{name} 中找不到表头行（应有 姓名、身份证号/手机号/平台ID、活动(项目)名称、开始日期、服务时长(小时)）",
        "No header row in {name} (expected 姓名, 身份证号/手机号/平台ID, 活动(项目)名称, 开始日期, "
        "服务时长(小时))",
    ),
    "hsheet.no_identity": (
        "请填写身份证号、手机号或平台ID 之一",
        "Give the ID number, mobile or platform ID",
    ),
    "hsheet.several": (
        "有多名志愿者登记了这个{field}",
        "Several volunteers are registered with this {field}",
    ),
    "hsheet.sheet": ("历史时数", "historical hours"),
    "hsheet.summary": (
        "共 {rows} 行：有效 {valid}（{volunteers} 名志愿者，{hours} 小时），有错误 {bad}",
        "{rows} rows: {valid} valid ({volunteers} volunteers, {hours} h), {bad} bad",
    ),
    "hsheet.unknown": (
        "没有登记这个{field}的志愿者（或不在您的查看范围）",
        "No volunteer is registered with this {field} (or not in your view)",
    ),
    "stars.historical_part": (
        "（其中历史 {hours} 小时）",
        "({hours} h historical)",
    ),
    "stars.level": ("{stars}", "{stars}"),
    "stars.line": (
        "星级：{stars}",
        "Star level: {stars}",
    ),
    "stars.none": ("无星级", "no star"),
    "stars.to_next": ("距下一星级还差 {hours} 小时", "{hours} h to the next star"),
    "stars.top": ("已达最高星级", "The highest star level"),
    "statement.export_done": (
        "已写出 {count} 条服务记录到 {path}",
        "Wrote {count} service lines to {path}",
    ),
    "statement.export_period": (
        "期间",
        "Period",
    ),
    "statement.export_title": ("导出服务时长明细", "Export the hours statement"),
    "statement.historical": ("历史", "hist."),
    "statement.period_all": ("全部时间", "all time"),
    "statement.totals": (
        "{period}：{lines} 条，合计 {hours} 小时（其中历史 {historical} 小时）",
        "{period}: {lines} lines, {hours} h in all ({historical} h historical)",
    ),
    "statement.totals_left_out": (
        "{period}：{lines} 条，合计 {hours} 小时（其中历史 {historical} 小时；{left_out} 条时长无效未计入）",
        "{period}: {lines} lines, {hours} h in all ({historical} h historical; {left_out} "
        "invalid left out)",
    ),
}
