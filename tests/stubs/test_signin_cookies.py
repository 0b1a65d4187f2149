"""Cookie attributes of __Host-login_tx and __Host-sid, session rotation and sign-out."""

from __future__ import annotations

import base64

from .support import (
    Mailbox,
    TestClient,
    request_id,
    set_cookies,
    sign_out,
    sign_up,
    submit_code,
    submit_email,
)

SARA = "sara.virtanen@example.com"


def _assert_host_cookie(attributes: dict[str, str]) -> None:
    assert "secure" in attributes
    assert "httponly" in attributes
    assert attributes.get("samesite", "").lower() == "lax"
    assert attributes.get("path") == "/"
    assert "domain" not in attributes


def test_transaction_cookie_is_a_host_cookie_for_ten_minutes(signin: TestClient) -> None:
    sent = submit_email(signin, SARA, intent="create")
    cookie = set_cookies(sent)["__Host-login_tx"]
    _assert_host_cookie(cookie.attributes)
    assert cookie.attributes["max-age"] == "600"
    assert len(cookie.value) >= 43


def test_session_cookie_is_a_256_bit_host_cookie_and_tx_cookie_is_cleared(
    signin: TestClient, mailbox: Mailbox
) -> None:
    done = sign_up(signin, mailbox, SARA)
    cookies = set_cookies(done)
    sid = cookies["__Host-sid"]
    _assert_host_cookie(sid.attributes)
    assert len(base64.urlsafe_b64decode(sid.value + "=")) == 32
    cleared = cookies["__Host-login_tx"]
    assert cleared.attributes.get("max-age") == "0"
    _assert_host_cookie(cleared.attributes)


def test_each_sign_in_issues_a_new_session_and_ends_the_old_one(
    signin: TestClient, mailbox: Mailbox
) -> None:
    first_sid = set_cookies(sign_up(signin, mailbox, SARA))["__Host-sid"].value
    sent = submit_email(signin, SARA)
    done = submit_code(signin, mailbox.latest_code(SARA), request=request_id(sent))
    second_sid = set_cookies(done)["__Host-sid"].value
    assert second_sid != first_sid
    signin.cookies.clear()
    signin.cookies.set("__Host-sid", first_sid, domain="login.s-ryhma.test")
    assert "Inloggad som" not in signin.get("/sv/").text
    signin.cookies.set("__Host-sid", second_sid, domain="login.s-ryhma.test")
    assert f"Inloggad som {SARA}" in signin.get("/sv/").text


def test_sign_out_ends_the_session_on_the_server(signin: TestClient, mailbox: Mailbox) -> None:
    sid = set_cookies(sign_up(signin, mailbox, SARA))["__Host-sid"].value
    out = sign_out(signin, "/logout?ui_locales=fi")
    assert out.status_code == 303
    assert out.headers["location"] == "/fi/"
    assert set_cookies(out)["__Host-sid"].attributes.get("max-age") == "0"
    # Replaying the old cookie does not bring the session back.
    signin.cookies.set("__Host-sid", sid, domain="login.s-ryhma.test")
    assert "Inloggad som" not in signin.get("/sv/").text
    types = [e["type"] for e in signin.get(f"/_control/events?email={SARA}").json()]
    assert types[-1] == "signed_out"
