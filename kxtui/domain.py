"""The domain's vocabulary as stored codes (English identifiers, DOMAIN.md's glosses).

The database stores these codes; `LABELS` names them for people, in Chinese and English.
"""

from enum import StrEnum


class RegionKind(StrEnum):
    COUNTY = "county"  # 县/县级市/区
    TOWN = "town"  # 镇
    SUBDISTRICT = "subdistrict"  # 街道
    VILLAGE = "village"  # 村
    COMMUNITY = "community"  # 社区
    GRID = "grid"  # 网格


TOWN_LEVEL = (RegionKind.TOWN, RegionKind.SUBDISTRICT)
VILLAGE_LEVEL = (RegionKind.VILLAGE, RegionKind.COMMUNITY)
VOLUNTEER_HOMES = (*VILLAGE_LEVEL, RegionKind.GRID)  # where a volunteer record says they live

# Which kinds may sit directly under which (None = top level).
CHILD_KINDS: dict[RegionKind | None, tuple[RegionKind, ...]] = {
    None: (RegionKind.COUNTY,),
    RegionKind.COUNTY: TOWN_LEVEL,
    RegionKind.TOWN: VILLAGE_LEVEL,
    RegionKind.SUBDISTRICT: VILLAGE_LEVEL,
    RegionKind.VILLAGE: (RegionKind.GRID,),
    RegionKind.COMMUNITY: (RegionKind.GRID,),
    RegionKind.GRID: (),
}


class VenueType(StrEnum):
    EDUCATION_BASE = "education_base"  # 市级科普教育基地
    TECH_COURTYARD = "tech_courtyard"  # 科技小院
    COMMUNITY_MUSEUM = "community_museum"  # 社区科普馆
    SCHOOL_MUSEUM = "school_museum"  # 学校科普馆
    SCIENCE_PARK = "science_park"  # 科普公园
    DEMONSTRATION_SCHOOL = "demonstration_school"  # 科普示范学校
    TOWN_ACTIVITY_CENTRE = "town_activity_centre"  # 镇(街道)科普活动中心
    ENTERPRISE_SAST = "enterprise_sast"  # 企业科协
    UNIVERSITY_SAST = "university_sast"  # 高校科协
    RURAL_TECH_ASSOCIATION = "rural_tech_association"  # 农技协
    COMMUNITY_STATION = "community_station"  # 社区科普活动站
    HOUSEHOLD_POINT = "household_point"  # 住户科普网点
    NEIGHBOUR_POINT = "neighbour_point"  # 邻里科普交流点
    NOTICE_POINT = "notice_point"  # 楼门科普公示点
    BUILDING_POINT = "building_point"  # 楼栋科普宣传点
    COURTYARD_POINT = "courtyard_point"  # 院落科普帮助点
    ESTATE_POINT = "estate_point"  # 小区科普服务点
    STREET_POINT = "street_point"  # 街巷科普督办点
    COMMUNITY_SCHOOL = "community_school"  # 社区科普学校


SEVEN_POINTS = (
    VenueType.HOUSEHOLD_POINT,
    VenueType.NEIGHBOUR_POINT,
    VenueType.NOTICE_POINT,
    VenueType.BUILDING_POINT,
    VenueType.COURTYARD_POINT,
    VenueType.ESTATE_POINT,
    VenueType.STREET_POINT,
)


