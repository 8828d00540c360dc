"""Inputs that have broken terminal apps before. Every screen that shows user data uses these."""

# Stored as-is in the database (as an import or another tool might), then shown by the app.
STORED_NAMES = (
    "[/]",
    "[@click=app.quit]x",
    "[bold]x",
    "\x1b]52;c;aGVsbG8=\x07剪贴板",  # OSC 52 would write the officer's clipboard
    "\x1b[2J清屏",
    "\x9b31m单字节CSI",
    "名" * 100_000,
    "👨‍👩‍👧 家庭 🇨🇳",
    "Zalgo ẑ̵̡̢̛a̷̛̤͓l̶̢̨g̸̨̛o̴̢̕",
    "\u202eevil\u202c反向",
    "零\u200b宽\u200d空格",
    "\x1b]52;c;aGVsbG8=\x1b\\剪贴板ST",  # the same, ended by ST (ESC \) as terminals also accept
    "空\x00字符",
    "换\u2028行",
)

# Characters a form must refuse with a message beside the field.
REFUSED_AT_INPUT = {
    "nul": "名\x00称",
    "control": "名\x1b[2J称",
    "bidi": "名\u202e称",
    "invisible": "名\u200b称",  # a form shows it marked and removes it on save: never stored
}

# Written straight into the database over every text column a screen shows (`poison`): a
# complete OSC 52 clipboard write (ESC ] 52 ; c ; base64 ST), clear-screen, the one-byte C1
# CSI, NUL, BEL, a right-to-left override and a zero-width space, each between two markers.
# Everything but the hidden characters is valid, so a form that removes them can save.
PAYLOAD = "\x1b]52;c;aGVsbG8=\x1b\\甲\x1b[2J乙\x9b31m丙\x00丁\u202e戊\u200b己\x07庚"
# Each hidden character with the data around it: found in a terminal's bytes, it came raw from
# the data (a program's own escape sequence is never glued to these markers).
SIGNATURES = (
    "\x1b]52;c;aGVsbG8=",
    "=\x1b\\甲",
    "\x1b[2J乙",
    "乙\x9b31m",
    "丙\x00丁",
    "丁\u202e戊",
    "戊\u200b己",
    "己\x07庚",
)
# Never written by Textual itself (its own output is SGR and cursor moves in UTF-8).
NEVER_SENT = ("\x00", "\x9b", "\u202e", "\u200b")

# table -> text columns shown by some screen (region.code only where the form shows it)
SHOWN_COLUMNS = {
    "region": ("name",),
    "venue": (
        "name", "contact", "phone", "address", "six_organisation_note", "six_rules_note",
        "six_site_note", "six_medium_note", "six_activities_note", "six_feature_note",
    ),
    "activity": ("title", "organiser", "notes"),
    "volunteer": ("name", "skills", "notes", "platform_id"),
    "team": ("name",),
    "officer_account": ("name",),
}  # fmt: skip


def poison(connection, table: str, where: str, params: tuple = (), columns=None) -> int:  # type: ignore[no-untyped-def]
    """Append `PAYLOAD` to the shown text columns of the rows of `table` matching `where`,
    bypassing every check (as another program writing the file would); the rows changed."""
    sets = ", ".join(
        f"{c} = coalesce({c}, '') || :payload" for c in columns or SHOWN_COLUMNS[table]
    )
    named = {f"p{i}": value for i, value in enumerate(params)}
    for i in range(len(params)):
        where = where.replace("?", f":p{i}", 1)
    cursor = connection.execute(
        f"UPDATE {table} SET {sets} WHERE {where}", {**named, "payload": PAYLOAD}
    )
    return cursor.rowcount


def raw_from_data(output: str) -> list[str]:
    """The hidden characters of `PAYLOAD` that reached `output` (what a terminal was sent)
    raw: its signatures, or any character no program writes itself."""
    found = [s for s in SIGNATURES if s in output]
    return found + [c for c in NEVER_SENT if c in output]


