"""RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): a relying party's sign-out
with the ID token it got ends the S-login at once; a bare link only asks."""

from __future__ import annotations

import html
import time
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from fastapi import FastAPI

from stub_services.common.signing_keys import new_key
from stub_services.signin.context import Signin

from .support import (
    CONFIRM_FIELD,
    ETUKORTTI_URL,
    SIGNIN_URL,
    Mailbox,
    TestClient,
    authorization_code,
    exchange,
    sign_out,
    sign_up,
)

SARA = "sara.virtanen@example.fi"
ELIAS = "elias.nieminen@example.fi"
VERIFIER = "v" * 50
BACK = f"{ETUKORTTI_URL}/en/"


def id_token_of(signin: TestClient, mailbox: Mailbox, email: str) -> str:
    """Sign `email` up through the account site's client and return the ID token it got."""
    code = authorization_code(signin, mailbox, email, VERIFIER)
    answer = exchange(signin, code, VERIFIER)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id_token"])


def signed_in(signin: TestClient) -> bool:
    return "Inloggad som" in signin.get("/sv/").text


def logout_url(**params: str) -> str:
    return f"/logout?{urlencode(params)}"


def service(signin: TestClient) -> Signin:
    app = signin.app
    assert isinstance(app, FastAPI)
    context: Signin = app.state.signin
    return context


def subject_of(signin: TestClient, email: str) -> str:
    account = service(signin).store.account(email)
    assert account is not None
    return account.sub


def signed_by_the_service(signin: TestClient, **claims: Any) -> str:
    """An ID token signed with the service's own current key."""
    key = service(signin).keys.current()
    now = int(time.time())
    base = {"iss": SIGNIN_URL, "aud": "s-etukortti", "iat": now, "exp": now + 300}
    return str(key.sign({**base, **claims}))


def test_discovery_names_the_end_session_endpoint(signin: TestClient) -> None:
    metadata = signin.get("/.well-known/openid-configuration").json()
    assert metadata["end_session_endpoint"] == f"{SIGNIN_URL}/logout"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_valid_hint_ends_the_session_and_returns_with_the_state(
    signin: TestClient,
    mailbox: Mailbox,
    backchannel_calls: list[httpx.Request],
    method: str,
) -> None:
    hint = id_token_of(signin, mailbox, SARA)
    params = {"id_token_hint": hint, "post_logout_redirect_uri": BACK, "state": "st-1"}
    # POSTed from the relying party's own page: cross-site by design.
    cross_site = {"Sec-Fetch-Site": "cross-site", "Origin": ETUKORTTI_URL}
    out = (
        signin.get(logout_url(**params), headers=cross_site)
        if method == "GET"
        else signin.post("/logout", data=params, headers=cross_site)
    )
    assert out.status_code == 303, out.text[:300]
    assert out.headers["location"] == f"{BACK}?state=st-1"
    assert not signed_in(signin)
    assert [str(call.url) for call in backchannel_calls] == [f"{ETUKORTTI_URL}/backchannel-logout"]


def test_an_expired_hint_still_names_the_session(signin: TestClient, mailbox: Mailbox) -> None:
    hint = id_token_of(signin, mailbox, SARA)
    old = signed_by_the_service(signin, sub=subject_of(signin, SARA), exp=int(time.time()) - 3600)
    assert old != hint
    out = signin.get(logout_url(id_token_hint=old, client_id="s-etukortti"))
    assert out.status_code == 303
    assert not signed_in(signin)


@pytest.mark.parametrize(
    "post_logout",
    ["https://evil.test/", f"{ETUKORTTI_URL}/de/", "https://prisma.test/sv/", f"{BACK}x"],
)
def test_an_unregistered_post_logout_uri_is_refused_even_with_a_valid_hint(
    signin: TestClient, mailbox: Mailbox, post_logout: str
) -> None:
    hint = id_token_of(signin, mailbox, SARA)
    out = signin.get(logout_url(id_token_hint=hint, post_logout_redirect_uri=post_logout))
    assert out.status_code == 400
    assert "location" not in out.headers
    assert signed_in(signin), "a refused logout request ends nothing"


