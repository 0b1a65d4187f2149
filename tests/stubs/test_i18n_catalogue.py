"""The stubs' catalogue: every key a template or the code uses exists in sv, fi and en, and
every key is used somewhere."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from stub_services.common.i18n import LANGS, STRINGS, merged
from stub_services.common.i18n.languages import Texts
from stub_services.register import households
from stub_services.shops.catalogue import STOREFRONTS
from stub_services.signin.card_linking import REASONS as LINK_FAILURES

STUBS = Path(__file__).resolve().parents[2] / "stub_services"
CATALOGUE = STUBS / "common" / "i18n"

# A key is dotted lower-case words whose first word names an area of the catalogue
# ("login.heading"); names of files the stubs read or render are not keys.
KEY = re.compile(r"^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$")
FILE_NAME = re.compile(r"\.(?:html|sqlite3|pem|json|css|js|test)$")
NAMESPACES = {key.split(".")[0] for key in STRINGS}

# Keys built at run time from a prefix and a value, so no literal names them. Each family
# says where it is built and lists the values from their own source.
DYNAMIC_KEYS: dict[str, set[str]] = {
    # shops/catalogue.py Storefront.name_key; shops/templates/home.html "shop.intro." ~ name
    "shop.name.": set(STOREFRONTS),
    "shop.intro.": set(STOREFRONTS),
    # shops/catalogue.py Product.name_key; shops/templates/order.html "shop.product." ~ id
    "shop.product.": {p.id for shop in STOREFRONTS.values() for p in shop.products},
    # shops/templates/home.html: the magazine's articles ("soup", "bonus"), title and text
    "shop.article.": {f"{a}.{part}" for a in ("soup", "bonus") for part in ("title", "text")},
    # signin/templates/link_failed.html "linkcard.reason." ~ reason
    "linkcard.reason.": set(LINK_FAILURES),
    # etukortti/household_pages.py refusal(): f"household.reason.{reason}" from the register
    "household.reason.": {
        households.NO_CARD,
        households.MINOR,
        households.NOT_OWNER,
        households.FULL,
    },
}

# Keys built from another key and a suffix: a page names its heading's key, and its text is
# that key plus the suffix. Shops.refuse() in shops/context.py does t(lang, f"{key}_text")
# once the shops' router rewrite of issue 13 lands; until then both keys are named.
DERIVED_SUFFIXES = {"_text"}

# In templates: tr["key"], tr['key'], tr.key and t("key", ...); a prefix joined with `~`.
TEMPLATE_REFERENCE = re.compile(
    r"""\btr\[\s*["']([^"']+)["']\s*\]|\btr\.(\w+)|\bt\(\s*["']([^"']+)"""
)
TEMPLATE_PREFIX = re.compile(r"""\btr\[\s*["']([^"']+\.)["']\s*~""")
TEMPLATE_LITERAL = re.compile(r"""["']([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)["']""")


def templates() -> Iterator[tuple[str, str]]:
    for path in sorted(STUBS.rglob("*.html")):
        yield str(path.relative_to(STUBS)), path.read_text()


def code() -> Iterator[tuple[str, ast.AST]]:
    for path in sorted(STUBS.rglob("*.py")):
        if CATALOGUE not in path.parents:
            yield str(path.relative_to(STUBS)), ast.parse(path.read_text(), filename=str(path))


def looks_like_a_key(text: str) -> bool:
    return bool(KEY.match(text)) and text.split(".")[0] in NAMESPACES and not FILE_NAME.search(text)


def named_keys() -> dict[str, set[str]]:
    """Every key a template or module names, with the places that name it."""
    found: dict[str, set[str]] = {}
    for where, text in templates():
        for match in TEMPLATE_REFERENCE.finditer(text):
            found.setdefault(next(g for g in match.groups() if g), set()).add(where)
        for literal in TEMPLATE_LITERAL.findall(text):
            if looks_like_a_key(literal):
                found.setdefault(literal, set()).add(where)
    for where, tree in code():
        for node in ast.walk(tree):
            # t(lang, "key"): whatever its shape, the second argument must be a key.
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                found.setdefault(node.args[1].value, set()).add(f"{where}:{node.lineno}")
            # Key tables and keyword arguments (error="code.wrong", {...: "household.x"}).
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and looks_like_a_key(node.value)
            ):
                found.setdefault(node.value, set()).add(f"{where}:{node.lineno}")
    return found


