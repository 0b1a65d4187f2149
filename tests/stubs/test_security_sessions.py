"""Sessions of the sign-in service: cookie attributes, rotation at sign-in (no session
fixation), server-side sign-out, lifetimes that a replayed cookie cannot outlive, and a
retry after AUTH-4376 that starts a new authorization request instead of reusing the old."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlencode

import httpx
import pytest

from stub_services.signin.store import SESSION_TTL

from .identity_fakes import FakeSms
from .identity_flows import form_token, start_linking
from .support import (
    REDIRECT_URI,
    SIGNIN_URL,
    Mailbox,
    SetCookie,
    TestClient,
    authorize_params,
    query_of,
    request_id,
    set_cookies,
    sign_out,
    sign_up,
    submit_code,
    submit_email,
)

SARA = "sara.virtanen@example.com"
ELIAS = "elias.nieminen@example.com"
VERIFIER = "verifier-of-the-session-security-tests-with-plenty-of-entropy-0123"
TRANSACTION_COOKIES = {"__Host-login_tx", "__Host-phone_tx", "__Host-email_tx", "__Host-bank_tx"}
SESSION_COOKIES = {"__Host-sid", "__Host-login_sso"}


@pytest.fixture
def fresh_browser(signin: TestClient) -> Iterator[TestClient]:
    """Another browser of the same service, with an empty cookie jar."""
    with TestClient(signin.app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client


def _replay(browser: TestClient, token: str) -> None:
    """Put a session token into both session cookies, as a copied cookie would be."""
    browser.cookies.clear()
    for name in SESSION_COOKIES:
        browser.cookies.set(name, token, domain="login.s-ryhma.test")


def _what_the_token_opens(browser: TestClient, token: str) -> dict[str, bool]:
    """Every door a session opens: the home page, the account page, a client's sign-in
    and the silent check (prompt=none, which also reads __Host-login_sso)."""
    _replay(browser, token)
    home = "Inloggad som" in browser.get("/sv/").text
    account = browser.get("/sv/account").status_code == 200
    authorize = browser.get(f"/authorize?{authorize_params(VERIFIER)}")
    silent = browser.get(f"/authorize?{authorize_params(VERIFIER, prompt='none')}")
    return {
        "home": home,
        "account": account,
        "authorize": "code" in query_of(authorize.headers["location"]),
        "silent check": "code" in query_of(silent.headers["location"]),
    }


SIGNED_IN = {"home": True, "account": True, "authorize": True, "silent check": True}
SIGNED_OUT = {"home": False, "account": False, "authorize": False, "silent check": False}


# Cookie attributes -----------------------------------------------------------------------
def _assert_host_cookie(cookie: SetCookie) -> None:
    where = f"{cookie.name}: {cookie.attributes}"
    assert cookie.name.startswith("__Host-"), where
    assert cookie.has("secure"), where
    assert cookie.has("httponly"), where
    assert cookie.attributes.get("path") == "/", where
    assert not cookie.has("domain"), where
    # Only the silent check's copy of the session crosses sites (a shop's hidden iframe).
    same_site = "none" if cookie.name == "__Host-login_sso" else "lax"
    assert cookie.attributes.get("samesite", "").lower() == same_site, where


def test_every_cookie_the_sign_in_service_sets_is_a_host_cookie(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    seen: list[SetCookie] = []

    def collect(response: httpx.Response) -> None:
        seen.extend(set_cookies(response).values())

    s_login.event_hooks["response"].append(collect)
    sign_up(s_login, mailbox, SARA)  # login_tx, then sid and login_sso
    token = form_token(s_login, "/sv/account/phone")
    s_login.post("/sv/account/phone", data={"phone": "0401234567", "csrf_token": token})
    code = sms.latest_code("+358401234567")
    s_login.post("/sv/account/phone/confirm", data={"code": code, "csrf_token": token})
    s_login.post("/sv/account/email", data={"email": ELIAS, "csrf_token": token})
    start_linking(s_login)  # bank_tx
    sign_out(s_login, "/logout")  # clears sid and login_sso

    assert {c.name for c in seen} >= TRANSACTION_COOKIES | SESSION_COOKIES
    for cookie in seen:
        _assert_host_cookie(cookie)
        if cookie.attributes.get("max-age") == "0":
            continue  # a deletion, which must carry the same attributes to work
        if cookie.name in TRANSACTION_COOKIES:
            assert cookie.attributes.get("max-age") == "600", cookie
        if cookie.name in SESSION_COOKIES:
            assert len(cookie.value) >= 43, "a session token has at least 256 bits"


# Rotation at sign-in --------------------------------------------------------------------------
def test_a_session_token_planted_before_sign_in_is_not_the_one_signed_in(
    signin: TestClient, mailbox: Mailbox, fresh_browser: TestClient
) -> None:
    planted = "chosen-by-an-attacker-and-planted-in-saras-browser-000"
    _replay(signin, planted)
    issued = set_cookies(sign_up(signin, mailbox, SARA))
    assert issued["__Host-sid"].value != planted
    assert issued["__Host-login_sso"].value == issued["__Host-sid"].value
    assert _what_the_token_opens(fresh_browser, planted) == SIGNED_OUT
    assert _what_the_token_opens(fresh_browser, issued["__Host-sid"].value) == SIGNED_IN


def test_signing_in_over_someone_elses_session_starts_a_new_one_and_ends_that(
    signin: TestClient, mailbox: Mailbox, fresh_browser: TestClient
) -> None:
    elias = set_cookies(sign_up(fresh_browser, mailbox, ELIAS))["__Host-sid"].value
    sign_up(signin, mailbox, SARA)
    signin.cookies.clear()
    _replay(signin, elias)  # Elias's live session, planted in Sara's browser
    sent = submit_email(signin, SARA)
    done = submit_code(signin, mailbox.latest_code(SARA), request=request_id(sent))
    sara = set_cookies(done)["__Host-sid"].value
    assert sara != elias
    assert f"Inloggad som {SARA}" in signin.get("/sv/").text
    assert _what_the_token_opens(fresh_browser, elias) == SIGNED_OUT


# Sign-out ---------------------------------------------------------------------------------
def test_sign_out_ends_the_session_on_the_server_for_both_cookies(
    signin: TestClient, mailbox: Mailbox, fresh_browser: TestClient
) -> None:
    token = set_cookies(sign_up(signin, mailbox, SARA))["__Host-sid"].value
    assert _what_the_token_opens(fresh_browser, token) == SIGNED_IN
    _replay(signin, token)
    out = sign_out(signin, "/logout")
    cleared = set_cookies(out)
    assert {name for name, c in cleared.items() if c.attributes.get("max-age") == "0"} >= (
        SESSION_COOKIES
    )
    assert _what_the_token_opens(fresh_browser, token) == SIGNED_OUT


# Lifetimes --------------------------------------------------------------------------------
def test_a_session_cookie_replayed_after_its_lifetime_is_refused(
    signin: TestClient, mailbox: Mailbox, fresh_browser: TestClient
) -> None:
    token = set_cookies(sign_up(signin, mailbox, SARA))["__Host-sid"].value
    lifetime = SESSION_TTL.total_seconds()
    signin.post("/_control/clock/advance", json={"seconds": lifetime - 60})
    assert _what_the_token_opens(fresh_browser, token) == SIGNED_IN
    signin.post("/_control/clock/advance", json={"seconds": 61})
    assert _what_the_token_opens(fresh_browser, token) == SIGNED_OUT
    # Signing in again gives a new session that works.
    sent = submit_email(signin, SARA)
    done = submit_code(signin, mailbox.latest_code(SARA), request=request_id(sent))
    assert _what_the_token_opens(fresh_browser, set_cookies(done)["__Host-sid"].value) == (
        SIGNED_IN
    )


def test_a_transaction_cookie_replayed_after_its_lifetime_signs_in_nobody(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    signin.cookies.clear()
    sent = submit_email(signin, SARA)
    tx = set_cookies(sent)["__Host-login_tx"]
    assert tx.attributes.get("max-age") == "600"  # the browser drops it after ten minutes
    code = mailbox.latest_code(SARA)
    signin.post("/_control/clock/advance", json={"seconds": 601})
    signin.cookies.clear()
    signin.cookies.set("__Host-login_tx", tx.value, domain="login.s-ryhma.test")
    late = submit_code(signin, code, request=request_id(sent))
    assert late.status_code == 400
    assert "Koden har gått ut. Begär en ny kod." in late.text
    assert "__Host-sid" not in set_cookies(late)
    assert "Inloggad som" not in signin.get("/sv/").text


def test_the_silent_check_answers_login_required_without_a_live_session(
    signin: TestClient, fresh_browser: TestClient
) -> None:
    _replay(fresh_browser, "no-such-session-token-anywhere-0000000000000")
    silent = fresh_browser.get(f"/authorize?{authorize_params(VERIFIER, prompt='none')}")
    location = silent.headers["location"]
    assert location.startswith(f"{REDIRECT_URI}?")
    assert query_of(location)["error"] == "login_required"


# Trying again after AUTH-4376 ----------------------------------------------------------------
def _fail_with_auth_4376(signin: TestClient, rid: str, lang: str) -> str:
    """Submit an address in the flow `rid`, lose the cookie, enter a code; the retry link."""
    assert submit_email(signin, SARA, lang=lang, request=rid).status_code == 303
    signin.cookies.clear()  # the browser refused __Host-login_tx
    page = submit_code(signin, "1234", lang=lang, request=rid)
    assert page.status_code == 400
    assert "AUTH-4376" in page.text
    retry = re.search(r'<a href="([^"]+)">(?:Försök igen|Yritä uudelleen|Try again)</a>', page.text)
    assert retry, "the failure page has a try-again link"
    return retry.group(1).replace("&amp;", "&")


@pytest.mark.parametrize(
    ("path", "restart"),
    [
        ("/fi/login", "https://s-etukortti.test/fi/login"),
        ("/sv/login?create=1", "https://s-etukortti.test/sv/login?create=1"),
    ],
)
def test_try_again_restarts_the_sign_in_at_the_client(
    etukortti: TestClient, signin: TestClient, path: str, restart: str
) -> None:
    start = etukortti.get(path)
    old_state = query_of(start.headers["location"])["state"]
    old_rid = request_id(signin.get(start.headers["location"]))
    lang = path[1:3]
    retry = _fail_with_auth_4376(signin, old_rid, lang)
    assert retry == restart
    # The client makes a new authorization request: new state, new request at the service.
    again = etukortti.get(retry)
    assert again.status_code == 303
    assert query_of(again.headers["location"])["state"] != old_state
    new_rid = request_id(signin.get(again.headers["location"]))
    assert new_rid != old_rid


def test_try_again_restarts_at_a_shop_in_the_language_of_the_flow(signin: TestClient) -> None:
    params = authorize_params(
        VERIFIER, client_id="prisma", redirect_uri="https://prisma.test/callback", ui_locales="en"
    )
    rid = request_id(signin.get(f"/authorize?{params}"))
    assert _fail_with_auth_4376(signin, rid, "en") == "https://prisma.test/en/login"


def test_try_again_without_a_client_starts_again_at_the_sign_in_page(signin: TestClient) -> None:
    rid = request_id(submit_email(signin, SARA))  # a flow begun on the service itself
    assert _fail_with_auth_4376(signin, rid, "sv") == f"/sv/login?{urlencode({'request': rid})}"
