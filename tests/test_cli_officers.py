"""Officer accounts from the shell: `kxtui init --admin`, `kxtui officer ...`, `--as`, and
the exit code 3 for a Unix user without an account."""

from __future__ import annotations

import csv
import io
import json
import os
import pwd
from pathlib import Path

import pytest

from kxtui.cli import main
from kxtui.db import officers
from kxtui.db.engine import scope
from tests.test_cli import run

ME = pwd.getpwuid(os.getuid()).pw_name


def test_init_admin_then_officer_add_list_disable(tmp_path: Path) -> None:
    database = str(tmp_path / "county.db")
    first = run("init", "--admin", "--name", "张三", "--db", database)
    assert first.returncode == 0, first.stderr
    assert f"已创建县级管理员 {ME}" in first.stdout
    again = run("init", "--admin", "--db", database)
    assert again.returncode == 2 and "已有工作人员账户" in again.stderr
    viewer = run("officer", "add", "chakan", "--name", "查看员", "--role", "viewer",
                 "--db", database)  # fmt: skip
    assert viewer.returncode == 0, viewer.stderr
    bad = run("officer", "add", "a b", "--name", "王", "--role", "town_staff", "--db", database)
    assert bad.returncode == 2
    assert "系统用户名：只能用字母" in bad.stdout and "负责区域：请选择" in bad.stdout
    listed = run("officer", "list", "--db", database).stdout.splitlines()
    assert listed[1:] == [
        "chakan\t查看员\t只读\t全部区域\t-\t在用",
        f"{ME}\t张三\t县级管理员\t全部区域\t-\t在用",
    ]
    assert run("officer", "disable", "chakan", "--db", database).returncode == 0
    listed = run("officer", "list", "--db", database).stdout
    assert "chakan\t查看员\t只读\t全部区域\t-\t停用" in listed
    own = run("officer", "disable", ME, "--db", database)
    assert own.returncode == 2 and "不能停用自己的账户" in own.stderr


def test_as_a_town_officer_the_commands_see_the_town(demo_path: Path, tmp_path: Path) -> None:
    database = str(demo_path)
    added = run("officer", "add", "fuan", "--name", "阜安王", "--role", "town_staff",
                "--region", "阜安街道", "--db", database)  # fmt: skip
    assert added.returncode == 0, added.stderr
    counted = run("--as", "fuan", "stats", "--json", "--db", database)
    assert list(json.loads(counted.stdout)["counties"]) == ["阜安街道"]
    exported = tmp_path / "mine.csv"
    result = run("export", "activities", "--as", "fuan", "-o", str(exported), "--db", database)
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8-sig"), newline="")))
    place = rows[0].index("区域")
    assert len(rows) > 10 and {row[place].split("/")[0] for row in rows[1:]} == {"阜安街道"}
    refused = run("--as", "fuan", "officer", "list", "--db", database)  # not a county admin
    assert refused.returncode == 2


@pytest.mark.parametrize("role", ["viewer", "town_staff"])
def test_officer_list_refuses_a_non_admin_before_printing_anything(
    role: str, demo_path: Path
) -> None:
    database = str(demo_path)
    region = ["--region", "阜安街道"] if role == "town_staff" else []
    added = run("officer", "add", "other", "--name", "王五", "--role", role, *region,
                "--db", database)  # fmt: skip
    assert added.returncode == 0, added.stderr
    refused = run("--as", "other", "officer", "list", "--db", database)
    assert refused.returncode == 2
    assert refused.stdout == ""  # not even the header row
    assert "只有县级管理员可以管理工作人员账户" in refused.stderr


@pytest.mark.parametrize(
    "command",
    [["stats"], ["export", "activities", "-o", "x.csv"], ["import", "activities", "x.csv"],
     ["officer", "list"]],
)  # fmt: skip
def test_an_unknown_user_gets_a_message_and_exit_3(
    command, demo_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(officers, "unix_user", lambda _path: "stranger")
    monkeypatch.chdir(demo_path.parent)
    scope.sign_out()
    assert main([*command, "--db", str(demo_path)]) == 3
    assert "系统用户 stranger 没有科协工作人员账户" in capsys.readouterr().err
    assert not (demo_path.parent / "x.csv").exists()


def test_officer_add_keeps_the_phone_the_reports_name(tmp_path: Path) -> None:
    import sqlite3

    database = str(tmp_path / "county.db")
    assert run("init", "--admin", "--name", "张三", "--db", database).returncode == 0
    added = run("officer", "add", "chakan", "--name", "查看员", "--role", "viewer",
                "--phone", "0532-87654321", "--db", database)  # fmt: skip
    assert added.returncode == 0, added.stderr
    bad = run("officer", "add", "other", "--name", "王", "--role", "viewer",
              "--phone", "12345", "--db", database)  # fmt: skip
    assert bad.returncode == 2 and bad.stdout.startswith("联系电话：")
    with sqlite3.connect(database) as connection:
        phones = connection.execute("SELECT user_name, phone FROM officer_account").fetchall()
    assert sorted(phones) == [("chakan", "0532-87654321"), (ME, None)]
