"""The certificate dialog (志愿服务记录证明): for one volunteer (from their record), for a batch
(a team's members, the roster's current filter) or to reprint a certificate of the register.

The officer chooses the period (everything unless typed: 本年, 去年, 2026, 2026Q3,
2026-01-01~2026-06-30), whether the ID number is shown in full, whether the list of services
is added, and the file's name in the export folder. A period that is not one is said beside
the field, the text kept. The issuing runs in a thread worker with a progress bar; it is one
write (numbers, register rows, audit entries and the document together), so Esc stops it
before that write commits and nothing of it is kept — no number, no register row, no file.
The end says where the file went, the numbers, how many were 补打 and who was left out.
"""

from __future__ import annotations

import threading
import unicodedata
from datetime import date
from functools import partial
from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, Static

from kxtui import clock
from kxtui.dates import parse_span
from kxtui.db.certificates import files
from kxtui.db.certificates.register import RegisterRow
from kxtui.db.errors import KxError
from kxtui.db.rows import RosterFilter
from kxtui.display import clean
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.screens.confirm import ask_overwrite
from kxtui.widgets.workers import run_db

Span = tuple[date | None, date | None]
_EVERYTHING = frozenset({"", "全部", "全部记录", "all", "everything"})
_THIS_YEAR = frozenset({"本年", "今年", "this year"})
_LAST_YEAR = frozenset({"去年", "上年", "last year"})


def parse_certificate_period(text: str, today: date) -> Span | None:
    """What the period field means: (None, None) for everything (empty), this or last year
    in words, or a period or two dates as `parse_span` reads them; None when it is none."""
    value = unicodedata.normalize("NFKC", text).strip().lower()
    if value in _EVERYTHING:
        return None, None
    if value in _THIS_YEAR | _LAST_YEAR:
        year = today.year - (value in _LAST_YEAR)
        return date(year, 1, 1), date(year, 12, 31)
    return parse_span(text, today)


def period_field_text(start: date | None, end: date | None) -> str:
    """A register row's period as the field shows it (empty: everything)."""
    if start is None and end is None:
        return ""
    return f"{start.isoformat() if start else ''}~{end.isoformat() if end else ''}"


class Who(NamedTuple):
    """Whom the dialog certifies: one volunteer, or the volunteers of a roster's filter (a
    team's: `RosterFilter(team_id=…)`); `reprint`: a certificate of the register again."""

    name: str  # the volunteer's, the team's or the roster's region: names the file
    volunteer_id: int | None = None
    roster: RosterFilter | None = None
    team_id: int | None = None
    reprint: RegisterRow | None = None


