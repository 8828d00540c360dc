"""The column headers of the spreadsheets kxtui writes and reads: a file format, not the
interface's words. A sheet is always written with the Chinese headers (reports go upward in
Chinese whatever language the interface speaks); on import the Chinese header, the English
one, and the other names county sheets and the 大美志愿 platform's export give a column
(`aliases`: 联系电话 and 手机号码 for 手机号, 证件号码 for 身份证号, 志愿者编号 for 平台ID …) are
all accepted (`sheets.header_names`). The interface names a column by the header of its
language (`kxtui.i18n.column_name`).
"""

from __future__ import annotations

from typing import NamedTuple


class Header(NamedTuple):
    zh: str  # written, and read
    en: str  # read; the interface's English name of the column
    aliases: tuple[str, ...] = ()  # read too: the other names a column goes by


# 活动台账: the activity sheet (`sheets.COLUMNS`)
ACTIVITIES: dict[str, Header] = {
    "id": Header("编号", "id"),
    "title": Header("活动名称", "title"),
    "start": Header("开始日期", "start"),
    "end": Header("结束日期", "end"),
    "duration": Header("时长(小时)", "duration"),
    "county": Header("县(市、区)", "county"),
    "region": Header("区域", "region"),
    "venue": Header("阵地", "venue"),
    "organiser": Header("组织单位", "organiser"),
    "team": Header("志愿服务队", "team"),
    "theme_day": Header("主题日", "theme day"),
    "campaign": Header("专项行动", "campaign"),
    "target_groups": Header("对象", "target groups"),
    "format": Header("形式", "format"),
    "people_reached": Header("受众人次", "people reached"),
    "materials": Header("发放资料(份)", "materials"),
    "volunteer_count": Header("志愿者人数", "volunteer count"),
    "service_hours": Header("志愿服务时长", "service hours"),
    "volunteers": Header("志愿者", "volunteers"),
    "notes": Header("备注", "notes"),
}

# 志愿者花名册: the roster (`volunteer_sheets.COLUMNS`, and a town column read on import)
VOLUNTEERS: dict[str, Header] = {
    "id": Header("编号", "id"),
    "name": Header("姓名", "name", ("志愿者姓名", "full name")),
    "gender": Header("性别", "gender", ("性别(男/女)", "sex")),
    "mobile": Header(
        "手机号",
        "mobile",
        (
            "手机",
            "手机号码",
            "联系电话",
            "联系方式",
            "电话",
            "移动电话",
            "mobile phone",
            "phone",
            "telephone",
            "cell phone",
        ),
    ),
    "id_number": Header(
        "身份证号",
        "ID number",
        (
            "身份证号码",
            "身份证",
            "公民身份号码",
            "证件号码",
            "证件号",
            "resident ID",
            "ID card",
            "id card number",
        ),
    ),
    "birth_date": Header(
        "出生日期", "birth date", ("出生年月日", "生日", "date of birth", "birthday")
    ),
    "county": Header("县(市、区)", "county", ("所属县区", "县区", "区县", "district")),
    "region": Header(
        "区域",
        "region",
        (
            "所属村居",
            "村居",
            "村(社区)",
            "所在村(社区)",
            "所属村(社区)",
            "所属区域",
            "所在区域",
            "村社区",
            "village",
            "community",
            "home",
        ),
    ),
    "teams": Header(
        "所属队伍",
        "teams",
        (
            "所在队伍",
            "所属团队",
            "所属服务队",
            "志愿服务队",
            "服务队",
            "所属组织",
            "队伍",
            "team",
            "volunteer team",
        ),
    ),
    "domains": Header("服务领域", "domains", ("领域", "专业领域", "服务类别", "domain")),
    "skills": Header("专业特长", "skills", ("特长", "专长", "专业", "speciality")),
    "registered": Header(
        "是否注册",
        "registered",
        (
            "平台注册",
            "是否在平台注册",
            "已注册",
            "是否注册大美志愿",
            "on platform",
            "platform registered",
        ),
    ),
    "platform_id": Header(
        "平台ID",
        "platform ID",
        (
            "平台编号",
            "志愿者编号",
            "大美志愿编号",
            "注册编号",
            "平台账号",
            "volunteer number",
            "platform number",
        ),
    ),
    "student": Header("是否学生", "student", ("学生", "在校学生", "is student")),
    "active": Header(
        "在服务",
        "active",
        (
            "仍在服务",
            "是否在服务",
            "在用",
            "是否在册",
            "在册",
            "状态",
            "是否在岗",
            "status",
            "still serving",
        ),
    ),
    "joined_on": Header(
        "加入日期",
        "joined on",
        (
            "加入时间",
            "注册时间",
            "注册日期",
            "入队时间",
            "入队日期",
            "join date",
            "joined",
            "registered on",
        ),
    ),
    "hours": Header(
        "累计服务时长(小时)",
        "total hours",
        ("服务时长", "累计时长", "累计服务时长", "志愿服务时长", "service hours"),
    ),
    "notes": Header("备注", "notes"),
    "town": Header(
        "镇(街道)",
        "town",
        ("所属镇街", "镇街", "乡镇", "乡镇(街道)", "所属乡镇", "所属街道", "subdistrict"),
    ),
}

