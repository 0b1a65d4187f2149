"""The silent single sign-on check: a hidden iframe runs /sso/start → /authorize with
prompt=none → /sso/callback, at most once per five minutes (owner-customer.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stub_services.common.settings import Settings

from .support import query_of, set_cookies
from .test_shops_support import (
    PRISMA,
    SARA,
    SIGNIN,
    ShopWorld,
    body_sso_state,
    path_of,
    shop_world,
)

STATIC = Path(__file__).resolve().parents[2] / "stub_services" / "shops" / "static"


@pytest.fixture
def world(settings: Settings) -> ShopWorld:
    return shop_world(settings)


def test_a_page_without_a_session_starts_the_check_in_a_hidden_iframe(world: ShopWorld) -> None:
    with world.browser() as browser:
        page = browser.get("/sv/")
    assert body_sso_state(page) == "pending"
    assert '<iframe id="sso-frame" class="sso-frame" src="/sso/start?lang=sv"' in page.text
    assert '<script src="/shop-static/sso.js"></script>' in page.text
    assert page.text.index("/shop-static/sso.js") < page.text.index("<iframe")
    notice = (
        '<p id="sso-notice" class="sso-notice" role="status" hidden>Automatisk inloggning var '
        "inte möjlig i den här webbläsaren. Logga in med knappen.</p>"
    )
    assert notice in page.text
    assert '<a class="button" href="/sv/login">Logga in</a>' in page.text


def test_the_check_asks_the_sign_in_service_with_prompt_none(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start", params={"lang": "fi"})
    assert start.status_code == 303
    params = query_of(start.headers["location"])
    assert start.headers["location"].startswith(f"{SIGNIN}/authorize?")
    assert params["prompt"] == "none"
    assert params["client_id"] == "prisma"
    assert params["redirect_uri"] == f"{PRISMA}/sso/callback"
    assert params["code_challenge_method"] == "S256"
    assert params["state"]
    assert params["nonce"]
    cookies = set_cookies(start)
    # Sent back after the cross-site redirect chain in the iframe: SameSite=None.
    binding = cookies["__Host-shop_sso_rp"]
    assert binding.attributes["samesite"].lower() == "none"
    assert binding.has("secure")
    assert binding.has("httponly")
    assert cookies["__Host-shop_sso_checked"].attributes["max-age"] == "300"


def test_the_check_runs_at_most_once_per_five_minutes(world: ShopWorld) -> None:
    with world.browser() as browser:
        browser.get("/sso/start")
        soon = browser.get("/sv/")
        browser.post("/_control/clock/advance", json={"seconds": 301})
        later = browser.get("/sv/")
    assert body_sso_state(soon) is None
    assert 'id="sso-frame"' not in soon.text
    assert body_sso_state(later) == "pending"


def test_login_required_tells_the_page_and_signs_nobody_in(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        answer = browser.get(path_of(world.signin.refuse(start.headers["location"])))
        page = browser.get("/sv/")
    assert answer.status_code == 200
    assert 'data-result="login_required"' in answer.text
    assert '<script src="/shop-static/sso-callback.js"></script>' in answer.text
    assert "Inloggad som" not in page.text
    assert world.signin.token_requests == []


def test_a_live_s_login_session_signs_the_shop_in_silently(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        answer = browser.get(path_of(world.signin.approve(start.headers["location"])))
        finish = browser.post("/sso/finish", headers={"origin": PRISMA})
        page = browser.get("/sv/")
        again = browser.post("/sso/finish", headers={"origin": PRISMA})
    assert answer.status_code == 200
    assert 'data-result="signed_in"' in answer.text
    assert finish.status_code == 204
    assert set_cookies(finish)["__Host-shop_sid"].attributes["samesite"].lower() == "lax"
    assert f"Inloggad som {SARA}" in page.text
    assert body_sso_state(page) == "signed_in"
    assert 'id="sso-frame"' not in page.text
    assert again.status_code == 400
    (request,) = world.signin.token_requests
    assert request["redirect_uri"] == f"{PRISMA}/sso/callback"


def test_the_callback_alone_signs_in_where_its_cookie_is_accepted(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        browser.get(path_of(world.signin.approve(start.headers["location"])))
        page = browser.get("/sv/")
    assert f"Inloggad som {SARA}" in page.text


def test_finish_refuses_a_request_from_another_origin(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        browser.get(path_of(world.signin.approve(start.headers["location"])))
        foreign = browser.post("/sso/finish", headers={"origin": "https://evil.test"})
        own = browser.post("/sso/finish", headers={"origin": PRISMA})
    assert foreign.status_code == 403
    assert own.status_code == 204


def test_a_silent_callback_with_a_bad_state_is_refused(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        back = world.signin.approve(start.headers["location"]).replace("state=", "state=x")
        answer = browser.get(path_of(back))
        page = browser.get("/sv/")
        unbound = browser.get("/sso/callback?code=abc&state=def")
    assert answer.status_code == 400
    assert 'data-result="login_required"' in answer.text
    assert "Inloggad som" not in page.text
    assert unbound.status_code == 400


def test_a_top_level_login_and_a_silent_check_do_not_disturb_each_other(
    world: ShopWorld,
) -> None:
    with world.browser() as browser:
        login = browser.get("/sv/login")
        check = browser.get("/sso/start")
        browser.get(path_of(world.signin.refuse(check.headers["location"])))
        done = browser.get(path_of(world.signin.approve(login.headers["location"])))
    assert done.status_code == 303
    assert done.headers["location"] == "/sv/"


def test_only_the_callback_may_be_framed_and_only_by_the_shop(world: ShopWorld) -> None:
    with world.browser() as browser:
        start = browser.get("/sso/start")
        callback = browser.get(path_of(world.signin.refuse(start.headers["location"])))
        page = browser.get("/sv/")
    assert "frame-ancestors 'self'" in callback.headers["content-security-policy"]
    assert callback.headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert start.headers["x-frame-options"] == "DENY"


def test_the_scripts_talk_only_to_the_shops_own_origin(world: ShopWorld) -> None:
    with world.browser() as browser:
        parent = browser.get("/shop-static/sso.js")
        framed = browser.get("/shop-static/sso-callback.js")
    assert parent.status_code == 200
    assert "javascript" in parent.headers["content-type"]
    assert "event.origin !== window.location.origin" in parent.text
    assert "event.source !== frame.contentWindow" in parent.text
    assert 'body.setAttribute("data-sso-check", result)' in parent.text
    assert framed.status_code == 200
    assert 'postMessage({ type: "shop-sso", result: outcome }, window.location.origin)' in (
        framed.text
    )
    assert '"*"' not in framed.text
    assert (STATIC / "sso.js").read_text() == parent.text
