"""Region writes: add, rename and delete a county, town, village or grid, each one write
with its audit entry; a region with anything in it (regions, venues, activities, volunteers,
teams, officers) is not deleted."""

from __future__ import annotations

from peewee import fn

from kxtui.db.engine import scope
from kxtui.db.engine.models import Region
from kxtui.db.engine.writes import columns, created, diff, editable, removed, write_transaction
from kxtui.db.errors import RefusedError
from kxtui.db.pinyin import pinyin_keys
from kxtui.db.regions import subtree_counts
from kxtui.db.rows import Dependants, RegionInput
from kxtui.db.validation import Checker
from kxtui.domain import CHILD_KINDS, RegionKind


def _checked(
    data: RegionInput, parent: Region | None, exclude: int | None = None
) -> tuple[str, str | None, str | None, int | None]:
    """Name, kind, code and population of a region under `parent` (other than region
    `exclude`), or ValidationError naming every bad field."""
    checker = Checker()
    name, kind, code, population = _check_region(data, parent.kind if parent else None, checker)
    parent_id = parent.id if parent else None
    if "name" not in checker.errors and _sibling_exists(parent_id, name, exclude):
        checker.fail("name", "field.duplicate_sibling")
    checker.check()
    return name, kind, code, population


def check_region(data: RegionInput, parent_id: int | None, region_id: int | None = None) -> None:
    """What saving `data` as a new child of `parent_id`, or over region `region_id`, would
    refuse (ValidationError), without saving."""
    if region_id is not None:
        region = Region.get_or_none(Region.id == region_id)
        parent_id = region.parent_id if region else None
    _checked(data, Region.get_or_none(Region.id == parent_id) if parent_id else None, region_id)


def _check_region(data: RegionInput, parent_kind: str | None, checker: Checker):
    name = checker.name("name", data.name)
    allowed = tuple(k.value for k in CHILD_KINDS[RegionKind(parent_kind) if parent_kind else None])
    kind = checker.choice("kind", data.kind, allowed, required=True)
    code = checker.region_code("code", data.code)
    population = None
    text = (data.population or "").strip()
    if text:
        if not text.isdecimal() or len(text) > 9:  # isdigit() passes "²", which int() refuses
            checker.fail("population", "field.count")
        else:
            population = int(text)
    return name, kind, code, population


def _sibling_exists(parent_id: int | None, name: str, exclude: int | None = None) -> bool:
    query = Region.select(Region.id).where(
        Region.parent.is_null() if parent_id is None else Region.parent == parent_id,
        Region.name == name,
    )
    if exclude is not None:
        query = query.where(Region.id != exclude)
    return query.exists()


def create_region(parent_id: int | None, data: RegionInput) -> int:
    """Add a region under `parent_id` (None: a new county). Returns its id."""
    with write_transaction() as write:
        scope.require_editable(parent_id)
        parent = Region.get_or_none(Region.id == parent_id) if parent_id is not None else None
        if parent_id is not None and parent is None:
            raise RefusedError("refused.gone")
        name, kind, code, population = _checked(data, parent)
        full, initials = pinyin_keys(name)
        region = Region.create(
            parent=parent_id,
            kind=kind,
            name=name,
            code=code,
            population=population,
            pinyin=full,
            initials=initials,
            path="",
            sort_order=_next_sort_order(parent_id),
            **write.stamp(),
        )
        region.path = f"{parent.path if parent else '/'}{region.id}/"
        region.save(only=[Region.path])
        values = {"name": name, "kind": kind, "code": code, "population": population}
        write.audit(
            "create", "region", region.id, name, created({**values, "parent_id": parent_id})
        )
        return region.id


def _next_sort_order(parent_id: int | None) -> int:
    siblings = Region.parent.is_null() if parent_id is None else Region.parent == parent_id
    query = Region.select(fn.COALESCE(fn.MAX(Region.sort_order), 0)).where(siblings)
    return int(query.scalar() or 0) + 1


def update_region(region_id: int, version: int, data: RegionInput) -> None:
    """Change a region's name, kind, code or population; refuses if someone saved meanwhile.
    Nothing is written when nothing changed."""
    with write_transaction() as write:
        scope.require_editable(region_id)
        region = editable(Region, region_id, version)
        parent = region.parent if region.parent_id else None
        name, kind, code, population = _checked(data, parent, region.id)
        before = {
            "name": region.name,
            "kind": region.kind,
            "code": region.code,
            "population": region.population,
        }
        after = {"name": name, "kind": kind, "code": code, "population": population}
        if not diff(before, after):
            write.nothing()
            return
        full, initials = pinyin_keys(name)
        Region.update(
            pinyin=full,
            initials=initials,
            **write.touch(Region),
            **after,
        ).where(Region.id == region_id).execute()
        write.audit("update", "region", region_id, name, diff(before, after))


def dependants(region_id: int) -> Dependants:
    """What still lies in a region's subtree (`subtree_counts`): a delete is refused while
    anything does."""
    region = Region.find(region_id)
    if region is None:
        raise RefusedError("refused.gone")
    scope.require_path_visible(region.path)
    return subtree_counts(region.path)


def delete_region(region_id: int, version: int) -> None:
    """Delete an empty region. Refuses, with counts, while anything depends on it."""
    with write_transaction() as write:
        scope.require_editable(region_id)
        region = editable(Region, region_id, version)
        deps = dependants(region_id)
        if deps.any():
            raise RefusedError("refused.region_has_dependants", **deps._asdict())
        # every column, while the region still exists: an undo can put it back
        write.audit("delete", "region", region_id, region.name, removed(columns(region)))
        region.delete_instance()
