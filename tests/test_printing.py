"""An exported ledger printed for real: LibreOffice turns the XLSX into a PDF, as an officer's
print does. The eight activities of 胶莱镇's third quarter fit one landscape A4 page (they
printed on ten portrait pages of three or four columns before the sheets had a layout)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kxtui.db.rows import LedgerFilter
from kxtui.db.sheets.export_activities import export_activities, regions_named

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc",
)
A4 = (842, 595)  # landscape, in points
_BOX = re.compile(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")


def printed(sheet: Path, work: Path) -> tuple[int, set[tuple[float, float]]]:
    """How many pages LibreOffice prints `sheet` on, and their sizes (width, height) in points."""
    profile = (work / "profile").as_uri()  # its own profile: never a running office's
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(work), str(sheet)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = (work / f"{sheet.stem}.pdf").read_bytes()
    sizes = {(round(float(w)), round(float(h))) for w, h in _BOX.findall(pdf)}
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf)), sizes


def test_a_quarter_of_a_town_prints_on_one_landscape_page(demo_db: Path, tmp_path: Path) -> None:
    (town, _), *_ = regions_named("胶莱镇")
    quarter = LedgerFilter(region_id=town, start=date(2026, 7, 1), end=date(2026, 9, 30))
    path = tmp_path / "胶莱镇-活动台账-2026Q3.xlsx"
    assert export_activities(quarter, path).rows == 8
    pages, sizes = printed(path, tmp_path)
    assert pages > 1 and sizes == {A4}
    # The file prints its sheet 志愿服务 after the ledger: without it, the ledger alone
    book = load_workbook(path)
    del book["志愿服务"]
    ledger = tmp_path / "ledger-only.xlsx"
    book.save(ledger)
    assert printed(ledger, tmp_path) == (1, {A4})
