"""A volunteer's active status has one name, 在服务 / 已停用, in the export's header and the
roster's words; sheets written with the older names (仍在服务, 在用) still import."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db.engine.models import Volunteer
from kxtui.db.rows import RosterFilter
from kxtui.db.sheets import headers as sheet_headers
from kxtui.db.sheets.export_activities import regions_named
from kxtui.db.sheets.export_volunteers import export_volunteers
from kxtui.db.sheets.import_volunteers import import_file
from kxtui.db.words import CHINESE
from kxtui.i18n import STRINGS
from tests.db.test_volunteer_sheets import COUNTY_HEADERS, county_row, read_csv, write_csv


def test_the_export_heads_the_column_in_service(demo_db: Path, tmp_path: Path) -> None:
    [(town, _)] = regions_named("胶莱镇")
    target = tmp_path / "roster.csv"
    export_volunteers(RosterFilter(region_id=town), target)
    header = read_csv(target)[0]
    assert "在服务" in header and "仍在服务" not in header


@pytest.mark.parametrize(
    ("header", "active", "inactive"),
    [("在服务", "是", "否"), ("仍在服务", "是", "否"), ("在用", "在服务", "已停用")],
)
def test_old_and_new_names_import(
    demo_db: Path, tmp_path: Path, header: str, active: str, inactive: str
) -> None:
    rows = [
        [*COUNTY_HEADERS, header],
        [*county_row(1, "王小明", "13905321234"), active],
        [*county_row(2, "李小红", "13905321235"), inactive],
    ]
    report = import_file(write_csv(tmp_path / "status.csv", rows))
    assert (report.bad, report.added, report.unknown_columns) == (0, 2, ("序号", "政治面貌"))
    assert Volunteer.get(Volunteer.mobile == "13905321234").active
    assert not Volunteer.get(Volunteer.mobile == "13905321235").active


def test_one_name_for_the_status_in_every_chinese_string() -> None:
    old = ("仍在服务", "在用（未停用）", "（停用）", "停用仍在队", "停用在队")
    # the interface's strings, and what the files say: headers (not the other names an import
    # reads) and their words
    chinese = {key: zh for key, (zh, _) in STRINGS.items()}
    chinese |= {f"vsheet.col.{column}": h.zh for column, h in sheet_headers.VOLUNTEERS.items()}
    chinese |= {f"sheet.col.{column}": h.zh for column, h in sheet_headers.ACTIVITIES.items()}
    chinese |= CHINESE
    for key, zh in chinese.items():
        if key.startswith(("vsheet.yes_words", "vsheet.no_words")):
            continue  # the older names an import still reads
        if key.startswith(("officers.", "refused.officer", "cli.", "signin.", "key.")):
            continue  # officer accounts are 在用 / 停用: another thing
        words = zh.replace("已停用", "").replace("服务队", "队")  # 仍在服务队中: in a team
        assert not [word for word in old if word in words], key
