"""The driver writes each style change once (`compact_styles`), the screen unchanged."""

from __future__ import annotations

from kxtui.terminal import compact_styles

GREY = "\x1b[38;5;253;48;5;233m"
BLACK_BG = "\x1b[38;5;253;48;5;16m"
RESET = "\x1b[0m"


def test_the_same_style_again_is_not_sent() -> None:
    line = f"{RESET}{GREY}a{RESET}{GREY}b{RESET}\x1b[3;4H{GREY}c{RESET}"
    assert compact_styles(line) == f"{RESET}{GREY}ab\x1b[3;4Hc{RESET}"


def test_a_colour_change_sends_only_the_colour() -> None:
    line = f"{RESET}{GREY}a{RESET}{BLACK_BG}b{RESET}"
    assert compact_styles(line) == f"{RESET}{GREY}a\x1b[48;5;16mb{RESET}"


def test_an_added_attribute_and_a_dropped_background() -> None:
    line = f"{RESET}{GREY}a{RESET}\x1b[1;38;5;1mb{RESET}"
    assert compact_styles(line) == f"{RESET}{GREY}a\x1b[1;38;5;1;49mb{RESET}"


def test_an_attribute_that_goes_keeps_the_reset() -> None:
    line = f"{RESET}\x1b[1;38;5;1ma{RESET}{GREY}b{RESET}"
    assert compact_styles(line) == line


def test_text_after_a_reset_is_drawn_unstyled() -> None:
    line = f"{RESET}{GREY}a{RESET} {GREY}b{RESET}"
    assert compact_styles(line) == line


def test_a_style_before_any_reset_is_unknown() -> None:
    line = f"{GREY}a{RESET}{GREY}b{RESET}"  # the terminal may hold attributes from before
    assert compact_styles(line) == line


def test_another_escape_makes_the_style_unknown() -> None:
    for other in ("\x1b8", "\x1b[?1049h", "\x1b]8;;https://x\x1b\\", "\x1b[4:3m"):
        line = f"{RESET}{GREY}a{other}{RESET}{GREY}b{RESET}"
        assert compact_styles(line) == line, repr(other)


def test_unknown_parameters_are_left_alone() -> None:
    line = f"{RESET}{GREY}a{RESET}\x1b[53;38;5;1mb{RESET}"  # overline
    assert compact_styles(line) == line
    assert compact_styles("plain text") == "plain text"
