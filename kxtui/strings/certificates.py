"""Certificates (志愿服务记录证明): their dialog, register, CLI and messages."""

STRINGS: dict[str, tuple[str, str]] = {
    "certificate.bad_format": (
        "证明编号格式“{form}”无效：须含 {{sequence}}，如 {{short}}科协志证〔{{year}}〕第{{sequence:04d}}号",
        'The certificate number form "{form}" is invalid: it needs {{sequence}}, e.g. {{short}}科协志证〔{{year}}〕第{{sequence:04d}}号',
    ),
    "certificate.bad_setting": (
        "没有这个证明设置项：{setting}",
        "No such certificate setting: {setting}",
    ),
    "certificate.cli.about": (
        "开具志愿服务记录证明（DOCX，每人一页）：一名志愿者，或 --team 一支服务队（含下级队伍）的全部队员；期间默认全部记录",
        "Issue volunteer service certificates (DOCX, a page each): one volunteer, or with --team every member of a team (and of the teams below it); the period is everything unless given",
    ),
    "certificate.cli.help": (
        "开具志愿服务记录证明",
        "issue volunteer service certificates",
    ),
    "certificate.cli.help.full_id": (
        "显示完整证件号码（默认隐去中间部分）",
        "show the whole ID number (masked by default)",
    ),
    "certificate.cli.help.list": (
        "志愿服务记录证明登记簿",
        "the register of certificates issued",
    ),
    "certificate.cli.help.list_output": (
        "导出为 XLSX 文件",
        "write it to an XLSX file",
    ),
    "certificate.cli.help.output": (
        "DOCX 文件（默认导出目录中按姓名或队名命名）",
        "the DOCX file (default: named after the volunteer or team, in the export folder)",
    ),
    "certificate.cli.help.team": (
        "服务队名称、拼音或首字母：为其全部队员开具",
        "a team's name, pinyin or initials: certify every member",
    ),
    "certificate.cli.help.volunteer": (
        "志愿者编号（kxtui 的 id）",
        "the volunteer's kxtui id",
    ),
    "certificate.cli.help.with_list": (
        "附服务明细页",
        "add a page listing every service",
    ),
    "certificate.cli.help.year": (
        "只列该年出具的证明",
        "only certificates issued in that year",
    ),
    "certificate.cli.who": (
        "请给出一个志愿者编号，或 --team 服务队（二者选一）",
        "Give a volunteer id or --team NAME (one of them)",
    ),
    "certificate.cmd.batch": (
        "志愿者: 批量开具志愿服务记录证明",
        "Volunteers: issue service certificates in batch",
    ),
    "certificate.cmd.batch.help": (
        "为所选服务队（含下级队伍）或花名册当前筛选的全部志愿者开具证明，每人一页",
        "Certify every volunteer of the selected team (and the teams below it) or of the roster's filter, a page each",
    ),
    "certificate.cmd.issue": (
        "志愿者: 开具志愿服务记录证明",
        "Volunteers: issue a service certificate",
    ),
    "certificate.cmd.issue.help": (
        "为此志愿者开具志愿服务记录证明（DOCX）",
        "Issue this volunteer's service certificate (DOCX)",
    ),
    "certificate.cmd.register": (
        "志愿者: 证明登记簿",
        "Volunteers: certificate register",
    ),
    "certificate.cmd.register.help": (
        "已出具的志愿服务记录证明：编号、期间、时数、经办人、补打",
        "The certificates issued: numbers, periods, hours, who issued them, reprints",
    ),
    "certificate.col.hours": (
        "服务时间(小时)",
        "hours",
    ),
    "certificate.col.issued_at": (
        "出具时间",
        "issued",
    ),
    "certificate.col.issued_by": (
        "经办人",
        "issued by",
    ),
    "certificate.col.name": (
        "姓名",
        "name",
    ),
    "certificate.col.number": (
        "证明编号",
        "number",
    ),
    "certificate.col.period": (
        "服务期间",
        "period",
    ),
    "certificate.col.reprints": (
        "补打",
        "reprints",
    ),
    "certificate.dialog.batch_title": (
        "批量开具志愿服务记录证明：{name}",
        "Service certificates: {name}",
    ),
    "certificate.dialog.count": (
        "共 {count} 名志愿者，每人一页；没有可证明时数的不出具",
        "{count} volunteers, a page each; those without hours to certify get none",
    ),
    "certificate.dialog.counting": (
        "正在统计志愿者人数…",
        "Counting the volunteers…",
    ),
    "certificate.dialog.everything": (
        "留空＝全部记录",
        "empty = everything",
    ),
    "certificate.dialog.full_id": (
        "显示完整证件号码（默认隐去中间部分）",
        "Show the whole ID number (masked by default)",
    ),
    "certificate.dialog.keys": (
        "Ctrl+S 开具 · Esc 关闭；开具中按 Esc 停止：一次写入，停止即全部撤销，不占编号、不留文件",
        "Ctrl+S issue · Esc close; while issuing Esc stops it: one write, stopped means all undone, no number used, no file left",
    ),
    "certificate.dialog.none_chosen": (
        "所选范围内没有志愿者",
        "No volunteer is chosen",
    ),
    "certificate.dialog.period": (
        "期间",
        "Period",
    ),
    "certificate.dialog.period_bad": (
        "“{text}”不是期间：如 本年、去年、2026、2026Q3、2026-01-01~2026-06-30，留空为全部记录",
        '"{text}" is not a period: e.g. 本年, 去年, 2026, 2026Q3, 2026-01-01~2026-06-30; empty is everything',
    ),
    "certificate.dialog.period_hint": (
        "留空＝全部记录；本年、去年、2026、2026Q3、2026-01-01~2026-06-30",
        "empty = everything; 本年, 去年, 2026, 2026Q3, 2026-01-01~2026-06-30",
    ),
    "certificate.dialog.reprint_note": (
        "编号不变，文档注明“补打”；若其后时数有变，则按新时数另开新编号",
        "The number stays and the document says 补打; hours changed since get a new certificate with a new number",
    ),
    "certificate.dialog.reprint_title": (
        "补打 {number}：{name}",
        "Reprint {number}: {name}",
    ),
    "certificate.dialog.stopped": (
        "已停止：未开具任何证明，未占用编号，未写文件",
        "Stopped: no certificate issued, no number used, no file written",
    ),
    "certificate.dialog.stopping": (
        "正在停止…（尚未写完的全部撤销）",
        "Stopping… (nothing unfinished is kept)",
    ),
    "certificate.dialog.title": (
        "开具志愿服务记录证明：{name}",
        "Service certificate: {name}",
    ),
    "certificate.dialog.with_list": (
        "附服务明细页",
        "Add a page listing every service",
    ),
    "certificate.done": (
        "已出具 {count} 份志愿服务记录证明（新开 {new}，补打 {reprinted}），编号 {numbers}，文件：{path}",
        "Issued {count} certificates ({new} new, {reprinted} reprinted), numbers {numbers}, file: {path}",
    ),
    "certificate.done_left_out": (
        "{count} 条时数记录无效（⚠无效），未计入证明",
        "{count} hour records are invalid (⚠无效) and were not certified",
    ),
    "certificate.done_nothing": (
        "{count} 名志愿者在该期间没有可证明的时数，未出具：{names}",
        "{count} volunteers have no hours to certify in the period, none issued: {names}",
    ),
    "certificate.done_outside": (
        "{count} 名志愿者不在你的管辖区域，未出具",
        "{count} volunteers are outside your area: none issued",
    ),
    "certificate.key.issue": (
        "开具证明",
        "Certificate",
    ),
    "certificate.key.register": (
        "证明登记簿",
        "Certificates",
    ),
    "certificate.key.reprint": (
        "补打",
        "Reprint",
    ),
    "certificate.list_done": (
        "登记簿已导出 {count} 条：{path}",
        "Register exported, {count} certificates: {path}",
    ),
    "certificate.none": (
        "所选 {count} 名志愿者在该期间都没有可证明的服务时数：不出具证明",
        "None of the {count} volunteers chosen has service hours to certify in that period: no certificate issued",
    ),
    "certificate.not_county": (
        "证明按县（市、区）编号：--county 须是一个县（市、区）",
        "Certificates are numbered per county: --county must name a county",
    ),
    "certificate.nothing": (
        "{name} 在该期间没有可证明的服务时数：不出具证明",
        "{name} has no service hours to certify in that period: no certificate issued",
    ),
    "certificate.number_taken": (
        "证明编号与另一县的编号重复：请为各县设置不同的简称（certificate.<县id>.short_name）",
        "A certificate number repeats another county's: give each county its own short name (certificate.<county id>.short_name)",
    ),
    "certificate.reg.export_done": (
        "已导出 {count} 份证明的登记：{path}",
        "Exported the register of {count} certificates: {path}",
    ),
    "certificate.reg.export_title": (
        "导出证明登记簿（{count} 份）",
        "Export the certificate register ({count})",
    ),
    "certificate.reg.historical": (
        "其中历史",
        "historical",
    ),
    "certificate.reg.hours": (
        "时数",
        "hours",
    ),
    "certificate.reg.issued_at": (
        "出具时间",
        "issued",
    ),
    "certificate.reg.issued_by": (
        "经办人",
        "issued by",
    ),
    "certificate.reg.name": (
        "姓名",
        "name",
    ),
    "certificate.reg.number": (
        "证明编号",
        "number",
    ),
    "certificate.reg.period": (
        "期间",
        "period",
    ),
    "certificate.reg.reprints": (
        "补打次数",
        "reprints",
    ),
    "certificate.register.count": (
        "共 {count} 份证明",
        "{count} certificates",
    ),
    "certificate.register.counting": (
        "正在统计…",
        "Counting…",
    ),
    "certificate.register.empty": (
        "没有出具过证明",
        "No certificate issued",
    ),
    "certificate.register.search_hint": (
        "输入姓名或证明编号搜索",
        "Type a name or a number to search",
    ),
    "certificate.register.title": (
        "志愿服务记录证明登记簿",
        "Register of volunteer service certificates",
    ),
    "certificate.register_title": (
        "志愿服务记录证明登记簿",
        "Register of volunteer service certificates",
    ),
    "certificate.stage_document": (
        "正在生成证明文档",
        "Writing the document",
    ),
    "certificate.stage_issue": (
        "正在编号登记",
        "Numbering and registering",
    ),
    "certificate.stage_read": (
        "正在统计服务时数",
        "Adding up service hours",
    ),
    "certificate.team_ambiguous": (
        "“{text}”指多支服务队：{choices}",
        '"{text}" names several teams: {choices}',
    ),
    "certificate.team_unknown": (
        "没有名为“{text}”的服务队",
        'No team named "{text}"',
    ),
}
