"""`./qa approve`: only the last run's pictures of pages that differed or were new, after
the list of what they replace has been shown and confirmed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli import main
from harness.visual.approve import approve

PAGE = "auth-4376-page"


def last_run(reports: Path, approved: Path, results: dict[str, str]) -> None:
    """A run's comparisons.jsonl with one picture of each stem and its result."""
    out = reports / "visual"
    (out / PAGE).mkdir(parents=True)
    lines = []
    for stem, result in results.items():
        actual = out / PAGE / f"{stem}.actual.png"
        actual.write_bytes(f"new {stem}".encode())
        target = approved / PAGE / f"{stem}.png"
        lines.append({"approved": str(target), "actual": str(actual), "result": result,
                      "detail": result})  # fmt: skip
    (out / "comparisons.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    reports, approved = tmp_path / "reports", tmp_path / "approved"
    (approved / PAGE).mkdir(parents=True)
    for stem in ("pixel-7-chrome--sv", "pixel-7-chrome--fi"):
        (approved / PAGE / f"{stem}.png").write_bytes(b"old")
    last_run(
        reports,
        approved,
        {
            "pixel-7-chrome--sv": "differs",
            "pixel-7-chrome--fi": "matched",
            "desktop-chrome--fi": "missing",
        },
    )
    return reports, approved


def test_approve_replaces_and_adds_only_what_differed_or_was_new(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    reports, approved = folders
    assert approve(reports, yes=True) == 0
    shown = capsys.readouterr().out
    assert "2 picture(s) of the last run would become approved" in shown
    assert f"replace {approved / PAGE / 'pixel-7-chrome--sv.png'}" in shown
    assert f"add     {approved / PAGE / 'desktop-chrome--fi.png'}" in shown
    assert (approved / PAGE / "pixel-7-chrome--sv.png").read_bytes() == b"new pixel-7-chrome--sv"
    assert (approved / PAGE / "desktop-chrome--fi.png").read_bytes() == b"new desktop-chrome--fi"
    assert (approved / PAGE / "pixel-7-chrome--fi.png").read_bytes() == b"old", "a match moved"


def test_approve_changes_nothing_unless_confirmed(folders: tuple[Path, Path]) -> None:
    reports, approved = folders
    assert approve(reports, ask=lambda _question: "") == 1
    # Without a terminal to ask on, it says to add --yes after reviewing.
    assert approve(reports) == 1
    assert (approved / PAGE / "pixel-7-chrome--sv.png").read_bytes() == b"old"
    assert not (approved / PAGE / "desktop-chrome--fi.png").exists()


def test_approve_takes_only_pictures_whose_path_has_the_words(folders: tuple[Path, Path]) -> None:
    reports, approved = folders
    assert approve(reports, ["desktop"], yes=True) == 0
    assert (approved / PAGE / "pixel-7-chrome--sv.png").read_bytes() == b"old"
    assert (approved / PAGE / "desktop-chrome--fi.png").exists()


def test_qa_approve_without_a_run_says_what_to_run_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(tmp_path / "reports"))
    assert main(["approve", "--yes"]) == 1
    assert "run the scenarios with look steps first" in capsys.readouterr().out