class CertificateDialog(TranslatedBindings, ModalScreen[str | None]):
    """Dismisses with the path of the file written, or None."""

    CSS_PATH = "certificate_dialog.tcss"
    BINDINGS = [
        Binding("escape", "close", "key.close", id="certificate.close"),
        Binding(
            "ctrl+s", "issue", "certificate.key.issue", id="certificate.issue", priority=True
        ),  # fmt: skip
    ]
    WRITES = frozenset({"issue"})

    def __init__(self, who: Who) -> None:
        super().__init__()
        self.who = who
        self.ids: list[int] | None = None if who.roster is not None else (
            [who.volunteer_id] if who.volunteer_id is not None else [])  # fmt: skip
        self.busy = False
        self.stopping: threading.Event | None = None
        self.written: str | None = None
        from kxtui.db.sheets.officer_files import EXPORTS, places

        where = places()  # a stat and the environment: no SQL
        self.server = where.server
        self.folder: Path | None = where.folder(EXPORTS) if self.server else None

    # -- the dialog ------------------------------------------------------------

    def _title(self) -> str:
        who = self.who
        name = clean(who.name, 30)
        if who.reprint is not None:
            return t("certificate.dialog.reprint_title", number=clean(who.reprint.number, 40),
                     name=name)  # fmt: skip
        key = "certificate.dialog.batch_title" if who.roster else "certificate.dialog.title"
        return t(key, name=name)

    def _file_what(self) -> str:
        """What the file is named after: the name (and 补打 for a reprint)."""
        if self.who.reprint is None:
            return self.who.name
        return f"{self.who.name}_{t('certificate.key.reprint')}"

    def compose(self) -> ComposeResult:
        if self.folder is None:
            self.folder = self.app.export_dir
        reprint = self.who.reprint
        period = period_field_text(reprint.period_start, reprint.period_end) if reprint else ""
        with Vertical(id="certificate"):
            yield Label(Text(self._title()), id="certificate-title")
            if self.who.roster is not None:
                yield Static(Text(t("certificate.dialog.counting")), id="certificate-count")
            if reprint is not None:
                yield Static(Text(t("certificate.dialog.reprint_note")), id="certificate-count")
            with Horizontal(classes="certificate-row"):
                yield Label(t("certificate.dialog.period"), classes="certificate-label")
                yield Input(period, placeholder=t("certificate.dialog.everything"),
                            id="certificate-period", compact=True,
                            disabled=reprint is not None)  # fmt: skip
            yield Static("", id="certificate-period-error")
            if reprint is None:
                yield Static(Text(t("certificate.dialog.period_hint")), classes="certificate-hint")
            else:
                yield Static("", classes="certificate-hint")
            yield Checkbox(t("certificate.dialog.full_id"), id="certificate-full-id",
                           compact=True)  # fmt: skip
            yield Checkbox(t("certificate.dialog.with_list"), id="certificate-with-list",
                           compact=True)  # fmt: skip
            with Horizontal(classes="certificate-row", id="certificate-folder-row"):
                yield Label(t("export.folder"), classes="certificate-label")
                yield Label(Text(clean(self.folder, 300)), id="certificate-folder")
            with Horizontal(classes="certificate-row"):
                yield Label(t("files.name"), classes="certificate-label")
                yield Input(files.default_name(self._file_what()), id="certificate-path",
                            compact=True)  # fmt: skip
            with Horizontal(id="certificate-progress-row"):
                yield Label("", id="certificate-stage")
                yield ProgressBar(id="certificate-progress", show_eta=False)
            yield Static("", id="certificate-status")
            yield Static(Text(t("certificate.dialog.keys")), id="certificate-keys")

    def on_mount(self) -> None:
        self.query_one("#certificate-period-error").display = False
        first = "#certificate-path" if self.who.reprint else "#certificate-period"
        self.query_one(first, Input).focus()
        if self.who.roster is not None:
            run_db(self, files.volunteers_of, self.who.roster, done=self._counted,
                   group="certificate-count", read=True)  # fmt: skip

    def _counted(self, ids: list[int]) -> None:
        self.ids = list(ids)
        line = t("certificate.dialog.count", count=f"{len(ids):,}")
        self.query_one("#certificate-count", Static).update(Text(line))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "certificate-period":
            self._period_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_issue()

    # -- issuing ---------------------------------------------------------------

    def _period(self) -> Span | None:
        reprint = self.who.reprint
        if reprint is not None:  # the register's period exactly: the same certificate
            return reprint.period_start, reprint.period_end
        field = self.query_one("#certificate-period", Input)
        span = parse_certificate_period(field.value, clock.today())
        if span is None:
            error = t("certificate.dialog.period_bad", text=clean(field.value, 40))
            self._period_error(error)
            field.focus()
        return span

    def _period_error(self, error: str) -> None:
        """The message beside the period field, in place of its hint (none: the hint)."""
        self.query_one("#certificate-period-error", Static).update(Text(error))
        self.query_one("#certificate-period-error").display = bool(error)
        self.query_one(".certificate-hint").display = not error

    def action_issue(self, overwrite: bool = False) -> None:
        if self.busy:
            return
        span = self._period()
        if span is None:
            return
        if self.ids is None:
            self._status(t("certificate.dialog.counting"))
            return
        if not self.ids:
            self._status(t("certificate.dialog.none_chosen"), error=True)
            return
        text = self.query_one("#certificate-path", Input).value.strip()
        if not text:
            self._status(t("sheet.export.no_path"), error=True)
            return
        assert self.folder is not None  # (set by compose)
        path = Path(text) if self.server else self.folder / Path(text).expanduser()
        self.busy = True
        self.stopping = stopping = threading.Event()
        self._status("")
        self.query_one("#certificate-progress-row").add_class("-running")
        self.query_one(ProgressBar).update(total=None, progress=0)

        def progress(stage: str, done: int, total: int) -> None:  # in the worker thread
            if stopping.is_set():
                from kxtui.db.sheets.columns import Cancelled

                raise Cancelled()  # inside the write: it is rolled back whole
            self.app.call_from_thread(self._progress, stage, done, total)

        start, end = span
        job = partial(files.write_certificates, list(self.ids), path, start=start, end=end,
                      full_id=self.query_one("#certificate-full-id", Checkbox).value,
                      with_list=self.query_one("#certificate-with-list", Checkbox).value,
                      overwrite=overwrite, team_id=self.who.team_id, progress=progress)  # fmt: skip
        run_db(self, job, done=self._done, failed=self._failed, group="certificate")

    def _progress(self, stage: str, done: int, total: int) -> None:
        if self.busy:
            self.query_one("#certificate-stage", Label).update(t(stage))
            self.query_one(ProgressBar).update(total=total or None, progress=done)

    def _done(self, written: files.Written) -> None:
        from kxtui.certificate_words import done_lines

        self.busy = False
        self.written = written.path
        self.query_one("#certificate-stage", Label).update("")
        self.query_one(ProgressBar).update(total=1, progress=1)
        shown = Path(written.path).name if written.server else written.path
        lines = done_lines(written, shown)
        if written.server:
            lines.append(t("files.server_done", folder=str(Path(written.path).parent)))
        self._status("\n".join(lines))

    def _failed(self, error: KxError) -> None:
        self.busy = False
        self.query_one("#certificate-progress-row").remove_class("-running")
        self.query_one("#certificate-stage", Label).update("")
        if error.key == "sheet.cancelled":
            self._status(t("certificate.dialog.stopped"), error=True)
            return
        if error.key != "sheet.exists":
            self._status(t(error.key, **error.params), error=True)
            return

        field = self.query_one("#certificate-path", Input)
        again = partial(self.action_issue, overwrite=True)
        ask_overwrite(self, error.params.get("path", ""), field, again, self._status)

    def _status(self, message: str, *, error: bool = False) -> None:
        lines = [clean(line, 400) for line in message.split("\n")]
        style = "bold red" if error else ""
        self.query_one("#certificate-status", Static).update(Text("\n".join(lines), style=style))

    def action_close(self) -> None:
        """Esc: closes the dialog, or while issuing stops it (nothing of it is kept)."""
        if self.busy:
            if self.stopping is not None:
                self.stopping.set()
            self._status(t("certificate.dialog.stopping"))
            return
        self.dismiss(self.written)
