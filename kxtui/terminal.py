"""A terminal driver that notices when its terminal is gone, and writes no style twice.

Textual's Linux driver reads the terminal in a thread that, at end-of-file, goes on selecting
a descriptor that is always readable (a process left spinning at 100 % CPU after its SSH
connection dropped), and dies silently on EIO. This driver reads the same way but tells the
app to hang up instead. The loop below follows `LinuxDriver.run_input_thread` of the pinned
Textual version; only the two end-of-input branches differ, and bytes that are not UTF-8 are
replaced instead of ending the reader (and so the app) with UnicodeDecodeError.

Textual sends every line of a region it repaints whole, where most of it is often what the
terminal already shows (a PgDn's column gaps, the labels of a detail pane): `ScreenMirror`
keeps a copy of what was sent and drops the cells that would not change, as curses does.
Rich writes every segment as "style, text, reset", so a table line whose columns are
segments of one colour (they are apart for the SVG export) sent the same colours a dozen
times: `compact_styles` keeps what the terminal shows and drops what it already has.
"""

from __future__ import annotations

import os
import re
import selectors
from codecs import getincrementaldecoder

from rich.cells import get_character_cell_size
from textual import events
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

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


# a control sequence (CSI), an operating-system command (OSC, to BEL or ST), another escape
# (two characters), a control character, or a run of printable text
_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"
    r"|\x1b\](?P<osc>[^\x07\x1b]*)(?:\x07|\x1b\\)"
    r"|(?P<escape>\x1b.?)"
    r"|(?P<control>[\x00-\x1f\x7f])"
    r"|(?P<text>[^\x00-\x1f\x7f]+)",
    re.DOTALL,
)
# private modes that change what the screen shows (the alternate screen): the copy is void
_SCREEN_MODES = frozenset({"?47", "?1047", "?1049"})
_MERGE_BYTES = 8  # unchanged text shorter than a cursor move is sent again rather than skipped
Known = tuple[str, tuple[str, ...]]  # (character, or "" right of a wide one; its style)
Cell = Known | None  # None: not known


def _right_half(cell: Cell) -> bool:
    return cell is not None and cell[0] == ""


