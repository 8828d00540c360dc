"""Showing stored data safely: literally, without terminal control sequences, bounded in size.

One rule for everything that reaches the terminal: a character that a terminal could take as
a command or that changes text without being seen — control characters (C0, DEL, C1), format
characters (bidi overrides, zero-width spaces and joiners, tags), line and paragraph
separators, lone surrogates — is shown as a visible mark instead: C0 and DEL as their control
pictures (`␛`, `␀`), every other as its code point (`⟨U+202E⟩`). So `\\x1b]52;...` cannot
write the clipboard and an override cannot reorder a name.

- `clean` is for lists, titles and messages: one line, marked, bounded (callers wrap it in
  `rich.text.Text`, so markup is never interpreted).
- `editable` is for a form's input: the whole value, marked, nothing else changed; `unmark`
  takes the marks out again when the form is saved, and `marks` counts them to say so.
- `mark_unsafe` is for exported files (`kxtui.db.sheets.columns.clean_cell`): the same marks,
  tab and line breaks kept, with the count the export reports.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from rich.text import Text

DEFAULT_LIMIT = 200
QUOTED_LIMIT = 1000  # characters of one value quoted in a message
_MAX_MARKS = 2  # combining marks kept per base character ("zalgo" text can overdraw lines)
_HIDDEN = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})  # categories never sent raw
_DELETE_PICTURE = "\u2421"  # ␡
# What `_mark` writes: a control picture (U+2400–U+241F, ␡) or ⟨U+XXXX⟩.
_MARK = re.compile("[\u2400-\u241f\u2421]|\u27e8U\\+[0-9A-F]{4,6}\u27e9")


def hidden(ch: str) -> bool:
    """Whether `ch` is never sent to the terminal (nor written to a file) as it is (see the
    module's rule); also the noncharacters U+xxFFFE and U+xxFFFF, which XML, and so a
    spreadsheet, cannot hold."""
    return unicodedata.category(ch) in _HIDDEN or (ord(ch) & 0xFFFE) == 0xFFFE


def _mark(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␛ ␊ ...
    if code == 0x7F:
        return _DELETE_PICTURE
    return f"\u27e8U+{code:04X}\u27e9"  # ⟨U+202E⟩


def editable(value: object) -> str:
    """`value` whole, with every hidden character shown as its mark (for a form's input)."""
    text = "" if value is None else str(value)
    if text.isprintable():  # the common case, decided in C: nothing hidden
        return text
    return "".join(_mark(ch) if hidden(ch) else ch for ch in text)


def marks(text: str) -> int:
    """How many marks `editable` (or a paste) left in `text`."""
    return len(_MARK.findall(text))


def unmark(text: str) -> str:
    """`text` without the marks: what saving a form keeps of a value shown by `editable`."""
    return _MARK.sub("", text)


def clean(value: object, limit: int = DEFAULT_LIMIT) -> str:
    """A one-line, terminal-safe rendering of `value`, at most `limit` characters (+ "…")."""
    text = "" if value is None else str(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]  # bound the work on huge values before the char loop
    plain = text.isprintable()  # decided in C: then nothing is hidden
    out: list[str] = []
    size = 0
    combining = 0
    for ch in text:
        if unicodedata.combining(ch):
            combining += 1
            if combining > _MAX_MARKS or not out:
                continue
        else:
            combining = 0
        shown = ch if plain or not hidden(ch) else _mark(ch)
        if size + len(shown) > limit:
            return "".join(out) + "…"
        out.append(shown)
        size += len(shown)
    return "".join(out)


def quoted(value: object) -> object:
    """A value quoted in a message: a number as it is, anything else by the display rule."""
    return value if isinstance(value, int | float) else clean(value, QUOTED_LIMIT)


def literal(value: object, limit: int = DEFAULT_LIMIT, style: str = "") -> Text:
    """`clean(value)` as a Rich Text: shown exactly, never parsed as markup."""
    return Text(clean(value, limit), style=style, no_wrap=True, overflow="ellipsis")


@functools.cache
def _hidden_pattern(keep: str) -> re.Pattern[str]:
    """A regex matching one hidden character, except those in `keep`: built once from the
    Unicode database of the running Python (~0.2 s), so a whole export is marked at C speed."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if hidden(chr(code)) and chr(code) not in keep:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    parts = (re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "")
             for lo, hi in ranges)  # fmt: skip
    return re.compile(f"[{''.join(parts)}]")


def mark_unsafe(text: str, keep: str = "") -> tuple[str, int]:
    """`text` with every hidden character but those in `keep` shown as its mark (for a file:
    an export keeps tab and line breaks), and how many were marked."""
    if text.isprintable():  # the common case, decided in C: nothing hidden
        return text, 0
    found = 0

    def shown(match: re.Match[str]) -> str:
        nonlocal found
        found += 1
        return _mark(match.group())

    return _hidden_pattern(keep).sub(shown, text), found
