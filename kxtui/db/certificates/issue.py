"""Issuing certificates: each gets the next number of its county's series of the year, a row in
the register and an audit entry — a batch of any size in one write transaction.

The transaction takes the write lock at BEGIN (`write_transaction`), so the next sequence read
inside it is the next one for every process: no gap, no repeat, whoever issues at the same
time. A failure anywhere (the document too, when it is written in the same transaction:
`kxtui.db.certificates.files`) rolls every number of the batch back.

Printing again the same volunteer's certificate for the same period, certifying the same hours,
is a reprint (补打): the number is kept, `reprints` counted, and the document says so. Hours
that changed since (a service recorded later, a record corrected) make a new certificate with
a new number; the earlier one stays in the register.

A certificate is never issued for no hours: a single volunteer is refused; a batch leaves such
volunteers out and names them, and is refused when nobody has hours to certify. A volunteer
outside the officer's area is refused alike (in a batch: left out and counted).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple

from kxtui.db.certificates import wording
from kxtui.db.certificates.contents import Contents, contents_of, half_hours
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.writes import BulkAudit, Write, write_transaction
from kxtui.db.errors import RefusedError
from kxtui.db.sheets.columns import Progress, no_progress

_META = "certificate."


class Issuer(NamedTuple):
    """The issuing unit as the document names it."""

    unit: str  # 胶州市科学技术协会
    head: str  # 负责人 ("" when not set: a line to sign on)
    handler: str  # 经办人: the officer issuing
    contact: str  # 联系方式: the officer's phone


class Issued(NamedTuple):
    id: int
    number: str
    contents: Contents
    issued_at: datetime  # when it was first issued
    reprint: bool
    reprints: int  # how many times it was printed again (this time included)
    issuer: Issuer


class Batch(NamedTuple):
    issued: tuple[Issued, ...]
    nothing: tuple[str, ...]  # names of the volunteers with no hours to certify: left out
    outside: int  # volunteers outside the officer's area: left out
    left_out: int  # records whose hours are out of range, not certified

    @property
    def new(self) -> int:
        return sum(1 for one in self.issued if not one.reprint)

    @property
    def reprinted(self) -> int:
        return len(self.issued) - self.new


def _meta_key(key: str, county_id: int | None) -> str:
    """`certificate.<county id>.<key>` for one county, `certificate.<key>` for every county."""
    return f"{_META}{county_id}.{key}" if county_id is not None else f"{_META}{key}"


def settings(county_id: int) -> dict[str, str]:
    """The county's certificate settings (meta keys `certificate.<county id>.<key>`, else
    `certificate.<key>`), with defaults from the county's name: 胶州市 → 胶, 胶州市科学技术协会."""
    rows = dict(database.execute_sql(
        "SELECT key, value FROM meta WHERE key LIKE 'certificate.%'"
    ).fetchall())  # fmt: skip
    found = database.execute_sql("SELECT name FROM region WHERE id = ?", (county_id,)).fetchone()
    name = str(found[0]) if found else ""
    defaults = {"number_format": wording.NUMBER_FORMAT, "short_name": name[:1],
                "unit_name": name + wording.UNIT_SUFFIX, "head": ""}  # fmt: skip
    return {
        key: str(rows.get(_meta_key(key, county_id), rows.get(_meta_key(key, None), default)))
        for key, default in defaults.items()
    }


def set_setting(key: str, value: str, county_id: int | None = None) -> None:
    """Store one certificate setting (`wording.META_KEYS`) for a county (None: every county
    without its own), county admins only, with an audit entry; a number format is tried
    first (`number_of`) and refused when it cannot make numbers."""
    if key not in wording.META_KEYS:
        raise RefusedError("certificate.bad_setting", setting=key)
    scope.require_admin()
    if county_id is not None and not _is_county(county_id):
        raise RefusedError("certificate.not_county")
    if key == "number_format":
        number_of(value, "胶", 2026, 1)
    meta = _meta_key(key, county_id)
    with write_transaction() as write:
        before = stored_setting(key, county_id)
        database.execute_sql(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (meta, value)
        )
        write.audit("update", "meta", None, meta, {meta: [before, value]})


