"""Goals 9–13 (issue 5 §6): the volunteer roster (志愿者花名册) of the province demo, 1,000,000
volunteers, all regions; VisiData opening the same volunteers beside it.

The database: `kxtui demo --scale province` (seed 2026), built once and kept in bench/data/
(not in git) under a name that changes with the schema version and the generator's source, with
a CSV export of its volunteers (name, pinyin, initials, mobile, region id, hours) for VisiData.
The roster is opened on all regions, as `m` opens it when no region is selected: the app's
hierarchy screen comes up, then the roster is pushed over it.

- 9. start → first roster frame: `python -c` running `create_app(db).run()` with the roster
  pushed once the app runs (Textual's auto-pilot), in an 80×24 pseudo-terminal; the clock
  stops when the first masked mobile ("****", a row of the first page) is written; also → the
  count line. Baselines: the same on the county demo (its ~14,000 volunteers); hello world
  (bench/startup.py); VisiData: `vd volunteers.csv` → its header line (first screen) and → "N
  rows" with loading done. Peak RSS (VmHWM) of both processes after the search below.
- 10. search keystroke → first page of the new filter painted (real app under Pilot, 120×36):
  for "张", "zw", "zhangwei", "138" the field holds all but the last character (its page on
  screen, no worker running) and the last key is pressed; p50 / p95 over the sessions, per
  query and together. Baselines: the same keys on the county demo; the Textual floor of
  bench/ledger.py (Input + 40-row DataTable refilled in memory); VisiData: "/", "张", Enter
  → its status line names the search (the cursor moved to the first match), after loading.
- 11. PgDn ×20 from the top → cursor moved a page and every visible line painted (keyset).
- 12. filter keys on the table: g (platform registered), n (not served this year), s (sort
  by hours), one after the other → first page of the new filter painted.
- 13. peak RSS of the app process (the spawned one of 9, after it showed the count, searched
  "张" and paged down three times).
- data layer (info): `roster.page(limit=100)` and `roster.count` for each filter, medians.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from time import perf_counter, sleep
from typing import Any

from bench.common import PaintProbe, Row, Terminal, median, ms, percentile, ratio, until, verdict
from bench.fixtures import FROZEN_AT
from bench.ledger import _floor_session, _settle, _timed_key, fresh, page_shown
from bench.startup import HELLO
from kxtui.app import create_app
from kxtui.db import roster
from kxtui.db.demo.province import build_province
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.database import SCHEMA_VERSION
from kxtui.db.engine.models import database
from kxtui.db.rows import RosterFilter
from kxtui.i18n import set_language, t
from kxtui.screens.roster import RosterScreen
from kxtui.widgets.roster_table import RosterTable

GOAL_KEY_S, GOAL_PGDN_S, GOAL_RSS, GOAL_PEER = 0.100, 0.020, 150 * 2**20, 10.0
DATA = Path(__file__).parent / "data"
SOURCES = ("kxtui/db/demo", "kxtui/db/engine/volunteer_index.py", "kxtui/db/engine/models.py")
QUERIES = ("张", "zw", "zhangwei", "138")
FILTER_KEYS = ("g", "n", "s")
SIZE = (120, 36)
PGDN = 20
SPAWNS = 3
PAGE_DOWN = b"\x1b[6~"
MASKED = b"****"  # in every row's mobile: the first page is on screen

ROSTER_APP = """
import sys
from kxtui.app import create_app
from kxtui.screens.roster import RosterScreen

async def roster(pilot):
    pilot.app.push_screen(RosterScreen(None))

