"""The string table: every string in both languages, with the same placeholders, so that a
value a Chinese string names is never missing from (or extra in) its English one."""

from __future__ import annotations

import string

from kxtui.i18n import STRINGS


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_each_string_has_both_languages_with_the_same_placeholders() -> None:
    empty = [key for key, (zh, en) in STRINGS.items() if not (zh.strip() and en.strip())]
    differ = [key for key, (zh, en) in STRINGS.items() if placeholders(zh) != placeholders(en)]
    assert (empty, differ) == ([], [])


def test_each_form_has_a_name_in_the_drafts_list() -> None:
    """A kept draft is listed by its form's name (`drafts.form.<form_name>`)."""
    import pkgutil
    from importlib import import_module

    import kxtui.screens
    from kxtui.screens.form import FormScreen

    for module in pkgutil.iter_modules(kxtui.screens.__path__):
        import_module(f"kxtui.screens.{module.name}")
    forms, stack = set(), [FormScreen]
    while stack:
        form = stack.pop()
        stack.extend(form.__subclasses__())
        if form.form_name:
            forms.add(form.form_name)
    assert len(forms) >= 8
    assert sorted(f for f in forms if f"drafts.form.{f}" not in STRINGS) == []


def test_each_key_lives_in_the_one_module_of_its_area() -> None:
    """A key's first part names its area, and each area is one module: no key is in two
    modules (one would silently hide the other), no area is split over two."""
    import pkgutil
    from importlib import import_module

    import kxtui.strings

    homes: dict[str, set[str]] = {}
    total = 0
    for module in pkgutil.iter_modules(kxtui.strings.__path__):
        table = import_module(f"kxtui.strings.{module.name}").STRINGS
        total += len(table)
        assert list(table) == sorted(table), f"{module.name}: keys in order"
        for key in table:
            homes.setdefault(key.split(".")[0], set()).add(module.name)
    assert total == len(STRINGS) - 3  # the three roles that are a job share its name
    assert {area: m for area, m in homes.items() if len(m) > 1} == {}
