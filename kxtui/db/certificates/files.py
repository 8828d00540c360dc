"""Certificates into a DOCX file: who gets one (a volunteer, a team's members, the roster's
current filter), the file's default name, and the issuing and the writing in one go.

The document is written inside the issuing transaction, into a file beside its target that is
moved into place at the end (`sheets.files.write_file`): a document that cannot be written
issues no number, and numbers are never issued without their document.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, NamedTuple

from kxtui import clock
from kxtui.db.certificates import wording
from kxtui.db.certificates.document import write_document
from kxtui.db.certificates.issue import Batch, issue_in
from kxtui.db.engine import scope
from kxtui.db.engine.models import database
from kxtui.db.engine.writes import write_transaction
from kxtui.db.errors import KxError
from kxtui.db.roster import where_clause
from kxtui.db.rows import RosterFilter
from kxtui.db.sheets.columns import Progress, no_progress
from kxtui.db.sheets.file_names import safe_file_name
from kxtui.db.sheets.files import write_file
from kxtui.db.sheets.notes import CellChanges

FORMATS = ("docx",)


class Request(NamedTuple):
    """What was asked for, as the export's audit entry describes it."""

    volunteers: int
    start: date | None = None
    end: date | None = None
    full_id: bool = False
    with_list: bool = False
    team_id: int | None = None
    region_id: int | None = None


class Written(NamedTuple):
    batch: Batch
    path: str
    server: bool  # in the officer's exports folder on the server
    audited: bool  # the file's export is in the audit log (not on a read-only database)


def volunteers_of(f: RosterFilter) -> list[int]:
    """The volunteers the roster's filter selects, in the roster's name order."""
    conditions, params, _ = where_clause(f, narrow=None)
    sql = (f"SELECT v.id FROM volunteer v WHERE {' AND '.join(conditions)}"
           " ORDER BY v.sort_key, v.id")  # fmt: skip
    return [row[0] for row in database.execute_sql(sql, params).fetchall()]


def team_named(text: str) -> tuple[int, str]:
    """The one team in the officer's view named `text` (its name, pinyin or initials);
    KxError when none is or several are."""
    params: dict[str, object] = {"text": text.strip(), "lower": text.strip().lower()}
    views = scope.view_sql("r.path", params)
    sql = ("SELECT t.id, t.name, r.name FROM team t JOIN region r ON r.id = t.region_id"
           " WHERE t.dissolved_at IS NULL AND (t.name = :text OR t.pinyin = :lower"
           " OR t.initials = :lower)" + "".join(f" AND {v}" for v in views))  # fmt: skip
    found = database.execute_sql(sql + " ORDER BY t.id LIMIT 9", params).fetchall()
    if not found:
        raise KxError("certificate.team_unknown", text=text)
    if len(found) > 1:
        choices = "、".join(f"{name}（{where}）" for _, name, where in found[:8])
        raise KxError("certificate.team_ambiguous", text=text, choices=choices)
    return found[0][0], found[0][1]


def default_name(what: str) -> str:
    """志愿服务记录证明_张三_20261120.docx: what (a name, a team) and the day."""
    day = clock.today().strftime("%Y%m%d")
    return safe_file_name(f"{wording.TITLE}_{what}_{day}") + ".docx"


def volunteer_name(volunteer_id: int) -> str:
    row = database.execute_sql(
        "SELECT v.name, r.path FROM volunteer v JOIN region r ON r.id = v.region_id WHERE v.id = ?",
        (volunteer_id,),
    ).fetchone()
    if row is None:
        raise KxError("refused.gone")
    scope.require_path_visible(row[1])
    return str(row[0])


def write_certificates(
    volunteer_ids: Sequence[int],
    path: Path | str,
    *,
    start: date | None = None,
    end: date | None = None,
    full_id: bool = False,
    with_list: bool = False,
    overwrite: bool = False,
    team_id: int | None = None,
    progress: Progress = no_progress,
) -> Written:
    """Issue the volunteers' certificates for the period and write them into one DOCX at
    `path` (on the server: a name in the officer's exports folder). RefusedError when there
    is nothing to certify (see `issue`); KxError "sheet.exists" for an existing file on a
    laptop without `overwrite`."""
    issued: list[Batch] = []

    def fill(handle: IO[bytes], chosen: str, changes: CellChanges) -> int:
        with write_transaction() as write:
            batch = issue_in(write, volunteer_ids, start, end, with_list=with_list,
                             progress=progress)  # fmt: skip
            write_document(batch.issued, handle, full_id=full_id, with_list=with_list,
                           progress=progress)  # fmt: skip
        issued.append(batch)
        return len(batch.issued)

    request = Request(len(volunteer_ids), start, end, full_id, with_list, team_id)
    result = write_file(path, "docx", overwrite, fill, entity="certificate", filter=request,
                        formats=FORMATS)  # fmt: skip
    return Written(issued[0], result.path, result.server, result.audited)
