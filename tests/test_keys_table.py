"""The README's key table is the one `python -m kxtui.key_table --markdown` writes from the
bindings (F1 and the palette read the same)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kxtui.key_table import markdown, readme_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_key_table_is_generated_from_the_bindings() -> None:
    generated = markdown()
    assert readme_table(README.read_text(encoding="utf-8")) == generated, (
        "README.md's key table is stale: paste in `python -m kxtui.key_table --markdown`"
    )


def test_each_key_is_listed_once_where_it_works() -> None:
    rows = [line.split(" | ")[:2] for line in markdown().splitlines()[2:]]
    where = ""
    seen = set()
    for place, keys in rows:
        where = place.lstrip("| ") or where
        assert (where, keys) not in seen, (where, keys)
        seen.add((where, keys))
    assert ("Region tree", "`m`") in seen and ("Roster", "`*`") in seen
    assert ("Roster checks", "`n`") in seen


def test_the_command_writes_the_table() -> None:
    done = subprocess.run([sys.executable, "-m", "kxtui.key_table", "--markdown"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    assert done.stdout == markdown()
