"""The province demo at a small size: its shapes, its validity, its deliberate problems at the
documented rates, and the same content for the same seed in any process."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import phonenumbers
import pytest

from kxtui.cli import main
from kxtui.db import officers, resident_id
from kxtui.db.demo import DEMO_TODAY, province
from kxtui.db.demo import data as D
from kxtui.db.demo.province import build_province, counties, rates
from kxtui.db.demo.province.draw import Names
from kxtui.db.demo.province.state import County
from kxtui.db.engine import volunteer_index
from kxtui.db.engine.connection import close_database, open_database
from kxtui.db.engine.models import database
from kxtui.db.pinyin import pinyin_keys
from kxtui.domain import CHILD_KINDS

VOLUNTEERS, COUNTIES = 20_000, 6
WINDOW_START = date.fromordinal(DEMO_TODAY.toordinal() - 730)


@dataclass
class Built:
    path: Path
    progress: list[tuple[str, float]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    path = tmp_path_factory.mktemp("province") / "province.db"
    progress: list[tuple[str, float]] = []
    build_province(path, seed=2026, volunteers=VOLUNTEERS, counties=COUNTIES,
                   progress=lambda label, done: progress.append((label, done)))  # fmt: skip
    close_database()
    yield Built(path, progress)


@pytest.fixture(scope="module")
def db(built: Built) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(built.path)
    yield conn
    conn.close()


def one(db: sqlite3.Connection, sql: str, *params: object) -> object:
    return db.execute(sql, params).fetchone()[0]


def content_hash(path: Path) -> str:
    """A digest of every row of every table, in a fixed order."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        for table in tables:
            width = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            digest.update(table.encode())
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}'):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        conn.close()


BUILD_IN_SUBPROCESS = """
import sys
from kxtui.db.demo.province import build_province
build_province(sys.argv[1], seed=int(sys.argv[2]), volunteers=int(sys.argv[3]), counties=6)
"""


