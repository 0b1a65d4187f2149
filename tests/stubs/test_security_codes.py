"""One-time codes and authorization codes resist guessing: send caps per recipient (one
budget per account across email and text messages), the per-client limit on wrong codes,
no lockout of the owner by others, the resend cool-down, codes from the CSPRNG, and OIDC
codes that are single use, short-lived and bound to PKCE, state and nonce.

The per-code rules (single use, ten minutes, five tries) are proven in test_signin_codes.py.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator

import httpx
import pytest

from stub_services.signin.limits import SEND_LIMIT_DAY, SEND_LIMIT_WINDOW

from .identity_fakes import FakeSms
from .identity_flows import form_token
from .support import (
    CODE_LINE,
    REDIRECT_URI,
    SIGNIN_URL,
    Mailbox,
    TestClient,
    authorization_code,
    authorize_params,
    exchange,
    query_of,
    request_id,
    set_cookies,
    sign_up,
    submit_code,
    submit_email,
    text_of,
)

SARA = "sara.virtanen@example.com"
OLLI = "olli.korhonen@example.com"  # has no S-login
LIMITED = "För många felaktiga försök. Vänta en stund och försök sedan igen."
WINDOW_SECONDS = 15 * 60
VERIFIER = "verifier-of-the-code-security-tests-with-plenty-of-entropy-012345"

Browser = Callable[[str], TestClient]


@pytest.fixture
def browser_at(signin: TestClient) -> Iterator[Browser]:
    """A new browser (own cookie jar) whose requests come from the given network address."""
    opened: list[TestClient] = []

    def open_browser(ip: str) -> TestClient:
        client = TestClient(
            signin.app, base_url=SIGNIN_URL, follow_redirects=False, client=(ip, 50000)
        )
        opened.append(client)
        return client

    yield open_browser
    for client in opened:
        client.close()


def _other(code: str) -> str:
    return f"{(int(code) + 1) % 10_000:04d}"


def _mailed_code(mailbox: Mailbox, address: str) -> str | None:
    match = CODE_LINE.search(text_of(mailbox.to(address)[-1]))
    return match.group(1) if match else None


def _wrong_codes(browser: TestClient, mailbox: Mailbox, address: str, times: int) -> None:
    """Ask for a code as a new visitor and enter `times` (at most 5) wrong ones."""
    browser.cookies.clear()
    rid = request_id(submit_email(browser, address))
    wrong = _other(_mailed_code(mailbox, address) or "0000")
    statuses = [submit_code(browser, wrong, request=rid).status_code for _ in range(times)]
    assert set(statuses) <= {400, 429}, statuses
    assert 429 not in statuses[:4], "the limit came before the tenth wrong code"


def _right_code(browser: TestClient, mailbox: Mailbox, address: str) -> httpx.Response:
    """Ask for a new code as a new visitor and enter it."""
    browser.cookies.clear()
    rid = request_id(submit_email(browser, address))
    code = _mailed_code(mailbox, address)
    assert code is not None, f"{address} got no code"
    return submit_code(browser, code, request=rid)


def _signed_in(browser: TestClient) -> bool:
    return "Inloggad som" in browser.get("/sv/").text


def _limits_hit(signin: TestClient, address: str) -> list[str]:
    events = signin.get(f"/_control/events?email={address}").json()
    return [e["detail"]["limit"] for e in events if e["type"] == "code_rate_limited"]


# Per address: sends are capped, and nobody can lock the owner out ------------------------
def test_a_victims_own_code_works_after_fifty_wrong_guesses_by_others(
    signin: TestClient, mailbox: Mailbox, browser_at: Browser
) -> None:
    sign_up(signin, mailbox, SARA)
    sara = browser_at("198.51.100.7")
    sara_request = request_id(submit_email(sara, SARA))
    sara_code = _mailed_code(mailbox, SARA)
    for n in range(10):  # fifty wrong guesses from ten networks, on their own transactions
        _wrong_codes(browser_at(f"203.0.113.{n + 1}"), mailbox, SARA, 5)
    assert submit_code(sara, sara_code or "", request=sara_request).status_code == 303
    assert _signed_in(sara)


def test_nine_wrong_codes_still_let_the_right_one_in(
    signin: TestClient, mailbox: Mailbox, browser_at: Browser
) -> None:
    sign_up(signin, mailbox, SARA)
    sara = browser_at("198.51.100.7")
    _wrong_codes(sara, mailbox, SARA, 5)
    sara.cookies.clear()
    rid = request_id(submit_email(sara, SARA))
    code = _mailed_code(mailbox, SARA) or ""
    for _ in range(4):
        assert submit_code(sara, _other(code), request=rid).status_code == 400
    assert submit_code(sara, code, request=rid).status_code == 303


def _capped(signin: TestClient, address: str) -> list[str]:
    events = signin.get(f"/_control/events?email={address}").json()
    return [e["detail"]["limit"] for e in events if e["type"] == "code_send_capped"]


def test_a_hundred_cookieless_requests_mail_at_most_the_cap(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    for _ in range(100):  # no cookie, no request id: as the plain /sv/login form sends
        signin.cookies.clear()
        assert submit_email(signin, SARA).status_code == 303
    assert len(mailbox.to(SARA)) <= SEND_LIMIT_WINDOW
    assert _capped(signin, SARA)[0] == "recipient"
    signin.post("/_control/clock/advance", json={"seconds": WINDOW_SECONDS + 1})
    for _ in range(100):
        signin.cookies.clear()
        submit_email(signin, SARA)
    assert len(mailbox.to(SARA)) == SEND_LIMIT_DAY, "the daily cap holds across windows"


def _sent_page(browser: TestClient, address: str) -> tuple[int, str, bool]:
    browser.cookies.clear()
    sent = submit_email(browser, address)
    location = re.sub(r"request=[A-Za-z]+", "request=ID", sent.headers["location"])
    return sent.status_code, location, "__Host-login_tx" in set_cookies(sent)


def test_a_capped_request_gets_the_answer_of_a_sent_one(
    signin: TestClient, mailbox: Mailbox, browser_at: Browser
) -> None:
    sign_up(signin, mailbox, SARA)
    browser = browser_at("203.0.113.1")
    answers = {_sent_page(browser, address) for address in (SARA, OLLI) for _ in range(8)}
    assert len(answers) == 1, answers
    assert _capped(signin, SARA)
    assert _capped(signin, OLLI)
    assert len(mailbox.to(OLLI)) == SEND_LIMIT_WINDOW


def _confirmed_number(s_login: TestClient, mailbox: Mailbox, sms: FakeSms, number: str) -> None:
    sign_up(s_login, mailbox, SARA)
    token = form_token(s_login, "/sv/account/phone")
    s_login.post("/sv/account/phone", data={"phone": number, "csrf_token": token})
    confirm = {"code": sms.latest_code(number), "csrf_token": token}
    assert s_login.post("/sv/account/phone/confirm", data=confirm).status_code == 303


def test_a_hundred_text_message_requests_send_at_most_the_cap(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    number = "+358401234567"
    _confirmed_number(s_login, mailbox, sms, number)
    texts_before = len(sms.messages)
    for _ in range(100):
        s_login.cookies.clear()
        sent = s_login.post("/sv/login/sms", data={"phone": number, "request": ""})
        assert sent.status_code == 303
    # The sign-up mail counts against the same account: one budget for mail and texts.
    assert len(sms.messages) - texts_before == SEND_LIMIT_WINDOW - 1


def test_email_and_text_messages_share_one_guess_budget(
    s_login: TestClient, mailbox: Mailbox, sms: FakeSms
) -> None:
    number = "+358401234567"
    _confirmed_number(s_login, mailbox, sms, number)
    for _ in range(SEND_LIMIT_WINDOW - 1):  # with the sign-up mail: the window's cap
        s_login.cookies.clear()
        s_login.post("/sv/login/sms", data={"phone": number, "request": ""})
    mails = len(mailbox.to(SARA))
    s_login.cookies.clear()
    assert submit_email(s_login, SARA).status_code == 303
    assert len(mailbox.to(SARA)) == mails, "the text messages used the account's budget"


# Per client -----------------------------------------------------------------------------
def test_thirty_wrong_codes_from_one_network_address_block_its_code_checks(
    signin: TestClient, mailbox: Mailbox, browser_at: Browser
) -> None:
    sign_up(signin, mailbox, SARA)
    guesser = browser_at("203.0.113.66")
    for n in range(6):  # five wrong codes each: no address reaches its own limit
        _wrong_codes(guesser, mailbox, f"olli.{n}@example.com", 5)

    refused = _right_code(guesser, mailbox, SARA)
    assert refused.status_code == 429
    assert LIMITED in refused.text
    assert _limits_hit(signin, SARA) == ["client"]
    # Another network is not affected, nor is this one after the window.
    assert _right_code(browser_at("198.51.100.7"), mailbox, SARA).status_code == 303
    signin.post("/_control/clock/advance", json={"seconds": WINDOW_SECONDS + 1})
    assert _right_code(guesser, mailbox, SARA).status_code == 303


# Resend cool-down -------------------------------------------------------------------------
def test_a_new_code_is_mailed_only_thirty_seconds_after_the_last(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    signin.cookies.clear()
    first = submit_email(signin, SARA)
    rid = request_id(first)
    token = set_cookies(first)["__Host-login_tx"].value
    mails = len(mailbox.to(SARA))

    signin.post("/_control/clock/advance", json={"seconds": 29})
    again = submit_email(signin, SARA, request=rid)
    assert again.headers["location"] == first.headers["location"]
    assert set_cookies(again)["__Host-login_tx"].value == token
    assert len(mailbox.to(SARA)) == mails, "a second code within 30 s"

    signin.post("/_control/clock/advance", json={"seconds": 2})
    later = submit_email(signin, SARA, request=rid)
    assert set_cookies(later)["__Host-login_tx"].value != token
    assert len(mailbox.to(SARA)) == mails + 1
    assert submit_code(signin, mailbox.latest_code(SARA), request=rid).status_code == 303


# Where codes come from ----------------------------------------------------------------------
def test_codes_are_drawn_from_the_secrets_module(
    signin: TestClient, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    bounds: list[int] = []
    draws = iter([7, 4242])

    def randbelow(bound: int) -> int:
        bounds.append(bound)
        return next(draws)

    monkeypatch.setattr(secrets, "randbelow", randbelow)
    submit_email(signin, "elias.a@example.com", intent="create")
    signin.cookies.clear()
    submit_email(signin, "elias.b@example.com", intent="create")
    assert mailbox.latest_code("elias.a@example.com") == "0007"
    assert mailbox.latest_code("elias.b@example.com") == "4242"
    assert bounds == [10_000, 10_000], "every code is one draw over all 10 000 values"


# Authorization codes (OIDC) -------------------------------------------------------------------
def test_an_authorization_code_works_once_and_for_sixty_seconds(
    signin: TestClient, mailbox: Mailbox
) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    signin.post("/_control/clock/advance", json={"seconds": 58})
    assert exchange(signin, code, VERIFIER).status_code == 200
    replay = exchange(signin, code, VERIFIER)
    assert (replay.status_code, replay.json()["error"]) == (400, "invalid_grant")

    signin.cookies.clear()
    late = authorization_code(signin, mailbox, "sara.k@example.com", VERIFIER)
    signin.post("/_control/clock/advance", json={"seconds": 61})
    expired = exchange(signin, late, VERIFIER)
    assert (expired.status_code, expired.json()["error"]) == (400, "invalid_grant")


@pytest.mark.parametrize(
    "overrides",
    [
        {"code_challenge": ""},
        {"code_challenge": "too-short"},
        {"code_challenge_method": "plain"},
        {"code_challenge_method": ""},
        {"state": ""},
        {"nonce": ""},
    ],
    ids=["no-challenge", "short-challenge", "plain", "no-method", "no-state", "no-nonce"],
)
def test_authorization_requests_need_pkce_state_and_nonce(
    signin: TestClient, overrides: dict[str, str]
) -> None:
    refused = signin.get(f"/authorize?{authorize_params(VERIFIER, **overrides)}")
    assert refused.status_code == 303
    location = refused.headers["location"]
    assert location.startswith(f"{REDIRECT_URI}?"), location
    query = query_of(location)
    assert query["error"] == "invalid_request"
    assert "code" not in query
    assert query.get("state", "") == overrides.get("state", "state-of-sara")


@pytest.mark.parametrize("verifier", ["", VERIFIER + "x", "another-verifier-" * 3])
def test_a_code_is_exchanged_only_with_its_own_pkce_verifier(
    signin: TestClient, mailbox: Mailbox, verifier: str
) -> None:
    code = authorization_code(signin, mailbox, SARA, VERIFIER)
    refused = exchange(signin, code, verifier)
    assert (refused.status_code, refused.json()["error"]) == (400, "invalid_grant")
    # A refused exchange spends the code: the right verifier is too late now.
    assert exchange(signin, code, VERIFIER).status_code == 400
