"""ZMODEM through the terminal: the commands kxtui runs, the app suspended around them, and a
real `sz` → `rz` transfer between two processes, each on its own pseudo-terminal, the bytes
relayed between them as ssh and the officer's terminal program would."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

from kxtui import zmodem
from kxtui.db.errors import KxError

needs_lrzsz = pytest.mark.skipif(
    shutil.which("sz") is None or shutil.which("rz") is None,
    reason="lrzsz (sz/rz) is not installed: apt-get install lrzsz",
)


def _on_pty(command: list[str], folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """`command` in `folder` with a new pseudo-terminal as its terminal; the master's fd."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=folder, stdin=slave, stdout=slave,
                               stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    os.close(slave)
    return process, master


def _relay(a: int, b: int, processes: list[subprocess.Popen[bytes]], timeout: float) -> None:
    """Copy bytes both ways between two pty masters until both processes end."""
    deadline = time.monotonic() + timeout
    while any(p.poll() is None for p in processes):
        assert time.monotonic() < deadline, "the transfer did not finish"
        ready, _, _ = select.select([a, b], [], [], 0.1)
        for source in ready:
            try:
                data = os.read(source, 65536)
            except OSError:  # the other side closed its terminal
                continue
            os.write(b if source == a else a, data)


@needs_lrzsz
def test_sz_sends_a_file_that_rz_receives_over_two_terminals(tmp_path: Path) -> None:
    exports, downloads = tmp_path / "exports", tmp_path / "pc"
    exports.mkdir()
    downloads.mkdir()
    content = os.urandom(200_000) + "活动台账\x1b\x18\x11\x13".encode()  # binary and ZDLE
    (exports / "活动台账.xlsx").write_bytes(content)
    sender, a = _on_pty(zmodem.send_command("活动台账.xlsx"), exports)
    receiver, b = _on_pty(["rz", "--binary"], downloads)  # the officer's side
    try:
        _relay(a, b, [sender, receiver], timeout=60)
    finally:
        for process in (sender, receiver):
            if process.poll() is None:
                process.kill()
        os.close(a)
        os.close(b)
    assert (sender.returncode, receiver.returncode) == (0, 0)
    assert (downloads / "活动台账.xlsx").read_bytes() == content


@needs_lrzsz
def test_rz_on_the_server_renames_instead_of_overwriting(tmp_path: Path) -> None:
    pc, uploads = tmp_path / "pc", tmp_path / "uploads"
    pc.mkdir()
    uploads.mkdir()
    (pc / "名单.csv").write_text("新的", encoding="utf-8")
    (uploads / "名单.csv").write_text("旧的", encoding="utf-8")
    sender, a = _on_pty(["sz", "--binary", "名单.csv"], pc)  # the officer's side
    receiver, b = _on_pty(zmodem.receive_command(), uploads)
    try:
        _relay(a, b, [sender, receiver], timeout=60)
    finally:
        for process in (sender, receiver):
            if process.poll() is None:
                process.kill()
        os.close(a)
        os.close(b)
    assert (uploads / "名单.csv").read_text(encoding="utf-8") == "旧的"
    renamed = [p for p in uploads.iterdir() if p.name != "名单.csv"]
    assert [p.read_text(encoding="utf-8") for p in renamed] == ["新的"]


def test_the_commands_escape_control_characters_and_keep_to_the_folder() -> None:
    if shutil.which("sz") is None:
        pytest.skip("lrzsz is not installed")
    send, receive = zmodem.send_command("-报表.csv"), zmodem.receive_command()
    assert Path(send[0]).name == "sz" and "--escape" in send and send[-2:] == ["--", "-报表.csv"]
    assert Path(receive[0]).name == "rz"
    assert {"--escape", "--restricted", "--rename"} <= set(receive)


def test_without_lrzsz_the_officer_is_told_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(zmodem.shutil, "which", lambda name: None)
    with pytest.raises(KxError) as raised:
        zmodem.send_command("a.csv")
    assert raised.value.key == "zmodem.missing"


class _App:
    """Stands in for the app: records whether the program ran while it was suspended."""

    def __init__(self) -> None:
        self.suspended = False
        self.ran_suspended: list[bool] = []

    @contextmanager
    def suspend(self):  # type: ignore[no-untyped-def]
        self.suspended = True
        try:
            yield
        finally:
            self.suspended = False


def test_the_program_runs_while_the_app_is_suspended(monkeypatch, tmp_path: Path) -> None:
    app = _App()

    def run(command, cwd, check):  # type: ignore[no-untyped-def]
        app.ran_suspended.append(app.suspended)
        assert cwd == tmp_path
        return subprocess.CompletedProcess(command, 3 if "fail" in command else 0)

    monkeypatch.setattr(zmodem.subprocess, "run", run)
    zmodem.run_suspended(app, ["sz", "ok"], tmp_path)
    with pytest.raises(KxError) as raised:
        zmodem.run_suspended(app, ["sz", "fail"], tmp_path)
    assert raised.value.params == {"program": "sz", "code": 3}
    assert app.ran_suspended == [True, True] and not app.suspended


