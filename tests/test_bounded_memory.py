"""Every command runs in bounded memory on any content: `kxtui check`, `stats` and the exports
on a database with a volunteer name of 100,000 characters and 10 MB texts stay under
MEMORY_BOUND of resident memory (the bound stated in kxtui/db/engine/check.py and the README), and
check finds the name's search keys — of its first characters, as a save makes them — right.
Before, check built the keys of every suffix of the name and grew to 23.7 GB."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kxtui.db.engine import volunteer_index
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import Activity, Volunteer, database
from kxtui.db.pinyin import pinyin_keys

MEMORY_BOUND_MB = 200
MOBILE = "13800138000"
LONG_NAME = "张伟" * 50_000  # 100,000 characters
TEN_MB = "科普" * 1_750_000  # 10.5 MB of UTF-8
# Runs one command and prints its peak resident memory; the address space is capped so a
# command that does blow up fails here at 2 GB instead of taking the machine with it.
MEASURE = """
import resource, subprocess, sys
limit = 2 * 1024**3
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                     preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))
sys.stderr.write(run.stderr.decode(errors="replace")[-2000:])
print(run.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
"""


@pytest.fixture
def pathological(demo_path: Path) -> Path:
    """The demo, where volunteer #1 has a name of 100,000 characters, saved with its search
    keys as every write makes them, and an activity and a volunteer carry 10 MB texts."""
    open_database(demo_path)
    with database.atomic():
        old = Volunteer.get_by_id(1)
        volunteer_index.unindex(1, old.name, old.mobile)
        full, initials = pinyin_keys(LONG_NAME, person=True)
        Volunteer.update(name=LONG_NAME, pinyin=full, initials=initials, notes=TEN_MB).where(
            Volunteer.id == 1
        ).execute()
        volunteer_index.index([(1, LONG_NAME, old.mobile)])
        first = Activity.select(Activity.id).order_by(Activity.id).first()
        Activity.update(notes=TEN_MB).where(Activity.id == first.id).execute()
    close_database()
    return demo_path


def peak_mb(*command: str) -> tuple[int, int, str]:
    """(exit code, peak resident memory in MB, stderr) of a command of the installed kxtui."""
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, sys.executable, "-m", "kxtui", *command],
        capture_output=True,
        text=True,
        timeout=600,
    )
    code, peak = run.stdout.split()
    return int(code), int(peak), run.stderr


def test_check_is_bounded_and_agrees_with_the_saved_keys(pathological: Path) -> None:
    code, peak, errors = peak_mb("check", "--db", str(pathological))
    assert code == 0, errors  # the capped keys are what a save writes: nothing to report
    assert peak < MEMORY_BOUND_MB


@pytest.mark.parametrize(
    "command",
    [
        ("stats",),
        ("export", "activities", "--format", "csv", "-o", "{out}.csv"),
        ("export", "activities", "-o", "{out}.xlsx"),
        ("export", "volunteers", "--format", "csv", "-o", "{out}.csv"),
    ],
)
def test_stats_and_exports_are_bounded(pathological: Path, tmp_path: Path, command) -> None:
    out = str(tmp_path / "out")
    args = [part.format(out=out) for part in command]
    code, peak, errors = peak_mb(*args, "--db", str(pathological))
    assert code == 0, errors
    assert peak < MEMORY_BOUND_MB


def test_a_name_is_keyed_by_its_first_characters() -> None:
    """Saves, imports, undo, the demo and check all key a name by its first NAME_KEY_CHARS
    characters, so a long name costs a few dozen short keys, not its every suffix."""
    keys = volunteer_index.search_keys(LONG_NAME, "13800138000")
    assert keys == volunteer_index.search_keys(
        LONG_NAME[: volunteer_index.NAME_KEY_CHARS], "13800138000"
    )
    assert len(keys) < 200 and max(map(len, keys)) < 300
    assert "张伟张伟" in keys and "zhangweizhangwei" in "".join(keys)
    assert volunteer_index.search_keys("张伟", "13800138000") >= {
        "张伟",
        "伟",
        "zhangwei",
        "zw",
        "8000",
    }
