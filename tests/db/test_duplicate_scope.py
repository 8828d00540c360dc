"""A duplicate outside the officer's view is refused without naming who holds the value or
where they live: the form and the import say only that it is registered outside their area."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db import volunteers
from kxtui.db.engine.models import Region, Volunteer
from kxtui.db.errors import DuplicateError
from kxtui.db.sheets import import_volunteers as volunteer_import
from kxtui.i18n import t
from tests.db.test_scope import path_of, town_officer, volunteer_input
from tests.db.test_volunteer_sheets import COUNTY_HEADERS, county_row, write_csv


def elsewhere() -> Volunteer:
    """A volunteer of 胶莱镇 with a mobile, an ID number and a platform ID."""
    return (
        Volunteer.select()
        .join(Region)
        .where(
            Region.path.startswith(path_of("胶莱镇")),
            Volunteer.mobile.is_null(False),
            Volunteer.id_number.is_null(False),
        )
        .order_by(Volunteer.id)
        .get()
    )


def refusal(**values: str) -> DuplicateError:
    with pytest.raises(DuplicateError) as raised:
        volunteers.create_volunteer(volunteer_input("馨泰社区")._replace(**values))
    return raised.value


def test_the_form_says_only_that_the_number_is_registered_elsewhere(demo_db: Path) -> None:
    other = elsewhere()
    town_officer()
    error = refusal(mobile=other.mobile, id_number=other.id_number)
    assert error.errors == {
        "id_number": ("refused.duplicate_id_number_elsewhere", {}),
        "mobile": ("refused.duplicate_mobile_elsewhere", {}),
    }
    assert (error.existing_id, error.existing_name) == (None, ""), "nothing to offer to open"
    assert t("refused.duplicate_mobile_elsewhere") == "手机号已在您的查看范围以外登记"
    # inside the view, the holder is still named (their record one key away)
    mine = volunteers.create_volunteer(volunteer_input("馨泰社区"))
    error = refusal(name="另一人", mobile=Volunteer.get_by_id(mine).mobile)
    assert (error.existing_id, error.errors["mobile"][1]["name"]) == (mine, "范围测试")


def test_the_import_does_not_name_someone_outside_the_view(demo_db: Path, tmp_path: Path) -> None:
    other = elsewhere()
    town_officer()
    row = county_row(1, "新来的", other.mobile, 所属镇街="阜安街道", 所属村居="馨泰社区")
    rows = [COUNTY_HEADERS, row]
    for on_duplicate in ("skip", "keep", "update"):
        path = write_csv(tmp_path / f"{on_duplicate}.csv", rows)
        report = volunteer_import.check_file(path, on_duplicate=on_duplicate)
        problems = report.warnings + report.errors
        assert problems, on_duplicate
        said = " ".join(t(p.key, **p.params) for p in problems)
        assert other.name not in said and "胶莱镇" not in said, said
