"""The modal form every form screen builds on: Ctrl+S saves in a worker, errors appear beside
their fields, Esc with changes asks first, nothing typed is lost by an error, and what is typed
is kept as a draft (about a second after the last keystroke, and on hang-up) until the form is
saved or discarded. When someone else saved the record meanwhile, the conflict dialog shows
their values beside mine (`kxtui.screens.conflict`): never a silent overwrite."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, Static, TextArea

from kxtui.db.errors import ConflictError, KxError, NeedsConfirmation, ValidationError
from kxtui.db.rows import Draft
from kxtui.db.validation import problems
from kxtui.display import marks
from kxtui.i18n import t
from kxtui.screens.base import KxScreen, RoomForSuggestions, TranslatedBindings
from kxtui.screens.confirm import ChoiceScreen
from kxtui.screens.conflict import ResolvesConflicts
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.control_values import (
    field_values,
    first_typed,
    restore_fields,
)
from kxtui.widgets.form_field import Edited, FormField, SafeInput
from kxtui.widgets.workers import run_db

DRAFT_DELAY = 1.0  # seconds after the last change


def _shows_error(field: FormField) -> bool:
    """Whether a field shows a message of a check (not a note on hidden characters or on a
    code kxtui does not know, which follow the field themselves)."""
    return field.has_class("-invalid") and not (
        field.has_class("-marked") or field.has_class("-odd")
    )


class FormScreen(ResolvesConflicts, RoomForSuggestions, TranslatedBindings, ModalScreen[Any]):
    """A modal form. Subclasses compose fields, say what saving calls (`save_call`), and what
    reopens them from a draft (`draft_context`, `reopen_kwargs`)."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > #form {
        width: 90%; max-width: 100; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FormScreen #form-title { text-style: bold; width: 1fr; dock: top; }
    FormScreen #form-foot { dock: bottom; height: auto; }
    FormScreen #form-body { height: auto; max-height: 1fr; }
    FormScreen #form-status { color: $text-error; height: auto; }
    FormScreen #form-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("escape", "cancel", "key.cancel", id="form.cancel"),
    ]
    WRITES = frozenset({"save"})  # a viewer may read a record in its form, not save it

    form_name: ClassVar[str] = ""
    title_text = ""

    def __init__(self, *, draft: Draft | None = None) -> None:
        super().__init__()
        self.resumed = draft
        self.draft_target = draft.target if draft else f"new:{uuid.uuid4().hex[:12]}"
        self._draft_timer: Timer | None = None
        self._last_draft: dict[str, Any] | None = None
        self._finished = False
        self.confirmed = False
        self._save_when_settled: bool | None = None  # Ctrl+S waits for suggestions (confirmed?)
        self._initial: dict[str, Any] | None = None  # the fields as the form opened (mounted)
        self._saving = False

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(Text(self.title_text), id="form-title")
            yield from self.body()
            with Vertical(id="form-foot"):  # docked: a long form scrolls above its keys
                yield Static("", id="form-status")
                yield Label(f"{t('form.save')}   {t('form.cancel')}", id="form-keys")

    def body(self) -> ComposeResult:
        """The fields in a scrolling body (a form may put more around it)."""
        with VerticalScroll(id="form-body"):
            yield from self.fields()

    def fields(self) -> ComposeResult:
        raise NotImplementedError

    def values(self) -> Any:
        """Everything the person typed or chose, as the save call wants it (by field name,
        or a form's own tuple)."""
        raise NotImplementedError

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """The data-layer function and arguments that save this form."""
        raise NotImplementedError

    def draft_context(self) -> dict[str, Any]:
        """What `reopen_kwargs` needs to build this form again (ids, JSON-safe)."""
        raise NotImplementedError

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        """Run in a worker: the constructor arguments for a draft's context, or None when the
        record it edits is gone."""
        raise NotImplementedError

    @classmethod
    def open_stored(
        cls,
        owner: KxScreen,
        context: dict[str, Any],
        written: Callable[[Any], None],
        gone: Callable[[], None] | None = None,
    ) -> None:
        """Open this form on the record of `context` (as `draft_context` names it) as stored
        now, read in a worker: not as a tree or a list read it earlier, so another officer's
        save or an undo since is what the form shows and saves over. `gone` runs when the
        record no longer exists (after saying so)."""

        def loaded(kwargs: dict[str, Any] | None) -> None:
            if kwargs is None:
                owner.app.show_error(KxError("refused.gone"))
                if gone is not None:
                    gone()
            else:
                owner.app.push_screen(cls(**kwargs), written)

        run_db(owner, cls.reopen_kwargs, context, done=loaded, group="form-open")

    def prepare(self) -> None:
        """After the fields are composed (again, when a conflict loads someone else's save)."""

    def use_existing(self, existing: Any) -> None:
        """Edit this fresher read of the record from now on (its version, its values)."""
        self.existing = existing

    def on_mount(self) -> None:
        self.prepare()
        self._initial = field_values(self)
        if self.resumed is not None:
            restore_fields(self, self.resumed.data.get("values", {}))
            self._last_draft = field_values(self)
        first = self._first_input()
        if first is not None:
            self.set_focus(first)  # at once: keys typed right after opening land in it

    def _first_input(self) -> Input | None:
        inputs = self.query(Input)
        return inputs.first() if inputs else None

    def on_key(self, event: Key) -> None:
        """A printable key sent to the form itself while it was opening (see `KxApp.on_key`)
        goes into the focused field, or the first one. A focused field keeps its own keys,
        so a key that reaches the form past a focused field was sent to the form."""
        if not (event.is_printable and event.character):
            return
        focused = self.focused
        target = focused if isinstance(focused, Input) else None
        if focused is None:
            target = self._first_input()
        if target is not None:
            event.stop()
            self.set_focus(target)
            if isinstance(target, SafeInput):
                target.type_over(event.character)
            else:
                target.insert_text_at_cursor(event.character)

    # -- values and drafts -----------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the fields differ from what the form opened on (typed and deleted again,
        or a resumed draft equal to the record, is no change)."""
        return field_values(self) != self._initial

    def draft_summary(self) -> str:
        """The title, and the first text typed (not a choice's code: 支队, not "branch")."""
        typed = first_typed(self)
        return f"{self.title_text} · {typed[:40]}" if typed else self.title_text

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    @on(TextArea.Changed)
    @on(Edited)
    def _changed(self) -> None:
        if self._finished or not self.is_mounted or self._initial is None:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.keep_draft)
        self._recheck()

    def keep_draft(self) -> None:
        """Hand the form's current state to the app's draft keeper (if it changed)."""
        if self._finished or self._initial is None:
            return
        values = field_values(self)
        if values == self._last_draft:
            return
        keeper = self.app.drafts
        if values == self._initial:
            keeper.forget(self.form_name, self.draft_target)
        else:
            data = {"context": self.draft_context(), "values": values}
            keeper.save(self.form_name, self.draft_target, self.draft_summary(), data)
        self._last_draft = values

    def _close(self, result: Any) -> None:
        """Leave the form for good: its draft goes (queued after any earlier draft write)."""
        self._finished = True
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self.app.drafts.forget(self.form_name, self.draft_target)
        self.dismiss(result)

    # -- saving ----------------------------------------------------------------

    def action_save(self, confirmed: bool = False) -> None:
        if self._saving or not self._choices_ready(confirmed):
            return
        # an unchanged record: no write (the data layer would write nothing either)
        if getattr(self, "existing", None) is not None and not self.dirty and not self._marked():
            self.app.notify(t("form.unchanged"), timeout=3)
            self._close(None)
            return
        self._saving = True
        self.confirmed = confirmed  # the person has seen the warnings and saves anyway
        self.query_one("#form-status", Static).update(Text(t("form.saving"), style="dim"))
        fn, args = self.save_call()
        run_db(self, fn, *args, done=self._close, failed=self._failed, group="form-save")

    def _marked(self) -> bool:
        """Whether a field shows hidden characters of the stored record, which saving removes:
        a change, though the officer typed nothing."""
        return any(isinstance(v, str) and marks(v) for v in field_values(self).values())

    def _choices_ready(self, confirmed: bool) -> bool:
        """Whether every suggestion field holds what was meant: a save waits for suggestions
        still on their way (a fast Enter then Ctrl+S), takes a name typed in full, and refuses
        text in a strict field that names no record (it would be saved as nothing)."""
        choices = list(self.query(ChoiceInput))
        if any(choice.searching for choice in choices):
            self._save_when_settled = confirmed
            return False
        unresolved = []
        for field in self.query(FormField):
            if field.odd_note():  # a stored code or date kxtui does not know: not saved
                field.set_error(None)
                unresolved.append(field)
            if isinstance(field.control, ChoiceInput):
                field.control.resolve_exact()
                if field.control.unresolved:
                    field.set_error(t("field.choose_from_list"))
                    unresolved.append(field)
        if unresolved:
            unresolved[0].control.focus()
            self.query_one("#form-status", Static).update(
                Text(t("form.errors", count=len(unresolved)))
            )
        return not unresolved

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]] | None:
        """The data-layer function and arguments that check this form as saving would
        (raising ValidationError), without saving; every form should say (None: its
        messages stay until the next save)."""
        return None

    def _recheck(self) -> None:
        """Once a field shows an error, each change checks the form again (in a worker), so
        a message goes as soon as its field is right."""
        if self._saving or not any(_shows_error(f) for f in self.query(FormField)):
            return
        call = self.check_call()
        if call is None:
            return
        fn, args = call
        run_db(self, problems, fn, *args, done=self._rechecked, failed=lambda _: None,
               group="form-recheck")  # fmt: skip

    def _rechecked(self, found: tuple[dict[str, tuple[str, dict[str, Any]]], bool]) -> None:
        errors, warnings = found
        if self._finished or self._saving:
            return
        for field in self.query(FormField):
            if not _shows_error(field) or getattr(field.control, "unresolved", False):
                continue  # a pick still to make keeps its message (see `_choices_ready`)
            key, params = errors.get(field.field, (None, {}))
            field.set_error(t(key, **params) if key else None, warning=warnings)
        if not any(_shows_error(f) for f in self.query(FormField)):
            self._status("")

    @on(ChoiceInput.Settled)
    def _settled(self) -> None:
        if self._save_when_settled is not None:
            confirmed, self._save_when_settled = self._save_when_settled, None
            self.action_save(confirmed)

    def _failed(self, error: KxError) -> None:
        self._saving = False
        status = self.query_one("#form-status", Static)
        for field in self.query(FormField):
            field.set_error(None)
        if isinstance(error, ConflictError):
            self.compare_with_theirs(error)
            return
        if not isinstance(error, ValidationError):
            status.update(Text(t(error.key, **error.params)))
            return
        first: FormField | None = None
        for name, (key, params) in error.errors.items():
            matches = self.query(f"#field-{name}")
            if matches:
                field = matches.first(FormField)
                field.set_error(t(key, **params), warning=isinstance(error, NeedsConfirmation))
                first = first or field
        if first is not None:
            first.control.focus()
            first.scroll_visible(animate=False)
        if isinstance(error, NeedsConfirmation):
            status.update(Text(t("form.warnings", count=len(error.errors)), style="bold"))
            messages = "\n".join(f"· {t(key, **params)}" for key, params in error.errors.values())
            question = f"{t('form.confirm_warnings')}\n{messages}"
            answers = [("y", t("form.save_anyway"), True), ("n", t("form.keep"), False)]
            self.app.push_screen(ChoiceScreen(question, answers), self._confirmed)
        else:
            status.update(Text(t("form.errors", count=len(error.errors))))

    def _confirmed(self, save_anyway: bool | None) -> None:
        if save_anyway:
            self.action_save(confirmed=True)

    def _status(self, message: str) -> None:
        self.query_one("#form-status", Static).update(Text(message))

    # -- leaving ---------------------------------------------------------------

    def action_cancel(self) -> None:
        if not self.dirty:
            self._close(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self._close(None)

        answers = [
            ("s", t("form.save_now"), "save"),
            ("d", t("form.discard"), "discard"),
            ("k", t("form.keep"), "keep"),
        ]
        self.app.push_screen(ChoiceScreen(t("form.unsaved"), answers), answered)
