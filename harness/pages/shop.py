"""Page objects of the group's web shops and app sites (docs/owner-customer.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from playwright.sync_api import Locator, Page, expect

from harness.environment import Site
from harness.labels import Labels

_EUROS = re.compile(r"(\d[\d\u00a0 ]*,\d{2})\s*€")


def euros(text: str) -> Decimal:
    """The first Finnish-style amount in `text` ("1 234,50 €") as a Decimal."""
    found = _EUROS.search(text)
    if found is None:
        raise AssertionError(f"No euro amount in {text!r}")
    return Decimal(re.sub(r"[\u00a0 ]", "", found.group(1)).replace(",", "."))


@dataclass(frozen=True)
class Prices:
    """What a product costs, as its listing shows it."""

    normal: Decimal
    owner: Decimal


@dataclass
class ShopSite:
    """One storefront (or an app's web view of it) in the customer's language."""

    page: Page
    site: Site
    labels: Labels
    language: str

    def open(self, path: str = "/") -> None:
        self.page.goto(self.site.url(f"/{self.language}{path}"))

    def open_app(self) -> None:
        self.open("/app")

    def app_heading(self, app: str) -> Locator:
        return self.page.get_by_role("heading", name=self.labels.app_heading.format(shop=app))

    def asks_to_sign_in(self) -> Locator:
        """The notice that shopping needs an S-login."""
        return self.page.get_by_text(self.labels.sign_in_to_shop)

    def order_heading(self) -> Locator:
        return self.page.get_by_role("heading", name=self.labels.order_heading)

    def sign_in_control(self) -> Locator:
        name = self.labels.sign_in
        return self.page.get_by_role("link", name=name, exact=True).or_(
            self.page.get_by_role("button", name=name, exact=True)
        )

    def press_sign_in(self) -> None:
        self.sign_in_control().first.click()

    def signed_in_marker(self, email: str) -> Locator:
        return self.page.get_by_text(self.labels.signed_in_as.format(email=email))

    def wait_signed_in(self, email: str) -> None:
        expect(self.signed_in_marker(email)).to_be_visible()

    def is_here(self) -> bool:
        return self.page.url.startswith(self.site.public_url + "/")

    def wait_sso_settled(self) -> str:
        """Wait until the silent check (if any) has finished; its result."""
        body = self.page.locator("body")
        expect(body).not_to_have_attribute("data-sso-check", "pending")
        return body.get_attribute("data-sso-check") or ""

    def product(self, name: str) -> Locator:
        item = self.page.locator("[data-product]").filter(has_text=name)
        expect(item).to_have_count(1)
        return item

    def prices(self, name: str) -> Prices:
        item = self.product(name)
        normal = euros(item.locator("[data-price=normal]").inner_text())
        owner = euros(item.locator("[data-price=owner]").inner_text())
        return Prices(normal, owner)

    def buy(self, name: str) -> None:
        self.product(name).get_by_role("button", name=self.labels.buy).click()

    def wait_for_order(self) -> None:
        expect(self.order_heading()).to_be_visible()

    def amount_paid(self) -> Decimal:
        line = self.page.get_by_text(self.labels.to_pay)
        expect(line).to_be_visible()
        return euros(line.inner_text())

    def sign_out(self) -> None:
        self.page.get_by_role("button", name=self.labels.sign_out).click()
        expect(self.sign_in_control().first).to_be_visible()

    def profile_heading(self) -> Locator:
        return self.page.get_by_role("heading", name=self.labels.my_profile)

    def open_profile(self) -> None:
        self.open("/profile")
        expect(self.profile_heading()).to_be_visible()

    def add_card_link(self) -> Locator:
        return self.page.get_by_role("link", name=self.labels.shop_add_card)
