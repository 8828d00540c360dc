"""The edit-conflict dialog: someone else saved the record while this form was open. Each field
that differs shows my value and theirs; the officer keeps mine, takes theirs, or picks per field.
Nothing is saved over their change without this choice."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from rich.box import SIMPLE_HEAD
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kxtui.db.errors import ConflictError
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import KxScreen, TranslatedBindings
from kxtui.widgets.control_values import field_values, restore_fields, shown_values
from kxtui.widgets.form_field import FormField
from kxtui.widgets.workers import run_db

THEIRS = "theirs"


class FieldConflict(NamedTuple):
    field: str
    caption: str
    mine: str  # as the form shows it
    theirs: str
    keep_mine: bool  # the starting choice: mine where I changed the field, else theirs


class ConflictScreen(TranslatedBindings, ModalScreen[Any]):
    """Dismisses with {field: True to keep mine} to save (M: every field mine), THEIRS to load
    their record into the form, or None (Esc) to go back to editing my values."""

    DEFAULT_CSS = """
    ConflictScreen { align: center middle; }
    ConflictScreen > Vertical {
        width: 94%; max-width: 110; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ConflictScreen #conflict-title { text-style: bold; }
    ConflictScreen VerticalScroll { height: auto; max-height: 1fr; }
    ConflictScreen #conflict-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "key.move", show=False),
        Binding("down", "move(1)", "key.move", show=False),
        Binding("left", "choose(True)", "key.choose_mine", show=False),
        Binding("right", "choose(False)", "key.choose_theirs", show=False),
        Binding("space", "flip", "key.flip", show=False),
        Binding("enter", "merge", "key.save", id="conflict.merge"),
        # the dialog names them M and T: Shift or Caps Lock must not make them dead keys;
        # priority: the letter closes the dialog and is used up, never passed on to the form
        Binding("m,M", "keep_mine", "key.keep_mine", show=False, priority=True),
        Binding("t,T", "take_theirs", "key.take_theirs", show=False, priority=True),
        Binding("escape", "back", "key.back", id="conflict.back"),
    ]

    def __init__(self, by: str, at: str, fields: list[FieldConflict]) -> None:
        super().__init__()
        self.by, self.at = by, at
        self.fields = fields
        self.keep = {f.field: f.keep_mine for f in fields}
        self.row = 0

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("conflict.title", by=clean(self.by, 30), at=self.at)),
                        id="conflict-title")  # fmt: skip
            with VerticalScroll(can_focus=False):
                yield Static(self._table(), id="conflict-fields")
            yield Static(t("conflict.keys"), id="conflict-keys")

    def _table(self) -> Table:
        table = Table(box=SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False,
                      header_style="bold")  # fmt: skip
        table.add_column(t("conflict.field"), ratio=2, no_wrap=True)
        for caption in (t("conflict.mine"), t("conflict.theirs")):
            table.add_column(caption, ratio=3, no_wrap=True, overflow="ellipsis")
        for i, f in enumerate(self.fields):
            mine = self.keep[f.field]
            cells = [
                Text(("▸ " if i == self.row else "  ") + clean(f.caption, 30)),
                Text(("● " if mine else "○ ") + clean(f.mine or "—", 200),
                     style="bold green" if mine else "dim"),
                Text(("○ " if mine else "● ") + clean(f.theirs or "—", 200),
                     style="dim" if mine else "bold green"),
            ]  # fmt: skip
            table.add_row(*cells, style="on grey30" if i == self.row else "")
        return table

    def _redraw(self) -> None:
        self.query_one("#conflict-fields", Static).update(self._table())

    def action_move(self, step: int) -> None:
        self.row = max(0, min(len(self.fields) - 1, self.row + step))
        self._redraw()

    def action_choose(self, mine: bool) -> None:
        self.keep[self.fields[self.row].field] = mine
        self._redraw()

    def action_flip(self) -> None:
        self.action_choose(not self.keep[self.fields[self.row].field])

    def action_merge(self) -> None:
        self.dismiss(dict(self.keep))

    def action_keep_mine(self) -> None:
        self.dismiss(dict.fromkeys(self.keep, True))

    def action_take_theirs(self) -> None:
        self.dismiss(THEIRS)

    def action_back(self) -> None:
        self.dismiss(None)


class ResolvesConflicts(KxScreen):
    """What a form does when its save meets someone else's (`ConflictError`): it reads their
    record, shows the fields that differ in the dialog, and keeps, takes or mixes them."""

    if TYPE_CHECKING:
        _initial: dict[str, Any] | None

        def draft_context(self) -> dict[str, Any]: ...
        @staticmethod
        def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None: ...
        def use_existing(self, existing: Any) -> None: ...
        def prepare(self) -> None: ...
        def action_save(self, confirmed: bool = False) -> None: ...
        def _status(self, message: str) -> None: ...

    def compare_with_theirs(self, error: ConflictError) -> None:
        """Read the record as they saved it; the dialog then compares it with mine."""
        mine, shown_mine = field_values(self), shown_values(self)
        context = {k: v for k, v in self.draft_context().items() if k != "version"}

        async def loaded(kwargs: dict[str, Any] | None) -> None:
            if not kwargs or "existing" not in kwargs:
                self._status(t("refused.gone"))
                return
            base = self._initial or {}
            self.use_existing(kwargs["existing"])
            await self.recompose()  # the fields now hold their values
            self.prepare()
            theirs, shown_theirs = field_values(self), shown_values(self)
            self._initial = theirs  # what is saved now is what "changed" compares with
            fields = [
                FieldConflict(name, self.query_one(f"#field-{name}", FormField).caption,
                              shown_mine[name], shown_theirs.get(name, ""),
                              keep_mine=value != base.get(name))
                for name, value in mine.items() if value != theirs.get(name)
            ]  # fmt: skip
            if not fields:
                self._status(t("conflict.none"))
                return
            by, at = str(error.params.get("by", "")), str(error.params.get("at", ""))
            edited = {name: value for name, value in mine.items() if value != base.get(name)}
            self.app.push_screen(
                ConflictScreen(by, at, fields),
                lambda answer: self._resolved(answer, mine, theirs, edited),
            )

        run_db(self, type(self).reopen_kwargs, context, done=loaded, group="form-save")

    def _resolved(
        self, answer: Any, mine: dict[str, Any], theirs: dict[str, Any], edited: dict[str, Any]
    ) -> None:
        """The form holds their record; `edited` is the part of `mine` I changed."""
        if answer == THEIRS:
            self._status(t("conflict.took_theirs"))
        elif answer is None:  # my changes on their record: what I did not touch stays theirs
            restore_fields(self, edited)
            self._status(t("conflict.back"))
        else:
            restore_fields(self, {k: mine[k] if answer.get(k) else v for k, v in theirs.items()})
            self.action_save()
