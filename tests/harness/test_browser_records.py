"""A scenario's record lists every browser every persona used, not only the last one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["pytester"]
ROOT = Path(__file__).resolve().parents[2]


def test_the_phone_that_failed_and_the_computer_that_signed_in_are_both_recorded(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = pytester.path / "reports"
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(reports))
    feature = ROOT / "features" / "cookies" / "auth-4376-blocked-cookie.feature"
    shutil.copy(feature, pytester.path / feature.name)
    pytester.makepyfile(test_c20=f'from pytest_bdd import scenarios\nscenarios("{feature.name}")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text())
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-k", "her_computer")
    result.assert_outcomes(passed=1)
    scenario = json.loads((reports / "summary.json").read_text())["scenarios"][0]
    assert [
        (b["persona"], b["device"], b["cookie_policy"], b["signin_cookie_refused"])
        for b in scenario["browsers"]
    ] == [
        ("Sara", "samsung-s24-internet-29", "block-all", True),
        ("Sara", "desktop-chrome", "allow", False),
    ]
    both = (
        "Sara: samsung-s24-internet-29 / block-all (sign-in cookie refused); "
        "Sara: desktop-chrome / allow"
    )
    assert both in (reports / "summary.md").read_text()
    assert both in (reports / "claims.html").read_text()
