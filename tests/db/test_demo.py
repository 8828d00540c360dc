"""The demo database: DOMAIN.md's structures and figures, deterministic, and fast to build."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import phonenumbers
import pytest

from kxtui.db.demo import DEMO_TODAY, build_demo
from kxtui.db.engine.connection import close_database
from kxtui.domain import SEVEN_POINTS, SixHave

WINDOW_START = DEMO_TODAY - timedelta(days=730)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
JIAOZHOU_TOWNS = ["阜安街道", "中云街道", "三里河街道", "九龙街道", "胶东街道", "胶北街道",
                  "胶西街道", "北关街道", "李哥庄镇", "胶莱镇", "铺集镇", "里岔镇"]  # fmt: skip
JIAOZHOU_VENUES = {"education_base": 34, "tech_courtyard": 2, "community_museum": 3,
                   "school_museum": 2, "science_park": 1, "demonstration_school": 33,
                   "town_activity_centre": 12}  # fmt: skip
TEAM_LEVELS = ["general", "branch", "domain_division", "professional"]


@dataclass
class Built:
    path: Path
    progress: list[tuple[str, float]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    progress: list[tuple[str, float]] = []
    build_demo(path, seed=2026, progress=lambda label, done: progress.append((label, done)))
    close_database()  # (how long the build takes is a figure of bench/, not a test)
    yield Built(path, progress)


@pytest.fixture(scope="module")
def db(built: Built) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(built.path)
    yield conn
    conn.close()


def one(db: sqlite3.Connection, sql: str, *params: object) -> object:
    return db.execute(sql, params).fetchone()[0]


def subtree(db: sqlite3.Connection, name: str) -> str:
    """The LIKE pattern of a named region's subtree."""
    return str(one(db, "SELECT path FROM region WHERE name = ?", name)) + "%"


