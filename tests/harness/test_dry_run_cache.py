"""./qa bdd and ./qa test do not repeat a dry run that passed on the same files (issue 19);
any change to what it reads, and ./qa check, run it again."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import cli, dry_run, dry_run_cache
from harness.config import PROJECT_ROOT

FEATURE = PROJECT_ROOT / "features" / "sign-in" / "create-s-login.feature"


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every dry run that really ran; the cache is the test's own."""
    monkeypatch.setattr(dry_run_cache, "CACHE_FILE", tmp_path / "cache" / "dry-run-passed")
    calls: list[object] = []
    real = dry_run.check

    def counted(paths: object) -> dry_run.CheckResult:
        calls.append(paths)
        return real(paths)  # type: ignore[arg-type]

    monkeypatch.setattr(dry_run, "check", counted)
    return calls


def test_a_pass_is_remembered_until_the_feature_changes(
    tmp_path: Path, runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    feature = tmp_path / "create.feature"
    feature.write_text(FEATURE.read_text())
    assert cli.check([str(feature)], remembered=True) == 0
    assert cli.check([str(feature)], remembered=True) == 0
    assert len(runs) == 1
    assert "passed before, and nothing it reads has changed" in capsys.readouterr().out
    feature.write_text(FEATURE.read_text() + "\n")
    assert cli.check([str(feature)], remembered=True) == 0
    assert len(runs) == 2
    # ./qa check always runs it.
    assert cli.check([str(feature)]) == 0
    assert len(runs) == 3


def test_a_failing_dry_run_is_never_remembered(tmp_path: Path, runs: list[object]) -> None:
    feature = tmp_path / "misspelt.feature"
    text = FEATURE.read_text().replace("creates an S-login", "creates an S-loggin")
    feature.write_text(text)
    assert cli.check([str(feature)], remembered=True) == 1
    assert cli.check([str(feature)], remembered=True) == 1
    assert len(runs) == 2


def test_the_digest_changes_with_a_step_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert {PROJECT_ROOT / "steps", PROJECT_ROOT / "harness"} <= set(dry_run_cache.READ_TOO)
    steps = tmp_path / "steps"
    steps.mkdir()
    (steps / "sign_in.py").write_text('"""Steps."""\n')
    monkeypatch.setattr(dry_run_cache, "READ_TOO", (steps,))
    before = dry_run_cache.digest([FEATURE])
    assert dry_run_cache.digest([FEATURE]) == before
    (steps / "sign_in.py").write_text('"""Steps, edited."""\n')
    assert dry_run_cache.digest([FEATURE]) != before