def built_prefixes() -> dict[str, set[str]]:
    """Prefixes of keys built at run time: `"prefix." ~ x` in templates, f"prefix.{x}" in code."""
    found: dict[str, set[str]] = {}
    for where, text in templates():
        for prefix in TEMPLATE_PREFIX.findall(text):
            found.setdefault(prefix, set()).add(where)
    for where, tree in code():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.JoinedStr)
                and node.values
                and isinstance(node.values[0], ast.Constant)
                and isinstance(node.values[0].value, str)
                and node.values[0].value.endswith(".")
                and looks_like_a_key(node.values[0].value + "x")
            ):
                found.setdefault(node.values[0].value, set()).add(f"{where}:{node.lineno}")
    return found


def built_suffixes() -> dict[str, set[str]]:
    """Suffixes joined to a key passed to t(): t(lang, f"{key}_text")."""
    found: dict[str, set[str]] = {}
    for where, tree in code():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
            ):
                for arg in node.args[1:2]:
                    if (
                        isinstance(arg, ast.JoinedStr)
                        and len(arg.values) == 2
                        and isinstance(arg.values[0], ast.FormattedValue)
                        and isinstance(arg.values[1], ast.Constant)
                        and isinstance(arg.values[1].value, str)
                    ):
                        found.setdefault(arg.values[1].value, set()).add(f"{where}:{node.lineno}")
    return found


def dynamic_keys() -> set[str]:
    return {prefix + value for prefix, values in DYNAMIC_KEYS.items() for value in values}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_a_text_in_each_language_with_the_same_placeholders() -> None:
    incomplete = [
        key
        for key, texts in STRINGS.items()
        if set(texts) != set(LANGS)
        or not all(text.strip() for text in texts.values())
        or len({frozenset(placeholders(text)) for text in texts.values()}) != 1
    ]
    assert not incomplete, f"Give these keys a text in {', '.join(LANGS)}: {incomplete}"


def test_every_key_the_templates_and_code_name_exists() -> None:
    missing = {key: sorted(places) for key, places in named_keys().items() if key not in STRINGS}
    missing |= {key: ["(built at run time)"] for key in dynamic_keys() - set(STRINGS)}
    assert not missing, "These keys are used but not in the catalogue:\n" + "\n".join(
        f"  {key}: {', '.join(places)}" for key, places in sorted(missing.items())
    )


def test_every_key_built_at_run_time_is_declared() -> None:
    built = built_prefixes()
    undeclared = {prefix: sorted(places) for prefix, places in built.items()}
    for prefix in DYNAMIC_KEYS:
        undeclared.pop(prefix, None)
    assert not undeclared, f"Declare these key families in DYNAMIC_KEYS: {undeclared}"
    assert set(DYNAMIC_KEYS) <= set(built), "DYNAMIC_KEYS lists a family nothing builds now"
    suffixes = {suffix: sorted(places) for suffix, places in built_suffixes().items()}
    undeclared = {s: places for s, places in suffixes.items() if s not in DERIVED_SUFFIXES}
    assert not undeclared, f"Declare these key suffixes in DERIVED_SUFFIXES: {undeclared}"


def test_no_key_is_unused() -> None:
    named = set(named_keys())
    derived = {key + suffix for key in named for suffix in DERIVED_SUFFIXES}
    unused = set(STRINGS) - named - derived - dynamic_keys()
    assert not unused, f"No template or module uses these keys; remove them: {sorted(unused)}"


def test_a_key_two_areas_define_stops_the_import() -> None:
    texts: Texts = {"sv": "Hej", "fi": "Hei", "en": "Hello"}
    with pytest.raises(RuntimeError, match=r"'mail\.greeting' is defined in both signin and mail"):
        merged({"signin": {"mail.greeting": texts}, "mail": {"mail.greeting": dict(texts)}})


def test_the_merged_catalogue_is_read_only() -> None:
    with pytest.raises(TypeError):
        STRINGS["login.heading"] = {"sv": "x", "fi": "x", "en": "x"}  # type: ignore[index]
    with pytest.raises(TypeError):
        STRINGS["login.heading"]["sv"] = "x"  # type: ignore[index]
