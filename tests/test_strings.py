"""The string table: every string in both languages, with the same placeholders, so that a
value a Chinese string names is never missing from (or extra in) its English one."""

from __future__ import annotations

import ast
import string
from pathlib import Path

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


# -- every key the code names has its strings ------------------------------------------------

PACKAGE = Path(__file__).parent.parent / "kxtui"
SHOWN = {"t", "both", "say", "marked"}  # (key, ...) -> the interface's words
CHINESE_ONLY = {"zh", "chinese", "marked_chinese"}  # (key, ...) -> what a file says


def named_keys(functions: set[str]) -> tuple[set[str], set[str]]:
    """The keys written out as the first argument of a call of `functions` in kxtui (and a
    language table's `words[key]`, and a Binding's description and tooltip), and the prefixes
    of those built at run time (f"ledger.sort.{sort}")."""
    keys: set[str] = set()
    prefixes: set[str] = set()

    def named(node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            keys.add(node.value)
        elif isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.Constant):
            prefixes.add(str(node.values[0].value))

    for path in sorted(PACKAGE.rglob("*.py")):
        if "strings" in path.relative_to(PACKAGE).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and "t" in functions:
                if isinstance(node.value, ast.Name) and node.value.id == "words":
                    named(node.slice)
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in functions and node.args:
                named(node.args[0])
            if name == "Binding" and "t" in functions:
                if len(node.args) > 2:
                    named(node.args[2])
                for keyword in node.keywords:
                    if keyword.arg in ("description", "tooltip"):
                        named(keyword.value)
    return keys, prefixes


def test_every_key_the_code_names_is_in_both_languages() -> None:
    """A key the code writes out has its strings (the test above: in both languages, with
    the same placeholders); a key built at run time names some."""
    keys, prefixes = named_keys(SHOWN)
    assert len(keys) > 400
    assert sorted(key for key in keys if key not in STRINGS) == []
    assert sorted(p for p in prefixes if not any(key.startswith(p) for key in STRINGS)) == []


def test_every_word_a_file_writes_is_chinese_and_agrees_with_the_interface() -> None:
    """What the data layer writes into a file has its Chinese (`kxtui.db.words`); a word the
    interface shows too is the same word there (是 / 否, ⚠未知代码 …)."""
    from kxtui.db.sheets import headers as sheet_headers
    from kxtui.db.words import CHINESE

    keys, prefixes = named_keys(CHINESE_ONLY)
    assert sorted(key for key in keys if key not in CHINESE) == []
    assert sorted(p for p in prefixes if not any(key.startswith(p) for key in CHINESE)) == []
    assert list(CHINESE) == sorted(CHINESE)
    assert {k: v for k, v in CHINESE.items() if k in STRINGS and STRINGS[k][0] != v} == {}
    for table in (sheet_headers.ACTIVITIES, sheet_headers.VOLUNTEERS):
        assert all(h.zh.strip() and h.en.strip() for h in table.values())
