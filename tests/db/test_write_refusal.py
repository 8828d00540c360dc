"""The question the screens ask before offering a key that changes data: may this session
write at all (`write_refusal`), and in this region (`edit_refusal`) — answered with the
reason, without a query."""

from __future__ import annotations

from kxtui.db.engine import scope
from kxtui.db.engine.scope import set_read_only
from kxtui.domain import AccessRole
from kxtui.i18n import t

TOWN = scope.Session(user="fuan", name="阜安王", role=AccessRole.TOWN_STAFF, edit_path="/1/5/",
                     view_path="/1/", edit_name="胶州市/阜安街道", view_name="胶州市")  # fmt: skip


def said(refusal) -> str | None:  # type: ignore[no-untyped-def]
    return None if refusal is None else t(refusal.key, **refusal.params)


def test_a_county_admin_may_write_everywhere() -> None:
    assert scope.write_refusal() is None
    assert scope.edit_refusal("/1/5/23/") is None and scope.edit_refusal(None) is None


def test_a_viewer_and_a_read_only_database_may_write_nowhere() -> None:
    scope.sign_in(scope.Session(user="chakan", name="查看员", role=AccessRole.VIEWER))
    assert said(scope.write_refusal()) == "只读账户不能修改"
    assert said(scope.edit_refusal("/1/")) == "只读账户不能修改"
    set_read_only(True)  # (the file says it first: even an admin could not write)
    assert said(scope.edit_refusal("/1/")) == "只读打开：不能修改数据"
    scope.sign_out()
    assert said(scope.write_refusal()) == t("scope.not_signed_in")


def test_a_town_officer_may_write_in_their_town_only() -> None:
    scope.sign_in(TOWN)
    assert scope.write_refusal() is None
    assert scope.edit_refusal("/1/5/") is None and scope.edit_refusal("/1/5/23/") is None
    outside = "不在您的编辑范围（胶州市/阜安街道）"
    assert said(scope.edit_refusal("/1/")) == outside  # their county: above the town
    assert said(scope.edit_refusal("/1/6/")) == outside  # the next town
    assert said(scope.edit_refusal("/1/50/")) == outside  # a path that starts alike
    assert said(scope.edit_refusal(None)) == outside  # a new county
