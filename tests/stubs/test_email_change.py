"""Changing the S-login's email address (C14): code to the new address, notice to the old."""

from __future__ import annotations

import httpx

from .identity_flows import events_of, form_token, sign_up_on_card_site
from .support import CODE_LINE, Mailbox, TestClient, set_cookies, sign_up, submit_email, text_of

SARA = "sara.virtanen@example.com"
NEW = "sara.k.virtanen@example.fi"
ELIAS = "elias.korhonen@example.com"


def _request_change(client: TestClient, typed: str = NEW) -> httpx.Response:
    token = form_token(client, "/sv/account/email")
    response: httpx.Response = client.post(
        "/sv/account/email", data={"email": typed, "csrf_token": token}
    )
    return response


def _confirm(client: TestClient, code: str) -> httpx.Response:
    token = form_token(client, "/sv/account/email/confirm")
    response: httpx.Response = client.post(
        "/sv/account/email/confirm", data={"code": code, "csrf_token": token}
    )
    return response


def _other_code(code: str) -> str:
    return f"{(int(code) + 1) % 10_000:04d}"


def test_account_page_links_to_the_email_form(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    account = s_login.get("/sv/account")
    assert '<a href="/sv/account/email">Ändra e-postadress</a>' in account.text
    form = s_login.get("/sv/account/email")
    assert "<h1>Ändra e-postadress</h1>" in form.text
    assert '<label for="email">Ny e-postadress</label>' in form.text
    assert '<button type="submit">Skicka bekräftelsekod</button>' in form.text


def test_email_form_needs_a_session(s_login: TestClient) -> None:
    for response in (s_login.get("/sv/account/email"), _request_change(s_login)):
        assert response.status_code == 303
        assert response.headers["location"].startswith("/sv/login?request=")


def test_malformed_address_is_asked_again_with_the_value_kept(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    for typed in ("sara@@example.fi", "sara", ""):
        page = _request_change(s_login, typed)
        assert page.status_code == 422
        assert "Kontrollera e-postadressen" in page.text
        assert f'value="{typed}"' in page.text
    assert "__Host-email_tx" not in s_login.cookies


def test_address_changes_with_the_code_from_the_new_address(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    sent = _request_change(s_login, " Sara.K.Virtanen@Example.fi ")
    assert sent.headers["location"] == "/sv/account/email/confirm"
    cookie = set_cookies(sent)["__Host-email_tx"]
    assert cookie.has("secure")
    assert cookie.has("httponly")
    assert cookie.attributes["path"] == "/"
    page = s_login.get("/sv/account/email/confirm")
    assert "<h1>Bekräfta e-postadressen</h1>" in page.text
    assert '<label for="code">Bekräftelsekod</label>' in page.text
    assert '<button type="submit">Bekräfta</button>' in page.text
    code = mailbox.latest_code(NEW)
    done = _confirm(s_login, code)
    assert done.headers["location"] == "/sv/account?email=changed"
    account = s_login.get(done.headers["location"])
    assert "E-postadressen är ändrad" in account.text
    assert f"<dd>{NEW}</dd>" in account.text
    notice = mailbox.to(SARA)[-1]
    assert notice["Subject"] == "E-postadressen för din S-inloggning har ändrats"
    assert not CODE_LINE.search(text_of(notice)), "the old address gets no code"
    assert {"email_change_code_sent"} <= set(events_of(s_login, SARA))
    assert "email_changed" in events_of(s_login, NEW)
    assert code not in str(s_login.get("/_control/events").json())


def test_old_address_then_signs_in_to_nothing(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login)
    _confirm(s_login, mailbox.latest_code(NEW))
    s_login.cookies.clear()
    assert submit_email(s_login, SARA).status_code == 303
    assert mailbox.to(SARA)[-1]["Subject"] == "Det finns ingen S-inloggning för den här adressen"
    assert submit_email(s_login, NEW).status_code == 303
    assert mailbox.latest_code(NEW)


def test_wrong_code_is_refused_and_the_right_one_works_once(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login)
    code = mailbox.latest_code(NEW)
    wrong = _confirm(s_login, _other_code(code))
    assert wrong.status_code == 400
    assert "Fel kod. Försök igen." in wrong.text
    assert f"<dd>{SARA}</dd>" in s_login.get("/sv/account").text
    tx = s_login.cookies["__Host-email_tx"]
    assert _confirm(s_login, code).status_code == 303
    s_login.cookies.set("__Host-email_tx", tx, domain="login.s-ryhma.test")
    replay = _confirm(s_login, code)
    assert replay.status_code == 400
    assert "Koden har redan använts. Begär en ny kod." in replay.text


def test_fifth_wrong_code_ends_it(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login)
    code = mailbox.latest_code(NEW)
    statuses = [_confirm(s_login, _other_code(code)).status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    late = _confirm(s_login, code)
    assert late.status_code == 429
    assert "För många felaktiga försök. Begär en ny kod." in late.text


def test_code_expires_after_ten_minutes(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login)
    s_login.post("/_control/clock/advance", json={"seconds": 601})
    expired = _confirm(s_login, mailbox.latest_code(NEW))
    assert expired.status_code == 400
    assert "Koden har gått ut. Begär en ny kod." in expired.text
    assert f"<dd>{SARA}</dd>" in s_login.get("/sv/account").text


def test_without_the_transaction_cookie_the_auth_4376_page_is_shown(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login)
    code = mailbox.latest_code(NEW)
    s_login.cookies.delete("__Host-email_tx")
    page = _confirm(s_login, code)
    assert page.status_code == 400
    assert "felkod: AUTH-4376" in page.text
    assert '<a href="/sv/account/email">Försök igen</a>' in page.text
    assert "auth_4376" in events_of(s_login, SARA)


def test_a_sign_in_code_does_not_change_the_address(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    submit_email(s_login, SARA)
    login_tx = s_login.cookies["__Host-login_tx"]
    s_login.cookies.set("__Host-email_tx", login_tx, domain="login.s-ryhma.test")
    assert "felkod: AUTH-4376" in _confirm(s_login, mailbox.latest_code(SARA)).text


def test_another_s_logins_address_is_not_revealed(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, ELIAS)
    s_login.cookies.clear()
    sign_up(s_login, mailbox, SARA)
    before = len(mailbox.to(ELIAS))
    taken = _request_change(s_login, ELIAS)
    free = _request_change(s_login, NEW)
    assert taken.status_code == free.status_code == 303
    assert taken.headers["location"] == free.headers["location"]
    assert "__Host-email_tx" in set_cookies(taken)
    told = mailbox.to(ELIAS)[before:]
    assert [m["Subject"] for m in told] == ["Någon försökte använda din e-postadress"]
    assert not CODE_LINE.search(text_of(told[0]))
    assert "email_change_code_sent" not in events_of(s_login, ELIAS)


def test_a_taken_address_cannot_be_confirmed(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, ELIAS)
    s_login.cookies.clear()
    sign_up(s_login, mailbox, SARA)
    _request_change(s_login, ELIAS)
    for guess in ("0000", "1234"):
        assert _confirm(s_login, guess).status_code == 400
    assert f"<dd>{SARA}</dd>" in s_login.get("/sv/account").text


def test_account_site_shows_the_new_address_without_signing_in_again(
    card_site: TestClient, s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up_on_card_site(card_site, s_login, mailbox, SARA)
    assert f"<dd>{SARA}</dd>" in card_site.get("/sv/profile").text
    _request_change(s_login)
    _confirm(s_login, mailbox.latest_code(NEW))
    profile = card_site.get("/sv/profile")
    assert profile.status_code == 200
    assert f"<dd>{NEW}</dd>" in profile.text
    assert SARA not in profile.text
