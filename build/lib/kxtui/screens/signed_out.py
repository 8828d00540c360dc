"""Shown instead of everything else when the Unix user has no active officer account: the
reason and the user name, and q to quit. No data is read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from kxtui.db.errors import SignInRefused
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings

NOT_SIGNED_IN = 3  # the exit code, as the CLI's


class SignedOutScreen(TranslatedBindings, Screen[None]):
    DEFAULT_CSS = """
    SignedOutScreen { align: center middle; }
    SignedOutScreen > Vertical {
        width: 90%; max-width: 72; height: auto; border: round $error;
        background: $surface; padding: 1 2;
    }
    SignedOutScreen #signed-out-title { text-style: bold; color: $text-error; margin-bottom: 1; }
    SignedOutScreen #signed-out-user { text-style: bold; margin: 1 0; }
    SignedOutScreen #signed-out-keys { color: $text-muted; }
    """
    BINDINGS = [Binding("q", "leave", "key.quit", id="signed_out.quit", priority=True)]

    def __init__(self, refused: SignInRefused) -> None:
        super().__init__()
        self.refused = refused

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("signin.title"), id="signed-out-title")
            yield Static(Text(t(self.refused.key, **self.refused.params)))
            yield Label(Text(t("signin.user", user=self.refused.params.get("user", ""))),
                        id="signed-out-user")  # fmt: skip
            yield Label(t("signin.quit"), id="signed-out-keys")

    def action_leave(self) -> None:
        self.app.exit(return_code=NOT_SIGNED_IN)
