"""The Textual app and its factory — the one way the CLI and the tests build it."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from kxtui import clock, paths
from kxtui.autosave import DraftKeeper
from kxtui.db.engine import scope
from kxtui.db.engine.changes import Change, Watcher
from kxtui.db.engine.scope import set_read_only
from kxtui.db.errors import KxError, SignInRefused
from kxtui.display import clean
from kxtui.domain import AccessRole
from kxtui.i18n import set_language, t
from kxtui.key_order import InOrderKeys
from kxtui.screens.base import TranslatedBindings, reason
from kxtui.screens.hierarchy import HierarchyScreen
from kxtui.screens.palette import Commands, Palette, commands

if TYPE_CHECKING:
    from kxtui.db.engine.connection import OpenedDatabase


class DataChanged(Message):
    """Records were written, by this session or another: every screen on the stack reads
    again what it shows of them (its `data_changed`), keeping its cursor and scroll."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class KxApp(InOrderKeys):
    TITLE = "kxtui"
    # The first screen's styles: Textual (8.2.8) reads a screen's CSS_PATH when the screen is
    # pushed, never for the screen it starts with.
    CSS_PATH = "screens/hierarchy.tcss"
    COMMANDS = {Commands}
    BINDINGS = [
        Binding("q", "quit", "key.quit", id="app.quit", tooltip="cmd.quit.help"),
        Binding(
            "ctrl+q",
            "quit",
            "key.quit",
            show=False,
            priority=True,
            tooltip="cmd.quit.help",
            id="app.quit_anywhere",
        ),
        # priority: a dialog or a form (a modal screen) sees no other key of the app's
        Binding(
            "f1",
            "help",
            "key.help",
            key_display="F1",
            priority=True,
            id="app.help",
            tooltip="cmd.help.help",
        ),
        # Textual's own (named "palette", in English) is added only when none is bound.
        Binding(
            "ctrl+p",
            "command_palette",
            "key.palette",
            show=False,
            priority=True,
            tooltip="cmd.palette.help",
            id="app.palette",
        ),  # fmt: skip
    ]

    def __init__(
        self,
        opened: OpenedDatabase,
        *,
        cursor_blink: bool = True,
        refused: SignInRefused | None = None,
        export_dir: Path,
    ) -> None:
        super().__init__()
        self.opened = opened
        self.export_dir = export_dir  # where a laptop's exports go (`paths.export_dir`)
        self.refused = refused  # the Unix user may not sign in: show why, and nothing else
        self.cursor_blink = cursor_blink
        self.title = t("app.title")  # set before the first frame, not after it
        self.sub_title = clean(opened.path.name)  # a file name is any bytes but / and NUL
        self.drafts = DraftKeeper()
        self._hanging_up = False
        # held while the app runs, so `kxtui restore` sees this session (see hold_open)
        from kxtui.db.engine.connection import hold_open  # peewee: loaded by `create_app` already

        self._presence = hold_open(opened.path, read_only=opened.read_only)
        # on that connection, what this session and other officers' sessions write
        self.watcher = Watcher(self._presence, lambda c: self.post_message(DataChanged(c)))

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from kxtui.terminal import HangUpAwareDriver

            return HangUpAwareDriver
        return driver

    def get_default_screen(self) -> Screen[None]:
        if self.refused is not None:
            from kxtui.screens.signed_out import SignedOutScreen

            return SignedOutScreen(self.refused)
        return HierarchyScreen()

    def on_mount(self) -> None:
        self._handle_signals(True)
        if self.refused is not None:
            return
        self.watcher.start()
        if not self.opened.read_only:
            self.call_after_refresh(self._offer_drafts)
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

    def on_unmount(self) -> None:
        self._handle_signals(False)
        self.watcher.stop()
        self.drafts.close()
        self._presence.close()
        from kxtui.db.engine.connection import close_idle

        close_idle()

    def on_data_changed(self, message: DataChanged) -> None:
        for screen in self.screen_stack:
            changed = getattr(screen, "data_changed", None)
            if changed is not None:
                changed(message.change)

    # -- hang-up: a dropped SSH connection, kill, end of input --------------------

    def _handle_signals(self, install: bool) -> None:
        """Textual handles no SIGHUP/SIGTERM: without this a dropped connection kills the
        process before any form is kept."""
        if self.is_headless:
            return  # tests call hang_up() themselves; the test runner keeps its own handlers
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            if install:
                loop.add_signal_handler(signum, self.hang_up, signal.Signals(signum).name)
            else:
                loop.remove_signal_handler(signum)

    def hang_up(self, reason: str) -> None:
        """Keep every open form as a draft, wait until the drafts are written, and exit."""
        if self._hanging_up:
            return
        self._hanging_up = True
        for screen in self.screen_stack:
            keep = getattr(screen, "keep_draft", None)
            if keep is not None:
                keep()
        self.drafts.flush(timeout=5)
        code = 128 + getattr(signal, reason, 1) if reason.startswith("SIG") else 1
        if not self.is_headless:
            # The terminal may be gone: if restoring it hangs, leave anyway (drafts are kept).
            threading.Timer(3, os._exit, (code,)).start()
        self.exit(return_code=code)

    # -- drafts --------------------------------------------------------------------

    def _offer_drafts(self) -> None:
        from kxtui.db.drafts import drafts
        from kxtui.widgets.workers import run_db

        def found(pending: tuple[Any, ...]) -> None:
            if pending:
                from kxtui.screens.drafts import DraftsScreen

                self.push_screen(DraftsScreen(pending), self.resume_draft)

        run_db(self, drafts, done=found, group="drafts")

    def action_drafts(self) -> None:
        from kxtui.db.drafts import drafts
        from kxtui.widgets.workers import run_db

        def found(pending: tuple[Any, ...]) -> None:
            from kxtui.screens.drafts import DraftsScreen

            if pending:
                self.push_screen(DraftsScreen(pending), self.resume_draft)
            else:
                self.notify(t("drafts.none"), timeout=3)

        run_db(self, drafts, done=found, group="drafts")

    def resume_draft(self, draft: Any) -> None:
        """Reopen the form a draft belongs to, with what was typed."""
        if draft is None:
            return
        from kxtui.screens.drafts import form_class
        from kxtui.widgets.workers import run_db

        screen_class = form_class(draft.form)

        def loaded(kwargs: dict[str, Any] | None) -> None:
            if kwargs is None:
                self.notify(t("drafts.gone", summary=draft.summary), severity="warning",
                            markup=False, timeout=8)  # fmt: skip
                return
            self.push_screen(screen_class(**kwargs, draft=draft), self._draft_form_closed)

        run_db(self, screen_class.reopen_kwargs, draft.data.get("context", {}), done=loaded)

    def _draft_form_closed(self, result: Any) -> None:
        written = getattr(self.screen_stack[0], "written", None)
        if written is not None:
            written(result)

    def on_key(self, event: events.Key) -> None:
        if not self.screen_stack:  # a key typed while the app closes: no screen takes it
            return
        if self._explain_disabled(event):
            return
        self._reroute(event)

    def _explain_disabled(self, event: events.Key) -> bool:
        """A key whose binding is shown disabled ran nothing: say why."""
        active = self.screen.active_bindings.get(event.key)
        if active is None or active.enabled or not isinstance(active.node, TranslatedBindings):
            return False
        refusal = active.node.write_refusal(active.binding.action)
        if refusal is None:
            return False
        event.stop()
        self.show_error(refusal)
        return True

    def _reroute(self, event: events.Key) -> None:
        """A printable key nothing took. Keys that arrive together (a fast typist, a laggy SSH
        line) were all routed to the widget focused when they arrived: when the first one
        opened a form, the rest bubble up here from the screen below. They belong to the
        form's field (or, while the form is still mounting, to the form itself)."""
        if not (event.is_printable and event.character) or getattr(event, "rerouted", False):
            return  # (a rerouted key nothing took either stops here)
        target = self.focused
        if target is None or isinstance(target, Input):
            again = events.Key(event.key, event.character)
            again.rerouted = True  # type: ignore[attr-defined]  # (read back by getattr above)
            (target or self.screen).post_message(again)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Screenshots must not depend on where the blink timer happens to be.
        if isinstance(event.widget, Input) and not self.cursor_blink:
            event.widget.cursor_blink = False

    # -- what Textual brings along ---------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """kxtui's commands only, in the officer's language: every key's action on `screen`
        and in the app (see `commands`), then the officer's and the drafts' commands; none of
        Textual's own (theme, keys panel, screenshot — which would write a file as the
        account kxtui runs as)."""
        if self.refused is not None:
            yield SystemCommand(t("cmd.quit"), t("cmd.quit.help"), self.action_quit)
            return
        yield from commands(self, screen)
        officer = scope.current()
        if officer is not None and officer.role == AccessRole.COUNTY_ADMIN:
            yield SystemCommand(t("cmd.officers"), t("cmd.officers.help"), self.action_officers)
        yield SystemCommand(t("cmd.drafts"), t("cmd.drafts.help"), self.action_drafts)

    def action_command_palette(self) -> None:
        # (`is_open` asks for an App[object]; this app's result is None)
        if self.use_command_palette and not Palette.is_open(cast("App[object]", self)):
            palette = Palette(placeholder=t("palette.placeholder"), id="--command-palette")
            self.push_screen(palette)

    def action_help_quit(self) -> None:
        """Ctrl+C quits nothing (in a field it copies): say how to quit, in our words."""
        self.notify(t("app.how_to_quit"), title=t("app.quit_title"), markup=False)

    def deliver_screenshot(self, *args: Any, **kwargs: Any) -> str | None:
        """Textual's screenshot (its palette entry, the `screenshot` action) writes an SVG,
        as the account kxtui runs as, into that account's ~/Downloads: never."""
        return None

    def action_officers(self) -> None:
        from kxtui.screens.officers import OfficersScreen

        if not isinstance(self.screen, OfficersScreen):
            self.push_screen(OfficersScreen())

    def action_help(self) -> None:
        from kxtui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen(self.screen))

    def show_error(self, error: KxError) -> None:
        self.notify(reason(error), severity="error", markup=False, timeout=8)


