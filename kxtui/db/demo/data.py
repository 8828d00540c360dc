"""Word lists for the demo database (`kxtui.db.demo`): names, places, titles, notes.

Plain data plus the few pure functions that compose names from it; the generator (the other
modules of this package) passes its seeded RNG in. Figures and real place names come from
DOMAIN.md (Jiaozhou, Jingzhou).
"""

from __future__ import annotations

from itertools import accumulate
from random import Random

from kxtui.domain import Campaign, Domain, SixHave, TargetGroup

# --- people -------------------------------------------------------------------------------

# Surname -> approximate share of the population (per mille), after the 2020 census tables.
SURNAMES: dict[str, float] = {
    "王": 71, "李": 70, "张": 67, "刘": 54, "陈": 45, "杨": 31, "黄": 22, "赵": 20, "吴": 19,
    "周": 19, "徐": 13, "孙": 12, "马": 12, "朱": 11, "胡": 11, "郭": 11, "何": 10, "高": 10,
    "林": 10, "罗": 9, "郑": 8, "梁": 8, "谢": 6, "宋": 6, "唐": 6, "许": 5, "韩": 5, "冯": 5,
    "邓": 5, "曹": 5, "彭": 5, "曾": 5, "肖": 5, "田": 4, "董": 4, "袁": 4, "潘": 4, "于": 4,
    "蒋": 4, "蔡": 4, "余": 4, "杜": 4, "叶": 4, "程": 4, "苏": 3, "魏": 3, "吕": 3, "丁": 3,
    "任": 3, "沈": 3, "姚": 3, "卢": 3, "姜": 3, "崔": 3, "钟": 3, "谭": 3, "陆": 2.5,
    "汪": 2.5, "范": 2.5, "金": 2.5, "石": 2.5, "廖": 2.5, "贾": 2.5, "夏": 2.5, "韦": 2.5,
    "付": 2.2, "方": 2.2, "白": 2.2, "邹": 2.2, "孟": 2.2, "熊": 2.2, "秦": 2.2, "邱": 2.2,
    "江": 2.2, "尹": 2.2, "薛": 2, "闫": 2, "段": 2, "雷": 2, "侯": 2, "龙": 2, "史": 2,
    "陶": 1.8, "黎": 1.8, "贺": 1.8, "顾": 1.8, "毛": 1.8, "郝": 1.8, "龚": 1.6, "邵": 1.6,
    "万": 1.6, "钱": 1.6, "严": 1.6, "覃": 1.5, "武": 1.5, "戴": 1.5, "莫": 1.4, "孔": 1.4,
    "向": 1.4, "汤": 1.4, "常": 1.3, "温": 1.3, "康": 1.3, "施": 1.2, "文": 1.2, "牛": 1.2,
    "樊": 1.2, "葛": 1.2, "邢": 1.2, "安": 1.1, "齐": 1.1, "易": 1.1, "乔": 1.1, "伍": 1.1,
    "庞": 1.0, "颜": 1.0, "倪": 1.0, "庄": 1.0, "聂": 1.0, "章": 1.0, "鲁": 1.0, "岳": 1.0,
    "翟": 0.9, "殷": 0.9, "詹": 0.9, "申": 0.9, "欧": 0.9, "耿": 0.9, "关": 0.9, "兰": 0.9,
    "焦": 0.9, "俞": 0.9, "左": 0.9, "柳": 0.9, "甘": 0.8, "祝": 0.8, "包": 0.8, "宁": 0.8,
    "尚": 0.8, "符": 0.8, "舒": 0.8, "阮": 0.8, "柯": 0.8, "纪": 0.8, "梅": 0.8, "童": 0.8,
    "凌": 0.7, "毕": 0.7, "单": 0.2, "仇": 0.15, "查": 0.15, "解": 0.15, "区": 0.05,
    "朴": 0.08, "盖": 0.1, "尉迟": 0.02,
}  # fmt: skip

