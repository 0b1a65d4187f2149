"""A page whose button moved fails the look step, with the approved, actual and diff
pictures listed first and attached to the step in the report; the same page drawn again
(other data in its masked field) passes; a page with no approved picture says how to
approve one; `./qa approve` takes only the last run's pictures, after showing them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from harness.visual.approve import approve

pytest_plugins = ["pytester"]

FEATURE = """\
Feature: A page that looks as approved
  Scenario: Sara's sign-in page
    Given Sara's sign-in page has its button {offset} px from the left
    Then Sara's screen looks as approved for "sign-in email form"
"""

FINNISH = """\
Feature: A page never approved
  Scenario: Sara's Finnish sign-in page
    Given Sara uses the service in Finnish
    And Sara's sign-in page has its button 0 px from the left
    Then Sara's screen looks as approved for "sign-in email form"
"""

STEPS = """\
import uuid

from pytest_bdd import given, parsers, scenarios

from harness.ui import Customers

scenarios("look.feature")

PAGE = '''<!doctype html><html lang="sv"><body style="margin: 0; font-family: sans-serif">
<main style="padding: 16px">
  <h1>Logga in</h1>
  <label>E-postadress <input type="email" value="{email}" style="width: 300px"></label>
  <button style="display: block; margin: 24px 0 0 {offset}px; width: 160px; height: 44px;
                 background: #007a3d; color: #fff; border: 0">Skicka kod</button>
</main></body></html>'''


@given(parsers.parse("Sara's sign-in page has its button {offset:d} px from the left"))
def local_page(customers: Customers, offset: int) -> None:
    # Another address every run: the masked field must not count as a difference.
    email = f"sara.{uuid.uuid4().hex[: offset % 7 + 3]}@example.test"
    customers["Sara"].page.set_content(PAGE.format(email=email, offset=offset))
"""

CONFTEST = """\
import dataclasses
from pathlib import Path

import pytest

pytest_plugins = [
    "harness.plugin",
    "harness.living_docs.plugin",
    "steps.personas",
    "steps.look",
]


@pytest.fixture(scope="session")
def visual(pytestconfig):
    from harness.pytest.visual import visual_check

    # Approved pictures of this test only, never the project's.
    approved = Path(__file__).parent / "approved"
    return dataclasses.replace(visual_check(pytestconfig), baselines=approved)
"""

APPROVED = Path("approved/sign-in-email-form/desktop-chrome--sv.png")


@pytest.fixture
def project(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    monkeypatch.setenv("HARNESS_REPORTS_DIR", str(pytester.path / "reports"))
    monkeypatch.setenv("HARNESS_STEP_SCREENSHOTS", "off")
    pytester.makepyfile(test_look=STEPS)
    pytester.makeconftest(CONFTEST)
    return pytester


def run(project: pytest.Pytester, feature: str, *args: str) -> pytest.RunResult:
    project.makefile(".feature", look=feature)
    return project.runpytest_subprocess("-p", "no:cacheprovider", *args)


def attachments(reports: Path) -> list[dict[str, str]]:
    lines = (reports / "cucumber-messages.ndjson").read_text().splitlines()
    found = [json.loads(line).get("attachment") for line in lines]
    return [a for a in found if a]


def test_a_shifted_button_fails_the_look_step_with_its_pictures_as_evidence(
    project: pytest.Pytester,
) -> None:
    reports = project.path / "reports"
    run(project, FEATURE.format(offset=0), "--visual", "update").assert_outcomes(passed=1)
    approved = project.path / APPROVED
    assert approved.is_file(), "--visual update wrote no approved picture"

    # The same page again, another address in the masked field: identical pixels.
    run(project, FEATURE.format(offset=0)).assert_outcomes(passed=1)
    actual = reports / "visual/sign-in-email-form/desktop-chrome--sv.actual.png"
    with Image.open(approved) as a, Image.open(actual) as b:
        assert a.tobytes() == b.tobytes(), "the same page drew different pixels twice"

    shifted = run(project, FEATURE.format(offset=40))
    shifted.assert_outcomes(failed=1)
    out = shifted.stdout.str()
    expected_line = 'Expected: Sara\'s screen for "sign-in email form" (desktop-chrome, sv) '
    assert expected_line + "does not look as approved:" in out
    shifted.stdout.fnmatch_lines(
        [
            "*does not look as approved: * pixels differ (*; 0.10% allowed)*",
            "*Expected picture: *sign-in-email-form/desktop-chrome--sv.expected.png",
            "*Actual picture: *sign-in-email-form/desktop-chrome--sv.actual.png",
            "*Diff picture: *sign-in-email-form/desktop-chrome--sv.diff.png",
        ]
    )
    kinds = ("expected", "actual", "diff")
    pictures = {kind: actual.with_name(f"desktop-chrome--sv.{kind}.png") for kind in kinds}
    assert all(p.is_file() for p in pictures.values()), pictures
    attached = {a.get("url", "") for a in attachments(reports)}
    for picture in pictures.values():
        assert picture.relative_to(reports).as_posix() in attached, (picture, attached)
    with Image.open(pictures["diff"]) as diff:
        rgb = diff.convert("RGB")
    red = sum(rgb.getpixel((x, y)) == (255, 0, 0) for x in range(rgb.width) for y in range(200))
    assert red > 1000, f"the diff marks only {red} pixels for a button moved 40 px"

    # Approving takes exactly the last run's picture, after the list was shown.
    assert approve(reports, yes=False, ask=lambda _q: "n") == 1
    with Image.open(approved) as a, Image.open(pictures["actual"]) as b:
        assert a.tobytes() != b.tobytes(), "a refused approval changed the approved picture"
    assert approve(reports, yes=True) == 0
    assert approved.read_bytes() == pictures["actual"].read_bytes()
    run(project, FEATURE.format(offset=40)).assert_outcomes(passed=1)


def test_a_page_without_an_approved_picture_fails_saying_how_to_approve_it(
    project: pytest.Pytester,
) -> None:
    result = run(project, FINNISH)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            '*Sara\'s screen for "sign-in email form" (desktop-chrome, fi) has no approved '
            "picture yet (*sign-in-email-form/desktop-chrome--fi.png)*",
            "*Actual picture: *desktop-chrome--fi.actual.png",
            "*run ./qa approve*",
        ]
    )
    assert not (project.path / "approved").exists()


def test_visual_off_compares_nothing(project: pytest.Pytester) -> None:
    run(project, FINNISH, "--visual", "off").assert_outcomes(passed=1)
    assert not (project.path / "reports" / "visual").exists()


def test_a_wrong_harness_visual_value_stops_the_run(
    project: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HARNESS_VISUAL", "sometimes")
    result = run(project, FINNISH)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*HARNESS_VISUAL='sometimes' is not a visual mode*"])
