"""What every form shares: saving and cancelling, field checks, suggestions and lists of choices, drafts, edit conflicts, filters and periods."""

STRINGS: dict[str, tuple[str, str]] = {
    "choices.twice": ("{name} 已在列表中", "{name} is already in the list"),
    "conflict.back": (
        "您改过的字段仍为您的输入，其余为对方保存的内容；再按 Ctrl+S 以您改过的覆盖对方的",
        "Your changes are kept on top of what they saved; Ctrl+S saves yours over theirs",
    ),
    "conflict.field": ("字段", "Field"),
    "conflict.keys": (
        "↑↓ 选字段   ← 用我的   → 用对方的   Enter 按所选合并保存\n"
        "M 全用我的并保存   T 全用对方的（不保存）   Esc 返回编辑我的内容",
        "↑↓ field   ← mine   → theirs   Enter save as chosen\n"
        "M save all mine   T take theirs (no save)   Esc back to my input",
    ),
    "conflict.mine": ("我的", "Mine"),
    "conflict.none": (
        "对方的修改与您的相同，可以直接保存",
        "Their changes match yours; you can save",
    ),
    "conflict.theirs": ("对方的", "Theirs"),
    "conflict.title": (
        "{by} 已于 {at} 修改并保存了这条记录。逐项比较：",
        "{by} saved this record at {at}. Field by field:",
    ),
    "conflict.took_theirs": (
        "已载入对方保存的内容；您的输入已放弃",
        "Loaded what they saved; your input was dropped",
    ),
    "date.invalid": ("⚠无效日期 {value}", "⚠invalid date {value}"),
    "drafts.confirm_discard": (
        "放弃这份草稿？输入的内容将被删除：\n{summary}",
        "Discard this draft? What was typed will be deleted:\n{summary}",
    ),
    "drafts.discard": ("放弃草稿", "Discard"),
    "drafts.form.activity": ("活动", "activity"),
    "drafts.form.calendar": ("日历", "calendar"),
    "drafts.form.officer": ("工作人员", "officer"),
    "drafts.form.region": ("区域", "region"),
    "drafts.form.team": ("队伍", "team"),
    "drafts.form.team_members": ("队员", "team members"),
    "drafts.form.team_move": ("移动队伍", "team move"),
    "drafts.form.venue": ("阵地", "venue"),
    "drafts.form.volunteer": ("志愿者", "volunteer"),
    "drafts.gone": (
        "草稿对应的记录已被删除，无法继续：{summary}",
        "The record of this draft was deleted: {summary}",
    ),
    "drafts.keys": (
        "Enter 继续填写   D 放弃草稿   Esc 以后再说（命令面板“草稿”可再打开）",
        "Enter resume   D discard   Esc later (palette: Drafts)",
    ),
    "drafts.later": ("以后再说", "Later"),
    "drafts.none": ("没有未完成的表单", "No unfinished forms"),
    "drafts.resume": ("继续填写", "Resume"),
    "drafts.title": (
        "有 {count} 份未完成的表单（上次未保存就退出或断线时自动保留）",
        "{count} unfinished form(s), kept when kxtui last exited or lost its connection",
    ),
    "field.bidi": (
        "不能包含文字方向控制字符（如 U+202E）",
        "Must not contain bidirectional control characters (e.g. U+202E)",
    ),
    "field.birth_date": ("出生日期应在 1900 年到今天之间", "A birth date between 1900 and today"),
    "field.choice": ("请从列表中选择", "Choose from the list"),
    "field.choose_from_list": (
        "请从建议中选择（↓ 打开列表，回车选定）",
        "Choose one of the suggestions (↓ opens the list, Enter takes one)",
    ),
    "field.control": (
        "不能包含控制字符（如换行、制表符、ESC）",
        "Must not contain control characters (newline, tab, ESC …)",
    ),
    "field.count": ("请填写非负整数", "Enter a whole number, 0 or more"),
    "field.count_limit": ("数字太大：最多 {limit}", "Too large: at most {limit}"),
    "field.date": (
        "看不懂的日期“{text}”：请写成 2026-05-30、2026/5/30、20260530、5-30 或 今天/昨天",
        "Not a date: “{text}”; write 2026-05-30, 2026/5/30, 20260530, 5-30 or today",
    ),
    "field.duplicate_sibling": ("同一上级下已有同名记录", "A sibling already has this name"),
    "field.duration_limit": (
        "时长超过了活动天数 × 24 小时（{hours} 小时）",
        "Longer than the activity's days × 24 h ({hours} h)",
    ),
    "field.end_before_start": ("结束日期早于开始日期", "Ends before it starts"),
    "field.home_region": (
        "请选择村、社区或网格（不是镇街或县）",
        "Choose a village, community or grid (not a town or county)",
    ),
    "field.hours": (
        "请填写大于 0 的小时数（最多两位小数，如 2 或 1.5）",
        "Enter hours above 0 (at most two decimals, e.g. 2 or 1.5)",
    ),
    "field.id_birth_date": (
        "身份证号中的出生日期 {text} 不存在或不合理",
        "The birth date {text} in the ID number does not exist",
    ),
    "field.id_birth_mismatch": (
        "与身份证号中的出生日期 {date} 不符",
        "Does not match the birth date in the ID number ({date})",
    ),
    "field.id_checksum": (
        "身份证号校验位不符：可能有一位输错或两位颠倒，请对照证件核对",
        "The check character does not match: a digit mistyped or two swapped? Compare with the card",
    ),
    "field.id_format": (
        "身份证号前 17 位应为数字，最后一位为数字或 X",
        "The first 17 characters are digits, the last a digit or X",
    ),
    "field.id_length": (
        "身份证号应为 18 位，现为 {length} 位（旧的 15 位号码请换成新证上的 18 位）",
        "An ID number has 18 characters, not {length} (use the 18-character number, not the old 15)",
    ),
    "field.id_region": (
        "身份证号前 6 位地区码 {code} 不存在",
        "The address code {code} (first 6 digits) does not exist",
    ),
    "field.id_says_female": (
        "与身份证号不符：身份证号第 17 位为偶数，表示女性",
        "Does not match the ID number: its 17th digit is even, which means female",
    ),
    "field.id_says_male": (
        "与身份证号不符：身份证号第 17 位为奇数，表示男性",
        "Does not match the ID number: its 17th digit is odd, which means male",
    ),
    "field.invisible": (
        "不能包含不可见的格式字符（如零宽空格）",
        "Must not contain invisible format characters (such as a zero-width space)",
    ),
    "field.joined_before_birth": ("加入日期早于出生日期", "Joined before being born"),
    "field.joined_future": ("加入日期不能晚于今天", "Cannot join after today"),
    "field.marked": (
        "含 {count} 个控制或不可见字符（显示为 ␛、⟨U+…⟩ 等），保存时将删除",
        "Holds {count} control or invisible character(s), shown as ␛, ⟨U+…⟩ …; saving removes them",
    ),
    "field.members_gone": (
        "所选志愿者中有已被删除或不在您查看范围内的",
        "A chosen volunteer was deleted or is outside your view",
    ),
    "field.mobile": (
        "手机号应为 11 位、以 13–19 开头（如 13812345678；可带 +86、空格或短横线）",
        "A mobile is 11 digits starting 13–19 (13812345678; +86, spaces and dashes are fine)",
    ),
    "field.mobile_unassigned": (
        "{prefix} 不是在用的手机号段，请核对",
        "{prefix} is not a mobile prefix in use; please check",
    ),
    "field.nul": ("不能包含空字符（NUL）", "Must not contain NUL characters"),
    "field.odd_date": (
        "存储的日期“{value}”无效：请重新填写",
        "The stored date “{value}” is not a valid date: fill it in again",
    ),
    "field.out_of_scope": (
        "不在您的修改范围（{scope}）内",
        "Outside the area you may change ({scope})",
    ),
    "field.phone": (
        "电话号码格式不对：手机 11 位（如 13812345678），座机带区号（如 0532-87654321）",
        "Not a valid phone number: 11-digit mobile or landline with area code (0532-87654321)",
    ),
    "field.platform_id": (
        "平台编号应为 4–32 位字母、数字或短横线，且含数字（如 DMZY00001242）",
        "A platform ID is 4–32 letters, digits or dashes with a digit (e.g. DMZY00001242)",
    ),
    "field.platform_id_unregistered": (
        "填写了平台编号，请勾选“已在平台注册”",
        "A platform ID is given: tick “registered on the platform”",
    ),
    "field.region_code": ("代码应为 6、9 或 12 位数字", "A code is 6, 9 or 12 digits"),
    "field.required": ("必填", "Required"),
    "field.role_needs_region": ("请选择该角色负责的区域", "Choose the region this role covers"),
    "field.role_region.county_admin": (
        "县级管理员负责县（市、区），或留空 = 全部区域",
        "A county admin covers a county, or (left empty) the whole database",
    ),
    "field.role_region.grid_officer": ("网格员负责一个网格", "A grid officer covers a grid"),
    "field.role_region.town_staff": ("镇街工作人员负责一个镇或街道", "Town staff cover a town"),
    "field.role_region.village_liaison": (
        "联络员负责一个村或社区",
        "A liaison covers a village or community",
    ),
    "field.service_hours": (
        "{name} 的时数“{hours}”不对：请填大于 0 的小时数",
        "{name}: “{hours}” is not a number of hours above 0",
    ),
    "field.team_level_over": ("级别须高于其下级队伍", "Must be above the teams below it"),
    "field.team_level_under": (
        "级别须低于上级队伍（{parent}）",
        "Must be below the parent team ({parent})",
    ),
    "field.team_name_dissolved": (
        "同一上级下有一支已解散的队伍用过此名称",
        "A dissolved team under this parent had this name",
    ),
    "field.team_parent_level": (
        "{name}的级别不高于此队伍",
        "{name} is not of a higher level than this team",
    ),
    "field.team_parent_region": (
        "此队伍所在区域不在{name}所在区域内",
        "This team's region is not inside {name}'s region",
    ),
    "field.team_region_below": (
        "其下级队伍所在区域须在此区域内",
        "The teams below it must lie in this region",
    ),
    "field.team_region_out_of_area": ("不在您的编辑范围（{scope}）", "Outside your area ({scope})"),
    "field.team_region_outside_parent": (
        "须在上级队伍（{parent}）所在区域内",
        "Must lie in the region of the parent team ({parent})",
    ),
    "field.team_under_itself": (
        "不能移到它自己或它的下级队伍下",
        "Cannot go under itself or a team below it",
    ),
    "field.too_long": ("太长了：最多 {limit} 个字", "Too long: at most {limit} characters"),
    "field.unknown_code": (
        "存储的值“{value}”不是可选项：请重新选择",
        "The stored value “{value}” is not one of the choices: choose again",
    ),
    "field.unknown_codes": (
        "存储的“{value}”不是可选项：请取消勾选后再保存",
        "The stored “{value}” is not one of the choices: deselect it to save",
    ),
    "field.user_name": (
        "只能用字母、数字、_ . -，最多 32 个字符",
        "Letters, digits, _ . - only, at most 32 characters",
    ),
    "field.user_name_taken": ("该用户名已属于 {name}", "This user name belongs to {name}"),
    "field.venue_outside": ("该阵地不在“{region}”范围内", "This venue is not inside {region}"),
    "field.view_region": (
        "查看范围须包含负责区域（例如所在的镇街或县）",
        "The view region must contain the region (its town or county, say)",
    ),
    "field.volunteer_twice": ("{name} 已在名单中，不能重复添加", "{name} is already in the list"),
    "filter.date_hint": ("如 2026/5/30，留空＝不限", "e.g. 2026/5/30; empty = no limit"),
    "filter.keys": (
        "Ctrl+S 应用   Ctrl+R 清除筛选   Esc 取消",
        "Ctrl+S apply   Ctrl+R clear   Esc cancel",
    ),
    "flag.invalid": ("⚠无效标记 {value}", "⚠invalid flag {value}"),
    "form.activity.edit": ("编辑活动：{title}", "Edit activity: {title}"),
    "form.activity.new": ("登记活动", "Log an activity"),
    "form.address": ("地址", "Address"),
    "form.cancel": ("取消 Esc", "Cancel Esc"),
    "form.choose": ("请选择", "Choose"),
    "form.code": ("区划代码（可选）", "Division code (optional)"),
    "form.confirm_warnings": (
        "以下内容看起来不寻常，确认无误吗？",
        "These look unusual. Are they right?",
    ),
    "form.contact": ("联系人", "Contact person"),
    "form.discard": ("放弃修改", "Discard"),
    "form.errors": (
        "有 {count} 处需要修改，已保留您输入的内容",
        "{count} fields need attention; everything you typed is kept",
    ),
    "form.keep": ("继续编辑", "Keep editing"),
    "form.kind": ("类型", "Kind"),
    "form.level": ("级别（可选）", "Level (optional)"),
    "form.name": ("名称", "Name"),
    "form.note": ("备注", "note"),
    "form.officer.new": ("添加工作人员账户", "New officer account"),
    "form.officer_name": ("姓名", "Name"),
    "form.phone": ("联系电话", "Phone"),
    "form.phone_hint": ("如 0532-87654321", "e.g. 0532-87654321"),
    "form.population": ("常住人口（可选）", "Population (optional)"),
    "form.region.edit": ("编辑区域：{name}", "Edit region: {name}"),
    "form.region.new": ("新建区域（上级：{parent}）", "New region (under {parent})"),
    "form.region.new_top": ("新建县（市、区）", "New county"),
    "form.region_scope": ("负责区域", "Region"),
    "form.region_scope.hint": (
        "输入名称或拼音；县级管理员留空 = 全部区域",
        "Name or pinyin; county admins: empty = every region",
    ),
    "form.role": ("角色", "Role"),
    "form.save": ("保存 Ctrl+S", "Save Ctrl+S"),
    "form.save_anyway": ("仍然保存", "Save anyway"),
    "form.save_now": ("保存", "Save"),
    "form.saved": ("已保存", "Saved"),
    "form.saving": ("正在保存…", "Saving…"),
    "form.six": (
        "六有标准（空格勾选，备注写明情况）",
        "Six haves (space to tick; note the situation)",
    ),
    # 有活动 is not ticked but read from the ledger (`db.six_haves`): the venue form's word
    "form.six_from_ledger": ("有活动（台账）", "activities (ledger)"),
    "form.unchanged": ("没有改动，未保存", "Nothing changed: not saved"),
    "form.unsaved": (
        "有未保存的修改。保存、放弃，还是继续编辑？（草稿已自动保留）",
        "There are unsaved changes. Save, discard, or keep editing? (A draft is kept.)",
    ),
    "form.user_name": ("系统用户名", "Unix user name"),
    "form.user_name_hint": ("如 wangli（登录服务器的用户名）", "e.g. wangli (the server login)"),
    "form.venue.edit": ("编辑阵地：{name}", "Edit venue: {name}"),
    "form.venue.new": ("新建阵地（{region}）", "New venue ({region})"),
    "form.venue_type": ("阵地类型", "Venue type"),
    "form.view_region": ("另可查看（可选）", "May also see (optional)"),
    "form.volunteer.edit": ("编辑志愿者：{name}", "Edit volunteer: {name}"),
    "form.volunteer.new": ("新建志愿者", "New volunteer"),
    "form.volunteer.new_in": ("新建志愿者（{region}）", "New volunteer ({region})"),
    "form.warnings": ("有 {count} 处需要确认", "{count} value(s) to confirm"),
    "number.invalid": ("⚠无效", "⚠invalid"),
    "numbers.left_out": (
        " · ⚠ {count} 个无效数值未计入",
        " · ⚠ {count} invalid values left out",
    ),
}
