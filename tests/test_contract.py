"""The harness/stub contract: defined once in `contract`, and both sides agree with it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from contract import cookies, sites
from contract.outcomes import BankOutcome
from harness.words import SHOPS as SHOPS_BY_FEATURE_NAME
from stub_services.bank.store import Outcome as StubBankOutcome
from stub_services.shops.catalogue import STOREFRONTS

ROOT = Path(__file__).resolve().parent.parent
CODE = ["harness", "steps", "stub_services", "benchmarks", "conftest.py"]

COOKIE_NAMES = {value for name, value in vars(cookies).items() if name.isupper()}
HOSTS = {*sites.STUB_HOSTS, sites.MAIL_DOMAIN}


def string_constants(path: Path) -> Iterator[str]:
    """The string literals of a module, docstrings left out."""
    tree = ast.parse(path.read_text(), filename=str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def contract_name_in(text: str) -> str | None:
    """The cookie name or host `text` writes out (as itself, an origin or a mail domain)."""
    if text in COOKIE_NAMES or text in HOSTS:
        return text
    for host in HOSTS:
        if text.endswith((f"//{host}", f"@{host}")) or f"//{host}/" in text:
            return host
    return None


def copies() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for place in CODE:
        path = ROOT / place
        for module in [path] if path.is_file() else sorted(path.rglob("*.py")):
            for text in string_constants(module):
                name = contract_name_in(text)
                if name is not None:
                    found.add((str(module.relative_to(ROOT)), name))
    return found


def test_cookie_names_and_hosts_are_written_only_in_the_contract() -> None:
    found = sorted(copies())
    assert not found, "Import these from contract instead of writing them again:\n" + "\n".join(
        f"  {path}: {name}" for path, name in found
    )


def test_the_contracts_names_are_distinct_and_well_formed() -> None:
    assert all(name.startswith("__Host-") for name in COOKIE_NAMES)
    assert len(COOKIE_NAMES) == len([n for n in vars(cookies) if n.isupper()])
    assert len({shop.id for shop in sites.SHOPS}) == len(sites.SHOPS)
    assert len(set(sites.STUB_HOSTS)) == len(sites.STUB_HOSTS)
    assert all(host.isascii() and host.endswith(".test") for host in sites.STUB_HOSTS)


def test_every_stub_process_is_a_site_of_the_contract() -> None:
    stubs = {
        main.parent.name
        for main in (ROOT / "stub_services").rglob("__main__.py")
        if main.parent.name != "stub_services"
    }
    assert stubs == set(sites.SiteId)


def test_both_sides_know_the_same_shops() -> None:
    assert tuple(STOREFRONTS) == sites.SHOP_IDS
    assert {shop.name: shop.id for shop in sites.SHOPS} == SHOPS_BY_FEATURE_NAME


def test_the_bank_stub_offers_the_outcomes_the_contract_names() -> None:
    assert StubBankOutcome is BankOutcome
