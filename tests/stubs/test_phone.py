"""Confirming a phone number and signing in with a text message (C04)."""

from __future__ import annotations

import httpx
import pytest

from .identity_fakes import FakeSms
from .identity_flows import form_token
from .support import Mailbox, TestClient, query_of, set_cookies, sign_up

SARA = "sara.virtanen@example.com"
NUMBER = "+358401234567"


def _signed_in(client: TestClient, mailbox: Mailbox) -> None:
    assert sign_up(client, mailbox, SARA).status_code == 303


def _submit(client: TestClient, path: str, **form: str) -> httpx.Response:
    """Post a signed-in form with its session-bound token, as the browser would."""
    token = form_token(client, path)
    response: httpx.Response = client.post(path, data={**form, "csrf_token": token})
    return response


def _confirm(client: TestClient, sms: FakeSms, typed: str = "040 123 4567") -> None:
    sent = _submit(client, "/sv/account/phone", phone=typed)
    assert sent.status_code == 303, sent.text
    done = _submit(client, "/sv/account/phone/confirm", code=sms.latest_code(NUMBER))
    assert done.headers["location"] == "/sv/account?phone=confirmed"


def test_account_page_needs_a_session(s_login: TestClient) -> None:
    page = s_login.get("/sv/account")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/sv/login?request=")


def test_account_page_shows_email_and_no_phone(s_login: TestClient, mailbox: Mailbox) -> None:
    _signed_in(s_login, mailbox)
    page = s_login.get("/sv/account")
    assert "<h1>S-inloggningens uppgifter</h1>" in page.text
    assert f"<dd>{SARA}</dd>" in page.text
    assert "<dd>Inget telefonnummer</dd>" in page.text
    assert '<a href="/sv/account/phone">Lägg till telefonnummer</a>' in page.text
    form = s_login.get("/sv/account/phone")
    assert '<label for="phone">Telefonnummer</label>' in form.text
    assert '<button type="submit">Skicka bekräftelsekod</button>' in form.text


@pytest.mark.parametrize("typed", ["040 123 4567", "0401234567", "+358 40 123 4567"])
def test_phone_confirmed_with_the_texted_code(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms, typed: str
) -> None:
    _signed_in(s_login, mailbox)
    sent = _submit(s_login, "/sv/account/phone", phone=typed)
    assert sent.headers["location"] == "/sv/account/phone/confirm"
    page = s_login.get("/sv/account/phone/confirm")
    assert "<h1>Bekräfta telefonnumret</h1>" in page.text
    assert '<label for="code">Bekräftelsekod</label>' in page.text
    assert '<button type="submit">Bekräfta</button>' in page.text
    done = _submit(s_login, "/sv/account/phone/confirm", code=sms.latest_code(NUMBER))
    account = s_login.get(done.headers["location"])
    assert "Telefonnumret är bekräftat" in account.text
    assert f"<dd>{NUMBER}</dd>" in account.text
    types = [e["type"] for e in s_login.get(f"/_control/events?email={SARA}").json()]
    assert {"phone_code_sent", "phone_confirmed"} <= set(types)
    assert sms.latest_code(NUMBER) not in str(s_login.get("/_control/events").json())