def build_elsewhere(path: Path, seed: int, hash_seed: str) -> None:
    """Build in a fresh interpreter with another string-hash seed (set order must not leak)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    subprocess.run([sys.executable, "-c", BUILD_IN_SUBPROCESS, str(path), str(seed),
                    str(VOLUNTEERS)], check=True, env=env, timeout=300)  # fmt: skip


# --- determinism and integrity ------------------------------------------------------------


def test_same_seed_same_content_in_another_process(built: Built, tmp_path: Path) -> None:
    build_elsewhere(tmp_path / "again.db", 2026, "12345")
    assert content_hash(tmp_path / "again.db") == content_hash(built.path)


def test_another_seed_other_content(built: Built, tmp_path: Path) -> None:
    build_elsewhere(tmp_path / "other.db", 7, "0")
    assert content_hash(tmp_path / "other.db") != content_hash(built.path)


def test_file_is_whole_and_consistent(built: Built, db: sqlite3.Connection) -> None:
    assert one(db, "PRAGMA integrity_check") == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert one(db, "PRAGMA journal_mode") == "wal"  # restored after the unjournaled build
    wal = built.path.with_name(built.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    indexes = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"volunteer_pinyin", "volunteer_mobile", "team_membership_team_id_volunteer_id"} <= (
        indexes
    )
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    assert meta["demo_scale"] == "province" and meta["demo_volunteers"] == str(VOLUNTEERS)


def test_progress_is_reported_and_ends_at_one(built: Built) -> None:
    fractions = [done for _, done in built.progress]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert len(built.progress) >= COUNTIES
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label, _ in built.progress)


def test_refuses_a_file_with_content(tmp_path: Path) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        build_province(target, volunteers=100, counties=1)
    assert target.read_bytes() == b"precious"


# The rows are made in a forked child process (`counties`), which inherits the patches below.
forks = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the child is not forked here"
)


@forks
def test_a_failure_making_rows_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(p: object, county: County) -> None:
        if county.order == 2:
            raise ValueError("no villages in 第二县")

    monkeypatch.setattr(counties, "PHASES", (*counties.PHASES, broken))
    with pytest.raises(RuntimeError, match="no villages in 第二县"):
        build_province(tmp_path / "broken.db", volunteers=2_000, counties=3)
    close_database()
    assert multiprocessing.active_children() == []


@forks
def test_a_failure_inserting_stops_the_child(tmp_path: Path) -> None:
    def progress(label: str, done: float) -> None:
        if done > 0:  # the second county
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_province(tmp_path / "stopped.db", volunteers=50_000, counties=20,
                       progress=progress)  # fmt: skip
    close_database()
    assert multiprocessing.active_children() == []


# --- places ---------------------------------------------------------------------------------


def test_region_tree(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT r.id, r.kind, r.path, p.kind, p.path FROM region r "
                      "LEFT JOIN region p ON r.parent_id = p.id").fetchall()  # fmt: skip
    for rid, kind, path, parent_kind, parent_path in rows:
        assert kind in CHILD_KINDS[parent_kind]  # type: ignore[index]
        assert path == f"{parent_path or '/'}{rid}/"
    kinds = Counter(kind for _, kind, *_ in rows)
    assert kinds["county"] == COUNTIES
    towns = kinds["town"] + kinds["subdistrict"]
    assert 6 * COUNTIES <= towns <= 17 * COUNTIES
    assert 15 * towns <= kinds["village"] + kinds["community"] <= 25 * towns
    assert kinds["grid"] > 0
    names = Counter(n for (n,) in db.execute("SELECT name FROM region WHERE kind = 'county'"))
    assert max(names.values()) == 1


def test_venues_per_town_and_six_haves(db: sqlite3.Connection) -> None:
    towns = one(db, "SELECT count(*) FROM region WHERE kind IN ('town', 'subdistrict')")
    venues = one(db, "SELECT count(*) FROM venue")
    assert 6 * towns <= venues <= 10 * towns  # type: ignore[operator]
    centres = one(db, "SELECT count(*) FROM venue WHERE type = 'town_activity_centre'")
    assert centres == towns
    short = one(db, "SELECT count(*) FROM venue WHERE NOT (six_organisation AND six_rules AND "
                    "six_site AND six_medium AND six_activities AND six_feature)")  # fmt: skip
    assert 0.12 < short / venues < 0.28  # type: ignore[operator]
    for (phone,) in db.execute("SELECT phone FROM venue"):
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone, "CN")), phone


# --- teams ----------------------------------------------------------------------------------


def test_team_tree(db: sqlite3.Connection) -> None:
    pairs = Counter(db.execute("SELECT t.level, p.level FROM team t "
                               "LEFT JOIN team p ON t.parent_id = p.id"))  # fmt: skip
    allowed = {("general", None), ("branch", "general"), ("domain_division", "branch"),
               ("professional", "domain_division")}  # fmt: skip
    assert set(pairs) == allowed
    towns = one(db, "SELECT count(*) FROM region WHERE kind IN ('town', 'subdistrict')")
    assert pairs["general", None] == COUNTIES and pairs["branch", "general"] == towns
    assert pairs["domain_division", "branch"] == 4 * towns  # type: ignore[operator]
    per_county = sum(pairs.values()) / COUNTIES
    assert 60 <= per_county <= 160


def test_leaders_are_adult_members(db: sqlite3.Connection) -> None:
    rows = db.execute("""SELECT t.id, t.leader_id, v.is_student,
        EXISTS (SELECT 1 FROM team_membership m WHERE m.team_id = t.id
                AND m.volunteer_id = t.leader_id)
        FROM team t LEFT JOIN volunteer v ON v.id = t.leader_id""").fetchall()
    led = [r for r in rows if r[1] is not None]
    assert len(led) >= 0.97 * len(rows)  # only a small team nobody joined has no leader
    assert all(member for *_, member in led)
    assert sum(student for _, _, student, _ in led) < 0.05 * len(led)


def test_members_belong_to_the_town_of_their_team(db: sqlite3.Connection) -> None:
    outside = one(db, """SELECT count(*) FROM team_membership m
        JOIN volunteer v ON m.volunteer_id = v.id JOIN region vr ON v.region_id = vr.id
        JOIN team t ON m.team_id = t.id JOIN region tr ON t.region_id = tr.id
        WHERE substr(vr.path, 1, length(tr.path)) != tr.path""")  # fmt: skip
    assert outside == 0


# --- volunteers -----------------------------------------------------------------------------


def test_volunteers_spread_over_the_counties(db: sqlite3.Connection) -> None:
    assert one(db, "SELECT count(*) FROM volunteer") == VOLUNTEERS
    per_county = [n for (n,) in db.execute("""SELECT count(*) FROM volunteer v
        JOIN region r ON v.region_id = r.id GROUP BY substr(r.path, 1, instr(substr(r.path, 2),
        '/') + 1)""")]  # fmt: skip
    mean = VOLUNTEERS / COUNTIES
    assert len(per_county) == COUNTIES and all(0.55 * mean < n < 1.45 * mean for n in per_county)
    domains = Counter(n for (n,) in db.execute(
        "SELECT count(*) FROM volunteer_domain GROUP BY volunteer_id"))  # fmt: skip
    assert set(domains) == {1, 2} and domains.total() == VOLUNTEERS


def test_names_pinyin_and_initials(db: sqlite3.Connection) -> None:
    for name, pinyin, initials in db.execute("SELECT name, pinyin, initials FROM volunteer"):
        assert (pinyin, initials) == pinyin_keys(name, person=True), name
    for table in ("region", "venue", "team", "officer"):
        person = table == "officer"
        for name, pinyin, initials in db.execute(f"SELECT name, pinyin, initials FROM {table}"):
            assert (pinyin, initials) == pinyin_keys(name, person=person), name
    for title, pinyin, initials in db.execute(
        "SELECT title, pinyin, initials FROM activity WHERE id % 5 = 0"):  # fmt: skip
        assert (pinyin, initials) == pinyin_keys(title), title


def test_search_keys_are_those_of_the_volunteer_index(db: sqlite3.Connection) -> None:
    """The build makes the keys from the name pools' readings and SQL; `search_keys` reads
    each name with pypinyin. Every volunteer of the small build (names read whole too)."""
    keys: dict[int, set[str]] = {}
    for key, volunteer in db.execute("SELECT key, volunteer_id FROM volunteer_key"):
        keys.setdefault(volunteer, set()).add(key)
    volunteers = db.execute("SELECT id, name, mobile FROM volunteer").fetchall()
    assert len(keys) == len(volunteers) == VOLUNTEERS
    for volunteer, name, mobile in volunteers:
        assert keys[volunteer] == volunteer_index.search_keys(name, mobile), name
    # names the build reads whole: a word across surname and given name (殷红), 尉迟 ...
    whole = [n for _, n, _ in volunteers if n[:2] in Names._prefixes or n.startswith("尉迟")]
    assert len(whole) > 20


def test_service_totals_are_those_refresh_service_counts(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(built.path) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    query = "SELECT volunteer_id, hours, last_served FROM volunteer_service ORDER BY 1"
    conn = sqlite3.connect(copy)
    try:
        as_built = conn.execute(query).fetchall()
    finally:
        conn.close()
    open_database(copy)
    try:
        with database.atomic():
            volunteer_index.refresh_service(None)
        counted = database.execute_sql(query).fetchall()
    finally:
        close_database()
    assert as_built == counted
    assert len(as_built) == VOLUNTEERS and any(hours for _, hours, _ in as_built)


def test_indexes_are_the_schema_s(built: Built, tmp_path: Path) -> None:
    """The build drops and recreates the indexes: they must come back as a new database has
    them (names, tables, columns, uniqueness), primary keys included."""
    fresh = tmp_path / "fresh.db"
    open_database(fresh)
    close_database()
    query = ("SELECT type, name, tbl_name, sql FROM sqlite_master "
             "WHERE type IN ('index', 'table') ORDER BY type, name")  # fmt: skip

    def schema(path: Path) -> list[tuple[str, ...]]:
        conn = sqlite3.connect(path)
        try:
            return conn.execute(query).fetchall()
        finally:
            conn.close()

    built_schema = schema(built.path)
    assert built_schema == schema(fresh)
    assert ("index", "volunteer_key_volunteer_id_key", "volunteer_key",
            'CREATE INDEX "volunteer_key_volunteer_id_key" ON "volunteer_key" '
            '("volunteer_id", "key")') in built_schema  # fmt: skip


def test_mobiles_valid_unique_but_a_few(db: sqlite3.Connection) -> None:
    mobiles = [m for (m,) in db.execute("SELECT mobile FROM volunteer")]
    present = [m for m in mobiles if m is not None]
    for mobile in set(present):
        number = phonenumbers.parse(mobile, "CN")
        assert phonenumbers.is_valid_number(number) and re.fullmatch(r"1[3-9]\d{9}", mobile)
    missing = 1 - len(present) / len(mobiles)
    assert 0.5 * rates.MISSING_MOBILE < missing < 1.5 * rates.MISSING_MOBILE
    shared = len(present) - len(set(present))  # volunteers given someone else's number
    assert 0.3 * rates.SHARED_MOBILE < shared / len(mobiles) < 2 * rates.SHARED_MOBILE


def check_char(first17: str) -> str:
    return D.ID_CHECK[sum(int(c) * w for c, w in zip(first17, D.ID_WEIGHTS, strict=True)) % 11]


def test_id_numbers_agree_with_birth_and_gender(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id_number, birth_date, gender FROM volunteer").fetchall()
    with_id = [r for r in rows if r[0] is not None]
    assert all(birth is not None for _, birth, _ in with_id)
    assert all(birth is None for number, birth, _ in rows if number is None)
    assert 0.8 * rates.ID_NUMBER < len(with_id) / len(rows) < 1.2 * rates.ID_NUMBER
    wrong_check = dropped = 0
    for number, birth, gender in with_id:
        if len(number) == 17:
            dropped += 1
            continue
        assert len(number) == 18 and number[:17].isdigit()
        assert number[6:14] == birth.replace("-", "")
        assert int(number[16]) % 2 == (gender == "male")
        wrong_check += number[17] != check_char(number[:17])
    assert len({n for n, _, _ in with_id}) == len(with_id)
    invalid = (wrong_check + dropped) / len(with_id)
    documented = rates.ID_WRONG_CHECK + rates.ID_DIGIT_DROPPED
    assert 0.3 * documented < invalid < 2.2 * documented
    assert wrong_check > dropped > 0


def test_id_number_flags_are_the_forms_verdict(db: sqlite3.Connection) -> None:
    """The roster checks read `id_number_valid`: set in SQL by the build, it must say what the
    volunteer form's own check (resident_id.read) says of every number."""
    rows = db.execute("SELECT id_number, id_number_valid FROM volunteer").fetchall()
    assert all(flag is None for number, flag in rows if number is None)
    verdicts = [
        (isinstance(resident_id.read(number, DEMO_TODAY), resident_id.ResidentId), bool(flag))
        for number, flag in rows
        if number is not None
    ]
    assert all(form == flag for form, flag in verdicts)
    assert {flag for _, flag in verdicts} == {True, False}


