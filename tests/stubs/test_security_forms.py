"""Forms and pages of the sign-in service: every state-changing POST refuses cross-site
requests (and signed-in forms need their session-bound token), input is echoed only as
text, and every route answers with the strict security headers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from stub_services.common.settings import Settings
from stub_services.signin.context import registered_clients

from .identity_fakes import FakeSms
from .identity_flows import form_token
from .support import Mailbox, TestClient, sign_up

SARA = "sara.virtanen@example.com"
ELIAS = "elias.nieminen@example.com"
FORBIDDEN = {
    "sv": "Formuläret kunde inte tas emot",
    "fi": "Lomaketta ei voitu vastaanottaa",
    "en": "The form could not be accepted",
}

# Form data that would change something if the route accepted it. A new POST route must be
# added here, which is the moment to decide how it is protected.
FORMS: dict[str, dict[str, str]] = {
    "/{lang}/login/email": {"email": ELIAS, "intent": "login", "request": ""},
    "/{lang}/login/code": {"code": "1234", "request": ""},
    "/{lang}/login/sms": {"phone": "0401234567", "request": ""},
    "/{lang}/account/phone": {"phone": "0401234567"},
    "/{lang}/account/phone/confirm": {"code": "1234"},
    "/{lang}/account/email": {"email": ELIAS},
    "/{lang}/account/email/confirm": {"code": "1234"},
    "/{lang}/link-card": {"kind": "person"},
    "/{lang}/terms": {"accept": "yes", "request": ""},
}
# Before sign-in there is no session to bind a token to; these rely on the origin check and
# (for the code) on the SameSite=Lax transaction cookie.
BEFORE_SIGN_IN = {"/{lang}/login/email", "/{lang}/login/code", "/{lang}/login/sms"}
SIGNED_IN_FORMS = sorted(set(FORMS) - BEFORE_SIGN_IN)
# The page each signed-in form is shown on (where a browser reads its token).
FORM_PAGES = {
    "/{lang}/account/phone": "/sv/account/phone",
    "/{lang}/account/phone/confirm": "/sv/account/phone/confirm",
    "/{lang}/account/email": "/sv/account/email",
    "/{lang}/account/email/confirm": "/sv/account/email/confirm",
    "/{lang}/link-card": "/sv/link-card",
    "/{lang}/terms": "/sv/terms",
}
CROSS_SITE = {
    "another origin": {"Origin": "https://evil.test"},
    "opaque origin": {"Origin": "null"},
    "fetch metadata only": {"Sec-Fetch-Site": "cross-site"},
    "both": {"Origin": "https://evil.test", "Sec-Fetch-Site": "cross-site"},
    "a sibling site": {"Origin": "https://www.s-ryhma.test", "Sec-Fetch-Site": "same-site"},
}
SAME_ORIGIN = {"Origin": "https://login.s-ryhma.test", "Sec-Fetch-Site": "same-origin"}
# What Chromium sends for a form on these pages: their Referrer-Policy is no-referrer, so
# the Origin of a same-origin POST is serialised as "null"; fetch metadata tells the truth.
SAME_ORIGIN_NO_REFERRER = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
# Sample values for path parameters of GET routes; a route with another parameter fails the
# header test until it gets one here.
PATH_SAMPLES = {"lang": "sv", "document": "user-terms"}


def _api_routes(routes: Iterable[BaseRoute]) -> Iterator[APIRoute]:
    """Every route, also inside included routers (which FastAPI keeps as their own entries
    holding the router, `original_router`, since 0.16x)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _api_routes(included.routes)


def _routes(app: ASGIApp, method: str) -> list[str]:
    assert isinstance(app, FastAPI)
    return sorted(
        {route.path for route in _api_routes(app.routes) if method in (route.methods or set())}
    )


