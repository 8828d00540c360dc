"""The data layer's words: the Chinese of the files kxtui writes, and the few values it hands
over that name themselves when shown.

A sheet, its title, its notes and its file name's default words are Chinese whatever
language the interface speaks (reports go upward in Chinese): `CHINESE` holds them — a file
format, like the headers (`headers`) and the codes' labels (`kxtui.domain.LABELS`).
Where the interface shows one of these words too (是 / 否, ⚠未知代码 …) its string table
holds the same Chinese (a test keeps them equal).

Some values the data layer hands over are read in the interface's language, which it does
not know: a stored code or date kxtui does not know (`codes.Odd`), a number out of range
(`numbers.Invalid`), a message's name for a person. They are worded by `say`, the
interface's words: Chinese from `CHINESE` (or the key) until the interface gives its own
(`use_words`, which `kxtui.i18n` calls as it loads).
"""

from __future__ import annotations

from collections.abc import Callable

from kxtui.display import quoted

# key -> Chinese; sorted by key
CHINESE: dict[str, str] = {
    "code.unknown": "⚠未知代码 {value}",
    "date.invalid": "⚠无效日期 {value}",
    "export.everywhere": "全部区域",
    "export.period.all": "全部",
    "export.period.all_title": "全部时间",
    "export.period.day": "{year}年{month}月{day}日",
    "export.period.from": "{day}起",
    "export.period.month": "{year}年{month}月",
    "export.period.quarter": "{year}年第{quarter}季度",
    "export.period.range": "{start}至{end}",
    "export.period.to": "至{day}",
    "export.period.year": "{year}年",
    "export.what.activities": "活动台账",
    "export.what.audit": "审计日志",
    "export.what.report.activities": "科普活动统计表",
    "export.what.report.annual": "年度科普工作统计表",
    "export.what.report.science-day": "全国科普日活动情况调查表",
    "export.what.report.venues": "科普阵地“六有”统计表",
    "export.what.report.volunteers": "科技志愿者统计表",
    "export.what.volunteers": "志愿者花名册",
    "flag.invalid": "⚠无效标记 {value}",
    "hsheet.sheet": "历史时数",
    "notes.col.change": "修改",
    "notes.col.column": "列",
    "notes.col.row": "行",
    "notes.col.sheet": "工作表",
    "notes.counts": "截断的单元格：{cut}；替换了字符的单元格：{replaced}",
    "notes.cut": "超长已截断",
    "notes.explain": (
        "控制字符和格式字符（如 ESC、从右到左覆盖 U+202E、零宽空格 U+200B）不会原样写入文件，"
        "而是写成可见符号：␀…␟、␡ 或 ⟨U+XXXX⟩；超过 32,767 个字符的文本（电子表格单元格的上限）"
        "截断，末尾注明“超长已截断”。"
    ),
    "notes.heading": "导出时修改了以下单元格",
    "notes.more": "……另有 {count} 个单元格未列出",
    "notes.replaced": "替换了 {count} 个字符",
    "notes.sheet": "说明",
    "number.invalid": "⚠无效",
    "numbers.left_out": " · ⚠ {count} 个无效数值未计入",
    "region.missing": "⚠不存在的区域 #{value}",
    "report.annual.caravan.count": "科普大篷车(次)",
    "report.annual.caravan.people": "科普大篷车(人次)",
    "report.annual.dandelion.count": "青少年科普·蒲公英科普行动(次)",
    "report.annual.dandelion.people": "青少年科普·蒲公英科普行动(人次)",
    "report.annual.exhibitions.count": "科普展览(次)",
    "report.annual.exhibitions.people": "科普展览(人次)",
    "report.annual.lectures.count": "科普讲座/报告(次)",
    "report.annual.lectures.people": "科普讲座/报告(人次)",
    "report.annual.note": (
        "六有达标率为填报时的现状，系统不保存往年六有记录，上年不填；注册志愿者、服务队和阵地"
        "按现有记录推算各年末数（注册志愿者：在册且已在平台注册、当年末前加入或加入日期未知）。"
    ),
    "report.annual.science_day.count": "全国科普日活动(次)",
    "report.annual.science_week.count": "科技活动周活动(次)",
    "report.annual.silver_age.count": "老年科普·银龄科普行动(次)",
    "report.annual.silver_age.people": "老年科普·银龄科普行动(人次)",
    "report.annual.six_rate": "阵地“六有”达标率",
    "report.annual.teams": "科技志愿服务队(支)",
    "report.annual.training.count": "培训(次)",
    "report.annual.training.people": "培训(人次)",
    "report.annual.venues": "阵地：{type}(个)",
    "report.annual.volunteers": "注册科普志愿者(人)",
    "report.month": "{year}年{month}月",
    "report.no_team": "非服务队组织",
    "report.no_team_members": "未加入服务队",
    "report.no_venue": "不在阵地",
    "report.none": "未标注",
    "report.own": "{region}本级",
    "report.science_day.exhibitions": "科普展览(场)",
    "report.science_day.lectures": "科普报告会(场)",
    "report.science_day.note": (
        "计入：标为全国科普日的当年活动，及 {start} 至 {end} 期间开始的全部活动。"
        "按活动形式归类：科普报告会＝集中授课、专家进校园；科普展览＝科普展览、科普秀、科普大篷车；"
        "培训班＝田间课堂；科普录像＝线上/新媒体；其他＝反邪教宣传、走访慰问、其他。"
    ),
    "report.science_day.other": "其他(项)",
    "report.science_day.training": "培训班(期)",
    "report.science_day.videos": "科普录像(场)",
    "report_sheet.association": "{county}科学技术协会",
    "report_sheet.closed": (
        "本期（{name}）已于 {at} 由 {who} 关账：表中数字即上报数字，关账后不再改动。"
    ),
    "report_sheet.closed_name": "关账",
    "report_sheet.corner": "{by}＼{across}",
    "report_sheet.cross": (
        "交叉表：每行、每列各是一个分组，格中是标题所列的指标；“合计”行和“合计”列按全部记录"
        "重新统计，不是各格相加。"
    ),
    "report_sheet.cross_title": "{title}（{measure}）",
    "report_sheet.date": "填报日期：{day}",
    "report_sheet.explain": "说明",
    "report_sheet.filler": "填报人：{name}",
    "report_sheet.invalid": (
        "超出合理范围的数值（如负数、超大的人次或时长）不计入任何数字：本表共 {count} 个。"
    ),
    "report_sheet.invalid_name": "无效数值",
    "report_sheet.measure": "指标",
    "report_sheet.missing": "-",
    "report_sheet.note_name": "注",
    "report_sheet.notes_heading": "{title}：指标说明",
    "report_sheet.period": "统计时段：{period}",
    "report_sheet.phone": "联系电话：{phone}",
    "report_sheet.scope": "{region}及其下级区域，限填报人可查看的区域；已删除的记录不计。",
    "report_sheet.scope_name": "统计范围",
    "report_sheet.sheet_changes": "修改说明",
    "report_sheet.total": (
        "“合计”一行按全部记录重新统计，不是各行相加：同一名志愿者在多个区域、多次活动中服务，"
        "只计一人。"
    ),
    "report_sheet.unit": "填报单位：{unit}",
    "roster.no": "否",
    "roster.yes": "是",
    "sheet.sheet_activities": "活动台账",
    "sheet.sheet_service": "志愿服务",
    "sheet.total": "合计",
    "sheet.total_format": '"共 "0" 项"',  # a number format: 共 12 项
    "sheet.truncated": "…（超长已截断）",
    "statement.kind.activity": "活动",
    "statement.kind.historical": "历史",
    "statement.left_out": "另有 {count} 条记录的时长数值无效（⚠无效），未计入合计。",
    "statement.sheet": "服务时长明细",
    "statement.summary": (
        "共 {lines} 条服务记录，合计 {hours} 小时；其中历史时数 {historical} 条，"
        "{historical_hours} 小时。"
    ),
    "statement.title": "{who} 志愿服务时长明细 {period}",
    # the words a yes / no column reads as 是 / 否 (older names of the status among them)
    "vsheet.no_words": (
        "否、n、no、false、0、×、✗、无、未注册、不在册、停用、已停用、注销、退出、非学生、离岗"
    ),
    "vsheet.sheet": "志愿者花名册",
    "vsheet.yes_words": (
        "是、y、yes、true、1、√、✓、有、已注册、注册、在册、正常、在校、在岗、在服务、仍在服务、在用"
    ),
    "xlsx.footer": "第 &P 页，共 &N 页",
}

Words = Callable[..., str]  # (key, **params) -> text, as `kxtui.i18n.t`


def chinese(key: str, **params: object) -> str:
    """The Chinese of `key`, a value quoted in it shown by the display rule (as `t` does)."""
    text = CHINESE[key]
    if not params:
        return text
    return text.format(**{name: quoted(value) for name, value in params.items()})


def _until_told(key: str, **params: object) -> str:
    return chinese(key, **params) if key in CHINESE else key


_interface: dict[str, Words] = {"words": _until_told}


def use_words(words: Words) -> None:
    """Word the values the data layer hands over with the interface's `words` from now on."""
    _interface["words"] = words


def say(key: str, **params: object) -> str:
    """`key` in the interface's words (its language, chosen when the value is shown)."""
    return _interface["words"](key, **params)


def _shown(value: object) -> object:
    return '""' if value == "" else "NULL" if value is None else value


def marked(key: str, value: object) -> str:
    """A stored value kxtui does not know, marked in the interface's words ("⚠未知代码 zzz";
    "" and NULL named), by the display rule."""
    return say(key, value=_shown(value))


def marked_chinese(key: str, value: object) -> str:
    """`marked` in Chinese, for a sheet."""
    return chinese(key, value=_shown(value))