# Local flavour: surnames more frequent in the county than nationally (multipliers).
LOCAL_SURNAMES: dict[str, dict[str, float]] = {
    "370281": {"姜": 3.5, "于": 3.5, "孙": 2.2, "高": 1.8, "匡": 1.0, "法": 1.0, "逄": 1.0},
    "421003": {"黄": 1.5, "胡": 1.6, "熊": 2.0, "彭": 1.5, "涂": 1.0},
}

# Given-name characters: (older generations, younger generations) per gender.
MALE_OLD = "国建军明华平志刚强勇伟忠德福庆海东林永新成祥春生庭喜利兴广富宝山胜荣贵学"
MALE_YOUNG = "浩宇轩杰涛鹏磊斌超辉鑫波凯健俊帆帅旭宁龙阳峰亮博晨泽睿昊然嘉铭振宏航天"
FEMALE_OLD = "秀英桂兰玉凤珍芳梅霞红艳华丽萍敏琴云莲淑素翠爱芬荣娥美春花香"
FEMALE_YOUNG = "静娜婷倩颖慧欣悦怡涵琪雨梦佳思晶丹月璐瑶诗雪琳洁莉蕾萱彤可馨妍"
SINGLE_GIVEN_SHARE = 0.3

# Mobile number prefixes (first three digits) with rough weights; all valid in phonenumbers.
MOBILE_PREFIXES: dict[str, float] = {
    **{f"13{d}": 6 for d in "0123456789"},
    **{f"15{d}": 4 for d in "012356789"},
    "166": 1,
    **{f"18{d}": 4 for d in "0123456789"},
    **{f"17{d}": 1.5 for d in "0135678"},
    **{f"19{d}": 1.5 for d in "0123589"},
}  # fmt: skip

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character (ISO 7064 MOD 11-2) for the first 17 digits."""
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


SKILLS: dict[str, tuple[str, ...]] = {
    Domain.HEALTH: ("中医推拿", "急救培训", "社区护理", "营养配餐", "心理疏导", "康复理疗"),
    Domain.EDUCATION: ("科学实验指导", "青少年编程", "天文观测", "家庭教育指导", "航模制作"),
    Domain.AGRICULTURE: ("蔬菜栽培", "果树修剪", "畜禽养殖", "植保无人机", "测土配方施肥"),
    Domain.ENGINEERING: ("家电维修", "电工", "机械维修", "建筑安全", "数控加工"),
    Domain.EMERGENCY: ("应急救护", "消防安全", "防汛抢险", "地震避险"),
    Domain.ENVIRONMENT: ("垃圾分类", "节能环保", "水质检测"),
    Domain.INFORMATION: ("智能手机教学", "网络安全", "短视频制作", "电商运营"),
    Domain.CULTURE: ("科普讲解", "文艺表演", "摄影", "书法"),
}
DOMAIN_WEIGHTS: dict[str, float] = {
    Domain.HEALTH: 26, Domain.EDUCATION: 22, Domain.AGRICULTURE: 20, Domain.EMERGENCY: 9,
    Domain.INFORMATION: 8, Domain.CULTURE: 6, Domain.ENGINEERING: 5, Domain.ENVIRONMENT: 4,
}  # fmt: skip
FOURTH_DOMAINS = (
    Domain.EMERGENCY,
    Domain.INFORMATION,
    Domain.CULTURE,
    Domain.ENGINEERING,
    Domain.ENVIRONMENT,
)  # a branch's fourth division, beside health/education/agri
DOMAIN_LABELS: dict[str, str] = {
    Domain.HEALTH: "健康", Domain.EDUCATION: "教育", Domain.AGRICULTURE: "农业",
    Domain.ENGINEERING: "工程技术", Domain.EMERGENCY: "应急安全", Domain.ENVIRONMENT: "生态环境",
    Domain.INFORMATION: "信息技术", Domain.CULTURE: "科学文化",
}  # fmt: skip
PROFESSIONAL_TEAMS: dict[str, tuple[str, ...]] = {
    Domain.HEALTH: ("中医药健康", "急救护理", "心理健康", "妇幼保健", "慢病管理"),
    Domain.EDUCATION: ("青少年科技辅导", "家庭教育", "科学实验", "航模无人机"),
    Domain.AGRICULTURE: ("胶州大白菜种植", "果蔬栽培", "畜牧养殖", "植物保护", "农机服务"),
    Domain.ENGINEERING: ("家电维修", "电工技术"),
    Domain.EMERGENCY: ("防灾减灾", "消防安全", "水上救援"),
    Domain.ENVIRONMENT: ("垃圾分类", "生态环保"),
    Domain.INFORMATION: ("智能手机应用", "网络安全", "电商直播"),
    Domain.CULTURE: ("科普文艺", "反邪教宣传"),
}
ALL = tuple(Domain)
AGE_BANDS = ((18, 29), (30, 44), (45, 59), (60, 75))
STUDENT_DOMAINS = (Domain.EDUCATION, Domain.HEALTH, Domain.INFORMATION, Domain.CULTURE,
                   Domain.ENVIRONMENT)  # fmt: skip
HOME_STUDENT = "在校大学生，假期返乡服务"
STUDENT_COLLEGES = ("医学院", "农学院", "动物科学学院", "电子信息学院", "石油工程学院",
                    "化学与环境工程学院", "教育与体育学院", "文学院", "计算机科学学院")  # fmt: skip

# --- places -------------------------------------------------------------------------------

JIAOZHOU_SUBDISTRICTS = ("阜安街道", "中云街道", "三里河街道", "九龙街道", "胶东街道", "胶北街道",
                         "胶西街道", "北关街道")  # fmt: skip
JIAOZHOU_TOWNS = ("李哥庄镇", "胶莱镇", "铺集镇", "里岔镇")
JIAOZHOU_VILLAGES = 204
JINGZHOU_COMMUNITIES: dict[str, tuple[str, ...]] = {
    "西城街道": ("通会桥", "西门", "太晖", "三义街", "荆北路", "金龙", "龙山", "小北门", "郢都",
                "安心桥"),
    "东城街道": ("东门", "宾阳楼", "寸金", "公安门", "曲江", "九龙渊", "东堤", "草市", "花台"),
    "城南街道": ("南门", "新南门", "荆南", "纪南", "御河", "南湖", "盘龙"),
}  # fmt: skip
MODEL_COMMUNITY = "通会桥社区"
JINGZHOU_GRIDS = 170
MODEL_GRIDS = 8

VILLAGE_HEADS = "王李张刘赵孙高姜于徐杨马周郭宋韩冯崔匡法杜隋逄殷柳吕袁邱"
VILLAGE_PLACES = "东西南北前后大小上中新河沙石泉松柳杏枣桃"
VILLAGE_TAILS_FAMILY = ("家庄", "家屯", "家疃", "家埠", "家洼", "家营", "家岭", "家沟")
VILLAGE_TAILS = "庄屯疃埠岭沟洼店营集台湾泉林坡口崖庙桥寨园"
COMMUNITY_CHARS = "福安和锦阳康兴丰华瑞嘉鑫泰宁祥盛永春兰凤云湖景文惠馨泽怡悦雅明城苑园"

JIAOZHOU_ROADS = ("兰州东路", "郑州西路", "广州北路", "澳门路", "北京东路", "常州路",
                  "扬州路", "福州南路", "杭州路", "胶州东路", "云溪河路", "三里河路", "香港路",
                  "湖州路")  # fmt: skip
JINGZHOU_ROADS = ("荆州中路", "荆北路", "江津西路", "北京西路", "屈原路", "三义街", "太岳路",
                  "荆南路", "园林路", "郢都路")  # fmt: skip
LANDMARKS = ("村委会院内", "文化广场东侧", "党群服务中心二楼", "村委会西50米", "综合楼一层")

# --- venues -------------------------------------------------------------------------------

EDUCATION_BASES = (
    "少海湿地科普教育基地", "三里河遗址科普教育基地", "艾山风景区科普教育基地",
    "胶州市气象科普教育基地", "胶州市消防科普教育基地", "胶州市地震科普教育基地",
    "胶州湾海洋科普教育基地", "胶州秧歌文化科普教育基地", "胶州市中医医院健康科普教育基地",
    "胶州市疾控中心健康科普教育基地", "胶州大白菜科普教育基地", "李哥庄发制品产业科普教育基地",
    "胶州市青少年宫科技教育基地", "胶州市污水处理厂环保科普教育基地", "里岔黑猪养殖科普教育基地",
    "胶州市交通安全科普教育基地", "胶州市防灾减灾科普教育基地", "胶州市禁毒科普教育基地",
)  # fmt: skip
BASE_HOMES = {  # bases that belong in a particular town
    "少海湿地科普教育基地": "三里河街道", "三里河遗址科普教育基地": "三里河街道",
    "胶州大白菜科普教育基地": "胶莱镇", "李哥庄发制品产业科普教育基地": "李哥庄镇",
    "里岔黑猪养殖科普教育基地": "里岔镇", "艾山风景区科普教育基地": "胶北街道",
}  # fmt: skip
BASE_KINDS = ("现代农业", "生态农业", "设施蔬菜", "食用菌种植", "智慧农业", "果蔬采摘", "花卉苗木",
              "中草药种植", "蓝莓种植", "葡萄种植")  # fmt: skip
TECH_COURTYARDS = ("胶州大白菜科技小院", "里岔黑猪科技小院")
SCHOOL_NAMES = (
    *(f"胶州市第{n}实验小学" for n in "一二三四五六七八九"),
    *(f"胶州市第{n}中学" for n in ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                   "十一", "十二", "十三", "十四", "十五", "十六")),
    *(f"胶州市{road}小学" for road in ("兰州东路", "郑州西路", "广州北路", "澳门路", "北京路",
                                        "常州路", "扬州路", "香港路")),
    "胶州市向阳中学", "胶州市实验中学", "胶州市职业教育中心", "胶州市特殊教育学校",
)  # fmt: skip
SCHOOL_MUSEUMS = ("胶州市第一中学科普馆", "胶州市实验小学科普馆")
JINGZHOU_UNITS = (
    ("university_sast", "长江大学科协", "城南街道"),
    ("enterprise_sast", "荆州市荆江机械有限公司科协", "东城街道"),
    ("enterprise_sast", "荆州楚风食品股份有限公司科协", "西城街道"),
    ("rural_tech_association", "荆州区水产养殖专业技术协会", "城南街道"),
    ("rural_tech_association", "荆州区蔬菜种植专业技术协会", "东城街道"),
)
POINT_NAMES = ("住户科普网点", "邻里科普交流点", "楼门科普公示点", "楼栋科普宣传点",
               "院落科普帮助点", "小区科普服务点", "街巷科普督办点")  # fmt: skip
# 一校七队: the model community's seven teams and their domains.
MODEL_TEAMS: dict[str, str] = {
    "科普志愿者服务队": Domain.EDUCATION, "科普文艺宣传队": Domain.CULTURE,
    "体育舞蹈健身队": Domain.HEALTH, "劳动技能培训队": Domain.ENGINEERING,
    "防灾减灾应急队": Domain.EMERGENCY, "雷锋互助社帮扶队": Domain.HEALTH,
    "老科技工作者示范队": Domain.EDUCATION,
}  # fmt: skip

SIX_HAVE_NOTES: dict[str, tuple[str, ...]] = {
    SixHave.ORGANISATION: ("未成立管理小组", "负责人空缺", "管理人员调整未补充"),
    SixHave.RULES: ("制度未上墙", "管理制度不健全", "缺少活动管理办法"),
    SixHave.SITE: ("场地被临时占用", "活动室面积不足", "场所正在装修"),
    SixHave.MEDIUM: ("宣传栏内容未更新", "缺少科普展板", "电子屏损坏未修"),
    SixHave.ACTIVITIES: ("本年度活动不足4次", "活动记录不全", "活动台账缺失"),
    SixHave.FEATURE: ("特色不鲜明", "未形成品牌活动", "特色项目待提炼"),
}

# --- activities -----------------------------------------------------------------------------

TOPICS: dict[str | None, tuple[str, ...]] = {
    Campaign.DANDELION: ("航天知识", "人工智能启蒙", "无人机操控体验", "防溺水安全", "科学小实验",
                         "近视防控", "机器人编程", "垃圾分类小卫士", "气象科普", "海洋知识"),
    Campaign.SILVER_AGE: ("防范电信诈骗", "智能手机使用", "慢病防治", "合理用药", "预防跌倒",
                          "食品安全", "中医养生", "识别保健品骗局", "心脑血管健康", "防范非法集资"),
    Campaign.FARMERS: ("胶州大白菜种植技术", "小麦病虫害防治", "果树冬季修剪", "玉米高产栽培",
                       "设施蔬菜管理", "生猪养殖防疫", "农药安全使用", "农产品电商直播",
                       "测土配方施肥", "马铃薯种植技术"),
    Campaign.INDUSTRIAL_WORKERS: ("安全生产知识", "职业病防治", "数控技术培训", "电工安全技能",
                                  "发制品工艺创新", "消防安全演练", "工业机器人应用", "质量管理"),
    None: ("急救知识", "心肺复苏", "防震减灾", "节约用水", "低碳生活", "健康生活方式", "科学健身",
           "传染病防控", "网络安全", "反诈宣传", "垃圾分类", "用电安全"),
}  # fmt: skip
# keyed by str (a Campaign is one): the province demo looks them up by the plain value
CAMPAIGN_TITLES: dict[str, str] = {
    Campaign.DANDELION: "蒲公英科普行动", Campaign.SILVER_AGE: "银龄科普课堂",
    Campaign.FARMERS: "农民科普行动", Campaign.INDUSTRIAL_WORKERS: "产业工人科普行动",
}  # fmt: skip
CAMPAIGN_TARGETS: dict[str, TargetGroup] = {
    Campaign.DANDELION: TargetGroup.YOUTH, Campaign.SILVER_AGE: TargetGroup.ELDERLY,
    Campaign.FARMERS: TargetGroup.FARMERS,
    Campaign.INDUSTRIAL_WORKERS: TargetGroup.INDUSTRIAL_WORKERS,
}  # fmt: skip
CAMPAIGN_FORMATS: dict[str | None, tuple[str, ...]] = {
    Campaign.DANDELION: ("experts_into_schools", "science_show", "lecture", "exhibition"),
    Campaign.SILVER_AGE: ("lecture", "lecture", "lecture", "exhibition", "online"),
    Campaign.FARMERS: ("field_class", "field_class", "lecture", "online"),
    Campaign.INDUSTRIAL_WORKERS: ("lecture", "lecture", "exhibition", "online"),
    None: ("lecture", "exhibition", "caravan", "anti_cult", "science_show", "online", "other"),
}
CAMPAIGN_DOMAINS: dict[str | None, Domain] = {
    Campaign.DANDELION: Domain.EDUCATION, Campaign.SILVER_AGE: Domain.HEALTH,
    Campaign.FARMERS: Domain.AGRICULTURE, Campaign.INDUSTRIAL_WORKERS: Domain.ENGINEERING,
}  # fmt: skip
# "Other" theme days: (month, day, name).
OTHER_DAYS = ((3, 5, "学雷锋纪念日"), (3, 23, "世界气象日"), (4, 15, "全民国家安全教育日"),
              (4, 22, "世界地球日"), (5, 12, "全国防灾减灾日"), (6, 5, "世界环境日"),
              (10, 16, "世界粮食日"))  # fmt: skip
SCHOOL_TYPES = ("demonstration_school", "school_museum")
RURAL_SUBDISTRICTS = ("胶东街道", "胶北街道", "胶西街道")  # 街道 with much farmland
WORKERS_DAY_EVENTS = ("走访慰问科技工作者", "科技工作者座谈会", "最美科技工作者事迹分享会")
JINGZHOU_ORGANISERS = ("荆州区科协", "长江大学科协", "荆州区卫生健康局", "荆州区应急管理局")
ORGANISERS = ("胶州市科协", "胶州市卫生健康局", "胶州市农业农村局", "胶州市教育和体育局",
              "胶州市应急管理局", "胶州市气象局", "胶州市妇联")  # fmt: skip
NOTES = ("发放宣传资料，现场解答群众咨询", "邀请市人民医院专家授课", "受天气影响改在室内进行",
         "联合镇卫生院开展义诊", "活动照片已上传“科普·胶州”公众号", "学员反响良好，建议下季度再办",
         "同步开展反诈宣传", "现场设置科普互动体验区")  # fmt: skip
JINGZHOU_TOPICS = ("家庭急救知识", "老年人防诈骗", "垃圾分类新规", "合理膳食", "儿童用药安全",
                   "汛期安全常识", "燃气安全", "智能手机入门", "高血压防治", "心理健康",
                   "防范非法集资", "中医四季养生")  # fmt: skip
SKILL_TRAININGS = ("育婴员", "家政服务", "养老护理员", "电商运营", "西式面点", "中式烹调",
                   "美容美发", "电工基础")  # fmt: skip


# --- composing names ------------------------------------------------------------------------


def surname_table(county: str) -> tuple[list[str], list[float]]:
    """Surnames and cumulative weights for `Random.choices`, with the county's local flavour."""
    boost = LOCAL_SURNAMES.get(county, {})
    names = list(SURNAMES) + [s for s in boost if s not in SURNAMES]
    return names, list(accumulate(SURNAMES.get(s, 0.3) * boost.get(s, 1.0) for s in names))


