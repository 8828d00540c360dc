"""The audit screen driven with keys: filters, a change field by field, undo, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widgets import OptionList

from kxtui import db
from kxtui.db import activities, venues
from kxtui.db.engine import scope
from kxtui.db.engine.models import Region, Team, Venue, Volunteer
from kxtui.db.rows import ActivityInput, ServiceInput, VenueInput
from kxtui.screens.audit import AuditScreen
from kxtui.screens.audit_entry import AuditEntryScreen
from kxtui.screens.confirm import ConfirmScreen
from kxtui.screens.export_audit import AuditExportScreen
from kxtui.screens.pick_writer import EVERYONE, PickWriterScreen
from tests.app.helpers import (
    make_app,
    notifications,
    open_list,
    open_screen,
    plain,
    press,
    type_text,
    wait_until,
)
from tests.conftest import ADMIN, LI


def some_changes(monkeypatch: pytest.MonkeyPatch) -> int:
    """A venue created and edited by this officer, and one created by li; the venue's id."""

    def write() -> int:
        town = Region.get(Region.name == "阜安街道").id
        venue = venues.create_venue(town, VenueInput("审计科普园", "science_park"))
        venues.update_venue(venue, 1, VenueInput("审计公园", "science_park", contact="王五"))
        with monkeypatch.context() as patch:
            patch.setattr(scope, "_current", {"session": LI})
            venues.create_venue(town, VenueInput("李的科普点", "notice_point"))
        return venue

    return db.call(write)


def filter_line(pilot: Pilot) -> str:
    return plain(pilot.app.screen.query_one("#list-filter").content)


def options_text(picker: PickWriterScreen) -> str:
    options = picker.query_one(OptionList)
    return " ".join(
        plain(options.get_option_at_index(i).prompt) for i in range(options.option_count)
    )


def lines(pilot: Pilot) -> list[str]:
    table = pilot.app.screen.table
    return [" ".join(table.cell(row, c) for c, _ in table.columns) for row in table._rows.values()]


async def test_newest_first_with_filters_and_the_change_field_by_field(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        some_changes(monkeypatch)
        screen = await open_list(pilot, "h", AuditScreen)
        shown = lines(pilot)
        assert "李的科普点" in shown[0] and "审计公园" in shown[1] and "审计科普园" in shown[2]
        assert screen.table.total == 3  # the county of the cursor, this month
        picker = await open_screen(pilot, "o", PickWriterScreen)
        assert picker.shown[0] == EVERYONE and {"li", ADMIN.user} <= set(picker.shown)
        await type_text(pilot, "l")  # li, and nobody whose name or login lacks an l
        assert "li" in picker.shown and EVERYONE not in picker.shown
        await type_text(pilot, "i")
        await press(pilot, "enter")
        assert screen.filter.actor == "li" and "li" in filter_line(pilot)
        assert [row.summary for row in screen.table._rows.values()] == ["李的科普点"]
        picker = await open_screen(pilot, "o", PickWriterScreen)
        assert picker.shown[picker.query_one(OptionList).highlighted] == "li"  # the current one
        await type_text(pilot, "nobody")
        assert picker.shown == [] and "没有匹配的操作人" in options_text(picker)
        await press(pilot, "escape")  # cancelled: the filter stays
        assert screen.filter.actor == "li"
        await open_screen(pilot, "o", PickWriterScreen)
        await press(pilot, *["up"] * 5, "enter")  # every officer again, at the top
        assert screen.filter.actor is None and "全部操作人" in filter_line(pilot)
        await press(pilot, "k")  # regions, then venues
        assert screen.filter.entity == "region"
        await press(pilot, "k")
        assert screen.filter.entity == "venue" and screen.table.total == 3
        await press(pilot, "down", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))
        text = plain(pilot.app.screen.query_one("#entry-changes").content)
        assert "名称" in text and "审计科普园" in text and "审计公园" in text
        assert "联系人" in text and "王五" in text


async def test_u_undoes_my_own_change_and_refuses_someone_elses(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        venue = some_changes(monkeypatch)
        screen = await open_list(pilot, "h", AuditScreen)
        await press(pilot, "u")  # li's entry
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "y")
        await wait_until(
            pilot, lambda: any("只能撤销自己的修改" in n for n in notifications(pilot))
        )
        await press(pilot, "down", "u")  # my edit
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await press(pilot, "y")
        await wait_until(pilot, lambda: screen.table.total == 4)
        assert db.call(Venue.get_by_id, venue).name == "审计科普园"
        assert "撤销 #" in lines(pilot)[0]


async def test_x_exports_the_filtered_entries(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        some_changes(monkeypatch)
        await open_list(pilot, "h", AuditScreen)
        await press(pilot, "k", "k")  # venues
        await press(pilot, "x")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditExportScreen))
        target = tmp_path / "audit.xlsx"
        pilot.app.screen.query_one("#export-path").value = str(target)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, target.exists)
        sheet = load_workbook(target).active
        title, header, *rows = sheet.iter_rows(values_only=True)
        assert title[0] == "胶州市 审计日志 2026年11月"  # the county selected on the tree
        assert header[:4] == ("序号", "时间", "操作人", "操作")
        entries = {row[0] for row in rows}
        assert len(entries) == 3, "one entry per venue write"
        edit = [row for row in rows if row[3] == "修改"]
        assert {(row[8], row[9], row[10]) for row in edit} == {
            ("名称", "审计科普园", "审计公园"),
            ("联系人", "—", "王五"),
        }


def an_activity() -> tuple[str, ...]:
    """An activity logged at a village's venue by a team, with two volunteers; the names of its
    village, venue, team and volunteers."""

    def write() -> tuple[str, ...]:
        venue = Venue.select().join(Region).where(Region.kind == "village").first()
        team = Team.select().first()
        served = list(Volunteer.select().order_by(Volunteer.id).limit(2))
        activities.create_activity(
            ActivityInput(
                title="审计讲座", start="2026-11-01", end="", duration="2",
                region_id=venue.region_id, venue_id=venue.id, organiser_team_id=team.id,
                format="lecture",
                service=tuple(ServiceInput(v.id, v.name, "2") for v in served),
            )
        )  # fmt: skip
        return (venue.region.name, venue.name, team.name, *(v.name for v in served))

    return db.call(write)


async def test_an_entry_names_records_and_fields_as_the_officer_does(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        village, venue, team, first, second = an_activity()
        await open_screen(pilot, "h", AuditScreen)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, AuditEntryScreen))
        text = plain(pilot.app.screen.query_one("#entry-changes").content, width=200)
        for name in (village, venue, team, f"{first}:2 小时", f"{second}:2 小时"):
            assert name in text
        assert "组织队伍" in text and "组织单位" in text and "组织单位/队伍" not in text
        assert "（可空）" not in text and "空格" not in text and "#" not in text
