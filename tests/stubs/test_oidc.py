"""The sign-in service as OIDC provider, and the account site as its client."""

from __future__ import annotations

import httpx

from .provider_keys import verify_signin_token
from .support import (
    REDIRECT_URI,
    Mailbox,
    TestClient,
    authorization_code,
    authorize_params,
    exchange,
    query_of,
    set_cookies,
    sign_out,
    skip_card_linking,
)

SARA = "sara.virtanen@example.com"
VERIFIER = "v" * 20 + "erifier-of-sara-with-enough-entropy-0123456789"


def test_code_exchange_returns_signed_id_token_and_userinfo(
    signin: TestClient, mailbox: Mailbox
) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    tokens = exchange(signin, code, VERIFIER)
    assert tokens.status_code == 200, tokens.text
    body = tokens.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] > 0
    claims = verify_signin_token(signin, body["id_token"], "s-etukortti")
    assert claims["iss"] == "https://login.s-ryhma.test"
    assert claims["nonce"] == "nonce-of-sara"
    assert claims["email"] == SARA
    info = signin.get("/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert info.status_code == 200
    assert info.json()["sub"] == claims["sub"]
    assert info.json()["email"] == SARA
    assert info.json()["email_verified"] is True
    assert set(info.json()) == {"sub", "email", "email_verified", "locale", "created_at"}


def test_redirect_uri_mismatch_is_a_400_page_not_a_redirect(signin: TestClient) -> None:
    for bad in (REDIRECT_URI + "/", REDIRECT_URI + "?x=1", "https://evil.test/callback"):
        page = signin.get(f"/authorize?{authorize_params(VERIFIER, redirect_uri=bad)}")
        assert page.status_code == 400
        assert "location" not in page.headers
        assert "Ogiltig inloggningsbegäran" in page.text


def test_unknown_client_is_a_400_page(signin: TestClient) -> None:
    page = signin.get(f"/authorize?{authorize_params(VERIFIER, client_id='someone-else')}")
    assert page.status_code == 400
    assert "location" not in page.headers


def test_pkce_is_required(signin: TestClient) -> None:
    plain = signin.get(f"/authorize?{authorize_params(VERIFIER, code_challenge_method='plain')}")
    assert plain.status_code == 303
    assert query_of(plain.headers["location"])["error"] == "invalid_request"


def test_pkce_verifier_mismatch_is_refused(signin: TestClient, mailbox: Mailbox) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    refused = exchange(signin, code, VERIFIER + "x")
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"


def test_token_redirect_uri_must_match(signin: TestClient, mailbox: Mailbox) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    refused = exchange(signin, code, VERIFIER, redirect_uri="https://s-etukortti.test/other")
    assert refused.status_code == 400


def test_code_replay_is_refused_and_revokes_the_first_token(
    signin: TestClient, mailbox: Mailbox
) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    first = exchange(signin, code, VERIFIER)
    assert first.status_code == 200
    replay = exchange(signin, code, VERIFIER)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"
    bearer = {"Authorization": f"Bearer {first.json()['access_token']}"}
    assert signin.get("/userinfo", headers=bearer).status_code == 401


def test_code_lives_sixty_seconds(signin: TestClient, mailbox: Mailbox) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    signin.post("/_control/clock/advance", json={"seconds": 61})
    assert exchange(signin, code, VERIFIER).status_code == 400


def test_wrong_client_secret_is_refused(signin: TestClient, mailbox: Mailbox) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    refused = signin.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": "s-etukortti",
            "client_secret": "wrong",
            "code_verifier": VERIFIER,
        },
    )
    assert refused.status_code == 401


def test_live_session_skips_the_login_page(signin: TestClient, mailbox: Mailbox) -> None:
    authorization_code(signin, mailbox, SARA, VERIFIER)
    again = signin.get(f"/authorize?{authorize_params(VERIFIER)}")
    assert again.status_code == 303
    assert again.headers["location"].startswith(f"{REDIRECT_URI}?code=")


