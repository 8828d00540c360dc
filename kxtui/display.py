"""Showing stored data safely: literally, without terminal control sequences, bounded in size.

Everything a person typed (or an import brought in) passes through `clean` before it reaches
the terminal: markup is never interpreted (callers wrap the result in `rich.text.Text`), control
characters become visible symbols so `\\x1b]52;...` cannot write the clipboard, bidi overrides
and zero-width characters cannot disguise or reorder text, and very long values are cut.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from rich.text import Text

DEFAULT_LIMIT = 200
_MAX_MARKS = 2  # combining marks kept per base character ("zalgo" text can overdraw lines)


def _visible(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ␛ ␊ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0x80 <= code <= 0x9F:
        return "\ufffd"
    return ch


def clean(value: object, limit: int = DEFAULT_LIMIT) -> str:
    """A one-line, terminal-safe rendering of `value`, at most `limit` characters (+ "…")."""
    text = "" if value is None else str(value)
    if len(text) > limit * 4:
        text = text[: limit * 4]  # bound the work on huge values before the char loop
    out: list[str] = []
    marks = 0
    for ch in text:
        code = ord(ch)
        if code > 0x9F and is_unsafe(code):  # format characters: bidi, zero-width, joiners
            continue
        if unicodedata.combining(ch):
            marks += 1
            if marks > _MAX_MARKS or not out:
                continue
        else:
            marks = 0
        out.append(_visible(ch))
        if len(out) > limit:
            return "".join(out[:limit]) + "…"
    return "".join(out)


def literal(value: object, limit: int = DEFAULT_LIMIT, style: str = "") -> Text:
    """`clean(value)` as a Rich Text: shown exactly, never parsed as markup."""
    return Text(clean(value, limit), style=style, no_wrap=True, overflow="ellipsis")


# -- unsafe characters: one definition for the screen and for exported files ----------------

# Unicode categories never written raw: controls (C0, DEL, C1), format characters (bidi
# overrides and isolates, zero-width space and joiners, the BOM, tags), surrogates, and the
# line and paragraph separators; plus the noncharacters U+xxFFFE/U+xxFFFF that XML forbids.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def is_unsafe(code: int) -> bool:
    """Whether the character with this code point must be shown in a visible notation."""
    return (code & 0xFFFE) == 0xFFFE or unicodedata.category(chr(code)) in UNSAFE_CATEGORIES


@functools.cache
def unsafe_pattern(keep: str = "") -> re.Pattern[str]:
    """A regex matching one unsafe character, except those in `keep` (an export keeps tab and
    line breaks). Built once from the Unicode database of the running Python (~0.2 s)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if is_unsafe(code) and chr(code) not in keep:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    parts = (re.escape(chr(lo)) + (f"-{re.escape(chr(hi))}" if hi > lo else "")
             for lo, hi in ranges)  # fmt: skip
    return re.compile(f"[{''.join(parts)}]")


def notation(char: str) -> str:
    """The visible stand-in of an unsafe character: a control picture for C0 and DEL
    (NUL → ␀, ESC → ␛), ⟨U+202E⟩ for every other."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"⟨U+{code:04X}⟩"


def mark_unsafe(text: str, keep: str = "") -> tuple[str, int]:
    """`text` with every unsafe character (but those in `keep`) in its visible notation, and
    how many were replaced."""
    if text.isprintable():  # C speed; every unsafe character is unprintable
        return text, 0
    replaced = 0

    def visible(match: re.Match[str]) -> str:
        nonlocal replaced
        replaced += 1
        return notation(match.group())

    return unsafe_pattern(keep).sub(visible, text), replaced