class VenueLevel(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWN = "town"
    VILLAGE = "village"


class SixHave(StrEnum):
    """The "six haves" (六有) venue standard; each is met or not, with a note."""

    ORGANISATION = "organisation"  # 有组织
    RULES = "rules"  # 有制度
    SITE = "site"  # 有场所
    MEDIUM = "medium"  # 有载体
    ACTIVITIES = "activities"  # 有活动
    FEATURE = "feature"  # 有特色


class PersonRole(StrEnum):
    VILLAGE_LIAISON = "village_liaison"  # 村级科普联络员
    GRID_OFFICER = "grid_officer"  # 网格员
    TOWN_STAFF = "town_staff"  # 镇(街道)科协工作人员
    COUNTY_STAFF = "county_staff"  # 县级科协工作人员


class AccessRole(StrEnum):
    """What an officer account may do in kxtui (its access, not the person's job). The roles
    that edit one town, village or grid are those jobs, by the same code and name (one name
    for one thing); a county admin also manages the accounts; a viewer only reads."""

    COUNTY_ADMIN = "county_admin"  # 县级管理员
    TOWN_STAFF = PersonRole.TOWN_STAFF.value
    VILLAGE_LIAISON = PersonRole.VILLAGE_LIAISON.value
    GRID_OFFICER = PersonRole.GRID_OFFICER.value
    VIEWER = "viewer"  # 只读


# The kind of region each role works in; None: the whole database may be theirs.
ROLE_REGION_KINDS: dict[AccessRole, tuple[RegionKind | None, ...]] = {
    AccessRole.COUNTY_ADMIN: (None, RegionKind.COUNTY),
    AccessRole.TOWN_STAFF: TOWN_LEVEL,
    AccessRole.VILLAGE_LIAISON: VILLAGE_LEVEL,
    AccessRole.GRID_OFFICER: (RegionKind.GRID,),
    AccessRole.VIEWER: (None, *RegionKind),
}


class TeamLevel(StrEnum):
    GENERAL = "general"  # 总队
    BRANCH = "branch"  # 支队
    DOMAIN_DIVISION = "domain_division"  # 领域分队
    PROFESSIONAL = "professional"  # 专业队


class Domain(StrEnum):
    HEALTH = "health"
    EDUCATION = "education"
    AGRICULTURE = "agriculture"
    ENGINEERING = "engineering"
    EMERGENCY = "emergency"
    ENVIRONMENT = "environment"
    INFORMATION = "information"
    CULTURE = "culture"


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ThemeDay(StrEnum):
    SCIENCE_DAY = "science_day"  # 全国科普日 (September)
    WORKERS_DAY = "workers_day"  # 全国科技工作者日 (30 May)
    SCIENCE_WEEK = "science_week"  # 全国科技活动周 (May)
    VOLUNTEER_WEEK = "volunteer_week"  # 学雷锋科技志愿服务周 (1–7 March)
    OTHER = "other"


class Campaign(StrEnum):
    DANDELION = "dandelion"  # 蒲公英科普行动 (youth)
    SILVER_AGE = "silver_age"  # 银龄科普课堂 (elderly)
    FARMERS = "farmers"  # 农民科普行动
    INDUSTRIAL_WORKERS = "industrial_workers"  # 产业工人科普行动


class TargetGroup(StrEnum):
    YOUTH = "youth"
    ELDERLY = "elderly"
    FARMERS = "farmers"
    INDUSTRIAL_WORKERS = "industrial_workers"
    RESIDENTS = "residents"
    OFFICIALS = "officials"
    SCIENCE_WORKERS = "science_workers"


class ActivityFormat(StrEnum):
    LECTURE = "lecture"  # 集中授课
    FIELD_CLASS = "field_class"  # 田间课堂
    EXHIBITION = "exhibition"  # 科普展览
    SCIENCE_SHOW = "science_show"  # 科普秀/科普展演
    CARAVAN = "caravan"  # 科普大篷车
    EXPERTS_INTO_SCHOOLS = "experts_into_schools"  # 专家进校园
    ANTI_CULT = "anti_cult"  # 反邪教宣传
    VISIT = "visit"  # 走访慰问
    ONLINE = "online"  # 线上/新媒体
    OTHER = "other"


# The name of each code, (Chinese, English), by "Enum.code": a sheet writes the Chinese and an
# import reads either (a file format), and the interface shows the one of its language
# (`kxtui.i18n.label`). Sorted by key.
LABELS: dict[str, tuple[str, str]] = {
    "AccessRole.county_admin": ("县级管理员", "county admin"),
    "AccessRole.viewer": ("只读", "read-only viewer"),
    "ActivityFormat.anti_cult": ("反邪教宣传", "anti-cult publicity"),
    "ActivityFormat.caravan": ("科普大篷车", "science caravan"),
    "ActivityFormat.exhibition": ("科普展览", "exhibition"),
    "ActivityFormat.experts_into_schools": ("专家进校园", "experts into schools"),
    "ActivityFormat.field_class": ("田间课堂", "field class"),
    "ActivityFormat.lecture": ("集中授课", "lecture"),
    "ActivityFormat.online": ("线上/新媒体", "online / new media"),
    "ActivityFormat.other": ("其他", "other"),
    "ActivityFormat.science_show": ("科普秀", "science show"),
    "ActivityFormat.visit": ("走访慰问", "visit"),
    "Campaign.dandelion": ("蒲公英科普行动", "Dandelion (youth)"),
    "Campaign.farmers": ("农民科普行动", "Farmers"),
    "Campaign.industrial_workers": ("产业工人科普行动", "Industrial workers"),
    "Campaign.silver_age": ("银龄科普行动", "Silver Age (elderly)"),
    "Domain.agriculture": ("农业", "agriculture"),
    "Domain.culture": ("科学文化", "science culture"),
    "Domain.education": ("教育", "education"),
    "Domain.emergency": ("应急安全", "emergency"),
    "Domain.engineering": ("工程技术", "engineering"),
    "Domain.environment": ("生态环境", "environment"),
    "Domain.health": ("健康", "health"),
    "Domain.information": ("信息技术", "information technology"),
    "Gender.female": ("女", "female"),
    "Gender.male": ("男", "male"),
    "PersonRole.county_staff": ("县级科协工作人员", "county staff"),
    "PersonRole.grid_officer": ("网格员", "grid officer"),
    "PersonRole.town_staff": ("镇(街道)科协工作人员", "town staff"),
    "PersonRole.village_liaison": ("村级科普联络员", "village liaison"),
    "RegionKind.community": ("社区", "community"),
    "RegionKind.county": ("县（市、区）", "county"),
    "RegionKind.grid": ("网格", "grid"),
    "RegionKind.subdistrict": ("街道", "subdistrict"),
    "RegionKind.town": ("镇", "town"),
    "RegionKind.village": ("村", "village"),
    "SixHave.activities": ("有活动", "activities"),
    "SixHave.feature": ("有特色", "distinctive feature"),
    "SixHave.medium": ("有载体", "medium"),
    "SixHave.organisation": ("有组织", "organisation"),
    "SixHave.rules": ("有制度", "rules"),
    "SixHave.site": ("有场所", "site"),
    "TargetGroup.elderly": ("老年人", "elderly"),
    "TargetGroup.farmers": ("农民", "farmers"),
    "TargetGroup.industrial_workers": ("产业工人", "industrial workers"),
    "TargetGroup.officials": ("领导干部和公务员", "officials"),
    "TargetGroup.residents": ("社区居民", "residents"),
    "TargetGroup.science_workers": ("科技工作者", "science workers"),
    "TargetGroup.youth": ("青少年", "young people"),
    "TeamLevel.branch": ("支队", "branch"),
    "TeamLevel.domain_division": ("领域分队", "domain division"),
    "TeamLevel.general": ("总队", "general team"),
    "TeamLevel.professional": ("专业队", "professional team"),
    "ThemeDay.other": ("其他主题日", "other theme day"),
    "ThemeDay.science_day": ("全国科普日", "National Science Popularisation Day"),
    "ThemeDay.science_week": ("全国科技活动周", "National Science and Technology Week"),
    "ThemeDay.volunteer_week": (
        "学雷锋科技志愿服务周",
        "Learn-from-Lei-Feng Sci-Tech Volunteer Week",
    ),
    "ThemeDay.workers_day": ("全国科技工作者日", "National Science Workers' Day"),
    "VenueLevel.city": ("市级", "city"),
    "VenueLevel.county": ("县级", "county"),
    "VenueLevel.national": ("国家级", "national"),
    "VenueLevel.province": ("省级", "provincial"),
    "VenueLevel.town": ("镇(街道)级", "town"),
    "VenueLevel.village": ("村(社区)级", "village"),
    "VenueType.building_point": ("楼栋科普宣传点", "building promotion point"),
    "VenueType.community_museum": ("社区科普馆", "community science museum"),
    "VenueType.community_school": ("社区科普学校", "community science school"),
    "VenueType.community_station": ("社区科普活动站", "community science station"),
    "VenueType.courtyard_point": ("院落科普帮助点", "courtyard help point"),
    "VenueType.demonstration_school": ("科普示范学校", "demonstration school"),
    "VenueType.education_base": ("市级科普教育基地", "science education base"),
    "VenueType.enterprise_sast": ("企业科协", "enterprise SAST"),
    "VenueType.estate_point": ("小区科普服务点", "residential-estate service point"),
    "VenueType.household_point": ("住户科普网点", "household network point"),
    "VenueType.neighbour_point": ("邻里科普交流点", "neighbour exchange point"),
    "VenueType.notice_point": ("楼门科普公示点", "building-door notice point"),
    "VenueType.rural_tech_association": ("农技协", "rural technical association"),
    "VenueType.school_museum": ("学校科普馆", "school science museum"),
    "VenueType.science_park": ("科普公园", "science park"),
    "VenueType.street_point": ("街巷科普督办点", "street supervision point"),
    "VenueType.tech_courtyard": ("科技小院", "science & technology courtyard"),
    "VenueType.town_activity_centre": ("镇(街道)科普活动中心", "town science activity centre"),
    "VenueType.university_sast": ("高校科协", "university SAST"),
}