def _state_changing_posts(app: ASGIApp) -> list[str]:
    """Every POST but the OIDC endpoints (token and userinfo are server to server; a client's
    page may post an authorization request, which changes nothing until the user signs in,
    or a logout request, which needs a valid id_token_hint or the confirmation form's
    token: tests/stubs/test_rp_logout.py) and the test control API."""
    oidc = {"/token", "/userinfo", "/authorize", "/logout"}
    return [p for p in _routes(app, "POST") if p not in oidc and not p.startswith("/_control/")]


def test_every_state_changing_post_is_covered_here(s_login: TestClient) -> None:
    assert _state_changing_posts(s_login.app) == sorted(FORMS)


class World:
    """What a refused request must leave untouched: mail, text messages, events."""

    def __init__(self, client: TestClient, mailbox: Mailbox, sms: FakeSms) -> None:
        self.client, self.mailbox, self.sms = client, mailbox, sms

    def snapshot(self) -> tuple[int, int, list[str]]:
        events = [e["type"] for e in self.client.get("/_control/events").json()]
        return len(self.mailbox.messages), len(self.sms.messages), events


def _assert_refused_and_nothing_changed(
    page: httpx.Response, world: World, before: tuple[int, int, list[str]], lang: str = "sv"
) -> None:
    assert page.status_code == 403, page.text[:400]
    assert f"<h1>{FORBIDDEN[lang]}</h1>" in page.text
    assert "location" not in page.headers
    mails, texts, events = world.snapshot()
    assert (mails, texts) == before[:2], "a refused form sent something"
    assert events == [*before[2], "csrf_refused"], events[len(before[2]) :]


# Cross-site POSTs -------------------------------------------------------------------------
@pytest.mark.parametrize("headers", CROSS_SITE.values(), ids=CROSS_SITE.keys())
@pytest.mark.parametrize("route", sorted(FORMS))
def test_a_cross_site_post_is_refused_with_a_403_page(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms, route: str, headers: dict[str, str]
) -> None:
    sign_up(s_login, mailbox, SARA)  # a signed-in victim: her cookies go along
    path = route.format(lang="sv")
    data = dict(FORMS[route])
    if route in FORM_PAGES:
        data["csrf_token"] = form_token(s_login, FORM_PAGES[route])  # even with a token
    world = World(s_login, mailbox, sms)
    before = world.snapshot()
    page = s_login.post(path, data=data, headers=headers)
    _assert_refused_and_nothing_changed(page, world, before)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_refusal_is_in_the_language_of_the_page(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms, lang: str
) -> None:
    world = World(s_login, mailbox, sms)
    before = world.snapshot()
    page = s_login.post(
        f"/{lang}/login/email", data=FORMS["/{lang}/login/email"], headers=CROSS_SITE["both"]
    )
    _assert_refused_and_nothing_changed(page, world, before, lang)
    assert f'<html lang="{lang}">' in page.text
    assert f'<a href="/{lang}/">' in page.text


