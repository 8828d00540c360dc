"""Goal 1: start to first frame, as a real process in an 80×24 pseudo-terminal.

Both programs are started the same way (`python -c ...` / `python -m kxtui ...`, TERM
xterm-256color, window size set with TIOCSWINSZ before the exec). The clock starts just before
the spawn and stops when a marker shows up in the bytes the program writes to the terminal:

- hello world: "hello world" — a Textual App whose compose yields Static("hello world") and a
  Footer; this is the floor any Textual app pays (interpreter, imports, driver, first paint).
- kxtui first frame: the header title (t("app.title") = "kxtui 科协基层工作台"), which the
  first frame draws. (The footer's keys, "跳转", are not in the first frame: Textual fills the
  footer's bindings in a later frame, after the tree's data, so it is reported separately.)
- kxtui data: the first county name in the tree ("胶州市"), after the worker's first query.

Runs alternate hello, kxtui, hello, kxtui ... after one discarded warm-up of each (so the
.pyc files and the page cache are warm for both); the figures are medians.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.common import Row, Terminal, median, ms, ratio, verdict
from kxtui.i18n import set_language, t

GOAL_RATIO = 1.3

HELLO = """
from textual.app import App
from textual.widgets import Footer, Static

class Hello(App):
    def compose(self):
        yield Static("hello world")
        yield Footer()

Hello().run()
"""


def time_markers(argv: list[str], markers: list[bytes], timeout: float = 20.0) -> list[float]:
    """Seconds from spawn until each marker first appears in the terminal output."""
    terminal = Terminal(argv)
    try:
        return [terminal.until(marker, timeout) for marker in markers]
    finally:
        terminal.close()


def run(demo_db: Path, county_name: str, reps: int) -> list[Row]:
    set_language("zh")
    title, footer_key = t("app.title").encode(), t("key.jump").encode()
    data = county_name.encode()
    hello_argv = [sys.executable, "-c", HELLO]
    kx_argv = [sys.executable, "-m", "kxtui", "--db", str(demo_db), "--lang", "zh"]
    kx_markers = [title, data, footer_key]
    time_markers(hello_argv, [b"hello world"])  # warm-up, discarded
    time_markers(kx_argv, kx_markers)
    hello, frame, loaded, keys = [], [], [], []
    for _ in range(reps):
        hello.append(time_markers(hello_argv, [b"hello world"])[0])
        first, shown, footer = time_markers(kx_argv, kx_markers)
        frame.append(first)
        loaded.append(shown)
        keys.append(footer)
    base = median(hello)
    first_frame = median(frame)
    return [
        Row(
            "1. start → first frame (kxtui)",
            f"≤ {GOAL_RATIO}× hello",
            ms(first_frame),
            f"hello world {ms(base)}",
            ratio(first_frame, base),
            verdict(first_frame / base <= GOAL_RATIO),
        ),
        Row(
            f"   start → data ({county_name} in tree)",
            "",
            ms(median(loaded)),
            f"hello world {ms(base)}",
            ratio(median(loaded), base),
            "info",
        ),
        Row(
            f"   start → footer keys ({t('key.jump')})",
            "",
            ms(median(keys)),
            f"hello world {ms(base)}",
            ratio(median(keys), base),
            "info",
        ),
    ]
