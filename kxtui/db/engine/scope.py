"""The officer signed in to this process, and the scope rule every data-layer function keeps.

The rule, enforced here in `kxtui/db/` and not only in the screens:

- Nobody signed in, no access: every helper below raises `NotSignedIn` without a session.
- Reads of lists are clipped to the officer's view subtree: raw SQL adds `view_sql("r.path",
  params)` to its conditions, peewee adds `in_view(Region.path)`; the tree's top level is the
  view root (`top_region_ids`); one record outside the view is refused by `require_visible`.
- Writes: `write_transaction` refuses viewers (`require_writer`); each write then calls
  `require_editable(region_id)` for the region of every record it creates, changes, moves or
  deletes (before and after a move), or `can_edit(path)` where a refusal is a row or field
  error instead (imports, forms).
- Officer accounts are managed by county admins only (`require_admin`), within their scope.
- The screens ask the same questions before offering a key: `write_refusal()` (may this
  session change anything at all) and `edit_refusal(path)` (may it change this region), and
  show the write keys disabled, with the answer as the reason.

Scoping a new function is one call at its top: `require_visible(region_id)` or a
`view_sql(...)` condition for a read, `require_editable(region_id)` for a write.

Scopes are subtrees of region paths ("/1/5/"): a path is inside a root when it starts with it.
A root of None is the whole database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from kxtui.db.errors import KxError, NotSignedIn, RefusedError
from kxtui.domain import AccessRole

_read_only = {"on": False}  # the database was opened read-only (kept apart from peewee)


def set_read_only(read_only: bool) -> None:
    _read_only["on"] = read_only


def is_read_only() -> bool:
    """True when the database was opened read-only: writes are refused before they start."""
    return _read_only["on"]


_VIEW_LO, _VIEW_HI = "view_lo", "view_hi"  # the parameter names `view_sql` adds


@dataclass(frozen=True)
class Session:
    """Who is signed in. `user` is the Unix user at the keyboard (the audit actor); the rest
    is the officer account acted as (their own, or with `--as` one a county admin chose)."""

    user: str
    name: str
    role: AccessRole
    officer_id: int | None = None  # None: a session not in the database (tests, tools)
    edit_path: str | None = None  # root of the subtree they edit; None: the whole database
    view_path: str | None = None  # root of the subtree they read; None: the whole database
    edit_name: str = ""  # "胶州市/胶莱镇", for messages ("" for the whole database)
    view_name: str = ""

    @property
    def writes(self) -> bool:
        return self.role != AccessRole.VIEWER


_current: dict[str, Session | None] = {"session": None}


def sign_in(session: Session) -> Session:
    """Make `session` the officer of this process (every thread: workers too)."""
    _current["session"] = session
    return session


def sign_out() -> None:
    _current["session"] = None


def current() -> Session | None:
    """The signed-in officer, or None."""
    return _current["session"]


def session() -> Session:
    """The signed-in officer; NotSignedIn when there is none."""
    signed_in = _current["session"]
    if signed_in is None:
        raise NotSignedIn()
    return signed_in


def inside(path: str, root: str | None) -> bool:
    """Whether the region at `path` lies in the subtree of `root` (None: everything)."""
    return root is None or path.startswith(root)


def can_view(path: str) -> bool:
    return inside(path, session().view_path)


def can_edit(path: str | None) -> bool:
    """Whether the officer may write in the region at `path` (None: the top level, where
    only officers of the whole database add counties)."""
    officer = session()
    if not officer.writes:
        return False
    if path is None:
        return officer.edit_path is None
    return inside(path, officer.edit_path)


def write_refusal() -> KxError | None:
    """Why this session may change nothing at all — a database opened read-only, a viewer's
    account, nobody signed in — or None when it may write (somewhere)."""
    officer = current()
    if officer is None:
        return NotSignedIn()
    if is_read_only():
        return RefusedError("refused.key.read_only")
    if not officer.writes:
        return RefusedError("refused.key.viewer")
    return None


def edit_refusal(path: str | None) -> KxError | None:
    """Why this session may not change the region at `path` (None: the top level, where
    counties are added), or None when it may. Needs no query: the caller has the path."""
    refusal = write_refusal()
    if refusal is None and not can_edit(path):
        return RefusedError("refused.key.out_of_area", scope=session().edit_name)
    return refusal


def _path(region_id: int) -> str | None:
    """The path of a region, None if it does not exist."""
    from kxtui.db.engine.models import database  # the models load in workers, not at start-up

    row = database.execute_sql("SELECT path FROM region WHERE id = ?", (region_id,)).fetchone()
    return row[0] if row else None


def region_label(path: str) -> str:
    """The names along a region path, "胶州市/胶莱镇/郭庄村"."""
    return region_labels([path])[path]


def region_labels(paths: list[str]) -> dict[str, str]:
    """`region_label` of each path, in one query."""
    from kxtui.db.engine.models import Region, Rows

    ids = {i for path in paths for i in path_ids(path)}
    query = Region.select(Region.id, Region.name).where(Region.id.in_(ids))
    names: dict[int, str] = dict(cast(Rows, query.tuples()))
    return {path: "/".join(names.get(i, "?") for i in path_ids(path)) for path in paths}


def require_writer() -> Session:
    """The officer, if they may write at all; viewers are refused."""
    officer = session()
    if not officer.writes:
        raise RefusedError("refused.viewer", name=officer.name)
    return officer


def require_admin() -> Session:
    """The officer, if a county admin (accounts are theirs to manage)."""
    officer = session()
    if officer.role != AccessRole.COUNTY_ADMIN:
        raise RefusedError("refused.not_admin", name=officer.name)
    return officer


def require_editable(region_id: int | None) -> None:
    """Refuse a write in (or, with None, at the top level above) a region outside the
    officer's edit subtree, naming the region and the scope."""
    officer = require_writer()
    if region_id is None:
        if officer.edit_path is not None:
            raise RefusedError("refused.top_level", scope=officer.edit_name)
        return
    path = _path(region_id)
    if path is None:
        raise RefusedError("refused.gone")
    if not can_edit(path):
        label = region_label(path)
        raise RefusedError("refused.out_of_scope", region=label, scope=officer.edit_name)