def test_a_hint_for_another_client_than_client_id_is_refused(
    signin: TestClient, mailbox: Mailbox
) -> None:
    hint = id_token_of(signin, mailbox, SARA)
    out = signin.get(
        logout_url(
            id_token_hint=hint,
            client_id="prisma",
            post_logout_redirect_uri="https://prisma.test/sv/",
        )
    )
    assert out.status_code == 400
    assert signed_in(signin)


@pytest.mark.parametrize("lang", ["sv", "fi", "en"])
def test_without_a_hint_a_link_only_asks(signin: TestClient, mailbox: Mailbox, lang: str) -> None:
    sign_up(signin, mailbox, SARA)
    headings = {
        "sv": "Vill du logga ut från S-inloggning?",
        "fi": "Haluatko kirjautua ulos S-kirjautumisesta?",
        "en": "Do you want to sign out of S-login?",
    }
    link = logout_url(client_id="s-etukortti", post_logout_redirect_uri=BACK, state="s2",
                      ui_locales=lang)  # fmt: skip
    asked = signin.get(link, headers={"Sec-Fetch-Site": "cross-site"})
    assert asked.status_code == 200
    assert f"<h1>{headings[lang]}</h1>" in asked.text
    assert signed_in(signin), "GET alone must not end the session"
    # The form without its token (a forged cross-site form, or a bare POST) asks again.
    forged = signin.post("/logout", data={"client_id": "s-etukortti", "ui_locales": lang})
    assert forged.status_code == 200
    assert signed_in(signin)
    confirmed = sign_out(signin, link)
    assert confirmed.status_code == 303
    assert confirmed.headers["location"] == f"{BACK}?state=s2"
    assert not signed_in(signin)


@pytest.mark.parametrize("whose", ["forged", "another customer's"])
def test_a_hint_that_does_not_name_this_session_only_asks(
    signin: TestClient, mailbox: Mailbox, whose: str
) -> None:
    if whose == "forged":
        sign_up(signin, mailbox, SARA)
        sub = subject_of(signin, SARA)
        key, _ = new_key()  # not one of the service's keys
        hint = key.sign({"iss": SIGNIN_URL, "aud": "s-etukortti", "sub": sub, "exp": 2**31})
    else:
        hint = id_token_of(signin, mailbox, ELIAS)
        signin.cookies.clear()
        sign_up(signin, mailbox, SARA)
    asked = signin.get(
        logout_url(id_token_hint=hint, client_id="s-etukortti", post_logout_redirect_uri=BACK)
    )
    assert asked.status_code == 200
    assert "Vill du logga ut" in asked.text
    assert signed_in(signin)


def test_without_a_session_a_valid_request_just_returns(signin: TestClient) -> None:
    out = signin.get(logout_url(client_id="s-etukortti", post_logout_redirect_uri=BACK, state="z"))
    assert out.headers["location"] == f"{BACK}?state=z"


@pytest.mark.parametrize("page", ["/sv/", "/sv/account"])
def test_the_services_own_sign_out_is_one_click(
    signin: TestClient, mailbox: Mailbox, page: str
) -> None:
    """S-login's own "Logga ut" posts the session's token: no confirmation page, while a
    bare link from elsewhere still only asks (above)."""
    sign_up(signin, mailbox, SARA)
    shown = signin.get(page)
    assert shown.status_code == 200, shown.text
    assert '<form method="post" action="/logout"' in shown.text
    form = {name: html.unescape(value) for name, value in CONFIRM_FIELD.findall(shown.text)}
    assert form.get("csrf_token"), "the sign-out form carries no session token"
    done = signin.post("/logout", data=form, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert not signed_in(signin)
