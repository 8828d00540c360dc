"""The county server of docs/deploy.md for the SSH tests, set up from the guide itself
(tests/deploy_guide.py): a service account with no home that owns the data directory,
officers in a group whose sshd `Match` block forces kxtui through a sudo rule that takes no
arguments, the nightly backup-and-check script. `log_in` starts an officer's ssh session in
tmux, driven by keys.

Everything a run creates — accounts, a group, a sudoers file, a directory — is named after the
test process (`kxt-<pid>-<random>-...`), so a later run can tell what a killed run left behind
and removes it.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import kxtui
from tests import deploy_guide as guide
from tests.terminal import needs, wait_for

SSHD = Path("/usr/sbin/sshd")
SYSTEM_PYTHON = Path("/usr/bin/python3")  # the guide's venv is built on it
SUDOERS = Path("/etc/sudoers.d")
RUN = re.compile(r"kxt-(\d+)-[0-9a-f]{4}")  # a run's name; its pid tells if it still runs
EARLIER_OFFICER = re.compile(r"kxo[0-9a-f]{6}")  # officers of runs before names had a pid
# The test county's officers: (name, role, region) by their part in the tests
OFFICERS = {
    "town": ("阜安专干", "town_staff", "阜安街道"),
    "viewer": ("阜安观察员", "viewer", "阜安街道"),
}


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_port(port: int, log: Path, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"sshd never listened on {port}:\n{log.read_text()}")


# -- accounts: made and removed ---------------------------------------------------------------


def _exists(user: str) -> bool:
    return subprocess.run(["getent", "passwd", user], capture_output=True).returncode == 0


def _processes_of(user: str) -> bool:
    """Whether any process runs as `user`, by effective or real uid (the officer's sudo runs
    with the officer's real uid)."""
    return any(
        subprocess.run(["pgrep", option, user], capture_output=True).returncode == 0
        for option in ("-u", "-U")
    )


def _remove_user(user: str) -> bool:
    """End the user's processes, wait until they are gone, then remove the account; whether
    it is gone."""
    if not _exists(user):
        return True
    deadline = time.monotonic() + 10
    while _processes_of(user) and time.monotonic() < deadline:
        for option in ("-u", "-U"):
            subprocess.run(["pkill", "-KILL", option, user], capture_output=True)
        time.sleep(0.1)
    home = Path(pwd.getpwnam(user).pw_dir)
    # only a home the test made (the service account's /nonexistent is no directory of ours)
    remove_home = ["--remove"] if home.is_dir() and home.parent == Path("/home") else []
    subprocess.run(["userdel", *remove_home, user], capture_output=True)
    return not _exists(user)


def _remove_group(group: str) -> None:
    if subprocess.run(["getent", "group", group], capture_output=True).returncode == 0:
        subprocess.run(["groupdel", group], capture_output=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _left_behind(name: str) -> bool:
    """Whether `name` belongs to a test run that is over (killed before its cleanup)."""
    run = RUN.match(name)
    if run:
        return not _alive(int(run[1]))
    if EARLIER_OFFICER.fullmatch(name):  # runs before names had a pid: idle for an hour
        if not _exists(name):
            return True
        home = Path(pwd.getpwnam(name).pw_dir)
        idle = not home.exists() or time.time() - home.stat().st_mtime > 3600
        return idle and not _processes_of(name)
    return False


def _remove_what_earlier_runs_left() -> None:
    for entry in pwd.getpwall():
        if _left_behind(entry.pw_name):
            assert _remove_user(entry.pw_name), f"could not remove {entry.pw_name}"
    for line in run("getent", "group").stdout.splitlines():
        if _left_behind(line.split(":")[0]):
            _remove_group(line.split(":")[0])
    for rule in SUDOERS.glob("kxtui-test-*"):
        if _left_behind(rule.name.removeprefix("kxtui-test-")):
            rule.unlink(missing_ok=True)
    pattern = "sshd -f .*/kxtui-ssh-kxt-"
    servers = subprocess.run(["pgrep", "-a", "-f", pattern], capture_output=True, text=True)
    for pid, command in (line.split(" ", 1) for line in servers.stdout.splitlines()):
        folder = re.search(r"/kxtui-ssh-(kxt-\S+?)/", command)
        if folder and _left_behind(folder[1]):
            subprocess.run(["kill", pid], capture_output=True)
    for folder in Path(tempfile.gettempdir()).glob("kxtui-ssh-kxt-*"):
        if _left_behind(folder.name.removeprefix("kxtui-ssh-")):
            shutil.rmtree(folder, ignore_errors=True)


# -- the county server ------------------------------------------------------------------------


@dataclass
class CountyServer:
    """The guide's server, under the test's names (`names`: the guide's name → the test's)."""

    prefix: str  # of every name this run gives
    folder: Path
    names: dict[str, str]
    officers: dict[str, str] = field(default_factory=dict)  # part in the tests → Unix user
    sshd_pids: list[int] = field(default_factory=list)
    port: int = 0

    @property
    def service(self) -> str:
        return self.names[guide.SERVICE]

    @property
    def database(self) -> Path:
        return Path(self.names[guide.DATABASE])

    @property
    def backups(self) -> Path:
        return Path(self.names[guide.BACKUPS])

    def as_service(self, *command: str, **env: str) -> subprocess.CompletedProcess[str]:
        """A command run by root as the service account, as the guide runs them."""
        settings = [f"{key}={value}" for key, value in env.items()]
        return subprocess.run(
            ["runuser", "-u", self.service, "--", "env", *settings, *command],
            capture_output=True,
            text=True,
            timeout=120,
        )

    def kxtui(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return self.as_service(self.names[guide.KXTUI], *args, **env)

    def key(self, officer: str) -> Path:
        return self.folder / f"key-{officer}"

    def login(self, officer: str, port: int | None = None) -> str:
        """The officer's ssh command, as typed at a terminal."""
        return (
            f"ssh -tt -i {self.key(officer)} -o StrictHostKeyChecking=no"
            f" -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -p {port or self.port}"
            f" {self.officers[officer]}@127.0.0.1"
        )

    def start_sshd(self, changes: dict[str, str] | None = None) -> int:
        """An sshd with the guide's settings (and `changes` to its lines); its port."""
        settings = guide.file("/etc/ssh/sshd_config.d/kxtui.conf", self.names)
        for old, new in (changes or {}).items():
            assert old in settings, f"the guide's sshd settings no longer have {old!r}"
            settings = settings.replace(old, new)
        port, name = _free_port(), f"sshd-{len(self.sshd_pids)}"
        config, log, pid_file = (self.folder / f"{name}{end}" for end in (".conf", ".log", ".pid"))
        # The test's own server settings first: the guide's file ends in its Match block.
        config.write_text(
            f"Port {port}\nListenAddress 127.0.0.1\nHostKey {self.folder / 'host-key'}\n"
            f"PidFile {pid_file}\nAllowGroups {self.names[guide.GROUP]}\n"
            "PubkeyAuthentication yes\nKbdInteractiveAuthentication no\nUsePAM no\n"
            f"StrictModes no\n{settings}"
        )
        run(str(SSHD), "-t", "-f", str(config))
        run(str(SSHD), "-f", str(config), "-E", str(log))
        _wait_for_port(port, log)
        # sshd may listen a moment before it writes its pid
        pid = wait_for(lambda: pid_file.read_text() if pid_file.exists() else "", "\n")
        self.sshd_pids.append(int(pid))
        return port

    def add_officer(self, part: str) -> None:
        """A Unix account in the officers' group with a key, and its kxtui account, the way
        the guide adds `lisi`."""
        user = f"{self.prefix}-{part}"
        self.officers[part] = user
        names = {**self.names, "lisi": user}
        run(*guide.command("useradd --create-home --groups kxtui lisi", names))
        run(*guide.command("usermod -p '*' lisi", names))
        key = self.key(part)
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key))
        dot_ssh = Path(pwd.getpwnam(user).pw_dir) / ".ssh"
        dot_ssh.mkdir(mode=0o700)
        shutil.copy(key.with_suffix(".pub"), dot_ssh / "authorized_keys")
        (dot_ssh / "authorized_keys").chmod(0o600)
        run("chown", "-R", f"{user}:{user}", str(dot_ssh))
        name, role, region = OFFICERS[part]
        # as the guide's admin does it; the demo's admin is root, who built it
        added = self.kxtui(
            "officer", "add", user, "--name", name, "--role", role, "--region", region,
            "--db", str(self.database), SUDO_USER="root",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr

    def plant_as_service(self, name: str, content: bytes) -> None:
        """A file in the backup directory written as the service account — which is what
        kxtui's own file dialogs, run for an officer, write as."""
        target = self.backups / name
        subprocess.run(
            ["runuser", "-u", self.service, "--", "sh", "-c", 'cat > "$0"', str(target)],
            input=content,
            check=True,
            timeout=30,
        )


def _kxtui_for_the_service_account(folder: Path) -> Path:
    """The guide's /opt/kxtui/venv/bin/kxtui for this test: the code under test and its
    packages, run by the system's Python (the test's own may live where only root reads)."""
    if sys.version_info[:2] != (3, 11) or not SYSTEM_PYTHON.exists():
        needs("needs /usr/bin/python3 3.11, which the service account runs kxtui with")
    code = Path(kxtui.__file__).resolve().parents[1]
    packages = sysconfig.get_path("purelib")
    command = folder / "kxtui"
    command.write_text(
        f'#!/bin/sh\nexec env PYTHONPATH={code}:{packages} {SYSTEM_PYTHON} -m kxtui "$@"\n'
    )
    command.chmod(0o755)
    return command


# -- an officer at a terminal -----------------------------------------------------------------


@dataclass(frozen=True)
class Terminal:
    """A tmux window where an officer's ssh session runs."""

    tmux: Callable[..., str]
    name: str

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        return wait_for(self.screen, text, timeout)

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def client_pid(self) -> int:
        """The officer's ssh client (a child of the window's shell)."""
        shell = self.tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}").split()[0]
        found = subprocess.run(["pgrep", "-P", shell, "-x", "ssh"], capture_output=True, text=True)
        return int(found.stdout.split()[0])


def log_in(
    tmux: Callable[..., str], server: CountyServer, officer: str, port: int | None = None
) -> Terminal:
    """`officer` logs in over ssh at an 80×24 terminal (to the sshd on `port`, else the
    guide's); wait for the screen to show kxtui. When ssh ends, its exit code stays shown."""
    name = f"{officer}-{uuid.uuid4().hex[:4]}"
    command = f"{server.login(officer, port)}; echo ssh exited: $?; sleep 60"
    tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
    return Terminal(tmux, name)


@contextmanager
def county_server(demo_file: Path) -> Iterator[CountyServer]:
    """The guide's server with the officers of OFFICERS, its sshd listening; on leaving,
    every account, group, file and directory it made is gone."""
    if os.geteuid() != 0 or not SSHD.exists() or shutil.which("sudo") is None:
        needs("needs root, sshd and sudo to run a real SSH server (.ci/run installs them)")
    _remove_what_earlier_runs_left()
    prefix = f"kxt-{os.getpid()}-{uuid.uuid4().hex[:4]}"
    # World-traversable, unlike pytest's tmp_path: sudo and sshd read files here for the user.
    folder = Path(tempfile.gettempdir()) / f"kxtui-ssh-{prefix}"
    folder.mkdir()
    folder.chmod(0o755)
    names = {
        guide.SERVICE: f"{prefix}-svc",
        guide.GROUP: f"{prefix}-grp",
        guide.KXTUI: str(folder / "kxtui"),
        guide.DATABASE: str(folder / "srv" / "kxtui.db"),
        guide.DATA_DIR: str(folder / "srv"),
        guide.BACKUPS: str(folder / "backups"),
        guide.LAUNCHER: str(folder / "kxtui-officer"),
        guide.NIGHTLY: str(folder / "kxtui-nightly"),
    }
    server = CountyServer(prefix, folder, names)
    sudoers = SUDOERS / f"kxtui-test-{prefix}"
    try:
        _kxtui_for_the_service_account(folder)
        for start in ("useradd --system", "install -d -o kxsvc", "groupadd kxtui"):
            run(*guide.command(start, names))
        shutil.copy(demo_file, server.database)
        run("chown", f"{server.service}:", str(server.database))
        if server.kxtui("--version").returncode != 0:
            needs(f"the service account cannot run the code under test from {folder / 'kxtui'}")
        for path in (guide.LAUNCHER, guide.NIGHTLY):
            Path(names[path]).write_text(guide.file(path, names))
            Path(names[path]).chmod(0o755)
        rule = folder / "sudoers"
        rule.write_text(guide.file("/etc/sudoers.d/kxtui", names))
        run("visudo", "-cf", str(rule))
        shutil.copy(rule, sudoers)
        sudoers.chmod(0o440)
        for part in OFFICERS:
            server.add_officer(part)
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "host-key"))
        Path("/run/sshd").mkdir(exist_ok=True)
        server.port = server.start_sshd()
        yield server
    finally:
        for pid in server.sshd_pids:
            subprocess.run(["kill", str(pid)], capture_output=True)
        subprocess.run(["pkill", "-f", f"sshd -f {folder}/"], capture_output=True)  # any other
        users = [*server.officers.values(), names[guide.SERVICE]]
        left = [user for user in users if not _remove_user(user)]
        _remove_group(names[guide.GROUP])
        sudoers.unlink(missing_ok=True)
        shutil.rmtree(folder, ignore_errors=True)
        assert not left, f"test accounts left behind: {left}"
        assert not sudoers.exists() and not folder.exists()
