"""The search field of a list screen: it has the focus when the list opens and takes every
printable key; its footer keys say how to reach the rows, where letters are commands."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class SearchField(Input):
    BINDINGS = [
        # shown only while the field has the focus: the way to the rows and their commands
        Binding("down", "screen.rows", "key.to_rows", id="search.rows"),
        Binding("enter", "submit", "key.open_row", id="search.open"),
    ]

    def __init__(self, placeholder: str, *, id: str) -> None:  # noqa: A002
        # a key typed on the rows goes on after what is there (it starts a search)
        super().__init__(placeholder=placeholder, id=id, compact=True, select_on_focus=False)
