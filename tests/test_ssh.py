"""A dropped SSH connection, end to end, through a real OpenSSH server on 127.0.0.1.

The server is set up the way docs/deploy.md sets up a county server: an officer logs in with a
key, sshd's ForceCommand starts kxtui through a narrow sudo rule (so the officer never touches
the database file), forwarding is off and there is no sftp. The officer types half a form, the
ssh client is killed, and on the next login the draft is offered with what was typed.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.terminal import KXTUI, draft_saved, needs, wait_for, wait_until_gone

pytestmark = pytest.mark.terminal

SSHD = Path("/usr/sbin/sshd")


@dataclass(frozen=True)
class Server:
    port: int
    user: str
    key: Path  # the officer's private key

    def login(self) -> str:
        """The officer's ssh command, as typed at a terminal."""
        return (
            f"ssh -tt -i {self.key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
            f" -o LogLevel=ERROR -p {self.port} {self.user}@127.0.0.1"
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(*command: str) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=60)


def _wait_for_port(port: int, log: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"sshd never listened on {port}:\n{log.read_text()}")


@pytest.fixture
def ssh_server(demo_path: Path) -> Iterator[Server]:
    if os.geteuid() != 0 or not SSHD.exists() or shutil.which("sudo") is None:
        needs("needs root, sshd and sudo to run a real SSH server (.ci/run installs them)")
    user = f"kxo{uuid.uuid4().hex[:6]}"
    # World-traversable, unlike pytest's tmp_path: sudo and sshd read files here for the user.
    folder = Path(tempfile.mkdtemp(prefix="kxtui-ssh-"))
    folder.chmod(0o755)
    sudoers = Path(f"/etc/sudoers.d/kxtui-test-{user}")
    pid_file = folder / "sshd.pid"
    try:
        _run("useradd", "--create-home", "--shell", "/bin/sh", user)
        _run("usermod", "-p", "*", user)  # a new account is locked; "*" allows keys, no password
        home = Path(f"~{user}").expanduser()
        key = folder / "officer-key"
        _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key))
        dot_ssh = home / ".ssh"
        dot_ssh.mkdir(mode=0o700)
        shutil.copy(key.with_suffix(".pub"), dot_ssh / "authorized_keys")
        (dot_ssh / "authorized_keys").chmod(0o600)
        _run("chown", "-R", f"{user}:{user}", str(dot_ssh))
        _run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "host-key"))

        # What the officer's login runs: kxtui on the county database, as the service account
        # (root here: the test's Python lives where only root can read it).
        launcher = folder / "kxtui-officer"
        launcher.write_text(f"#!/bin/sh\nexec env LC_ALL=C.UTF-8 {KXTUI} --db {demo_path}\n")
        launcher.chmod(stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
        rule = folder / "sudoers"
        rule.write_text(f"{user} ALL=(root) NOPASSWD: {launcher}\n")
        _run("visudo", "-cf", str(rule))
        shutil.copy(rule, sudoers)
        sudoers.chmod(0o440)

        port = _free_port()
        config = folder / "sshd_config"
        config.write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder / 'host-key'}\n"
            f"PidFile {pid_file}\nAllowUsers {user}\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nUsePAM no\n"
            "StrictModes no\nDisableForwarding yes\nPermitUserRC no\n"
            f"ForceCommand sudo -n {launcher}\n"
        )
        Path("/run/sshd").mkdir(exist_ok=True)
        log = folder / "sshd.log"
        _run(str(SSHD), "-f", str(config), "-E", str(log))
        _wait_for_port(port, log)
        yield Server(port=port, user=user, key=key)
    finally:
        if pid_file.exists():
            subprocess.run(["kill", pid_file.read_text().strip()], capture_output=True)
        subprocess.run(["pkill", "-u", user], capture_output=True)
        subprocess.run(["userdel", "--remove", user], capture_output=True)
        sudoers.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)


def _pane_pid(tmux: Callable[..., str], session: str) -> int:
    return int(tmux("list-panes", "-t", session, "-F", "#{pane_pid}").split()[0])


def test_a_dropped_ssh_connection_keeps_the_half_typed_form(
    tmux, ssh_server: Server, demo_path: Path
) -> None:
    tmux("new-session", "-d", "-s", "ssh", "-x", "80", "-y", "24", ssh_server.login())
    screen = lambda: tmux("capture-pane", "-p", "-t", "ssh")  # noqa: E731
    wait_for(screen, "10,759", timeout=40)
    tmux("send-keys", "-t", "ssh", "v")
    wait_for(screen, "新建阵地（")
    tmux("send-keys", "-t", "ssh", "-l", "断线前的阵地")
    wait_for(screen, "断线前的阵地")
    draft_saved(demo_path, "断线前的阵地")

    os.kill(_pane_pid(tmux, "ssh"), 9)  # the officer's line drops: the ssh client just dies
    assert wait_until_gone(demo_path, timeout=20) == [], "kxtui must exit when its SSH line drops"

    command = f"{ssh_server.login()}; echo ssh exited: $?; sleep 30"  # a failure stays shown
    tmux("new-session", "-d", "-s", "again", "-x", "80", "-y", "24", command)
    screen = lambda: tmux("capture-pane", "-p", "-t", "again")  # noqa: E731
    wait_for(screen, "未完成的表单", timeout=40)
    assert "断线前的阵地" in screen()
    tmux("send-keys", "-t", "again", "Enter")
    shown = wait_for(screen, "新建阵地（")
    assert "断线前的阵地" in shown
    assert "Traceback" not in shown
    tmux("send-keys", "-t", "again", "Escape")
