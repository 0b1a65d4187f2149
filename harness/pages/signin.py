"""Page objects of the sign-in service: the email form, the code form and the failure page."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page, expect

from harness.labels import Labels


@dataclass
class SignInPages:
    """The pages a customer meets on the sign-in service, located by their visible labels."""

    page: Page
    labels: Labels
    password_fields_seen: int = 0

    def _note_password_fields(self) -> None:
        # S-login has no password anywhere; count any password field a form shows.
        self.password_fields_seen += self.page.locator("input[type=password]").count()

    def submit_email(self, email: str) -> None:
        self._note_password_fields()
        self.page.get_by_label(self.labels.email_field).fill(email)
        self.page.get_by_role("button", name=self.labels.send_code).click()

    def wait_for_code_form(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.code_heading)).to_be_visible()

    def enter_code(self, code: str) -> None:
        self._note_password_fields()
        self.page.get_by_label(self.labels.code_field).fill(code)
        self.page.get_by_role("button", name=self.labels.confirm_code).click()

    def heading(self) -> str:
        return self.page.get_by_role("heading", level=1).inner_text()

    def body_text(self) -> str:
        return self.page.locator("main").inner_text()

    def shows(self, text: str) -> None:
        expect(self.page.get_by_text(text, exact=False).first).to_be_visible()

    def wait_for_failure_page(self) -> None:
        expect(self.page.get_by_role("heading", name=self.labels.failure_heading)).to_be_visible()
