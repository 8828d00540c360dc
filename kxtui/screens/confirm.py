"""Questions with two or three answers, each on a button and a letter key; Esc is the safe one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.widgets.button import ButtonVariant

from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings


class ChoiceScreen(TranslatedBindings, ModalScreen[Any]):
    """Dismisses with the chosen answer's value; Esc (and the starting focus) is the last one."""

    DEFAULT_CSS = """
    ChoiceScreen { align: center middle; }
    ChoiceScreen > Vertical {
        width: auto; max-width: 70; height: auto; border: round $warning;
        background: $surface; padding: 1 2;
    }
    ChoiceScreen Static { width: auto; max-width: 64; margin-bottom: 1; }
    ChoiceScreen Horizontal { height: auto; width: auto; }
    ChoiceScreen Button { margin-right: 2; min-width: 10; }
    """
    BINDINGS = [Binding("escape", "choose_last", "key.cancel", id="confirm.no")]

    def __init__(self, question: str, answers: Sequence[tuple[str, str, Any]]) -> None:
        """`answers`: (letter key, label, value) each; the first is the prominent one."""
        super().__init__()
        self.question = question
        self.answers = list(answers)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                for i, (letter, text, _) in enumerate(self.answers):
                    variant: ButtonVariant = "warning" if i == 0 else "default"
                    # the key as it is typed (y, not Y, which is Shift+Y)
                    yield Button(f"{text} ({letter})", id=f"answer-{i}", variant=variant,
                                 compact=True)  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(f"#answer-{len(self.answers) - 1}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.answers[int(str(event.button.id).rsplit("-", 1)[1])][2])

    def on_key(self, event: events.Key) -> None:
        for letter, _, value in self.answers:
            if event.key == letter:
                event.stop()
                self.dismiss(value)
                return

    def action_choose_last(self) -> None:
        self.dismiss(self.answers[-1][2])


class ConfirmScreen(ChoiceScreen):
    """Yes (Y) or no (N / Esc); dismisses with True or False."""

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__(question, [("y", yes, True), ("n", no, False)])


def ask_overwrite(
    screen: ModalScreen[Any], path: object, field: Input, again: Callable[[], None],
    said: Callable[[str], None],
) -> None:  # fmt: skip
    """A file named in `field` exists: ask before writing over it (`again` writes it, over);
    kept, say so with `said` and put the cursor before the extension, for another name."""

    def answered(overwrite: bool | None) -> None:
        if overwrite:
            again()
            return
        name = Path(field.value)
        said(t("export.kept", name=name.name))
        field.select_on_focus = False  # (it would select the whole name: the cursor stays)
        field.focus()
        field.cursor_position = len(field.value) - len(name.suffix)

    question = t("sheet.export.overwrite", path=clean(path, 200))
    yes, no = t("sheet.export.overwrite_yes"), t("sheet.export.overwrite_no")
    screen.app.push_screen(ConfirmScreen(question, yes, no), answered)
