"""The email-code rules: single use, ten-minute expiry, five attempts, resend cool-down."""

from __future__ import annotations

from .support import Mailbox, TestClient, request_id, sign_up, submit_code, submit_email

SARA = "sara.virtanen@example.com"


def _known_sara(signin: TestClient, mailbox: Mailbox) -> None:
    assert sign_up(signin, mailbox, SARA).status_code == 303
    signin.cookies.clear()


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10_000:04d}"


def test_right_code_signs_in_and_lands_on_home_without_client(
    signin: TestClient, mailbox: Mailbox
) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/sv/login/code?request={request_id(sent)}"
    done = submit_code(signin, mailbox.latest_code(SARA), request=request_id(sent))
    assert done.status_code == 303
    assert done.headers["location"] == "/sv/"
    assert f"Inloggad som {SARA}" in signin.get("/sv/").text


def test_code_works_only_once(signin: TestClient, mailbox: Mailbox) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    tx_cookie = signin.cookies["__Host-login_tx"]
    code = mailbox.latest_code(SARA)
    assert submit_code(signin, code, request=request_id(sent)).status_code == 303
    # A browser loses the cookie at success; a replayed cookie meets a spent code.
    signin.cookies.set("__Host-login_tx", tx_cookie, domain="login.s-ryhma.test")
    again = submit_code(signin, code, request=request_id(sent))
    assert again.status_code == 400
    assert "Koden har redan använts. Begär en ny kod." in again.text


def test_code_expires_after_ten_minutes_of_service_time(
    signin: TestClient, mailbox: Mailbox
) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    code = mailbox.latest_code(SARA)
    assert signin.post("/_control/clock/advance", json={"seconds": 601}).status_code == 200
    late = submit_code(signin, code, request=request_id(sent))
    assert late.status_code == 400
    assert "Koden har gått ut. Begär en ny kod." in late.text
    assert "code_expired" in [
        e["type"] for e in signin.get(f"/_control/events?email={SARA}").json()
    ]


def test_code_still_valid_just_before_ten_minutes(signin: TestClient, mailbox: Mailbox) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    signin.post("/_control/clock/advance", json={"seconds": 590})
    assert (
        submit_code(signin, mailbox.latest_code(SARA), request=request_id(sent)).status_code == 303
    )


def test_wrong_code_asks_to_try_again(signin: TestClient, mailbox: Mailbox) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    wrong = submit_code(signin, _wrong(mailbox.latest_code(SARA)), request=request_id(sent))
    assert wrong.status_code == 400
    assert "Fel kod. Försök igen." in wrong.text
    assert "Ange bekräftelsekoden" in wrong.text


def test_fifth_wrong_code_ends_the_code(signin: TestClient, mailbox: Mailbox) -> None:
    _known_sara(signin, mailbox)
    sent = submit_email(signin, SARA)
    code = mailbox.latest_code(SARA)
    statuses = [
        submit_code(signin, _wrong(code), request=request_id(sent)).status_code for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    # Even the right code is refused now.
    after = submit_code(signin, code, request=request_id(sent))
    assert after.status_code == 429
    assert "För många felaktiga försök. Begär en ny kod." in after.text
    types = [e["type"] for e in signin.get(f"/_control/events?email={SARA}").json()]
    assert types.count("code_locked") == 1


def test_resend_within_cool_down_sends_no_second_mail(signin: TestClient, mailbox: Mailbox) -> None:
    _known_sara(signin, mailbox)
    first = submit_email(signin, SARA)
    second = submit_email(signin, SARA, request=request_id(first))
    assert (first.status_code, second.status_code) == (303, 303)
    assert second.headers["location"] == first.headers["location"]
    assert len(mailbox.to(SARA)) == 2  # the sign-up mail and the first sign-in mail
    signin.post("/_control/clock/advance", json={"seconds": 31})
    third = submit_email(signin, SARA, request=request_id(first))
    assert third.status_code == 303
    assert len(mailbox.to(SARA)) == 3


def test_codes_are_four_digits_and_vary(signin: TestClient, mailbox: Mailbox) -> None:
    for n in range(8):
        signin.cookies.clear()
        submit_email(signin, f"elias.{chr(97 + n)}@example.com", intent="create")
    codes = {mailbox.latest_code(f"elias.{chr(97 + n)}@example.com") for n in range(8)}
    assert all(len(c) == 4 and c.isdigit() for c in codes)
    assert len(codes) > 1
