"""The driver sends only the cells that change (`ScreenMirror`): a terminal shown what the
mirror writes ends up with the same screen, character and style, as one shown what Textual
wrote, frame after frame; and fewer bytes go out."""

from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st

from kxtui.terminal import ScreenMirror, compact_styles

WIDTH, HEIGHT = 24, 6
STYLES = ("", "1", "38;5;253;48;5;233", "38;5;253;48;5;16", "7;38;5;1")
TEXT = "ab 胶州市—…★x"


def screen_after(frames: list[str]) -> list[list[tuple[str, str, str, bool, bool]]]:
    screen = pyte.Screen(WIDTH, HEIGHT)
    stream = pyte.Stream(screen)
    for frame in frames:
        stream.feed(frame)
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.reverse)
            for c in (screen.buffer[row][column] for column in range(WIDTH))
        ]
        for row in range(HEIGHT)
    ] + [[("cursor", str(screen.cursor.y), str(screen.cursor.x), False, False)]]


def mirrored(frames: list[str]) -> list[str]:
    mirror = ScreenMirror()
    return [compact_styles(mirror.feed(frame)) for frame in frames]


@st.composite
def runs(draw: st.DrawFn) -> str:
    """One run as Rich writes it: a move, a style, text that fits the line, a reset."""
    row = draw(st.integers(0, HEIGHT - 1))
    column = draw(st.integers(0, WIDTH - 4))
    text = draw(st.text(alphabet=TEXT, min_size=1, max_size=8))
    fitted, cells = "", 0
    for character in text:
        width = 2 if character in "胶州市" else 1
        if column + cells + width > WIDTH:
            break
        fitted, cells = fitted + character, cells + width
    style = draw(st.sampled_from(STYLES))
    # Textual ends a line of a region with CR LF (never on the last line of the screen)
    end = draw(st.sampled_from(["", "\r\n"] if row < HEIGHT - 1 else [""]))
    then = draw(st.text(alphabet=TEXT, max_size=3)) if end else ""
    return f"\x1b[{row + 1};{column + 1}H\x1b[{style}m{fitted or 'x'}\x1b[0m{end}{then}"


# a frame ends with the cursor where Textual wants it (an input's, for the IME)
frames = st.lists(
    st.tuples(st.lists(runs(), min_size=1, max_size=12), st.integers(1, HEIGHT)).map(
        lambda frame: "".join(frame[0]) + f"\x1b[{frame[1]};2H"
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(frames)
def test_the_terminal_shows_what_textual_wrote(written: list[str]) -> None:
    assert screen_after(mirrored(written)) == screen_after(written)


@settings(max_examples=100, deadline=None)
@given(frames, st.sampled_from(["\x1b[2J", "\x1b[K", "\x08", "\t", "\x1b7", "\x1b[?1049h"]))
def test_an_escape_it_does_not_know_is_passed_on_and_the_copy_forgotten(
    written: list[str], other: str
) -> None:
    written = [written[0] + other + written[0], *written[1:]]
    assert screen_after(mirrored(written)) == screen_after(written)


def test_a_frame_sent_again_sends_nothing_of_it() -> None:
    line = "\x1b[1;1H\x1b[38;5;253;48;5;233m胶州市 12 个镇\x1b[0m"
    frame = f"\x1b[?2026h{line}\x1b[?2026l"
    mirror = ScreenMirror()
    # (the style the terminal has is not known: a reset first)
    assert mirror.feed(frame) == f"\x1b[0m{frame}"
    assert mirror.feed(frame) == "\x1b[?2026h\x1b[?2026l"


def test_only_the_changed_part_of_a_line_is_sent() -> None:
    mirror = ScreenMirror()
    mirror.feed("\x1b[3;1H\x1b[1m张伟          138****1234   阜安街道\x1b[0m")
    sent = mirror.feed("\x1b[3;1H\x1b[1m张伟          138****5678   阜安街道\x1b[0m")
    assert sent == "\x1b[3;22H\x1b[1m5678\x1b[0m"


def test_a_short_unchanged_stretch_is_sent_again_rather_than_moved_over() -> None:
    mirror = ScreenMirror()
    mirror.feed("\x1b[1;1Habcdefgh")
    assert mirror.feed("\x1b[1;1HXbcdefgY") == "\x1b[1;1HXbcdefgY"
    # the cursor is already there: no move
    assert mirror.feed("\x1b[1;1HXbcdefgY" + "." * 12 + "Z") == "." * 12 + "Z"
    assert mirror.feed("\x1b[1;1HXbcdefgY" + "." * 12 + "z") == "\x1b[1;21Hz"


def test_a_style_change_alone_sends_the_characters() -> None:
    mirror = ScreenMirror()
    mirror.feed("\x1b[1;1H\x1b[7mab\x1b[0m")
    assert mirror.feed("\x1b[1;1Hab") == "\x1b[1;1Hab"  # (reset at the end of the last)


def test_after_forget_everything_is_sent_again() -> None:
    mirror = ScreenMirror()
    frame = "\x1b[1;1Habc"
    mirror.feed(frame)
    mirror.forget()
    assert mirror.feed(frame) == "\x1b[1;1H\x1b[0mabc"
