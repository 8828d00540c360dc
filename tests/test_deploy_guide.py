"""docs/deploy.md's nightly job and systemd units, taken from the guide's own text: the check
runs whatever the backup met, and the units are well formed (systemd-analyze verify, which
needs no running systemd)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests import deploy_guide as guide
from tests.terminal import needs


def nightly_with(tmp_path: Path, backup_exit: int, check_exit: int) -> tuple[int, list[str]]:
    """The guide's nightly script run with a stand-in kxtui exiting with the given codes;
    its exit code and the commands it ran."""
    calls = tmp_path / "calls"
    kxtui = tmp_path / "kxtui"
    kxtui.write_text(
        f'#!/bin/sh\necho "$1" >> {calls}\n'
        f'[ "$1" = backup ] && exit {backup_exit}\nexit {check_exit}\n'
    )
    kxtui.chmod(0o755)
    script = tmp_path / "nightly"
    script.write_text(guide.file(guide.NIGHTLY, {guide.KXTUI: str(kxtui)}))
    script.chmod(0o755)
    finished = subprocess.run([str(script)], capture_output=True, timeout=30)
    return finished.returncode, calls.read_text().split()


@pytest.mark.parametrize(
    ("backup_exit", "check_exit", "expected"),
    [(0, 0, 0), (0, 1, 1), (2, 0, 2), (2, 1, 2)],
)
def test_the_nightly_job_checks_whatever_the_backup_met(
    tmp_path: Path, backup_exit: int, check_exit: int, expected: int
) -> None:
    code, ran = nightly_with(tmp_path, backup_exit, check_exit)
    assert ran == ["backup", "check"]
    assert code == expected


def test_the_guides_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        needs("needs systemd-analyze (Debian's systemd package)")
    nightly = tmp_path / "kxtui-nightly"  # verify wants the ExecStart program to exist
    nightly.write_text("#!/bin/sh\n")
    nightly.chmod(0o755)
    units = []
    for name in ("kxtui-backup.service", "kxtui-backup.timer"):
        unit = tmp_path / name
        unit.write_text(guide.file(f"/etc/systemd/system/{name}", {guide.NIGHTLY: str(nightly)}))
        units.append(str(unit))
    verified = subprocess.run(
        ["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60
    )
    assert verified.returncode == 0 and not verified.stderr, verified.stderr
    assert "User=kxsvc" in Path(units[0]).read_text()
