"""Every user-visible string, Simplified Chinese first, English beside it.

`t("key", **params)` formats the string of the current language. `label(enum_value)` gives the
name of a stored code (a region kind, venue type, six-haves item ...). The table doubles as the
glossary: one name for one thing, in DOMAIN.md's terms.
"""

from __future__ import annotations

import os
from enum import StrEnum

from kxtui.display import clean

LANGUAGES = ("zh", "en")
_language = {"current": "zh"}
QUOTED_LIMIT = 1000  # characters of one value quoted in a message

STRINGS: dict[str, tuple[str, str]] = {
    # app
    "app.title": ("kxtui 科协基层工作台", "kxtui science association desk"),
    "app.upgraded": (
        "数据库已升级到第 {version} 版，原文件已备份到 {backup}",
        "Database upgraded to schema {version}; the old file was copied to {backup}",
    ),
    # bindings
    "key.quit": ("退出", "Quit"),
    "key.jump": ("跳转", "Jump"),
    "key.add_region": ("新建区域", "New region"),
    "key.add_venue": ("新建阵地", "New venue"),
    "key.edit": ("编辑", "Edit"),
    "key.delete": ("删除", "Delete"),
    "key.help": ("全部按键", "All keys"),
    "key.refresh": ("刷新", "Refresh"),
    "key.add_activity": ("登记活动", "Log activity"),
    "key.ledger": ("台账", "Ledger"),
    "cmd.add_activity": ("活动: 新建", "Activity: new"),
    "cmd.add_activity.help": (
        "在选中的区域或阵地登记一次活动",
        "Log an activity at the selected region or venue",
    ),
    "cmd.ledger": ("活动: 台账", "Activity: ledger"),
    "cmd.ledger.help": (
        "选中区域的活动台账：筛选、合计、导出",
        "The selected region's activity ledger",
    ),
    "key.save": ("保存", "Save"),
    "key.cancel": ("取消", "Cancel"),
    "key.choose": ("确定", "Choose"),
    "key.close": ("关闭", "Close"),
    "key.open": ("打开", "Open"),
    "key.palette": ("命令", "Commands"),
    # command palette ("area: verb")
    "cmd.jump": ("区域: 跳转", "Region: jump to"),
    "cmd.jump.help": (
        "按名称、拼音或首字母查找区域和阵地",
        "Find a region or venue by name, pinyin or initials",
    ),
    "cmd.add_region": ("区域: 新建下级区域", "Region: add child region"),
    "cmd.add_region.help": (
        "在选中的区域下新建镇街、村社区或网格",
        "Add a town, village or grid under the selected region",
    ),
    "cmd.add_county": ("区域: 新建县（市、区）", "Region: add county"),
    "cmd.add_county.help": ("新建一个顶层的县（市、区）", "Add a top-level county"),
    "cmd.add_venue": ("阵地: 新建", "Venue: add"),
    "cmd.add_venue.help": ("在选中的区域新建阵地", "Add a venue to the selected region"),
    "cmd.edit": ("区域/阵地: 编辑", "Region/venue: edit"),
    "cmd.edit.help": ("编辑选中的区域或阵地", "Edit the selected region or venue"),
    "cmd.delete": ("区域/阵地: 删除", "Region/venue: delete"),
    "cmd.delete.help": (
        "删除选中的区域或阵地（有下级或活动时会拒绝）",
        "Delete the selected region or venue (refused while it has dependants)",
    ),
    "cmd.help": ("帮助: 按键说明", "Help: keys"),
    "cmd.help.help": ("显示所有按键", "Show every key"),
    "cmd.refresh": ("区域: 刷新", "Region: refresh"),
    "cmd.refresh.help": ("重新读取树和详情", "Reload the tree and the detail"),
    # hierarchy screen
    "tree.title": ("区域与阵地", "Regions and venues"),
    "tree.loading": ("加载中…", "Loading…"),
    "tree.empty": (
        "还没有区域。按 a 新建县（市、区），或运行 kxtui demo 生成演示数据。",
        "No regions yet. Press a to add a county, or run kxtui demo for demo data.",
    ),
    "detail.title": ("详情", "Detail"),
    "detail.pick": ("在左侧选择区域或阵地", "Select a region or venue on the left"),
    "detail.gone": ("该记录已不存在", "This record no longer exists"),
    "detail.code": ("行政区划代码", "Division code"),
    "detail.population": ("常住人口", "Population"),
    "detail.towns": ("镇/街道", "Towns/subdistricts"),
    "detail.villages": ("村/社区", "Villages/communities"),
    "detail.grids": ("网格", "Grids"),
    "detail.venues": ("阵地", "Venues"),
    "detail.teams": ("志愿服务队", "Volunteer teams"),
    "detail.volunteers": ("科技志愿者", "Volunteers"),
    "detail.officers": ("联络员/网格员", "Liaisons, grid officers"),
    "detail.activities_year": ("{year}年活动", "Activities {year}"),
    "detail.reached_year": ("{year}年受众人次", "People reached {year}"),
    "detail.venue_types": ("阵地类型", "Venues by type"),
    "detail.shortfalls": ("六有未达标阵地 {total} 个", "{total} venues short of the six haves"),
    "detail.shortfalls_none": ("所有阵地均达到六有标准", "Every venue meets the six haves"),
    "detail.shortfalls_more": ("…另有 {more} 个未列出", "…and {more} more"),
    "detail.missing": ("缺", "missing"),
    "detail.six": ("六有", "Six haves"),
    "detail.type": ("类型", "Type"),
    "detail.level": ("级别", "Level"),
    "detail.contact": ("联系人", "Contact"),
    "detail.phone": ("电话", "Phone"),
    "detail.address": ("地址", "Address"),
    "detail.activities_total": ("累计活动", "Activities in all"),
    "detail.none": ("—", "—"),
    "label.villages": ("村", "villages"),
    "label.communities": ("社区", "communities"),
    "label.towns": ("镇", "towns"),
    "label.subdistricts": ("街道", "subdistricts"),
    "label.town_level": ("镇街", "towns"),
    "label.grids": ("网格", "grids"),
    "label.venues": ("阵地", "venues"),
    "label.six_met": ("六有 {met}/6", "six haves {met}/6"),
    # jump-to
    "jump.title": ("跳转到区域或阵地", "Jump to a region or venue"),
    "jump.placeholder": (
        "输入名称、拼音或首字母，如 jzs / jiaozhou / 胶州",
        "Type a name, pinyin or initials: jzs / jiaozhou / 胶州",
    ),
    "jump.none": ("没有匹配的区域或阵地", "No matching region or venue"),
    "jump.hint": ("↑↓ 选择  Enter 定位  Esc 关闭", "↑↓ choose  Enter go  Esc close"),
    "jump.count": ("{count} 条结果", "{count} results"),
    "jump.count_limited": ("前 {count} 条结果", "first {count} results"),
    # forms
    "form.region.new": ("新建区域（上级：{parent}）", "New region (under {parent})"),
    "form.region.new_top": ("新建县（市、区）", "New county"),
    "form.region.edit": ("编辑区域：{name}", "Edit region: {name}"),
    "form.venue.new": ("新建阵地（{region}）", "New venue ({region})"),
    "form.venue.edit": ("编辑阵地：{name}", "Edit venue: {name}"),
    "form.name": ("名称", "Name"),
    "form.kind": ("类型", "Kind"),
    "form.code": ("区划代码（可选）", "Division code (optional)"),
    "form.population": ("常住人口（可选）", "Population (optional)"),
    "form.venue_type": ("阵地类型", "Venue type"),
    "form.level": ("级别（可选）", "Level (optional)"),
    "form.contact": ("联系人", "Contact person"),
    "form.phone": ("联系电话", "Phone"),
    "form.address": ("地址", "Address"),
    "form.six": (
        "六有标准（空格勾选，备注写明情况）",
        "Six haves (space to tick; note the situation)",
    ),
    "form.note": ("备注", "note"),
    "form.choose": ("请选择", "Choose"),
    "form.save": ("保存 Ctrl+S", "Save Ctrl+S"),
    "form.cancel": ("取消 Esc", "Cancel Esc"),
    "form.errors": (
        "有 {count} 处需要修改，已保留您输入的内容",
        "{count} fields need attention; everything you typed is kept",
    ),
    "form.saved": ("已保存", "Saved"),
    "form.saving": ("正在保存…", "Saving…"),
    "form.unsaved": (
        "有未保存的修改。保存、放弃，还是继续编辑？（草稿已自动保留）",
        "There are unsaved changes. Save, discard, or keep editing? (A draft is kept.)",
    ),
    "form.save_now": ("保存", "Save"),
    "form.save_anyway": ("仍然保存", "Save anyway"),
    "form.warnings": ("有 {count} 处需要确认", "{count} value(s) to confirm"),
    "form.confirm_warnings": (
        "以下内容看起来不寻常，确认无误吗？",
        "These look unusual. Are they right?",
    ),
    "form.discard": ("放弃修改", "Discard"),
    "form.keep": ("继续编辑", "Keep editing"),
    # drafts
    "drafts.title": (
        "有 {count} 份未完成的表单（上次未保存就退出或断线时自动保留）",
        "{count} unfinished form(s), kept when kxtui last exited or lost its connection",
    ),
    "drafts.keys": (
        "Enter 继续填写   D 放弃草稿   Esc 以后再说（命令面板“草稿”可再打开）",
        "Enter resume   D discard   Esc later (palette: Drafts)",
    ),
    "drafts.resume": ("继续填写", "Resume"),
    "drafts.discard": ("放弃草稿", "Discard"),
    "drafts.later": ("以后再说", "Later"),
    "drafts.form.region": ("区域", "region"),
    "drafts.form.venue": ("阵地", "venue"),
    "drafts.form.activity": ("活动", "activity"),
    "drafts.form.officer": ("工作人员", "officer"),
    "drafts.form.team": ("队伍", "team"),
    "drafts.form.team_members": ("队员", "team members"),
    "drafts.form.team_move": ("移动队伍", "team move"),
    "drafts.confirm_discard": (
        "放弃这份草稿？输入的内容将被删除：\n{summary}",
        "Discard this draft? What was typed will be deleted:\n{summary}",
    ),
    "drafts.none": ("没有未完成的表单", "No unfinished forms"),
    "drafts.gone": (
        "草稿对应的记录已被删除，无法继续：{summary}",
        "The record of this draft was deleted: {summary}",
    ),
    "cmd.drafts": ("草稿: 未完成的表单", "Drafts: unfinished forms"),
    "cmd.drafts.help": ("继续填写或放弃上次未保存的表单", "Resume or discard unsaved forms"),
    # delete
    "delete.confirm_region": (
        "删除区域“{name}”？此操作会记入审计日志。",
        "Delete region “{name}”? This is recorded in the audit log.",
    ),
    "delete.confirm_venue": (
        "删除阵地“{name}”？此操作会记入审计日志。",
        "Delete venue “{name}”? This is recorded in the audit log.",
    ),
    "delete.yes": ("删除", "Delete"),
    "delete.no": ("取消", "Cancel"),
    "delete.done": ("已删除：{name}", "Deleted: {name}"),
    # field errors
    "field.required": ("必填", "Required"),
    "field.nul": ("不能包含空字符（NUL）", "Must not contain NUL characters"),
    "field.control": (
        "不能包含控制字符（如换行、制表符、ESC）",
        "Must not contain control characters (newline, tab, ESC …)",
    ),
    "field.bidi": (
        "不能包含文字方向控制字符（如 U+202E）",
        "Must not contain bidirectional control characters (e.g. U+202E)",
    ),
    "field.too_long": ("太长了：最多 {limit} 个字", "Too long: at most {limit} characters"),
    "field.choice": ("请从列表中选择", "Choose from the list"),
    "field.phone": (
        "电话号码格式不对：手机 11 位（如 13812345678），座机带区号（如 0532-87654321）",
        "Not a valid phone number: 11-digit mobile or landline with area code (0532-87654321)",
    ),
    "field.region_code": ("代码应为 6、9 或 12 位数字", "A code is 6, 9 or 12 digits"),
    "field.count": ("请填写非负整数", "Enter a whole number, 0 or more"),
    "field.duplicate_sibling": ("同一上级下已有同名记录", "A sibling already has this name"),
    # refusals and errors
    "error.generic": ("操作失败：{detail}", "Failed: {detail}"),
    "error.validation": ("输入有误：{fields}", "Please correct: {fields}"),
    "error.conflict": (
        "保存被拒绝：{by} 已于 {at} 修改了这条记录。请关闭后重新打开再改。",
        "Not saved: {by} changed this record at {at}. Reopen it and edit again.",
    ),
    "error.read_only": ("只读模式，不能保存", "Read-only: cannot save"),
    "error.locked": (
        "数据库正忙（其他人正在保存），请稍后重试；您输入的内容已保留",
        "The database is busy (someone else is saving); try again — your input is kept",
    ),
    "error.disk_full": (
        "磁盘已满，未能保存：数据库保持保存前的样子，您输入的内容仍在表单中。请联系管理员清理磁盘空间后再按 Ctrl+S 保存",
        "The disk is full: nothing was saved and the database is as it was; your input is still in the form. Ask the administrator to free disk space, then press Ctrl+S again",
    ),
    "refused.gone": ("该记录已被删除", "This record was deleted meanwhile"),
    "refused.region_has_dependants": (
        "不能删除：其下还有 {regions} 个下级区域、{venues} 个阵地、{activities} 条活动记录（含已删除的）、{volunteers} 名志愿者、{teams} 支队伍、{dissolved_teams} 支已解散队伍的记录、{officers} 名联络员/网格员、{accounts} 个工作人员账户",
        "Cannot delete: {regions} regions, {venues} venues, {activities} activities (deleted ones too), {volunteers} volunteers, {teams} teams, {dissolved_teams} dissolved teams' records, {officers} liaisons or grid officers, {accounts} officer accounts still lie within it",
    ),
    "refused.venue_has_activities": (
        "不能删除：该阵地有 {activities} 条活动记录（含已删除的）",
        "Cannot delete: {activities} activities (deleted ones too) took place at this venue",
    ),
    "refused.no_region": ("请先在左侧选择一个区域", "Select a region first"),
    "refused.no_child_kinds": ("网格下不能再建下级区域", "A grid has no child regions"),
    "refused.venue_under_venue": ("阵地下不能再建阵地，请选择区域", "Select a region, not a venue"),
    # ledger
    "key.search": ("搜索", "Search"),
    "key.filters": ("筛选", "Filters"),
    "key.period": ("期间", "Period"),
    "key.sort": ("排序", "Sort"),
    "key.undo": ("撤销删除", "Undo delete"),
    "key.export": ("导出", "Export"),
    "key.import": ("导入", "Import"),
    "key.back": ("返回", "Back"),
    "key.apply": ("应用", "Apply"),
    "key.clear": ("清除筛选", "Clear"),
    "ledger.search_hint": (
        "/ 搜索：活动名称、阵地、组织单位、区域（汉字、拼音或首字母）",
        "/ search: title, venue, organiser, region (characters or pinyin)",
    ),
    "ledger.col.date": ("日期", "Date"),
    "ledger.col.title": ("活动名称", "Title"),
    "ledger.col.region": ("区域", "Region"),
    "ledger.col.venue": ("阵地", "Venue"),
    "ledger.col.organiser": ("组织单位", "Organiser"),
    "ledger.col.format": ("形式", "Format"),
    "ledger.col.reach": ("人次", "Reached"),
    "ledger.col.hours": ("时长", "Hours"),
    "ledger.counting": ("正在统计…", "Counting…"),
    "ledger.totals": (
        "{count} 条活动 · 受众 {reached} 人次 · 资料 {materials} 份 · 服务 {hours} 小时 · {volunteers} 名志愿者",
        "{count} activities · {reached} reached · {materials} materials · {hours} volunteer hours ({volunteers} volunteers)",
    ),
    "ledger.everywhere": ("全部区域", "All regions"),
    "ledger.none": ("无", "none"),
    "ledger.f.period": ("期间", "Period"),
    "ledger.f.from": ("自（自定义）", "From (custom)"),
    "ledger.f.to": ("至（自定义）", "To (custom)"),
    "ledger.f.town": ("镇/街道/村", "Town / village"),
    "ledger.f.venue_type": ("阵地类型", "Venue type"),
    "ledger.f.theme_day": ("主题日", "Theme day"),
    "ledger.f.campaign": ("专项行动", "Campaign"),
    "ledger.f.format": ("形式", "Format"),
    "ledger.f.text": ("搜索“{text}”", "search “{text}”"),
    "ledger.period.month": ("本月", "this month"),
    "ledger.period.quarter": ("本季度", "this quarter"),
    "ledger.period.year": ("本年", "this year"),
    "ledger.period.last_year": ("去年", "last year"),
    "ledger.period.all": ("全部时间", "all time"),
    "ledger.period.custom": ("自定义", "custom"),
    "ledger.sort.date": ("按日期", "by date"),
    "ledger.sort.reach": ("按受众人次", "by people reached"),
    "ledger.sort.venue": ("按阵地", "by venue"),
    "ledger.filters": ("筛选活动台账", "Filter the ledger"),
    # roster (志愿者花名册)
    "roster.title": ("志愿者花名册", "Volunteer roster"),
    "roster.search_hint": (
        "/ 搜索：姓名、拼音、首字母或手机号码",
        "/ search: name, pinyin, initials or mobile digits",
    ),
    "roster.col.name": ("姓名", "Name"),
    "roster.col.gender": ("性别", "Sex"),
    "roster.col.mobile": ("手机", "Mobile"),
    "roster.col.region": ("区域", "Region"),
    "roster.col.teams": ("所在服务队", "Teams"),
    "roster.col.registered": ("注册", "Reg."),
    "roster.col.student": ("学生", "Stud."),
    "roster.col.year": ("本年时长", "This yr"),
    "roster.col.total": ("累计时长", "Total h"),
    "roster.col.last": ("最近服务", "Last served"),
    "roster.yes": ("是", "yes"),
    "roster.no": ("否", "no"),
    "roster.never": ("从未", "never"),
    "roster.inactive": ("{name}（已停用）", "{name} (inactive)"),
    "roster.count": ("共 {count} 名志愿者", "{count} volunteers"),
    "roster.counting": ("正在统计…", "Counting…"),
    "roster.everywhere": ("全部区域", "all regions"),
    "roster.sort.name": ("按姓名拼音", "by name (pinyin)"),
    "roster.sort.hours": ("按累计时长", "by total hours"),
    "roster.sort.last": ("按最近服务", "by last service"),
    "roster.f.registered.True": ("已在平台注册", "registered on the platform"),
    "roster.f.registered.False": ("未在平台注册", "not registered on the platform"),
    "roster.f.team_is": ("服务队：{team}", "team: {team}"),
    "roster.f.domain_is": ("领域：{domain}", "domain: {domain}"),
    "roster.f.student.True": ("学生", "students"),
    "roster.f.student.False": ("非学生", "not students"),
    "roster.f.active.True": ("在服务", "active"),
    "roster.f.active.False": ("已停用", "inactive"),
    "roster.f.served.True": ("{period}参加过服务", "served ({period})"),
    "roster.f.served.False": ("{period}未参加服务", "not served ({period})"),
    "roster.filters": ("筛选花名册", "Filter the roster"),
    "roster.f.team": ("服务队", "Team"),
    "roster.f.domain": ("领域", "Domain"),
    "roster.f.registered": ("平台注册", "Registered"),
    "roster.f.student": ("学生", "Student"),
    "roster.f.active": ("在服务", "Active"),
    "roster.f.served": ("期间内参加服务", "Served in period"),
    "roster.f.period": ("服务期间", "Service period"),
    # roster checks (花名册检查)
    "key.checks": ("检查", "Checks"),
    "key.open_team": ("打开服务队", "Open team"),
    "key.bigger": ("下限+5", "Minimum +5"),
    "key.smaller": ("下限-5", "Minimum -5"),
    "checks.title": ("花名册检查", "Roster checks"),
    "checks.keys": ("按字母运行检查   Esc 关闭", "Press a letter to run a check   Esc close"),
    "checks.not_served": ("{period}未参加服务", "Not served ({period})"),
    "checks.platform": (
        "平台注册不全：未注册，或已注册但无平台 ID",
        "Not fully registered: not on the platform, or no platform ID",
    ),
    "checks.contact": (
        "无法联系或核实：缺手机号、手机号有误、身份证号无效",
        "Unreachable or unidentified: no mobile, a bad mobile, an invalid ID number",
    ),
    "checks.duplicate": (
        "疑似重复：身份证号、手机号或姓名加出生日期相同",
        "Possible duplicates: same ID number, mobile, or name and birth date",
    ),
    "checks.inactive_in_team": ("已停用仍在服务队中", "Inactive but still in a team"),
    "checks.small_teams": ("人数不足的服务队", "Teams below a minimum size"),
    "checks.density": (
        "志愿者密度：每千名居民（人口不详时每村）",
        "Volunteers per 1,000 residents (per village without a population)",
    ),
    "checks.grid_officers": (
        "一员双责：未登记为志愿者的网格员",
        "One officer, two duties: grid officers who are not volunteers",
    ),
    "checks.platform.short": ("检查：平台注册不全", "check: not fully registered"),
    "checks.contact.short": ("检查：无法联系或核实", "check: unreachable or unidentified"),
    "checks.duplicate.short": ("检查：疑似重复", "check: possible duplicates"),
    "checks.inactive_in_team.short": ("检查：已停用仍在队", "check: inactive, still in a team"),
    "checks.small_teams.title": (
        "{region} · 活跃成员少于 {minimum} 人的服务队（+/- 调整人数）",
        "{region} · teams with fewer than {minimum} active members (+/- to change)",
    ),
    "checks.density.title": (
        "{region} · 各下级区域的志愿者密度",
        "{region} · volunteers in each region below",
    ),
    "checks.grid_officers.title": (
        "{region} · 一员双责：未登记为志愿者的网格员",
        "{region} · grid officers who are not volunteers",
    ),
    "checks.small_teams.count": ("共 {count} 支服务队", "{count} teams"),
    "checks.density.count": ("共 {count} 个区域", "{count} regions"),
    "checks.grid_officers.count": ("共 {count} 名网格员", "{count} grid officers"),
    "checks.first": ("，显示前 {shown} 条", ", the first {shown} shown"),
    "checks.col.team": ("服务队", "Team"),
    "checks.col.level": ("层级", "Level"),
    "checks.col.region": ("区域", "Region"),
    "checks.col.active": ("活跃成员", "Active"),
    "checks.col.members": ("全部成员", "Members"),
    "checks.col.kind": ("类型", "Kind"),
    "checks.col.volunteers": ("志愿者", "Volunteers"),
    "checks.col.population": ("人口", "Population"),
    "checks.col.per_thousand": ("每千人", "Per 1,000"),
    "checks.col.per_village": ("每村", "Per village"),
    "checks.col.name": ("姓名", "Name"),
    "checks.col.grid": ("网格", "Grid"),
    "checks.col.community": ("所属社区/村", "Community"),
    "checks.col.mobile": ("手机", "Mobile"),
    "roster.f.text": ("搜索“{text}”", "search “{text}”"),
    "roster.mobiles_shown": ("手机号码已完整显示", "mobiles shown in full"),
    "key.roster": ("花名册", "Roster"),
    "key.registered": ("注册筛选", "Registered"),
    "key.not_served": ("未服务", "Not served"),
    "key.unmask": ("显示号码", "Show mobiles"),
    "cmd.roster": ("志愿者: 花名册", "Volunteers: roster"),
    "cmd.roster.help": (
        "查看选中区域的志愿者花名册：搜索、筛选、服务时长",
        "The volunteer roster of the selected region: search, filters, hours",
    ),
    "key.open_volunteer": ("查看", "Open"),
    # team tree (志愿服务队)
    "teams.title": ("志愿服务队", "Volunteer teams"),
    "teams.keys": ("→ 展开  ← 收起  Enter 花名册", "→ expand  ← collapse  Enter roster"),
    "teams.note": (
        "人数：本队及下级队伍的志愿者，每人只计一次；时长：他们 {year} 年的服务小时",
        "Members: of the team and the teams below it, each once; hours: their service in {year}",
    ),
    "teams.none": ("{region}没有志愿服务队", "No volunteer teams in {region}"),
    "label.members": ("{count} 人", "{count} members"),
    "label.hours_this_year": ("本年 {hours} 小时", "{hours} h this year"),
    "key.teams": ("团队", "Teams"),
    "cmd.teams": ("志愿者: 团队", "Volunteers: teams"),
    "cmd.teams.help": (
        "选中区域的志愿服务队：总队→支队→领域分队→专业队，人数和本年服务时长",
        "The volunteer teams of the selected region, with members and hours this year",
    ),
    "Gender.male": ("男", "male"),
    "Gender.female": ("女", "female"),
    "filter.keys": (
        "Ctrl+S 应用   Ctrl+R 清除筛选   Esc 取消",
        "Ctrl+S apply   Ctrl+R clear   Esc cancel",
    ),
    "ledger.confirm_delete": (
        "删除活动“{title}”？删除后可按 {undo_key} 撤销，并记入审计日志。",
        "Delete activity “{title}”? {undo_key} undoes it; it is recorded in the audit log.",
    ),
    "ledger.deleted": (
        "已删除：{title}（按 {undo_key} 撤销）",
        "Deleted: {title} ({undo_key} to undo)",
    ),
    "ledger.restored": ("已撤销删除", "Restored"),
    "ledger.nothing_to_undo": ("没有可撤销的删除", "Nothing to undo"),
    # activity form
    "form.activity.new": ("登记活动", "Log an activity"),
    "form.activity.edit": ("编辑活动：{title}", "Edit activity: {title}"),
    "activity.title": ("活动名称", "Title"),
    "activity.start": ("开始日期", "Start date"),
    "activity.end": ("结束日期（可空）", "End date (optional)"),
    "activity.duration": ("时长（小时）", "Duration (hours)"),
    "activity.region": ("区域", "Region"),
    "activity.venue": ("阵地（可空）", "Venue (optional)"),
    "activity.find": (
        "输入名称、拼音或首字母，↓ 选择",
        "Type a name, pinyin or initials; ↓ to pick",
    ),
    "activity.organiser": ("组织单位/队伍", "Organiser"),
    "activity.organiser_hint": ("选择队伍，或直接填写单位名称", "Pick a team or type a unit"),
    "activity.theme_day": ("主题日", "Theme day"),
    "activity.campaign": ("专项行动", "Campaign"),
    "activity.format": ("活动形式", "Format"),
    "activity.target_groups": ("对象（空格勾选）", "Target groups (Space)"),
    "activity.people_reached": ("受众（人次）", "People reached"),
    "activity.materials": ("发放资料（份）", "Materials handed out"),
    "activity.notes": ("备注", "Notes"),
    "activity.service": ("服务志愿者", "Volunteers who served"),
    "service.placeholder": (
        "姓名、拼音或首字母，Enter 加入",
        "Name, pinyin or initials, Enter",
    ),
    "service.hours_unit": ("小时", "hours"),
    "service.unregistered": ("未注册", "unregistered"),
    "service.remove": ("移出名单", "Remove"),
    "service.count": (
        "共 {count} 人（Ctrl+D 移出所在行）",
        "{count} volunteer(s) (Ctrl+D removes the focused one)",
    ),
    "service.count_unregistered": (
        "其中 {count} 人未在平台注册",
        "{count} not registered on the platform",
    ),
    # activity checks
    "field.count_limit": ("数字太大：最多 {limit}", "Too large: at most {limit}"),
    "field.date": (
        "看不懂的日期“{text}”：请写成 2026-05-30、2026/5/30、20260530、5-30 或 今天/昨天",
        "Not a date: “{text}”; write 2026-05-30, 2026/5/30, 20260530, 5-30 or today",
    ),
    "field.end_before_start": ("结束日期早于开始日期", "Ends before it starts"),
    "field.hours": (
        "请填写大于 0 的小时数（最多两位小数，如 2 或 1.5）",
        "Enter hours above 0 (at most two decimals, e.g. 2 or 1.5)",
    ),
    "field.duration_limit": (
        "时长超过了活动天数 × 24 小时（{hours} 小时）",
        "Longer than the activity's days × 24 h ({hours} h)",
    ),
    "field.choose_from_list": (
        "请从建议中选择（↓ 打开列表，回车选定）",
        "Choose one of the suggestions (↓ opens the list, Enter takes one)",
    ),
    "field.venue_outside": ("该阵地不在“{region}”范围内", "This venue is not inside {region}"),
    "field.volunteer_twice": ("{name} 已在名单中，不能重复添加", "{name} is already in the list"),
    "field.service_hours": (
        "{name} 的时数“{hours}”不对：请填大于 0 的小时数",
        "{name}: “{hours}” is not a number of hours above 0",
    ),
    "refused.volunteer_gone": ("志愿者 {name} 已被删除", "Volunteer {name} was deleted meanwhile"),
    "refused.activity_deleted": (
        "该活动已被删除（可在台账中撤销删除）",
        "This activity was deleted (undo it in the ledger)",
    ),
    "warn.date_far": (
        "日期 {date} 早于 2000 年或在一年以后，确定吗？",
        "{date} is before 2000 or over a year ahead; sure?",
    ),
    "warn.count_large": ("{count} 是很大的数字，确定吗？", "{count} is a very large number; sure?"),
    "warn.materials": (
        "发放资料 {materials} 份，超过受众 {reached} 人次的 3 倍，确定吗？",
        "{materials} materials for {reached} people reached (over 3 each); sure?",
    ),
    "warn.hours_over": (
        "{name} 的 {hours} 小时超过了活动时长 {limit} 小时（平台荣誉时数以活动时长为上限），确定吗？",
        "{name}: {hours} h is more than the activity's {limit} h (the platforms cap honour hours); sure?",
    ),
    "error.needs_confirmation": ("请确认：{fields}", "Please confirm: {fields}"),
    # volunteer form
    "form.volunteer.new": ("新建志愿者", "New volunteer"),
    "form.volunteer.new_in": ("新建志愿者（{region}）", "New volunteer ({region})"),
    "form.volunteer.edit": ("编辑志愿者：{name}", "Edit volunteer: {name}"),
    "volunteer.name": ("姓名", "Name"),
    "volunteer.gender": ("性别", "Gender"),
    "volunteer.mobile": ("手机号", "Mobile"),
    "volunteer.id_number": ("身份证号（可空）", "Resident ID (optional)"),
    "volunteer.birth_date": ("出生日期", "Date of birth"),
    "volunteer.region": ("所在村/社区", "Village/community"),
    "volunteer.teams": ("所在队伍", "Teams"),
    "volunteer.domains": ("领域（空格勾选）", "Domains (Space)"),
    "volunteer.skills": ("专长", "Skills"),
    "volunteer.platform": ("已在平台注册", "On the platform"),
    "volunteer.platform_id": ("“大美志愿”平台编号（可空）", "大美志愿 platform ID (optional)"),
    "volunteer.is_student": ("在校学生", "Student"),
    "volunteer.active": ("在服务", "Active"),
    "volunteer.joined_on": ("加入日期", "Joined on"),
    "volunteer.notes": ("备注", "Notes"),
    "volunteer.find_region": (
        "输入村、社区或网格名称，↓ 选择",
        "Type a village, community or grid; ↓ to pick",
    ),
    "volunteer.id_read": ("✓ {gender} · {birth} · {place}", "✓ {gender} · {birth} · {place}"),
    "volunteer.id_fills": (
        "保存时按身份证号填入{fields}",
        "{fields} will be taken from the ID number",
    ),
    "volunteer.and": ("和", " and "),
    "volunteer.history": (
        "服务记录：{count} 次活动，共 {hours} 小时",
        "Service: {count} activities, {hours} hours",
    ),
    "volunteer.history_none": ("服务记录：还没有", "Service: none yet"),
    "volunteer.pane.record": ("资料（F2）", "Record (F2)"),
    "volunteer.pane.history": ("服务记录 {count} 次（F3）", "Service: {count} (F3)"),
    "volunteer.pane.teams": ("所在队伍 {count} 支（F4）", "Teams: {count} (F4)"),
    "volunteer.teams_none": ("还没有加入队伍", "Not in any team"),
    "volunteer.joined": ("{date} 加入", "joined {date}"),
    "key.pane_record": ("资料", "Record"),
    "key.pane_history": ("服务记录", "Service"),
    "key.pane_teams": ("所在队伍", "Teams"),
    "history.col.date": ("日期", "Date"),
    "history.col.title": ("活动", "Activity"),
    "history.col.place": ("阵地/区域", "Venue/region"),
    "history.col.hours": ("小时", "Hours"),
    "volunteer.open_existing": ("打开已有记录", "Open the existing record"),
    "volunteer.duplicate_open": (
        "{name} 已经登记过，不能重复登记。打开 {name} 的记录看看吗？（您输入的内容会保留）",
        "{name} is already registered. Open their record? (What you typed is kept.)",
    ),
    "teams.placeholder": (
        "添加队伍：名称、拼音或首字母，Enter 加入",
        "Add a team: name or pinyin, Enter",
    ),
    "teams.count": (
        "共 {count} 支（Ctrl+D 移出光标所在的队伍）",
        "{count} team(s) (Ctrl+D removes the focused one)",
    ),
    "key.remove": ("移出", "Remove"),
    "choices.twice": ("{name} 已在列表中", "{name} is already in the list"),
    "drafts.form.volunteer": ("志愿者", "volunteer"),
    "key.add_volunteer": ("新建志愿者", "New volunteer"),
    "cmd.add_volunteer": ("志愿者: 新建", "Volunteer: new"),
    "cmd.add_volunteer.help": (
        "登记一名科技志愿者（选中村、社区或网格时自动填入）",
        "Register a volunteer (in the selected village, community or grid)",
    ),
    # volunteer checks
    "field.mobile": (
        "手机号应为 11 位、以 13–19 开头（如 13812345678；可带 +86、空格或短横线）",
        "A mobile is 11 digits starting 13–19 (13812345678; +86, spaces and dashes are fine)",
    ),
    "field.mobile_unassigned": (
        "{prefix} 不是在用的手机号段，请核对",
        "{prefix} is not a mobile prefix in use; please check",
    ),
    "field.id_length": (
        "身份证号应为 18 位，现为 {length} 位（旧的 15 位号码请换成新证上的 18 位）",
        "An ID number has 18 characters, not {length} (use the 18-character number, not the old 15)",
    ),
    "field.id_format": (
        "身份证号前 17 位应为数字，最后一位为数字或 X",
        "The first 17 characters are digits, the last a digit or X",
    ),
    "field.id_checksum": (
        "身份证号校验位不符：可能有一位输错或两位颠倒，请对照证件核对",
        "The check character does not match: a digit mistyped or two swapped? Compare with the card",
    ),
    "field.id_birth_date": (
        "身份证号中的出生日期 {text} 不存在或不合理",
        "The birth date {text} in the ID number does not exist",
    ),
    "field.id_region": (
        "身份证号前 6 位地区码 {code} 不存在",
        "The address code {code} (first 6 digits) does not exist",
    ),
    "field.id_says_male": (
        "与身份证号不符：身份证号第 17 位为奇数，表示男性",
        "Does not match the ID number: its 17th digit is odd, which means male",
    ),
    "field.id_says_female": (
        "与身份证号不符：身份证号第 17 位为偶数，表示女性",
        "Does not match the ID number: its 17th digit is even, which means female",
    ),
    "field.id_birth_mismatch": (
        "与身份证号中的出生日期 {date} 不符",
        "Does not match the birth date in the ID number ({date})",
    ),
    "field.birth_date": ("出生日期应在 1900 年到今天之间", "A birth date between 1900 and today"),
    "field.joined_future": ("加入日期不能晚于今天", "Cannot join after today"),
    "field.joined_before_birth": ("加入日期早于出生日期", "Joined before being born"),
    "field.platform_id": (
        "平台编号应为 4–32 位字母、数字或短横线，且含数字（如 DMZY00001242）",
        "A platform ID is 4–32 letters, digits or dashes with a digit (e.g. DMZY00001242)",
    ),
    "field.platform_id_unregistered": (
        "填写了平台编号，请勾选“已在平台注册”",
        "A platform ID is given: tick “registered on the platform”",
    ),
    "field.home_region": (
        "请选择村、社区或网格（不是镇街或县）",
        "Choose a village, community or grid (not a town or county)",
    ),
    "refused.team_gone": ("所选队伍中有已被删除的", "A chosen team was deleted meanwhile"),
    "refused.duplicate_id_number": (
        "身份证号已登记：{name}（{region}）",
        "This ID number is registered: {name} ({region})",
    ),
    "refused.duplicate_mobile": (
        "手机号已登记：{name}（{region}）",
        "This mobile is registered: {name} ({region})",
    ),
    "refused.duplicate_platform_id": (
        "平台编号已登记：{name}（{region}）",
        "This platform ID is registered: {name} ({region})",
    ),
    "error.duplicate": ("已有登记：{fields}", "Already registered: {fields}"),
    "warn.same_name": (
        "{village}已有同名志愿者：{who}。是同一个人吗？",
        "{village} already has a volunteer of this name: {who}. The same person?",
    ),
    "warn.same_sound": (
        "{village}已有读音相同的志愿者（同音）：{who}。是同一个人吗？",
        "{village} already has a volunteer whose name sounds the same: {who}. The same person?",
    ),
    # opening
    "open.is_directory": (
        "{path} 是一个目录，不是数据库文件",
        "{path} is a directory, not a database file",
    ),
    "open.unreadable": ("无法读取 {path}：{reason}", "Cannot read {path}: {reason}"),
    "open.not_sqlite": (
        "{path} 不是 SQLite 数据库文件，未做任何修改",
        "{path} is not a SQLite database; it was left untouched",
    ),
    "open.not_kxtui": (
        "{path} 是 SQLite 文件，但不是 kxtui 数据库，未做任何修改",
        "{path} is a SQLite file but not a kxtui database; it was left untouched",
    ),
    "open.too_new": (
        "{path} 由较新版本的 kxtui 创建（数据库第 {version} 版，本程序支持到第 {supported} 版），请升级 kxtui",
        "{path} was written by a newer kxtui (schema {version}; this one knows up to {supported}); upgrade kxtui",
    ),
    "open.upgrade_read_only": (
        "{path} 是旧版数据库（第 {version} 版），只读打开时无法升级",
        "{path} has old schema {version} and cannot be upgraded read-only",
    ),
    "open.empty_read_only": ("{path} 是空文件且只读", "{path} is empty and read-only"),
    "open.missing": ("{path} 不存在", "{path} does not exist"),
    "open.network_fs": (
        "{path} 位于网络文件系统上（{fstype}，挂载点 {mount}）。网络文件系统上 SQLite 的文件锁不可靠，多人同时保存可能损坏数据库，因此拒绝打开。请把数据库放在服务器的本地磁盘上",
        "{path} is on a network filesystem ({fstype}, mounted at {mount}). SQLite's file locks are unreliable there and concurrent saves could corrupt the database, so it is refused. Keep the database on the server's local disk",
    ),
    "open.missing_read_only": (
        "{path} 不存在，无法以只读方式打开",
        "{path} does not exist; cannot open read-only",
    ),
    # cli
    "cli.description": (
        "kxtui — 县级科协基层工作终端：区域、阵地、活动台账与志愿者",
        "kxtui — terminal desk for county science-association officers",
    ),
    "cli.demo_exists": (
        "{path} 已存在，未覆盖。加 --force 覆盖，或用 --db 指定其他文件",
        "{path} exists and was not overwritten; use --force or another --db",
    ),
    "cli.demo_done": (
        "演示数据库已生成：{path}（{seconds:.1f} 秒）",
        "Demo database built: {path} ({seconds:.1f} s)",
    ),
    "cli.demo_building": ("正在生成演示数据库 {path} …", "Building demo database {path} …"),
    "demo.province_county": (
        "生成县（市、区）{done}/{total}：{name}",
        "County {done}/{total}: {name}",
    ),
    "demo.province_roster": ("生成花名册检索键", "Roster search keys"),
    "demo.province_indexes": ("建立索引 {done}/{total}", "Building indexes {done}/{total}"),
    "demo.province_finish": ("写入元数据", "Writing metadata"),
    "demo.province_done": ("完成", "Done"),
    "cli.stats_header": ("县（市、区）", "County"),
    "stats.towns": ("镇/街道", "towns (镇/街道)"),
    "stats.villages": ("村/社区", "villages (村/社区)"),
    "stats.grids": ("网格", "grids"),
    "stats.venues": ("阵地", "venues"),
    "stats.teams": ("志愿服务队", "volunteer teams"),
    "stats.volunteers": ("科技志愿者", "volunteers"),
    "stats.registered_volunteers": ("已在平台注册", "registered on the platform"),
    "stats.officers": ("联络员/网格员/工作人员", "liaisons, grid officers, staff"),
    "stats.activities": ("活动", "activities"),
    "stats.people_reached": ("受众人次", "people reached"),
    "stats.materials": ("发放资料（份）", "materials handed out"),
    "stats.service_hours": ("志愿服务时长（小时）", "volunteer service hours"),
    # help screen
    # audit log (审计日志)
    "audit.title": ("审计日志", "Audit log"),
    "cmd.audit": ("审计: 日志", "Audit: log"),
    "cmd.audit.help": (
        "谁在何时改了什么：按操作人、区域、表、期间筛选，查看修改前后，撤销自己的修改",
        "Who changed what and when: filter, see before and after, undo your own changes",
    ),
    "key.audit": ("审计日志", "Audit log"),
    "key.detail": ("详情", "Detail"),
    "key.undo_change": ("撤销", "Undo"),
    "key.officer": ("操作人", "Officer"),
    "key.table": ("表", "Table"),
    "key.region_scope": ("区域", "Region"),
    "audit.col.id": ("序号", "No."),
    "audit.col.at": ("时间", "Time"),
    "audit.col.actor": ("操作人", "Officer"),
    "audit.col.action": ("操作", "Action"),
    "audit.col.entity": ("表", "Table"),
    "audit.col.record": ("记录", "Record"),
    "audit.col.region": ("区域", "Region"),
    "audit.col.summary": ("摘要", "Summary"),
    "audit.col.field": ("字段", "Field"),
    "audit.col.old": ("修改前", "Before"),
    "audit.col.new": ("修改后", "After"),
    "audit.action.create": ("新建", "create"),
    "audit.action.update": ("修改", "update"),
    "audit.action.delete": ("删除", "delete"),
    "audit.action.restore": ("恢复", "restore"),
    "audit.action.import": ("导入", "import"),
    "audit.action.undo": ("撤销", "undo"),
    "audit.action.demo": ("演示数据", "demo"),
    "audit.entity.region": ("区域", "region"),
    "audit.entity.venue": ("阵地", "venue"),
    "audit.entity.activity": ("活动", "activity"),
    "audit.entity.volunteer": ("志愿者", "volunteer"),
    "audit.entity.database": ("数据库", "database"),
    "audit.undone": ("已撤销", "undone"),
    "audit.undoes": ("撤销 #{id}", "undoes #{id}"),
    "audit.everyone": ("全部操作人", "every officer"),
    "audit.pick.title": (
        "按操作人筛选（{count} 人写过记录）",
        "Filter by officer ({count} have written)",
    ),
    "audit.pick.placeholder": ("姓名、拼音、首字母或登录名", "Name, pinyin, initials or login"),
    "audit.pick.keys": ("↑↓ 选择 · 回车 确定 · Esc 取消", "↑↓ move · Enter choose · Esc cancel"),
    "audit.pick.none": ("没有匹配的操作人", "No officer matches"),
    "audit.everywhere": ("全部区域", "every region"),
    "audit.all_tables": ("全部表", "every table"),
    "audit.f.actor": ("操作人：{actor}", "officer: {actor}"),
    "audit.f.entity": ("表：{entity}", "table: {entity}"),
    "audit.counting": ("正在统计…", "Counting…"),
    "audit.count": ("共 {count} 条记录", "{count} entries"),
    "audit.empty": ("没有符合条件的记录", "No entries match"),
    "audit.yes": ("是", "yes"),
    "audit.no": ("否", "no"),
    "audit.field.deleted": ("已删除", "Deleted"),
    "audit.field.source": ("来源（文件:行）", "Source (file:row)"),
    "audit.field.parent": ("上级区域", "Parent region"),
    "audit.field.version": ("版本", "Version"),
    "audit.field.pinyin": ("拼音", "Pinyin"),
    "audit.field.initials": ("首字母", "Initials"),
    "audit.field.path": ("区域路径", "Region path"),
    "audit.field.sort_order": ("排序", "Order"),
    "audit.field.created_at": ("创建时间", "Created at"),
    "audit.field.created_by": ("创建人", "Created by"),
    "audit.field.updated_at": ("修改时间", "Changed at"),
    "audit.field.updated_by": ("修改人", "Changed by"),
    "audit.field.id": ("编号", "Id"),
    "audit.detail.title": (
        "#{id} {at} {actor} {action}{entity} #{record}",
        "#{id} {at} {actor}: {action} {entity} #{record}",
    ),
    "audit.detail.no_changes": ("（没有字段变化的记录）", "(no field changes recorded)"),
    "audit.detail.keys": ("↑↓ 滚动   u 撤销   Esc 关闭", "↑↓ scroll   u undo   Esc close"),
    "audit.confirm_undo": (
        "撤销这条修改？\n#{id} {action}{entity}：{summary}\n撤销本身也会记入审计日志。",
        "Undo this change?\n#{id} {action} {entity}: {summary}\nThe undo is audited too.",
    ),
    "audit.undo_yes": ("撤销", "Undo"),
    "audit.undo_no": ("不撤销", "Keep"),
    "audit.undo_done": ("已撤销 #{id}", "Undid #{id}"),
    "audit.export.title": ("导出审计日志（{count} 条记录）", "Export audit log ({count} entries)"),
    "audit.export.done": ("已导出 {count} 条记录到 {path}", "Exported {count} entries to {path}"),
    "undo.not_yours": (
        "只能撤销自己的修改（这条是 {actor} 做的）",
        "You can undo only your own changes (this one is {actor}'s)",
    ),
    "undo.too_old": (
        "只能撤销 {hours} 小时内的修改；请直接编辑该记录",
        "Only changes of the last {hours} hours can be undone; edit the record instead",
    ),
    "undo.not_undoable": (
        "这条记录不能撤销（撤销本身不能再撤销，请重新修改）",
        "This entry cannot be undone (an undo is not undone: make the change again)",
    ),
    "undo.already": ("这条修改已经撤销过了", "This change was undone already"),
    "undo.changed_since": (
        "不能撤销：{by} 已于 {at} 再次修改了这条记录。请直接编辑",
        "Cannot undo: {by} changed this record again at {at}. Edit it instead",
    ),
    "undo.create_kept": (
        "新建的区域、阵地、志愿者、队伍不能撤销；请直接删除（解散）或编辑",
        "A new region, venue, volunteer or team is not undone: delete (dissolve) or edit it instead",
    ),
    "undo.blocked": (
        "不能撤销：数据已不允许恢复原样（{reason}）",
        "Cannot undo: the data no longer allows it ({reason})",
    ),
    # edit conflicts
    "conflict.title": (
        "{by} 已于 {at} 修改并保存了这条记录。逐项比较：",
        "{by} saved this record at {at}. Field by field:",
    ),
    "conflict.field": ("字段", "Field"),
    "conflict.mine": ("我的", "Mine"),
    "conflict.theirs": ("对方的", "Theirs"),
    "conflict.keys": (
        "↑↓ 选字段   ← 用我的   → 用对方的   Enter 按所选合并保存\n"
        "M 全用我的并保存   T 全用对方的（不保存）   Esc 返回编辑我的内容",
        "↑↓ field   ← mine   → theirs   Enter save as chosen\n"
        "M save all mine   T take theirs (no save)   Esc back to my input",
    ),
    "conflict.none": (
        "对方的修改与您的相同，可以直接保存",
        "Their changes match yours; you can save",
    ),
    "conflict.took_theirs": (
        "已载入对方保存的内容；您的输入已放弃",
        "Loaded what they saved; your input was dropped",
    ),
    "conflict.back": (
        "您改过的字段仍为您的输入，其余为对方保存的内容；再按 Ctrl+S 以您改过的覆盖对方的",
        "Your changes are kept on top of what they saved; Ctrl+S saves yours over theirs",
    ),
    # spreadsheets
    "sheet.col.id": ("编号", "id"),
    "sheet.col.title": ("活动名称", "title"),
    "sheet.col.start": ("开始日期", "start"),
    "sheet.col.end": ("结束日期", "end"),
    "sheet.col.duration": ("时长(小时)", "duration"),
    "sheet.col.county": ("县(市、区)", "county"),
    "sheet.col.region": ("区域", "region"),
    "sheet.col.venue": ("阵地", "venue"),
    "sheet.col.organiser": ("组织单位", "organiser"),
    "sheet.col.team": ("志愿服务队", "team"),
    "sheet.col.theme_day": ("主题日", "theme day"),
    "sheet.col.campaign": ("专项行动", "campaign"),
    "sheet.col.target_groups": ("对象", "target groups"),
    "sheet.col.format": ("形式", "format"),
    "sheet.col.people_reached": ("受众人次", "people reached"),
    "sheet.col.materials": ("发放资料(份)", "materials"),
    "sheet.col.volunteer_count": ("志愿者人数", "volunteer count"),
    "sheet.col.service_hours": ("志愿服务时长", "service hours"),
    "sheet.col.volunteers": ("志愿者", "volunteers"),
    "sheet.col.notes": ("备注", "notes"),
    "sheet.sheet_activities": ("活动台账", "Activities"),
    "sheet.sheet_service": ("志愿服务", "Volunteer service"),
    "sheet.service.activity": ("活动编号", "activity id"),
    "sheet.service.title": ("活动名称", "title"),
    "sheet.service.volunteer": ("志愿者", "volunteer"),
    "sheet.service.hours": ("时长(小时)", "hours"),
    "sheet.total": ("合计", "Total"),
    "sheet.total_format": ('"共 "0" 项"', '0" activities"'),
    "sheet.truncated": ("…（超长已截断）", "… (truncated)"),
    "sheet.stage_export": ("正在导出", "Exporting"),
    "sheet.stage_read": ("正在读取文件", "Reading the file"),
    "sheet.stage_check": ("正在检查", "Checking"),
    "sheet.stage_write": ("正在写入", "Writing"),
    "sheet.unknown_format": (
        "{name}：只支持 .xlsx 和 .csv 文件",
        "{name}: only .xlsx and .csv files are supported",
    ),
    "sheet.is_directory": ("{path} 是一个目录", "{path} is a directory"),
    "sheet.exists": ("{path} 已存在", "{path} already exists"),
    "sheet.write_failed": ("无法写入 {path}：{reason}", "Cannot write {path}: {reason}"),
    "sheet.missing": ("找不到文件 {path}", "File not found: {path}"),
    "sheet.unreadable": ("无法读取 {name}：{reason}", "Cannot read {name}: {reason}"),
    "sheet.empty": ("{name} 是空文件", "{name} is empty"),
    "sheet.too_large": (
        "{name} 太大（{size} MB），最多 {limit} MB；请按年度或区域分成几个文件",
        "{name} is too large ({size} MB; at most {limit} MB); split it by year or region",
    ),
    "sheet.not_xlsx": (
        "{name} 不是有效的 .xlsx 文件（可能只是改了扩展名）",
        "{name} is not a valid .xlsx file (perhaps only renamed)",
    ),
    "sheet.old_xls": (
        "{name} 是旧版 .xls 或加密的文件：请在 Excel/WPS 中另存为 .xlsx（不加密码）",
        "{name} is an old .xls or encrypted workbook: save it as .xlsx (without password)",
    ),
    "sheet.zip_bomb": (
        "{name} 解压后异常巨大（疑似“压缩炸弹”），已拒绝",
        "{name} would unpack to an enormous size (a zip bomb?); refused",
    ),
    "sheet.unsafe_xml": (
        "{name} 含有不安全的 XML 实体定义，已拒绝",
        "{name} contains unsafe XML entity declarations; refused",
    ),
    "sheet.unsafe_parser": (
        "缺少安全的 XML 解析（defusedxml），无法读取 .xlsx",
        "No safe XML parsing (defusedxml): cannot read .xlsx",
    ),
    "sheet.bad_xlsx": ("无法读取 {name}：{reason}", "Cannot read {name}: {reason}"),
    "sheet.encoding": (
        "{name} 的编码无法识别：请另存为 UTF-8 编码的 CSV",
        "Cannot tell the encoding of {name}: save it as UTF-8 CSV",
    ),
    "sheet.bad_csv": (
        "{name} 第 {row} 行无法读取：{reason}",
        "{name}, row {row} cannot be read: {reason}",
    ),
    "sheet.no_header": (
        "{name} 的前 10 行里没有找到表头（如 活动名称、开始日期）",
        "No header row (活动名称/title, 开始日期/start …) in the first 10 rows of {name}",
    ),
    "sheet.missing_columns": (
        "{name} 缺少必需的列：{columns}",
        "{name} lacks required columns: {columns}",
    ),
    "sheet.choice": ("“{text}”不是可选的值；可选：{choices}", "“{text}” is not one of: {choices}"),
    "sheet.id_differs": (
        "编号 {id} 的活动已存在且内容不同：本行作为新活动导入，原活动不变",
        "Activity {id} exists with other content: this row becomes a new activity; the old one is kept",
    ),
    "sheet.county_unknown": ("没有名为“{text}”的县（市、区）", "No county called “{text}”"),
    "sheet.county_ambiguous": ("“{text}”对应多个县（市、区）", "“{text}” names several counties"),
    "sheet.region_unknown": (
        "在{county}找不到区域“{text}”（请写成 镇/村 的路径）",
        "No region “{text}” in {county} (write a path: town/village)",
    ),
    "sheet.region_unknown_anywhere": (
        "找不到区域“{text}”（请写成 镇/村 的路径，或加一列 县(市、区)）",
        "No region “{text}” (write a path: town/village, or add a county column)",
    ),
    "sheet.region_ambiguous": (
        "区域“{text}”有多处：{choices}；请写出完整路径",
        "Region “{text}” is ambiguous: {choices}; write the full path",
    ),
    "sheet.venue_unknown": ("在 {region} 找不到阵地“{text}”", "No venue “{text}” in {region}"),
    "sheet.venue_ambiguous": (
        "阵地“{text}”有多处：{choices}；请写成 区域/阵地",
        "Venue “{text}” is ambiguous: {choices}; write region/venue",
    ),
    "sheet.team_unknown": ("找不到志愿服务队“{text}”", "No volunteer team “{text}”"),
    "sheet.team_ambiguous": (
        "志愿服务队“{text}”有多支：{choices}",
        "Volunteer team “{text}” is ambiguous: {choices}",
    ),
    "sheet.volunteers_format": (
        "志愿者应写成 姓名:小时，用分号隔开，如 张伟:2;李娜:1.5",
        "Write volunteers as name:hours separated by ';', e.g. 张伟:2;李娜:1.5",
    ),
    "sheet.volunteer_number": (
        "没有编号为 {number} 的志愿者“{name}”",
        "No volunteer “{name}” with number {number}",
    ),
    "sheet.volunteer_unknown": (
        "本县（市、区）没有志愿者“{name}”",
        "No volunteer “{name}” in this county",
    ),
    "sheet.volunteer_ambiguous": (
        "志愿者“{name}”有重名：{choices}；请写成 姓名#编号",
        "Several volunteers are called “{name}”: {choices}; write name#number",
    ),
    "sheet.key.export": ("导出", "Export"),
    "sheet.key.import_all": ("全部导入", "Import all"),
    "sheet.key.import_valid": ("只导入有效行", "Import valid rows"),
    "sheet.export.title": ("导出活动台账（{count} 条活动）", "Export activities ({count})"),
    "sheet.export.format": ("格式", "Format"),
    "sheet.export.hint": (
        "Tab 切换  ←→ 选格式  Enter 或 Ctrl+S 导出  Esc 关闭",
        "Tab next  ←→ format  Enter or Ctrl+S export  Esc close",
    ),
    "sheet.export.overwrite": ("{path} 已存在。覆盖吗？", "{path} exists. Overwrite it?"),
    "sheet.export.overwrite_yes": ("覆盖", "Overwrite"),
    "sheet.export.overwrite_no": ("不覆盖", "Keep it"),
    "sheet.export.done": (
        "已导出 {count} 条活动到 {path}",
        "Exported {count} activities to {path}",
    ),
    "sheet.export.no_path": ("请填写文件名", "Enter a file name"),
    "sheet.import.title": ("导入活动台账（.xlsx / .csv）", "Import activities (.xlsx / .csv)"),
    "sheet.import.path": ("文件", "File"),
    "sheet.import.placeholder": (
        "文件路径，如 ~/活动台账.xlsx",
        "File path, e.g. ~/activities.xlsx",
    ),
    "sheet.import.hint_path": ("Enter 检查  Esc 取消", "Enter check  Esc cancel"),
    "sheet.import.hint_report": (
        "A 全部导入  V 只导入有效行  Tab 切换  Esc 取消",
        "A import all  V import valid rows  Tab next  Esc cancel",
    ),
    "sheet.import.more": ("…另有 {count} 条未列出", "…and {count} more"),
    "sheet.import.counts": (
        "{file}：共 {rows} 行，有效 {valid}（有提醒 {warned}，已存在 {present}），有错误 {bad}",
        "{file}: {rows} rows, {valid} valid ({warned} with warnings, {present} already present), {bad} bad",
    ),
    "sheet.import.warnings_note": (
        "提醒不阻止导入：导入的行视为已确认",
        "Warnings do not block: imported rows count as confirmed",
    ),
    "sheet.import.unknown_columns": ("已忽略的列：{columns}", "Columns ignored: {columns}"),
    "sheet.import.row": ("行", "Row"),
    "sheet.import.column": ("列", "Column"),
    "sheet.import.reason": ("问题", "Problem"),
    "sheet.import.warning": ("提醒：{reason}", "Warning: {reason}"),
    "sheet.import.all_refused": (
        "有 {bad} 行有错误，不能全部导入；可以只导入有效行",
        "{bad} rows have errors: cannot import all; import the valid rows instead",
    ),
    "sheet.import.nothing": ("没有可导入的新活动", "No new activities to import"),
    "sheet.import.done": ("已导入 {count} 条活动", "Imported {count} activities"),
    "sheet.import.no_path": ("请填写文件路径", "Enter a file path"),
    "cli.export.done": (
        "已导出 {count} 条活动：{path}",
        "Exported {count} activities: {path}",
    ),
    "cli.export.exists": (
        "{path} 已存在，未覆盖。加 --force 覆盖，或换一个文件名",
        "{path} exists and was not overwritten; use --force or another name",
    ),
    "cli.export.bad_date": (
        "看不懂的日期“{text}”：请写成 2026-05-30",
        "Not a date: “{text}”; write 2026-05-30",
    ),
    "cli.export.region_unknown": ("没有名为“{text}”的区域", "No region called “{text}”"),
    "cli.export.region_ambiguous": (
        "“{text}”对应多个区域：{choices}；请写得更具体",
        "“{text}” matches several regions: {choices}; be more specific",
    ),
    "cli.export.format": (
        "请用 --format xlsx 或 csv，或用 .xlsx/.csv 结尾的文件名",
        "Use --format xlsx or csv, or a file name ending in .xlsx/.csv",
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
    "cli.import.refused": (
        "有错误的行，未导入任何内容。改正后重新导入，或加 --valid-only 只导入有效行",
        "Rows with errors: nothing was imported. Fix them, or use --valid-only to import the valid rows",
    ),
    "cli.no_terminal": (
        "kxtui 需要在终端中运行：请直接登录（ssh 用户名@服务器），不要在 ssh 后面加命令",
        "kxtui needs a terminal: log in plainly (ssh user@server), without a command after it",
    ),
    "cli.import.dry_run": ("试运行（--dry-run）：未写入任何内容", "Dry run: nothing was written"),
    "cli.import.done": ("已导入 {count} 条活动", "Imported {count} activities"),
    "backup.done": ("已备份到 {path}（{size}）", "Backed up to {path} ({size})"),
    "backup.removed": (
        "按 --keep {keep} 删除了 {count} 个较早的备份",
        "Removed {count} older backups (--keep {keep})",
    ),
    "backup.exists": (
        "{path} 已存在，未覆盖。请换一个文件名，或用 -o 指定目录",
        "{path} exists and was not overwritten; use another name or -o DIRECTORY",
    ),
    "backup.bad_copy": (
        "备份副本检查未通过：{detail}",
        "The backup copy failed its check: {detail}",
    ),
    "check.passed": (
        "检查通过：{path}（文件结构、外键、区域路径、志愿服务合计、志愿者搜索键）",
        "All checks passed: {path} (file structure, foreign keys, region paths, service totals, volunteer search keys)",
    ),
    "check.found": ("{path} 有 {count} 类问题：", "{path} has {count} kinds of problem:"),
    "check.examples": ("例：{examples}", "e.g. {examples}"),
    "check.integrity": (
        "文件结构损坏（integrity_check 报告 {count} 处）：请用 kxtui restore 从备份恢复",
        "The file structure is damaged (integrity_check: {count} findings); restore a backup with kxtui restore",
    ),
    "check.constraint": (
        "{count} 行违反表的约束（由其他程序写入），见下方各项：请在表单中改正",
        "{count} rows break a table constraint (written by another program), listed below: correct them in the forms",
    ),
    "check.foreign_key": (
        "{count} 条记录指向不存在的记录（foreign_key_check）",
        "{count} records refer to records that do not exist (foreign_key_check)",
    ),
    "check.schema_version": (
        "数据库是第 {version} 版，本程序是第 {expected} 版：用 kxtui 打开一次即可升级，升级后再检查",
        "The database has schema {version}, this kxtui {expected}: open it once with kxtui to upgrade, then check again",
    ),
    "check.region_path": (
        "{count} 个区域的路径与其上级不一致",
        "{count} regions have a path that does not match their parent's",
    ),
    "check.service_totals": (
        "{count} 名志愿者的服务时长合计或最近服务日期与服务记录不符",
        "{count} volunteers have service totals or a last service date that do not match their service records",
    ),
    "check.volunteer_keys": (
        "{count} 名志愿者的搜索键缺失或过时（花名册搜索会找不到或找错人）",
        "{count} volunteers have missing or stale search keys (the roster search would miss or mismatch them)",
    ),
    "check.orphan_keys": (
        "{count} 个已不存在的志愿者仍留有搜索键",
        "{count} volunteers who no longer exist still have search keys",
    ),
    "restore.done": ("已从 {backup} 恢复到 {path}", "Restored {path} from {backup}"),
    "restore.aside": ("原数据库已保留为 {aside}", "The previous database was kept as {aside}"),
    "restore.in_use": (
        "{path} 正在使用中（有 kxtui 会话或其他程序打开着它），未恢复。请先让所有人退出 kxtui 再恢复",
        "{path} is in use (a kxtui session or another program has it open); nothing was restored. Have everyone leave kxtui first",
    ),
    "restore.bad_backup": (
        "备份文件 {path} 检查未通过，未恢复：{detail}",
        "The backup {path} failed its check; nothing was restored: {detail}",
    ),
    "restore.empty": (
        "{path} 是空数据库，不能用来恢复",
        "{path} is an empty database; nothing to restore",
    ),
    "restore.same_file": (
        "备份文件就是数据库 {path} 本身",
        "The backup is the database {path} itself",
    ),
    "restore.bad_result": (
        "恢复后的 {path} 检查未通过；原数据库保留在 {aside}",
        "The restored {path} failed its check; the previous database is kept as {aside}",
    ),
    # officers, roles and scopes
    "scope.not_signed_in": (
        "未登录：没有科协工作人员账户登录，不能读取或修改数据",
        "Nobody is signed in: no data can be read or changed",
    ),
    "signin.unknown": (
        "系统用户 {user} 没有科协工作人员账户，不能使用 kxtui。请县级管理员用“kxtui officer add”添加。",
        "The Unix user {user} has no officer account. Ask a county admin to add one "
        "(kxtui officer add).",
    ),
    "signin.no_officers": (
        "数据库中还没有任何工作人员账户。请在服务器上运行“kxtui init --admin”，"
        "把运行它的系统用户设为县级管理员。",
        "The database has no officer accounts yet. On the server, run "
        "'kxtui init --admin' to make the Unix user running it the county admin.",
    ),
    "signin.disabled": (
        "系统用户 {user} 的科协工作人员账户已停用，不能使用 kxtui。请联系县级管理员。",
        "The officer account of the Unix user {user} is disabled. Ask a county admin.",
    ),
    "signin.as_not_admin": (
        "只有县级管理员可以用 --as 代其他工作人员操作（{user} 不是）",
        "Only county admins may use --as ({user} is not one)",
    ),
    "signin.as_unknown": (
        "--as：没有用户名为 {user} 的在用账户",
        "--as: no active account with the user name {user}",
    ),
    "signin.as_out_of_scope": (
        "--as：{user} 的范围不在您的范围（{scope}）内",
        "--as: {user} works outside your scope ({scope})",
    ),
    "signin.title": ("无法登录", "Cannot sign in"),
    "signin.user": ("系统用户：{user}", "Unix user: {user}"),
    "signin.quit": ("按 q 退出", "Press q to quit"),
    "refused.viewer": (
        "{name} 的账户只读，不能修改数据",
        "{name}'s account is read-only: nothing can be changed",
    ),
    "refused.not_admin": (
        "只有县级管理员可以管理工作人员账户（{name} 不是）",
        "Only county admins manage officer accounts ({name} is not one)",
    ),
    "refused.top_level": (
        "您只能修改 {scope} 范围内的数据，不能新建县（市、区）",
        "You may change only {scope}: adding a county is not yours to do",
    ),
    "refused.out_of_scope": (
        "{region} 不在您的修改范围（{scope}）内",
        "{region} is outside the area you may change ({scope})",
    ),
    "refused.out_of_view": (
        "{region} 不在您的查看范围（{scope}）内",
        "{region} is outside the area you may see ({scope})",
    ),
    "refused.no_officer": ("没有用户名为 {user} 的账户", "No account with the user name {user}"),
    "refused.own_account": ("不能停用自己的账户", "You cannot disable your own account"),
    "refused.officer_disabled": ("该账户已经停用", "That account is disabled already"),
    "refused.officer_enabled": ("该账户已经在用", "That account is active already"),
    "refused.has_officers": (
        "数据库中已有工作人员账户：请由县级管理员用“kxtui officer add”添加",
        "The database has officer accounts already: a county admin adds more (kxtui officer add)",
    ),
    "field.out_of_scope": (
        "不在您的修改范围（{scope}）内",
        "Outside the area you may change ({scope})",
    ),
    "field.user_name": (
        "只能用字母、数字、_ . -，最多 32 个字符",
        "Letters, digits, _ . - only, at most 32 characters",
    ),
    "field.user_name_taken": ("该用户名已属于 {name}", "This user name belongs to {name}"),
    "field.role_region.county_admin": (
        "县级管理员负责县（市、区），或留空 = 全部区域",
        "A county admin covers a county, or (left empty) the whole database",
    ),
    "field.role_region.town_staff": ("镇街工作人员负责一个镇或街道", "Town staff cover a town"),
    "field.role_region.village_liaison": (
        "联络员负责一个村或社区",
        "A liaison covers a village or community",
    ),
    "field.role_region.grid_officer": ("网格员负责一个网格", "A grid officer covers a grid"),
    "field.role_needs_region": ("请选择该角色负责的区域", "Choose the region this role covers"),
    "field.view_region": (
        "查看范围须包含负责区域（例如所在的镇街或县）",
        "The view region must contain the region (its town or county, say)",
    ),
    "scope.whole": ("全部区域", "the whole database"),
    "AccessRole.county_admin": ("县级管理员", "county admin"),
    "AccessRole.viewer": ("只读", "read-only viewer"),
    "PersonRole.county_staff": ("县级科协工作人员", "county staff"),
    "PersonRole.town_staff": ("镇(街道)科协工作人员", "town staff"),
    "PersonRole.village_liaison": ("村级科普联络员", "village liaison"),
    "PersonRole.grid_officer": ("网格员", "grid officer"),
    "cmd.officers": ("工作人员: 账户管理", "Officers: accounts"),
    "cmd.officers.help": (
        "县级管理员：查看、添加、停用工作人员账户",
        "County admins: list, add and disable officer accounts",
    ),
    "officers.title": ("工作人员账户", "Officer accounts"),
    "officers.active": ("在用", "active"),
    "officers.state": ("状态", "State"),
    "officers.view": ("另可查看", "May also see"),
    "officers.count": ("共 {count} 个账户，{active} 个在用", "{count} accounts, {active} active"),
    "officers.disabled": ("停用", "disabled"),
    "officers.none": ("（没有账户）", "(no accounts)"),
    "officers.keys": (
        "a 添加  d 停用  e 启用  Esc 返回",
        "a add  d disable  e enable  Esc back",
    ),
    "officers.confirm_disable": (
        "停用 {name}（{user}）的账户？停用后该用户不能再使用 kxtui。",
        "Disable the account of {name} ({user})? They can no longer use kxtui.",
    ),
    "officers.disable": ("停用", "Disable"),
    "officers.keep": ("不停用", "Keep"),
    "officers.disabled_done": ("已停用 {user}", "{user} disabled"),
    "officers.enabled_done": ("已启用 {user}", "{user} enabled"),
    "officers.added": ("已添加 {user}", "{user} added"),
    "key.add": ("添加", "Add"),
    "form.officer.new": ("添加工作人员账户", "New officer account"),
    "form.user_name": ("系统用户名", "Unix user name"),
    "form.officer_name": ("姓名", "Name"),
    "form.role": ("角色", "Role"),
    "form.region_scope": ("负责区域", "Region"),
    "form.view_region": ("另可查看（可选）", "May also see (optional)"),
    "form.region_scope.hint": (
        "输入名称或拼音；县级管理员留空 = 全部区域",
        "Name or pinyin; county admins: empty = every region",
    ),
    "cli.officer.list_header": (
        "用户名\t姓名\t角色\t负责区域\t查看范围\t状态",
        "user\tname\trole\tregion\tview\tstatus",
    ),
    "cli.officer.added": (
        "已添加账户 {user}（{role}，{region}）",
        "Added {user} ({role}, {region})",
    ),
    "cli.officer.disabled": ("已停用账户 {user}", "Disabled {user}"),
    "cli.officer.enabled": ("已启用账户 {user}", "Enabled {user}"),
    "cli.init.done": (
        "已创建县级管理员 {user}（全部区域）：{path}",
        "Created the county admin {user} (whole database): {path}",
    ),
    # volunteer spreadsheets (志愿者花名册)
    "vsheet.col.id": ("编号", "id"),
    "vsheet.col.name": ("姓名", "name"),
    "vsheet.col.alias.name": ("志愿者姓名", "full name"),
    "vsheet.col.gender": ("性别", "gender"),
    "vsheet.col.alias.gender": ("性别(男/女)", "sex"),
    "vsheet.col.mobile": ("手机号", "mobile"),
    "vsheet.col.alias.mobile": (
        "手机、手机号码、联系电话、联系方式、电话、移动电话",
        "mobile phone、phone、telephone、cell phone",
    ),
    "vsheet.col.id_number": ("身份证号", "ID number"),
    "vsheet.col.alias.id_number": (
        "身份证号码、身份证、公民身份号码、证件号码、证件号",
        "resident ID、ID card、id card number",
    ),
    "vsheet.col.birth_date": ("出生日期", "birth date"),
    "vsheet.col.alias.birth_date": ("出生年月日、生日", "date of birth、birthday"),
    "vsheet.col.county": ("县(市、区)", "county"),
    "vsheet.col.alias.county": ("所属县区、县区、区县", "district"),
    "vsheet.col.town": ("镇(街道)", "town"),
    "vsheet.col.alias.town": (
        "所属镇街、镇街、乡镇、乡镇(街道)、所属乡镇、所属街道",
        "subdistrict",
    ),
    "vsheet.col.region": ("区域", "region"),
    "vsheet.col.alias.region": (
        "所属村居、村居、村(社区)、所在村(社区)、所属村(社区)、所属区域、所在区域、村社区",
        "village、community、home",
    ),
    "vsheet.col.teams": ("所属队伍", "teams"),
    "vsheet.col.alias.teams": (
        "所在队伍、所属团队、所属服务队、志愿服务队、服务队、所属组织、队伍",
        "team、volunteer team",
    ),
    "vsheet.col.domains": ("服务领域", "domains"),
    "vsheet.col.alias.domains": ("领域、专业领域、服务类别", "domain"),
    "vsheet.col.skills": ("专业特长", "skills"),
    "vsheet.col.alias.skills": ("特长、专长、专业", "speciality"),
    "vsheet.col.registered": ("是否注册", "registered"),
    "vsheet.col.alias.registered": (
        "平台注册、是否在平台注册、已注册、是否注册大美志愿",
        "on platform、platform registered",
    ),
    "vsheet.col.platform_id": ("平台ID", "platform ID"),
    "vsheet.col.alias.platform_id": (
        "平台编号、志愿者编号、大美志愿编号、注册编号、平台账号",
        "volunteer number、platform number",
    ),
    "vsheet.col.student": ("是否学生", "student"),
    "vsheet.col.alias.student": ("学生、在校学生", "is student"),
    "vsheet.col.active": ("在服务", "active"),
    "vsheet.col.alias.active": (
        "仍在服务、是否在服务、在用、是否在册、在册、状态、是否在岗",
        "status、still serving",
    ),
    "vsheet.col.joined_on": ("加入日期", "joined on"),
    "vsheet.col.alias.joined_on": (
        "加入时间、注册时间、注册日期、入队时间、入队日期",
        "join date、joined、registered on",
    ),
    "vsheet.col.hours": ("累计服务时长(小时)", "total hours"),
    "vsheet.col.alias.hours": ("服务时长、累计时长、累计服务时长、志愿服务时长", "service hours"),
    "vsheet.col.notes": ("备注", "notes"),
    "vsheet.sheet": ("志愿者花名册", "Volunteers"),
    "vsheet.yes_words": (
        "是、y、yes、true、1、√、✓、有、已注册、注册、在册、正常、在校、在岗、在服务、仍在服务、在用",
        "yes",
    ),
    "vsheet.no_words": (
        "否、n、no、false、0、×、✗、无、未注册、不在册、停用、已停用、注销、退出、非学生、离岗",
        "no",
    ),
    "vsheet.no_header": (
        "{name} 的前 10 行里没有找到表头（如 姓名、手机号、所属村居）",
        "No header row (姓名/name, 手机号/mobile, 区域/region …) in the first 10 rows of {name}",
    ),
    "vsheet.yes_no": ("“{text}”应为 是 或 否", "“{text}” should be yes or no"),
    "vsheet.same_in_file": (
        "{field}与第 {row} 行相同（同一个人写了两次？）",
        "Same {field} as row {row} (the same person twice?)",
    ),
    "vsheet.matches": (
        "{field}与已登记的 {who} 相同",
        "Same {field} as {who}, already registered",
    ),
    "vsheet.kept": (
        "{field}与已登记的 {who} 相同：按“都保留”另建一条",
        "Same {field} as {who}, already registered: kept both as chosen",
    ),
    "vsheet.matches_several": (
        "身份证号、手机号或平台ID分别属于已登记的 {who}：无法确定更新哪一位",
        "The ID number, mobile or platform ID belong to {who}: cannot tell whom to update",
    ),
    "vsheet.updated_twice": (
        "与第 {row} 行更新的是同一名志愿者 {who}",
        "Row {row} updates the same volunteer, {who}",
    ),
    "vsheet.duplicates": ("已登记过的人", "Already registered"),
    "vsheet.on_duplicate.skip": ("跳过", "skip"),
    "vsheet.on_duplicate.update": ("更新", "update"),
    "vsheet.on_duplicate.keep": ("都保留", "keep both"),
    "vsheet.import.title": ("导入志愿者（.xlsx / .csv）", "Import volunteers (.xlsx / .csv)"),
    "vsheet.import.placeholder": (
        "文件路径，如 ~/志愿者花名册.xlsx",
        "File path, e.g. ~/volunteers.xlsx",
    ),
    "vsheet.import.counts": (
        "{file}：共 {rows} 行，有效 {valid}（新增 {new}，已登记 {matched}：{choice}），有错误 {bad}",
        "{file}: {rows} rows, {valid} valid ({new} new, {matched} already registered: {choice}), {bad} bad",
    ),
    "vsheet.import.mapping": ("列对应：{pairs}", "Columns: {pairs}"),
    "vsheet.import.hint_path": (
        "Enter 检查  ←→ 重复的处理  Esc 取消",
        "Enter check  ←→ duplicates  Esc cancel",
    ),
    "vsheet.import.hint_report": (
        "A 导入  ←→ 重复的处理（重新检查）  Tab 切换  Esc 取消",
        "A import  ←→ duplicates (checks again)  Tab next  Esc cancel",
    ),
    "vsheet.import.hint_busy": ("Esc 停止（不写入任何内容）", "Esc stop (nothing is written)"),
    "vsheet.import.key": ("导入", "Import"),
    "vsheet.import.refused": (
        "有 {bad} 行有错误：未导入任何内容。改正文件后重新检查",
        "{bad} rows have errors: nothing was imported. Fix the file and check again",
    ),
    "vsheet.import.nothing": ("没有要新增或更新的志愿者", "No volunteers to add or update"),
    "vsheet.import.done": (
        "志愿者已导入：新增 {added}，更新 {updated}，跳过 {skipped}",
        "Volunteers imported: {added} added, {updated} updated, {skipped} skipped",
    ),
    "sheet.cancelled": ("已停止：未导入任何内容", "Stopped: nothing was imported"),
    "vsheet.export.title": (
        "导出志愿者花名册（{count} 名，手机号完整导出）",
        "Export the roster ({count} volunteers, mobiles in full)",
    ),
    "vsheet.export.done": (
        "已导出 {count} 名志愿者到 {path}",
        "Exported {count} volunteers to {path}",
    ),
    "cmd.import_volunteers": ("志愿者: 导入", "Volunteers: import"),
    "cmd.import_volunteers.help": (
        "从 .xlsx 或 .csv 文件导入志愿者（大美志愿导出表或本县花名册）",
        "Import volunteers from .xlsx or .csv (the 大美志愿 export or a county roster)",
    ),
    "cli.import.volunteers_summary": (
        "共 {rows} 行：有效 {valid}（新增 {new}，已登记 {matched}：{choice}），有错误 {bad}",
        "{rows} rows: {valid} valid ({new} new, {matched} already registered: {choice}), {bad} bad",
    ),
    "cli.import.volunteers_refused": (
        "有错误的行，未导入任何内容。改正后重新导入",
        "Rows with errors: nothing was imported. Fix them and import again",
    ),
    "cli.export.volunteers_done": (
        "已导出 {count} 名志愿者：{path}",
        "Exported {count} volunteers: {path}",
    ),
    "cli.activities_only": ("{option} 只用于活动台账", "{option} applies to activities only"),
    "cli.volunteers_only": ("{option} 只用于志愿者", "{option} applies to volunteers only"),
    # labels of stored codes
    "TeamLevel.general": ("总队", "general team"),
    "TeamLevel.branch": ("支队", "branch"),
    "TeamLevel.domain_division": ("领域分队", "domain division"),
    "TeamLevel.professional": ("专业队", "professional team"),
    "RegionKind.county": ("县（市、区）", "county"),
    "RegionKind.town": ("镇", "town"),
    "RegionKind.subdistrict": ("街道", "subdistrict"),
    "RegionKind.village": ("村", "village"),
    "RegionKind.community": ("社区", "community"),
    "RegionKind.grid": ("网格", "grid"),
    "VenueType.education_base": ("市级科普教育基地", "science education base"),
    "VenueType.tech_courtyard": ("科技小院", "science & technology courtyard"),
    "VenueType.community_museum": ("社区科普馆", "community science museum"),
    "VenueType.school_museum": ("学校科普馆", "school science museum"),
    "VenueType.science_park": ("科普公园", "science park"),
    "VenueType.demonstration_school": ("科普示范学校", "demonstration school"),
    "VenueType.town_activity_centre": ("镇(街道)科普活动中心", "town science activity centre"),
    "VenueType.enterprise_sast": ("企业科协", "enterprise SAST"),
    "VenueType.university_sast": ("高校科协", "university SAST"),
    "VenueType.rural_tech_association": ("农技协", "rural technical association"),
    "VenueType.community_station": ("社区科普活动站", "community science station"),
    "VenueType.household_point": ("住户科普网点", "household network point"),
    "VenueType.neighbour_point": ("邻里科普交流点", "neighbour exchange point"),
    "VenueType.notice_point": ("楼门科普公示点", "building-door notice point"),
    "VenueType.building_point": ("楼栋科普宣传点", "building promotion point"),
    "VenueType.courtyard_point": ("院落科普帮助点", "courtyard help point"),
    "VenueType.estate_point": ("小区科普服务点", "residential-estate service point"),
    "VenueType.street_point": ("街巷科普督办点", "street supervision point"),
    "VenueType.community_school": ("社区科普学校", "community science school"),
    "VenueLevel.national": ("国家级", "national"),
    "VenueLevel.province": ("省级", "provincial"),
    "VenueLevel.city": ("市级", "city"),
    "VenueLevel.county": ("县级", "county"),
    "VenueLevel.town": ("镇(街道)级", "town"),
    "VenueLevel.village": ("村(社区)级", "village"),
    "SixHave.organisation": ("有组织", "organisation"),
    "SixHave.rules": ("有制度", "rules"),
    "SixHave.site": ("有场所", "site"),
    "SixHave.medium": ("有载体", "medium"),
    "SixHave.activities": ("有活动", "activities"),
    "SixHave.feature": ("有特色", "distinctive feature"),
    "ThemeDay.science_day": ("全国科普日", "National Science Popularisation Day"),
    "ThemeDay.workers_day": ("全国科技工作者日", "National Science Workers' Day"),
    "ThemeDay.science_week": ("全国科技活动周", "National Science and Technology Week"),
    "ThemeDay.other": ("其他主题日", "other theme day"),
    "Campaign.dandelion": ("蒲公英科普行动", "Dandelion (youth)"),
    "Campaign.silver_age": ("银龄科普行动", "Silver Age (elderly)"),
    "Campaign.farmers": ("农民科普行动", "Farmers"),
    "Campaign.industrial_workers": ("产业工人科普行动", "Industrial workers"),
    "TargetGroup.youth": ("青少年", "young people"),
    "TargetGroup.elderly": ("老年人", "elderly"),
    "TargetGroup.farmers": ("农民", "farmers"),
    "TargetGroup.industrial_workers": ("产业工人", "industrial workers"),
    "TargetGroup.residents": ("社区居民", "residents"),
    "TargetGroup.officials": ("领导干部和公务员", "officials"),
    "TargetGroup.science_workers": ("科技工作者", "science workers"),
    "Domain.health": ("健康", "health"),
    "Domain.education": ("教育", "education"),
    "Domain.agriculture": ("农业", "agriculture"),
    "Domain.engineering": ("工程技术", "engineering"),
    "Domain.emergency": ("应急安全", "emergency"),
    "Domain.environment": ("生态环境", "environment"),
    "Domain.information": ("信息技术", "information technology"),
    "Domain.culture": ("科学文化", "science culture"),
    "ActivityFormat.lecture": ("集中授课", "lecture"),
    "ActivityFormat.field_class": ("田间课堂", "field class"),
    "ActivityFormat.exhibition": ("科普展览", "exhibition"),
    "ActivityFormat.science_show": ("科普秀", "science show"),
    "ActivityFormat.caravan": ("科普大篷车", "science caravan"),
    "ActivityFormat.experts_into_schools": ("专家进校园", "experts into schools"),
    "ActivityFormat.anti_cult": ("反邪教宣传", "anti-cult publicity"),
    "ActivityFormat.visit": ("走访慰问", "visit"),
    "ActivityFormat.online": ("线上/新媒体", "online / new media"),
    "ActivityFormat.other": ("其他", "other"),
    # --- files: exports and imports on a server, what an export changed, ZMODEM ---
    "files.bad_user": (
        "无法为用户“{user}”设置文件目录：用户名不合规",
        "Cannot set up a file folder for the user “{user}”: not a valid user name",
    ),
    "files.name_only": (
        "“{name}”不是可用的文件名：在服务器上只填文件名（字母、数字、- _ . 和括号，不以 . 开头），"
        "文件保存在你的导出目录中",
        "“{name}” is not a usable file name: on the server give a name only (letters, digits,"
        " - _ . and brackets, not starting with .); the file goes into your exports folder",
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
    "files.not_ours": (
        "文件目录 {path} 不属于本服务账户，已拒绝使用",
        "The file folder {path} does not belong to the service account: refused",
    ),
    "files.folder_failed": (
        "无法建立文件目录 {path}：{reason}",
        "Cannot set up the file folder {path}: {reason}",
    ),
    "files.exists_server": (
        "你的导出目录中已有 {name}，不会覆盖：请换一个文件名",
        "{name} is already in your exports folder and is never overwritten: choose another name",
    ),
    "files.upload_only": (
        "在服务器上只能导入你的上传目录中的文件：请只填文件名（先用 Ctrl+U 从本机上传）",
        "On the server only files in your uploads folder can be imported: give the file's name"
        " only (upload it first with Ctrl+U)",
    ),
    "files.not_audited": (
        "数据库是只读的，无法在审计日志中记录这次导出，因此不导出",
        "The database is read-only, so this export cannot be recorded in the audit log:"
        " not exported",
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
    "files.not_recorded": (
        "数据库只读：这次导出未记入审计日志",
        "The database is read-only: this export is not in the audit log",
    ),
    "files.server_done": (
        "文件在服务器上你的导出目录中：{folder}。按 Z 通过 ZMODEM 发送到本机"
        "（Xshell、SecureCRT、MobaXterm 会自动接收）",
        "The file is in your exports folder on the server: {folder}. Press Z to send it to"
        " this computer by ZMODEM (Xshell, SecureCRT and MobaXterm receive it by themselves)",
    ),
    "files.name": ("文件名", "File name"),
    "files.export_hint": (
        "只填文件名：文件保存在服务器上你的导出目录，导出后可发送到本机",
        "A file name only: the file goes into your exports folder on the server, and can then"
        " be sent to this computer",
    ),
    "files.import_placeholder": (
        "上传目录中的文件名，如 志愿者花名册.xlsx（Ctrl+U 从本机上传）",
        "A file name in your uploads folder, e.g. volunteers.xlsx (Ctrl+U uploads from this PC)",
    ),
    "audit.action.export": ("导出", "export"),
    "audit.entity.audit_entry": ("审计日志", "audit log"),
    "audit.field.file": ("文件", "File"),
    "audit.field.file_type": ("文件格式", "File format"),
    "audit.field.rows": ("行数", "Rows"),
    "audit.field.filter": ("筛选条件", "Filter"),
    "notes.sheet": ("说明", "Notes"),
    "notes.heading": ("导出时修改了以下单元格", "Cells changed by the export"),
    "notes.explain": (
        "控制字符和格式字符（如 ESC、从右到左覆盖 U+202E、零宽空格 U+200B）不会原样写入文件，"
        "而是写成可见符号：␀…␟、␡ 或 ⟨U+XXXX⟩；超过 32,767 个字符的文本（电子表格单元格的上限）"
        "截断，末尾注明“超长已截断”。",
        "Control and format characters (such as ESC, the right-to-left override U+202E, the"
        " zero-width space U+200B) are not written as they are but as visible symbols: ␀…␟, ␡"
        " or ⟨U+XXXX⟩; text over 32,767 characters (a spreadsheet cell's limit) is cut and"
        " marked as cut.",
    ),
    "notes.counts": (
        "截断的单元格：{cut}；替换了字符的单元格：{replaced}",
        "Cells cut: {cut}; cells with characters replaced: {replaced}",
    ),
    "notes.col.sheet": ("工作表", "Sheet"),
    "notes.col.row": ("行", "Row"),
    "notes.col.column": ("列", "Column"),
    "notes.col.change": ("修改", "Change"),
    "notes.replaced": ("替换了 {count} 个字符", "{count} characters replaced"),
    "notes.cut": ("超长已截断", "cut"),
    "notes.more": ("……另有 {count} 个单元格未列出", "… and {count} more cells not listed"),
    "zmodem.send": ("发送到本机 (ZMODEM)", "Send to this computer (ZMODEM)"),
    "zmodem.upload": ("从本机上传 (ZMODEM)", "Upload from this computer (ZMODEM)"),
    "zmodem.missing": (
        "服务器上没有安装 lrzsz（sz/rz），无法通过 ZMODEM 传送文件：请管理员执行"
        " apt-get install lrzsz",
        "lrzsz (sz/rz) is not installed on the server, so files cannot be moved by ZMODEM:"
        " ask the administrator to run apt-get install lrzsz",
    ),
    "zmodem.failed": (
        "ZMODEM 传送没有完成（{program} 退出码 {code}）：终端需要支持 ZMODEM，如 Xshell、"
        "SecureCRT、MobaXterm",
        "The ZMODEM transfer did not finish ({program} exit code {code}): the terminal must"
        " speak ZMODEM, as Xshell, SecureCRT and MobaXterm do",
    ),
    "zmodem.sent": ("已通过 ZMODEM 发送 {name}", "Sent {name} by ZMODEM"),
    "zmodem.received": (
        "已上传：{names}",
        "Uploaded: {names}",
    ),
    "zmodem.nothing": ("没有收到文件", "No file was received"),
    "zmodem.starting": (
        "正在启动 ZMODEM：请在终端的对话框中选择文件（Ctrl+X 五次可中止）",
        "Starting ZMODEM: choose the file in your terminal's dialog (Ctrl+X five times aborts)",
    ),
    # --- server: backups that cannot be tricked ---
    "backup.prune_failed": (
        "未能删除较早的备份 {path}：{reason}",
        "Could not remove the older backup {path}: {reason}",
    ),
    "backup.ignored": (
        "{folder} 中有 {count} 个文件名像备份，但无法确认是本数据库的备份（别的数据库的、早期版本做的、时间在将来的或不是数据库），未计入也未删除",
        "{count} files in {folder} are named like backups but are not verified backups of this "
        "database (another database's, made by an earlier kxtui, dated in the future, or not a "
        "database); not counted, not removed",
    ),
    # --- numbers: stored numbers out of range ---
    "number.invalid": ("⚠无效", "⚠invalid"),
    "numbers.left_out": (
        " · ⚠ {count} 个无效数值未计入",
        " · ⚠ {count} invalid values left out",
    ),
    "audit.action.repair": ("升级时清除", "cleared at upgrade"),
    "stats.invalid_values": (
        "无效数值（未计入合计）",
        "Invalid values (left out of the totals)",
    ),
    "check.number": (
        "{count} 条记录的 {table}.{column} 不是有效数值（文字、无穷大、负数、超出范围，或升级时已清除）：请在表单中重新填写",
        "{count} records have a {table}.{column} that is not a valid number (text, infinity, negative, out of range, or cleared at upgrade): fill it in again in the form",
    ),
    # --- cligates: who may act on the database file, and files kxtui cannot use ---
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
    "open.read_only_file": (
        "{path} 没有写入权限，只能读取：未做任何修改",
        "{path} may not be written (read-only); nothing was changed",
    ),
    "open.failed": ("无法打开 {path}：{reason}", "Cannot open {path}: {reason}"),
    "open.folder_read_only": (
        "无法打开 {path}：所在目录 {folder} 不可写，SQLite 无法在数据库旁创建它需要的 -wal 和 -shm "
        "文件。未做任何修改。请由数据库文件的所有者运行 kxtui，或让该目录可写",
        "Cannot open {path}: its directory {folder} is not writable, so SQLite cannot create the "
        "-wal and -shm files it needs beside the database. Nothing was changed. Run kxtui as the "
        "database file's owner, or make the directory writable",
    ),
    "open.writer_lock": (
        "无法打开写入锁文件 {path}（{reason}）：它属于另一个用户或不可写，未做任何修改。"
        "请用数据库文件所有者的账户运行 kxtui",
        "Cannot open the writer lock file {path} ({reason}): it belongs to another user or is "
        "not writable; nothing was changed. Run kxtui as the database file's owner",
    ),
    "refused.whole_database": (
        "kxtui {command} 涉及全部区域，只有负责全部区域的县级管理员或服务账户（数据库文件的所有者，"
        "不经 sudo 运行）可以运行；{name} 的账户不能",
        "kxtui {command} covers every region: only a county admin of the whole database or the "
        "service account (the database file's owner, not through sudo) may run it; {name}'s "
        "account may not",
    ),
    "cli.demo_aside": ("原文件已保留为 {aside}", "The previous file was kept as {aside}"),
    "cli.demo_in_use": (
        "{path} 正在使用中（有 kxtui 会话或其他程序打开着它），未覆盖。请先让所有人退出 kxtui",
        "{path} is in use (a kxtui session or another program has it open); it was not "
        "replaced. Have everyone leave kxtui first",
    ),
    "cli.unexpected": (
        "意外错误（{kind}：{detail}）。设置 {debug}=1 再运行可看到详细信息",
        "Unexpected error ({kind}: {detail}). Run again with {debug}=1 to see the details",
    ),
    # --- conflicts: two officers on one record ---
    "audit.acted_as": ("{actor}（代 {account}）", "{actor} (as {account})"),
    "form.unchanged": ("没有改动，未保存", "Nothing changed: not saved"),
    "refused.duplicate_id_number_elsewhere": (
        "身份证号已在您的查看范围以外登记",
        "This ID number is registered outside your area",
    ),
    "refused.duplicate_mobile_elsewhere": (
        "手机号已在您的查看范围以外登记",
        "This mobile is registered outside your area",
    ),
    "refused.duplicate_platform_id_elsewhere": (
        "平台编号已在您的查看范围以外登记",
        "This platform ID is registered outside your area",
    ),
    "vsheet.elsewhere": (
        "您查看范围以外的一名志愿者",
        "someone outside your area",
    ),
    # --- viewer: keys a session may not use, and what Textual brings along ---
    "refused.key.read_only": ("只读打开：不能修改数据", "Opened read-only: nothing can be changed"),
    "refused.key.viewer": ("只读账户不能修改", "A read-only account cannot change anything"),
    "refused.key.out_of_area": (
        "不在您的编辑范围（{scope}）",
        "Outside the area you may change ({scope})",
    ),
    "cmd.unavailable": ("{name}（不可用）", "{name} (unavailable)"),
    "cmd.quit": ("应用: 退出", "App: quit"),
    "cmd.quit.help": ("退出 kxtui", "Quit kxtui"),
    "palette.placeholder": ("搜索命令…", "Search for commands…"),
    "palette.no_matches": ("没有找到命令", "No matches found"),
    "cmd.palette.help": ("打开命令面板：按名称搜索所有命令", "Open the command palette"),
    "app.quit_title": ("要退出吗？", "Do you want to quit?"),
    "app.how_to_quit": ("按 Ctrl+Q 退出 kxtui", "Press Ctrl+Q to quit kxtui"),
    "help.cannot_write": (
        "修改数据的按键（新建、编辑、删除、登记、导入、撤销）不可用：{reason}",
        "Keys that change data (add, edit, delete, log, import, undo) are unavailable: {reason}",
    ),
    "help.own_area": (
        "您只能修改 {scope} 内的数据：选中其他区域时，修改键显示为灰色",
        "You may change only {scope}: on other regions the keys that change data are greyed",
    ),
    # --- display: hidden characters in stored text ---
    "field.marked": (
        "含 {count} 个控制或不可见字符（显示为 ␛、⟨U+…⟩ 等），保存时将删除",
        "Holds {count} control or invisible character(s), shown as ␛, ⟨U+…⟩ …; saving removes them",
    ),
    "field.invisible": (
        "不能包含不可见的格式字符（如零宽空格）",
        "Must not contain invisible format characters (such as a zero-width space)",
    ),
    # --- oddcodes: stored codes, dates and flags kxtui does not know ---
    "code.unknown": ("⚠未知代码 {value}", "⚠unknown code {value}"),
    "date.invalid": ("⚠无效日期 {value}", "⚠invalid date {value}"),
    "field.unknown_code": (
        "存储的值“{value}”不是可选项：请重新选择",
        "The stored value “{value}” is not one of the choices: choose again",
    ),
    "field.odd_date": (
        "存储的日期“{value}”无效：请重新填写",
        "The stored date “{value}” is not a valid date: fill it in again",
    ),
    "check.code": (
        "{count} 条记录的 {table}.{column} 不是 kxtui 认识的代码：请在表单中重新选择",
        "{count} records have a {table}.{column} that is not a code kxtui knows: choose it again in the form",
    ),
    "check.date": (
        "{count} 条记录的 {table}.{column} 不是有效日期（应为 2026-05-30 这样的日期）：请在表单中重新填写",
        "{count} records have a {table}.{column} that is not a valid date (like 2026-05-30): fill it in again in the form",
    ),
    "check.flag": (
        "{count} 条记录的 {table}.{column} 不是 0 或 1：请在表单中重新勾选",
        "{count} records have a {table}.{column} that is not 0 or 1: tick it again in the form",
    ),
    # --- oddlists: unknown codes in lists, odd flags, accounts and references ---
    "field.unknown_codes": (
        "存储的“{value}”不是可选项：请取消勾选后再保存",
        "The stored “{value}” is not one of the choices: deselect it to save",
    ),
    "flag.invalid": ("⚠无效标记 {value}", "⚠invalid flag {value}"),
    "region.missing": ("⚠不存在的区域 #{value}", "⚠missing region #{value}"),
    "signin.odd_role": (
        "系统用户 {user} 的账户存储的角色“{role}”不是 kxtui 认识的角色，不能登录。请县级管理员重新设置该账户。",
        "The account of the Unix user {user} holds the role “{role}”, which kxtui does not know: "
        "it cannot sign in. Ask a county admin to set the account again.",
    ),
    "signin.odd_region": (
        "系统用户 {user} 的账户所属的区域不存在，不能登录。请县级管理员重新设置该账户。",
        "The account of the Unix user {user} belongs to a region that does not exist: it cannot "
        "sign in. Ask a county admin to set the account again.",
    ),
    # --- finding people: a volunteer's service history opens its activities ---
    "key.open_activity": ("打开活动", "Open activity"),
    # --- teams: managed from the team tree ---
    "key.add_team": ("新建", "New"),
    "key.add_top_team": ("新建顶层队伍", "New top team"),
    "key.team_members": ("队员", "Members"),
    "key.move_team": ("移动", "Move"),
    "key.dissolve_team": ("解散", "Dissolve"),
    "cmd.add_team": ("志愿服务队: 新建", "Teams: new"),
    "cmd.add_team.help": (
        "在选中的队伍下新建队伍（没有队伍时建在本区域顶层）",
        "Add a team under the selected team (at the top of the region when there is none)",
    ),
    "cmd.add_top_team": ("志愿服务队: 新建顶层队伍", "Teams: new top team"),
    "cmd.add_top_team.help": (
        "在本区域新建一支没有上级的队伍",
        "Add a team without a parent team in this region",
    ),
    "cmd.edit_team": ("志愿服务队: 编辑", "Teams: edit"),
    "cmd.edit_team.help": (
        "修改选中队伍的名称、级别、领域、所在区域和队长",
        "Change the selected team's name, level, domain, region and leader",
    ),
    "cmd.team_members": ("志愿服务队: 队员", "Teams: members"),
    "cmd.team_members.help": (
        "为选中的队伍添加或移出志愿者",
        "Add volunteers to the selected team or take them out",
    ),
    "cmd.move_team": ("志愿服务队: 移动", "Teams: move"),
    "cmd.move_team.help": (
        "把选中的队伍（连同其下级队伍）移到另一支队伍下",
        "Put the selected team (with the teams below it) under another team",
    ),
    "cmd.dissolve_team": ("志愿服务队: 解散", "Teams: dissolve"),
    "cmd.dissolve_team.help": (
        "解散选中的队伍（其下还有队伍时不能解散）",
        "Dissolve the selected team (not while teams are below it)",
    ),
    "refused.no_team": ("请先选择一支队伍", "Select a team first"),
    "refused.general_team_moved": (
        "总队是最高一级，不能移到别的队伍下",
        "A general team is the highest level: it goes under no team",
    ),
    "refused.no_team_level": (
        "{name}已是最低一级（专业队），其下不能再建队伍",
        "{name} is at the lowest level (professional team): no team goes below it",
    ),
    "refused.team_has_sub_teams": (
        "其下还有 {count} 支队伍：请先解散或移走它们",
        "{count} teams are still below it: dissolve or move them first",
    ),
    "field.team_name_dissolved": (
        "同一上级下有一支已解散的队伍用过此名称",
        "A dissolved team under this parent had this name",
    ),
    "field.team_level_under": (
        "级别须低于上级队伍（{parent}）",
        "Must be below the parent team ({parent})",
    ),
    "field.team_level_over": ("级别须高于其下级队伍", "Must be above the teams below it"),
    "field.team_region_out_of_area": ("不在您的编辑范围（{scope}）", "Outside your area ({scope})"),
    "field.team_region_outside_parent": (
        "须在上级队伍（{parent}）所在区域内",
        "Must lie in the region of the parent team ({parent})",
    ),
    "field.team_region_below": (
        "其下级队伍所在区域须在此区域内",
        "The teams below it must lie in this region",
    ),
    "field.team_under_itself": (
        "不能移到它自己或它的下级队伍下",
        "Cannot go under itself or a team below it",
    ),
    "field.team_parent_level": (
        "{name}的级别不高于此队伍",
        "{name} is not of a higher level than this team",
    ),
    "field.team_parent_region": (
        "此队伍所在区域不在{name}所在区域内",
        "This team's region is not inside {name}'s region",
    ),
    "field.members_gone": (
        "所选志愿者中有已被删除或不在您查看范围内的",
        "A chosen volunteer was deleted or is outside your view",
    ),
    "team.form.new": ("新建队伍 · 上级：{parent}", "New team under {parent}"),
    "team.form.new_top": ("新建队伍（无上级）", "New team (no parent)"),
    "team.form.edit": ("编辑队伍：{name}", "Edit team: {name}"),
    "team.form.move": ("移动队伍：{name}（{level}）", "Move team: {name} ({level})"),
    "team.form.members": ("队员：{name}", "Members: {name}"),
    "team.team_level": ("级别", "Level"),
    "team.level": ("级别", "Level"),
    "team.domain": ("领域", "Domain"),
    "team.region": ("所在区域", "Region"),
    "team.leader": ("队长", "Leader"),
    "team.parent": ("上级队伍", "Parent team"),
    "team.members": ("队员", "Members"),
    "team.joined": ("加入", "Joined"),
    "team.left": ("退出", "Left"),
    "team.dissolved": ("已解散", "Dissolved"),
    "team.find_region": ("区域名称、拼音或首字母", "Region: name, pinyin or initials"),
    "team.find_leader": ("志愿者姓名、拼音或首字母（可空）", "Volunteer: name, pinyin or initials"),
    "team.find_parent": ("队伍名称、拼音或首字母", "Team: name, pinyin or initials"),
    "team.find_member": (
        "添加志愿者：姓名、拼音或首字母，Enter 加入",
        "Add a volunteer: name, pinyin or initials, Enter",
    ),
    "team.members_count": (
        "共 {count} 名队员（Ctrl+D 移出光标所在的队员）",
        "{count} members (Ctrl+D takes out the one under the cursor)",
    ),
    "team.member_twice": ("{name} 已在队员中", "{name} is a member already"),
    "team.dissolve.confirm": (
        "解散「{name}」？\n其 {members} 名队员退出该队，志愿者档案和服务时长保留；"
        "该队组织的 {activities} 场活动仍显示其队名。",
        "Dissolve {name}?\nIts {members} members leave it and keep their volunteer records "
        "and hours; the {activities} activities it organised keep its name.",
    ),
    "team.dissolve.yes": ("解散", "Dissolve"),
    "team.dissolve.done": ("已解散：{name}", "Dissolved: {name}"),
    "audit.entity.team": ("队伍", "team"),
    "audit.action.dissolve": ("解散", "dissolve"),
    # --- teams: undoing a team's changes ---
    "undo.team_dissolved": (
        "不能撤销：队伍「{team}」已解散",
        "Cannot undo: the team {team} was dissolved",
    ),
    "undo.parent_dissolved": (
        "不能撤销：上级队伍「{team}」已解散",
        "Cannot undo: the team above it, {team}, was dissolved",
    ),
    "sheet.team_dissolved": ("志愿服务队“{text}”已解散", "Volunteer team “{text}” was dissolved"),
    # --- numbers that agree: audit field names, 无阵地, periods, ledger totals ---
    # the plain names of stored fields, as the audit log and its export show them (the forms'
    # labels carry hints: "身份证号（可空）"); audit.field.<entity>.<field> where one differs
    "audit.field.name": ("名称", "Name"),
    "audit.field.volunteer.name": ("姓名", "Name"),
    "audit.field.officer_account.name": ("姓名", "Name"),
    "audit.field.kind": ("类型", "Kind"),
    "audit.field.code": ("区划代码", "Division code"),
    "audit.field.population": ("常住人口", "Population"),
    "audit.field.region": ("区域", "Region"),
    "audit.field.volunteer.region": ("所在村/社区", "Village/community"),
    "audit.field.officer_account.region": ("负责区域", "Region"),
    "audit.field.view_region": ("另可查看", "May also see"),
    "audit.field.type": ("阵地类型", "Venue type"),
    "audit.field.level": ("级别", "Level"),
    "audit.field.contact": ("联系人", "Contact person"),
    "audit.field.phone": ("联系电话", "Phone"),
    "audit.field.address": ("地址", "Address"),
    "audit.field.title": ("活动名称", "Title"),
    "audit.field.start": ("开始日期", "Start date"),
    "audit.field.end": ("结束日期", "End date"),
    "audit.field.duration": ("时长（小时）", "Duration (hours)"),
    "audit.field.venue": ("阵地", "Venue"),
    "audit.field.organiser_team": ("组织队伍", "Organising team"),
    "audit.field.organiser": ("组织单位", "Organising unit"),
    "audit.field.theme_day": ("主题日", "Theme day"),
    "audit.field.campaign": ("专项行动", "Campaign"),
    "audit.field.format": ("活动形式", "Format"),
    "audit.field.target_groups": ("对象", "Target groups"),
    "audit.field.people_reached": ("受众（人次）", "People reached"),
    "audit.field.materials": ("发放资料（份）", "Materials handed out"),
    "audit.field.notes": ("备注", "Notes"),
    "audit.field.service": ("服务志愿者", "Volunteers who served"),
    "audit.field.gender": ("性别", "Gender"),
    "audit.field.mobile": ("手机号", "Mobile"),
    "audit.field.id_number": ("身份证号", "Resident ID"),
    "audit.field.birth_date": ("出生日期", "Date of birth"),
    "audit.field.skills": ("专长", "Skills"),
    "audit.field.domains": ("领域", "Domains"),
    "audit.field.teams": ("所在队伍", "Teams"),
    "audit.field.platform": ("已在平台注册", "On the platform"),
    "audit.field.platform_id": ("“大美志愿”平台编号", "大美志愿 platform ID"),
    "audit.field.is_student": ("在校学生", "Student"),
    "audit.field.active": ("在服务", "Active"),
    "audit.field.officer_account.active": ("账户在用", "Account active"),
    "audit.field.joined_on": ("加入日期", "Joined on"),
    "audit.field.user_name": ("系统用户名", "Unix user name"),
    "audit.field.role": ("角色", "Role"),
    "audit.entity.officer_account": ("工作人员账户", "officer account"),
    "audit.action.enable": ("启用", "enable"),
    "audit.action.disable": ("停用", "disable"),
    "audit.served": ("{name}:{hours} 小时", "{name}: {hours} h"),
    "audit.gone": ("#{id}（已删除）", "#{id} (deleted)"),
    "detail.no_venues": ("无阵地", "No venues"),
    # 有活动 is not ticked but read from the ledger (`db.six_haves`): the venue form's and the
    # detail pane's words for it
    "form.six_from_ledger": ("有活动（台账）", "activities (ledger)"),
    "detail.six_from_ledger": ("按近12个月的活动台账", "from the ledger, last 12 months"),
    "ledger.period.last_month": ("上月", "last month"),
    "ledger.period.last_quarter": ("上季度", "last quarter"),
    # --- exports: file names after region and period, the export folder, printing ---
    "export.what.activities": ("活动台账", "activities"),
    "export.what.volunteers": ("志愿者花名册", "volunteers"),
    "export.what.audit": ("审计日志", "audit-log"),
    "export.everywhere": ("全部区域", "all-regions"),
    "export.period.all": ("全部", "all"),
    "export.period.all_title": ("全部时间", "all dates"),
    "export.period.year": ("{year}年", "{year}"),
    "export.period.quarter": ("{year}年第{quarter}季度", "{year} quarter {quarter}"),
    "export.period.month": ("{year}年{month}月", "{year}-{month}"),
    "export.period.day": ("{year}年{month}月{day}日", "{year}-{month}-{day}"),
    "export.period.range": ("{start}至{end}", "{start} to {end}"),
    "export.period.from": ("{day}起", "from-{day}"),
    "export.period.to": ("至{day}", "to-{day}"),
    "export.folder": ("文件夹", "Folder"),
    "export.kept": (
        "未覆盖 {name}：改个文件名再导出（Ctrl+S）",
        "{name} kept: change the file name and export again (Ctrl+S)",
    ),
    "xlsx.footer": ("第 &P 页，共 &N 页", "Page &P of &N"),
    # --- defaults and hints that read as hints ---
    "activity.end_hint": ("留空＝同开始日期", "empty = the start date"),
    "volunteer.mobile_hint": ("如 13812345678", "e.g. 13812345678"),
    "form.phone_hint": ("如 0532-87654321", "e.g. 0532-87654321"),
    "form.user_name_hint": ("如 wangli（登录服务器的用户名）", "e.g. wangli (the server login)"),
    "filter.date_hint": ("如 2026/5/30，留空＝不限", "e.g. 2026/5/30; empty = no limit"),
    # --- keys: F1's areas, the footer, the palette ---
    "keys.area.app": ("全局", "Anywhere"),
    "keys.area.tree": ("区域树", "Region tree"),
    "keys.area.tree_moving": ("树中移动", "Moving in a tree"),
    "keys.area.table_moving": ("表格中移动", "Moving in a table"),
    "keys.area.ledger": ("活动台账", "Activity ledger"),
    "keys.area.roster": ("花名册", "Roster"),
    "keys.area.checks": ("花名册检查", "Roster checks"),
    "keys.area.check_list": ("检查结果", "Check result"),
    "keys.area.audit": ("审计日志", "Audit log"),
    "keys.area.audit_entry": ("修改详情", "Audit entry"),
    "keys.area.teams": ("志愿服务队", "Team tree"),
    "keys.area.form": ("表单", "Forms"),
    "keys.area.activity_form": ("活动表单的志愿者", "Activity form's volunteers"),
    "keys.area.volunteer_form": ("志愿者表单", "Volunteer form"),
    "keys.area.choices": ("已选列表", "Chosen list"),
    "keys.area.conflict": ("编辑冲突", "Edit conflict"),
    "keys.area.jump": ("跳转", "Jump to"),
    "keys.area.drafts": ("草稿", "Drafts"),
    "keys.area.screen": ("本屏", "This screen"),
    "key.move": ("移动", "Move"),
    "key.page": ("翻页", "Page"),
    "key.ends": ("到首行/末行", "First/last row"),
    "key.expand": ("展开（或进入下级）", "Expand (or step in)"),
    "key.collapse": ("收起（或回到上级）", "Collapse (or step out)"),
    "key.toggle": ("展开/收起", "Expand/collapse"),
    "key.choose_mine": ("此项用我的", "Mine for this field"),
    "key.choose_theirs": ("此项用对方的", "Theirs for this field"),
    "key.flip": ("此项换一边", "Flip this field"),
    "key.keep_mine": ("全部用我的并保存", "Save all mine"),
    "key.take_theirs": ("全部用对方的", "Load theirs"),
    "help.title": ("全部按键（Esc 关闭）", "All keys (Esc closes)"),
    "cmd.by_key": ("{help} · 按键 {keys}", "{help} · key {keys}"),
    "checks.not_served.key": ("期间内未参加服务", "Not served in the period"),
    "checks.platform.key": ("平台注册不全", "Not fully registered on the platform"),
    "checks.contact.key": ("无法联系或核实", "No or bad mobile, or an invalid ID number"),
    "checks.duplicate.key": ("疑似重复", "Possible duplicates"),
    "checks.inactive_in_team.key": ("已停用仍在队", "Inactive but still in a team"),
    "checks.small_teams.key": ("人数不足的服务队", "Teams below a minimum size"),
    "checks.density.key": ("志愿者密度", "Volunteers per 1,000 residents or per village"),
    "checks.grid_officers.key": ("一员双责", "Grid officers who are not volunteers"),
    # --- the activity form: the same activity again ---
    "warn.same_activity": (
        "{place}在 {date} 已有同名活动：{title}（编号 {id}）。是同一个活动吗？",
        "{place} already has an activity of this title on {date}: {title} (No. {id}). "
        "The same one?",
    ),
    # --- lists: one key model, the ledger at 80 columns ---
    "key.to_rows": ("列表·命令", "Rows & keys"),
    "key.open_row": ("打开", "Open"),
    "ledger.totals.short": (
        "{count} 条活动 · {reached} 人次 · 资料 {materials} 份 · {hours} 小时 · {volunteers} 人",
        "{count} act. · {reached} reached · {materials} materials · {hours} h · "
        "{volunteers} volunteers",
    ),
    "ledger.col.place": ("地点", "Place"),
    "audit.search_hint": (
        "/ 搜索：摘要、区域或操作人中的文字",
        "/ search: words of the summary, region or officer",
    ),
    "teams.search_hint": (
        "/ 搜索服务队：名称、拼音或首字母",
        "/ search a team: name, pinyin or initials",
    ),
    "key.disable_enable": ("停用/启用", "Disable/enable"),
}


# The roles that are a person's job carry the job's name (one name for one thing).
for _shared in ("town_staff", "village_liaison", "grid_officer"):
    STRINGS[f"AccessRole.{_shared}"] = STRINGS[f"PersonRole.{_shared}"]


def set_language(language: str | None) -> str:
    """Choose the language (from --lang, else KXTUI_LANG, else Chinese); returns it."""
    chosen = (language or os.environ.get("KXTUI_LANG") or "zh").lower()[:2]
    _language["current"] = chosen if chosen in LANGUAGES else "zh"
    return _language["current"]


def language() -> str:
    return _language["current"]


def t(key: str, **params: object) -> str:
    """The string of `key`; a value quoted in it (a name, a path, an error's text) is shown by
    the one display rule (`kxtui.display.clean`), numbers are formatted as they are."""
    zh, en = STRINGS.get(key, (key, key))
    text = en if _language["current"] == "en" else zh
    if not params:
        return text
    return text.format(**{name: _quoted(value) for name, value in params.items()})


def _quoted(value: object) -> object:
    return value if isinstance(value, int | float) else clean(value, QUOTED_LIMIT)


def label(value: object, enum: type[StrEnum] | None = None) -> str:
    """Name of a stored code: label(RegionKind.TOWN) or label("town", RegionKind) → "镇"; a
    code no kxtui wrote (of any type) is shown marked, by the display rule: "⚠未知代码 zzz"."""
    enum_name = enum.__name__ if enum else type(value).__name__
    key = f"{enum_name}.{value}"
    if isinstance(value, str) and key in STRINGS:
        return t(key)
    return marked("code.unknown", value)


def marked(key: str, value: object, *, chinese: bool = False) -> str:
    """A stored value kxtui does not know, marked ("⚠未知代码 zzz"; "" and NULL named), by
    the display rule; `chinese` whatever the language (for a sheet)."""
    shown = '""' if value == "" else "NULL" if value is None else value
    if chinese:
        return STRINGS[key][0].format(value=_quoted(shown))
    return t(key, value=shown)