def dump(path: Path) -> list[tuple[str, list[tuple]]]:
    """Every table's rows in a fixed order."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]  # fmt: skip
        out = []
        for table in tables:
            width = len(conn.execute(f'SELECT * FROM "{table}" LIMIT 0').description)
            order = ", ".join(str(i) for i in range(1, width + 1))
            rows = conn.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
            out.append((table, rows))
        return out
    finally:
        conn.close()


# --- the build -------------------------------------------------------------------------------


def test_progress_is_reported_in_chinese_and_ends_at_one(built: Built) -> None:
    fractions = [done for _, done in built.progress]
    assert len(built.progress) >= 5
    assert fractions == sorted(fractions) and fractions[0] >= 0 and fractions[-1] == 1.0
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label, _ in built.progress)


def test_refuses_a_file_that_is_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "taken.db"
    path.write_bytes(b"something")
    with pytest.raises(FileExistsError):
        build_demo(path)
    assert path.read_bytes() == b"something"


def test_meta_audit_and_tracking(db: sqlite3.Connection) -> None:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta["demo_seed"] == "2026" and meta["demo_today"] == DEMO_TODAY.isoformat()
    audit = db.execute("SELECT action, entity, actor, summary FROM audit_entry").fetchall()
    assert len(audit) == 1 and audit[0][:3] == ("demo", "database", "kxtui-demo")
    assert "2026" in audit[0][3]
    latest = f"{DEMO_TODAY.isoformat()} 23:59:59"
    for table in ("region", "venue", "volunteer", "officer", "team", "activity"):
        bad = one(db, f"""SELECT count(*) FROM {table} WHERE created_by != 'kxtui-demo'
                          OR updated_by != 'kxtui-demo' OR version != 1 OR created_at > ?
                          OR updated_at != created_at""", latest)  # fmt: skip
        assert bad == 0, table


def test_region_paths_extend_the_parent_path(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id, parent_id, path FROM region").fetchall()
    paths = {rid: path for rid, _, path in rows}
    for rid, parent, path in rows:
        assert path == (paths[parent] if parent else "/") + f"{rid}/"


def test_same_seed_same_content_other_seed_other_people(built: Built, tmp_path: Path) -> None:
    again, other = tmp_path / "again.db", tmp_path / "other.db"
    build_demo(again, seed=2026)
    build_demo(other, seed=7)
    close_database()
    assert dump(again) == dump(built.path)
    first = sqlite3.connect(built.path).execute("SELECT name, mobile FROM volunteer").fetchall()
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT name, mobile FROM volunteer").fetchall() != first
    # the figures of DOMAIN.md do not depend on the seed
    assert one(conn, "SELECT count(*) FROM volunteer") == 10_759 + 3_050
    assert one(conn, "SELECT count(*) FROM team WHERE region_id IN (SELECT id FROM region "
                     "WHERE path LIKE '/1/%')") == 110  # fmt: skip
    assert one(conn, "SELECT count(*) FROM region WHERE kind = 'grid'") == 170
    conn.close()


# --- Jiaozhou ----------------------------------------------------------------------------------


def test_jiaozhou_regions(db: sqlite3.Connection) -> None:
    county = db.execute(
        "SELECT id, code, kind, sort_order, path, parent_id FROM region WHERE name = '胶州市'"
    ).fetchone()
    assert county[1:] == ("370281", "county", 1, f"/{county[0]}/", None)
    towns = db.execute("SELECT id, name, kind, code FROM region WHERE parent_id = ? "
                       "ORDER BY sort_order", (county[0],)).fetchall()  # fmt: skip
    assert [t[1] for t in towns] == JIAOZHOU_TOWNS
    assert [t[2] for t in towns] == ["subdistrict"] * 8 + ["town"] * 4
    assert [t[3] for t in towns] == [f"370281{i:03d}" for i in range(1, 13)]
    villages = db.execute("SELECT r.kind, r.code, t.kind, t.code FROM region r "
                          "JOIN region t ON r.parent_id = t.id WHERE t.parent_id = ?",
                          (county[0],)).fetchall()  # fmt: skip
    assert len(villages) == 204
    assert {kind for kind, *_ in villages} == {"village", "community"}
    assert all(kind == "village" for kind, _, town_kind, _ in villages if town_kind == "town")
    assert all(len(code) == 12 and code.startswith(town) for _, code, _, town in villages)
    assert len({code for _, code, _, _ in villages}) == 204
    per_town = Counter(code[:9] for _, code, _, _ in villages)
    assert len(per_town) == 12 and max(per_town.values()) > min(per_town.values())


def test_one_liaison_per_village_and_town_and_county_staff(db: sqlite3.Connection) -> None:
    jz = subtree(db, "胶州市")
    liaisons = db.execute("""SELECT r.id, count(o.id) FROM region r
        LEFT JOIN officer o ON o.region_id = r.id AND o.role = 'village_liaison'
        WHERE r.path LIKE ? AND r.kind IN ('village', 'community') GROUP BY r.id""",
                          (jz,)).fetchall()  # fmt: skip
    assert len(liaisons) == 204 and {n for _, n in liaisons} == {1}
    roles = Counter(r for (r,) in db.execute(
        "SELECT role FROM officer o JOIN region r ON o.region_id = r.id WHERE r.path LIKE ?",
        (jz,)))  # fmt: skip
    assert roles == {"village_liaison": 204, "town_staff": 12, "county_staff": 2}


def test_jiaozhou_venues_and_the_six_haves(db: sqlite3.Connection) -> None:
    jz = subtree(db, "胶州市")
    venues = db.execute("SELECT v.* FROM venue v JOIN region r ON v.region_id = r.id "
                        "WHERE r.path LIKE ?", (jz,)).fetchall()  # fmt: skip
    columns = [d[0] for d in db.execute("SELECT * FROM venue LIMIT 0").description]
    rows = [dict(zip(columns, v, strict=True)) for v in venues]
    assert Counter(r["type"] for r in rows) == JIAOZHOU_VENUES
    centres = db.execute(
        """SELECT r.kind, v.name, r.name FROM venue v
        JOIN region r ON v.region_id = r.id
        WHERE v.type = 'town_activity_centre' AND r.path LIKE ?""",
        (jz,),
    ).fetchall()
    assert {kind for kind, _, _ in centres} <= {"town", "subdistrict"}
    expected = sorted(f"{town}科普活动中心" for town in JIAOZHOU_TOWNS)
    assert sorted(name for _, name, _ in centres) == expected
    assert all(r["level"] == "city" for r in rows if r["type"] == "education_base")
    short = [r for r in rows if not all(r[f"six_{h}"] for h in SixHave)]
    assert 0.15 <= len(short) / len(rows) <= 0.25
    for r in rows:
        failed = [h for h in SixHave if not r[f"six_{h}"]]
        assert len(failed) <= 2
        for h in SixHave:
            assert bool(r[f"six_{h}_note"]) == (h in failed), (r["name"], h)
        assert r["contact"] and r["address"].startswith("山东省青岛市胶州市")
        assert phonenumbers.is_valid_number(phonenumbers.parse(r["phone"], "CN")), r["phone"]


def test_jiaozhou_team_tree(db: sqlite3.Connection) -> None:
    teams = db.execute("""SELECT t.id, t.parent_id, t.level, t.domain, t.leader_id, t.name
        FROM team t JOIN region r ON t.region_id = r.id WHERE r.path LIKE ?""",
                       (subtree(db, "胶州市"),)).fetchall()  # fmt: skip
    assert len(teams) == 110
    assert Counter(t[2] for t in teams) == {"general": 1, "branch": 12, "domain_division": 48,
                                            "professional": 49}  # fmt: skip
    level = {t[0]: t[2] for t in teams}
    for tid, parent, lvl, domain, leader, name in teams:
        if lvl == "general":
            assert parent is None and name == "胶州市科技志愿服务总队"
        else:
            assert TEAM_LEVELS.index(level[parent]) == TEAM_LEVELS.index(lvl) - 1, name
        assert (domain is not None) == (lvl in ("domain_division", "professional")), name
        assert one(db, "SELECT count(*) FROM team_membership WHERE team_id = ? "
                       "AND volunteer_id = ?", tid, leader) == 1, name  # fmt: skip
    divisions = Counter(parent for _, parent, lvl, *_ in teams if lvl == "domain_division")
    assert set(divisions.values()) == {4}
    health = {d for _, _, lvl, d, *_ in teams if lvl == "domain_division"}
    assert {"health", "education", "agriculture"} <= health


def test_jiaozhou_volunteers(db: sqlite3.Connection) -> None:
    rows = db.execute("""SELECT v.gender, v.id_number, v.birth_date, v.platform_registered,
        v.platform_id, v.is_student, v.active, v.joined_on, v.name FROM volunteer v
        JOIN region r ON v.region_id = r.id
        WHERE r.path LIKE ? AND r.kind IN ('village', 'community')""",
                      (subtree(db, "胶州市"),)).fetchall()  # fmt: skip
    assert len(rows) == 10_759
    with_id = [r for r in rows if r[1]]
    assert 0.15 <= len(with_id) / len(rows) <= 0.25
    for gender, number, birth, *_ in with_id:
        assert len(number) == 18 and number[:6] == "370281"
        assert number[6:14] == birth.replace("-", "")
        total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS, strict=True))
        check = "10X98765432"[total % 11]
        assert number[17] == check, number
        assert int(number[16]) % 2 == (1 if gender == "male" else 0), number
        born = date.fromisoformat(birth)
        age = DEMO_TODAY.year - born.year - ((DEMO_TODAY.month, DEMO_TODAY.day) <
                                              (born.month, born.day))  # fmt: skip
        assert 18 <= age <= 75
    assert all(r[2] is None for r in rows if not r[1])
    registered = [r for r in rows if r[3]]
    assert 0.65 <= len(registered) / len(rows) <= 0.75
    assert 0.9 <= sum(1 for r in registered if r[4]) / len(registered) <= 0.99
    assert all(r[4] is None for r in rows if not r[3])
    assert 0.05 <= sum(r[5] for r in rows) / len(rows) <= 0.11
    assert 0.02 <= sum(1 for r in rows if not r[6]) / len(rows) <= 0.08
    assert all("2019-01-01" <= r[7] <= DEMO_TODAY.isoformat() for r in rows)
    assert {r[0] for r in rows} == {"male", "female"}
    names = Counter(len(r[8]) for r in rows)
    assert 0.2 <= names[2] / len(rows) <= 0.4 and names[3] > names[2]
    surnames = Counter(r[8][0] for r in rows)
    assert surnames.most_common(1)[0][0] in "王李张" and len(surnames) > 80


def test_identifiers_are_unique_everywhere(db: sqlite3.Connection) -> None:
    mobiles = [m for (m,) in db.execute(
        "SELECT mobile FROM volunteer UNION ALL SELECT mobile FROM officer WHERE volunteer_id "
        "IS NULL")]  # fmt: skip
    assert len(mobiles) == len(set(mobiles))
    assert all(len(m) == 11 and m[0] == "1" and m[1] in "3456789" for m in mobiles)
    assert all(phonenumbers.is_valid_number(phonenumbers.parse(m, "CN")) for m in mobiles[::50])
    for column in ("id_number", "platform_id"):
        values = [v for (v,) in db.execute(f"SELECT {column} FROM volunteer WHERE {column} "
                                           "IS NOT NULL")]  # fmt: skip
        assert len(values) == len(set(values)), column
    assert all(p.startswith("DMZY") and len(p) == 12 for (p,) in db.execute(
        "SELECT platform_id FROM volunteer WHERE platform_id IS NOT NULL"))  # fmt: skip


def test_every_volunteer_in_a_team_of_their_own_town(db: sqlite3.Connection) -> None:
    assert (
        one(
            db,
            "SELECT count(*) FROM volunteer v WHERE NOT EXISTS "
            "(SELECT 1 FROM team_membership m WHERE m.volunteer_id = v.id)",
        )
        == 0
    )
    per_volunteer = Counter(v for (v,) in db.execute("SELECT volunteer_id FROM team_membership"))
    assert 1 < max(per_volunteer.values()) <= 3
    outside = one(
        db,
        """SELECT count(*) FROM team_membership m
        JOIN volunteer v ON m.volunteer_id = v.id JOIN region vr ON v.region_id = vr.id
        JOIN team t ON m.team_id = t.id JOIN region tr ON t.region_id = tr.id
        WHERE t.level IN ('domain_division', 'professional')
        AND substr(vr.path, 1, length(tr.path)) != tr.path""",
    )
    assert outside == 0
    domains = Counter(n for (n,) in db.execute(
        "SELECT count(*) FROM volunteer_domain GROUP BY volunteer_id"))  # fmt: skip
    assert set(domains) == {1, 2} and sum(domains.values()) == 10_759 + 3_050


def test_jiaozhou_activities(db: sqlite3.Connection) -> None:
    jz = subtree(db, "胶州市")
    rows = db.execute("""SELECT a.start_date, a.end_date, a.theme_day, a.campaign,
        a.target_groups, a.people_reached, a.materials, a.organiser_team_id, a.organiser,
        a.title, r.kind FROM activity a JOIN region r ON a.region_id = r.id
        WHERE r.path LIKE ?""", (jz,)).fetchall()  # fmt: skip
    assert 450 <= len(rows) <= 550
    targets = {"dandelion": "youth", "silver_age": "elderly", "farmers": "farmers",
               "industrial_workers": "industrial_workers"}  # fmt: skip
    for start, end, theme, campaign, groups, reach, materials, team, organiser, title, kind in rows:
        assert WINDOW_START < date.fromisoformat(start) <= date.fromisoformat(end) <= DEMO_TODAY
        assert (date.fromisoformat(end) - date.fromisoformat(start)).days <= 2
        assert kind in ("town", "subdistrict", "village", "community")
        month_day = start[5:]
        if theme == "science_day":
            assert month_day.startswith("09-") and "全国科普日" in title
        elif theme == "workers_day":
            assert month_day == "05-30" and campaign is None
        elif theme == "science_week":
            assert month_day.startswith("05-")
        if campaign:
            assert targets[campaign] in groups.split(",")
        assert (team is None) != (organiser == "")
        assert 30 <= reach <= 12_000 and 0 <= materials <= 2 * reach and title
    campaigns = Counter(r[3] for r in rows)
    assert set(campaigns) == {*targets, None} and campaigns[None] < len(rows) / 3
    assert {r[2] for r in rows} >= {"science_day", "workers_day", "science_week", None}
    assert sum(1 for r in rows if r[0] == r[1]) > 0.8 * len(rows)
    assert 150_000 <= sum(r[5] for r in rows) <= 400_000


def test_service_records(db: sqlite3.Connection) -> None:
    per_activity = [n for (n,) in db.execute("""SELECT count(s.id) FROM activity a
        LEFT JOIN service_record s ON s.activity_id = a.id GROUP BY a.id""")]  # fmt: skip
    assert min(per_activity) >= 2 and max(per_activity) <= 15
    too_long = one(
        db,
        """SELECT count(*) FROM service_record s JOIN activity a
        ON s.activity_id = a.id WHERE s.hours < 1 OR s.hours > 8
        OR s.hours > (julianday(a.end_date) - julianday(a.start_date) + 1) * 8""",
    )
    assert too_long == 0
    # volunteers serve in the town (镇/街道) of the activity: "/county/town/" prefixes match
    pairs = db.execute("""SELECT ar.path, vr.path FROM service_record s
        JOIN activity a ON s.activity_id = a.id JOIN region ar ON a.region_id = ar.id
        JOIN volunteer v ON s.volunteer_id = v.id JOIN region vr ON v.region_id = vr.id""")
    town = lambda path: path.split("/")[1:3]  # noqa: E731
    assert all(town(a) == town(v) and len(town(a)) == 2 for a, v in pairs)


# --- Jingzhou ----------------------------------------------------------------------------------


def test_jingzhou_communities_and_grids(db: sqlite3.Connection) -> None:
    jzq = subtree(db, "荆州区")
    kinds = Counter(k for (k,) in db.execute("SELECT kind FROM region WHERE path LIKE ?", (jzq,)))
    assert kinds == {"county": 1, "subdistrict": 3, "community": 26, "grid": 170}
    assert one(db, "SELECT p.name FROM region r JOIN region p ON r.parent_id = p.id "
                   "WHERE r.name = '通会桥社区'") == "西城街道"  # fmt: skip
    grids = db.execute("""SELECT g.id, o.name, o.volunteer_id, v.name, v.region_id
        FROM region g JOIN officer o ON o.region_id = g.id AND o.role = 'grid_officer'
        LEFT JOIN volunteer v ON o.volunteer_id = v.id WHERE g.kind = 'grid'""").fetchall()
    assert len(grids) == 170 and len({g[0] for g in grids}) == 170
    assert all(g[2] is not None and g[1] == g[3] and g[4] == g[0] for g in grids)
    assert all(n.startswith("第") and n.endswith("网格") for (n,) in db.execute(
        "SELECT name FROM region WHERE kind = 'grid'"))  # fmt: skip


def test_jingzhou_volunteers_are_mostly_students(db: sqlite3.Connection) -> None:
    jzq = subtree(db, "荆州区")
    total = one(db, "SELECT count(*) FROM volunteer v JOIN region r ON v.region_id = r.id "
                    "WHERE r.path LIKE ?", jzq)  # fmt: skip
    assert total == 3_050
    students, others = db.execute("""SELECT sum(v.is_student), count(*) FROM volunteer v
        JOIN region r ON v.region_id = r.id WHERE r.path LIKE ?
        AND v.id NOT IN (SELECT volunteer_id FROM officer WHERE volunteer_id IS NOT NULL)""",
                                  (jzq,)).fetchone()  # fmt: skip
    assert others == 3_050 - 170 and students / others >= 0.9


def test_tonghuiqiao_one_station_seven_points_one_school_seven_teams(
    db: sqlite3.Connection,
) -> None:
    community = one(db, "SELECT id FROM region WHERE name = '通会桥社区'")
    pattern = subtree(db, "通会桥社区")
    types = Counter(t for (t,) in db.execute(
        "SELECT v.type FROM venue v JOIN region r ON v.region_id = r.id WHERE r.path LIKE ?",
        (pattern,)))  # fmt: skip
    assert types == {"community_station": 1, "community_school": 1, **{p: 1 for p in SEVEN_POINTS}}
    teams = db.execute("SELECT id, name, level FROM team WHERE region_id = ?",
                       (community,)).fetchall()  # fmt: skip
    assert len(teams) == 7 and {lvl for *_, lvl in teams} == {"professional"}
    assert "通会桥社区老科技工作者示范队" in {name for _, name, _ in teams}
    parent = one(db, "SELECT DISTINCT p.name FROM team t JOIN team p ON t.parent_id = p.id "
                     "WHERE t.region_id = ?", community)  # fmt: skip
    assert parent == "西城街道科技志愿服务支队"
    volunteers = {v for (v,) in db.execute(
        "SELECT v.id FROM volunteer v JOIN region r ON v.region_id = r.id WHERE r.path LIKE ?",
        (pattern,))}  # fmt: skip
    assert len(volunteers) == 185
    members = {v for (v,) in db.execute(
        "SELECT volunteer_id FROM team_membership WHERE team_id IN "
        "(SELECT id FROM team WHERE region_id = ?)", (community,))}  # fmt: skip
    assert volunteers <= members
    assert all(one(db, "SELECT count(*) FROM team_membership WHERE team_id = ?", t) > 0
               for t, _, _ in teams)  # fmt: skip


def test_jingzhou_units_and_monthly_lectures(db: sqlite3.Connection) -> None:
    jzq = subtree(db, "荆州区")
    types = Counter(t for (t,) in db.execute(
        "SELECT v.type FROM venue v JOIN region r ON v.region_id = r.id WHERE r.path LIKE ?",
        (jzq,)))  # fmt: skip
    assert types["university_sast"] == 1 and types["enterprise_sast"] == 2
    assert types["rural_tech_association"] == 2 and types["town_activity_centre"] == 3
    count = one(db, "SELECT count(*) FROM activity a JOIN region r ON a.region_id = r.id "
                    "WHERE r.path LIKE ?", jzq)  # fmt: skip
    assert 130 <= count <= 170
    months = Counter(
        m
        for (m,) in db.execute(
            "SELECT substr(start_date, 1, 7) FROM activity WHERE title LIKE '通会桥社区科普大讲堂%'"
        )
    )
    assert len(months) >= 23 and set(months.values()) <= {1, 2}
