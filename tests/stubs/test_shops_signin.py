"""A storefront as an OIDC client: the authorization request, the callback's checks, its own
sign-out through the sign-in service and back-channel logout (owner-customer.md)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest

from stub_services.common.settings import Settings

from .support import query_of, set_cookies
from .test_shops_support import (
    PRISMA,
    SARA,
    SARA_SUB,
    SIGNIN,
    SOKOS,
    ShopWorld,
    path_of,
    shop_world,
    sign_in,
)

YHTEISHYVA = "https://xn--yhteishyv-32a.test"


@pytest.fixture
def world(settings: Settings) -> ShopWorld:
    return shop_world(settings)


def signed_in(page_text: str) -> bool:
    return "Inloggad som " in page_text


def test_login_sends_an_authorization_request_with_pkce_state_and_nonce(
    world: ShopWorld,
) -> None:
    with world.browser(YHTEISHYVA) as browser:
        start = browser.get("/fi/login")
        second = browser.get("/fi/login")
    assert start.status_code == 303
    location = start.headers["location"]
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{SIGNIN}/authorize"
    params = query_of(location)
    assert params["response_type"] == "code"
    assert params["client_id"] == "yhteishyva"
    assert params["redirect_uri"] == f"{YHTEISHYVA}/callback"
    assert params["code_challenge_method"] == "S256"
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", params["code_challenge"])
    assert len(params["state"]) >= 32
    assert len(params["nonce"]) >= 32
    assert params["ui_locales"] == "fi"
    assert "prompt" not in params
    again = query_of(second.headers["location"])
    assert again["state"] != params["state"]
    assert again["nonce"] != params["nonce"]
    assert again["code_challenge"] != params["code_challenge"]
    binding = set_cookies(start)["__Host-shop_rp"]
    assert binding.has("secure")
    assert binding.has("httponly")
    assert binding.attributes["samesite"].lower() == "lax"
    assert binding.attributes["path"] == "/"
    assert "domain" not in binding.attributes


def test_the_code_is_exchanged_with_the_shops_own_secret_and_verifier(world: ShopWorld) -> None:
    with world.browser(SOKOS) as browser:
        done = sign_in(world, browser, lang="en")
        page = browser.get("/en/")
    (request,) = world.signin.token_requests
    assert request["client_id"] == "sokos"
    assert request["client_secret"] == world.signin.settings.shop_secret("sokos")
    assert request["redirect_uri"] == f"{SOKOS}/callback"
    assert request["grant_type"] == "authorization_code"
    assert done.headers["location"] == "/en/"
    assert f"Signed in as {SARA}" in page.text
    session = set_cookies(done)["__Host-shop_sid"]
    assert session.has("secure")
    assert session.has("httponly")
    assert session.attributes["samesite"].lower() == "lax"


def test_a_callback_with_a_wrong_state_is_refused(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sv/login")
        back = world.signin.approve(start.headers["location"])
        forged = back.replace("state=", "state=x")
        refused = browser.get(path_of(forged))
        page = browser.get("/sv/")
    assert refused.status_code == 400
    assert "Inloggningen misslyckades" in refused.text
    assert not signed_in(page.text)
    assert world.signin.token_requests == []


def test_a_callback_is_used_once(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sv/login")
        back = path_of(world.signin.approve(start.headers["location"]))
        first = browser.get(back)
        browser.cookies.set("__Host-shop_rp", set_cookies(start)["__Host-shop_rp"].value)
        replayed = browser.get(back)
    assert first.status_code == 303
    assert replayed.status_code == 400
    assert "Inloggningen misslyckades" in replayed.text


def test_a_callback_from_another_browser_is_refused(world: ShopWorld) -> None:
    with world.browser() as victim, world.browser() as attacker:
        start = attacker.get("/sv/login")
        back = path_of(world.signin.approve(start.headers["location"]))
        refused = victim.get(back)
        page = victim.get("/sv/")
    assert refused.status_code == 400
    assert not signed_in(page.text)


@pytest.mark.parametrize(
    ("case", "grant"),
    [
        ("foreign key", {"secret": "another-client-secret-of-32-bytes!!"}),
        ("wrong audience", {"aud": "sokos"}),
        ("wrong issuer", {"iss": "https://login.elsewhere.test"}),
        ("wrong nonce", {"nonce": "not-the-nonce-of-this-request"}),
        ("expired", {"exp": 1_000_000}),
    ],
)
def test_an_id_token_that_does_not_check_out_is_refused(
    world: ShopWorld, case: str, grant: dict[str, Any]
) -> None:
    with world.browser() as browser:
        refused = sign_in(world, browser, **grant)
        page = browser.get("/sv/")
    assert refused.status_code == 400, case
    assert "Inloggningen misslyckades" in refused.text
    assert not signed_in(page.text)


def test_a_provider_error_is_refused(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sv/login")
        refused = browser.get(path_of(world.signin.refuse(start.headers["location"], "denied")))
    assert refused.status_code == 400
    assert "Inloggningen misslyckades" in refused.text


def test_a_session_of_one_shop_is_no_session_at_another(world: ShopWorld) -> None:
    with world.browser(PRISMA) as prisma:
        done = sign_in(world, prisma)
    token = set_cookies(done)["__Host-shop_sid"].value
    with world.browser(SOKOS) as sokos:
        sokos.cookies.set("__Host-shop_sid", token)
        page = sokos.get("/sv/")
    assert not signed_in(page.text)


def test_signing_out_ends_the_shop_session_and_the_s_login(world: ShopWorld) -> None:
    with world.browser() as browser:
        sign_in(world, browser)
        out = browser.post("/fi/logout")
        page = browser.get("/fi/")
    assert out.status_code == 303
    location = out.headers["location"]
    assert location.startswith(f"{SIGNIN}/logout?")
    params = query_of(location)
    assert params["client_id"] == "prisma"
    assert params["post_logout_redirect_uri"] == f"{PRISMA}/fi/"
    # The ID token of the sign-in, so the S-login ends without asking (RP-Initiated Logout).
    hint = jwt.decode(params["id_token_hint"], options={"verify_signature": False})
    assert (hint["sub"], hint["aud"]) == (SARA_SUB, "prisma")
    assert "Kirjautuneena" not in page.text
    # Signed out on purpose: the silent check does not sign the browser straight back in.
    assert 'id="sso-frame"' not in page.text


def test_a_return_address_elsewhere_is_ignored(world: ShopWorld) -> None:
    with world.browser() as browser:
        for target in ("https://evil.test/", "//evil.test/sv/", "/sv/\\evil"):
            start = browser.get("/sv/login", params={"return": target})
            back = world.signin.approve(start.headers["location"])
            done = browser.get(path_of(back))
            assert done.headers["location"] == "/sv/", target
            browser.post("/sv/logout")


# --- back-channel logout --------------------------------------------------------------


def test_a_back_channel_logout_ends_the_session_of_that_sid(world: ShopWorld) -> None:
    with world.browser() as sara, world.browser() as other_device:
        sign_in(world, sara, sid="sid-phone")
        sign_in(world, other_device, sid="sid-laptop")
        token = world.signin.logout_token("prisma", sid="sid-phone")
        answer = sara.post("/backchannel-logout", data={"logout_token": token})
        phone = sara.get("/sv/")
        laptop = other_device.get("/sv/")
        events = sara.get("/_control/events", params={"email": SARA}).json()
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    assert not signed_in(phone.text)
    assert signed_in(laptop.text)
    assert any(e["type"] == "signed_out" and e["detail"]["via"] == "backchannel" for e in events)


def test_without_a_matching_sid_the_sessions_of_the_sub_end(world: ShopWorld) -> None:
    with world.browser() as sara:
        sign_in(world, sara, sid="sid-old")
        token = world.signin.logout_token("prisma", sub=SARA_SUB, sid="sid-unknown")
        answer = sara.post("/backchannel-logout", data={"logout_token": token})
        page = sara.get("/sv/")
    assert answer.status_code == 200
    assert not signed_in(page.text)


def test_a_back_channel_logout_with_a_bad_signature_is_refused(world: ShopWorld) -> None:
    with world.browser() as sara:
        sign_in(world, sara)
        token = world.signin.logout_token("prisma")
        head, body, signature = token.split(".")
        forged = f"{head}.{body}.{signature[:-4]}AAAA"
        answer = sara.post("/backchannel-logout", data={"logout_token": forged})
        page = sara.get("/sv/")
    assert answer.status_code == 400
    assert answer.json() == {"error": "invalid_request"}
    assert signed_in(page.text)


def test_a_replayed_logout_token_is_refused(world: ShopWorld) -> None:
    with world.browser() as sara:
        sign_in(world, sara)
        token = world.signin.logout_token("prisma")
        first = sara.post("/backchannel-logout", data={"logout_token": token})
        replayed = sara.post("/backchannel-logout", data={"logout_token": token})
    assert first.status_code == 200
    assert replayed.status_code == 400
    assert replayed.json() == {"error": "invalid_request"}


def test_a_logout_token_of_another_shop_is_refused(world: ShopWorld) -> None:
    with world.browser() as sara:
        sign_in(world, sara)
        token = world.signin.logout_token("sokos")
        answer = sara.post("/backchannel-logout", data={"logout_token": token})
        missing = sara.post("/backchannel-logout", data={})
        page = sara.get("/sv/")
    assert answer.status_code == 400
    assert missing.status_code == 400
    assert signed_in(page.text)