def test_wrong_phone_code_is_refused_and_the_code_works_once(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    _signed_in(s_login, mailbox)
    _submit(s_login, "/sv/account/phone", phone="0401234567")
    code = sms.latest_code(NUMBER)
    wrong = _submit(s_login, "/sv/account/phone/confirm", code=f"{(int(code) + 1) % 10_000:04d}")
    assert wrong.status_code == 400
    assert "Fel kod. Försök igen." in wrong.text
    assert "<dd>Inget telefonnummer</dd>" in s_login.get("/sv/account").text
    tx = s_login.cookies["__Host-phone_tx"]
    assert _submit(s_login, "/sv/account/phone/confirm", code=code).status_code == 303
    s_login.cookies.set("__Host-phone_tx", tx, domain="login.s-ryhma.test")
    replay = _submit(s_login, "/sv/account/phone/confirm", code=code)
    assert replay.status_code == 400
    assert "Koden har redan använts. Begär en ny kod." in replay.text


@pytest.mark.parametrize(
    "typed",
    [
        "12345",
        "020 123 4567",
        "+46 70 123 4567",
        "09 1234 5678",
        "040 12",
        "044 134 667",
        "040 123 45678",
        "abc",
    ],
)
def test_malformed_or_non_mobile_numbers_are_asked_again(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms, typed: str
) -> None:
    _signed_in(s_login, mailbox)
    page = _submit(s_login, "/sv/account/phone", phone=typed)
    assert page.status_code == 422
    assert "Kontrollera telefonnumret" in page.text
    assert f'value="{typed}"' in page.text
    assert sms.messages == []


def test_gateway_down_is_a_503_page(s_login: TestClient, mailbox: Mailbox, sms: FakeSms) -> None:
    _signed_in(s_login, mailbox)
    sms.down = True
    page = _submit(s_login, "/sv/account/phone", phone="040 123 4567")
    assert page.status_code == 503
    assert "Vi kunde inte skicka textmeddelandet just nu" in page.text
    assert "__Host-phone_tx" not in set_cookies(page)


def test_text_message_sign_in_for_a_confirmed_number(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    _signed_in(s_login, mailbox)
    _confirm(s_login, sms)
    s_login.cookies.clear()
    form = s_login.get("/sv/login/sms")
    assert '<label for="phone">Telefonnummer</label>' in form.text
    assert '<button type="submit">Skicka kod</button>' in form.text
    sent = s_login.post("/sv/login/sms", data={"phone": "+358 40 123 4567", "request": ""})
    assert sent.status_code == 303
    assert query_of(sent.headers["location"])["via"] == "sms"
    assert "__Host-login_tx" in set_cookies(sent)
    code_page = s_login.get(sent.headers["location"])
    assert "Ange bekräftelsekoden" in code_page.text
    rid = query_of(sent.headers["location"])["request"]
    done = s_login.post(
        "/sv/login/code", data={"code": sms.latest_code(NUMBER), "request": rid, "via": "sms"}
    )
    assert done.status_code == 303
    assert f"Inloggad som {SARA}" in s_login.get("/sv/").text
    assert "sms_code_sent" in [
        e["type"] for e in s_login.get(f"/_control/events?email={SARA}").json()
    ]


def test_unconfirmed_number_gets_the_same_page_and_no_message(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    _signed_in(s_login, mailbox)
    _confirm(s_login, sms)
    s_login.cookies.clear()
    before = len(sms.messages)
    known = s_login.post("/sv/login/sms", data={"phone": "040 123 4567", "request": ""})
    s_login.cookies.clear()
    unknown = s_login.post("/sv/login/sms", data={"phone": "050 765 4321", "request": ""})
    assert (known.status_code, unknown.status_code) == (303, 303)
    assert set(set_cookies(known)) == set(set_cookies(unknown))
    assert s_login.get(known.headers["location"]).text.replace(
        query_of(known.headers["location"])["request"], "R"
    ) == s_login.get(unknown.headers["location"]).text.replace(
        query_of(unknown.headers["location"])["request"], "R"
    )
    assert len(sms.messages) == before + 1
    assert sms.to("+358507654321") == []


def test_sms_sign_in_without_the_cookie_is_auth_4376(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    _signed_in(s_login, mailbox)
    _confirm(s_login, sms)
    s_login.cookies.clear()
    sent = s_login.post("/sv/login/sms", data={"phone": "0401234567", "request": ""})
    rid = query_of(sent.headers["location"])["request"]
    s_login.cookies.delete("__Host-login_tx")
    page = s_login.post("/sv/login/code", data={"code": sms.latest_code(NUMBER), "request": rid})
    assert page.status_code == 400
    assert "felkod: AUTH-4376" in page.text


def test_malformed_number_on_sms_sign_in_keeps_the_value(s_login: TestClient) -> None:
    page = s_login.post("/en/login/sms", data={"phone": "+1 555 0100", "request": ""})
    assert page.status_code == 422
    assert "Check the phone number" in page.text
    assert 'value="+1 555 0100"' in page.text


def test_phone_confirmation_code_never_signs_in(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    _signed_in(s_login, mailbox)
    _submit(s_login, "/sv/account/phone", phone="0401234567")
    tx = s_login.cookies["__Host-phone_tx"]
    s_login.cookies.clear()
    s_login.cookies.set("__Host-login_tx", tx, domain="login.s-ryhma.test")
    page = s_login.post("/sv/login/code", data={"code": sms.latest_code(NUMBER)})
    assert page.status_code == 400
    assert "felkod: AUTH-4376" in page.text
