"""Fuzzing every stub's OpenAPI schema with schemathesis: no server error (5xx) and no schema
violation, for every operation (control API and HTML forms included), called by browsers
in each state the stub knows: anonymous, half-way through signing in, and signed in (the
server APIs: with and without their bearer token).

Each stub runs in-process on a fresh state folder with the fakes its own tests use, so no
request leaves the process. The apps serve no OpenAPI route (`openapi_url=None`); the test
reads `app.openapi()`. Cases per operation, shared among the browsers: FUZZ_EXAMPLES
(default 30); the numbers generated go to reports/fuzz.json (FUZZ_REPORT) and the output."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from html import unescape
from itertools import count
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI

from stub_services.bank.app import create_app as create_bank
from stub_services.bank.identities import BANKS
from stub_services.common.i18n import LANGS
from stub_services.common.settings import Settings
from stub_services.register.app import create_app as create_register
from stub_services.signin.app import create_app as create_signin
from stub_services.sms.app import create_app as create_sms

from .etukortti_fakes import csrf_of as etukortti_csrf
from .etukortti_fakes import ean13, etukortti_world
from .etukortti_fakes import sign_in as etukortti_sign_in
from .fuzz_support import (
    STRICT,
    Browser,
    Target,
    UndocumentedPages,
    Visit,
    fuzz,
    record,
    with_vocabulary,
)
from .identity_fakes import BANK_URL, FakeBank, FakeRegister, FakeSms
from .support import SIGNIN_URL, Mailbox, TestClient, pkce_challenge, query_of, sign_up
from .test_shops_support import CARD, PRISMA, SARA_SUB, shop_world
from .test_shops_support import csrf_of as shop_csrf
from .test_shops_support import sign_in as shop_sign_in

SARA = "sara.virtanen@example.fi"
REGISTER_URL = "https://asiakasrekisteri.test"
SMS_URL = "https://sms.test"
LANGUAGES: dict[str, Collection[str]] = {"lang": LANGS}
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')

Build = Callable[[Settings], AbstractContextManager[Target]]


def reset_by(client: TestClient) -> Callable[[], None]:
    def reset() -> None:
        client.cookies.clear()
        assert client.post("/_control/reset").status_code == 200

    return reset


def cookies_of(client: TestClient) -> dict[str, str]:
    return {cookie.name: cookie.value or "" for cookie in client.cookies.jar}


def document(openapi: dict[str, Any], words: Mapping[str, Collection[str]]) -> dict[str, Any]:
    with_vocabulary(openapi, words)
    return openapi


# --- the sign-in service ----------------------------------------------------------------------

# Its routes document FastAPI's defaults only, and the service is being hardened elsewhere:
# the pages' answers are accepted as pages (see UndocumentedPages), everything else strictly.
SIGNIN_PAGES = UndocumentedPages(
    browser_route=lambda path: (
        path.startswith("/{lang}/") or path in {"/authorize", "/logout", "/bank/callback"}
    ),
    html_statuses=frozenset({200, 400, 403, 404, 409, 410, 422, 429, 503}),
    json_extra={
        "POST /token": frozenset({400, 401}),  # OAuth errors (RFC 6749, 5.2)
        "GET /userinfo": frozenset({401}),  # no or unknown bearer token
        "POST /_control/terms": frozenset({400}),  # FastAPI: a body that is not JSON
    },
)


@contextmanager
def signin_target(settings: Settings) -> Iterator[Target]:
    mailbox = Mailbox()
    backchannel = httpx.Client(transport=httpx.MockTransport(lambda _: httpx.Response(200)))
    app = create_signin(
        settings,
        mailer=mailbox.send,
        bank=FakeBank(),
        register=FakeRegister(),
        sms=FakeSms(),
        backchannel=backchannel,
    )
    numbers = count(1)
    with TestClient(app, base_url=SIGNIN_URL, follow_redirects=False) as client:

        def signing_in() -> Visit:
            """Sent a code by email: the login transaction's cookie is set."""
            client.cookies.clear()
            email = f"elias.korhonen.{next(numbers)}@example.fi"
            client.post("/sv/login/email", data={"email": email, "intent": "create"})
            return Visit(cookies=cookies_of(client))

        def signed_in() -> Visit:
            client.cookies.clear()
            sign_up(client, mailbox, SARA)
            token = CSRF_FIELD.search(client.get("/sv/account/email").text)
            assert token, "the email-change form carries no CSRF token"
            form = {"csrf_token": unescape(token.group(1))}
            return Visit(cookies=cookies_of(client), form=form)

        yield Target(
            name="signin",
            app=app,
            base_url=SIGNIN_URL,
            document=document(app.openapi(), LANGUAGES),
            browsers=(
                Browser("anonymous"),
                Browser("signing in", signing_in, per_case=True),
                Browser("signed in", signed_in),
            ),
            reset=reset_by(client),
            checks=SIGNIN_PAGES.checks(),
        )


