"""What every kxtui screen shares: binding descriptions translated at display time, and the
read-only check before a write."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

from kxtui.db.database import is_read_only
from kxtui.db.errors import KxError
from kxtui.i18n import t


class TranslatedBindings:
    """Binding descriptions are i18n keys ("key.jump"); the footer shows them translated,
    so the language can be chosen at start-up after the classes were defined."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active = super().active_bindings  # type: ignore[misc]
        return {
            key: item._replace(
                binding=replace(item.binding, description=t(item.binding.description)),
                tooltip=t(item.tooltip) if item.tooltip else "",
            )
            for key, item in active.items()
        }

    def writable(self) -> bool:
        """Whether changes can be saved; if not, says so."""
        if is_read_only():
            self.app.show_error(KxError("error.read_only"))  # type: ignore[attr-defined]
            return False
        return True
