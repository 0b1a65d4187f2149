"""Signing in with bank codes (C06): only with a linked card; keys fetched once and cached."""

from __future__ import annotations

from .identity_fakes import FakeBank, FakeRegister
from .identity_flows import VAINO, back_at_client, create_s_login, events_of, link_with_bank
from .support import Mailbox, TestClient, authorize_params, request_id, set_cookies

SARA = "sara.virtanen@example.com"
VERIFIER = "another-verifier-of-the-account-site-with-plenty-of-entropy-012345"


def _login_request(client: TestClient) -> str:
    start = client.get(f"/authorize?{authorize_params(VERIFIER)}")
    assert start.headers["location"].startswith("/sv/login?request=")
    return request_id(start)


def test_sign_in_page_offers_bank_codes_and_text_message(s_login: TestClient) -> None:
    rid = _login_request(s_login)
    page = s_login.get(f"/sv/login?request={rid}")
    assert f'<a href="/sv/login/bank?request={rid}">Logga in med bankkoder</a>' in page.text
    assert f'<a href="/sv/login/sms?request={rid}">Logga in med textmeddelande</a>' in page.text


def test_bank_codes_sign_in_a_user_with_a_linked_card(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    link_with_bank(s_login, bank, VAINO, request=rid)
    s_login.cookies.clear()
    login_rid = _login_request(s_login)
    started = s_login.get(f"/sv/login/bank?request={login_rid}")
    assert started.status_code == 303
    assert "__Host-bank_tx" in set_cookies(started)
    callback = s_login.get(bank.approve(started.headers["location"], VAINO))
    assert back_at_client(callback)["state"] == "state-of-sara"
    assert set_cookies(callback)["__Host-sid"].value
    assert f"Inloggad som {SARA}" in s_login.get("/sv/").text
    assert "bank_signed_in" in events_of(s_login, SARA)
    assert bank.jwks_fetches == 1, "the broker's keys should be fetched once and cached"


def test_bank_codes_without_a_linked_card_explain_why(s_login: TestClient, bank: FakeBank) -> None:
    rid = _login_request(s_login)
    started = s_login.get(f"/sv/login/bank?request={rid}")
    callback = s_login.get(bank.approve(started.headers["location"], VAINO))
    assert callback.headers["location"] == f"/sv/bank-login/unavailable?request={rid}"
    assert "__Host-sid" not in set_cookies(callback)
    page = s_login.get(callback.headers["location"])
    assert "<h1>Inloggning med bankkoder är inte tillgänglig</h1>" in page.text
    assert f'<a href="/sv/login?request={rid}">Logga in med e-post</a>' in page.text
    kinds = [e["type"] for e in s_login.get("/_control/events").json()]
    assert "bank_login_unavailable" in kinds


def test_cancelled_bank_sign_in_returns_to_the_sign_in_page(
    s_login: TestClient, bank: FakeBank
) -> None:
    rid = _login_request(s_login)
    started = s_login.get(f"/sv/login/bank?request={rid}")
    back = s_login.get(bank.refuse(started.headers["location"], "access_denied"))
    assert back.headers["location"] == f"/sv/login?request={rid}"


def test_bank_sign_in_with_a_forged_token_is_refused(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    link_with_bank(s_login, bank, VAINO, request=rid)
    s_login.cookies.clear()
    started = s_login.get("/sv/login/bank")
    page = s_login.get(bank.approve(started.headers["location"], VAINO, signing_key="attacker"))
    assert page.status_code == 400
    assert "Identifieringen kunde inte slutföras" in page.text
    assert "__Host-sid" not in set_cookies(page)
