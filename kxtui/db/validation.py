"""Field checks shared by every write; each failure is (message key, params) for one field."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from kxtui.db.errors import NeedsConfirmation, ValidationError
from kxtui.display import hidden

NAME_MAX = 100
TEXT_MAX = 2000

# Bidirectional overrides/isolates can disguise a name (the "Trojan Source" trick).
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Unicode category Cc: C0, DEL and C1, a set Unicode's stability policy never changes. One
# regex search instead of a category lookup per character (an import checks millions).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CODE = re.compile(r"\d{6}(\d{3}(\d{3})?)?")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]+")
_COUNTRY_PREFIX = re.compile(r"^(\+|00)?86(?=1\d{10}$)")


class Checker:
    """Collects field errors so one save reports every bad field at once."""

    def __init__(self) -> None:
        self.errors: dict[str, tuple[str, dict[str, object]]] = {}

    def fail(self, field: str, key: str, **params: object) -> None:
        self.errors.setdefault(field, (key, params))

    def text(self, field: str, value: str | None, *, required: bool, limit: int) -> str:
        """Normalised text (NFC, trimmed); control characters are refused, not dropped."""
        value = unicodedata.normalize("NFC", value or "").strip()
        # every character refused below is unprintable: most text is looked at once
        refused = None if value.isprintable() else _refused(value)
        if refused is not None:
            self.fail(field, refused)
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
        if value and field not in self.errors and _phone_type(value) is None:
            self.fail(field, "field.phone")
        return value

    def mobile(self, field: str, value: str | None) -> str | None:
        """A mainland mobile as 11 ASCII digits: full-width digits, spaces, dashes and a +86
        or 0086 prefix are accepted as typed; the prefix must be one `phonenumbers` knows."""
        value = self.text(field, value, required=False, limit=40)
        if not value or field in self.errors:
            return None
        if value.isascii() and _MOBILE.fullmatch(value):
            digits = value  # as most are typed: nothing to take out
        else:
            digits = _COUNTRY_PREFIX.sub(
                "", _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
            )
        if not _MOBILE.fullmatch(digits):
            self.fail(field, "field.mobile")
        elif _mobile_block_type(digits[:MOBILE_BLOCK]) != "mobile":
            self.fail(field, "field.mobile_unassigned", prefix=digits[:3])
        return digits

    def region_code(self, field: str, value: str | None) -> str | None:
        value = self.text(field, value, required=False, limit=12)
        if value and not _CODE.fullmatch(value):
            self.fail(field, "field.region_code")
        return value or None

    def check(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


def _refused(value: str) -> str | None:
    """Why `Checker.text` refuses a text that is not printable, if it does."""
    if "\x00" in value:
        return "field.nul"
    if CONTROL_CHARACTERS.search(value):
        return "field.control"
    if _BIDI_CONTROLS.search(value):
        return "field.bidi"
    if any(map(hidden, value)):
        return "field.invisible"  # what a form would show marked, not raw
    return None


def problems(
    check: Callable[..., Any], *args: Any
) -> tuple[dict[str, tuple[str, dict[str, object]]], bool]:
    """What `check(*args)` finds wrong, by field ({} when nothing), and whether it is only
    warnings to confirm: a form asks this while the person corrects it, without saving."""
    try:
        check(*args)
    except ValidationError as error:
        return error.errors, isinstance(error, NeedsConfirmation)
    return {}, False


# phonenumbers tells a Chinese mobile by its first digits: its patterns read at most five
# (1740[0-5]), so the first five decide for all eleven (a test holds phonenumbers to it), and
# an import of 100,000 mobiles asks phonenumbers (about 90 µs a number) once per block.
MOBILE_BLOCK = 5


@lru_cache(maxsize=65536)
def _mobile_block_type(block: str) -> str | None:
    """`_phone_type` of the eleven-digit mobiles that begin with `block`."""
    return _phone_type(block + "0" * (11 - len(block)))


def _phone_type(text: str) -> str | None:
    """ "mobile", "other" (a landline, a service number ...) or None for a number that
    phonenumbers' metadata does not hold valid in China."""
    import phonenumbers  # lazy: its metadata is large

    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    mobile = (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    return "mobile" if phonenumbers.number_type(number) in mobile else "other"
