"""`./qa approve`: make the last run's pictures of changed or new pages the approved ones.

Only pictures the last run took and listed in reports/visual/comparisons.jsonl are taken,
only those whose page differed or had no approved picture, and only after the list of
what will be replaced has been shown and confirmed (or `--yes` given): approved pictures
change by a deliberate step, never by a test run in compare mode.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from harness.env_profiles import shown_path
from harness.visual.check import MANIFEST

APPROVABLE = ("differs", "missing")


@dataclass(frozen=True)
class Candidate:
    """A picture of the last run that may become the approved one."""

    approved: Path
    actual: Path
    result: str
    detail: str


def candidates(out_dir: Path, only: Sequence[str] = ()) -> tuple[list[Candidate], int]:
    """The last run's pictures that differ or are new (the last comparison of each page,
    device and language), filtered by words of their path; and how many were compared."""
    lines = (out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    latest: dict[str, Candidate] = {}
    for line in lines:
        entry = json.loads(line)
        latest[entry["approved"]] = Candidate(
            Path(entry["approved"]), Path(entry["actual"]), entry["result"], entry["detail"]
        )
    chosen = [
        c
        for c in latest.values()
        if c.result in APPROVABLE
        and c.actual.is_file()
        and (not only or any(word in shown_path(c.approved) for word in only))
    ]
    return chosen, len(latest)


def approve(
    reports_dir: Path,
    only: Sequence[str] = (),
    *,
    yes: bool = False,
    ask: Callable[[str], str] | None = None,
) -> int:
    """List what would change, confirm, copy; the exit status."""
    out_dir = reports_dir / "visual"
    if not (out_dir / MANIFEST).is_file():
        print(
            f"qa approve: no pictures of a run in {shown_path(out_dir)}: run the scenarios with "
            "look steps first (./qa bdd -m visual), then review and approve."
        )
        return 1
    chosen, compared = candidates(out_dir, only)
    if not chosen:
        print(
            f"qa approve: nothing to approve: none of the {compared} pictures of the last run "
            "differed from its approved picture or was new"
            + (f" among those matching {' '.join(only)}" if only else "")
            + "."
        )
        return 0
    print(f"qa approve: {len(chosen)} picture(s) of the last run would become approved:")
    for c in chosen:
        verb = "replace" if c.approved.exists() else "add    "
        print(f"  {verb} {shown_path(c.approved)}")
        print(f"     by {shown_path(c.actual)} ({c.detail})")
        diff = c.actual.with_name(c.actual.name.replace(".actual.png", ".diff.png"))
        if diff.exists():
            print(f"   diff {shown_path(diff)}")
    if not yes:
        if ask is None and not sys.stdin.isatty():
            print("qa approve: review the pictures above, then run ./qa approve --yes")
            return 1
        answer = (ask or input)(f"Approve these {len(chosen)} picture(s)? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("qa approve: nothing changed")
            return 1
    for c in chosen:
        c.approved.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(c.actual, c.approved)
    print(
        f"qa approve: {len(chosen)} picture(s) approved; review `git status "
        "features/__screenshots__` and commit them with the change that made them."
    )
    return 0
