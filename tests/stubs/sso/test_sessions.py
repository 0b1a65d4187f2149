"""Single sign-on across the shops: clients, the silent check, session ids and the SSO cookie."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from stub_services.common.settings import Settings
from stub_services.common.tokens import digest
from stub_services.signin.app import create_app as create_signin
from stub_services.signin.context import registered_clients
from tests.stubs.identity_fakes import FakeBank, FakeRegister, FakeSms
from tests.stubs.identity_flows import VAINO, create_s_login, form_token, link_with_bank
from tests.stubs.support import (
    SIGNIN_URL,
    Mailbox,
    TestClient,
    authorization_code,
    query_of,
    request_id,
    set_cookies,
    sign_out,
    sign_up,
    submit_code,
    submit_email,
)

from .support import (
    ELIAS,
    SARA,
    SHOPS,
    VERIFIER,
    assert_sso_cookie,
    authorize,
    card_site_id_token,
    shop_id_token,
    silent,
    silent_code,
)


# Clients ------------------------------------------------------------------------------
def test_the_six_shops_are_clients_with_exact_uris(sso_settings: Settings) -> None:
    clients = registered_clients(sso_settings)
    for shop, url in SHOPS.items():
        client = clients[shop]
        assert client.secret == sso_settings.shop_secret(shop)
        assert client.redirect_uris == {f"{url}/callback", f"{url}/sso/callback"}
        assert client.post_logout_uris == {f"{url}/sv/", f"{url}/fi/", f"{url}/en/"}
        assert client.backchannel_logout_uri == f"{url}/backchannel-logout"
    card_site = clients["s-etukortti"]
    assert card_site.backchannel_logout_uri == "https://s-etukortti.test/backchannel-logout"
    assert set(clients) == {"s-etukortti", *SHOPS}
    assert len({c.secret for c in clients.values()}) == len(clients), "secrets must differ"


def test_a_shop_starts_sign_in_at_either_of_its_redirect_uris(login: TestClient) -> None:
    for path in ("/callback", "/sso/callback"):
        start = login.get(authorize("sokos", redirect_uri=f"https://sokos.test{path}"))
        assert start.status_code == 303
        assert start.headers["location"].startswith("/sv/login?request=")


# Silent check (prompt=none) ---------------------------------------------------------------
def test_silent_check_without_a_session_answers_login_required(login: TestClient) -> None:
    answer = silent(login, "prisma", state="check-1")
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("https://prisma.test/sso/callback?")
    assert query_of(location) == {"error": "login_required", "state": "check-1"}
    assert "set-cookie" not in answer.headers


def test_silent_check_with_a_session_gives_a_code_that_works(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    authorization_code(login, mailbox, SARA, VERIFIER)  # signed in at S-Etukortti
    claims = shop_id_token(login, sso_settings, "prisma", silent_code(login, "prisma"))
    assert claims["email"] == SARA
    assert claims["nonce"] == "nonce-of-prisma"
    assert claims["iss"] == SIGNIN_URL


def test_silent_check_works_with_only_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    """In a shop's iframe (third-party context) the browser sends only __Host-login_sso."""
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-login_sso"].value
    login.cookies.clear()
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert silent_code(login, "s-kaupat")


def test_only_the_silent_check_reads_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    """Pages keep SameSite=Lax's protection: the SameSite=None cookie alone is no session."""
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-login_sso"].value
    login.cookies.clear()
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert "Inloggad som" not in login.get("/sv/").text
    start = login.get(authorize("prisma"))
    assert start.headers["location"].startswith("/sv/login?request=")


def test_silent_check_with_a_blocked_sso_cookie_answers_login_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    """A browser that blocks third-party cookies sends neither cookie into the iframe."""
    sign_up(login, mailbox, SARA)
    login.cookies.clear()
    assert query_of(silent(login, "abc").headers["location"])["error"] == "login_required"


def test_silent_check_after_sign_out_answers_login_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-sid"].value
    sign_out(login, "/logout")
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert query_of(silent(login, "prisma").headers["location"])["error"] == "login_required"


def test_silent_check_with_outdated_terms_answers_interaction_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(login, mailbox, SARA)
    login.post("/_control/terms", json={"version": "2026-12"})
    answer = silent(login, "prisma", state="check-2")
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("https://prisma.test/sso/callback?")
    assert query_of(location) == {"error": "interaction_required", "state": "check-2"}


def test_prompt_none_cannot_be_combined(login: TestClient) -> None:
    answer = login.get(authorize("prisma", prompt="none create"))
    assert answer.status_code == 303
    assert query_of(answer.headers["location"])["error"] == "invalid_request"


