"""A team's own members: a volunteer found by characters, pinyin or initials joins with Enter,
Ctrl+D in the list takes the one under the cursor out; Ctrl+S saves who joined and who left
in one write."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult

from kxtui.db import team_writes, teams
from kxtui.db.rows import Draft, NodeRef, TeamMembers
from kxtui.i18n import t
from kxtui.screens.form import FormScreen
from kxtui.widgets.form_field import FormField
from kxtui.widgets.member_list import MemberList


class TeamMembersScreen(FormScreen):
    """Dismisses with the team's NodeRef."""

    form_name = "team_members"

    def __init__(self, *, existing: TeamMembers, draft: Draft | None = None) -> None:
        super().__init__(draft=draft)
        self.existing = existing
        if draft is None:
            self.draft_target = f"team:{existing.team.id}"
        self.title_text = t("team.form.members", name=existing.team.name)

    def fields(self) -> ComposeResult:
        yield FormField(
            "members",
            t("team.members"),
            MemberList(self._find, self.existing.members, id="members"),
        )

    def _find(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        from kxtui.db.volunteer_search import find_volunteers

        return find_volunteers, (self.existing.team.region.id, text)

    def values(self) -> tuple[int, ...]:
        return tuple(c.id for c in self.query_one(MemberList).chosen)

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        team = self.existing.team
        return _save, (team.id, team.version, self.values())

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return team_writes.check_members, (self.existing.team.id, self.values())

    def draft_context(self) -> dict[str, Any]:
        return {"team_id": self.existing.team.id, "version": self.existing.team.version}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        team = teams.detail(context["team_id"])
        if team is None:
            return None
        team = team._replace(version=context.get("version", team.version))
        return {"existing": TeamMembers(team, teams.members(team.id))}


def _save(team_id: int, version: int, volunteer_ids: tuple[int, ...]) -> NodeRef:
    team_writes.set_members(team_id, version, volunteer_ids)
    return NodeRef("team", team_id)
