"""A passing dry run, remembered until what it read changes (issue 19).

`./qa bdd` and `./qa test` run the dry run (harness/dry_run.py) before the scenarios. It
imports pytest-bdd and every step module and costs ~0.4 s of CPU, which on a 2-core
machine competes with pytest, Playwright's driver and Chromium starting at the same time.
A QA engineer re-running one scenario usually changes nothing the dry run reads, so a
pass is remembered under a digest of everything it reads: the selected feature files, the
step modules, the harness's code (tag rules, devices, cookie policies), the root conftest,
the claims list and the locked packages. Any change to any of them (a step edited, a
feature saved, a package upgraded) means a new digest, and the dry run runs again.
`./qa check` always runs it. Only this module is imported on the way: a digest of some
200 files costs a few milliseconds.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from harness.config import PROJECT_ROOT

CACHE_FILE = PROJECT_ROOT / ".qa-cache" / "dry-run-passed"
# How many passing digests are kept (a few feature files re-run in turn all stay cached).
KEPT = 32
# What the dry run reads besides the feature files it is given.
READ_TOO = (
    PROJECT_ROOT / "steps",
    PROJECT_ROOT / "harness",
    PROJECT_ROOT / "conftest.py",
    PROJECT_ROOT / "docs" / "claims.md",
    PROJECT_ROOT / "requirements.lock",
)


def digest(features: Iterable[Path]) -> str:
    """A digest of the given features (files or folders) and of what the dry run reads."""
    files: list[Path] = []
    for path in features:
        files += sorted(path.rglob("*.feature")) if path.is_dir() else [path]
    for path in READ_TOO:
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    sha = hashlib.sha256()
    for file in files:
        sha.update(str(file.resolve()).encode() + b"\0")
        try:
            sha.update(file.read_bytes())
        except OSError:
            sha.update(b"<missing>")
        sha.update(b"\0")
    return sha.hexdigest()


def passed_before(key: str, cache: Path | None = None) -> bool:
    cache = cache or CACHE_FILE
    try:
        return key in cache.read_text().split()
    except OSError:
        return False


def remember_pass(key: str, cache: Path | None = None) -> None:
    """Note a pass; a cache that cannot be written only means the next run checks again."""
    cache = cache or CACHE_FILE
    try:
        kept = [k for k in cache.read_text().split() if k != key] if cache.exists() else []
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_name(f".{cache.name}.{os.getpid()}")
        tmp.write_text("\n".join([*kept[-(KEPT - 1) :], key]) + "\n")
        os.replace(tmp, cache)
    except OSError:
        pass
