"""What every kxtui screen shares: binding descriptions translated at display time."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding

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