create_app(sys.argv[1], language="zh").run(auto_pilot=roster)
"""


def province_db() -> Path:
    """The province demo, built on the first run after the generator or schema changed."""
    root = Path(__file__).parent.parent
    digest = hashlib.sha256()
    for source in SOURCES:
        for file in sorted((root / source).rglob("*.py")) or [root / source]:
            digest.update(file.read_bytes())
    path = DATA / f"province-v{SCHEMA_VERSION}-{digest.hexdigest()[:12]}.db"
    if not path.exists():
        DATA.mkdir(exist_ok=True)
        for old in DATA.glob("province-*"):
            old.unlink()
        building = path.with_name(path.name + ".building")
        building.unlink(missing_ok=True)
        print(f"building {path.name} (once) ...", flush=True)
        try:
            build_province(building)
        finally:
            close_database()
        building.rename(path)
    return path


def volunteers_csv(db: Path) -> Path:
    """The province's volunteers as CSV for VisiData, next to the database."""
    path = db.with_suffix(".csv")
    if not path.exists():
        open_database(db)
        try:
            rows = database.execute_sql(
                "SELECT v.name, v.pinyin, v.initials, v.mobile, v.region_id, vs.hours "
                "FROM volunteer v JOIN volunteer_service vs ON vs.volunteer_id = v.id ORDER BY v.id"
            )
            with path.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(("name", "pinyin", "initials", "mobile", "region_id", "hours"))
                writer.writerows(rows)
        finally:
            close_database()
    return path


def visidata() -> str | None:
    """The `vd` command: $KXTUI_BENCH_VD, else on the PATH."""
    return os.environ.get("KXTUI_BENCH_VD") or shutil.which("vd")


# -- filters and the data layer ----------------------------------------------------------------


def filters() -> dict[str, RosterFilter]:
    """Every filter the sessions show, by step name: "all", each query, then g, n, s in turn."""
    base = RosterFilter()
    named = {"all": base}
    named.update({q: base._replace(text=q) for q in QUERIES})
    named.update({q[:-1]: base._replace(text=q[:-1]) for q in QUERIES if len(q) > 1})
    year = FROZEN_AT.date().year
    step = base._replace(registered=True)
    named["g"] = step
    step = step._replace(served=False, start=FROZEN_AT.date().replace(month=1, day=1),
                         end=FROZEN_AT.date().replace(month=12, day=31))  # fmt: skip
    named["n"] = step
    named["s"] = step._replace(sort="hours")
    assert named["n"].start is not None and named["n"].start.year == year
    return named


@dataclass
class Data:
    counts: dict[str, int]
    page: dict[str, float]
    count: dict[str, float]


def _data(path: Path) -> Data:
    def timed(fn: Any, reps: int = 3) -> float:
        samples = []
        for _ in range(reps):
            started = perf_counter()
            fn()
            samples.append(perf_counter() - started)
        return median(samples)

    open_database(path)
    try:
        with database.connection_context():
            named = filters()
            counts = {name: roster.count(f) for name, f in named.items()}
            year = FROZEN_AT.year
            page = {n: timed(lambda f=f: roster.page(f, year, limit=100)) for n, f in named.items()}
            count = {n: timed(lambda f=f: roster.count(f), 1) for n, f in named.items()}
    finally:
        close_database()
    return Data(counts, page, count)


# -- the app as a process --------------------------------------------------------------------


@dataclass
class Spawned:
    first_frame: float
    counted: float
    rss: int = 0


def _spawned(path: Path, data: Data) -> Spawned:
    """Start → first page; → count; then "张" and PgDn ×3, and the peak RSS."""
    terminal = Terminal([sys.executable, "-c", ROSTER_APP, str(path)])
    try:
        first = terminal.until(MASKED)
        counted = terminal.until(t("roster.count", count=f"{data.counts['all']:,}").encode())
        terminal.send("张".encode())
        terminal.until(t("roster.count", count=f"{data.counts['张']:,}").encode())
        for _ in range(3):
            terminal.send(PAGE_DOWN)
            sleep(0.3)
        return Spawned(first, counted, terminal.peak_rss())
    finally:
        terminal.close()


@dataclass
class Peer:
    first_screen: float
    loaded: float
    search: float
    rss: int


