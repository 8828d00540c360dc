"""The year's calendar: theme days and deadlines by date, the days left to each and, for a
theme day, the activities logged for it so far, in all and by town (the regions under the one
the screen was opened on). `[` / `]` go a year back or on; Enter (or `e`) edits the selected
entry's dates — county admins only, others are told why."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from kxtui import clock
from kxtui.calendar_words import dates_text, days_left_text, logged_text, town_name
from kxtui.db.engine import scope
from kxtui.db.engine.changes import Change
from kxtui.db.errors import KxError, RefusedError
from kxtui.db.rows import CalendarEntry, Choice
from kxtui.display import clean
from kxtui.domain import AccessRole
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.workers import run_db

COLUMNS = ("calendar.column.dates", "calendar.column.name", "calendar.column.days_left",
           "calendar.column.logged")  # fmt: skip
TOWN_WIDTH = 19  # cells per town in the detail: four to a line at 80 columns


def _entries(year: int, region_id: int | None) -> tuple[CalendarEntry, ...]:
    from kxtui.db import calendar

    return calendar.entries(year, region_id)


class CalendarScreen(TranslatedBindings, Screen[None]):
    CSS_PATH = "calendar.tcss"
    BINDINGS = [
        Binding("enter,e", "edit", "key.edit", id="calendar.edit"),
        Binding("left_square_bracket", "year(-1)", "key.previous_year", id="calendar.previous"),
        Binding("right_square_bracket", "year(1)", "key.next_year", id="calendar.next"),
        Binding("escape", "back", "key.back", id="calendar.back"),
        Binding("f5", "refresh", "key.refresh", id="calendar.refresh", show=False),
    ]
    KEY_RANK = ("edit", "year(-1)", "year(1)", "back")
    WRITES = frozenset({"edit"})

    def __init__(self, region: Choice | None = None, year: int | None = None) -> None:
        super().__init__()
        self.root = region
        self.year = year or clock.today().year
        self.rows: tuple[CalendarEntry, ...] = ()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        with Vertical(id="calendar"):
            yield Label("", id="calendar-title")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="calendar-table")
            with VerticalScroll(id="calendar-detail"):
                yield Static("", id="calendar-entry")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in COLUMNS:
            table.add_column(t(key), key=key)
        table.focus()
        self.reload()

    def write_refusal(self, action: str) -> KxError | None:
        """The calendar is the county admins' to edit."""
        refusal = super().write_refusal(action)
        if refusal is None and action in self.WRITES:
            officer = scope.session()
            if officer.role != AccessRole.COUNTY_ADMIN:
                return RefusedError("calendar.read_only", name=officer.name)
        return refusal

    def reload(self, select: int | None = None) -> None:
        region = self.root.id if self.root else None
        year = self.year

        def shown(rows: tuple[CalendarEntry, ...]) -> None:
            if year == self.year:
                self._show(rows, select)

        run_db(self, _entries, year, region, done=shown, group="calendar")

    def _show(self, rows: tuple[CalendarEntry, ...], select: int | None) -> None:
        place = f" · {clean(self.root.name, 30)}" if self.root else ""
        self.query_one("#calendar-title", Label).update(
            Text(t("calendar.title", year=self.year) + place, style="bold")
        )
        self.rows = rows
        table = self.query_one(DataTable)
        kept = table.cursor_row if select is None else 0
        table.clear()
        for index, row in enumerate(rows):
            past = row.days_left + (row.end - row.start).days < 0
            table.add_row(
                Text(dates_text(row)),
                Text(clean(row.name, 40)),
                Text(days_left_text(row), style="dim" if past else "bold"),
                Text(logged_text(row), justify="right"),
                key=str(row.id),
            )
            if row.id == select:
                kept = index
        if rows:
            table.move_cursor(row=min(kept, len(rows) - 1))
        self._detail()

    def on_data_table_row_highlighted(self) -> None:
        self._detail()

    def _selected(self) -> CalendarEntry | None:
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def _detail(self) -> None:
        entry = self._selected()
        shown = self.query_one("#calendar-entry", Static)
        if entry is None:
            shown.update("")
            return
        text = Text()
        text.append(clean(entry.name, 60), style="bold")
        text.append(f"  {dates_text(entry)} · {days_left_text(entry)}\n")
        note = t("calendar.default") if entry.is_default else t("calendar.edited")
        text.append(note + "\n", style="dim")
        if entry.notes:
            text.append(clean(entry.notes, 200) + "\n")
        if entry.kind == "theme":
            text.append(t("calendar.activities") + "：", style="bold")
            text.append(t("calendar.total", activities=f"{entry.activities:,}",
                          people=f"{entry.people_reached:,}") + "\n")  # fmt: skip
            if entry.by_town:
                text.append(t("calendar.by_town") + "\n", style="bold")
                text.append_text(self._towns(entry))
            else:
                text.append(t("calendar.no_activities"), style="dim")
        shown.update(text)

    def _towns(self, entry: CalendarEntry) -> Text:
        """The towns in columns, as many as fit the pane: "阜安街道   12"."""
        width = max(TOWN_WIDTH, self.query_one("#calendar-detail").content_size.width)
        per_line = max(1, width // TOWN_WIDTH)
        text = Text()
        for index, town in enumerate(entry.by_town):
            name = clean(town_name(town.name), 12)
            count = f"{town.activities:,}"
            gap = max(1, TOWN_WIDTH - 1 - cell_len(name) - len(count))
            text.append(name)
            text.append(" " * gap + count, style="bold")
            last = index == len(entry.by_town) - 1
            text.append("\n" if (index + 1) % per_line == 0 or last else " ")
        return text

    def on_data_table_row_selected(self) -> None:
        """Enter on an entry: its form (or why it may not be edited)."""
        refusal = self.write_refusal("edit")
        if refusal is not None:
            self.app.show_error(refusal)
            return
        self.action_edit()

    def action_edit(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        from kxtui.screens.calendar_form import CalendarFormScreen

        def saved(result: object) -> None:
            if result is not None:
                self.notify(t("calendar.saved", name=entry.name), markup=False, timeout=3)
                self.reload(select=entry.id)

        self.app.push_screen(CalendarFormScreen(existing=entry), saved)

    def action_year(self, step: int) -> None:
        self.year += step
        self.reload(select=None)

    def action_refresh(self) -> None:
        entry = self._selected()
        self.reload(select=entry.id if entry else None)

    def data_changed(self, change: Change) -> None:
        """A saved entry or activity (here or by another officer): read the year again."""
        if change.touches("calendar_entry", "activity"):
            self.action_refresh()

    def action_back(self) -> None:
        self.dismiss()
