"""The hierarchy screen: the region/venue tree on the left, the selected node's detail right."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, Static

from kxtui import clock
from kxtui.db.engine import scope
from kxtui.db.engine.changes import Change
from kxtui.db.errors import KxError, RefusedError
from kxtui.db.rows import (
    Choice,
    Crumb,
    Dependants,
    NodeRef,
    RegionDetail,
    TreeRow,
    VenueDetail,
)
from kxtui.domain import VOLUNTEER_HOMES
from kxtui.i18n import t
from kxtui.screens.base import TranslatedBindings, reason
from kxtui.widgets.key_footer import KeyFooter
from kxtui.widgets.lazy_tree import Level
from kxtui.widgets.node_detail import NodeDetail
from kxtui.widgets.region_tree import RegionTree
from kxtui.widgets.workers import run_db

# The query modules (run in workers) and the screens opened by a key are imported when first
# needed: the first frame should not wait for them.


class _Regions:
    """`kxtui.db.regions` for the tree, imported in the tree's first worker: the first frame
    does not wait for the models."""

    def children(self, region_id: int | None) -> tuple[TreeRow, ...]:
        from kxtui.db import regions

        return regions.children(region_id)

    def levels_to(self, target: NodeRef | None) -> tuple[NodeRef | None, list[Level]]:
        from kxtui.db import regions

        return regions.levels_to(target)


def load_detail(ref: NodeRef, today: date) -> RegionDetail | VenueDetail | None:
    from kxtui.db import regions, venues

    if ref.kind == "region":
        return regions.detail(ref.id, today)
    return venues.detail(ref.id, today)


def count_dependants(ref: NodeRef) -> Dependants | int:
    from kxtui.db import region_writes, venues

    if ref.kind == "region":
        return region_writes.dependants(ref.id)
    return venues.dependants(ref.id)


def delete(ref: NodeRef, version: int) -> None:
    from kxtui.db import region_writes, venues

    if ref.kind == "region":
        region_writes.delete_region(ref.id, version)
    else:
        venues.delete_venue(ref.id, version)


class HierarchyScreen(TranslatedBindings, Screen[None]):
    # Its styles, hierarchy.tcss, are the app's CSS_PATH: Textual (8.2.8) never reads the
    # CSS_PATH of the first screen.
    BINDINGS = [
        Binding("slash", "jump", "key.jump", id="hierarchy.jump", tooltip="cmd.jump.help"),
        Binding(
            "a",
            "add_region",
            "key.add_region",
            id="hierarchy.add_region",
            tooltip="cmd.add_region.help",
        ),
        Binding(
            "v",
            "add_venue",
            "key.add_venue",
            id="hierarchy.add_venue",
            tooltip="cmd.add_venue.help",
        ),
        Binding("e", "edit", "key.edit", id="hierarchy.edit", tooltip="cmd.edit.help"),
        Binding(
            "d,delete", "delete", "key.delete", id="hierarchy.delete", tooltip="cmd.delete.help"
        ),
        Binding(
            "l",
            "add_activity",
            "key.add_activity",
            id="hierarchy.add_activity",
            tooltip="cmd.add_activity.help",
        ),
        Binding("t", "ledger", "key.ledger", id="hierarchy.ledger", tooltip="cmd.ledger.help"),
        Binding("m", "roster", "key.roster", id="hierarchy.roster", tooltip="cmd.roster.help"),
        Binding("h", "audit", "key.audit", id="hierarchy.audit", tooltip="cmd.audit.help"),
        # Shift+R: r is the audit log's region filter, and reports go upward
        Binding("R", "reports", "key.reports", id="hierarchy.reports", tooltip="cmd.reports.help"),
        # Shift+V: v already adds a venue.
        Binding(
            "V",
            "add_volunteer",
            "key.add_volunteer",
            id="hierarchy.add_volunteer",
            tooltip="cmd.add_volunteer.help",
        ),
        # Shift+T: t already opens the ledger.
        Binding("T", "teams", "key.teams", id="hierarchy.teams", tooltip="cmd.teams.help"),
        Binding(
            "c", "calendar", "key.calendar", id="hierarchy.calendar", tooltip="cmd.calendar.help"
        ),
        # z: 证 (zhèng), the certificates issued; c is the calendar
        Binding(
            "z",
            "certificates",
            "certificate.key.register",
            id="hierarchy.certificates",
            tooltip="certificate.cmd.register.help",
            show=False,
        ),
        # F5, as everywhere: r is the audit log's region filter
        Binding(
            "f5",
            "refresh",
            "key.refresh",
            id="hierarchy.refresh",
            tooltip="cmd.refresh.help",
            show=False,
        ),
    ]
    KEY_RANK = ("add_activity", "ledger", "roster", "jump", "add_volunteer", "teams",
                "reports", "audit", "calendar", "edit", "add_venue", "add_region",
                "delete")  # fmt: skip
    PALETTE = (
        ("cmd.add_county", "add_county"),
        ("cmd.import_volunteers", "import_volunteers"),
        ("cmd.import_history", "import_history"),
        ("cmd.report.volunteers", "reports('volunteers')"),
        ("cmd.report.venues", "reports('venues')"),
        ("cmd.report.science-day", "reports('science-day')"),
        ("cmd.report.annual", "reports('annual')"),
        ("certificate.cmd.register", "certificates"),
    )
    WRITES = frozenset({"add_region", "add_county", "add_venue", "edit", "delete",
                        "add_activity", "add_volunteer", "import_volunteers",
                        "import_history"})  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.detail: RegionDetail | VenueDetail | None = None
        self.detail_ref: NodeRef | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="≡")
        refusal = scope.write_refusal()
        if refusal is not None:  # nothing can be changed: say why once, above everything
            yield Static(Text(reason(refusal)), id="read-only-banner")
        with Horizontal(id="panes"):
            yield RegionTree(_Regions(), id="tree")
            yield NodeDetail(id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        tree = self.query_one(RegionTree)
        tree.focus()
        # Paint the first frame before the first query: its worker imports the data layer,
        # which would otherwise compete with the first paint for the interpreter.
        self.call_after_refresh(tree.reveal)

    @property
    def region_tree(self) -> RegionTree:
        return self.query_one(RegionTree)

    def on_region_tree_loaded(self) -> None:
        if not self.region_tree.lines:
            self.query_one(NodeDetail).show_message(t("tree.empty"))

    # -- detail ----------------------------------------------------------------

    def on_region_tree_highlighted(self, event: RegionTree.Highlighted) -> None:
        self.show_detail_of(event.row.ref)

    def show_detail_of(self, ref: NodeRef) -> None:
        today = clock.today()

        def shown(detail: RegionDetail | VenueDetail | None) -> None:
            self.detail, self.detail_ref = detail, ref
            self.query_one(NodeDetail).show(detail, today.year)
            self.refresh_bindings()  # the write keys follow the node's region

        run_db(self, load_detail, ref, today, done=shown, group="detail")

    def _selected(self) -> tuple[NodeRef, RegionDetail | VenueDetail] | None:
        row = self.region_tree.cursor_row
        if row is None or self.detail is None or row.ref != self.detail_ref:
            return None  # nothing selected, or its detail is still loading
        return row.ref, self.detail

    def _region_crumb(self) -> Crumb | None:
        """The selected region, or the region of the selected venue."""
        selected = self._selected()
        if selected is None:
            return None
        ref, detail = selected
        crumbs = [c for c in detail.path if c.ref.kind == "region"]
        return crumbs[-1] if crumbs else None

    def write_refusal(self, action: str) -> KxError | None:
        """Writes act on the selected node's region (the last one shown while the next
        loads, so the keys do not flicker); a county is added at the top level."""
        if action not in self.WRITES:
            return None
        if action == "add_county":
            return scope.edit_refusal(None)
        if self.detail is None:
            return scope.write_refusal()
        return scope.edit_refusal(self.detail.region_path)

    # -- actions ---------------------------------------------------------------

    def action_jump(self) -> None:
        from kxtui.screens.jump import JumpScreen

        self.app.push_screen(JumpScreen(), self._jumped)

    def _jumped(self, ref: NodeRef | None) -> None:
        if ref is not None:
            self.region_tree.reveal(ref)

    def action_add_region(self) -> None:
        if self.region_tree.lines and self._selected() is None:
            return  # the selected node's detail is still loading
        parent = self._region_crumb()
        if parent is not None and parent.type == "grid":
            self.app.show_error(RefusedError("refused.no_child_kinds"))
            return
        from kxtui.screens.region_form import RegionFormScreen

        self.app.push_screen(RegionFormScreen(parent=parent), self.written)

    def action_add_county(self) -> None:
        from kxtui.screens.region_form import RegionFormScreen

        self.app.push_screen(RegionFormScreen(parent=None), self.written)

    def action_add_venue(self) -> None:
        region = self._region_crumb()
        if region is None:
            self.app.show_error(RefusedError("refused.no_region"))
            return
        from kxtui.screens.venue_form import VenueFormScreen

        self.app.push_screen(VenueFormScreen(region=region), self.written)

    def action_edit(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        from kxtui.screens.region_form import RegionFormScreen
        from kxtui.screens.venue_form import VenueFormScreen

        ref, _ = selected
        form = RegionFormScreen if ref.kind == "region" else VenueFormScreen
        context = {f"{ref.kind}_id": ref.id}
        form.open_stored(self, context, self.written, self.action_refresh)

    def _region_choice(self) -> Choice | None:
        """The selected region (or the venue's region) as the activity screens take it."""
        region = self._region_crumb()
        return Choice(region.ref.id, region.name) if region else None

    def action_add_activity(self) -> None:
        selected = self._selected()
        if self.region_tree.lines and selected is None:
            return  # the selected node's detail is still loading
        from kxtui.screens.activity_form import ActivityFormScreen

        venue = None
        if selected is not None and selected[0].kind == "venue":
            venue = Choice(selected[0].id, selected[1].name)
        form = ActivityFormScreen(region=self._region_choice(), venue=venue)
        self.app.push_screen(form, self.written)

    def action_add_volunteer(self) -> None:
        """The volunteer form, living in the selected village, community or grid if one is."""
        if self.region_tree.lines and self._selected() is None:
            return  # the selected node's detail is still loading
        from kxtui.screens.volunteer_form import VolunteerFormScreen

        region = self._region_crumb()
        home = None
        if region is not None and region.type in VOLUNTEER_HOMES:
            home = Choice(region.ref.id, region.name)
        self.app.push_screen(VolunteerFormScreen(home=home), self.written)

    async def action_ledger(self) -> None:
        from kxtui.screens.ledger import LedgerScreen

        ledger = LedgerScreen(self._region_choice())
        await ledger.table.first_page()  # its rows in its first paint
        self.app.push_screen(ledger)

    def action_reports(self, report: str = "activities") -> None:
        """The reports of the selected region (its venue's region), `report` first. The
        report is read while the screen composes (as long, for a county's)."""
        from kxtui.screens.reports import ReportScreen

        self.app.push_screen(ReportScreen(self._region_choice(), report))

    def action_roster(self) -> None:
        from kxtui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(self._region_choice()))

    def action_teams(self) -> None:
        if self.region_tree.lines and self._selected() is None:
            return  # the selected node's detail is still loading: no scope yet, not everyone's
        from kxtui.screens.teams import TeamTreeScreen

        self.app.push_screen(TeamTreeScreen(self._region_choice()))

    def action_import_volunteers(self) -> None:
        """Volunteers from XLSX or CSV; rows without a county are in the selected one."""
        from kxtui.screens.import_volunteers import VolunteerImportScreen

        region = self._region_choice()
        self.app.push_screen(VolunteerImportScreen(region.id if region else None))

    def action_import_history(self) -> None:
        """Historical hours (历史时数) from XLSX or CSV."""
        from kxtui.screens.import_history import HistoryImportScreen

        region = self._region_choice()
        self.app.push_screen(HistoryImportScreen(region.id if region else None))

    def action_calendar(self) -> None:
        """The year's theme days and deadlines, counted by the regions under the selected
        one."""
        from kxtui.screens.calendar import CalendarScreen

        self.app.push_screen(CalendarScreen(self._region_choice()))

    def action_certificates(self) -> None:
        """The register of the certificates issued to the selected region's volunteers."""
        from kxtui.screens.certificates import RegisterScreen

        region = self._region_choice()
        self.app.push_screen(RegisterScreen(region.id if region else None,
                                            region.name if region else None))  # fmt: skip

    def action_audit(self) -> None:
        from kxtui.screens.audit import AuditScreen

        self.app.push_screen(AuditScreen(self._region_choice()))

    def data_changed(self, change: Change) -> None:
        """Written records (here or by another officer): the tree's names and counts and the
        detail shown are read again; the cursor and what is expanded stay."""
        self.region_tree.reload()
        if self.detail_ref is not None:
            self.show_detail_of(self.detail_ref)

    def written(self, result: object) -> None:
        """A form was saved: show what it saved (a region or venue: select it)."""
        if result is None:
            return
        self.notify(t("form.saved"), timeout=3)
        if isinstance(result, NodeRef):
            self.region_tree.reveal(result)
            self.show_detail_of(result)

    def action_delete(self) -> None:
        selected = self._selected()
        if selected is None:
            return
        ref, detail = selected

        def counted(deps: Dependants | int) -> None:
            if isinstance(deps, int) and deps:
                error = RefusedError("refused.venue_has_activities", activities=deps)
                self.app.show_error(error)
            elif isinstance(deps, Dependants) and deps.any():
                self.app.show_error(RefusedError("refused.region_has_dependants", **deps._asdict()))
            else:
                from kxtui.screens.confirm import ConfirmScreen

                key = "delete.confirm_region" if ref.kind == "region" else "delete.confirm_venue"
                question = t(key, name=detail.name)
                self.app.push_screen(
                    ConfirmScreen(question, t("delete.yes"), t("delete.no")), confirmed
                )

        def confirmed(yes: bool | None) -> None:
            if yes:
                run_db(self, delete, ref, detail.version, done=deleted, group="write")

        def deleted(_: None) -> None:
            self.notify(t("delete.done", name=detail.name), markup=False)
            parents = [c.ref for c in detail.path[:-1] if c.ref.kind == "region"]
            parent = parents[-1] if parents else None
            self.region_tree.reveal(parent)
            if parent is not None:
                self.show_detail_of(parent)

        run_db(self, count_dependants, ref, done=counted, group="write")

    def action_refresh(self) -> None:
        selected = self._selected()
        self.region_tree.reveal(selected[0] if selected else None)
        if selected:
            self.show_detail_of(selected[0])
