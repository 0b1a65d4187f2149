"""Everything a sign-in route needs: bundled once by create_app, read from `app.state`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

import httpx
from fastapi import Depends, Request

from stub_services.common.events import EventLog
from stub_services.common.i18n import LANGS
from stub_services.common.register_client import Register
from stub_services.common.settings import Settings
from stub_services.common.signing_keys import KeyRing
from stub_services.common.web import Pages
from stub_services.signin.bank_client import BankApi
from stub_services.signin.codes import Codes
from stub_services.signin.csrf import FormTokens
from stub_services.signin.id_token import IdTokenVerifier
from stub_services.signin.identity_store import IdentityStore
from stub_services.signin.intents import Intent
from stub_services.signin.mail import Mailer
from stub_services.signin.sms_client import SmsGateway
from stub_services.signin.store import Store
from stub_services.signin.terms import Terms

# S-Etukortti pages that offer card linking and are returned to afterwards.
ETUKORTTI_RETURN_PAGES = ("profile", "benefits", "bonus", "household")


@dataclass(frozen=True)
class Client:
    """A registered OIDC client; redirect, post-logout and return URLs are matched exactly."""

    client_id: str
    secret: str
    redirect_uris: frozenset[str]
    post_logout_uris: frozenset[str]
    backchannel_logout_uri: str | None = None
    # Pages the card-linking flow may send the browser back to (`return=`).
    return_urls: frozenset[str] = frozenset()
    # Where the client starts a sign-in afresh (OIDC's initiate_login_uri), with "{lang}"
    # for the language; `create_uri` starts one that creates an S-login, if it has one.
    login_uri: str | None = None
    create_uri: str | None = None

    def restart_url(self, lang: str, intent: Intent) -> str | None:
        """The client's own page that makes a new authorization request, if it has one."""
        template = (self.create_uri if intent is Intent.CREATE else None) or self.login_uri
        return template.replace("{lang}", lang) if template else None


def _pages(base: str, pages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(f"{base}/{lang}/{page}" for lang in LANGS for page in pages)


def registered_clients(settings: Settings) -> dict[str, Client]:
    """S-Etukortti and the six shops, each with its own secret and exact URIs."""
    base = settings.etukortti_public_url
    etukortti = Client(
        client_id="s-etukortti",
        secret=settings.etukortti_client_secret,
        redirect_uris=frozenset({f"{base}/callback"}),
        post_logout_uris=frozenset(f"{base}/{lang}/" for lang in LANGS),
        backchannel_logout_uri=f"{base}/backchannel-logout",
        return_urls=_pages(base, ETUKORTTI_RETURN_PAGES),
        login_uri=f"{base}/{{lang}}/login",
        create_uri=f"{base}/{{lang}}/login?create=1",
    )
    shops = [
        Client(
            client_id=name,
            secret=settings.shop_secret(name),
            # /sso/callback answers the silent check (prompt=none) in the shop's iframe.
            redirect_uris=frozenset({f"{url}/callback", f"{url}/sso/callback"}),
            post_logout_uris=frozenset(f"{url}/{lang}/" for lang in LANGS),
            backchannel_logout_uri=f"{url}/backchannel-logout",
            return_urls=_pages(url, ("profile",)),
            login_uri=f"{url}/{{lang}}/login",
        )
        for name, url in settings.shop_public_urls.items()
    ]
    extra = [extra_client(entry) for entry in settings.signin_extra_clients.split(";")]
    clients = (etukortti, *shops, *(client for client in extra if client is not None))
    return {client.client_id: client for client in clients}


def extra_client(entry: str) -> Client | None:
    """A developer's client from `SIGNIN_EXTRA_CLIENTS`: "ID|SECRET|REDIRECT_URI…[|POST_
    LOGOUT_URI…]" (URIs separated by spaces, matched exactly); None for an empty entry."""
    if not entry.strip():
        return None
    parts = [part.strip() for part in entry.split("|")]
    if len(parts) not in (3, 4) or not all(parts[:3]):
        raise ValueError(
            f"SIGNIN_EXTRA_CLIENTS entry {entry!r}: expected "
            "ID|SECRET|REDIRECT_URI[ REDIRECT_URI…][|POST_LOGOUT_URI…]"
        )
    uris = parts[2].split()
    if not all(
        uri.startswith(("https://", "http://localhost", "http://127.0.0.1")) for uri in uris
    ):
        raise ValueError(f"SIGNIN_EXTRA_CLIENTS entry {entry!r}: redirect URIs must be https "
                         "(or http on localhost)")  # fmt: skip
    logout = parts[3].split() if len(parts) == 4 else []
    return Client(parts[0], parts[1], frozenset(uris), frozenset(logout))


@dataclass(frozen=True)
class Signin:
    settings: Settings
    store: Store
    codes: Codes
    events: EventLog
    pages: Pages
    send_mail: Mailer
    clients: dict[str, Client]
    identity: IdentityStore
    bank: BankApi
    id_tokens: IdTokenVerifier
    register: Register
    sms: SmsGateway
    terms: Terms
    # Server-to-server client for back-channel logout (3 s timeout a call).
    backchannel: httpx.Client
    # Session-bound tokens of the forms a signed-in user submits.
    forms: FormTokens
    # The provider's RSA keys: ID and logout tokens are signed with them (JWKS).
    keys: KeyRing
    # Runs a job after the answer has gone (sign-in texts: the page must not wait for the
    # gateway, or its answer time would tell which numbers have an S-login).
    run_later: Callable[[Callable[[], None]], object]


def get_signin(request: Request) -> Signin:
    signin: Signin = request.app.state.signin
    return signin


# A route that declares `ctx: SigninDep` gets the service's collaborators (store, codes,
# pages, mailer …), as `SessionDep` in full-stack-fastapi-template.
SigninDep = Annotated[Signin, Depends(get_signin)]
