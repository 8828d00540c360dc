"""Properties of the display rule and of the field checks on any Unicode text (Hypothesis):
nothing hidden reaches the terminal, a form's marks are exactly what saving removes, and a
value the checks accept is one the display shows unchanged."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kxtui.db.validation import Checker
from kxtui.display import clean, editable, hidden, marks, unmark
from kxtui.domain import VenueType
from kxtui.i18n import label, t
from tests.hostile import PAYLOAD, REFUSED_AT_INPUT, STORED_NAMES

# every code point, lone surrogates included (a str read from anywhere may hold them)
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
# text heavy in what breaks terminals, mixed with anything at all
DANGEROUS = st.sampled_from(
    [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
    + list("\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069\ufeff")
    + ["\U000e0041", "\ud800", "\u0301", "\u3000", "名"]
)
TEXT = st.text(st.one_of(ANY_CHARACTER, DANGEROUS), max_size=300)
LIMITS = st.integers(min_value=1, max_value=250)
NEWLINES = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # str.splitlines() breaks at each


def no_hidden(text: str) -> bool:
    return not any(map(hidden, text))


@given(TEXT, LIMITS)
@example(PAYLOAD, 200)
@example("名" * 1000, 30)
def test_clean_shows_nothing_hidden_on_one_bounded_line(text: str, limit: int) -> None:
    shown = clean(text, limit)
    assert no_hidden(shown)
    assert not any(c in NEWLINES for c in shown)
    assert len(shown) <= limit + 1  # "…" marks a cut
    shown.encode("utf-8")  # no lone surrogate is left to break the terminal's encoding
    assert clean(shown, limit) == shown  # shown once, shown the same again


@given(st.text(st.characters(exclude_categories=("Cc", "Cf", "Zl", "Zp", "Cs", "Mn", "Me"))))
def test_clean_keeps_ordinary_text_as_it_is(text: str) -> None:
    assert clean(text, 1000) == text[:1000] + ("…" if len(text) > 1000 else "")


@given(TEXT)
@example(PAYLOAD)
def test_editable_marks_each_hidden_character_and_saving_removes_exactly_those(text: str):
    text = unmark(text)  # (a value that already holds marks is the next test's case)
    shown = editable(text)
    assert no_hidden(shown) and not any(c in NEWLINES for c in shown)
    assert marks(shown) == sum(map(hidden, text))
    assert unmark(shown) == "".join(c for c in text if not hidden(c))
    assert editable(shown) == shown


@given(TEXT)
def test_marks_are_idempotent_whatever_the_text(text: str) -> None:
    once = editable(text)
    assert editable(once) == once and no_hidden(unmark(once))


@given(TEXT)
def test_a_quoted_value_in_any_message_is_shown_safely(text: str) -> None:
    message = t("form.venue.edit", name=text)
    assert no_hidden(message) and not any(c in NEWLINES for c in message)


@given(TEXT)
def test_a_stored_code_kxtui_does_not_know_is_shown_safely(text: str) -> None:
    assert no_hidden(label(text, VenueType))


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TEXT)
@example("\x00")
@example("\ud800")
@example(" 名\u200b ")
def test_the_checks_never_raise_refuse_hidden_text_and_keep_what_they_accept(text: str):
    checker = Checker()
    value = checker.text("name", text, required=False, limit=5000)
    for check in (checker.phone, checker.mobile, checker.region_code):
        check("other", text)  # never raises, whatever the text
    if any(map(hidden, value)):  # (what is left after NFC and trimming: "\r" is trimmed)
        assert checker.errors["name"][0] in {f"field.{r}" for r in REFUSED_AT_INPUT}
    elif "name" not in checker.errors:
        assert editable(value) == value  # accepted: never shown marked
        again = Checker()
        assert again.text("name", value, required=False, limit=5000) == value
        assert not again.errors


def test_the_fixed_hostile_names_are_refused_or_shown_unchanged() -> None:
    for name in STORED_NAMES:
        checker = Checker()
        value = checker.text("name", name, required=True, limit=len(name) + 1)
        assert ("name" in checker.errors) != (editable(value) == value), repr(name[:20])
