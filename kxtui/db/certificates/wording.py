"""What a 志愿服务记录证明 says: its labels and sentences, a document format (Chinese whatever
language the interface speaks, as the headers of a sheet are: `kxtui.db.sheets.headers`).

The wording follows the recommended form of the 志愿服务记录证明 (民发〔2015〕149号, kept by
《志愿服务记录与证明出具办法(试行)》, 民政部令第67号): the volunteer's identity (姓名,
证件类型及号码, 志愿者编号), the service (服务时间 in hours of actual service, 服务内容), the
issuer (名称, 负责人, 经办人, 联系方式), then 证明编号 and 出具日期, sealed and signed.
"""

from __future__ import annotations

# the number's default form: {short} the county's short name, {year}, {sequence}
NUMBER_FORMAT = "{short}科协志证〔{year}〕第{sequence:04d}号"
UNIT_SUFFIX = "科学技术协会"  # 胶州市 → 胶州市科学技术协会

# the meta keys a county admin sets (`certificate.<county id>.<key>` for one county, or
# `certificate.<key>` for every county); see `kxtui.db.certificates.issuer`
META_KEYS = ("number_format", "short_name", "unit_name", "head")

TITLE = "志愿服务记录证明"
REPRINT = "（补打）"
REPRINT_NOTE = "本证明为补打件：原证明于{issued}出具，{today}第{times}次补打，编号不变。"
NUMBER = "证明编号："

# the table of the first page: (key, label), in the form's order
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "姓名"),
    ("id", "证件类型及号码"),
    ("volunteer_number", "志愿者编号"),
    ("period", "服务期间"),
    ("hours", "服务时间"),
    ("content", "服务内容"),
)
ID_CARD = "居民身份证"
NO_ID = "未登记"
KXTUI_NUMBER = "KX{id:08d}（本单位登记编号）"  # a volunteer not on the national platform

HOURS = "累计 {hours} 小时"
HOURS_HISTORICAL = "累计 {hours} 小时（其中历史记录 {historical} 小时，{sources}）"
HISTORICAL_SOURCE = "为使用本系统前在{sources}记录、经核实导入的时数"
HISTORICAL_SOURCE_UNKNOWN = "为使用本系统前记录、经核实导入的时数"
CONTENT = "参加志愿服务 {count} 次（{first}至{last}）"
CONTENT_ONE = "参加志愿服务 1 次（{first}）"
FORMATS = "；主要服务形式：{names}"
ORGANISERS = "；主要组织单位：{names}"
HISTORICAL_CONTENT = "；另有历史记录 {count} 项"
SEE_LIST = "。服务明细见附页。"
END = "。"
LIST_SEPARATOR = "、"
PERIOD = "{start}至{end}"

BODY = (
    "兹证明，{name}在上述期间参加由本单位组织并记录的志愿服务，服务时间为实际服务时间"
    "（不含往返路途时间），按半小时向下取整。"
)
CLOSING = "特此证明。"

ISSUER = "出具单位（盖章）："
HEAD = "负责人（签字）："
HANDLER = "经办人（签字）："
CONTACT = "联系方式："
DATE = "出具日期："
SEAL_ROOM = "（盖章）"

# the second page: every service of the period
LIST_TITLE = "志愿服务明细（附页）"
LIST_OF = "{name}　{number}"
LIST_COLUMNS = ("日期", "活动（项目）名称", "组织单位", "时数（小时）", "记录方式")
LIST_WIDTHS_CM = (2.6, 6.4, 4.2, 2.0, 1.8)
KIND_ACTIVITY = "活动记录"
KIND_HISTORICAL = "历史记录"
LIST_TOTAL = "合计"

DAY = "{year}年{month}月{day}日"

# the register, as a sheet (`kxtui certificates list -o FILE.xlsx`): (key, header, width)
REGISTER_TITLE = "志愿服务记录证明登记簿"
REGISTER_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("number", "证明编号", 26),
    ("name", "姓名", 10),
    ("volunteer_number", "志愿者编号", 16),
    ("region", "所在区域", 18),
    ("period", "服务期间", 24),
    ("hours", "服务时间(小时)", 10),
    ("historical_hours", "其中历史(小时)", 10),
    ("issued_at", "出具时间", 18),
    ("issued_by", "经办人", 10),
    ("reprints", "补打次数", 8),
    ("reprinted_at", "最近补打", 18),
)
ALL_TIME = "全部记录"
EVERY_YEAR = "全部"  # the register of every year, in its file name
