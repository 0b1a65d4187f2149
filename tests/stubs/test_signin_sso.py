"""Single sign-on across the group's sites: shop clients, the silent check (prompt=none),
the session id `sid`, the __Host-login_sso cookie and back-channel sign-out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlencode

import httpx
import jwt
import pytest

from stub_services.common.logout_token import LogoutClaims, verify_logout_token
from stub_services.common.settings import Settings
from stub_services.common.tokens import digest
from stub_services.signin.app import create_app as create_signin
from stub_services.signin.context import registered_clients

from .identity_fakes import FakeBank, FakeRegister, FakeSms
from .identity_flows import VAINO, create_s_login, form_token, link_with_bank
from .support import (
    SIGNIN_URL,
    TEST_SECRET,
    Mailbox,
    SetCookie,
    TestClient,
    authorization_code,
    exchange,
    pkce_challenge,
    query_of,
    request_id,
    set_cookies,
    sign_up,
    submit_code,
    submit_email,
)

SARA = "sara.virtanen@example.com"
ELIAS = "elias.nieminen@example.com"
VERIFIER = "verifier-of-the-sso-tests-with-plenty-of-entropy-0123456789abcdef"
SHOPS_INTERNAL = "https://127.0.0.1:8443"
ETUKORTTI_INTERNAL = "https://127.0.0.1:8444"
SHOPS = {
    "prisma": "https://prisma.test",
    "sokos": "https://sokos.test",
    "sokoshotels": "https://sokoshotels.test",
    "yhteishyva": "https://xn--yhteishyv-32a.test",
    "s-kaupat": "https://s-kaupat.test",
    "abc": "https://abc.test",
}


@dataclass
class RelyingParties:
    """Stands in for the clients' back-channel endpoints; records what reaches them.

    `refusing` hosts refuse the connection, `failing` hosts answer 500."""

    received: list[httpx.Request] = field(default_factory=list)
    refusing: set[str] = field(default_factory=set)
    failing: set[str] = field(default_factory=set)

    def handle(self, request: httpx.Request) -> httpx.Response:
        host = request.headers["host"]
        if host in self.refusing:
            raise httpx.ConnectError("connection refused", request=request)
        self.received.append(request)
        return httpx.Response(500 if host in self.failing else 200)

    def tokens(self) -> dict[str, str]:
        """The logout token each Host received."""
        out = {}
        for request in self.received:
            form = parse_qs(request.content.decode())
            out[request.headers["host"]] = form["logout_token"][0]
        return out


@pytest.fixture
def sso_settings(settings: Settings) -> Settings:
    return replace(
        settings, shops_internal_url=SHOPS_INTERNAL, etukortti_internal_url=ETUKORTTI_INTERNAL
    )


@pytest.fixture
def rps() -> RelyingParties:
    return RelyingParties()


@pytest.fixture
def login(
    sso_settings: Settings,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    sms: FakeSms,
    rps: RelyingParties,
) -> Iterator[TestClient]:
    backchannel = httpx.Client(transport=httpx.MockTransport(rps.handle))
    app = create_signin(
        sso_settings,
        mailer=mailbox.send,
        bank=bank,
        register=register,
        sms=sms,
        backchannel=backchannel,
    )
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:
        yield client


def _authorize(shop: str, state: str = "state-of-the-shop", **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": shop,
        "redirect_uri": f"{SHOPS[shop]}/sso/callback",
        "state": state,
        "nonce": f"nonce-of-{shop}",
        "code_challenge": pkce_challenge(VERIFIER),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
        **extra,
    }
    return f"/authorize?{urlencode(params)}"


def _silent(client: TestClient, shop: str, state: str = "state-of-the-shop") -> httpx.Response:
    response: httpx.Response = client.get(_authorize(shop, state, prompt="none"))
    return response


def _shop_id_token(client: TestClient, settings: Settings, shop: str, code: str) -> dict[str, str]:
    tokens = client.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": f"{SHOPS[shop]}/sso/callback",
            "client_id": shop,
            "client_secret": settings.shop_secret(shop),
            "code_verifier": VERIFIER,
        },
    )
    assert tokens.status_code == 200, tokens.text
    claims: dict[str, str] = jwt.decode(
        tokens.json()["id_token"], settings.shop_secret(shop), algorithms=["HS256"], audience=shop
    )
    return claims


def _card_site_id_token(client: TestClient, code: str) -> dict[str, str]:
    tokens = exchange(client, code, VERIFIER)
    assert tokens.status_code == 200, tokens.text
    claims: dict[str, str] = jwt.decode(
        tokens.json()["id_token"], TEST_SECRET, algorithms=["HS256"], audience="s-etukortti"
    )
    return claims


def _silent_code(client: TestClient, shop: str) -> str:
    answer = _silent(client, shop)
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]
    assert location.startswith(f"{SHOPS[shop]}/sso/callback?"), location
    query = query_of(location)
    assert query["state"] == "state-of-the-shop"
    return query["code"]


def _types(client: TestClient, email: str) -> list[str]:
    return [str(e["type"]) for e in client.get(f"/_control/events?email={email}").json()]


def _events(client: TestClient, email: str, kind: str) -> list[dict[str, str]]:
    events = client.get(f"/_control/events?email={email}").json()
    return [e["detail"] for e in events if e["type"] == kind]


def _assert_sso_cookie(cookie: SetCookie) -> None:
    assert cookie.has("secure")
    assert cookie.has("httponly")
    assert cookie.attributes.get("samesite", "").lower() == "none"
    assert cookie.attributes.get("path") == "/"
    assert "domain" not in cookie.attributes


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
        start = login.get(_authorize("sokos", redirect_uri=f"https://sokos.test{path}"))
        assert start.status_code == 303
        assert start.headers["location"].startswith("/sv/login?request=")


# Silent check (prompt=none) ---------------------------------------------------------------
def test_silent_check_without_a_session_answers_login_required(login: TestClient) -> None:
    answer = _silent(login, "prisma", state="check-1")
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("https://prisma.test/sso/callback?")
    assert query_of(location) == {"error": "login_required", "state": "check-1"}
    assert "set-cookie" not in answer.headers


def test_silent_check_with_a_session_gives_a_code_that_works(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    authorization_code(login, mailbox, SARA, VERIFIER)  # signed in at S-Etukortti
    claims = _shop_id_token(login, sso_settings, "prisma", _silent_code(login, "prisma"))
    assert claims["email"] == SARA
    assert claims["nonce"] == "nonce-of-prisma"
    assert claims["iss"] == SIGNIN_URL


def test_silent_check_works_with_only_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    """In a shop's iframe (third-party context) the browser sends only __Host-login_sso."""
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-login_sso"].value
    login.cookies.clear()
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert _silent_code(login, "s-kaupat")


