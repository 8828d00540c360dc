"""The Textual app and its factory — the one way the CLI and the tests build it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from kxtui import clock
from kxtui.db.connection import OpenedDatabase, close_database, open_database
from kxtui.db.database import set_read_only
from kxtui.db.errors import KxError
from kxtui.i18n import set_language, t
from kxtui.screens.hierarchy import HierarchyScreen


class KxApp(App[None]):
    TITLE = "kxtui"
    BINDINGS = [
        Binding("q", "quit", "key.quit", id="app.quit"),
        Binding("f1", "help", "key.help", id="app.help"),
    ]

    def __init__(self, opened: OpenedDatabase, *, cursor_blink: bool = True) -> None:
        super().__init__()
        self.opened = opened
        self.cursor_blink = cursor_blink
        self.title = t("app.title")  # set before the first frame, not after it
        self.sub_title = opened.path.name

    def get_default_screen(self) -> Screen[None]:
        return HierarchyScreen()

    def on_mount(self) -> None:
        if self.opened.backup_path is not None:
            self.notify(
                t(
                    "app.upgraded",
                    version=self.opened.schema_version,
                    backup=self.opened.backup_path,
                ),
                markup=False,
                timeout=10,
            )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Screenshots must not depend on where the blink timer happens to be.
        if isinstance(event.widget, Input) and not self.cursor_blink:
            event.widget.cursor_blink = False

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, HierarchyScreen):
            for key, action in (
                ("cmd.jump", screen.action_jump),
                ("cmd.add_region", screen.action_add_region),
                ("cmd.add_county", screen.action_add_county),
                ("cmd.add_venue", screen.action_add_venue),
                ("cmd.edit", screen.action_edit),
                ("cmd.delete", screen.action_delete),
                ("cmd.refresh", screen.action_refresh),
            ):
                yield SystemCommand(t(key), t(f"{key}.help"), action)
        yield SystemCommand(t("cmd.help"), t("cmd.help.help"), self.action_help)

    def action_help(self) -> None:
        from kxtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def show_error(self, error: KxError) -> None:
        self.notify(t(error.key, **error.params), severity="error", markup=False, timeout=8)


def create_app(
    db_path: Path | str,
    *,
    read_only: bool = False,
    language: str | None = None,
    frozen_at: datetime | None = None,
    cursor_blink: bool = True,
) -> KxApp:
    """Open the database (creating or upgrading it) and build the app on it.

    Raises OpenError when the file cannot be used. Tests pass `frozen_at` and
    `cursor_blink=False` for deterministic screenshots.
    """
    set_language(language)
    clock.freeze(frozen_at)
    opened = open_database(db_path, read_only=read_only)
    set_read_only(opened.read_only)
    close_database()  # the event loop's thread never queries; workers open their own
    return KxApp(opened, cursor_blink=cursor_blink)