def person_name(rng: Random, table: tuple[list[str], list[float]], male: bool, born: int) -> str:
    """A full name; older people get the given names of their generation."""
    old, young = (MALE_OLD, MALE_YOUNG) if male else (FEMALE_OLD, FEMALE_YOUNG)
    old_share = 0.85 if born < 1975 else 0.5 if born < 1990 else 0.1
    pool = old if rng.random() < old_share else young
    given = rng.choice(pool)
    if rng.random() >= SINGLE_GIVEN_SHARE:
        second = rng.choice(pool + (old if pool is young else young))
        given += given if not male and rng.random() < 0.05 else second  # 婷婷, 丽丽
    return rng.choices(table[0], cum_weights=table[1])[0] + given


def village_name(rng: Random, community: bool) -> str:
    """ "福安社区", "王家庄村", "东岭村", "隋疃村" ..."""
    if community:
        first = rng.choice(COMMUNITY_CHARS[:-3])  # the last three are nouns: 城苑园
        return first + rng.choice(COMMUNITY_CHARS.replace(first, "")) + "社区"
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(VILLAGE_HEADS) + rng.choice(VILLAGE_TAILS_FAMILY) + "村"
    head = rng.choice(VILLAGE_PLACES if roll < 0.75 else VILLAGE_HEADS)
    return head + rng.choice(VILLAGE_TAILS.replace(head, "")) + "村"


def education_base_name(rng: Random, village: str) -> str:
    """ "王家庄现代农业科普教育基地": a village's name without 村, and what the base shows."""
    return f"{village}{rng.choice(BASE_KINDS)}科普教育基地"


def activity_core(rng: Random, campaign: str | None, fmt: str, place: str, online: str) -> str:
    """The body of an activity title, before the theme-day prefix and place suffix."""
    topic = rng.choice(TOPICS[campaign])
    if campaign:
        return f"{CAMPAIGN_TITLES[campaign]}：{topic}"
    return {
        "anti_cult": "崇尚科学 反对邪教图片巡展",
        "caravan": f"科普大篷车进{place}",
        "exhibition": f"{topic}科普展",
        "science_show": f"科普秀：{topic}",
        "online": f"“{online}”线上知识竞答：{topic}",
        "other": f"{topic}宣传活动",
    }.get(fmt, f"{topic}科普讲座")
