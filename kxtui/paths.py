"""Where databases live: --db, else $KXTUI_DB, else the per-user data directory. Where
exports go: --export-dir, else $KXTUI_EXPORT_DIR, else a kxtui folder in the user's documents
(on a county server: the officer's exports folder, `kxtui.db.sheets.officer_files`)."""

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


def export_dir(argument: str | os.PathLike[str] | None = None) -> Path:
    """The folder exports go to on a laptop: an explicit --export-dir wins, then
    KXTUI_EXPORT_DIR, then `kxtui` in the documents folder when there is one, else `exports`
    in the data directory. Made when the first export is written."""
    chosen = argument or os.environ.get("KXTUI_EXPORT_DIR")
    if chosen:
        return Path(chosen).expanduser().absolute()
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents / APP_NAME if documents.is_dir() else data_dir() / "exports"
