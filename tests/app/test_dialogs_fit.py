"""Every form and dialog at 80×24: the focused field, its open suggestions and the keys that
save (or apply, or choose) and cancel lie inside the screen, not below its last line, and open
suggestions cover neither the keys nor the dialog's title."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from kxtui.screens.confirm import ChoiceScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField
from tests.app.helpers import (
    fill,
    fully_shown,
    jump,
    make_app,
    press,
    settle,
    type_text,
    wait_until,
)
from tests.app.test_conflict import edit_then_conflict

SIZE = (80, 24)

Opener = Callable[[Pilot, pytest.MonkeyPatch], Awaitable[None]]


async def keys(pilot: Pilot, *pressed: str) -> None:
    """Press keys and let whatever they open arrive."""
    await press(pilot, *pressed)
    await settle(pilot)


async def suggest(pilot: Pilot, field: str, text: str) -> None:
    """Type `text` into the suggestion field `field` of the open form."""
    control = pilot.app.screen.query_one(f"#{field}", ChoiceInput)
    control.focus()
    await type_text(pilot, text)
    await wait_until(pilot, lambda: control.has_class("-open"))


def opens(*pressed: str, then: Opener | None = None) -> Opener:
    async def run(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
        await keys(pilot, *pressed)
        if then is not None:
            await then(pilot, monkeypatch)

    return run


def typing(field: str, text: str) -> Opener:
    async def run(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
        await suggest(pilot, field, text)

    return run


async def county_ledger_filter(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    await jump(pilot, "jzs")  # a county: its towns are suggested
    await keys(pilot, "t", "down", "f")
    await suggest(pilot, "town", "fa")


async def officer_form(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    pilot.app.action_officers()  # type: ignore[attr-defined]
    await settle(pilot)
    await keys(pilot, "a")
    await suggest(pilot, "region", "jz")


async def odd_values_asked(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The longest question a form asks: every odd value at once."""
    await keys(pilot, "l")
    await fill(pilot, "title", "很多警告")
    pilot.app.screen.query_one("#field-format", FormField).control.value = "lecture"
    await fill(pilot, "start", "1999-01-01")
    await fill(pilot, "end", "1999-01-01")
    await fill(pilot, "people_reached", "200000")
    await fill(pilot, "materials", "900000")
    await keys(pilot, "ctrl+s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoiceScreen))


async def conflict(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    await edit_then_conflict(pilot, monkeypatch)


async def drafts(pilot: Pilot, monkeypatch: pytest.MonkeyPatch) -> None:
    await keys(pilot, "l")
    await type_text(pilot, "草稿")
    form = pilot.app.screen
    form.keep_draft()  # type: ignore[attr-defined]
    await settle(pilot)
    form.dismiss(None)  # gone as after a hang-up: the draft stays
    await settle(pilot)
    pilot.app.action_drafts()  # type: ignore[attr-defined]
    await settle(pilot)


# (the dialog, how it is opened from the tree with 阜安街道 selected, where its keys are shown;
# a list opens in its search field: ↓ to its rows, where letters are its commands)
CASES: list[tuple[str, Opener, str]] = [
    ("region form", opens("a"), "#form-keys"),
    ("venue form", opens("v"), "#form-keys"),
    ("activity form", opens("l"), "#form-keys"),
    ("activity: volunteers", opens("l", then=typing("service-search", "wj")), "#form-keys"),
    ("activity: venue", opens("l", then=typing("venue", "kp")), "#form-keys"),
    ("activity: organiser", opens("l", then=typing("organiser", "fa")), "#form-keys"),
    ("activity: odd values", odd_values_asked, "ChoiceScreen Horizontal"),
    ("activity: unsaved", opens("l", "x", "escape"), "ChoiceScreen Horizontal"),
    ("volunteer form", opens("V"), "#form-keys"),
    ("volunteer: village", opens("V", then=typing("region", "gz")), "#form-keys"),
    ("volunteer: teams", opens("V", then=typing("teams-search", "fa")), "#form-keys"),
    ("officer form", officer_form, "#form-keys"),
    ("ledger filter", county_ledger_filter, "#filter-keys"),
    ("roster filter", opens("m", "down", "f", then=typing("team", "fa")), "#filter-keys"),
    ("ledger export", opens("t", "down", "x"), "#export-keys"),
    ("roster export", opens("m", "down", "x"), "#export-keys"),
    ("audit export", opens("h", "down", "x"), "#export-keys"),
    ("ledger import", opens("t", "down", "i"), "#import-keys"),
    ("roster import", opens("m", "down", "i"), "#import-keys"),
    ("delete confirm", opens("t", "down", "d"), "ChoiceScreen Horizontal"),
    ("edit conflict", conflict, "#conflict-keys"),
    ("drafts", drafts, "#drafts-keys"),
    ("jump", opens("slash", "j", "z"), "#jump-status"),
    ("pick writer", opens("h", "down", "o"), "#pick-keys"),
    ("team form: region", opens("T", "down", "a", then=typing("region", "fa")), "#form-keys"),
    ("team form: leader", opens("T", "down", "a", then=typing("leader", "w")), "#form-keys"),
    ("team members", opens("T", "down", "j", then=typing("members-search", "wj")), "#form-keys"),
    (
        "team move",
        opens("T", "down", "right", "down", "y", then=typing("parent", "jz")),
        "#form-keys",
    ),
]


@pytest.mark.parametrize(("opener", "hints"), [pytest.param(o, h, id=n) for n, o, h in CASES])
async def test_the_focus_its_suggestions_and_the_keys_are_on_the_screen(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, opener: Opener, hints: str
) -> None:
    async with make_app(demo_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await jump(pilot, "fajd")
        await opener(pilot, monkeypatch)
        screen = pilot.app.screen
        assert screen.is_modal, f"the dialog is open, not {screen}"
        focused = pilot.app.focused
        if focused is None:  # a dialog of keys only (the conflict's)
            assert not [w for w in screen.query("*") if w.focusable]
        else:
            assert fully_shown(focused), f"focus {focused} in view"
        keys_line = screen.query_one(hints)
        assert fully_shown(keys_line), f"{hints} in view"
        titles = screen.query("#form-title, #filter-title")
        for choices in screen.query(ChoiceInput).filter(".-open"):
            shown = choices.query_one(OptionList)
            assert fully_shown(shown), f"{choices.id}: suggestions"
            for covered in (keys_line, *titles):
                assert not shown.region.overlaps(covered.region), f"{choices.id} over {covered}"
