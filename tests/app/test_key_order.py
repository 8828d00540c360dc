"""Keys that arrive together (one read from an SSH line) take effect in the order typed."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input

from tests.app.helpers import make_app, settle, wait_until
from tests.app.test_sheet_screens import open_export, status


def burst(pilot: Pilot, *keys: str) -> None:
    """Hand the app every key at once, as the terminal driver does with one read's keys."""
    for key in keys:
        character = key if len(key) == 1 else {"enter": "\r"}.get(key)
        name = key if len(key) > 1 or key.isalnum() else _character_to_key(key)
        event = events.Key(name, character)
        event.set_sender(pilot.app)
        pilot.app.post_message(event)


async def test_a_name_typed_right_after_clearing_the_field_is_kept(
    demo_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "台账.xlsx"
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, results)
        burst(pilot, "end", "ctrl+u", *str(target), "enter")
        await wait_until(pilot, lambda: not screen.busy and status(screen))
        assert screen.query_one("#export-path", Input).value == str(target)
        assert f"已导出 669 条活动到 {target}" in status(screen).replace("\n", "")
    assert target.read_bytes()[:2] == b"PK"


async def test_keys_typed_after_tab_go_to_the_field_tab_moved_to(demo_path: Path) -> None:
    results: list[object] = []
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot, results)
        burst(pilot, "shift+tab", "right", "enter", "tab", "end", "ctrl+u", *"台账.csv")
        await settle(pilot)
        assert screen.query_one("#export-path", Input).value == "台账.csv"
        assert screen.file_format == "csv"
