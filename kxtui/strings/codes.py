"""The names of stored codes (`label`): region kinds, venue types and levels, the six haves, activity formats, domains, target groups, roles, theme days, campaigns (kept beside the codes, `kxtui.domain.LABELS`: sheets write and read them too); an unknown code."""

from kxtui.domain import LABELS

STRINGS: dict[str, tuple[str, str]] = {
    **LABELS,
    "code.unknown": ("⚠未知代码 {value}", "⚠unknown code {value}"),
}
