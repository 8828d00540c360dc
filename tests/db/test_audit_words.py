"""The audit log in the officer's words: records by name (a deleted one too), plain field
names, each field once, in the entry and in the export."""

from __future__ import annotations

from pathlib import Path

from playhouse.test_utils import count_queries

from kxtui.db import activities, audit, officers, venues, volunteers
from kxtui.db.audit_names import record_names
from kxtui.db.audit_text import action_caption, entity_caption, field_caption, value_text
from kxtui.db.engine.models import Region, Team, Venue, Volunteer
from kxtui.db.rows import (
    ActivityInput,
    AuditChange,
    AuditFilter,
    OfficerInput,
    ServiceInput,
    VenueInput,
)
from kxtui.db.sheets.export_audit import export_audit
from kxtui.i18n import STRINGS, set_language, words
from tests.db.test_audit import last_id, volunteer_input


def lines(entry_id: int) -> dict[str, tuple[str, str]]:
    """Each field of an entry as the audit screen words it: caption -> (before, after)."""
    found = audit.detail(entry_id)
    assert found is not None
    shown_in = words()
    worded = [
        (field_caption(found.row.entity, c.field, shown_in),
         value_text(c.field, c.old, shown_in, found.names),
         value_text(c.field, c.new, shown_in, found.names))
        for c in found.changes
    ]  # fmt: skip
    captions = [caption for caption, _, _ in worded]
    assert len(set(captions)) == len(captions), f"a caption twice: {captions}"
    return {caption: (old, new) for caption, old, new in worded}


def logged_activity() -> tuple[int, Venue, Team, list[Volunteer]]:
    venue = Venue.select().join(Region).where(Region.kind == "village").first()
    team = Team.select().first()
    served = list(Volunteer.select().order_by(Volunteer.id).limit(2))
    activities.create_activity(
        ActivityInput(
            title="审计讲座", start="2026-11-01", end="", duration="2",
            region_id=venue.region_id, venue_id=venue.id, organiser_team_id=team.id,
            format="lecture",
            service=(ServiceInput(served[0].id, "", "2"), ServiceInput(served[1].id, "", "1.5")),
        )
    )  # fmt: skip
    return last_id(), venue, team, served


def test_an_entry_names_its_region_venue_team_and_volunteers(demo_db: Path) -> None:
    entry, venue, team, served = logged_activity()
    shown = lines(entry)
    assert shown["区域"] == ("—", venue.region.name)
    assert shown["阵地"] == ("—", venue.name)
    assert shown["组织队伍"] == ("—", team.name)
    assert shown["组织单位"] == ("—", "—")
    assert shown["服务志愿者"] == ("—", f"{served[0].name}:2 小时、{served[1].name}:1.5 小时")
    assert "#" not in "".join(new for _, new in shown.values())


def test_names_are_looked_up_once_per_table(demo_db: Path) -> None:
    entry, *_ = logged_activity()
    with count_queries() as counter:
        audit.detail(entry)
    assert counter.count == 1 + 4  # the entry; its regions, venues, teams and volunteers


def test_field_names_are_plain_words_not_the_forms_hints(demo_db: Path) -> None:
    volunteers.create_volunteer(volunteer_input(id_number="", domains=("health",)))
    shown = lines(last_id())
    assert {"身份证号", "领域", "所在村/社区", "在服务", "“大美志愿”平台编号"} <= shown.keys()
    assert not [caption for caption in shown if "（可空）" in caption or "空格" in caption]
    entry, *_ = logged_activity()
    assert {"结束日期", "对象", "阵地"} <= lines(entry).keys()


def test_a_deleted_record_keeps_its_name_and_an_unknown_one_says_deleted(demo_db: Path) -> None:
    town = Region.get(Region.name == "阜安街道")
    venue = venues.create_venue(town.id, VenueInput("审计科普园", "science_park"))
    venues.delete_venue(venue, 1)
    gone = AuditChange("venue", None, venue)
    never = AuditChange("teams", None, [987654])
    names = record_names((gone, never))
    assert value_text("venue", venue, words(), names) == "审计科普园"
    assert value_text("teams", [987654], words(), names) == "#987654（已删除）"
    deleted = lines(last_id())  # the venue's own delete entry: its region by name
    assert deleted["区域"] == ("阜安街道", "—")


def test_the_english_interface_has_every_field_name(demo_db: Path) -> None:
    set_language("en")
    entry, venue, *_ = logged_activity()
    assert lines(entry)["Venue"] == ("—", venue.name)
    assert all(en for key, (_, en) in STRINGS.items() if key.startswith("audit.field."))


def test_the_export_names_records_and_fields_as_the_screen_does(
    demo_db: Path, tmp_path: Path
) -> None:
    _, venue, team, served = logged_activity()
    target = tmp_path / "audit.csv"
    export_audit(AuditFilter(entity="activity"), target, words=words("zh"))
    text = target.read_text(encoding="utf-8-sig")
    assert f"组织队伍,—,{team.name}" in text and f"阵地,—,{venue.name}" in text
    assert f"{served[0].name}:2 小时" in text


def test_an_officer_account_entry_is_in_words_too(demo_db: Path) -> None:
    town = Region.get(Region.name == "阜安街道")
    officers.add_officer(OfficerInput("liu", "刘芳", "town_staff", town.id))
    shown = lines(last_id())
    assert shown["姓名"] == ("—", "刘芳") and shown["负责区域"] == ("—", "阜安街道")
    assert shown["角色"][1] != "town_staff"
    officers.set_active("liu", False)
    entry = audit.detail(last_id())
    assert entry is not None
    assert (
        action_caption(entry.row.action, words()),
        entity_caption(entry.row.entity, words()),
    ) == (
        "停用",
        "工作人员账户",
    )
