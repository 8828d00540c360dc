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
