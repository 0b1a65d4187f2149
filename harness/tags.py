"""Tags as feature files write them: any tag is allowed, and the harness's own tag families
(`@device:NAME`, `@cookies:NAME`, claim ids `@C01`…) are checked, naming file:line and the
valid values."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from harness.cookie_policies import cookie_policy
from harness.devices import device
from harness.report import read_claims

# A tag family of the harness: its prefix and the check of the name after it.
FAMILIES: dict[str, Callable[[str], object]] = {"device:": device, "cookies:": cookie_policy}
CLAIM_TAG = re.compile(r"C\d+")


def tag_lines(text: str) -> list[tuple[int, str]]:
    """(line, tag without @) for every tag of a feature file's text."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split("#", 1)[0].split()
        if words and words[0].startswith("@"):
            found += [(number, word[1:]) for word in words if word.startswith("@")]
    return found


def tag_problem(tag: str) -> str | None:
    """What is wrong with a tag of the harness's families (None for any other tag)."""
    for prefix, check in FAMILIES.items():
        if tag.startswith(prefix):
            try:
                check(tag.removeprefix(prefix))
            except ValueError as exc:
                return str(exc)
            return None
    if CLAIM_TAG.fullmatch(tag):
        claims = read_claims()
        if tag not in claims:
            return (
                f"{tag} is not a claim of docs/claims.md. Valid claims: {', '.join(sorted(claims))}"
            )
    return None


def tag_problems(path: Path, shown_as: str) -> list[str]:
    """`file:line: @tag: problem` for every wrong tag of one feature file."""
    return [
        f"{shown_as}:{line}: @{tag}: {problem}"
        for line, tag in tag_lines(path.read_text(encoding="utf-8"))
        if (problem := tag_problem(tag)) is not None
    ]


def without_at(expression: str) -> str:
    """A -m expression with tags written as in feature files (`@C18 and not @stub_only`)."""
    return re.sub(r"(?<![\w@])@(?=[\w])", "", expression)
