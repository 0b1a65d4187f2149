"""The CI workflows are valid GitHub Actions (actionlint) and run what the README says."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from harness.tools.report_tools import actionlint_path

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_pass_actionlint() -> None:
    binary = actionlint_path()
    if not binary.exists():
        pytest.fail(f"actionlint is not installed at {binary}: run ./qa setup", pytrace=False)
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert files, f"no workflows in {WORKFLOWS}"
    done = subprocess.run(
        [str(binary), *files], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"actionlint found problems:\n{done.stdout}{done.stderr}"


def test_pull_requests_run_the_readme_test_command() -> None:
    text = (WORKFLOWS / "pull-request.yml").read_text()
    assert "pull_request:" in text
    assert "run: .ci/run" in text
    assert (ROOT / ".ci" / "run").read_text().strip().endswith("./qa test")


def test_nightly_shards_the_matrix_with_a_pinned_mailpit_and_merges_the_reports() -> None:
    text = (WORKFLOWS / "nightly.yml").read_text()
    assert "schedule:" in text
    assert "image: axllent/mailpit:v1.33.1" in text
    assert "--matrix nightly" in text
    assert "--a11y fail" in text, "the nightly matrix checks accessibility on every device"
    assert '--shard "${{ matrix.shard }}/${{ env.SHARDS }}"' in text
    assert "python -m harness.living_docs.merge" in text
    assert text.count("actions/upload-artifact@v4") == 2
