"""Creating an S-login over HTTP through the public forms, the way a sign-up integration would.

Used for "Given Sara has an S-login": it is state, not the behaviour under test, so it
skips the browser but goes through the very same forms and the real inbox.
"""

from __future__ import annotations

from contract import cookies
from harness.clients.inbox import Mailbox
from harness.clients.site_http import site_client
from harness.environment import Environment


def create_s_login(environment: Environment, mailbox: Mailbox, language: str = "sv") -> None:
    """Register ``mailbox.address`` with the emailed code; fail loudly if any step misbehaves."""
    with site_client(environment.signin, environment) as http:
        sent = http.post(
            f"/{language}/login/email",
            data={"email": mailbox.address, "intent": "create", "request": ""},
        )
        if sent.status_code != 303 or cookies.LOGIN_TX not in sent.cookies:
            raise AssertionError(
                f"Creating an S-login for {mailbox.address}: submitting the address answered "
                f"{sent.status_code} without the login-transaction cookie.\n{sent.text[:800]}"
            )
        code = mailbox.next_message().one_time_code()
        done = http.post(f"/{language}/login/code", data={"code": code, "request": ""})
        if done.status_code != 303:
            raise AssertionError(
                f"Creating an S-login for {mailbox.address}: the emailed code was not accepted "
                f"({done.status_code}).\n{done.text[:800]}"
            )
