"""The certificate dialog (a team's batch, a bad period said beside the field) and the register
of certificates issued, at 80×24 and 120×36. The export folder is named, not the test's
temporary one, so the pictures are the same everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from kxtui.db.certificates import files
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.rows import RosterFilter
from kxtui.screens.certificate_dialog import CertificateDialog
from kxtui.screens.certificates import RegisterScreen
from kxtui.screens.teams import TeamTreeScreen
from tests.app.helpers import make_app, open_list, open_screen, press, type_text, wait_until
from tests.app.test_certificates import TEAM

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
FOLDER = Path("/home/officer/kxtui")  # shown, never written


@pytest.mark.parametrize("size", SIZES)
def test_certificate_dialog_for_a_team(snap_compare, demo_path: Path, size) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_screen(pilot, "T", TeamTreeScreen)
        await type_text(pilot, TEAM)
        await press(pilot, "f8")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CertificateDialog))
        await type_text(pilot, "2026Q5")
        await press(pilot, "enter")

    app = make_app(demo_path, export_dir=FOLDER)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_certificate_register(snap_compare, demo_path: Path, tmp_path: Path, size) -> None:
    open_database(demo_path)
    team_id, _ = files.team_named(TEAM)
    members = files.volunteers_of(RosterFilter(team_id=team_id))[:12]
    first = files.write_certificates(members, tmp_path / "all.docx").batch.issued[0]
    files.write_certificates([first.contents.volunteer_id], tmp_path / "again.docx")  # 补打
    close_database()

    async def run_before(pilot: Pilot) -> None:
        await open_list(pilot, "z", RegisterScreen)

    assert snap_compare(make_app(demo_path), terminal_size=size, run_before=run_before)