def stored_setting(key: str, county_id: int | None = None) -> str | None:
    """The setting as stored for the county (None: for every county), None when it is not."""
    meta = _meta_key(key, county_id)
    row = database.execute_sql("SELECT value FROM meta WHERE key = ?", (meta,)).fetchone()
    return None if row is None else str(row[0])


def _is_county(region_id: int) -> bool:
    """Whether the region is a county (a top region: certificates are numbered per county)."""
    row = database.execute_sql("SELECT parent_id FROM region WHERE id = ?", (region_id,))
    found = row.fetchone()
    return found is not None and found[0] is None


def number_of(form: str, short: str, year: int, sequence: int) -> str:
    """A certificate's number in the county's form; RefusedError when the form is broken."""
    try:
        number = form.format(short=short, year=year, sequence=sequence)
        following = form.format(short=short, year=year, sequence=sequence + 1)
    except (KeyError, IndexError, ValueError) as error:
        raise RefusedError("certificate.bad_format", form=form) from error
    if number == following:  # a form without the sequence would repeat one number
        raise RefusedError("certificate.bad_format", form=form)
    return number


def _issuer(settings: dict[str, str]) -> Issuer:
    officer = scope.session()
    phone = None
    if officer.officer_id is not None:
        row = database.execute_sql(
            "SELECT phone FROM officer_account WHERE id = ?", (officer.officer_id,)
        ).fetchone()
        phone = row[0] if row else None
    from kxtui.db.certificates.contents import text

    return Issuer(text(settings["unit_name"], 60), text(settings["head"], 20),
                  text(officer.name, 20), text(phone or "", 30))  # fmt: skip


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _stamp(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _earlier(contents: list[Contents]) -> dict[int, tuple[Any, ...]]:
    """The latest register row of each volunteer for the same period with the same hours."""
    if not contents:
        return {}
    first = contents[0]
    rows = database.execute_sql(
        "SELECT c.volunteer_id, c.id, c.number, c.issued_at, c.reprints, c.hours,"
        " c.historical_hours FROM certificate c"
        " WHERE c.volunteer_id IN (SELECT value FROM json_each(?))"
        " AND c.period_start IS ? AND c.period_end IS ? ORDER BY c.id",
        ("[" + ",".join(str(c.volunteer_id) for c in contents) + "]",
         _day(first.period_start), _day(first.period_end)),
    ).fetchall()  # fmt: skip
    wanted = {c.volunteer_id: (c.hours, c.historical_hours) for c in contents}
    found: dict[int, tuple[Any, ...]] = {}
    for volunteer, *row in rows:
        if (half_hours(row[4]), half_hours(row[5])) == wanted[volunteer]:
            found[volunteer] = tuple(row)
    return found


def issue_in(
    write: Write,
    volunteer_ids: Sequence[int],
    start: date | None,
    end: date | None,
    *,
    with_list: bool = False,
    progress: Progress = no_progress,
) -> Batch:
    """Issue (or reprint) the certificates inside the caller's write transaction."""
    today = write.at.date()
    progress("certificate.stage_read", 0, len(volunteer_ids))
    everyone = contents_of(volunteer_ids, start, end, today, with_list=with_list)
    if len(volunteer_ids) == 1 and everyone:
        scope.require_editable(_region_of(everyone[0].volunteer_id))
    if len(volunteer_ids) == 1 and not everyone:
        raise RefusedError("refused.gone")
    mine = [c for c in everyone if scope.can_edit(c.region_path)]
    outside = len(everyone) - len(mine)
    left_out = sum(c.left_out for c in mine)
    with_hours = [c for c in mine if c.hours > 0]
    nothing = tuple(c.name for c in mine if c.hours <= 0)
    if not with_hours:
        if len(everyone) == 1 and nothing:
            raise RefusedError("certificate.nothing", name=nothing[0])
        raise RefusedError("certificate.none", count=len(everyone))
    earlier = _earlier(with_hours)
    counties = {c.county_id for c in with_hours}
    county_settings = {county: settings(county) for county in counties}
    issuers = {county: _issuer(county_settings[county]) for county in counties}
    next_sequence = {county: _last_sequence(county, today.year) + 1 for county in counties}
    next_id = database.execute_sql("SELECT COALESCE(MAX(id), 0) + 1 FROM certificate").fetchone()[0]
    audit = BulkAudit(database.connection(), write, "certificate")
    at = audit.at
    new_rows, reprints, issued = [], [], []
    for done, c in enumerate(with_hours, start=1):
        county = c.county_id
        if c.volunteer_id in earlier:
            cert_id, number, first_at, times, *_ = earlier[c.volunteer_id]
            reprints.append((at, cert_id))
            issued.append(Issued(cert_id, number, c, _stamp(first_at), True, times + 1,
                                 issuers[county]))  # fmt: skip
            action, changes = "reprint", {"reprints": [times, times + 1]}
        else:
            sequence = next_sequence[county]
            next_sequence[county] += 1
            setting = county_settings[county]
            number = number_of(setting["number_format"], setting["short_name"], today.year,
                               sequence)  # fmt: skip
            cert_id = next_id
            next_id += 1
            new_rows.append((cert_id, number, county, today.year, sequence, c.volunteer_id,
                             _day(c.period_start), _day(c.period_end), str(c.hours),
                             str(c.historical_hours), at, issuers[county].handler))  # fmt: skip
            issued.append(Issued(cert_id, number, c, write.at, False, 0, issuers[county]))
            action, changes = "issue", _created(c, number)
        audit.add(cert_id, f"{issued[-1].number} {c.name}", changes, c.region_path, action)
        if done % 200 == 0:
            progress("certificate.stage_issue", done, len(with_hours))
    _write_rows(new_rows, reprints)
    audit.done()
    progress("certificate.stage_issue", len(with_hours), len(with_hours))
    return Batch(tuple(issued), nothing, outside, left_out)


def _created(c: Contents, number: str) -> dict[str, list[Any]]:
    period = f"{_day(c.period_start) or ''}~{_day(c.period_end) or ''}"
    return {"number": [None, number], "volunteer_id": [None, c.volunteer_id],
            "period": [None, period], "hours": [None, str(c.hours)],
            "historical_hours": [None, str(c.historical_hours)],
            "left_out": [None, c.left_out]}  # fmt: skip


def _write_rows(new_rows: list[Any], reprints: list[Any]) -> None:
    connection = database.connection()
    try:
        connection.executemany(
            "INSERT INTO certificate (id, number, county_id, year, sequence, volunteer_id,"
            " period_start, period_end, hours, historical_hours, issued_at, issued_by, reprints)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            new_rows,
        )
    except sqlite3.IntegrityError as error:  # two counties' forms give the same number
        raise RefusedError("certificate.number_taken", detail=str(error)) from error
    connection.executemany(
        "UPDATE certificate SET reprints = reprints + 1, reprinted_at = ? WHERE id = ?", reprints
    )


def _last_sequence(county_id: int, year: int) -> int:
    row = database.execute_sql(
        "SELECT COALESCE(MAX(sequence), 0) FROM certificate WHERE county_id = ? AND year = ?",
        (county_id, year),
    ).fetchone()
    return int(row[0])


def _region_of(volunteer_id: int) -> int:
    row = database.execute_sql(
        "SELECT region_id FROM volunteer WHERE id = ?", (volunteer_id,)
    ).fetchone()
    return int(row[0])


def issue(
    volunteer_ids: Sequence[int],
    start: date | None = None,
    end: date | None = None,
    *,
    with_list: bool = False,
    progress: Progress = no_progress,
) -> Batch:
    """Issue the volunteers' certificates for the period (None: from the first service, to
    today) in one write transaction, without a document (see `files.write_certificates`)."""
    with write_transaction() as write:
        return issue_in(write, volunteer_ids, start, end, with_list=with_list, progress=progress)


def hours_text(value: Decimal) -> str:
    """Hours as a certificate prints them: 12, 12.5."""
    return f"{value:.1f}".removesuffix(".0")
