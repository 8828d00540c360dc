"""What issuing certificates says once done, the same in the app and in `kxtui certificate`:
how many, their numbers (first … last for a batch), how many were reprints (补打), where the
file went, and who was left out and why."""

from __future__ import annotations

from kxtui.db.certificates.files import Written
from kxtui.i18n import t

SHOWN_NAMES = 5  # the volunteers left out for want of hours that a message names


def done_lines(written: Written, path: str | None = None) -> list[str]:
    """The lines of the message (`path`: the file as the message names it; default the
    path written)."""
    batch = written.batch
    numbers = sorted(one.number for one in batch.issued)
    shown = numbers[0] if len(numbers) == 1 else f"{numbers[0]} … {numbers[-1]}"
    lines = [t("certificate.done", count=len(numbers), new=batch.new, reprinted=batch.reprinted,
               numbers=shown, path=path or written.path)]  # fmt: skip
    if batch.nothing:
        names = "、".join(batch.nothing[:SHOWN_NAMES])
        names += "…" if len(batch.nothing) > SHOWN_NAMES else ""
        lines.append(t("certificate.done_nothing", count=len(batch.nothing), names=names))
    if batch.outside:
        lines.append(t("certificate.done_outside", count=batch.outside))
    if batch.left_out:
        lines.append(t("certificate.done_left_out", count=batch.left_out))
    return lines
