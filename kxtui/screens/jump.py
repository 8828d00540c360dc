"""Jump-to: find a region or venue by characters, full pinyin or initials, per keystroke."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from kxtui.db import search
from kxtui.db.rows import NodeRef, SearchHit
from kxtui.display import literal
from kxtui.domain import RegionKind, VenueType
from kxtui.i18n import label, t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.workers import run_db


def hit_label(hit: SearchHit) -> Text:
    text = Text("◆ " if hit.ref.kind == "venue" else "", style="dim")
    text.append_text(literal(hit.name, 40, style="bold"))
    kind = RegionKind if hit.ref.kind == "region" else VenueType
    text.append(f"  {label(hit.type, kind)}", style="dim")
    if hit.where:
        text.append("  ")
        text.append_text(literal(" › ".join(hit.where), 60, style="dim italic"))
    return text


class JumpScreen(TranslatedBindings, ModalScreen[NodeRef | None]):
    CSS_PATH = "jump.tcss"
    BINDINGS = [
        Binding("escape", "dismiss_none", "key.close", id="jump.close"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.hits: tuple[SearchHit, ...] = ()
        self.searched_for: str | None = None  # the query the list shows results of

    def compose(self) -> ComposeResult:
        with Vertical(id="jump"):
            yield Label(t("jump.title"), id="jump-title")
            yield Input(placeholder=t("jump.placeholder"), id="jump-input", compact=True)
            yield OptionList(id="jump-results")
            yield Label(t("jump.hint"), id="jump-status")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        run_db(self, search.search, event.value, done=self._show(event.value), group="search")

    def _show(self, query: str) -> Callable[[tuple[SearchHit, ...]], None]:
        def show(hits: tuple[SearchHit, ...]) -> None:
            self.hits = hits
            results = self.query_one(OptionList)
            results.clear_options()
            results.add_options(Option(hit_label(hit)) for hit in hits)
            if hits:
                results.highlighted = 0
            status = self.query_one("#jump-status", Label)
            if not query.strip():
                status.update(t("jump.hint"))
            elif not hits:
                status.update(t("jump.none"))
            else:
                key = "jump.count_limited" if len(hits) >= search.LIMIT else "jump.count"
                status.update(f"{t(key, count=len(hits))}   {t('jump.hint')}")
            self.searched_for = query

        return show

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def on_input_submitted(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.hits):
            self.dismiss(self.hits[highlighted].ref)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index].ref)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
