"""Goal 1: start to first frame, as a real process in an 80×24 pseudo-terminal.

Both programs are started the same way (`python -c ...` / `python -m kxtui ...`, TERM
xterm-256color, window size set with TIOCSWINSZ before the exec). The clock starts just before
the spawn and stops when a marker shows up in the bytes the program writes to the terminal:

- hello world: "hello world" — a Textual App whose compose yields Static("hello world") and a
  Footer; this is the floor any Textual app pays (interpreter, imports, driver, first paint).
- hello Tree: a Textual App whose compose yields a Tree showing one line, the same text as
  kxtui's first county with its counts ("胶州市 · 4 镇 · 8 街道 · 87 阵地"), and a Footer;
  the marker is the end of that line ("87 阵地"). The floor of an app that shows a tree.
- kxtui data (the goal): the end of the first county's line in the tree, with its counts
  ("87 阵地"), after the worker's first query: what the officer waits for.
- kxtui first frame: the header title (t("app.title") = "kxtui 科协基层工作台"), which the
  first frame draws, before the data. (The footer's keys, "跳转", are not in the first frame:
  Textual fills the footer's bindings in a later frame, after the tree's data.)

Runs alternate hello world, hello Tree, kxtui ... after one discarded warm-up of each (so the
.pyc files and the page cache are warm for all); the figures are medians.
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

HELLO_TREE = """
import sys
from textual.app import App
from textual.widgets import Footer, Tree

class HelloTree(App):
    def compose(self):
        tree = Tree(sys.argv[1])
        tree.show_root = True
        yield tree
        yield Footer()

HelloTree().run()
"""


def time_markers(argv: list[str], markers: list[bytes], timeout: float = 20.0) -> list[float]:
    """Seconds from spawn until each marker first appears in the terminal output."""
    terminal = Terminal(argv)
    try:
        return [terminal.until(marker, timeout) for marker in markers]
    finally:
        terminal.close()


def run(demo_db: Path, county_label: str, reps: int) -> list[Row]:
    set_language("zh")
    title, footer_key = t("app.title").encode(), t("key.jump").encode()
    counts = county_label.split(" · ")[-1].encode()  # the line's end: "87 阵地"
    hello_argv = [sys.executable, "-c", HELLO]
    tree_argv = [sys.executable, "-c", HELLO_TREE, county_label]
    kx_argv = [sys.executable, "-m", "kxtui", "--db", str(demo_db), "--lang", "zh"]
    kx_markers = [title, counts, footer_key]
    time_markers(hello_argv, [b"hello world"])  # warm-ups, discarded
    time_markers(tree_argv, [counts])
    time_markers(kx_argv, kx_markers)
    hello, tree, frame, loaded, keys = [], [], [], [], []
    for _ in range(reps):
        hello.append(time_markers(hello_argv, [b"hello world"])[0])
        tree.append(time_markers(tree_argv, [counts])[0])
        first, shown, footer = time_markers(kx_argv, kx_markers)
        frame.append(first)
        loaded.append(shown)
        keys.append(footer)
    base, tree_base = median(hello), median(tree)
    data = median(loaded)
    return [
        Row(
            f"1. start → {county_label} in the tree",
            f"≤ {GOAL_RATIO}× hello Tree",
            ms(data),
            f"hello Tree {ms(tree_base)}",
            ratio(data, tree_base),
            verdict(data / tree_base <= GOAL_RATIO),
        ),
        Row(
            "   start → first frame (title, no data yet)",
            "",
            ms(median(frame)),
            f"hello world {ms(base)}",
            ratio(median(frame), base),
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
