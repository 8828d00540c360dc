"""A team's members, chosen as `ChoiceList` chooses records: a search field suggests volunteers
(characters, full pinyin or initials) and Enter adds the highlighted one; Ctrl+D in the list
takes out the member under the cursor. The members are one scrolling list (a Line-API
`OptionList`, not a widget per person), so a team of hundreds opens at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kxtui.db.rows import Choice
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import Edited


class MemberList(Vertical):
    DEFAULT_CSS = """
    MemberList { height: auto; width: 1fr; }
    MemberList > #member-lines { height: auto; max-height: 10; border: none; padding: 0; }
    MemberList .choice-count { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("ctrl+d", "remove", "key.remove", id="members.remove", priority=True)]

    class Changed(Edited):
        pass

    def __init__(
        self,
        find: Callable[[str], tuple[Callable[..., Any], tuple[Any, ...]]],
        members: tuple[Choice, ...],
        *,
        id: str,  # noqa: A002 (Textual's name)
    ) -> None:
        """`find(text)` gives the data-layer call for the suggestions (as for ChoiceInput)."""
        super().__init__(id=id)
        self.find = find
        self.members = list(members)

    def compose(self) -> ComposeResult:
        yield ChoiceInput(
            self.find,
            placeholder=t("team.find_member"),
            flag_text=t("service.unregistered"),
            id=f"{self.id}-search",
        )
        yield OptionList(*map(_line, self.members), id="member-lines")
        yield Static("", classes="choice-count")

    def on_mount(self) -> None:
        self._count()

    @property
    def chosen(self) -> tuple[Choice, ...]:
        return tuple(self.members)

    @property
    def draft_value(self) -> list[list[Any]]:
        return [[c.id, c.name, c.hint] for c in self.members]

    def restore_draft(self, value: list[list[Any]]) -> None:
        self.members = [Choice(*item) for item in value]
        lines = self.query_one("#member-lines", OptionList)
        lines.clear_options()
        lines.add_options(map(_line, self.members))
        self._count()

    def add(self, choice: Choice) -> None:
        """A new member, at the top of the list, where it is seen."""
        if any(c.id == choice.id for c in self.members):
            self.app.notify(t("team.member_twice", name=choice.name), severity="warning",
                            markup=False)  # fmt: skip
            return
        self.members.insert(0, choice)
        self.restore_draft(self.draft_value)
        self.post_message(self.Changed())

    @on(ChoiceInput.Chosen)
    def _chosen(self, event: ChoiceInput.Chosen) -> None:
        event.stop()
        if event.choice is not None:
            self.add(event.choice)
            event.control.clear()
            event.control.focus()

    def action_remove(self) -> None:
        lines = self.query_one("#member-lines", OptionList)
        index = lines.highlighted
        if not lines.has_focus or index is None:
            raise SkipAction()  # in the search field Ctrl+D is its own (delete right)
        del self.members[index]
        lines.remove_option_at_index(index)
        self._count()
        self.post_message(self.Changed())

    def _count(self) -> None:
        for count in self.query(".choice-count").results(Static):  # none once the form closed
            count.update(t("team.members_count", count=len(self.members)))


def _line(member: Choice) -> Option:
    return Option(
        Text.assemble("· ", clean(member.name, 30), ("  " + clean(member.hint, 30), "dim"))
    )
