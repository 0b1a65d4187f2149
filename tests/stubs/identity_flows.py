"""Steps of the identity flows over HTTP, shared by the card, bank and phone tests."""

from __future__ import annotations

import re

import httpx

from .identity_fakes import FakeBank
from .support import (
    REDIRECT_URI,
    Mailbox,
    TestClient,
    authorize_params,
    query_of,
    request_id,
    submit_code,
    submit_email,
)

VERIFIER = "verifier-of-the-account-site-with-plenty-of-entropy-0123456789"
VAINO = "070770-905D"
TESSA = "010280-952L"
BUSINESS_ID = "2077474-0"
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(client: TestClient, path: str, **params: str) -> str:
    """The session-bound token of a signed-in form, read from its page as a browser would;
    "" when the page shows no such form (for example, nobody is signed in)."""
    page = client.get(path, params={k: v for k, v in params.items() if v})
    match = _CSRF_FIELD.search(page.text)
    return match.group(1) if match else ""


def create_s_login(client: TestClient, mailbox: Mailbox, email: str) -> tuple[str, httpx.Response]:
    """Sign up through the account site's authorization request; returns its ID and the
    response to the right code (the offer to link a card)."""
    start = client.get(f"/authorize?{authorize_params(VERIFIER, prompt='create')}")
    rid = request_id(start)
    assert submit_email(client, email, intent="create", request=rid).status_code == 303
    return rid, submit_code(client, mailbox.latest_code(email), request=rid)


def start_linking(
    client: TestClient, *, request: str = "", return_url: str = "", **form: str
) -> httpx.Response:
    token = form_token(client, "/sv/link-card", request=request, **{"return": return_url})
    data = {"request": request, "return": return_url, "kind": "person", "csrf_token": token}
    data.update(form)
    response: httpx.Response = client.post("/sv/link-card", data=data)
    return response


def link_with_bank(
    client: TestClient, bank: FakeBank, hetu: str, *, request: str = "", **form: str
) -> httpx.Response:
    """Submit the link form, identify at the (fake) bank and return the callback's response."""
    started = start_linking(client, request=request, **form)
    assert started.status_code == 303, started.text
    response: httpx.Response = client.get(bank.approve(started.headers["location"], hetu))
    return response


def back_at_client(response: httpx.Response) -> dict[str, str]:
    location = response.headers["location"]
    assert location.startswith(f"{REDIRECT_URI}?"), location
    return query_of(location)


def events_of(client: TestClient, email: str) -> list[str]:
    return [str(e["type"]) for e in client.get(f"/_control/events?email={email}").json()]


def sign_up_on_card_site(
    card_site: TestClient, s_login: TestClient, mailbox: Mailbox, email: str
) -> None:
    """Create an S-login from the account site, skip card linking, land on "Mina uppgifter"."""
    start = card_site.get("/sv/login?create=1")
    rid = query_of(s_login.get(start.headers["location"]).headers["location"])["request"]
    s_login.post("/sv/login/email", data={"email": email, "intent": "create", "request": rid})
    s_login.post("/sv/login/code", data={"code": mailbox.latest_code(email), "request": rid})
    back = s_login.get(f"/sv/link-card/continue?request={rid}")
    assert card_site.get(back.headers["location"]).headers["location"] == "/sv/profile"
