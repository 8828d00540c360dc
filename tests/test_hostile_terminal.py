"""The installed `kxtui` in a real terminal (tmux, every byte recorded with pipe-pane) on a
database whose every shown text column holds control, bidi and zero-width characters: every
screen and form is opened, and no byte of them reaches the terminal raw. The same keys on the
clean database give the escape sequences and control bytes the app writes itself."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from kxtui.db.officers import unix_user
from tests.hostile import PAYLOAD, SHOWN_COLUMNS, poison, raw_from_data
from tests.terminal import KXTUI, wait_for

pytestmark = [pytest.mark.terminal, pytest.mark.slow]  # two sessions, about 40 s

TREE = "/ 跳转"  # the hierarchy's footer: back on the tree


def venue_initials(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT v.initials FROM venue v JOIN region r ON r.id = v.region_id"
            " WHERE r.name = '阜安街道' ORDER BY v.id LIMIT 1"
        ).fetchone()[0]


def leave_a_draft(path: Path, text: str) -> None:
    """A half-typed new town named `text` (kept by an earlier session), for the drafts offer."""
    with sqlite3.connect(path) as connection:
        [(county,)] = connection.execute(
            "SELECT id FROM region WHERE name LIKE '胶州市%' AND parent_id IS NULL"
        ).fetchall()
        values = {"name": text, "kind": "town", "code": "", "population": ""}
        connection.execute(
            "INSERT INTO form_draft (actor, form, target, summary, data, updated_at)"
            " VALUES (?, 'region', 'new:terminal', ?, ?, ?)",
            (unix_user(path), text, json.dumps({"context": {"parent_id": county},
             "values": values}), str(datetime.now().replace(microsecond=0))),
        )  # fmt: skip


def poison_every_shown_column(path: Path) -> None:
    """The payload in every shown column, and an audit entry by another program written
    within the hour (the audit log's default period is this month) all of whose text is it."""
    with sqlite3.connect(path) as connection:
        for table in SHOWN_COLUMNS:
            assert poison(connection, table, "1 = 1") > 0, table
        [(county_path,)] = connection.execute(
            "SELECT path FROM region WHERE name LIKE '胶州市%' AND parent_id IS NULL"
        ).fetchall()
        venue = connection.execute("SELECT min(id) FROM venue").fetchone()[0]
        connection.execute(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, summary, changes,"
            " region_path) VALUES (?, ?, 'update', 'venue', ?, ?, ?, ?)",
            (str(datetime.now().replace(microsecond=0)), PAYLOAD, venue, PAYLOAD,
             json.dumps({"name": [PAYLOAD, "x"], PAYLOAD: ["y", PAYLOAD]}), county_path),
        )  # fmt: skip


def every_screen(tmux, db_path: Path, log: Path, jump_to_venue: str) -> None:  # type: ignore[no-untyped-def]
    """Open every screen and form of kxtui on `db_path` at 120×36, recording into `log`."""
    session = db_path.stem
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36",
         f"{KXTUI} --db {db_path}; sleep 60")  # fmt: skip
    tmux("pipe-pane", "-o", "-t", session, f"cat >> {log}")
    screen: Callable[[], str] = lambda: tmux("capture-pane", "-p", "-t", session)  # noqa: E731

    def keys(*sent: str, then: str = TREE, gone: str = "", literal: bool = False) -> None:
        """Send keys; wait for `then` to show and `gone` to go (a dialog over the tree)."""
        tmux("send-keys", "-t", session, *(["-l"] if literal else []), *sent)
        wait_for(screen, then)
        deadline = time.monotonic() + 20
        while gone and gone in screen():
            assert time.monotonic() < deadline, f"{gone!r} stayed:\n{screen()}"
            time.sleep(0.1)

    def form(key: str, shows: str, leave: str = "Escape", back: str = TREE) -> None:
        """Open a form with `key` (it `shows` a text of its own), then leave it."""
        keys(key, then=shows)
        keys(leave, then=back, gone=shows)

    wait_for(screen, "未完成的表单")  # the draft left by `leave_a_draft`
    keys("Enter", then="新建区域（")
    keys("Escape", then="保存、放弃")
    keys("d", gone="新建区域（")
    wait_for(screen, "10,759")
    keys("Right", then="阜安街道")  # the county's towns
    form("a", "新建区域（")
    form("V", "所在村/社区")  # (not its title: the footer names the key "V 新建志愿者")
    keys("e", then="编辑区域：")
    keys("End", then="编辑区域：")
    keys("新", then="编辑区域：", literal=True)
    deadline = time.monotonic() + 20  # typed after the clean name, or the poisoned one's end
    while not ("市新" in screen() or "庚新" in screen()):
        assert time.monotonic() < deadline, f"the name never changed:\n{screen()}"
        time.sleep(0.1)
    # saved (a changed name): the county's audit log holds its old name
    keys("C-s", then=TREE, gone="编辑区域：")
    keys("h", then="修改")  # the log with its rows (the entry of the save above)
    keys("Enter", then="↑↓ 滚动")  # the entry, field by field
    audit = "审计日志 —"  # its title (the tree's footer names the key "h 审计日志")
    keys("Escape", then=audit, gone="↑↓ 滚动")
    keys("Down", then=audit)  # from the search field to the rows, where letters are keys
    keys("o", then="按操作人筛选")
    keys("Escape", then=audit, gone="按操作人筛选")
    keys("Escape", gone=audit)
    form("l", "时长（小时）")
    form("v", "新建阵地（")
    keys("/", then="跳转到区域或阵地")
    keys(jump_to_venue, then="◆", literal=True)
    keys("Enter", gone="跳转到区域或阵地")
    time.sleep(0.5)  # the venue's detail
    form("e", "编辑阵地：")
    keys("t", then="活动名称")  # the ledger
    keys("Down", then="活动名称")  # to its rows
    form("Enter", "编辑活动：", back="活动名称")
    keys("d", then="删除活动“")  # the question quotes the activity's title
    keys("Escape", then="活动名称", gone="删除活动“")
    keys("f", then="Ctrl+R 清除筛选")  # the ledger's filters: team and venue suggestions
    keys("Escape", then="活动名称", gone="Ctrl+R 清除筛选")
    keys("Escape", gone="活动名称")
    keys("m", then="志愿者花名册")
    keys("Enter", then="编辑志愿者：")
    keys("F3", then="服务记录")
    keys("F4", then="所在队伍")
    keys("Escape", then="志愿者花名册", gone="编辑志愿者：")
    keys("Down", then="志愿者花名册")  # to its rows
    keys("c", then="花名册检查")
    keys("t", then="活跃成员少于")  # teams below the minimum, by name
    keys("Escape", then="志愿者花名册", gone="活跃成员少于")
    keys("Escape", gone="志愿者花名册")
    keys("T", then="志愿服务队")
    keys("分队", then="健康领域分队", literal=True)  # the teams found by the search field
    keys("BSpace", "BSpace", then="志愿服务队", gone="健康领域分队")
    keys("Down", then="志愿服务队")  # to the tree
    keys("Right", then="分队")
    keys("Escape", gone="志愿服务队")
    keys("C-p", then="搜索命令")
    keys("账户", then="工作人员: 账户管理", literal=True)
    keys("Enter", then="工作人员账户")
    keys("Escape", gone="工作人员账户")
    keys("F1", then="全部按键（Esc 关闭）")
    keys("Escape", gone="全部按键（Esc 关闭）")
    tmux("send-keys", "-t", session, "q")
    time.sleep(1)


