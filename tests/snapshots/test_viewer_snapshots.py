"""A viewer's tree at 80×24 and 120×36: the banner says why nothing can be changed, and the
footer shows the keys that change data disabled."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db.engine import scope
from kxtui.domain import AccessRole
from tests.app.helpers import make_app, press
from tests.snapshots.test_snapshots import SIZES, town_selected


@pytest.mark.parametrize("size", SIZES)
def test_viewer_tree(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await town_selected(pilot)
        await press(pilot, "right")

    scope.sign_in(scope.Session(user="chakan", name="查看员", role=AccessRole.VIEWER))
    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
