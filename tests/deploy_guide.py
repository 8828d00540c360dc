"""docs/deploy.md as the tests read it: the files it writes (`cat > PATH <<'EOF'`) and the
commands it runs, with the guide's names and paths replaced by a test's own. The SSH test
sets up its server from these, so the guide and what is tested cannot drift apart."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "deploy.md"

# The guide's names and paths, which a test replaces by its own
SERVICE = "kxsvc"
GROUP = "kxtui"
KXTUI = "/opt/kxtui/venv/bin/kxtui"
DATABASE = "/srv/kxtui/kxtui.db"
DATA_DIR = "/srv/kxtui"
BACKUPS = "/var/backups/kxtui"
LAUNCHER = "/usr/local/bin/kxtui-officer"
NIGHTLY = "/usr/local/sbin/kxtui-nightly"


def written_file(path: str) -> str:
    """The text the guide writes into `path` with `cat > path <<'EOF'`."""
    found = re.search(
        rf"^cat > {re.escape(path)} <<'EOF'\n(.*?)^EOF$", GUIDE.read_text(), re.S | re.M
    )
    assert found, f"docs/deploy.md no longer writes {path}"
    return found[1]


def command(start: str, replacements: dict[str, str]) -> list[str]:
    """The guide's shell command whose line begins with `start`, as arguments, localised."""
    for line in GUIDE.read_text().splitlines():
        if line.startswith(start):
            return [localise(word, replacements) for word in shlex.split(line, comments=True)]
    raise AssertionError(f"docs/deploy.md has no command beginning {start!r}")


def file(path: str, replacements: dict[str, str]) -> str:
    """What the guide writes into `path`, localised."""
    return localise(written_file(path), replacements)


def localise(text: str, replacements: dict[str, str]) -> str:
    """`text` with the guide's names and paths replaced in one pass (so a replacement is not
    replaced again): a path wherever it occurs, the longest first (/srv/kxtui/kxtui.db before
    /srv/kxtui); a name only as a whole word (the group kxtui, not the kxtui of a path)."""
    paths = sorted((old for old in replacements if "/" in old), key=len, reverse=True)
    names = [old for old in replacements if "/" not in old]
    pattern = "|".join(
        [re.escape(path) for path in paths]
        + [rf"(?<![\w/.-]){re.escape(name)}(?![\w/.-])" for name in names]
    )
    return re.sub(pattern, lambda found: replacements[found[0]], text)