class ScreenMirror:
    """What the terminal shows, as this program last wrote it: `feed` turns what Textual
    writes into what the terminal needs to show the same, leaving out every character the
    terminal already shows in the same style.

    It knows only cursor moves, styles (SGR) and printable text; anything else (an erase,
    a control character, an escape it does not know) is passed on where it was, after the
    cursor and style it may depend on, and the copy is forgotten, so what follows is sent
    whole. Modes and titles are passed on as they are. `forget` is for a terminal whose
    screen changed behind our back (a resize, a return from a suspension)."""

    def __init__(self) -> None:
        self.rows: dict[int, list[Cell]] = {}
        self.cursor: tuple[int, int] | None = None  # where the text written goes
        self.moved = False  # the cursor is where a move put it, not after text
        self.style: tuple[str, ...] = ()  # the SGR parameters since the last reset
        self.styled = True  # False while a hyperlink is open: its text is always sent
        self.shown_cursor: tuple[int, int] | None = None  # the terminal's, as we wrote
        self.shown_style: tuple[str, ...] | None = None

    def forget(self) -> None:
        self.rows.clear()
        self.shown_cursor = self.shown_style = None

    def feed(self, data: str) -> str:
        out: list[str] = []
        for token in _TOKEN.finditer(data):
            if (text := token.group("text")) is not None:
                self._text(text, out)
            elif (final := token.group("final")) is not None:
                params = token.group("params")
                if final == "H" and params.count(";") == 1 and params.replace(";", "").isdigit():
                    row, column = params.split(";")
                    self.cursor = (int(row) - 1, int(column) - 1)
                    self.moved = True
                elif final == "m":
                    self._sgr(params)
                elif final in "hl" and params.startswith("?") and params != "?25":
                    if params in _SCREEN_MODES:
                        self.forget()
                    self._restyle(out)
                    out.append(token.group())
                else:  # cursor shown (it must be where Textual put it), or anything else
                    self._other(token.group(), out, keep=params == "?25")
            elif (osc := token.group("osc")) is not None:
                if osc.startswith("8;"):  # a hyperlink opens (with a target) or closes
                    self.styled = osc.endswith(";")
                self._restyle(out)
                out.append(token.group())
            elif token.group() == "\r" and self.cursor is not None:
                self.cursor = (self.cursor[0], 0)  # (Textual ends each line with CR LF)
                self.moved = True
            elif token.group() == "\n" and self.cursor is not None:
                # the line below: Textual writes none under its last line, where the
                # screen would scroll
                self.cursor = (self.cursor[0] + 1, self.cursor[1])
                self.moved = True
            else:
                self._other(token.group(), out, keep=False)
        if self.moved:  # Textual put the cursor there (an input's, for the IME)
            self._move(out)
        self._restyle(out)  # the terminal's style as Textual left it (a reset, for the shell)
        return "".join(out)

    def _sgr(self, params: str) -> None:
        if params in ("", "0"):
            self.style = ()
        elif params.startswith("0;"):
            self.style = (params[2:],)
        else:
            self.style += (params,)

    def _other(self, sequence: str, out: list[str], *, keep: bool) -> None:
        """Passed on at the cursor, in the style, Textual meant; unless `keep`, the copy is
        forgotten and so is the cursor (a control character may move it)."""
        self._move(out)
        self._restyle(out)
        out.append(sequence)
        if not keep:
            self.forget()
            self.cursor = None

    def _move(self, out: list[str]) -> None:
        if self.cursor is not None and self.cursor != self.shown_cursor:
            out.append(f"\x1b[{self.cursor[0] + 1};{self.cursor[1] + 1}H")
            self.shown_cursor = self.cursor

    def _restyle(self, out: list[str]) -> None:
        if self.style != self.shown_style:
            reset = "" if self.shown_style == () else "\x1b[0m"  # (nothing to take off)
            out.append(reset + "".join(f"\x1b[{p}m" for p in self.style))
            self.shown_style = self.style

    def _text(self, text: str, out: list[str]) -> None:
        self.moved = False
        if self.cursor is None:  # nowhere known: sent as it is
            self._restyle(out)
            out.append(text)
            return
        cells = _cells(text, self.style)
        if cells is None:  # a character that joins the one before: not placed by cells
            self._other(text, out, keep=False)
            return
        row, start = self.cursor
        end = start + len(cells)
        self.cursor = (row, end)
        line = self.rows.setdefault(row, [])
        if len(line) < end:
            line += [None] * (end - len(line))
        old = line[start:end]
        if old == cells and self.styled:
            return
        if not self.styled or not any(old):  # a hyperlink's text, or cells not known yet
            self._send(row, start, end, text, out)
            line[start:end] = cells if self.styled else [None] * len(cells)
            return
        # the characters that change, in spans of cells; an unchanged stretch shorter than
        # a cursor move is sent again
        spans: list[list[int]] = []  # [first, last] cell indexes, `last` excluded
        index = 0
        while index < len(cells):
            width = 2 if index + 1 < len(cells) and cells[index + 1][0] == "" else 1
            if old[index] != cells[index] or (width == 2 and old[index + 1] != cells[index + 1]):
                if spans and _gap_bytes(cells, spans[-1][1], index) < _MERGE_BYTES:
                    spans[-1][1] = index + width
                else:
                    spans.append([index, index + width])
            index += width
        for first, last in spans:
            changed = "".join(cell[0] for cell in cells[first:last])
            self._send(row, start + first, start + last, changed, out)
            if _right_half(line[start + first]) and start + first > 0:
                line[start + first - 1] = None  # the left half of a wide character overwritten
            if start + last < len(line) and _right_half(line[start + last]):
                line[start + last] = None  # its right half
            line[start + first : start + last] = cells[first:last]

    def _send(self, row: int, first: int, last: int, text: str, out: list[str]) -> None:
        """`text` written from column `first` of `row` to `last` (excluded)."""
        cursor = self.cursor
        self.cursor = (row, first)
        self._move(out)
        self._restyle(out)
        out.append(text)
        self.shown_cursor = (row, last)
        self.cursor = cursor


def _cells(text: str, style: tuple[str, ...]) -> list[Known] | None:
    """The cells `text` fills: a wide character's second one is ""; None when a character
    has no width of its own (it joins the one before)."""
    if text.isascii():
        return [(character, style) for character in text]
    cells: list[Known] = []
    for character in text:
        width = get_character_cell_size(character)
        if width == 0:
            return None
        cells.append((character, style))
        if width == 2:
            cells.append(("", style))
    return cells


def _gap_bytes(cells: list[Known], first: int, last: int) -> int:
    return sum(len(cell[0].encode()) for cell in cells[first:last])


class HangUpAwareDriver(LinuxDriver):
    _mirror: ScreenMirror | None = None

    def write(self, data: str) -> None:
        if self._mirror is None:
            self._mirror = ScreenMirror()
        super().write(compact_styles(self._mirror.feed(data)))

    def start_application_mode(self) -> None:
        if self._mirror is not None:
            self._mirror.forget()  # back from a suspension: the screen is another's
        super().start_application_mode()

    def _get_terminal_size(self) -> tuple[int, int]:
        if self._mirror is not None:
            self._mirror.forget()  # a resize: the terminal may have moved or cleared lines
        return super()._get_terminal_size()

    def process_message(self, message: Message) -> None:
        if isinstance(message, events.Resize) and self._mirror is not None:
            self._mirror.forget()
        super().process_message(message)

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
