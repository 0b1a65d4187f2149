"""S-Etukortti's side of OIDC Back-Channel Logout: sessions keep the sign-in `sid`, and a
valid logout token from the sign-in service ends them, once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from stub_services.common.logout_token import BACKCHANNEL_EVENT, LOGOUT_TYP, make_logout_token
from stub_services.common.settings import Settings

from .etukortti_fakes import SARA, World, etukortti_world, sign_in
from .provider_keys import fake_signing_key
from .support import SIGNIN_URL, TestClient

SUB = "sub-sara"


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    with etukortti_world(settings) as built:
        yield built


def signed_in(browser: TestClient) -> bool:
    status: int = browser.get("/sv/profile").status_code
    return status == 200


def logout_token(settings: Settings, sid: str, sub: str = SUB) -> str:
    return make_logout_token(SIGNIN_URL, "s-etukortti", fake_signing_key(), sub, sid)


def post_token(world: World, token: str | None) -> httpx.Response:
    """As the sign-in service's server does: a form POST with no cookies."""
    data = {} if token is None else {"logout_token": token}
    response: httpx.Response = world.browser().post("/backchannel-logout", data=data)
    return response


def claims(**changes: Any) -> dict[str, Any]:
    """A logout token's claims with `changes`; a change to None leaves the claim out."""
    now = int(time.time())
    base: dict[str, Any] = {
        "iss": SIGNIN_URL,
        "aud": "s-etukortti",
        "iat": now,
        "exp": now + 120,
        "jti": f"jti-{now}-{sorted(changes)}",
        "sub": SUB,
        "sid": "sid-phone",
        "events": {BACKCHANNEL_EVENT: {}},
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_logout_token_ends_the_session_of_its_sid_only(world: World, settings: Settings) -> None:
    phone, laptop = world.site, world.browser()
    sign_in(world, phone, SUB, SARA, sid="sid-phone")
    sign_in(world, laptop, SUB, SARA, sid="sid-laptop")
    answer = post_token(world, logout_token(settings, "sid-phone"))
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["content-type"] == "application/json"
    assert not signed_in(phone)
    assert signed_in(laptop)
    types = [e["type"] for e in phone.get(f"/_control/events?email={SARA}").json()]
    assert "signed_out_by_signin" in types


def test_without_a_matching_sid_every_session_of_the_sub_ends(
    world: World, settings: Settings
) -> None:
    phone, laptop, other = world.site, world.browser(), world.browser()
    sign_in(world, phone, SUB, SARA, sid=None)  # the ID token had no sid: tolerated
    sign_in(world, laptop, SUB, SARA, sid="sid-laptop")
    sign_in(world, other, "sub-mikko", "mikko@example.com", sid="sid-mikko")
    assert signed_in(phone)
    assert post_token(world, logout_token(settings, "sid-unknown")).status_code == 200
    assert not signed_in(phone)
    assert not signed_in(laptop)
    assert signed_in(other)


def test_a_sid_of_another_sub_ends_nothing_of_that_sub(world: World, settings: Settings) -> None:
    mikko = world.browser()
    sign_in(world, mikko, "sub-mikko", "mikko@example.com", sid="sid-shared")
    sign_in(world, world.site, SUB, SARA, sid="sid-sara")
    assert post_token(world, logout_token(settings, "sid-shared")).status_code == 200
    assert signed_in(mikko)  # a sid is only trusted together with its sub
    assert not signed_in(world.site)


def test_a_replayed_token_is_refused(world: World, settings: Settings) -> None:
    sign_in(world, world.site, SUB, SARA, sid="sid-phone")
    token = logout_token(settings, "sid-phone")
    assert post_token(world, token).status_code == 200
    sign_in(world, world.site, SUB, SARA, sid="sid-phone")
    replayed = post_token(world, token)
    assert replayed.status_code == 400
    assert replayed.json() == {"error": "invalid_request"}
    assert signed_in(world.site)


def assert_refused(world: World, token: str | None, why: str) -> None:
    refused = post_token(world, token)
    assert refused.status_code == 400, why
    assert refused.json() == {"error": "invalid_request"}
    assert refused.headers["cache-control"] == "no-store"
    assert signed_in(world.site), why


@pytest.mark.parametrize(
    ("why", "token"),
    [
        ("missing", None),
        ("empty", ""),
        ("not a JWT", "not-a-token"),
        (
            "signed with the client's secret (HS256)",
            jwt.encode(claims(), "a-secret-of-another-client-0123456789", algorithm="HS256"),
        ),
        (
            "signed with a key the provider does not publish",
            fake_signing_key("intruder").sign(claims(), typ=LOGOUT_TYP),
        ),
        ("an ID token's type", fake_signing_key().sign(claims())),
        ("unsigned", jwt.encode(claims(), "", algorithm="none")),
    ],
)
def test_unreadable_tokens_are_refused(world: World, why: str, token: str | None) -> None:
    sign_in(world, world.site, SUB, SARA, sid="sid-phone")
    assert_refused(world, token, why)


@pytest.mark.parametrize(
    ("why", "changes"),
    [
        ("wrong issuer", {"iss": "https://evil.test"}),
        ("wrong audience", {"aud": "prisma"}),
        ("expired", {"exp": int(time.time()) - 3600}),
        ("another event", {"events": {"https://example.test/other-event": {}}}),
        ("a nonce", {"nonce": "n-1"}),
        ("no jti", {"jti": None}),
        ("no sid", {"sid": None}),
    ],
)
def test_tokens_breaking_the_rules_are_refused(
    world: World, settings: Settings, why: str, changes: dict[str, Any]
) -> None:
    sign_in(world, world.site, SUB, SARA, sid="sid-phone")
    token = fake_signing_key().sign(claims(**changes), typ=LOGOUT_TYP)
    assert_refused(world, token, why)


def test_sign_in_works_with_and_without_sid(world: World) -> None:
    assert sign_in(world, world.site, SUB, SARA, sid=None).headers["location"] == "/sv/profile"
    assert sign_in(world, world.browser(), SUB, SARA).headers["location"] == "/sv/profile"