# 志愿服务: the activity export's second sheet, one row per volunteer at an activity
SERVICE = {
    "activity": "活动编号",
    "title": "活动名称",
    "volunteer": "志愿者",
    "hours": "时长(小时)",
}

# 统计报表: a report's measures (`report_rows.MEASURES`), each header with its unit; a dotted
# key is one part of a measure ("stars.1": 一星, "missing.site": 缺“有场所”)
REPORT_MEASURES: dict[str, Header] = {
    "activities": Header("活动场次(场)", "activities"),
    "people_reached": Header("受众人次(人次)", "people reached"),
    "materials": Header("发放资料(份)", "materials handed out"),
    "volunteers": Header("志愿者(人)", "volunteers"),
    "volunteer_services": Header("志愿服务人次(人次)", "volunteer services"),
    "service_hours": Header("志愿服务时长(小时)", "service hours"),
    "inactive": Header("停止服务(人)", "no longer serving"),
    "new": Header("新增志愿者(人)", "new volunteers"),
    "platform_registered": Header("平台注册(人)", "registered on the platform"),
    "platform_rate": Header("平台注册率(%)", "platform registration rate (%)"),
    "students": Header("学生志愿者(人)", "student volunteers"),
    "teams": Header("服务队(支)", "teams"),
    "served": Header("参与服务(人)", "volunteers who served"),
    "average_hours": Header("人均服务时长(小时)", "average hours"),
    "stars.1": Header("一星志愿者(人)", "1-star volunteers"),
    "stars.2": Header("二星志愿者(人)", "2-star volunteers"),
    "stars.3": Header("三星志愿者(人)", "3-star volunteers"),
    "stars.4": Header("四星志愿者(人)", "4-star volunteers"),
    "stars.5": Header("五星志愿者(人)", "5-star volunteers"),
    "venues": Header("阵地(个)", "venues"),
    "fully_met": Header("“六有”齐全(个)", "all six haves met"),
    "rate": Header("“六有”达标率(%)", "six-haves rate (%)"),
    "missing.organisation": Header("缺“有组织”(个)", "lacking organisation"),
    "missing.rules": Header("缺“有制度”(个)", "lacking rules"),
    "missing.site": Header("缺“有场所”(个)", "lacking a site"),
    "missing.medium": Header("缺“有载体”(个)", "lacking a medium"),
    "missing.activities": Header("缺“有活动”(个)", "lacking activities"),
    "missing.feature": Header("缺“有特色”(个)", "lacking a feature"),
    "count": Header("数量", "count"),
    "this_year": Header("本年", "this year"),
    "last_year": Header("上年", "last year"),
    "change": Header("增减", "change"),
}
# Where one report's measure means something narrower than the key says: the activities'
# volunteers are those who served at them
REPORT_MEASURES_OF: dict[str, dict[str, Header]] = {
    "activities": {"volunteers": Header("参与志愿者(人)", "volunteers who served")},
}
# The first column of a report: what its rows are (`report_rows.GROUPINGS`); a report without
# groupings (a fixed table) calls its rows 项目
REPORT_GROUPINGS: dict[str, Header] = {
    "town": Header("区域", "region"),
    "village": Header("村(社区)", "village (community)"),
    "theme_day": Header("主题日", "theme day"),
    "campaign": Header("专项行动", "campaign"),
    "format": Header("活动形式", "format"),
    "target_group": Header("对象", "target group"),
    "month": Header("月份", "month"),
    "team": Header("服务队", "team"),
    "venue_type": Header("阵地类型", "venue type"),
    "": Header("项目", "item"),
}


def report_measure(report: str, measure: str) -> Header:
    """The header of one measure of a report (`REPORT_MEASURES`, narrowed where the report
    means more by it)."""
    return REPORT_MEASURES_OF.get(report, {}).get(measure) or REPORT_MEASURES[measure]


# 历史时数: historical hours to import (`import_history`); the person by ID number, mobile or
# platform ID, as the roster names those columns, and the name to agree with the record
HISTORY: dict[str, Header] = {
    "name": VOLUNTEERS["name"],
    "id_number": VOLUNTEERS["id_number"],
    "mobile": VOLUNTEERS["mobile"],
    "platform_id": VOLUNTEERS["platform_id"],
    "title": Header("活动(项目)名称", "activity or project", ("活动名称", "项目名称", "服务项目")),
    "organiser": Header("组织单位", "organiser", ("主办单位", "组织方", "发布组织")),
    "start": Header("开始日期", "start", ("开始时间", "服务开始日期")),
    "end": Header("结束日期", "end", ("结束时间", "服务结束日期")),
    "hours": Header("服务时长(小时)", "hours", ("服务时长", "时长(小时)", "时长", "小时数")),
    "source": Header("来源", "source", ("记录来源", "数据来源")),
}

# 服务时长明细: an hours statement (`export_statement`), one row per service
STATEMENT: dict[str, Header] = {
    "date": Header("日期", "date"),
    "end": Header("结束日期", "end"),
    "volunteer": Header("志愿者", "volunteer"),
    "title": Header("活动(项目)名称", "activity or project"),
    "organiser": Header("组织单位或服务队", "organiser or team"),
    "place": Header("阵地", "venue"),
    "hours": Header("服务时长(小时)", "hours"),
    "kind": Header("记录方式", "recorded as"),
    "source": Header("来源", "source"),
}