# -- stored codes, dates, flags and references kxtui never wrote ------------------------------
# Columns holding a code of kxtui.domain (target_groups: a comma-separated list of them).
CODE_COLUMNS = {
    "region": ("kind",),
    "venue": ("type", "level"),
    "volunteer": ("gender",),
    "volunteer_domain": ("domain",),
    "officer": ("role",),
    "team": ("level", "domain"),
    "activity": ("theme_day", "campaign", "target_groups", "format"),
    "officer_account": ("role",),
}
DATE_COLUMNS = {
    "volunteer": ("birth_date", "joined_on"),
    "team_membership": ("joined_on",),
    "activity": ("start_date", "end_date"),
    "volunteer_service": ("last_served",),
}
FLAG_COLUMNS = {
    "venue": ("six_organisation", "six_rules", "six_feature"),
    "volunteer": ("platform_registered", "is_student", "active", "id_number_valid"),
    "officer": ("active",),
}
# What another program may leave in them (NULL only where the column allows it).
ODD_CODES = {"unknown": "zzz", "empty": "", "number": 42, "hostile": "\x1b[2Jzz\u202e"}
ODD_DATES = {
    "impossible": "2026-13-45",
    "word": "yesterday",
    "number": 20260101,
    "empty": "",
}
ODD_FLAGS = {"text": "yes", "number": 7}
ODD_KINDS = {
    **{f"code-{k}": ("code", v) for k, v in ODD_CODES.items()},
    **{f"date-{k}": ("date", v) for k, v in ODD_DATES.items()},
    **{f"flag-{k}": ("flag", v) for k, v in ODD_FLAGS.items()},
}
_COLUMNS = {"code": CODE_COLUMNS, "date": DATE_COLUMNS, "flag": FLAG_COLUMNS}


def spoil(connection, kind: str, value: object, where: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
    """Write `value` into every column of `kind` ("code", "date", "flag") of the rows of each
    table matching its condition in `where`, past every check (as another program would);
    the rows changed. A NOT NULL column cannot hold NULL: `value` None skips those."""
    connection.execute("PRAGMA ignore_check_constraints = ON")
    changed = 0
    for table, columns in _COLUMNS[kind].items():
        if table not in where:
            continue
        if value is None:
            info = connection.execute(f"PRAGMA table_info({table})").fetchall()
            required = {row[1] for row in info if row[3]}
            columns = tuple(c for c in columns if c not in required)
        if columns:
            sets = ", ".join(f"{c} = :value" for c in columns)
            query = f"UPDATE {table} SET {sets} WHERE {where[table]}"
            changed += connection.execute(query, {"value": value}).rowcount
    return changed


# The records of one town, 阜安街道 (region 2) of the demo, and everything in it.
_IN_TOWN = "region_id IN (SELECT id FROM region WHERE path LIKE '/1/2/%')"
_OF_TOWN_VOLUNTEERS = f"volunteer_id IN (SELECT id FROM volunteer WHERE {_IN_TOWN})"
TOWN_RECORDS = {
    "region": "path LIKE '/1/2/%'",
    "venue": _IN_TOWN,
    "volunteer": _IN_TOWN,
    # one of each volunteer's domains (a volunteer has each domain once)
    "volunteer_domain": "rowid IN (SELECT MIN(rowid) FROM volunteer_domain WHERE"
    f" {_OF_TOWN_VOLUNTEERS} GROUP BY volunteer_id)",
    "officer": _IN_TOWN,
    "team": _IN_TOWN,
    "team_membership": _OF_TOWN_VOLUNTEERS,
    "activity": _IN_TOWN,
    "volunteer_service": _OF_TOWN_VOLUNTEERS,
    "officer_account": "user_name = 'odd'",
}
# An account another program added for the town (its role is spoiled with the codes).
ODD_ACCOUNT = (
    "INSERT INTO officer_account (created_at, created_by, updated_at, updated_by, version,"
    " user_name, name, role, region_id, view_region_id, active) VALUES ('2026-01-01 00:00:00',"
    " 'x', '2026-01-01 00:00:00', 'x', 1, 'odd', '怪账户', 'town_staff', 2, NULL, 1)"
)
