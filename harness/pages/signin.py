"""Page objects of the sign-in service: the email form, the code form and the failure page."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from harness.labels import Labels
from harness.unrecorded import unrecorded


@dataclass
class SignInPages:
    """The pages a customer meets on the sign-in service, located by their visible labels."""

    page: Page
    labels: Labels
    password_fields_seen: int = 0

    def _note_password_fields(self) -> None:
        # S-login has no password anywhere; count any password field a form shows.
        with unrecorded():
            self.password_fields_seen += self.page.locator("input[type=password]").count()

    def email_field(self) -> Locator:
        return self.page.get_by_label(self.labels.email_field)

    def submit_email(self, email: str, *, patience_ms: float | None = None) -> None:
        """Type the address and ask for a code; `patience_ms` for an answer slower than the
        usual deadline (the service waits for a silent email server)."""
        self._note_password_fields()
        self.email_field().fill(email)
        self.page.get_by_role("button", name=self.labels.send_code).click(timeout=patience_ms)

    def submit_phone(self, number: str) -> None:
        """From the address form, ask for the code by text message instead."""
        self.page.get_by_role("link", name=self.labels.sms_login).click()
        self.page.get_by_label(self.labels.phone_field).fill(number)
        self.page.get_by_role("button", name=self.labels.send_code).click()

    def choose_bank_codes(self) -> None:
        self.page.get_by_role("link", name=self.labels.bank_login).click()

    def wait_for_code_form(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.code_heading)).to_be_visible()

    def code_field(self) -> Locator:
        return self.page.get_by_label(self.labels.code_field)

    def enter_code(self, code: str) -> None:
        self._note_password_fields()
        self.code_field().fill(code)
        self.page.get_by_role("button", name=self.labels.confirm_code).click()

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def body_text(self) -> str:
        return self.page.locator("main").inner_text()

    def shows(self, text: str, *, patience_ms: float | None = None) -> None:
        expect(self.page.get_by_text(text, exact=False).first).to_be_visible(timeout=patience_ms)

    def wait_for_failure_page(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.failure_heading)).to_be_visible()