# --- the account site (S-Etukortti) ------------------------------------------------------------


@contextmanager
def etukortti_target(settings: Settings) -> Iterator[Target]:
    with etukortti_world(settings) as world:
        world.register.give_card("sub-sara", 1)
        world.register.add_coupon("sub-sara", "Kaffe", ean13("641000000001"))

        def signing_in() -> Visit:
            """Sent to the sign-in service: the pending request's cookie is set."""
            browser = world.browser()
            browser.get("/sv/login")
            return Visit(cookies=cookies_of(browser))

        def signed_in() -> Visit:
            browser = world.browser()
            etukortti_sign_in(world, browser, "sub-sara", SARA)
            token = etukortti_csrf(browser, "/sv/profile/customer-data")
            return Visit(cookies=cookies_of(browser), form={"csrf_token": token})

        yield Target(
            name="etukortti",
            app=world.app,
            base_url=str(world.site.base_url).rstrip("/"),
            document=document(world.app.openapi(), LANGUAGES),
            browsers=(
                Browser("anonymous"),
                Browser("signing in", signing_in, per_case=True),
                Browser("signed in", signed_in),
            ),
            reset=reset_by(world.site),
            checks=STRICT,
        )


# --- the bank broker ---------------------------------------------------------------------------


@contextmanager
def bank_target(settings: Settings) -> Iterator[Target]:
    app = create_bank(settings)
    with TestClient(app, base_url=BANK_URL, follow_redirects=False) as client:

        def identifying() -> Visit:
            """Sent by the sign-in service: an open identification request."""
            query = {
                "response_type": "code",
                "client_id": "s-login",
                "redirect_uri": f"{settings.signin_public_url}/bank/callback",
                "state": "state-of-the-sign-in-service",
                "nonce": "nonce-of-the-sign-in-service",
                "code_challenge": pkce_challenge("a-verifier-of-the-sign-in-service"),
                "code_challenge_method": "S256",
            }
            started = client.get(f"/authorize?{urlencode(query)}")
            request = query_of(started.headers["location"])["request"]
            return Visit(query={"request": request}, form={"request": request})

        yield Target(
            name="bank",
            app=app,
            base_url=BANK_URL,
            document=document(app.openapi(), {**LANGUAGES, "slug": tuple(BANKS)}),
            browsers=(Browser("anonymous"), Browser("identifying", identifying, per_case=True)),
            reset=reset_by(client),
            checks=STRICT,
        )


# --- the customer register and the text-message gateway (server APIs) --------------------------


def server_api(
    name: str, create: Callable[[Settings], FastAPI], url: str, token: Callable[[Settings], str]
) -> Build:
    """A server API behind a bearer token: called with the token, and without it."""

    @contextmanager
    def target(settings: Settings) -> Iterator[Target]:
        app = create(settings)
        bearer = Visit(headers={"Authorization": f"Bearer {token(settings)}"})
        with TestClient(app, base_url=url, follow_redirects=False) as client:
            yield Target(
                name=name,
                app=app,
                base_url=url,
                document=app.openapi(),
                browsers=(
                    Browser("server with the API token", lambda: bearer),
                    Browser("caller without the token"),
                ),
                reset=reset_by(client),
                checks=STRICT,
            )

    return target


# --- the shops -----------------------------------------------------------------------------------


@contextmanager
def shops_target(settings: Settings) -> Iterator[Target]:
    """Prisma stands for the six storefronts: they share every route."""
    world = shop_world(settings)
    world.register.cards[SARA_SUB] = CARD
    with world.browser(PRISMA) as client:

        def signing_in() -> Visit:
            """Sent to the sign-in service from the login and from the silent check."""
            with world.browser(PRISMA) as browser:
                browser.get("/sv/login")
                browser.get("/sso/start")
                return Visit(cookies=cookies_of(browser))

        def signed_in() -> Visit:
            with world.browser(PRISMA) as browser:
                shop_sign_in(world, browser)
                token = shop_csrf(browser.get("/sv/"))
                return Visit(cookies=cookies_of(browser), form={"csrf_token": token})

        yield Target(
            name="shops",
            app=world.app,
            base_url=PRISMA,
            document=document(world.app.openapi(), LANGUAGES),
            browsers=(
                Browser("anonymous"),
                Browser("signing in", signing_in, per_case=True),
                Browser("signed in", signed_in),
            ),
            reset=reset_by(client),
            checks=STRICT,
        )


