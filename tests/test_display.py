"""User data reaches the terminal literally and safely."""

from rich.console import Console
from rich.text import Text

from kxtui.display import clean, literal
from tests.hostile import STORED_NAMES


def render(text: Text, width: int = 100) -> str:
    console = Console(width=width, color_system=None, force_terminal=True, legacy_windows=False)
    with console.capture() as capture:
        console.print(text)
    return capture.get()


def test_no_control_character_survives() -> None:
    for name in STORED_NAMES:
        shown = clean(name)
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown), repr(shown[:20])
        assert "\u202e" not in shown and "\u200b" not in shown


def test_escape_sequences_become_visible_symbols() -> None:
    assert clean("\x1b]52;c;aGVsbG8=\x07剪贴板") == "␛]52;c;aGVsbG8=␇剪贴板"
    assert clean("\x9b31m") == "⟨U+009B⟩31m"  # C1: its code point, as every hidden character
    assert clean("\u202eevil\u202c") == "⟨U+202E⟩evil⟨U+202C⟩"
    assert clean("零\u200b宽\u2028") == "零⟨U+200B⟩宽⟨U+2028⟩"


def test_markup_is_shown_as_typed() -> None:
    assert literal("[bold]x").plain == "[bold]x"
    assert literal("[@click=app.quit]x").spans == []


def test_long_values_are_cut_and_marked() -> None:
    shown = clean("名" * 100_000, limit=30)
    assert shown == "名" * 30 + "…"


def test_rendering_hostile_names_keeps_one_line() -> None:
    for name in STORED_NAMES:
        output = render(literal(name, 30))
        assert output.count("\n") == 1, repr(name[:20])