def _visidata(command: str, volunteers: Path, rows: int) -> Peer:
    """VisiData in the terminal: → header (first screen), → "N rows" (loaded); the search
    timed in batch mode (see `_batch`); its peak RSS once the selection is done."""
    search = _batch(command, volunteers, "张") - _batch(command, volunteers, None)
    terminal = Terminal([command, "-N", str(volunteers)])
    try:
        first = terminal.until(b"initials", timeout=60)
        loaded = terminal.until(str(rows).encode(), timeout=120)  # the status line: N rows
        terminal.send("|张\r".encode())  # select the rows whose name matches
        sleep(search + 1.0)
        return Peer(first, loaded, search, terminal.peak_rss())
    finally:
        terminal.close()


def _batch(command: str, volunteers: Path, regex: str | None) -> float:
    """Seconds VisiData takes, without a screen (-b), to open the CSV, select the rows whose
    name matches `regex` (None: no search) and save them as a sheet of their own (the
    filtered list the roster shows). Its search = the time with "张" less the time without."""
    steps = [("open-file", "", str(volunteers))]
    if regex is not None:
        steps.append(("select-col-regex", "name", regex))
    steps.append(("dup-selected", "", ""))
    script = volunteers.with_suffix(".vdj")
    script.write_text("".join(json.dumps({"sheet": "" if i == 0 else volunteers.stem, "col": col,
        "row": "", "longname": name, "input": text}, ensure_ascii=False) + "\n"
        for i, (name, col, text) in enumerate(steps)), encoding="utf-8")  # fmt: skip
    argv = [command, "-N", "-b", "-p", str(script), "-o", str(script.with_suffix(".out.csv"))]
    started = perf_counter()
    subprocess.run(argv, check=True, capture_output=True, timeout=300)
    return perf_counter() - started


# -- the app under Pilot ---------------------------------------------------------------------


@dataclass
class Session:
    opened: float = 0.0
    keys: dict[str, float] = field(default_factory=dict)
    pgdn: list[float] = field(default_factory=list)


async def _session(path: Path, counts: dict[str, int], pgdn: bool) -> Session:
    app = create_app(path, frozen_at=FROZEN_AT, cursor_blink=False)
    probe = PaintProbe(app)
    named = filters()
    result = Session()
    async with app.run_test(size=SIZE) as pilot:
        hierarchy = app.screen
        await _settle(app, pilot, lambda: hierarchy._region_crumb() is not None, "hierarchy")
        screen = RosterScreen(None)

        def table() -> RosterTable | None:
            return screen.table if app.screen is screen and screen.is_mounted else None

        def shown(name: str) -> bool:
            tb = table()
            return tb is not None and tb.filter == named[name] and page_shown(tb, counts[name])

        probe.arm(lambda: shown("all"))
        started = perf_counter()
        app.push_screen(screen)
        result.opened = await probe.painted() - started
        tb = screen.table
        await _settle(app, pilot, lambda: tb.total == counts["all"], "the count")
        if pgdn:
            for _ in range(PGDN):
                before = tb.cursor
                (seconds,) = await _timed_key(
                    pilot, "pagedown", [(probe, lambda b=before: tb.cursor != b and shown("all"))]
                )
                result.pgdn.append(seconds)
                await app.workers.wait_for_complete()
            await pilot.press("home")
        await pilot.press("slash")
        search = screen.query_one("#list-search")
        for query in QUERIES:
            prefix = query[:-1]
            search.value = prefix  # type: ignore[attr-defined]
            search.cursor_position = len(prefix)  # type: ignore[attr-defined]
            await _settle(app, pilot, lambda p=prefix or "all": shown(p), f"rows of {prefix!r}")
            (result.keys[query],) = await _timed_key(
                pilot, query[-1], [(probe, lambda q=query: shown(q))]
            )
        search.value = ""  # type: ignore[attr-defined]
        await _settle(app, pilot, lambda: shown("all"), "all again")
        await pilot.press("escape")
        await until(lambda: tb.has_focus, what="the table focused")
        for key in FILTER_KEYS:
            await _settle(app, pilot, lambda: not app.workers._workers, "idle")
            (result.keys[key],) = await _timed_key(pilot, key, [(probe, lambda k=key: shown(k))])
    return result


