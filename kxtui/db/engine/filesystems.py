"""Which filesystem holds a database: SQLite's locks are unreliable on network filesystems
(NFS, SMB/CIFS, sshfs ...), where two writers can corrupt the file, so kxtui refuses them.

On Linux the answer comes from /proc/self/mountinfo: the mount point that is the longest
prefix of the file's real path names the filesystem type. Elsewhere nothing is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

MOUNTINFO = Path("/proc/self/mountinfo")

# Filesystem types whose locks cross a network. FUSE types are named "fuse.<program>"; only
# the network ones are listed (fuse-overlayfs, for one, is local).
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
        "lustre", "gpfs", "ocfs2", "gfs2", "davfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs",
        "fuse.gcsfuse", "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "fuse.smbnetfs",
    }
)  # fmt: skip


class Mount(NamedTuple):
    point: str
    fstype: str
    source: str


def read_mountinfo() -> str | None:
    """This process's mount table, or None where there is none (not Linux)."""
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _unescape(field: str) -> str:
    """Mount points escape space, tab, newline and backslash as \\ooo (octal)."""
    if "\\" not in field:
        return field
    raw = field.encode("utf-8", errors="surrogateescape").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", errors="replace")


def parse_mountinfo(text: str) -> list[Mount]:
    """Lines as proc(5) describes them: `id parent major:minor root point options
    [optional fields] - fstype source super-options`."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if "-" not in fields:
            continue
        dash = fields.index("-")
        if dash < 5 or len(fields) < dash + 3:
            continue
        mounts.append(Mount(_unescape(fields[4]), fields[dash + 1], fields[dash + 2]))
    return mounts


def mount_of(path: Path, mounts: list[Mount]) -> Mount | None:
    """The mount holding `path` (a real path): the longest mount point that contains it. A
    later line wins a tie: it is mounted over the earlier one."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.point.rstrip("/") or "/"
        inside = point == "/" or str(path) == point or str(path).startswith(point + "/")
        if inside and (best is None or len(point) >= len(best.point.rstrip("/") or "/")):
            best = mount
    return best


def network_mount(path: Path, read: Callable[[], str | None] = read_mountinfo) -> Mount | None:
    """The network filesystem `path` lies on, or None when it is local (or unknown)."""
    text = read()
    if text is None:
        return None
    real = Path(os.path.realpath(path))
    mount = mount_of(real, parse_mountinfo(text))
    if mount is not None and mount.fstype.lower() in NETWORK_TYPES:
        return mount
    return None
