"""Where databases live: --db, else $KXTUI_DB, else the per-user data directory."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kxtui"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    return data_dir() / "kxtui.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def province_demo_db_path() -> Path:
    """The province demo's own file, so building it never replaces the county demo."""
    return data_dir() / "demo-province.db"


def resolve_db_path(argument: str | None, *, demo: bool = False, province: bool = False) -> Path:
    """The database to open: an explicit --db wins, then --demo, then KXTUI_DB, then default."""
    if argument:
        return Path(argument).expanduser()
    if demo:
        return province_demo_db_path() if province else demo_db_path()
    if os.environ.get("KXTUI_DB"):
        return Path(os.environ["KXTUI_DB"]).expanduser()
    return default_db_path()
