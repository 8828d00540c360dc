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
