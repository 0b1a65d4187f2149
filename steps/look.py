"""Steps about how a page looks: a key page against its approved picture (--visual)."""

from __future__ import annotations

from pytest_bdd import parsers, then

from harness.flows import look as flow
from harness.ui import Customers
from harness.visual.check import VisualCheck
from steps import NAME, fi, sv

PAGE = r'"(?P<page>[^"]+)"'


@then(parsers.re(rf"{NAME}'s screen looks as approved for {PAGE}"))
@then(sv(rf"ser {NAME}s skärm ut som den godkända bilden av {PAGE}"))
@then(fi(rf"{NAME}n näkymä vastaa hyväksyttyä kuvaa {PAGE}"))
def looks_as_approved(customers: Customers, visual: VisualCheck, name: str, page: str) -> None:
    """Her screen matches the approved picture of this key page for her device and
    language (features/__screenshots__), her own data masked; ./qa approve accepts a
    reviewed change."""
    flow.expect_looks_approved(customers, name, visual, page)
