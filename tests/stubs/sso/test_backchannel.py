"""Back-channel sign-out: each client that got a code in the ended session is told."""

from __future__ import annotations

from dataclasses import replace

from stub_services.common.logout_token import LogoutClaims, verify_logout_token
from stub_services.common.provider_metadata import OpenIdProvider
from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin
from tests.stubs.support import (
    SIGNIN_URL,
    Mailbox,
    TestClient,
    authorization_code,
    request_id,
    set_cookies,
    sign_out,
    sign_up,
    submit_code,
    submit_email,
)

from .support import (
    ETUKORTTI_INTERNAL,
    SARA,
    SHOPS_INTERNAL,
    VERIFIER,
    RelyingParties,
    card_site_id_token,
    event_details,
    event_types,
    shop_id_token,
    silent_code,
)


# Back-channel sign-out -------------------------------------------------------------------
def _signed_in_at_card_site_prisma_and_sokos(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings
) -> dict[str, str]:
    """Sara signs in at S-Etukortti; Prisma and Sokos sign her in silently. Returns the ID
    token claims of the card site."""
    claims = card_site_id_token(login, authorization_code(login, mailbox, SARA, VERIFIER))
    for shop in ("prisma", "sokos"):
        shop_id_token(login, sso_settings, shop, silent_code(login, shop))
    return claims


def test_sign_out_sends_a_logout_token_to_each_client_of_the_session(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    claims = _signed_in_at_card_site_prisma_and_sokos(login, mailbox, sso_settings)
    out = sign_out(
        login, "/logout?client_id=prisma&post_logout_redirect_uri=https://prisma.test/sv/"
    )
    assert out.headers["location"] == "https://prisma.test/sv/"
    urls = sorted(str(r.url) for r in rps.received)
    assert urls == [
        f"{SHOPS_INTERNAL}/backchannel-logout",
        f"{SHOPS_INTERNAL}/backchannel-logout",
        f"{ETUKORTTI_INTERNAL}/backchannel-logout",
    ]
    tokens = rps.tokens()
    assert set(tokens) == {"prisma.test", "sokos.test", "127.0.0.1:8444"}
    provider = OpenIdProvider(login, SIGNIN_URL)  # its discovery document and JWKS only
    for host, client_id in (
        ("prisma.test", "prisma"),
        ("sokos.test", "sokos"),
        ("127.0.0.1:8444", "s-etukortti"),
    ):
        verified = verify_logout_token(tokens[host], provider, client_id)
        assert verified == LogoutClaims(sub=claims["sub"], sid=claims["sid"])
    for request in rps.received:
        assert request.extensions["timeout"] == dict.fromkeys(
            ("connect", "read", "write", "pool"), 3.0
        ), "each client gets three seconds"
        assert request.method == "POST"
        assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    sent = sorted(e["client_id"] for e in event_details(login, SARA, "backchannel_sent"))
    assert sent == ["prisma", "s-etukortti", "sokos"]
    assert "backchannel_failed" not in event_types(login, SARA)


def test_only_clients_that_got_a_code_in_that_session_are_told(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    sign_up(login, mailbox, SARA)
    silent_code(login, "abc")  # a code is a code, exchanged or not
    other_browser = login.cookies.get("__Host-sid", domain="login.s-ryhma.test")
    login.cookies.clear()
    sent = submit_email(login, SARA)
    submit_code(login, mailbox.latest_code(SARA), request=request_id(sent))
    silent_code(login, "sokoshotels")
    sign_out(login, "/logout")
    assert [r.headers["host"] for r in rps.received] == ["sokoshotels.test"]
    # The other browser's session lives on, and is told about only when it ends.
    login.cookies.clear()
    login.cookies.set("__Host-sid", str(other_browser), domain="login.s-ryhma.test")
    assert f"Inloggad som {SARA}" in login.get("/sv/").text
    sign_out(login, "/logout")
    assert [r.headers["host"] for r in rps.received] == ["sokoshotels.test", "abc.test"]


def test_sign_out_without_clients_sends_nothing(
    login: TestClient, mailbox: Mailbox, rps: RelyingParties
) -> None:
    sign_up(login, mailbox, SARA)
    sign_out(login, "/logout")
    assert rps.received == []
    sign_out(login, "/logout")  # no session any more: nothing to tell
    assert rps.received == []


def test_a_failing_client_does_not_stop_the_sign_out(
    login: TestClient, mailbox: Mailbox, sso_settings: Settings, rps: RelyingParties
) -> None:
    _signed_in_at_card_site_prisma_and_sokos(login, mailbox, sso_settings)
    rps.refusing.add("prisma.test")
    rps.failing.add("sokos.test")
    out = sign_out(
        login, "/logout?client_id=s-etukortti&post_logout_redirect_uri=https://s-etukortti.test/fi/"
    )
    assert out.status_code == 303
    assert out.headers["location"] == "https://s-etukortti.test/fi/"
    assert set_cookies(out)["__Host-sid"].attributes.get("max-age") == "0"
    assert "Inloggad som" not in login.get("/sv/").text
    failed = {e["client_id"]: e["error"] for e in event_details(login, SARA, "backchannel_failed")}
    assert set(failed) == {"prisma", "sokos"}
    assert "ConnectError" in failed["prisma"]
    assert failed["sokos"] == "HTTP 500"
    sent = [e["client_id"] for e in event_details(login, SARA, "backchannel_sent")]
    assert sent == ["s-etukortti"]
    assert event_types(login, SARA).index("signed_out") < event_types(login, SARA).index(
        "backchannel_failed"
    )


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
        silent_code(client, "prisma")
        out = sign_out(
            client, "/logout?client_id=prisma&post_logout_redirect_uri=https://prisma.test/en/"
        )
        assert out.headers["location"] == "https://prisma.test/en/"
        failed = event_details(client, SARA, "backchannel_failed")
        assert [e["client_id"] for e in failed] == ["prisma"]
