"""The command palette, in the interface's language: Textual's own, whose one fixed English
line ("No matches found") is said in our words."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from kxtui.i18n import t


class Palette(CommandPalette):
    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual 8.2.8's (pinned), with the no-matches line from the string table."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:  # an empty search is discovery: nothing missing to say
                line = Align.center(Text(t("palette.no_matches"), style="not bold"))
                self.query_one(CommandList).add_option(
                    Option(line, disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