def test_logout_goes_to_registered_uri_only(signin: TestClient, mailbox: Mailbox) -> None:
    authorization_code(signin, mailbox, SARA, VERIFIER)
    evil = signin.get(
        "/logout?client_id=s-etukortti&post_logout_redirect_uri=https://evil.test/&ui_locales=en"
    )
    assert evil.status_code == 400
    assert "location" not in evil.headers
    ok = sign_out(
        signin,
        "/logout?client_id=s-etukortti&post_logout_redirect_uri=https://s-etukortti.test/en/",
    )
    assert ok.headers["location"] == "https://s-etukortti.test/en/"


def _follow_to_signin_page(etukortti: TestClient, signin: TestClient, path: str) -> str:
    start = etukortti.get(path)
    assert start.status_code == 303
    location = start.headers["location"]
    assert location.startswith("https://login.s-ryhma.test/authorize?")
    rp = set_cookies(start)["__Host-etukortti_rp"]
    assert {"secure", "httponly", "path"} <= set(rp.attributes)
    authorize = signin.get(location)
    assert authorize.status_code == 303
    return str(authorize.headers["location"])


def test_account_site_full_sign_up_and_sign_out(
    etukortti: TestClient,
    signin: TestClient,
    mailbox: Mailbox,
    backchannel_calls: list[httpx.Request],
) -> None:
    home = etukortti.get("/sv/")
    assert "<h1>S-Etukortti</h1>" in home.text
    assert ">Logga in</a>" in home.text
    assert ">Skapa S-inloggning</a>" in home.text
    register = _follow_to_signin_page(etukortti, signin, "/sv/login?create=1")
    assert register.startswith("/sv/register?request=")
    rid = query_of(register)["request"]
    signin.post("/sv/login/email", data={"email": SARA, "intent": "create", "request": rid})
    done = signin.post("/sv/login/code", data={"code": mailbox.latest_code(SARA), "request": rid})
    callback = etukortti.get(skip_card_linking(signin, done).headers["location"])
    assert callback.status_code == 303, callback.text
    assert callback.headers["location"] == "/sv/profile"
    sid = set_cookies(callback)["__Host-etukortti_sid"]
    assert {"secure", "httponly"} <= set(sid.attributes)
    profile = etukortti.get("/sv/profile")
    assert "<h1>Mina uppgifter</h1>" in profile.text
    assert "<dt>E-postadress</dt>" in profile.text
    assert f"<dd>{SARA}</dd>" in profile.text
    assert "<dt>S-inloggning skapad</dt>" in profile.text
    assert '<button type="submit">Logga ut</button>' in profile.text
    assert ">Mina uppgifter</a>" in etukortti.get("/sv/").text
    logout = etukortti.post("/sv/logout")
    assert logout.status_code == 303
    target = logout.headers["location"]
    assert target.startswith("https://login.s-ryhma.test/logout?")
    back = signin.get(target)
    assert back.headers["location"] == "https://s-etukortti.test/sv/"
    assert etukortti.get("/sv/profile").headers["location"].startswith("/sv/login")
    assert "Inloggad som" not in signin.get("/sv/").text
    # The sign-out reached the account site over the back channel, with a logout token.
    [call] = backchannel_calls
    assert str(call.url) == "https://s-etukortti.test/backchannel-logout"
    assert call.content.startswith(b"logout_token=")


def test_account_site_refuses_callback_with_wrong_state(
    etukortti: TestClient, signin: TestClient
) -> None:
    _follow_to_signin_page(etukortti, signin, "/fi/login")
    page = etukortti.get("/callback?code=x&state=forged")
    assert page.status_code == 400
    assert '<html lang="fi">' in page.text


def test_account_site_callback_without_binding_cookie_is_refused(etukortti: TestClient) -> None:
    assert etukortti.get("/callback?code=x&state=y").status_code == 400