def escape_kinds(raw: bytes) -> tuple[set[bytes], set[int]]:
    """The OSC commands and the control bytes (other than ESC) in what the app wrote."""
    oscs = set(re.findall(rb"\x1b\](\d*)", raw))
    controls = {b for b in raw if b < 0x20 and b != 0x1B} | {b for b in raw if b == 0x7F}
    return oscs, controls


def test_no_byte_of_hostile_data_reaches_the_terminal(tmux, demo_file: Path, tmp_path: Path):
    clean, hostile = tmp_path / "clean.db", tmp_path / "hostile.db"
    shutil.copy(demo_file, clean)
    shutil.copy(demo_file, hostile)
    poison_every_shown_column(hostile)
    leave_a_draft(clean, "名")
    leave_a_draft(hostile, "名" + PAYLOAD)
    initials = venue_initials(clean)
    clean_log, hostile_log = tmp_path / "clean.log", tmp_path / "hostile.log"
    every_screen(tmux, clean, clean_log, initials)
    try:
        every_screen(tmux, hostile, hostile_log, initials)
    finally:  # a screen that never came was most likely blanked by data (ESC [ 2 J): say so
        raw = hostile_log.read_bytes()
        assert raw_from_data(raw.decode("utf-8", "surrogateescape")) == []
    assert "⟨U+202E⟩".encode() in raw and "␛]52;c;aGVsbG8=".encode() in raw  # data was shown
    oscs, controls = escape_kinds(raw)
    clean_oscs, clean_controls = escape_kinds(clean_log.read_bytes())
    assert oscs <= clean_oscs, "an OSC command came from data"
    assert controls <= clean_controls, "a control byte came from data"
