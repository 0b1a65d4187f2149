"""Updated terms of use and privacy notice (C03): shown once after publishing, then never."""

from __future__ import annotations

import httpx

from .identity_fakes import FakeBank, FakeRegister
from .identity_flows import VAINO, back_at_client, create_s_login, form_token, link_with_bank
from .support import (
    Mailbox,
    TestClient,
    authorize_params,
    request_id,
    sign_up,
    submit_code,
    submit_email,
)

SARA = "sara.virtanen@example.com"
VERIFIER = "verifier-for-the-terms-tests-with-plenty-of-entropy-0123456789abc"


def _publish(client: TestClient, version: str = "2026-12") -> None:
    assert client.post("/_control/terms", json={"version": version}).json() == {"version": version}


def _sign_in_by_email(client: TestClient, mailbox: Mailbox, email: str = SARA) -> httpx.Response:
    """A fresh browser signs in to the account site's authorization request by email code."""
    client.cookies.clear()
    start = client.get(f"/authorize?{authorize_params(VERIFIER)}")
    rid = request_id(start)
    assert submit_email(client, email, request=rid).status_code == 303
    return submit_code(client, mailbox.latest_code(email), request=rid)


def _post_terms(client: TestClient, location: str, **form: str) -> httpx.Response:
    """Post the terms form with its session-bound token, as the browser would."""
    rid = request_id_of(location)
    data = {"request": rid, "csrf_token": form_token(client, "/sv/terms", request=rid), **form}
    response: httpx.Response = client.post("/sv/terms", data=data)
    return response


def _accept(client: TestClient, location: str) -> httpx.Response:
    return _post_terms(client, location, accept="yes")


def request_id_of(location: str) -> str:
    return location.partition("request=")[2]


def test_control_tells_and_publishes_the_version(s_login: TestClient) -> None:
    assert s_login.get("/_control/terms").json() == {"version": "2026-01"}
    _publish(s_login)
    assert s_login.get("/_control/terms").json() == {"version": "2026-12"}
    assert s_login.post("/_control/terms", json={"version": "next week"}).status_code == 422
    assert s_login.post("/_control/terms", json={"version": "x" * 65}).status_code == 422
    s_login.post("/_control/reset")
    assert s_login.get("/_control/terms").json() == {"version": "2026-01"}


def test_without_a_new_version_sign_in_goes_straight_to_the_client(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    assert back_at_client(_sign_in_by_email(s_login, mailbox))["state"] == "state-of-sara"


def test_terms_are_shown_once_after_publishing_and_acceptance_is_recorded(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    _publish(s_login)
    done = _sign_in_by_email(s_login, mailbox)
    location = done.headers["location"]
    assert location.startswith("/sv/terms?request=")
    assert "__Host-sid" in s_login.cookies
    page = s_login.get(location)
    assert page.status_code == 200
    assert "<h1>Vi har uppdaterat våra villkor</h1>" in page.text
    assert "Användarvillkor för S-gruppens digitala tjänster" in page.text
    assert "Integritetsmeddelande för kundregistret" in page.text
    assert '<label for="accept">Jag har läst de uppdaterade villkoren</label>' in page.text
    assert '<button type="submit">Godkänn och fortsätt</button>' in page.text
    accepted = _accept(s_login, location)
    assert back_at_client(accepted)["state"] == "state-of-sara"
    events = s_login.get(f"/_control/events?email={SARA}").json()
    assert [e["detail"] for e in events if e["type"] == "terms_accepted"] == [
        {"version": "2026-12"}
    ]
    # Never again: neither at the next sign-in nor by opening the page directly.
    again = _sign_in_by_email(s_login, mailbox)
    assert back_at_client(again)["state"] == "state-of-sara"
    assert s_login.get("/sv/terms").headers["location"] == "/sv/"


def test_acceptance_is_required(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    _publish(s_login)
    location = _sign_in_by_email(s_login, mailbox).headers["location"]
    refused = _post_terms(s_login, location)
    assert refused.status_code == 422
    assert "Du behöver godkänna villkoren för att fortsätta" in refused.text
    other = _post_terms(s_login, location, accept="no")
    assert other.status_code == 422
    types = [e["type"] for e in s_login.get(f"/_control/events?email={SARA}").json()]
    assert "terms_accepted" not in types
    assert s_login.get(location).status_code == 200, "the terms are still waiting"


def test_a_new_account_accepts_the_published_version(s_login: TestClient, mailbox: Mailbox) -> None:
    _publish(s_login)
    _, done = create_s_login(s_login, mailbox, SARA)
    assert "/link-card?" in done.headers["location"]
    assert back_at_client(_sign_in_by_email(s_login, mailbox))["state"] == "state-of-sara"


def test_versions_compare_in_natural_order(s_login: TestClient, mailbox: Mailbox) -> None:
    sign_up(s_login, mailbox, SARA)
    _publish(s_login, "2099-9")
    assert _accept(s_login, "/sv/terms").headers["location"] == "/sv/"
    _publish(s_login, "2099-10")
    assert _sign_in_by_email(s_login, mailbox).headers["location"].startswith("/sv/terms?")


def test_documents_show_their_version(s_login: TestClient) -> None:
    _publish(s_login, "2027-03")
    terms = s_login.get("/fi/terms/user-terms")
    assert "<h1>S-ryhmän digitaalisten palvelujen käyttöehdot</h1>" in terms.text
    assert "Versio 2027-03" in terms.text
    privacy = s_login.get("/sv/terms/privacy")
    assert "<h1>Integritetsmeddelande för kundregistret</h1>" in privacy.text
    assert "Version 2027-03" in privacy.text
    assert s_login.get("/sv/terms/cookies").status_code == 404


def test_terms_page_needs_a_session(s_login: TestClient) -> None:
    start = s_login.get(f"/authorize?{authorize_params(VERIFIER)}")
    rid = request_id(start)
    page = s_login.get(f"/sv/terms?request={rid}")
    assert page.headers["location"] == f"/sv/login?request={rid}"
    assert s_login.post("/sv/terms", data={"accept": "yes"}).status_code == 303


def test_terms_are_shown_after_bank_sign_in_too(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    link_with_bank(s_login, bank, VAINO, request=rid)
    _publish(s_login)
    s_login.cookies.clear()
    login_rid = request_id(s_login.get(f"/authorize?{authorize_params(VERIFIER)}"))
    started = s_login.get(f"/sv/login/bank?request={login_rid}")
    callback = s_login.get(bank.approve(started.headers["location"], VAINO))
    assert callback.headers["location"] == f"/sv/terms?request={login_rid}"
    assert back_at_client(_accept(s_login, callback.headers["location"]))["state"]


def test_a_live_session_meets_the_terms_at_the_next_authorization(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    sign_up(s_login, mailbox, SARA)
    _publish(s_login)
    start = s_login.get(f"/authorize?{authorize_params(VERIFIER)}")
    assert start.headers["location"] == f"/sv/terms?request={request_id(start)}"
    assert back_at_client(_accept(s_login, start.headers["location"]))["state"]
