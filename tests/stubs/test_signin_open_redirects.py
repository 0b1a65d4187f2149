"""No parameter of the sign-in service sends the browser to a place that is not registered:
redirect URIs, post-logout URIs and card-linking return URLs match exactly, or the service
shows its own 400 page (or, for sign-out, its own home)."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest

from .support import Mailbox, TestClient, pkce_challenge, sign_up

SARA = "sara.virtanen@example.com"
VERIFIER = "verifier-of-the-open-redirect-tests-with-plenty-of-entropy-012345"

# Places a browser must never be sent to on behalf of Prisma.
FOREIGN = [
    "https://evil.test/callback",
    "//evil.test/callback",
    "https://prisma.test.evil.test/callback",
    "https://evil.test@prisma.test/callback",
    "https://prisma.test@evil.test/callback",
    "javascript:alert(document.domain)",
    "https://prisma.test/other",  # a registered origin, another path
    "https://prisma.test/callback/",
    "https://prisma.test/callback?next=https://evil.test/",
    "https://prisma.test/callback#x",
    "http://prisma.test/callback",
    "https://PRISMA.test/callback",
    "https://prisma.test:8443/callback",
    "https://sokos.test/callback",  # another client's redirect URI
    "/callback",
    "",
]


def _authorize(client_id: str, redirect_uri: str, **extra: str) -> str:
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": "state-of-prisma",
        "nonce": "nonce-of-prisma",
        "code_challenge": pkce_challenge(VERIFIER),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
        **extra,
    }
    return f"/authorize?{urlencode(params)}"


def _assert_refused_here(page: httpx.Response) -> None:
    assert page.status_code == 400, page.headers.get("location")
    assert "location" not in page.headers
    assert "<h1>Ogiltig inloggningsbegäran</h1>" in page.text


@pytest.mark.parametrize("redirect_uri", FOREIGN)
def test_unregistered_redirect_uri_is_a_400_page(signin: TestClient, redirect_uri: str) -> None:
    for prompt in ("", "none", "create", "login"):
        extra = {"prompt": prompt} if prompt else {}
        _assert_refused_here(signin.get(_authorize("prisma", redirect_uri, **extra)))


@pytest.mark.parametrize("redirect_uri", ["https://evil.test/callback", "//evil.test/x"])
def test_unregistered_redirect_uri_is_refused_even_with_a_live_session(
    signin: TestClient, mailbox: Mailbox, redirect_uri: str
) -> None:
    sign_up(signin, mailbox, SARA)
    for prompt in ("", "none"):
        extra = {"prompt": prompt} if prompt else {}
        _assert_refused_here(signin.get(_authorize("prisma", redirect_uri, **extra)))


def test_errors_before_the_redirect_uri_is_checked_do_not_redirect(signin: TestClient) -> None:
    """A bad response type or PKCE is reported to the client only at a verified URI."""
    bad = _authorize("prisma", "https://evil.test/cb", response_type="token")
    _assert_refused_here(signin.get(bad))
    plain = _authorize("prisma", "https://evil.test/cb", code_challenge_method="plain")
    _assert_refused_here(signin.get(plain))


@pytest.mark.parametrize("client_id", ["", "evil", "PRISMA", "prisma "])
def test_unknown_client_is_a_400_page(signin: TestClient, client_id: str) -> None:
    _assert_refused_here(signin.get(_authorize(client_id, "https://prisma.test/callback")))


def test_the_registered_redirect_uris_are_accepted(signin: TestClient) -> None:
    for uri in ("https://prisma.test/callback", "https://prisma.test/sso/callback"):
        start = signin.get(_authorize("prisma", uri))
        assert start.status_code == 303
        assert start.headers["location"].startswith("/sv/login?request=")


# Sign-out -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "post_logout",
    [
        "https://evil.test/",
        "//evil.test/",
        "https://prisma.test.evil.test/sv/",
        "https://evil.test@prisma.test/sv/",
        "javascript:alert(1)",
        "https://prisma.test/sv/profile",  # a registered origin, another path
        "https://prisma.test/de/",
        "https://sokos.test/sv/",  # another client's post-logout URI
        "https://prisma.test/callback",  # a redirect URI is not a post-logout URI
    ],
)
def test_sign_out_with_a_foreign_post_logout_uri_is_refused(
    signin: TestClient, mailbox: Mailbox, post_logout: str
) -> None:
    """RP-Initiated Logout 1.0: never a redirect to an unregistered URI. The request is
    refused as a whole (as /authorize refuses an unknown redirect URI), so the session
    stays; the user can still sign out from the service's own page."""
    sign_up(signin, mailbox, SARA)
    asked = {"client_id": "prisma", "post_logout_redirect_uri": post_logout, "ui_locales": "fi"}
    for out in (signin.get(f"/logout?{urlencode(asked)}"), signin.post("/logout", data=asked)):
        assert out.status_code == 400
        assert "location" not in out.headers
    assert "Inloggad som" in signin.get("/sv/").text


def test_sign_out_needs_the_client_that_registered_the_uri(signin: TestClient) -> None:
    without_client = signin.get("/logout?post_logout_redirect_uri=https://prisma.test/sv/")
    assert without_client.status_code == 400
    unknown = signin.get(
        "/logout?client_id=evil&post_logout_redirect_uri=https://prisma.test/sv/&ui_locales=en"
    )
    assert unknown.status_code == 400
    assert "location" not in unknown.headers


def test_sign_out_to_a_registered_uri_keeps_the_state(signin: TestClient) -> None:
    out = signin.get(
        "/logout?client_id=yhteishyva"
        "&post_logout_redirect_uri=https://xn--yhteishyv-32a.test/en/&state=s1"
    )
    assert out.headers["location"] == "https://xn--yhteishyv-32a.test/en/?state=s1"


# Card-linking return URLs ---------------------------------------------------------------
@pytest.mark.parametrize(
    "return_url",
    [
        "https://evil.test/sv/profile",
        "//evil.test/sv/profile",
        "https://prisma.test.evil.test/sv/profile",
        "https://evil.test@prisma.test/sv/profile",
        "javascript:alert(1)",
        "https://prisma.test/sv/orders/1",  # a registered origin, another path
        "https://prisma.test/sv/profile?next=https://evil.test/",
        "https://prisma.test/de/profile",
        "https://s-etukortti.test/sv/callback",
        "https://login.s-ryhma.test/sv/",
    ],
)
def test_link_card_return_must_be_a_registered_page(signin: TestClient, return_url: str) -> None:
    for path in ("/sv/link-card", "/sv/link-card/continue", "/sv/link-card/done"):
        _assert_refused_here(signin.get(path, params={"return": return_url}))
    posted = signin.post("/sv/link-card", data={"return": return_url, "kind": "person"})
    _assert_refused_here(posted)


@pytest.mark.parametrize(
    "return_url",
    [
        "https://prisma.test/sv/profile",
        "https://s-kaupat.test/fi/profile",
        "https://xn--yhteishyv-32a.test/en/profile",
        "https://s-etukortti.test/sv/profile",
        "https://s-etukortti.test/fi/benefits",
    ],
)
def test_link_card_returns_to_the_registered_profile_pages(
    signin: TestClient, mailbox: Mailbox, return_url: str
) -> None:
    sign_up(signin, mailbox, SARA)
    form = signin.get("/sv/link-card", params={"return": return_url})
    assert form.status_code == 200
    onward = signin.get("/sv/link-card/continue", params={"return": return_url})
    assert onward.status_code == 303
    assert onward.headers["location"] == return_url