# -- the figures ---------------------------------------------------------------------------


def run(demo_db: Path, reps: int) -> list[Row]:
    set_language("zh")
    path = province_db()
    big, small = _data(path), _data(demo_db)
    hello = [sys.executable, "-c", HELLO]
    spawned, county, hellos = [], [], []
    _spawned(path, big)  # warm-up, discarded
    for _ in range(SPAWNS):
        spawned.append(_spawned(path, big))
        county.append(_spawned(demo_db, small))
        terminal = Terminal(hello)
        try:
            hellos.append(terminal.until(b"hello world"))
        finally:
            terminal.close()
    command = visidata()
    peer = _visidata(command, volunteers_csv(path), big.counts["all"]) if command else None
    rows_for_floor = [(str(i),) * 8 for i in range(2_000)]
    try:
        fresh(_session(path, big.counts, pgdn=False))  # warm-ups, discarded
        fresh(_session(demo_db, small.counts, pgdn=False))
        kx = [fresh(_session(path, big.counts, pgdn=rep == 0)) for rep in range(reps)]
        base = [fresh(_session(demo_db, small.counts, pgdn=rep == 0)) for rep in range(reps)]
        floor = [fresh(_floor_session(rows_for_floor)) for _ in range(reps)]
    finally:
        import gc

        gc.unfreeze()
    return _report(big, small, spawned, county, hellos, peer, kx, base, floor, bool(command))


def _dist(values: list[float]) -> tuple[float, float]:
    return median(values), percentile(values, 95)


def _mib(value: float) -> str:
    return f"{value / 2**20:.0f} MiB"