def test_the_same_origin_and_clients_without_browser_headers_are_let_through(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sent = s_login.post("/sv/login/email", data=FORMS["/{lang}/login/email"], headers=SAME_ORIGIN)
    assert sent.status_code == 303
    own_form = s_login.post(
        "/sv/login/email", data=FORMS["/{lang}/login/email"], headers=SAME_ORIGIN_NO_REFERRER
    )
    assert own_form.status_code == 303
    sign_up(s_login, mailbox, SARA)  # no Origin at all: the harness's own HTTP client
    token = form_token(s_login, "/sv/account/email")
    changed = s_login.post(
        "/sv/account/email", data={"email": ELIAS, "csrf_token": token}, headers=SAME_ORIGIN
    )
    assert changed.status_code == 303
    assert changed.headers["location"] == "/sv/account/email/confirm"


# The session-bound token of signed-in forms ------------------------------------------------
@pytest.mark.parametrize("token", ["missing", "forged", "another session's"])
@pytest.mark.parametrize("route", SIGNED_IN_FORMS)
def test_a_signed_in_form_without_its_own_token_is_refused(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms, route: str, token: str
) -> None:
    """No Origin header here: a browser or proxy that strips it is covered by the token."""
    sign_up(s_login, mailbox, ELIAS)
    elias_token = form_token(s_login, FORM_PAGES[route])
    s_login.cookies.clear()
    sign_up(s_login, mailbox, SARA)
    data = dict(FORMS[route])
    if token == "forged":
        data["csrf_token"] = "0" * 64
    elif token == "another session's":
        data["csrf_token"] = elias_token
    world = World(s_login, mailbox, sms)
    before = world.snapshot()
    page = s_login.post(route.format(lang="sv"), data=data)
    _assert_refused_and_nothing_changed(page, world, before)
    retry = re.search(r'<a href="([^"]+)">Försök igen</a>', page.text)
    assert retry, "the refusal links back to the form"
    assert s_login.get(retry.group(1).replace("&amp;", "&")).status_code in {200, 303}


def test_the_token_is_in_every_signed_in_form(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    s_login.post("/_control/terms", json={"version": "2099-01"})  # so the terms form shows
    tokens = {route: form_token(s_login, page) for route, page in FORM_PAGES.items()}
    assert all(tokens.values()), tokens
    assert len(set(tokens.values())) == 1, "one token a session"


# Output escaping ---------------------------------------------------------------------------
PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']


def _assert_shown_as_text(page: httpx.Response, payload: str) -> None:
    assert payload not in page.text
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped.replace('"', "&#34;") in page.text, "the input is shown back as text"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_input_is_shown_back_as_text(
    s_login: TestClient, mailbox: Mailbox, payload: str
) -> None:
    refused = [
        s_login.post("/sv/login/email", data={"email": payload, "request": ""}),
        s_login.post("/sv/login/sms", data={"phone": payload, "request": ""}),
    ]
    sign_up(s_login, mailbox, SARA)
    token = form_token(s_login, "/sv/account/phone")
    refused += [
        s_login.post("/sv/account/phone", data={"phone": payload, "csrf_token": token}),
        s_login.post("/sv/account/email", data={"email": payload, "csrf_token": token}),
        s_login.post(
            "/sv/link-card",
            data={"kind": "business", "business_id": payload, "csrf_token": token},
        ),
    ]
    for page in refused:
        assert page.status_code == 422, page.request.url
        _assert_shown_as_text(page, payload)


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize(
    "path",
    ["/sv/login", "/sv/register", "/sv/login/code", "/sv/login/sms", "/sv/terms/user-terms"],
)
def test_request_ids_in_links_and_hidden_fields_are_escaped(
    signin: TestClient, path: str, payload: str
) -> None:
    page = signin.get(path, params={"request": payload})
    assert page.status_code == 200
    assert payload not in page.text
    assert "<script>alert" not in page.text
    assert "<img src=x" not in page.text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_failure_page_escapes_the_request_id(signin: TestClient, payload: str) -> None:
    page = signin.post("/sv/login/code", data={"code": "1234", "request": payload})
    assert page.status_code == 400
    assert "felkod: AUTH-4376" in page.text
    assert payload not in page.text
    assert "<img src=x" not in page.text


def test_an_address_with_markup_characters_is_shown_as_text(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    address = "sara&o'neil@example.com"  # valid: & and ' are allowed in the local part
    sign_up(s_login, mailbox, address)
    escaped = "sara&amp;o&#39;neil@example.com"
    for path in ("/sv/", "/sv/account"):
        page = s_login.get(path)
        assert escaped in page.text, path
        assert address not in page.text, path


# Security headers ------------------------------------------------------------------------
def _csp(response: httpx.Response) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in response.headers["content-security-policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _assert_strict_headers(response: httpx.Response) -> None:
    where = f"{response.request.method} {response.request.url.path} ({response.status_code})"
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"], where
    assert csp["frame-ancestors"] == ["'none'"], where
    assert csp["base-uri"] == ["'none'"], where
    assert csp["object-src"] == ["'none'"], where
    assert csp["form-action"][0] == "'self'", where
    assert all(re.fullmatch(r"https://[a-z0-9.-]+", s) for s in csp["form-action"][1:]), where
    assert "unsafe" not in response.headers["content-security-policy"], where
    assert response.headers["referrer-policy"] == "no-referrer", where
    assert response.headers["x-content-type-options"] == "nosniff", where
    assert response.headers["x-frame-options"] == "DENY", where
    assert "no-store" in response.headers["cache-control"], where


def _concrete(path: str) -> str:
    names = re.findall(r"{(\w+)}", path)
    missing = [name for name in names if name not in PATH_SAMPLES]
    assert not missing, f"{path}: add a sample value for {missing} to PATH_SAMPLES"
    return path.format(**{name: PATH_SAMPLES[name] for name in names})


def test_every_get_route_answers_with_the_strict_headers(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    # Signing out last, so the signed-in round sees the signed-in pages.
    paths = sorted((_concrete(path) for path in _routes(s_login.app, "GET")), key="/logout".__eq__)
    assert "/sv/login" in paths
    pages: dict[bool, set[str]] = {False: set(), True: set()}
    for signed_in in (False, True):
        if signed_in:
            sign_up(s_login, mailbox, SARA)
            s_login.post("/_control/terms", json={"version": "2099-01"})  # the terms form too
        for path in paths:
            response = s_login.get(path)
            _assert_strict_headers(response)
            if response.headers.get("content-type", "").startswith("text/html"):
                pages[signed_in].add(path)
    assert {"/sv/account", "/sv/account/email", "/sv/link-card", "/sv/terms"} <= pages[True]


def test_refusals_and_re_rendered_forms_have_the_strict_headers_too(signin: TestClient) -> None:
    _assert_strict_headers(signin.post("/sv/login/email", data={"email": "x"}))
    cross_site = signin.post("/sv/login/email", data={"email": SARA}, headers=CROSS_SITE["both"])
    assert cross_site.status_code == 403
    _assert_strict_headers(cross_site)
    _assert_strict_headers(signin.post("/sv/login/code", data={"code": "1234"}))


def test_forms_may_end_at_every_registered_client_and_nowhere_else(
    signin: TestClient, settings: Settings
) -> None:
    """form-action also applies to the redirects after a form: the code, terms and
    card-linking forms end at the client's redirect URI or return page."""
    allowed = set(_csp(signin.get("/sv/login"))["form-action"])
    ends = {
        f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
        for client in registered_clients(settings).values()
        for url in (*client.redirect_uris, *client.return_urls)
    }
    ends |= {settings.bank_public_url}
    assert ends <= allowed, sorted(ends - allowed)
    assert allowed - ends == {"'self'", settings.signin_public_url}


# Forged secrets with non-ASCII characters -----------------------------------------------------
# hmac.compare_digest raises on str with non-ASCII; each is a clear refusal, never a 500.
def test_a_non_ascii_form_token_is_refused_with_the_403_page(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    page = s_login.post("/sv/account/email", data={"email": ELIAS, "csrf_token": "tökenå"})
    assert page.status_code == 403
    assert f"<h1>{FORBIDDEN['sv']}</h1>" in page.text


def test_a_non_ascii_client_secret_is_an_invalid_client(signin: TestClient) -> None:
    refused = signin.post(
        "/token",
        data={"grant_type": "authorization_code", "client_id": "s-etukortti", "client_secret": "å"},
    )
    assert (refused.status_code, refused.json()["error"]) == (401, "invalid_client")


def test_a_non_ascii_state_from_the_bank_is_refused(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    token = form_token(s_login, "/sv/link-card")
    started = s_login.post("/sv/link-card", data={"kind": "person", "csrf_token": token})
    assert started.status_code == 303
    page = s_login.get("/bank/callback", params={"code": "x", "state": "stätë"})
    assert page.status_code == 400
