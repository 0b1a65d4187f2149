"""Page objects of S-Etukortti's tabs "Förmåner och tips", "Bonus" and "Hushåll"."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from harness.environment import Site
from harness.labels import Labels


@dataclass
class BenefitsPages:
    """The owner-customer pages of the account site, in the customer's language."""

    page: Page
    site: Site
    labels: Labels

    def open_tab(self, tab: str) -> None:
        """Click the tab in the site's menu, as a customer does."""
        self.page.get_by_role("navigation").get_by_role("link", name=tab, exact=True).click()
        expect(self.page.get_by_role("heading", name=tab, exact=True)).to_be_visible()

    def _section_items(self, heading: str) -> Locator:
        section = self.page.locator("section").filter(
            has=self.page.get_by_role("heading", name=heading)
        )
        return section.get_by_role("listitem")

    def coupon_list(self) -> Locator:
        return self._section_items(self.labels.your_coupons)

    def benefit_list(self) -> Locator:
        return self._section_items(self.labels.your_benefits)

    def coupon_link(self, title: str) -> Locator:
        return self.page.get_by_role("link", name=title)

    def barcode(self, ean13: str) -> Locator:
        return self.page.get_by_role("img", name=ean13)

    def open_coupon(self, title: str) -> None:
        self.coupon_link(title).click()
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

    def column(self, name: str) -> list[str]:
        """One column of the Bonus table, below its header."""
        header, *body = self.table_rows()
        index = header.index(name)
        return [row[index] for row in body]

    def invite_button(self) -> Locator:
        return self.page.get_by_role("button", name=self.labels.send_invite)

    def invite(self, email: str) -> None:
        self.page.get_by_label(self.labels.invite_email).fill(email)
        self.invite_button().click()

    def join_button(self) -> Locator:
        return self.page.get_by_role("button", name=self.labels.join, exact=True)

    def join(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.join_heading)).to_be_visible()
        self.join_button().click()

    def members(self) -> list[str]:
        return [row.inner_text() for row in self.page.locator("[data-member]").all()]
