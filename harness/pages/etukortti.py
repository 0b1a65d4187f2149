"""Page objects of the S-Etukortti account site: the front page and "Mina uppgifter"."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect

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

    def wait_for_my_details(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.my_details)).to_be_visible()

    def shown_email(self) -> str:
        # The value a reader finds next to the "E-postadress" term of the details list.
        term = self.page.locator("dt", has_text=self.labels.email_row)
        return term.locator("xpath=following-sibling::dd[1]").inner_text().strip()

    def sign_out(self) -> None:
        self.page.get_by_role("button", name=self.labels.sign_out).click()
        expect(self.page.get_by_role("link", name=self.labels.sign_in, exact=True)).to_be_visible()
