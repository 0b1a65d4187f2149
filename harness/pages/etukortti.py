"""Page objects of the S-Etukortti account site: the front page and "Mina uppgifter"."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from harness.environment import Site
from harness.labels import Labels


@dataclass
class EtukorttiSite:
    """The account site in one language."""

    page: Page
    site: Site
    labels: Labels
    language: str

    def open(self) -> None:
        self.page.goto(self.site.url(f"/{self.language}/"))

    def start_sign_in(self) -> None:
        self.open()
        self.page.get_by_role("link", name=self.labels.sign_in, exact=True).click()

    def start_creating_s_login(self) -> None:
        self.open()
        self.page.get_by_role("link", name=self.labels.create_s_login).click()

    def open_my_details(self) -> None:
        self.page.goto(self.site.url(f"/{self.language}/profile"))

    def my_details_heading(self) -> Locator:
        return self.page.get_by_role("heading", name=self.labels.my_details)

    def wait_for_my_details(self) -> None:
        expect(self.my_details_heading()).to_be_visible()

    def shown_email(self) -> str:
        # The value a reader finds next to the "E-postadress" term of the details list.
        term = self.page.locator("dt", has_text=self.labels.email_row)
        return term.locator("xpath=following-sibling::dd[1]").inner_text().strip()

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def add_card_link(self) -> Locator:
        return self.page.get_by_role("link", name=self.labels.add_card)

    def open_s_login_details(self) -> None:
        """From "Mina uppgifter" to the sign-in service's page of the S-login's details."""
        self.open_my_details()
        self.page.get_by_role("link", name=self.labels.edit_s_login).click()

    def join_link(self, token: str) -> str:
        """The address of a household invitation, as the invitation email gives it."""
        return self.site.url(f"/{self.language}/household/join?token={token}")

    def sign_out(self) -> None:
        self.page.get_by_role("button", name=self.labels.sign_out).click()
        expect(self.page.get_by_role("link", name=self.labels.sign_in, exact=True)).to_be_visible()
