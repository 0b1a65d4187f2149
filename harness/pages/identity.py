"""Page objects of card linking, the bank broker and the S-login account page."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect

from harness.labels import Labels


def confirm_with_code(page: Page, labels: Labels, heading: str, code: str) -> None:
    """The confirmation form every change of a contact detail ends on."""
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    page.get_by_label(labels.code_field).fill(code)
    page.get_by_role("button", name=labels.confirm).click()


@dataclass
class BankPages:
    """The broker's bank choice and a bank's sign-in page for test users."""

    page: Page
    labels: Labels

    def identify(self, hetu: str, bank: str = "OP") -> None:
        expect(
            self.page.get_by_role("heading", name=self.labels.bank_choice_heading)
        ).to_be_visible()
        self.page.get_by_role("button", name=bank, exact=True).click()
        self.page.get_by_label(self.labels.bank_user).fill(hetu)
        self.page.get_by_role("button", name=self.labels.bank_identify).click()

    def back_after_taking_too_long(self) -> None:
        expect(self.page.get_by_text(self.labels.bank_too_long)).to_be_visible()
        self.page.get_by_role("button", name=self.labels.bank_back).click()

    def wait_for_unavailable(self) -> None:
        """The page that says bank codes work only once a card is linked."""
        heading = self.page.get_by_role("heading", name=self.labels.bank_login_unavailable)
        expect(heading).to_be_visible()
        expect(self.page.get_by_text(self.labels.card_name).first).to_be_visible()


@dataclass
class LinkCardPages:
    """Adding an S-Förmånskort: who the customer is, then bank identification."""

    page: Page
    labels: Labels

    def wait_for_form(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.link_heading)).to_be_visible()

    def as_personal_customer(self) -> None:
        self.wait_for_form()
        self.page.get_by_label(self.labels.personal, exact=True).check()
        self.page.get_by_role("button", name=self.labels.to_bank).click()

    def as_business_customer(self, business_id: str) -> None:
        self.wait_for_form()
        self.page.get_by_label(self.labels.business, exact=True).check()
        self.page.get_by_label(self.labels.business_id).fill(business_id)
        self.page.get_by_role("button", name=self.labels.to_bank).click()

    def skip(self) -> None:
        self.wait_for_form()
        self.page.get_by_role("link", name=self.labels.skip).click()

    def wait_for_linked(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.linked_heading)).to_be_visible()

    def continue_to_service(self) -> None:
        self.page.get_by_role("button", name=self.labels.continue_).click()

    def wait_for_failure(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.failed_heading)).to_be_visible()

    def feedback_form_address(self) -> str | None:
        link = self.page.get_by_role("link", name=self.labels.feedback_form)
        return link.get_attribute("href")

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()


@dataclass
class AccountPage:
    """The sign-in service's own page of S-login details (email, phone)."""

    page: Page
    labels: Labels

    def wait_for(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.account_heading)).to_be_visible()

    def add_phone(self, number: str) -> None:
        self.wait_for()
        self.page.get_by_role("link", name=self.labels.add_phone).click()
        self.page.get_by_label(self.labels.phone_field).fill(number)
        self.page.get_by_role("button", name=self.labels.send_confirmation_code).click()

    def confirm_phone(self, code: str) -> None:
        confirm_with_code(self.page, self.labels, self.labels.confirm_phone_heading, code)

    def request_email_change(self, new_address: str) -> None:
        self.wait_for()
        self.page.get_by_role("link", name=self.labels.change_email).click()
        self.page.get_by_label(self.labels.new_email).fill(new_address)
        self.page.get_by_role("button", name=self.labels.send_confirmation_code).click()

    def confirm_email(self, code: str) -> None:
        confirm_with_code(self.page, self.labels, self.labels.confirm_email_heading, code)

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()


@dataclass
class CustomerDataForm:
    """The customer-data form behind "Ändra kunduppgifter" on "Mina uppgifter"."""

    page: Page
    labels: Labels

    def save(self, street: str, postal_code: str, city: str) -> None:
        self.page.get_by_role("link", name=self.labels.change_customer_data).click()
        self.page.get_by_label(self.labels.street).fill(street)
        self.page.get_by_label(self.labels.postal_code).fill(postal_code)
        self.page.get_by_label(self.labels.city).fill(city)
        self.page.get_by_role("button", name=self.labels.save).click()


@dataclass
class TermsPage:
    """The updated terms shown before sign-in continues."""

    page: Page
    labels: Labels

    def wait_for(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.terms_heading)).to_be_visible()

    def accept(self) -> None:
        self.wait_for()
        self.page.get_by_label(self.labels.terms_read).check()
        self.page.get_by_role("button", name=self.labels.accept_terms).click()

    def continue_without_accepting(self) -> None:
        self.wait_for()
        self.page.get_by_role("button", name=self.labels.accept_terms).click()
