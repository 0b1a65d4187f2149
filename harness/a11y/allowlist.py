"""The reviewed allow-list of accepted violations (`features/a11y-allowlist.toml`).

Each entry names a rule, where it applies (a page path pattern and an element selector,
both `*` by default) and a mandatory reason; an entry without one stops the run.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

ALLOWLIST_FILE = Path("features") / "a11y-allowlist.toml"


@dataclass(frozen=True)
class AllowEntry:
    rule: str
    page: str
    selector: str
    reason: str

    def matches(self, rule: str, path: str, target: str) -> bool:
        return (
            rule == self.rule
            and fnmatchcase(path, self.page)
            and (self.selector == "*" or self.selector == target)
        )

    def describe(self) -> str:
        return f"{self.rule} on {self.page} at {self.selector}: {self.reason}"


@dataclass(frozen=True)
class AllowList:
    source: str
    entries: tuple[AllowEntry, ...] = ()

    def allowing(self, rule: str, path: str, target: str) -> tuple[int, str] | None:
        """The first entry that accepts this violation: its index and reason."""
        for index, entry in enumerate(self.entries):
            if entry.matches(rule, path, target):
                return index, entry.reason
        return None


def load_allowlist(path: Path) -> AllowList:
    """The file's entries; a missing file is an empty list. ValueError says what is wrong."""
    if not path.exists():
        return AllowList(str(path))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not TOML: {exc}") from None
    raw = data.get("allow", [])
    if not isinstance(raw, list):
        raise ValueError(f"{path}: `allow` must be a list of [[allow]] tables")
    entries = []
    for number, item in enumerate(raw, start=1):
        where = f"{path}, [[allow]] entry {number}"
        if not isinstance(item, dict):
            raise ValueError(f"{where}: not a table")
        unknown = set(item) - {"rule", "page", "selector", "reason"}
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        values = {key: item.get(key, "*") for key in ("rule", "page", "selector")}
        reason = item.get("reason", "")
        if not all(isinstance(v, str) for v in (*values.values(), reason)):
            raise ValueError(f"{where}: rule, page, selector and reason are text")
        if not str(values["rule"]).strip() or values["rule"] == "*":
            raise ValueError(f"{where}: names no rule (an axe rule id such as 'color-contrast')")
        if not str(reason).strip():
            raise ValueError(
                f"{where} ({values['rule']}): has no reason; every accepted violation says "
                "why it is accepted and who reviewed it"
            )
        entries.append(
            AllowEntry(
                str(values["rule"]),
                str(values["page"]),
                str(values["selector"]),
                str(reason).strip(),
            )
        )
    return AllowList(str(path), tuple(entries))
