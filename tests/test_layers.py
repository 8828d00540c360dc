"""The architecture, enforced: the data layer knows no Textual; the UI builds no queries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "kxtui"
UI = [
    PACKAGE / "screens",
    PACKAGE / "widgets",
    PACKAGE / "app.py",
    PACKAGE / "cli",
    PACKAGE / "autosave.py",
]


def imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def python_files(*roots: Path) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        files += [root] if root.is_file() else sorted(root.rglob("*.py"))
    return files


def test_data_layer_never_imports_textual() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in imports(path) if n.startswith("textual"))
        for path in python_files(PACKAGE / "db")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_never_touches_models_or_sql() -> None:
    """Screens and widgets call kxtui.db functions; peewee and the models stay inside db/."""
    offenders = {}
    for path in python_files(*UI):
        bad = sorted(
            n
            for n in imports(path)
            if n == "kxtui.db.engine.models" or n.startswith(("peewee", "sqlite3"))
        )
        source = path.read_text(encoding="utf-8")
        if ".select(" in source or "execute_sql" in source:
            bad.append("query")
        if bad:
            offenders[str(path.relative_to(PACKAGE))] = bad
    assert offenders == {}