def _drain(
    master: int, seen: bytearray, seconds: float, until: bytes = b"", since: int = 0
) -> bool:
    """Read what the app writes for up to `seconds` (so it never blocks on a full terminal);
    True once `until` has appeared in what was seen from offset `since` on."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if until and until in seen[since:]:
            return True
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
    return bool(until) and until in seen[since:]


@needs_lrzsz
def test_the_app_sends_an_export_to_the_officers_terminal(demo_path: Path, tmp_path: Path) -> None:
    """The installed kxtui on a terminal, in server mode; the officer's terminal is a local
    `rz`: ledger → export → Z, the app suspends, the file arrives whole, the app resumes."""
    import fcntl
    import getpass
    import struct
    import termios

    from tests.terminal import KXTUI, needs

    if KXTUI is None:
        needs("needs the installed kxtui command")
    user = getpass.getuser()
    env = {**os.environ, "SUDO_USER": user, "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    app = subprocess.Popen([KXTUI, "--db", str(demo_path)], stdin=slave, stdout=slave,
                           stderr=slave, env=env, start_new_session=True)  # fmt: skip
    os.close(slave)
    exports, pc = demo_path.parent / "files" / user / "exports", tmp_path / "pc"
    pc.mkdir()
    seen = bytearray()
    receiver = None
    try:
        assert _drain(master, seen, 30, until=b"\x1b[?1049h"), "the app never started"
        _drain(master, seen, 3)
        opened = len(seen)
        for key in (b"t", b"\x1b[B", b"x", b"\r"):  # the ledger, ↓ to its rows, export, Enter
            os.write(master, key)
            _drain(master, seen, 3)
        deadline = time.monotonic() + 30
        while not (exports.is_dir() and list(exports.iterdir())):
            assert time.monotonic() < deadline, "the export never appeared"
            _drain(master, seen, 0.2)
        (written,) = exports.iterdir()
        # the file is there from its first byte: Z sends it once the dialog says it is written
        assert _drain(master, seen, 60, until=b"ZMODEM", since=opened), "never said written"
        _drain(master, seen, 1)
        start = len(seen)
        os.write(master, b"z")
        assert _drain(master, seen, 20, until=b"**\x18B0", since=start), "sz never started"
        assert b"\x1b[?1049l" in seen[start:]  # the app left its screen: suspended
        receiver, b = _on_pty(["rz", "--binary"], pc)
        os.write(b, bytes(seen[seen.index(b"**\x18B0", start) - 2 :]))
        after = bytearray()  # what the app writes from here on, relayed to rz while it runs
        deadline = time.monotonic() + 60
        while b"\x1b[?1049h" not in after:  # until the app is back on its screen
            assert time.monotonic() < deadline, "the app did not come back"
            alive = receiver.poll() is None
            ready, _, _ = select.select([master, b] if alive else [master], [], [], 0.1)
            if master in ready:
                data = os.read(master, 65536)
                after += data
                if alive:
                    os.write(b, data)
            if b in ready:
                with suppress(OSError):
                    os.write(master, os.read(b, 65536))
        os.close(b)
        assert receiver.wait(timeout=30) == 0
        assert (pc / written.name).read_bytes() == written.read_bytes()
        _drain(master, seen, 2)
        assert app.poll() is None  # the app is back, still running
    finally:
        app.terminate()
        deadline = time.monotonic() + 20
        while app.poll() is None and time.monotonic() < deadline:
            _drain(master, seen, 0.2)  # it may still be writing to its terminal
        if app.poll() is None:
            app.kill()
        app.wait()
        if receiver is not None and receiver.poll() is None:
            receiver.kill()
        os.close(master)


def test_a_file_rz_renamed_keeps_its_suffix(tmp_path: Path) -> None:
    (tmp_path / "名单.csv").write_text("旧的", encoding="utf-8")
    (tmp_path / "名单(1).csv").write_text("更早", encoding="utf-8")
    before = {p.name for p in tmp_path.iterdir()}
    (tmp_path / "名单.csv.0").write_text("新的", encoding="utf-8")  # as `rz --rename` names it
    (tmp_path / "表.xlsx").write_text("x", encoding="utf-8")
    assert zmodem.received(tmp_path, before) == ["名单(2).csv", "表.xlsx"]
    assert (tmp_path / "名单(2).csv").read_text(encoding="utf-8") == "新的"
    assert (tmp_path / "名单.csv").read_text(encoding="utf-8") == "旧的"
    assert not (tmp_path / "名单.csv.0").exists()