def test_the_builder_is_its_county_admin(built: Built, db: sqlite3.Connection) -> None:
    ((user, role, region),) = db.execute(
        "SELECT user_name, role, region_id FROM officer_account"
    ).fetchall()
    assert (user, role, region) == (officers.unix_user(built.path), "county_admin", None)


def test_platform_and_activity_flags(db: sqlite3.Connection) -> None:
    total, registered, without_id, students, inactive = db.execute("""SELECT count(*),
        sum(platform_registered), sum(platform_registered AND platform_id IS NULL),
        sum(is_student), sum(NOT active) FROM volunteer""").fetchone()  # fmt: skip
    assert 0.65 < registered / total < 0.75
    without = without_id / registered
    assert (
        0.5 * rates.REGISTERED_WITHOUT_PLATFORM_ID
        < without
        < 1.5 * (rates.REGISTERED_WITHOUT_PLATFORM_ID)
    )
    assert one(db, "SELECT count(*) FROM volunteer WHERE platform_id IS NOT NULL AND "
                   "NOT platform_registered") == 0  # fmt: skip
    assert 0.04 < students / total < 0.14
    assert 0.7 * rates.INACTIVE < inactive / total < 1.3 * rates.INACTIVE
    in_teams = one(db, "SELECT count(*) FROM volunteer v WHERE NOT active AND EXISTS "
                       "(SELECT 1 FROM team_membership m WHERE m.volunteer_id = v.id)")  # fmt: skip
    share = in_teams / inactive  # type: ignore[operator]
    assert 0.6 * rates.INACTIVE_STILL_IN_TEAMS < share < 1.4 * rates.INACTIVE_STILL_IN_TEAMS
    no_team = one(db, "SELECT count(*) FROM volunteer v WHERE active AND NOT EXISTS "
                      "(SELECT 1 FROM team_membership m WHERE m.volunteer_id = v.id)")  # fmt: skip
    assert no_team == 0