TARGETS: dict[str, Build] = {
    "signin": signin_target,
    "etukortti": etukortti_target,
    "bank": bank_target,
    "register": server_api(
        "register", create_register, REGISTER_URL, lambda s: s.register_api_token
    ),
    "sms": server_api("sms", create_sms, SMS_URL, lambda s: s.sms_api_token),
    "shops": shops_target,
}


@pytest.mark.parametrize("stub", list(TARGETS))
def test_fuzzing_finds_no_server_error_and_no_schema_violation(
    stub: str, settings: Settings
) -> None:
    with TARGETS[stub](settings) as target:
        fuzzed = fuzz(target)
    report = record(target, fuzzed)
    print(
        f"\n{stub}: {fuzzed.cases} cases over {len(fuzzed.by_operation)} operations "
        f"in {fuzzed.seconds:.1f} s; all apps so far: {report['total_cases']} cases"
    )
    assert len(fuzzed.by_operation) == sum(
        len(operations) for operations in target.document["paths"].values()
    ), "every operation is fuzzed"
    if fuzzed.findings:
        problems = "\n".join(finding.render() for finding in fuzzed.findings.values())
        pytest.fail(f"{stub}: {len(fuzzed.findings)} problem(s) found:\n{problems}", False)


# --- what the fuzzing found, fixed ---------------------------------------------------------------


def test_clock_refuses_to_leave_its_range_and_keeps_working(settings: Settings) -> None:
    """An advance by 1e300 s (or one beyond a century, in steps) was stored, and every
    later request then failed with an OverflowError until a reset."""
    with TestClient(create_sms(settings), base_url=SMS_URL) as sms:
        assert sms.post("/_control/clock/advance", json={"seconds": 1e300}).status_code == 422
        for _ in range(2):
            advanced = sms.post("/_control/clock/advance", json={"seconds": 60 * 365 * 86_400})
        assert advanced.status_code == 422, "two steps of 60 years go beyond a century"
        assert "at most" in advanced.json()["detail"]
        assert sms.get("/_control/clock").status_code == 200
        assert sms.get("/api/v1/messages").status_code == 200
        back = sms.post("/_control/clock/advance", json={"seconds": -60 * 365 * 86_400})
        assert back.status_code == 200


def test_forged_csrf_token_with_any_characters_is_refused(settings: Settings) -> None:
    """A CSRF token that is not ASCII made hmac.compare_digest raise: a 500, not the 403."""
    with etukortti_world(settings) as world:
        etukortti_sign_in(world, world.site, "sub-sara", SARA)
        forged = {"street": "Mannerheimintie 1", "postal_code": "00100", "city": "Helsinki"}
        saved = world.site.post("/sv/profile/customer-data", data={**forged, "csrf_token": "é"})
        assert saved.status_code == 403


def test_callback_with_a_state_in_any_characters_fails_the_sign_in(settings: Settings) -> None:
    """A `state` that is not ASCII made the callback crash instead of refusing it (400)."""
    with etukortti_world(settings) as world:
        world.site.get("/sv/login")
        refused = world.site.get("/callback", params={"code": "c", "state": "åäö"})
        assert refused.status_code == 400
        assert "text/html" in refused.headers["content-type"]


def test_shop_order_with_a_forged_csrf_token_in_any_characters_is_refused(
    settings: Settings,
) -> None:
    world = shop_world(settings)
    with world.browser(PRISMA) as browser:
        shop_sign_in(world, browser)
        browser.get("/sv/")  # the CSRF cookie
        order = browser.post("/sv/orders", data={"product": "kaffe", "csrf_token": "ä" * 8})
        assert order.status_code == 403


def test_bearer_token_in_any_characters_is_a_401(settings: Settings) -> None:
    """A header is read as latin-1: `Bearer é` made hmac.compare_digest raise (a 500)."""
    with TestClient(create_register(settings), base_url=REGISTER_URL) as register:
        answer = register.get("/api/v1/links/sub-sara", headers={"Authorization": b"Bearer \xe9"})
        assert answer.status_code == 401
