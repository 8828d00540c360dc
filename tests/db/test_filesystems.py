"""Network filesystems are refused at open, read from a mount table written here (NFS cannot
be mounted in a test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kxtui.db.engine import filesystems
from kxtui.db.engine.connection import open_database
from kxtui.db.errors import OpenError
from kxtui.i18n import t

LOCAL = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
"""


def table(*extra: str) -> str:
    return LOCAL + "".join(line + "\n" for line in extra)


@pytest.mark.parametrize(
    ("line", "fstype"),
    [
        ("40 27 0:50 / {point} rw,relatime shared:20 - nfs4 srv:/export rw,vers=4.2", "nfs4"),
        ("41 27 0:51 / {point} rw - cifs //srv/share rw,vers=3.0", "cifs"),
        ("42 27 0:52 / {point} rw,nosuid - fuse.sshfs me@srv:/data rw,user_id=0", "fuse.sshfs"),
    ],
)
def test_a_database_under_a_network_mount_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str, fstype: str
) -> None:
    mounted = tmp_path / "share"
    (mounted / "county").mkdir(parents=True)
    fake = tmp_path / "mountinfo"
    fake.write_text(table(line.format(point=mounted)), encoding="utf-8")
    monkeypatch.setattr(filesystems, "MOUNTINFO", fake)
    target = mounted / "county" / "kxtui.db"
    with pytest.raises(OpenError) as refused:
        open_database(target)
    error = refused.value
    assert error.key == "open.network_fs"
    assert error.params["fstype"] == fstype and error.params["mount"] == str(mounted)
    assert "网络文件系统" in t(error.key, **error.params)
    assert not target.exists(), "refused before anything is created"
    open_database(tmp_path / "local.db")  # beside the mount: local disk, opens


def test_the_longest_mount_point_decides(tmp_path: Path) -> None:
    nfs = "50 27 0:60 / /srv rw - nfs srv:/srv rw"
    local_over_it = "51 50 8:1 / /srv/local\\040disk rw - ext4 /dev/sdb1 rw"
    mounts = filesystems.parse_mountinfo(table(nfs, local_over_it))
    assert filesystems.mount_of(Path("/srv/local disk/kxtui.db"), mounts).fstype == "ext4"
    assert filesystems.mount_of(Path("/srv/localx/kxtui.db"), mounts).fstype == "nfs"
    assert filesystems.mount_of(Path("/home/kxtui.db"), mounts).fstype == "ext4"

    def read() -> str:
        return table(nfs, local_over_it)

    assert filesystems.network_mount(Path("/srv/a.db"), read).source == "srv:/srv"
    assert filesystems.network_mount(Path("/srv/local disk/a.db"), read) is None
    assert filesystems.network_mount(Path("/srv/a.db"), lambda: None) is None, "no table: allow"


def test_a_symlink_is_followed_to_the_network_mount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (tmp_path / "link").symlink_to(share)
    line = f"40 27 0:50 / {share} rw - nfs srv:/export rw"
    found = filesystems.network_mount(tmp_path / "link" / "kxtui.db", lambda: table(line))
    assert found is not None and found.fstype == "nfs"


def test_this_machine_reads_its_own_mount_table(tmp_path: Path) -> None:
    if filesystems.read_mountinfo() is None:
        pytest.skip("no /proc/self/mountinfo on this system")
    mounts = filesystems.parse_mountinfo(filesystems.read_mountinfo() or "")
    assert filesystems.mount_of(tmp_path.resolve(), mounts) is not None
