"""Field checks shared by every write; each failure is (message key, params) for one field."""

from __future__ import annotations

import re
import unicodedata

from kxtui.db.errors import ValidationError

NAME_MAX = 100
TEXT_MAX = 2000

# Bidirectional overrides/isolates can disguise a name (the "Trojan Source" trick).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Unicode category Cc: C0, DEL and C1, a set Unicode's stability policy never changes. One
# regex search instead of a category lookup per character (an import checks millions).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CODE = re.compile(r"\d{6}(\d{3}(\d{3})?)?")


class Checker:
    """Collects field errors so one save reports every bad field at once."""

    def __init__(self) -> None:
        self.errors: dict[str, tuple[str, dict[str, object]]] = {}

    def fail(self, field: str, key: str, **params: object) -> None:
        self.errors.setdefault(field, (key, params))

    def text(self, field: str, value: str | None, *, required: bool, limit: int) -> str:
        """Normalised text (NFC, trimmed); control characters are refused, not dropped."""
        value = unicodedata.normalize("NFC", value or "").strip()
        if "\x00" in value:
            self.fail(field, "field.nul")
        elif CONTROL_CHARACTERS.search(value):
            self.fail(field, "field.control")
        elif _BIDI_CONTROLS.search(value):
            self.fail(field, "field.bidi")
        elif required and not value:
            self.fail(field, "field.required")
        elif len(value) > limit:
            self.fail(field, "field.too_long", limit=limit)
        return value

    def name(self, field: str, value: str | None) -> str:
        return self.text(field, value, required=True, limit=NAME_MAX)

    def choice(self, field: str, value: str | None, allowed: tuple[str, ...], *, required: bool):
        if not value:
            if required:
                self.fail(field, "field.required")
            return None
        if value not in allowed:
            self.fail(field, "field.choice")
        return value

    def phone(self, field: str, value: str | None) -> str:
        """A Chinese mobile or landline, checked with the maintained `phonenumbers` metadata."""
        value = self.text(field, value, required=False, limit=40)
        if not value or field in self.errors:
            return value
        import phonenumbers  # lazy: its metadata is large

        try:
            number = phonenumbers.parse(value, "CN")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.fail(field, "field.phone")
        return value

    def region_code(self, field: str, value: str | None) -> str | None:
        value = self.text(field, value, required=False, limit=12)
        if value and not _CODE.fullmatch(value):
            self.fail(field, "field.region_code")
        return value or None

    def check(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
