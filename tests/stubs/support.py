"""Helpers for the stub tests: in-process clients, mail capture, cookie parsing, OIDC steps."""

from __future__ import annotations

import base64
import hashlib
import re
import warnings
from collections.abc import Generator
from dataclasses import dataclass, field
from email.message import EmailMessage
from html import unescape as html_unescape
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

with warnings.catch_warnings():
    # Starlette nudges towards httpx2; the httpx-based TestClient is what is installed here.
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient as BareTestClient

SIGNIN_URL = "https://login.s-ryhma.test"
ETUKORTTI_URL = "https://s-etukortti.test"
REDIRECT_URI = f"{ETUKORTTI_URL}/callback"
TEST_SECRET = "client-secret-of-the-account-site-in-tests"
CODE_LINE = re.compile(r"^(\d{4})$", re.MULTILINE)

__all__ = ["BareTestClient", "TestClient"]


class _ControlToken(httpx.Auth):
    """The app's control token on `/_control/…` requests that carry no Authorization of
    their own, as the harness's clients send the world's (harness/clients/control.py)."""

    def __init__(self, client: BareTestClient) -> None:
        self.client = client

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response]:
        token = getattr(getattr(self.client.app, "state", None), "control_token", None)
        if (
            token
            and request.url.path.startswith("/_control")
            and "authorization" not in (request.headers)
        ):
            request.headers["Authorization"] = f"Bearer {token}"
        yield request


class TestClient(BareTestClient):
    """Starlette's test client that, like the harness, knows the stub's control token;
    `BareTestClient` is one that does not (a test of the guard itself)."""

    __test__ = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.auth = _ControlToken(self)


@dataclass
class Mailbox:
    """Captures what the sign-in service would have sent over SMTP."""

    messages: list[EmailMessage] = field(default_factory=list)
    broken: bool = False

    def send(self, message: EmailMessage) -> None:
        if self.broken:
            raise ConnectionRefusedError("SMTP is down")
        self.messages.append(message)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]

    def latest_code(self, address: str) -> str:
        text = text_of(self.to(address)[-1])
        match = CODE_LINE.search(text)
        assert match, f"no code line in mail to {address}:\n{text}"
        return match.group(1)


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


@dataclass(frozen=True)
class SetCookie:
    name: str
    value: str
    attributes: dict[str, str]

    def has(self, flag: str) -> bool:
        return flag.lower() in self.attributes


def set_cookies(response: httpx.Response) -> dict[str, SetCookie]:
    """The Set-Cookie headers of one response, by cookie name."""
    cookies: dict[str, SetCookie] = {}
    for header in response.headers.get_list("set-cookie"):
        pair, *attrs = (part.strip() for part in header.split(";"))
        name, _, value = pair.partition("=")
        parsed = {}
        for attr in attrs:
            key, _, val = attr.partition("=")
            parsed[key.lower()] = val
        cookies[name] = SetCookie(name, value, parsed)
    return cookies


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def submit_email(
    client: TestClient,
    email: str,
    *,
    intent: str = "login",
    lang: str = "sv",
    request: str = "",
) -> httpx.Response:
    response: httpx.Response = client.post(
        f"/{lang}/login/email",
        data={"email": email, "intent": intent, "request": request},
        follow_redirects=False,
    )
    return response


def submit_code(
    client: TestClient, code: str, *, lang: str = "sv", request: str = ""
) -> httpx.Response:
    response: httpx.Response = client.post(
        f"/{lang}/login/code", data={"code": code, "request": request}, follow_redirects=False
    )
    return response


def request_id(response: httpx.Response) -> str:
    return query_of(response.headers["location"])["request"]


def sign_up(client: TestClient, mailbox: Mailbox, email: str, lang: str = "sv") -> httpx.Response:
    """Create an account (and a session) without an OIDC client; returns the code response."""
    sent = submit_email(client, email, intent="create", lang=lang)
    assert sent.status_code == 303, sent.text
    return submit_code(client, mailbox.latest_code(email), lang=lang, request=request_id(sent))


CONFIRM_FIELD = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


def sign_out(client: TestClient, url: str = "/logout") -> httpx.Response:
    """GET the logout `url`; when the service asks "Do you want to sign out?" (no valid
    id_token_hint), confirm with the page's form, as the user would."""
    asked: httpx.Response = client.get(url, follow_redirects=False)
    if asked.status_code != 200 or 'action="/logout"' not in asked.text:
        return asked
    form = {name: html_unescape(value) for name, value in CONFIRM_FIELD.findall(asked.text)}
    response: httpx.Response = client.post("/logout", data=form, follow_redirects=False)
    return response


def pkce_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorize_params(verifier: str, **overrides: str) -> str:
    params = {
        "response_type": "code",
        "client_id": "s-etukortti",
        "redirect_uri": REDIRECT_URI,
        "state": "state-of-sara",
        "nonce": "nonce-of-sara",
        "code_challenge": pkce_challenge(verifier),
        "code_challenge_method": "S256",
        "ui_locales": "sv",
    }
    params.update(overrides)
    return urlencode(params)


def skip_card_linking(client: TestClient, done: httpx.Response) -> httpx.Response:
    """A new S-login is offered card linking first (docs/identity-flows.md); "Hoppa över"
    goes on to the client, which is what flows that are not about cards do."""
    location = done.headers.get("location", "")
    if done.status_code != 303 or "/link-card?" not in location:
        return done
    offer = client.get(location)
    assert offer.status_code == 200, offer.text
    skip = re.search(r'<a href="([^"]+)">Hoppa över</a>', offer.text)
    assert skip, "the card-linking offer has no 'Hoppa över' link"
    response: httpx.Response = client.get(html_unescape(skip.group(1)))
    return response


def authorization_code(client: TestClient, mailbox: Mailbox, email: str, verifier: str) -> str:
    """Run /authorize → sign-up by email code → the client's redirect; return the OIDC code."""
    start = client.get(
        f"/authorize?{authorize_params(verifier, prompt='create')}", follow_redirects=False
    )
    assert start.status_code == 303, start.text
    assert start.headers["location"].startswith("/sv/register?request=")
    rid = request_id(start)
    sent = submit_email(client, email, intent="create", request=rid)
    done = skip_card_linking(client, submit_code(client, mailbox.latest_code(email), request=rid))
    assert sent.status_code == 303
    assert done.status_code == 303, done.text
    location = done.headers["location"]
    assert location.startswith(f"{REDIRECT_URI}?"), location
    query = query_of(location)
    assert query["state"] == "state-of-sara"
    return query["code"]


def exchange(
    client: TestClient, code: str, verifier: str, *, redirect_uri: str = REDIRECT_URI
) -> httpx.Response:
    response: httpx.Response = client.post(
        "/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": "s-etukortti",
            "client_secret": TEST_SECRET,
            "code_verifier": verifier,
        },
    )
    return response