def test_only_the_silent_check_reads_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    """Pages keep SameSite=Lax's protection: the SameSite=None cookie alone is no session."""
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-login_sso"].value
    login.cookies.clear()
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert "Inloggad som" not in login.get("/sv/").text
    start = login.get(_authorize("prisma"))
    assert start.headers["location"].startswith("/sv/login?request=")


def test_silent_check_with_a_blocked_sso_cookie_answers_login_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    """A browser that blocks third-party cookies sends neither cookie into the iframe."""
    sign_up(login, mailbox, SARA)
    login.cookies.clear()
    assert query_of(_silent(login, "abc").headers["location"])["error"] == "login_required"


def test_silent_check_after_sign_out_answers_login_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    token = set_cookies(sign_up(login, mailbox, SARA))["__Host-sid"].value
    login.get("/logout")
    login.cookies.set("__Host-login_sso", token, domain="login.s-ryhma.test")
    assert query_of(_silent(login, "prisma").headers["location"])["error"] == "login_required"


def test_silent_check_with_outdated_terms_answers_interaction_required(
    login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(login, mailbox, SARA)
    login.post("/_control/terms", json={"version": "2026-12"})
    answer = _silent(login, "prisma", state="check-2")
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("https://prisma.test/sso/callback?")
    assert query_of(location) == {"error": "interaction_required", "state": "check-2"}


def test_prompt_none_cannot_be_combined(login: TestClient) -> None:
    answer = login.get(_authorize("prisma", prompt="none create"))
    assert answer.status_code == 303
    assert query_of(answer.headers["location"])["error"] == "invalid_request"


# Session id ---------------------------------------------------------------------------
def test_id_tokens_carry_one_sid_per_session_across_clients(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    card_site = _card_site_id_token(login, authorization_code(login, mailbox, SARA, VERIFIER))
    prisma = _shop_id_token(login, sso_settings, "prisma", _silent_code(login, "prisma"))
    cookie = login.cookies.get("__Host-sid", domain="login.s-ryhma.test")
    assert card_site["sid"] == prisma["sid"]
    assert len(card_site["sid"]) >= 22
    assert card_site["sid"] != cookie, "the sid must not reveal the session cookie"
    assert card_site["sub"] == prisma["sub"]


def test_a_new_sign_in_has_a_new_sid(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> None:
    sign_up(login, mailbox, SARA)
    first = _shop_id_token(login, sso_settings, "prisma", _silent_code(login, "prisma"))
    sent = submit_email(login, SARA)
    submit_code(login, mailbox.latest_code(SARA), request=request_id(sent))
    second = _shop_id_token(login, sso_settings, "prisma", _silent_code(login, "prisma"))
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
        claims = _shop_id_token(client, sso_settings, "abc", _silent_code(client, "abc"))
        assert claims["sub"] == "sub-of-sara"
        assert claims["sid"]


# The SSO cookie -----------------------------------------------------------------------
def test_email_code_sign_in_sets_the_sso_cookie_with_the_session_token(
    login: TestClient, mailbox: Mailbox
) -> None:
    cookies = set_cookies(sign_up(login, mailbox, SARA))
    _assert_sso_cookie(cookies["__Host-login_sso"])
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
    _assert_sso_cookie(cookies["__Host-login_sso"])
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
    _assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value


def test_account_creation_sets_the_sso_cookie(login: TestClient, mailbox: Mailbox) -> None:
    _, created = create_s_login(login, mailbox, ELIAS)
    cookies = set_cookies(created)
    _assert_sso_cookie(cookies["__Host-login_sso"])
    assert cookies["__Host-login_sso"].value == cookies["__Host-sid"].value


def test_sign_out_clears_both_cookies_with_their_attributes(
    login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(login, mailbox, SARA)
    out = set_cookies(login.get("/logout?ui_locales=sv"))
    sso = out["__Host-login_sso"]
    _assert_sso_cookie(sso)
    assert sso.attributes.get("max-age") == "0"
    assert not sso.value.strip('"')
    assert out["__Host-sid"].attributes.get("max-age") == "0"
    assert out["__Host-sid"].attributes["samesite"].lower() == "lax"


# Back-channel sign-out -------------------------------------------------------------------
def _signed_in_at_card_site_prisma_and_sokos(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> dict[str, str]:
    """Sara signs in at S-Etukortti; Prisma and Sokos sign her in silently. Returns the ID
    token claims of the card site."""
    claims = _card_site_id_token(login, authorization_code(login, mailbox, SARA, VERIFIER))
    for shop in ("prisma", "sokos"):
        _shop_id_token(login, sso_settings, shop, _silent_code(login, shop))
    return claims


def test_sign_out_sends_a_logout_token_to_each_client_of_the_session(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    claims = _signed_in_at_card_site_prisma_and_sokos(login, mailbox, sso_settings)
    out = login.get("/logout?client_id=prisma&post_logout_redirect_uri=https://prisma.test/sv/")
    assert out.headers["location"] == "https://prisma.test/sv/"
    urls = sorted(str(r.url) for r in rps.received)
    assert urls == [
        f"{SHOPS_INTERNAL}/backchannel-logout",
        f"{SHOPS_INTERNAL}/backchannel-logout",
        f"{ETUKORTTI_INTERNAL}/backchannel-logout",
    ]
    tokens = rps.tokens()
    assert set(tokens) == {"prisma.test", "sokos.test", "127.0.0.1:8444"}
    for host, client_id, secret in (
        ("prisma.test", "prisma", sso_settings.shop_secret("prisma")),
        ("sokos.test", "sokos", sso_settings.shop_secret("sokos")),
        ("127.0.0.1:8444", "s-etukortti", TEST_SECRET),
    ):
        verified = verify_logout_token(tokens[host], SIGNIN_URL, client_id, secret)
        assert verified == LogoutClaims(sub=claims["sub"], sid=claims["sid"])
    for request in rps.received:
        assert request.extensions["timeout"] == dict.fromkeys(
            ("connect", "read", "write", "pool"), 3.0
        ), "each client gets three seconds"
        assert request.method == "POST"
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    sent = sorted(e["client_id"] for e in _events(login, SARA, "backchannel_sent"))
    assert sent == ["prisma", "s-etukortti", "sokos"]
    assert "backchannel_failed" not in _types(login, SARA)


def test_only_clients_that_got_a_code_in_that_session_are_told(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    sign_up(login, mailbox, SARA)
    _silent_code(login, "abc")  # a code is a code, exchanged or not
    other_browser = login.cookies.get("__Host-sid", domain="login.s-ryhma.test")
    login.cookies.clear()
    sent = submit_email(login, SARA)
    submit_code(login, mailbox.latest_code(SARA), request=request_id(sent))
    _silent_code(login, "sokoshotels")
    login.get("/logout")
    assert [r.headers["host"] for r in rps.received] == ["sokoshotels.test"]
    # The other browser's session lives on, and is told about only when it ends.
    login.cookies.clear()
    login.cookies.set("__Host-sid", str(other_browser), domain="login.s-ryhma.test")
    assert f"Inloggad som {SARA}" in login.get("/sv/").text
    login.get("/logout")
    assert [r.headers["host"] for r in rps.received] == ["sokoshotels.test", "abc.test"]


def test_sign_out_without_clients_sends_nothing(
    login: TestClient, mailbox: Mailbox, rps: RelyingParties
) -> None:
    sign_up(login, mailbox, SARA)
    login.get("/logout")
    assert rps.received == []
    login.get("/logout")  # no session any more: nothing to tell
    assert rps.received == []


def test_a_failing_client_does_not_stop_the_sign_out(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    _signed_in_at_card_site_prisma_and_sokos(login, mailbox, sso_settings)
    rps.refusing.add("prisma.test")
    rps.failing.add("sokos.test")
    out = login.get(
        "/logout?client_id=s-etukortti&post_logout_redirect_uri=https://s-etukortti.test/fi/"
    )
    assert out.status_code == 303
    assert out.headers["location"] == "https://s-etukortti.test/fi/"
    assert set_cookies(out)["__Host-sid"].attributes.get("max-age") == "0"
    assert "Inloggad som" not in login.get("/sv/").text
    failed = {e["client_id"]: e["error"] for e in _events(login, SARA, "backchannel_failed")}
    assert set(failed) == {"prisma", "sokos"}
    assert "ConnectError" in failed["prisma"]
    assert failed["sokos"] == "HTTP 500"
    sent = [e["client_id"] for e in _events(login, SARA, "backchannel_sent")]
    assert sent == ["s-etukortti"]
    assert _types(login, SARA).index("signed_out") < _types(login, SARA).index("backchannel_failed")


def test_the_default_client_records_an_unreachable_shop_as_failed(
    sso_settings: Settings, mailbox: Mailbox
) -> None:
    """Without an injected client the service uses a real HTTPS client; here the shops'
    internal address refuses connections, and the sign-out goes on regardless."""
    settings = replace(sso_settings, shops_internal_url="https://127.0.0.1:9")
    with TestClient(
        create_signin(settings, mailer=mailbox.send), base_url=SIGNIN_URL, follow_redirects=False
    ) as client:
        sign_up(client, mailbox, SARA)
        _silent_code(client, "prisma")
        out = client.get(
            "/logout?client_id=prisma&post_logout_redirect_uri=https://prisma.test/en/"
        )
        assert out.headers["location"] == "https://prisma.test/en/"
        failed = _events(client, SARA, "backchannel_failed")
        assert [e["client_id"] for e in failed] == ["prisma"]