def _report(
    big: Data,
    small: Data,
    spawned: list[Spawned],
    county: list[Spawned],
    hellos: list[float],
    peer: Peer | None,
    kx: list[Session],
    base: list[Session],
    floor: list[Any],
    has_peer: bool,
) -> list[Row]:
    n = f"{big.counts['all']:,}"
    first = median([s.first_frame for s in spawned])
    first_county = median([s.first_frame for s in county])
    hello = median(hellos)
    counted = median([s.counted for s in spawned])
    rows = [
        Row(
            f"9. roster, {n} volunteers: start → first page painted",
            f"≥ {GOAL_PEER:.0f}× faster than VisiData" if peer else "",
            ms(first),
            f"VisiData first screen {ms(peer.first_screen)}" if peer else "VisiData: not run",
            ratio(peer.first_screen, first) if peer else "",
            verdict(peer.first_screen / first >= GOAL_PEER) if peer else "info",
        ),
        Row(
            "   the same on the county demo / hello world",
            measured=ms(first_county),
            baseline=f"hello world {ms(hello)}",
            ratio=ratio(first, hello),
            verdict="info",
        ),  # fmt: skip
        Row(
            "   start → count painted (共 … 名志愿者)",
            measured=ms(counted),
            baseline=f"county demo {ms(median([s.counted for s in county]))}",
            verdict="info",
        ),  # fmt: skip
    ]
    if peer:
        rows.append(Row("   VisiData: start → all rows loaded", measured=ms(peer.loaded),
                        verdict="info"))  # fmt: skip
    elif not has_peer:
        rows.append(Row("   VisiData peer skipped: no `vd` on the PATH (pip install visidata in "
                        "a separate venv; or set KXTUI_BENCH_VD)", verdict="info"))  # fmt: skip

    every = [s.keys[q] for s in kx for q in QUERIES]
    k50, k95 = _dist(every)
    d50, d95 = _dist([s.keys[q] for s in base for q in QUERIES])
    f50, f95 = _dist([v for s in floor for v in s.keys.values()])
    z50 = median([s.keys["张"] for s in kx])
    rows += [
        Row(
            "10. search keystroke → page painted, p95 (张 zw zhangwei 138)",
            f"≤ {ms(GOAL_KEY_S)}",
            ms(k95),
            f"county demo p95 {ms(d95)}",
            ratio(k95, d95),
            verdict(k95 <= GOAL_KEY_S),
        ),
        Row(
            "    p50",
            measured=ms(k50),
            baseline=f"county demo p50 {ms(d50)}",
            ratio=ratio(k50, d50),
            verdict="info",
        ),  # fmt: skip
        Row(
            "    Textual floor: Input + 40-row DataTable refilled, p50 / p95",
            measured=f"{ms(f50)} / {ms(f95)}",
            baseline="kxtui p95 / floor p95",
            ratio=ratio(k95, f95),
            verdict="info",
        ),  # fmt: skip
        Row(
            '    "张" → first result painted, p50',
            f"≥ {GOAL_PEER:.0f}× faster than VisiData" if peer else "",
            ms(z50),
            f"VisiData select 张 {ms(peer.search)}" if peer else "VisiData: not run",
            ratio(peer.search, z50) if peer else "",
            verdict(peer.search / z50 >= GOAL_PEER) if peer else "info",
        ),
    ]
    for q in QUERIES:
        q50, q95 = _dist([s.keys[q] for s in kx])
        rows.append(Row(
            f"    {q!r} ({big.counts[q]:,} found): p50 / p95", measured=f"{ms(q50)} / {ms(q95)}",
            baseline=f"county demo ({small.counts[q]:,}) {ms(median([s.keys[q] for s in base]))}",
            ratio=ratio(q50, median([s.keys[q] for s in base])), verdict="info"))  # fmt: skip

    p50, p95 = _dist(kx[0].pgdn)
    b50, _ = _dist(base[0].pgdn)
    rows.append(Row(f"11. PgDn ×{PGDN} → page painted, p95 (p50 {ms(p50)})", f"≤ {ms(GOAL_PGDN_S)}",
                    ms(p95), f"county demo p50 {ms(b50)}", ratio(p50, b50),
                    verdict(p95 <= GOAL_PGDN_S)))  # fmt: skip
    labels = {"g": "g registered", "n": "n not served this year", "s": "s sort by hours"}
    for key in FILTER_KEYS:
        k = median([s.keys[key] for s in kx])
        b = median([s.keys[key] for s in base])
        rows.append(Row(f"12. filter key {labels[key]} ({big.counts[key]:,}) → page painted, p50",
                        measured=ms(k), baseline=f"county demo {ms(b)}", ratio=ratio(k, b),
                        verdict="info"))  # fmt: skip
    rss = max(s.rss for s in spawned)
    rows.append(Row(
        "13. peak RSS of the app process (opened, count, 张, PgDn ×3)",
        f"≤ {_mib(GOAL_RSS)}" + (" and ≤ 1/5 VisiData's" if peer else ""),
        _mib(rss),
        (f"VisiData {_mib(peer.rss)}; county demo " if peer else "county demo ")
        + _mib(max(s.rss for s in county)),
        ratio(rss, peer.rss) if peer else "",
        verdict(rss <= GOAL_RSS and (peer is None or rss * 5 <= peer.rss)),
    ))  # fmt: skip
    rows.append(Row("    data layer, open connection: page(limit=100) / count, medians",
                    verdict="info"))  # fmt: skip
    for name in ("all", *QUERIES, *FILTER_KEYS):
        rows.append(Row(
            f"    {name!r} ({big.counts[name]:,})",
            measured=f"{ms(big.page[name])} / {ms(big.count[name])}",
            baseline=f"county demo {ms(small.page[name])} / {ms(small.count[name])}",
            ratio=ratio(big.page[name], small.page[name]), verdict="info"))  # fmt: skip
    return rows