def create_app(
    db_path: Path | str,
    *,
    read_only: bool = False,
    language: str | None = None,
    frozen_at: datetime | None = None,
    cursor_blink: bool = True,
    as_name: str | None = None,
    export_dir: Path | str | None = None,
) -> KxApp:
    """Open the database (creating or upgrading it), sign in the officer running the process
    (`--as`: a county admin acting as another account) and build the app on it.

    A session signed in already (tests; a program embedding kxtui) is kept. A Unix user
    without an active account gets an app that shows why and nothing else. Raises OpenError
    when the file cannot be used. Tests pass `frozen_at` and `cursor_blink=False` for
    deterministic screenshots. `export_dir`: see `paths.export_dir`.
    """
    from kxtui.db.engine.connection import close_database, open_database

    set_language(language)
    clock.freeze(frozen_at)
    opened = open_database(db_path, read_only=read_only)
    set_read_only(opened.read_only)
    refused = None
    if scope.current() is None:
        from kxtui.db.officers import sign_in_process

        try:
            sign_in_process(opened.path, as_name)
        except SignInRefused as error:
            refused = error
    close_database()  # the event loop's thread never queries; workers open their own
    folder = paths.export_dir(export_dir)
    return KxApp(opened, cursor_blink=cursor_blink, refused=refused, export_dir=folder)
