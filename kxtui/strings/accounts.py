"""Officer accounts: signing in, roles and scopes, the officers screen and form, what a session may not do."""

STRINGS: dict[str, tuple[str, str]] = {
    "officers.active": ("在用", "active"),
    "officers.added": ("已添加 {user}", "{user} added"),
    "officers.confirm_disable": (
        "停用 {name}（{user}）的账户？停用后该用户不能再使用 kxtui。",
        "Disable the account of {name} ({user})? They can no longer use kxtui.",
    ),
    "officers.count": ("共 {count} 个账户，{active} 个在用", "{count} accounts, {active} active"),
    "officers.disable": ("停用", "Disable"),
    "officers.disabled": ("停用", "disabled"),
    "officers.disabled_done": ("已停用 {user}", "{user} disabled"),
    "officers.enabled_done": ("已启用 {user}", "{user} enabled"),
    "officers.keep": ("不停用", "Keep"),
    "officers.none": ("（没有账户）", "(no accounts)"),
    "officers.state": ("状态", "State"),
    "officers.title": ("工作人员账户", "Officer accounts"),
    "officers.view": ("另可查看", "May also see"),
    "refused.activity_deleted": (
        "该活动已被删除（可在台账中撤销删除）",
        "This activity was deleted (undo it in the ledger)",
    ),
    "refused.duplicate_id_number": (
        "身份证号已登记：{name}（{region}）",
        "This ID number is registered: {name} ({region})",
    ),
    "refused.duplicate_id_number_elsewhere": (
        "身份证号已在您的查看范围以外登记",
        "This ID number is registered outside your area",
    ),
    "refused.duplicate_mobile": (
        "手机号已登记：{name}（{region}）",
        "This mobile is registered: {name} ({region})",
    ),
    "refused.duplicate_mobile_elsewhere": (
        "手机号已在您的查看范围以外登记",
        "This mobile is registered outside your area",
    ),
    "refused.duplicate_platform_id": (
        "平台编号已登记：{name}（{region}）",
        "This platform ID is registered: {name} ({region})",
    ),
    "refused.duplicate_platform_id_elsewhere": (
        "平台编号已在您的查看范围以外登记",
        "This platform ID is registered outside your area",
    ),
    "refused.general_team_moved": (
        "总队是最高一级，不能移到别的队伍下",
        "A general team is the highest level: it goes under no team",
    ),
    "refused.gone": ("该记录已被删除", "This record was deleted meanwhile"),
    "refused.has_officers": (
        "数据库中已有工作人员账户：请由县级管理员用“kxtui officer add”添加",
        "The database has officer accounts already: a county admin adds more (kxtui officer add)",
    ),
    "refused.key.out_of_area": (
        "不在您的编辑范围（{scope}）",
        "Outside the area you may change ({scope})",
    ),
    "refused.key.read_only": ("只读打开：不能修改数据", "Opened read-only: nothing can be changed"),
    "refused.key.viewer": ("只读账户不能修改", "A read-only account cannot change anything"),
    "refused.no_child_kinds": ("网格下不能再建下级区域", "A grid has no child regions"),
    "refused.no_officer": ("没有用户名为 {user} 的账户", "No account with the user name {user}"),
    "refused.no_region": ("请先在左侧选择一个区域", "Select a region first"),
    "refused.no_team": ("请先选择一支队伍", "Select a team first"),
    "refused.no_team_level": (
        "{name}已是最低一级（专业队），其下不能再建队伍",
        "{name} is at the lowest level (professional team): no team goes below it",
    ),
    "refused.not_admin": (
        "只有县级管理员可以管理工作人员账户（{name} 不是）",
        "Only county admins manage officer accounts ({name} is not one)",
    ),
    "refused.officer_disabled": ("该账户已经停用", "That account is disabled already"),
    "refused.officer_enabled": ("该账户已经在用", "That account is active already"),
    "refused.out_of_scope": (
        "{region} 不在您的修改范围（{scope}）内",
        "{region} is outside the area you may change ({scope})",
    ),
    "refused.out_of_view": (
        "{region} 不在您的查看范围（{scope}）内",
        "{region} is outside the area you may see ({scope})",
    ),
    "refused.own_account": ("不能停用自己的账户", "You cannot disable your own account"),
    "refused.region_has_dependants": (
        "不能删除：其下还有 {regions} 个下级区域、{venues} 个阵地、{activities} 条活动记录（含已删除的）、{volunteers} 名志愿者、{teams} 支队伍、{dissolved_teams} 支已解散队伍的记录、{officers} 名联络员/网格员、{accounts} 个工作人员账户",
        "Cannot delete: {regions} regions, {venues} venues, {activities} activities (deleted ones too), {volunteers} volunteers, {teams} teams, {dissolved_teams} dissolved teams' records, {officers} liaisons or grid officers, {accounts} officer accounts still lie within it",
    ),
    "refused.team_gone": ("所选队伍中有已被删除的", "A chosen team was deleted meanwhile"),
    "refused.team_has_sub_teams": (
        "其下还有 {count} 支队伍：请先解散或移走它们",
        "{count} teams are still below it: dissolve or move them first",
    ),
    "refused.top_level": (
        "您只能修改 {scope} 范围内的数据，不能新建县（市、区）",
        "You may change only {scope}: adding a county is not yours to do",
    ),
    "refused.venue_has_activities": (
        "不能删除：该阵地有 {activities} 条活动记录（含已删除的）",
        "Cannot delete: {activities} activities (deleted ones too) took place at this venue",
    ),
    "refused.viewer": (
        "{name} 的账户只读，不能修改数据",
        "{name}'s account is read-only: nothing can be changed",
    ),
    "refused.volunteer_gone": ("志愿者 {name} 已被删除", "Volunteer {name} was deleted meanwhile"),
    "refused.whole_database": (
        "kxtui {command} 涉及全部区域，只有负责全部区域的县级管理员或服务账户（数据库文件的所有者，"
        "不经 sudo 运行）可以运行；{name} 的账户不能",
        "kxtui {command} covers every region: only a county admin of the whole database or the "
        "service account (the database file's owner, not through sudo) may run it; {name}'s "
        "account may not",
    ),
    "scope.not_signed_in": (
        "未登录：没有科协工作人员账户登录，不能读取或修改数据",
        "Nobody is signed in: no data can be read or changed",
    ),
    "scope.whole": ("全部区域", "the whole database"),
    "signin.as_not_admin": (
        "只有县级管理员可以用 --as 代其他工作人员操作（{user} 不是）",
        "Only county admins may use --as ({user} is not one)",
    ),
    "signin.as_out_of_scope": (
        "--as：{user} 的范围不在您的范围（{scope}）内",
        "--as: {user} works outside your scope ({scope})",
    ),
    "signin.as_unknown": (
        "--as：没有用户名为 {user} 的在用账户",
        "--as: no active account with the user name {user}",
    ),
    "signin.disabled": (
        "系统用户 {user} 的科协工作人员账户已停用，不能使用 kxtui。请联系县级管理员。",
        "The officer account of the Unix user {user} is disabled. Ask a county admin.",
    ),
    "signin.no_officers": (
        "数据库中还没有任何工作人员账户。请在服务器上运行“kxtui init --admin”，"
        "把运行它的系统用户设为县级管理员。",
        "The database has no officer accounts yet. On the server, run "
        "'kxtui init --admin' to make the Unix user running it the county admin.",
    ),
    "signin.odd_region": (
        "系统用户 {user} 的账户所属的区域不存在，不能登录。请县级管理员重新设置该账户。",
        "The account of the Unix user {user} belongs to a region that does not exist: it cannot "
        "sign in. Ask a county admin to set the account again.",
    ),
    "signin.odd_role": (
        "系统用户 {user} 的账户存储的角色“{role}”不是 kxtui 认识的角色，不能登录。请县级管理员重新设置该账户。",
        "The account of the Unix user {user} holds the role “{role}”, which kxtui does not know: "
        "it cannot sign in. Ask a county admin to set the account again.",
    ),
    "signin.quit": ("按 q 退出", "Press q to quit"),
    "signin.title": ("无法登录", "Cannot sign in"),
    "signin.unknown": (
        "系统用户 {user} 没有科协工作人员账户，不能使用 kxtui。请县级管理员用“kxtui officer add”添加。",
        "The Unix user {user} has no officer account. Ask a county admin to add one "
        "(kxtui officer add).",
    ),
    "signin.user": ("系统用户：{user}", "Unix user: {user}"),
}