# Session id ---------------------------------------------------------------------------
def test_id_tokens_carry_one_sid_per_session_across_clients(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    card_site = card_site_id_token(login, authorization_code(login, mailbox, SARA, VERIFIER))
    prisma = shop_id_token(login, sso_settings, "prisma", silent_code(login, "prisma"))
    cookie = login.cookies.get("__Host-sid", domain="login.s-ryhma.test")
    assert card_site["sid"] == prisma["sid"]
    assert len(card_site["sid"]) >= 22
    assert card_site["sid"] != cookie, "the sid must not reveal the session cookie"
    assert card_site["sub"] == prisma["sub"]


def test_a_new_sign_in_has_a_new_sid(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    sign_up(login, mailbox, SARA)
    first = shop_id_token(login, sso_settings, "prisma", silent_code(login, "prisma"))
    sent = submit_email(login, SARA)
    submit_code(login, mailbox.latest_code(SARA), request=request_id(sent))
    second = shop_id_token(login, sso_settings, "prisma", silent_code(login, "prisma"))
    assert first["sid"] != second["sid"]


def test_sessions_from_an_older_state_file_keep_working(
    sso_settings: Settings, mailbox: Mailbox
) -> None:
    """A state file written before sids existed gains the columns; its sessions get a sid."""
    path = sso_settings.state_dir / "signin.sqlite3"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(
            """
            CREATE TABLE accounts (email TEXT PRIMARY KEY, sub TEXT NOT NULL UNIQUE,
                locale TEXT NOT NULL, created_at TEXT NOT NULL);
            CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, email TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE auth_codes (code_hash TEXT PRIMARY KEY, client_id TEXT NOT NULL,
                redirect_uri TEXT NOT NULL, nonce TEXT, code_challenge TEXT NOT NULL,
                email TEXT NOT NULL, issued_at TEXT NOT NULL, used INTEGER NOT NULL DEFAULT 0);
            """
        )
        conn.execute(
            "INSERT INTO accounts VALUES (?, 'sub-of-sara', 'sv', '2026-01-05T10:00:00+00:00')",
            (SARA,),
        )
        token = "an-old-session-token-from-before-sids-existed-000000"
        # Signed in just now: sessions end 12 hours after sign-in.
        conn.execute(
            "INSERT INTO sessions VALUES (?, ?, ?)",
            (digest(token), SARA, datetime.now(UTC).isoformat()),
        )
    app = create_signin(sso_settings, mailer=mailbox.send)
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        client.cookies.set("__Host-sid", token, domain="login.s-ryhma.test")
        assert f"Inloggad som {SARA}" in client.get("/sv/").text
        claims = shop_id_token(client, sso_settings, "abc", silent_code(client, "abc"))
        assert claims["sub"] == "sub-of-sara"
        assert claims["sid"]


# The SSO cookie -----------------------------------------------------------------------
def test_email_code_sign_in_sets_the_sso_cookie_with_the_session_token(
    login: TestClient, mailbox: Mailbox
) -> None:
    cookies = set_cookies(sign_up(login, mailbox, SARA))
    assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value
    assert cookies["__Host-sid"].attributes["samesite"].lower() == "lax"


def test_text_message_sign_in_sets_the_sso_cookie(
    login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    sign_up(login, mailbox, SARA)
    token = form_token(login, "/sv/account/phone")
    login.post("/sv/account/phone", data={"phone": "040 123 4567", "csrf_token": token})
    code = sms.latest_code("+358401234567")
    login.post("/sv/account/phone/confirm", data={"code": code, "csrf_token": token})
    login.cookies.clear()
    sent = login.post("/sv/login/sms", data={"phone": "040 123 4567", "request": ""})
    rid = query_of(sent.headers["location"])["request"]
    done = login.post(
        "/sv/login/code",
        data={"code": sms.latest_code("+358401234567"), "request": rid, "via": "sms"},
    )
    cookies = set_cookies(done)
    assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value


def test_bank_code_sign_in_sets_the_sso_cookie(
    login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(login, mailbox, SARA)
    link_with_bank(login, bank, VAINO, request=rid)
    login.cookies.clear()
    started = login.get("/sv/login/bank")
    callback = login.get(bank.approve(started.headers["location"], VAINO))
    cookies = set_cookies(callback)
    assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value


def test_account_creation_sets_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    _, created = create_s_login(login, mailbox, ELIAS)
    cookies = set_cookies(created)
    assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value


def test_sign_out_clears_both_cookies_with_their_attributes(
    login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(login, mailbox, SARA)
    out = set_cookies(sign_out(login, "/logout?ui_locales=sv"))
    sso = out["__Host-login_sso"]
    assert_sso_cookie(sso)
    assert sso.attributes.get("max-age") == "0"
    assert not sso.value.strip('"')
    assert out["__Host-sid"].attributes.get("max-age") == "0"
    assert out["__Host-sid"].attributes["samesite"].lower() == "lax"