def require_visible(region_id: int) -> None:
    """Refuse reading one record of a region outside the officer's view subtree."""
    if session().view_path is None:
        return
    path = _path(region_id)
    if path is not None:
        require_path_visible(path)


def require_path_visible(path: str) -> None:
    """`require_visible` for a region whose path is at hand."""
    officer = session()
    if not inside(path, officer.view_path):
        label = region_label(path)
        raise RefusedError("refused.out_of_view", region=label, scope=officer.view_name)


def path_ids(path: str) -> list[int]:
    """The region ids along a path, "/1/5/23/" → [1, 5, 23]."""
    return [int(part) for part in path.strip("/").split("/")]


def view_root() -> int | None:
    """The region at the root of the officer's view (None: the whole database)."""
    root = session().view_path
    return path_ids(root)[-1] if root else None


def view_root_parent() -> int | None:
    """The parent region of the view root (None at the top): the tree lists its children,
    clipped to the view, as its top level."""
    root = session().view_path
    ids = path_ids(root) if root else []
    return ids[-2] if len(ids) > 1 else None


def view_sql(path_column: str, params: dict[str, Any]) -> list[str]:
    """SQL conditions keeping `path_column` (a region's path) in the view subtree, with their
    parameters added to `params`; none for the whole database (the planner keeps its plan)."""
    root = session().view_path
    if root is None:
        return []
    params[_VIEW_LO], params[_VIEW_HI] = root, root[:-1] + "0"
    return [f"{path_column} >= :{_VIEW_LO} AND {path_column} < :{_VIEW_HI}"]


def in_view(path_field: Any) -> Any:
    """`view_sql` for peewee: an expression on `path_field` (True for the whole database)."""
    root = session().view_path
    if root is None:
        return True
    return (path_field >= root) & (path_field < root[:-1] + "0")


def visible_ids(path: str) -> list[int]:
    """The region ids along `path` from the view root down (ancestors above it left out)."""
    ids = path_ids(path)
    root = session().view_path
    return ids[root.count("/") - 2 :] if root else ids
