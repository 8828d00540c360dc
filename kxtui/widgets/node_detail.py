"""The right-hand pane: breadcrumb, roll-ups and six-haves shortfalls of the selected node."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from kxtui.db.rows import Crumb, RegionDetail, VenueDetail
from kxtui.display import literal
from kxtui.domain import RegionKind, SixHave, VenueLevel, VenueType
from kxtui.i18n import label, t


def breadcrumb(path: tuple[Crumb, ...]) -> Text:
    """The enclosing regions, top first ("胶州市 › 阜安街道 ›"); the node itself is the title."""
    text = Text(style="dim")
    for crumb in path[:-1]:
        text.append_text(literal(crumb.name, 24))
        text.append(" › ")
    return text


class _Figures:
    """Label/value pairs, two per line where both fit the pane, else one per line (a label
    is never cut: "志愿服务队", not "志愿服务…")."""

    def __init__(self, rows: list[tuple[str, object]]) -> None:
        self.rows = [(name, f"{value:,}" if isinstance(value, int) else str(value))
                     for name, value in rows]  # fmt: skip

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        label_width = max((cell_len(name) for name, _ in self.rows), default=0)
        value_width = max((cell_len(value) for _, value in self.rows), default=0)
        per_line = 2 if 2 * (label_width + value_width) + 3 <= options.max_width else 1
        table = Table.grid(padding=(0, 1), expand=False)
        for _ in range(per_line):
            table.add_column(style="dim", no_wrap=True)
            table.add_column(justify="right", no_wrap=True)
        cells = [cell for name, value in self.rows for cell in (name, Text(value))]
        for start in range(0, len(cells), 2 * per_line):
            table.add_row(*cells[start : start + 2 * per_line])
        yield table


def region_view(detail: RegionDetail, year: int) -> RenderableType:
    title = literal(detail.name, 60, style="bold")
    title.append(f"  {label(detail.kind, RegionKind)}", style="dim")
    if detail.code:
        title.append(f" · {detail.code}", style="dim")
    figures: list[tuple[str, object]] = [
        (t("detail.towns"), detail.towns),
        (t("detail.villages"), detail.villages),
        (t("detail.grids"), detail.grids),
        (t("detail.venues"), detail.venues),
        (t("detail.teams"), detail.teams),
        (t("detail.volunteers"), detail.volunteers),
        (t("detail.activities_year", year=year), detail.activities_this_year),
        (t("detail.reached_year", year=year), detail.people_reached_this_year),
        (t("detail.officers"), detail.officers),
    ]
    if detail.invalid_this_year:
        figures.append((t("stats.invalid_values"), detail.invalid_this_year))
    if detail.population:
        figures.append((t("detail.population"), detail.population))
    parts: list[RenderableType] = [breadcrumb(detail.path), title, Text(), _Figures(figures)]
    if detail.venues_by_type:
        parts += [Text(), Text(t("detail.venue_types"), style="bold")]
        types = Table.grid(padding=(0, 1))
        types.add_column()
        types.add_column(justify="right")
        for venue_type, count in detail.venues_by_type:
            types.add_row(label(venue_type, VenueType), str(count))
        parts.append(types)
    parts.append(Text())
    if detail.venues == 0:
        parts.append(Text(t("detail.no_venues"), style="dim"))
    elif detail.shortfall_total == 0:
        parts.append(Text(t("detail.shortfalls_none"), style="green"))
    else:
        parts.append(
            Text(t("detail.shortfalls", total=detail.shortfall_total), style="bold yellow")
        )
        for item in detail.shortfalls:
            line = Text("• ")
            line.append_text(literal(item.name, 30))
            line.append(f" {t('detail.missing')} ", style="dim")
            line.append("、".join(label(m, SixHave) for m in item.missing), style="yellow")
            parts.append(line)
        more = detail.shortfall_total - len(detail.shortfalls)
        if more > 0:
            parts.append(Text(t("detail.shortfalls_more", more=more), style="dim"))
    return Group(*parts)


def venue_view(detail: VenueDetail, year: int) -> RenderableType:
    title = literal(detail.name, 60, style="bold")
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="dim")
    facts.add_column()
    facts.add_row(t("detail.type"), label(detail.type, VenueType))
    facts.add_row(
        t("detail.level"), label(detail.level, VenueLevel) if detail.level else t("detail.none")
    )
    facts.add_row(t("detail.contact"), literal(detail.contact or t("detail.none"), 40))
    facts.add_row(t("detail.phone"), literal(detail.phone or t("detail.none"), 40))
    facts.add_row(t("detail.address"), literal(detail.address or t("detail.none"), 80))
    left_out = detail.invalid_this_year
    facts.add_row(
        t("detail.activities_year", year=year),
        f"{detail.activities_this_year:,}  ({t('detail.reached_year', year=year)} "
        f"{detail.people_reached_this_year:,})"
        + (t("numbers.left_out", count=left_out) if left_out else ""),
    )
    facts.add_row(t("detail.activities_total"), f"{detail.activities_total:,}")
    six = Table.grid(padding=(0, 1))
    six.add_column()
    six.add_column()
    six.add_column(style="dim")
    for state in detail.six:
        mark = Text("✓", style="green") if state.met else Text("✗", style="red")
        note = state.note
        if state.item == SixHave.ACTIVITIES and not note:  # say where it comes from
            note = t("detail.six_from_ledger")
        six.add_row(mark, label(SixHave(state.item)), literal(note, 60))
    met = sum(s.met for s in detail.six)
    heading = Text(f"{t('detail.six')} {met}/6", style="bold")
    return Group(breadcrumb(detail.path), title, Text(), facts, Text(), heading, six)


class NodeDetail(VerticalScroll, can_focus=False):
    """Shows whatever detail it is given; it never queries by itself."""

    DEFAULT_CSS = """
    NodeDetail { padding: 0 1; }
    NodeDetail > Static { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text(t("detail.pick"), style="dim"), id="detail-body")

    def show_message(self, message: str) -> None:
        self.query_one("#detail-body", Static).update(Text(message, style="dim"))

    def show(self, detail: RegionDetail | VenueDetail | None, year: int) -> None:
        body = self.query_one("#detail-body", Static)
        if detail is None:
            self.show_message(t("detail.gone"))
        elif isinstance(detail, RegionDetail):
            body.update(region_view(detail, year))
        else:
            body.update(venue_view(detail, year))
        self.scroll_home(animate=False)
