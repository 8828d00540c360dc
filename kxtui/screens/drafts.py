"""Unfinished forms (drafts) offered at start: resume one, discard one, or leave them for later."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from kxtui.db.rows import Draft
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from kxtui.screens.form import FormScreen

# form name -> module and class of its screen
FORMS = {
    "region": ("kxtui.screens.region_form", "RegionFormScreen"),
    "venue": ("kxtui.screens.venue_form", "VenueFormScreen"),
    "activity": ("kxtui.screens.activity_form", "ActivityFormScreen"),
    "volunteer": ("kxtui.screens.volunteer_form", "VolunteerFormScreen"),
    "officer": ("kxtui.screens.officer_form", "OfficerFormScreen"),
    "team": ("kxtui.screens.team_form", "TeamFormScreen"),
    "team_move": ("kxtui.screens.team_form", "TeamMoveScreen"),
    "team_members": ("kxtui.screens.team_members", "TeamMembersScreen"),
}


def form_class(form: str) -> type[FormScreen]:
    module, name = FORMS[form]
    return getattr(importlib.import_module(module), name)


class DraftsScreen(TranslatedBindings, ModalScreen[Draft | None]):
    """Dismisses with the draft to resume, or None."""

    DEFAULT_CSS = """
    DraftsScreen { align: center middle; }
    DraftsScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    DraftsScreen #drafts-title { text-style: bold; }
    DraftsScreen OptionList { height: auto; max-height: 16; border: none; }
    DraftsScreen #drafts-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "resume", "drafts.resume", id="drafts.resume", priority=True),
        Binding("d,D,delete", "discard", "drafts.discard", id="drafts.discard"),
        Binding("escape", "later", "drafts.later", id="drafts.later"),
    ]

    def __init__(self, drafts: tuple[Draft, ...]) -> None:
        super().__init__()
        self.pending = list(drafts)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("drafts.title", count=len(self.pending)), id="drafts-title")
            yield OptionList(*self._options())
            yield Label(t("drafts.keys"), id="drafts-keys")

    def _options(self) -> list[Option]:
        return [
            Option(
                Text.assemble(
                    (draft.updated_at.strftime("%m-%d %H:%M"), "bold"),
                    "  ",
                    (t(f"drafts.form.{draft.form}"), "italic"),
                    "  ",
                    clean(draft.summary, 120),
                )
            )
            for draft in self.pending
        ]

    def _selected(self) -> Draft | None:
        index = self.query_one(OptionList).highlighted
        return self.pending[index] if index is not None else None

    def on_option_list_option_selected(self) -> None:
        self.action_resume()

    def action_resume(self) -> None:
        draft = self._selected()
        if draft is not None:
            self.dismiss(draft)

    def action_discard(self) -> None:
        draft = self._selected()
        if draft is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self.app.drafts.forget(draft.form, draft.target)
            self.pending.remove(draft)
            if not self.pending:
                self.dismiss(None)
                return
            options = self.query_one(OptionList)
            options.clear_options()
            options.add_options(self._options())
            options.highlighted = 0
            self.query_one("#drafts-title", Label).update(
                t("drafts.title", count=len(self.pending))
            )

        question = t("drafts.confirm_discard", summary=draft.summary)
        self.app.push_screen(ConfirmScreen(question, t("form.discard"), t("form.keep")), confirmed)

    def action_later(self) -> None:
        self.dismiss(None)