def test_small_professional_teams(db: sqlite3.Connection) -> None:
    sizes = [n for (n,) in db.execute("""SELECT count(m.id) FROM team t
        LEFT JOIN team_membership m ON m.team_id = t.id WHERE t.level = 'professional'
        GROUP BY t.id""")]  # fmt: skip
    small = sum(n < 3 for n in sizes) / len(sizes)
    assert 0.4 * rates.SMALL_TEAM < small < 2.5 * rates.SMALL_TEAM
    assert sorted(sizes)[len(sizes) // 2] > 20  # the typical team is not small


def test_officers(db: sqlite3.Connection) -> None:
    roles = dict(db.execute("SELECT role, count(*) FROM officer GROUP BY role").fetchall())
    kinds = dict(db.execute("SELECT kind, count(*) FROM region GROUP BY kind").fetchall())
    assert roles["county_staff"] == 2 * COUNTIES
    assert roles["town_staff"] == kinds["town"] + kinds["subdistrict"]
    assert roles["village_liaison"] == kinds["village"] + kinds["community"]
    assert roles["grid_officer"] == kinds["grid"]
    grids = db.execute("""SELECT o.volunteer_id, o.name, v.name, o.mobile IS v.mobile,
        v.region_id = o.region_id FROM officer o LEFT JOIN volunteer v ON o.volunteer_id = v.id
        WHERE o.role = 'grid_officer'""").fetchall()  # fmt: skip
    linked = [g for g in grids if g[0] is not None]
    assert all(name == vname and same_mobile and same_region
               for _, name, vname, same_mobile, same_region in linked)  # fmt: skip
    share = len(linked) / len(grids)
    assert rates.GRID_OFFICER_VOLUNTEER - 0.1 < share < rates.GRID_OFFICER_VOLUNTEER + 0.1


# --- activities -----------------------------------------------------------------------------


def test_activities_and_service_records(db: sqlite3.Connection) -> None:
    activities = one(db, "SELECT count(*) FROM activity")
    assert abs(activities - VOLUNTEERS * 0.1) <= COUNTIES  # type: ignore[operator]
    for start, end in db.execute("SELECT start_date, end_date FROM activity"):
        assert WINDOW_START < date.fromisoformat(start) <= date.fromisoformat(end) <= DEMO_TODAY
    per_activity = [n for (n,) in db.execute(
        "SELECT count(*) FROM service_record GROUP BY activity_id")]  # fmt: skip
    assert max(per_activity) <= 17 and 8 < sum(per_activity) / activities < 12  # type: ignore[operator]
    wrong = one(db, """SELECT count(*) FROM service_record s
        JOIN activity a ON s.activity_id = a.id JOIN volunteer v ON s.volunteer_id = v.id
        WHERE NOT v.active OR v.joined_on > a.start_date""")  # fmt: skip
    assert wrong == 0
    pairs = db.execute("""SELECT ar.path, vr.path FROM service_record s
        JOIN activity a ON s.activity_id = a.id JOIN region ar ON a.region_id = ar.id
        JOIN volunteer v ON s.volunteer_id = v.id JOIN region vr ON v.region_id = vr.id""")
    town = lambda path: path.split("/")[1:3]  # noqa: E731  "/county/town/..."
    assert all(town(a) == town(v) and len(town(a)) == 2 for a, v in pairs)
    never = one(db, "SELECT count(*) FROM volunteer v WHERE NOT EXISTS "
                    "(SELECT 1 FROM service_record s WHERE s.volunteer_id = v.id)")  # fmt: skip
    assert 0.2 < never / VOLUNTEERS < 0.7  # type: ignore[operator]
    this_year = one(db, "SELECT count(DISTINCT s.volunteer_id) FROM service_record s "
                        "JOIN activity a ON s.activity_id = a.id WHERE a.start_date >= ?",
                    f"{DEMO_TODAY.year}-01-01")  # fmt: skip
    assert 0.2 < this_year / VOLUNTEERS < 0.6  # type: ignore[operator]


# --- command line ---------------------------------------------------------------------------


def test_cli_builds_the_province_at_a_small_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = partial(province.build_province, volunteers=3_000, counties=2)
    monkeypatch.setattr(province, "build_province", small)
    target = tmp_path / "province.db"
    assert main(["demo", "--scale", "province", "--db", str(target)]) == 0
    assert not target.with_name("province.db.building").exists()
    conn = sqlite3.connect(target)
    try:
        assert one(conn, "SELECT count(*) FROM volunteer") == 3_000
        assert one(conn, "SELECT value FROM meta WHERE key = 'demo_scale'") == "province"
    finally:
        conn.close()


def test_cli_demo_is_the_county_by_default() -> None:
    from kxtui.cli import build_parser

    assert build_parser().parse_args(["demo"]).scale == "county"
