"""How a customer's screen looks: the key page she is on, against its approved picture."""

from __future__ import annotations

from harness.ui import Customers
from harness.visual.check import VisualCheck
from harness.visual.key_pages import key_page


def expect_looks_approved(
    customers: Customers, name: str, visual: VisualCheck, page_name: str
) -> None:
    """Her page, in her language on her device, looks as its approved picture (masked
    where it shows her own data); see harness/visual/check.py."""
    chosen = key_page(page_name)
    customer = customers[name]
    visual.expect_approved(
        name, customer.page, customers.ui.browsers, chosen, customer.persona.language
    )
