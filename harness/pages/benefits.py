"""Page objects of S-Etukortti's tabs "Förmåner och tips", "Bonus" and "Hushåll"."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from harness.environment import Site
from harness.owner_labels import SV, OwnerLabels


@dataclass
class BenefitsPages:
    """The owner-customer pages of the account site, in Swedish."""

    page: Page
    site: Site
    labels: OwnerLabels = SV

    def open_tab(self, tab: str) -> None:
        """Click the tab in the site's menu, as a customer does."""
        self.page.get_by_role("navigation").get_by_role("link", name=tab, exact=True).click()
        expect(self.page.get_by_role("heading", name=tab, exact=True)).to_be_visible()

    def coupon_list(self) -> Locator:
        section = self.page.locator("section").filter(
            has=self.page.get_by_role("heading", name=self.labels.your_coupons)
        )
        return section.get_by_role("listitem")

    def open_coupon(self, title: str) -> None:
        self.page.get_by_role("link", name=title).click()
        expect(self.page.get_by_role("heading", name=title)).to_be_visible()

    def redeem_button(self) -> Locator:
        return self.page.get_by_role("button", name=self.labels.redeem)

    def table_rows(self) -> list[list[str]]:
        """The Bonus table as text: the header row first."""
        rows = self.page.get_by_role("table").get_by_role("row")
        expect(rows.first).to_be_visible()
        return [
            [cell.inner_text().strip() for cell in row.locator("th, td").all()]
            for row in rows.all()
        ]

    def invite(self, email: str) -> None:
        self.page.get_by_label(self.labels.invite_email).fill(email)
        self.page.get_by_role("button", name=self.labels.send_invite).click()

    def join(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.join_heading)).to_be_visible()
        self.page.get_by_role("button", name=self.labels.join, exact=True).click()

    def members(self) -> list[str]:
        return [row.inner_text() for row in self.page.locator("[data-member]").all()]
