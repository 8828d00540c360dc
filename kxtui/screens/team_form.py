"""Add or edit a volunteer team (name, level, domain, where it is based, its leader), and
move a team under another team."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Select

from kxtui.db import team_writes, teams
from kxtui.db.find import find_regions
from kxtui.db.rows import Choice, Draft, NodeRef, TeamDetail, TeamInput
from kxtui.domain import Domain, RegionKind, TeamLevel
from kxtui.i18n import label, t
from kxtui.screens.form import FormScreen
from kxtui.widgets.choice_input import ChoiceInput
from kxtui.widgets.form_field import FormField, saved, select, text_input


def _regions(text: str) -> tuple[Choice, ...]:
    """Regions by name or pinyin, each with its kind (镇, 村 ...) as the hint."""
    return tuple(c._replace(hint=label(c.hint, RegionKind)) for c in find_regions(text))


def _stored(context: dict[str, Any]) -> TeamDetail | None:
    """The team of a draft's context as stored now, at the version the draft was typed
    against (a save after someone else's is then refused)."""
    found = teams.detail(context["team_id"])
    return found._replace(version=context.get("version", found.version)) if found else None


class TeamFormScreen(FormScreen):
    """A new team under `parent` (None: without a parent, based in `region`), or `existing`
    edited. Dismisses with the team's NodeRef."""

    form_name = "team"

    def __init__(
        self,
        *,
        parent: TeamDetail | None = None,
        region: Choice | None = None,
        existing: TeamDetail | None = None,
        draft: Draft | None = None,
    ) -> None:
        super().__init__(draft=draft)
        self.parent_team = parent
        self.based_in = existing.region if existing else parent.region if parent else region
        self.existing = existing
        if existing is not None and draft is None:
            self.draft_target = f"team:{existing.id}"
        if existing is not None:
            self.title_text = t("team.form.edit", name=existing.name)
            parent_level = existing.parent_level
        elif parent is not None:
            self.title_text = t("team.form.new", parent=parent.name)
            parent_level = parent.level
        else:
            self.title_text = t("team.form.new_top")
            parent_level = None
        self.levels = teams.levels_below(parent_level)

    def fields(self) -> ComposeResult:
        e = self.existing
        level = e.level if e else self.levels[0].value if self.levels else None
        yield FormField("name", t("form.name"), text_input(e.name if e else ""))
        levels = [(label(x), x.value) for x in self.levels]
        yield FormField("level", t("team.level"), select(levels, level, blank=False))
        domains = [(label(x), x.value) for x in Domain]
        parent = self.parent_team  # a new team's domain is its parent's, to begin with
        domain = select(domains, e.domain if e else parent.domain if parent else None, blank=True)
        yield FormField("domain", t("team.domain"), domain)
        yield FormField(
            "region",
            t("team.region"),
            ChoiceInput(_region_call, choice=self.based_in, placeholder=t("team.find_region"),
                        id="region"),
        )  # fmt: skip
        yield FormField(
            "leader",
            t("team.leader"),
            ChoiceInput(self._find_leader, choice=e.leader if e else None,
                        placeholder=t("team.find_leader"), id="leader"),
        )  # fmt: skip

    def _control(self, field: str) -> Any:
        return self.query_one(f"#field-{field}", FormField).control

    def _find_leader(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        from kxtui.db.volunteer_search import find_volunteers

        region = self._control("region").choice
        return find_volunteers, (region.id if region else None, text)

    def values(self) -> TeamInput:
        level, domain = self._control("level").value, self._control("domain").value
        region, leader = self._control("region").choice, self._control("leader").choice
        return TeamInput(
            name=saved(self._control("name")),
            level="" if level is Select.NULL else level,
            domain="" if domain is Select.NULL else domain,
            region_id=region.id if region else None,
            leader_id=leader.id if leader else None,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        if self.existing is not None:
            return _update, (self.existing.id, self.existing.version, self.values())
        return _create, (self.parent_team.id if self.parent_team else None, self.values())

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        parent_id = self.parent_team.id if self.parent_team else None
        team_id = self.existing.id if self.existing else None
        return team_writes.check_team, (self.values(), parent_id, team_id)

    def draft_context(self) -> dict[str, Any]:
        if self.existing is not None:
            return {"team_id": self.existing.id, "version": self.existing.version}
        if self.parent_team is not None:
            return {"parent_id": self.parent_team.id}
        return {"region": list(self.based_in) if self.based_in else None}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        if "team_id" in context:
            existing = _stored(context)
            return {"existing": existing} if existing else None
        if context.get("parent_id") is not None:
            parent = teams.detail(context["parent_id"])
            return {"parent": parent} if parent else None
        region = context.get("region")
        return {"region": Choice(*region) if region else None}


def _region_call(text: str) -> tuple[Any, tuple[Any, ...]]:
    return _regions, (text,)


def _create(parent_id: int | None, data: TeamInput) -> NodeRef:
    return NodeRef("team", team_writes.create_team(parent_id, data))


def _update(team_id: int, version: int, data: TeamInput) -> NodeRef:
    team_writes.update_team(team_id, version, data)
    return NodeRef("team", team_id)


class TeamMoveScreen(FormScreen):
    """Put `existing` (with the teams below it) under another team, chosen by characters,
    pinyin or initials among those it may sit under. Dismisses with the team's NodeRef."""

    form_name = "team_move"

    def __init__(self, *, existing: TeamDetail, draft: Draft | None = None) -> None:
        super().__init__(draft=draft)
        self.existing = existing
        if draft is None:
            self.draft_target = f"team:{existing.id}"
        level = label(existing.level, TeamLevel)
        self.title_text = t("team.form.move", name=existing.name, level=level)

    def fields(self) -> ComposeResult:
        yield FormField(
            "parent",
            t("team.parent"),
            ChoiceInput(self._find_parent, choice=self.existing.parent,
                        placeholder=t("team.find_parent"), id="parent"),
        )  # fmt: skip

    def _find_parent(self, text: str) -> tuple[Any, tuple[Any, ...]]:
        return teams.find_parents, (self.existing.id, text)

    def values(self) -> dict[str, Any]:
        parent = self.query_one("#field-parent", FormField).control.choice
        return {"parent_id": parent.id if parent else None}

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        e = self.existing
        return _move, (e.id, e.version, self.values()["parent_id"])

    def check_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return team_writes.check_move, (self.existing.id, self.values()["parent_id"])

    def draft_context(self) -> dict[str, Any]:
        return {"team_id": self.existing.id, "version": self.existing.version}

    @staticmethod
    def reopen_kwargs(context: dict[str, Any]) -> dict[str, Any] | None:
        existing = _stored(context)
        return {"existing": existing} if existing else None


def _move(team_id: int, version: int, parent_id: int | None) -> NodeRef:
    team_writes.move_team(team_id, version, parent_id)
    return NodeRef("team", team_id)
