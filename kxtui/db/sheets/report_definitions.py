"""What each figure of a report counts, and how: the lines of an exported report's sheet 说明
(`export_report`). Chinese, like every sheet; keyed by measure (`report_rows.MEASURES`), and
by report and measure where one report counts a measure its own way. The star levels quote
the county's own thresholds (`stars.thresholds`), as the figures were counted with them."""

from __future__ import annotations

from kxtui.db import stars
from kxtui.domain import LABELS, SixHave

_STARS = "一二三四五"
_OUT_OF_RANGE = "超出合理范围的数值不计（见下方“无效数值”）"

DEFINITIONS: dict[str, str] = {
    "activities": "统计时段内开始的活动（按开始日期），每项活动计 1 场；已删除的活动不计。",
    "people_reached": f"各活动登记的受众人次之和；{_OUT_OF_RANGE}。",
    "materials": f"各活动登记的发放资料份数之和；{_OUT_OF_RANGE}。",
    "volunteers": "花名册中登记的志愿者人数，按人计；已删除的记录不计。",
    "volunteer_services": "服务记录的条数：一名志愿者参加一次活动计 1 人次。",
    "service_hours": f"服务记录的时长之和（小时，保留一位小数）；{_OUT_OF_RANGE}。",
    "inactive": "其中已标为不在服务的人数。",
    "new": "统计时段内加入的志愿者人数。",
    "platform_registered": "已在志愿服务平台注册的志愿者人数。",
    "platform_rate": "平台注册人数占志愿者人数的百分比；没有志愿者时为“-”。",
    "students": "其中在校学生的人数。",
    "teams": "区域内未解散的志愿服务队数。",
    "served": "统计时段内有服务记录的志愿者人数，按人去重：服务多次只计 1 人。",
    "average_hours": "志愿服务时长除以参与服务人数（小时，保留一位小数）；无人服务时为“-”。",
    **{
        f"stars.{level}": "星级为{stars}星（累计服务 {hours} 小时起）的志愿者人数。"
        for level in (1, 2, 3, 4, 5)
    },
    "venues": "区域内登记的科普阵地数，按当前状况统计，与统计时段无关。",
    "fully_met": (
        "“六有”（有组织、有制度、有场所、有载体、有活动、有特色）全部达到的阵地数；"
        "“有活动”指近 12 个月内台账中有在该阵地举办、未删除的活动。"
    ),
    "rate": "“六有”齐全的阵地占阵地总数的百分比；没有阵地时为“-”。",
    **{
        f"missing.{item.value}": f"未达到“{LABELS[f'SixHave.{item.value}'][0]}”的阵地数。"
        for item in SixHave
    },
    "count": "按调查表各行的单位计（场、期、项、个、人、人次）。",
    "this_year": "统计年度的数字。",
    "last_year": "上一年度同一指标的数字；未保存上年数字的为“-”。",
    "change": "本年减上年；缺少上年数字时为“-”。",
}

# report -> measure -> what it counts there, where it differs from `DEFINITIONS`
OF_REPORT: dict[str, dict[str, str]] = {
    "activities": {
        "volunteers": (
            "在这些活动中有服务记录的志愿者人数，按人去重：一人参加多次活动只计 1 人，"
            "合计中在多个区域服务的也只计 1 人。"
        ),
    },
    "volunteers": {
        "volunteers": "居住在该区域（按服务队统计时：该队及其下级队伍）、未停用的志愿者人数。",
        "new": "统计时段内加入的志愿者人数，含其后已停用的；加入日期不详的不计。",
        "platform_registered": "其中（未停用的）已在志愿服务平台注册的人数。",
        "students": "其中（未停用的）在校学生人数。",
        "served": ("统计时段内在未删除的活动中有服务记录的志愿者人数，不论在何处服务，按人去重。"),
        "service_hours": f"这些志愿者在统计时段内的服务时长之和（小时）；{_OUT_OF_RANGE}。",
        **{
            f"stars.{level}": (
                "未停用、{stars}星（累计服务 {hours} 小时起）的志愿者人数：累计时长含往年与历史"
                "时数，至下一星级为止；各星级的小时数为本县设定（{levels}）。"
            )
            for level in (1, 2, 3, 4, 5)
        },
    },
}


def definition(report: str, measure: str) -> str:
    """What `measure` counts in `report`, and how; a star level with the hours it starts at
    in this database (read there: call it with the database open)."""
    text = OF_REPORT.get(report, {}).get(measure) or DEFINITIONS[measure]
    if not measure.startswith("stars."):
        return text
    level, levels = int(measure.split(".")[1]), stars.thresholds()
    hours = levels[level - 1]
    return text.format(stars=_STARS[level - 1], hours=hours, levels="/".join(map(str, levels)))
