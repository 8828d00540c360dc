"""Shared fixtures: a fresh database, the demo county built once per run, a frozen clock."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.scope import set_read_only
from kxtui.domain import AccessRole
from kxtui.i18n import set_language, strict

FROZEN_AT = datetime(2026, 11, 20, 9, 30)
# The officer every test acts as unless it signs in another: a county admin of the whole
# database (not an account in it), so tests about other things run as before.
ADMIN = scope.Session(user="tester", name="测试管理员", role=AccessRole.COUNTY_ADMIN)
# another officer of the whole database, for two people editing the same record
LI = scope.Session(user="li", name="李四", role=AccessRole.COUNTY_ADMIN)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in Chinese, on the frozen clock, writable, with no database open,
    signed in as a county admin of the whole database."""
    monkeypatch.delenv("KXTUI_DB", raising=False)
    monkeypatch.delenv("KXTUI_LANG", raising=False)
    monkeypatch.delenv("KXTUI_EXPORT_DIR", raising=False)
    set_language("zh")
    strict()  # a string used and missing from the tables fails the test that shows it
    clock.freeze(FROZEN_AT)
    set_read_only(False)
    scope.sign_in(ADMIN)
    yield
    scope.sign_out()
    close_database()
    clock.freeze(None)
    set_language("zh")
    set_read_only(False)


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default demo database, built once for the whole run. Copy it before writing."""
    from kxtui.db.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, seed=2026)
    close_database()
    return path


@pytest.fixture
def demo_path(demo_file: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for one test."""
    target = tmp_path / "demo.db"
    shutil.copy(demo_file, target)
    return target


@pytest.fixture
def demo_db(demo_path: Path) -> Path:
    """The demo copy, opened as the shared database."""
    open_database(demo_path)
    return demo_path


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "kxtui.db"
    open_database(path)
    return path


@pytest.fixture
def tmux() -> Iterator[Callable[..., str]]:
    """A private tmux server for driving the installed kxtui (see tests/terminal.py)."""
    from tests.terminal import tmux_server

    yield from tmux_server()
