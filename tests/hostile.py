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
)

# Characters a form must refuse with a message beside the field.
REFUSED_AT_INPUT = {
    "nul": "名\x00称",
    "control": "名\x1b[2J称",
    "bidi": "名\u202e称",
}
