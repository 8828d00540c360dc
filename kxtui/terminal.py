"""A terminal driver that notices when its terminal is gone, and writes no style twice.

Textual's Linux driver reads the terminal in a thread that, at end-of-file, goes on selecting
a descriptor that is always readable (a process left spinning at 100 % CPU after its SSH
connection dropped), and dies silently on EIO. This driver reads the same way but tells the
app to hang up instead. The loop below follows `LinuxDriver.run_input_thread` of the pinned
Textual version; only the two end-of-input branches differ, and bytes that are not UTF-8 are
replaced instead of ending the reader (and so the app) with UnicodeDecodeError.

Rich writes every segment as "style, text, reset", so a table line whose columns are
segments of one colour (they are apart for the SVG export) sent the same colours a dozen
times: `compact_styles` keeps what the terminal shows and drops what it already has.
"""

from __future__ import annotations

import os
import re
import selectors
from codecs import getincrementaldecoder

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

_ESCAPE = re.compile(r"\x1b\[(?:(?P<style>[0-9;]*)m|(?P<move>\d+;\d+H))")
_MOVES = re.compile(r"(?:\x1b\[\d+;\d+H)*")
_RESET = ("", "0")
_ATTRIBUTES = frozenset("123456789")  # bold, dim, italic, underline, blink, …, strike
Style = tuple[str | None, str | None, frozenset[str]]  # foreground, background, attributes


def _parse(params: str) -> Style | None:
    """An SGR sequence's parameters as set from a reset, or None for any it does not know."""
    foreground = background = None
    attributes: set[str] = set()
    values = params.split(";")
    index = 0
    while index < len(values):
        value = values[index]
        if value in ("38", "48"):
            size = {"5": 3, "2": 5}.get(values[index + 1] if index + 1 < len(values) else "")
            if size is None or index + size > len(values):
                return None
            color = ";".join(values[index : index + size])
            foreground, background = (color, background) if value == "38" else (foreground, color)
            index += size
            continue
        if value.isdigit() and (30 <= int(value) <= 37 or 90 <= int(value) <= 97):
            foreground = value
        elif value.isdigit() and (40 <= int(value) <= 47 or 100 <= int(value) <= 107):
            background = value
        elif value in _ATTRIBUTES:
            attributes.add(value)
        else:
            return None
        index += 1
    return foreground, background, frozenset(attributes)


def _change(old: Style, new: Style) -> str | None:
    """The parameters that turn style `old` into `new` without a reset ("" for none), or None
    when an attribute must go (only a reset removes it)."""
    if not old[2] <= new[2]:
        return None
    params = sorted(new[2] - old[2])
    for mine, theirs, default in ((old[0], new[0], "39"), (old[1], new[1], "49")):
        if mine != theirs:
            params.append(theirs or default)
    return ";".join(params)


def compact_styles(data: str) -> str:
    """`data` as the terminal shows it, with every "reset, then style" (cursor moves between
    them allowed) that follows a known style cut to the change: nothing when the style is
    the same. The style in force is known only from a reset in `data` on; any escape other
    than a style or a cursor move makes it unknown again."""
    pieces: list[str] = []
    kept = 0  # data[kept:] is still to be copied
    style: Style | None = None  # in force, if known
    position = 0
    while (start := data.find("\x1b", position)) >= 0:
        escape = _ESCAPE.match(data, start)
        position = start + 1
        if escape is None:  # something else: it may change the style
            style = None
            continue
        position = escape.end()
        params = escape.group("style")
        if params is None:  # a cursor move
            continue
        if params not in _RESET:
            parsed = _parse(params)
            style = parsed if style == (None, None, frozenset()) else None
            continue
        moves = _MOVES.match(data, escape.end())
        assert moves is not None  # (zero or more moves: it always matches)
        following = _ESCAPE.match(data, moves.end())
        then = following.group("style") if following else None
        parsed = _parse(then) if then is not None and then not in _RESET else None
        change = _change(style, parsed) if style is not None and parsed is not None else None
        if following is None or parsed is None or change is None:
            style = (None, None, frozenset())
            continue
        pieces += [data[kept:start], moves.group(), f"\x1b[{change}m" if change else ""]
        kept = position = following.end()
        style = parsed
    if not pieces:
        return data
    pieces.append(data[kept:])
    return "".join(pieces)


class HangUpAwareDriver(LinuxDriver):
    def write(self, data: str) -> None:
        super().write(compact_styles(data))

    def _input_ended(self, reason: str) -> None:
        hang_up = getattr(self._app, "hang_up", None)
        if hang_up is not None:
            self._loop.call_soon_threadsafe(hang_up, reason)
        self.exit_event.set()

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        # a byte that is not UTF-8 (a terminal in GBK, line noise) becomes U+FFFD, not a crash
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            while not self.exit_event.is_set():
                events = selector.select(0.1)
                for _key, mask in events:
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 1024 * 4)
                    except OSError:  # EIO: the terminal was hung up
                        self._input_ended("eio")
                        return
                    if not data:  # end of file: nobody will type here again
                        self._input_ended("eof")
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass
