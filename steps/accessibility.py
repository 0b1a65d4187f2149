"""Steps about accessibility: the page a customer sees works with assistive technology."""

from __future__ import annotations

import pytest
from pytest_bdd import parsers, then

from harness.a11y.plugin import expect_accessible
from steps import fi, sv


@then(parsers.re(r"the page is accessible"))
@then(sv(r"är sidan tillgänglig"))
@then(sv(r"sidan är tillgänglig"))
@then(fi(r"sivu on saavutettava"))
def page_is_accessible(request: pytest.FixtureRequest) -> None:
    """axe-core finds no serious or critical WCAG 2.2 A/AA violation on the open pages."""
    expect_accessible(request)
