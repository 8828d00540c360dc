"""A town officer typing a number registered in another town learns only that: not who holds
it, not where, and the form offers no record to open."""

from __future__ import annotations

from pathlib import Path

from kxtui.db.engine import scope
from kxtui.domain import AccessRole
from kxtui.screens.confirm import ChoiceScreen
from tests.app.helpers import error_of, fill, make_app, press
from tests.app.test_volunteer_form import open_form, rows


async def test_a_mobile_registered_in_another_town_is_not_traced_to_anyone(
    demo_path: Path,
) -> None:
    [(town,)] = rows(demo_path, "SELECT path FROM region WHERE name = '阜安街道'")
    [(name, mobile)] = rows(
        demo_path,
        "SELECT v.name, v.mobile FROM volunteer v JOIN region r ON r.id = v.region_id"
        " JOIN region t ON r.path LIKE t.path || '%' WHERE t.name = '胶莱镇'"
        " AND v.mobile IS NOT NULL ORDER BY v.id LIMIT 1",
    )
    scope.sign_in(scope.Session(user="fuan", name="阜安", role=AccessRole.TOWN_STAFF,
                                edit_path=town, view_path=town, edit_name="胶州市/阜安街道",
                                view_name="胶州市/阜安街道"))  # fmt: skip
    async with make_app(demo_path).run_test(size=(100, 40)) as pilot:
        form = await open_form(pilot, "xtsq")
        await fill(pilot, "name", "另一个人")
        await fill(pilot, "mobile", mobile)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is form, "no record offered to open"
        assert not isinstance(pilot.app.screen, ChoiceScreen)
        assert error_of(pilot, "mobile") == "手机号已在您的查看范围以外登记"
        status = str(form.query_one("#form-status").content)
        assert name not in status and "胶莱镇" not in status
