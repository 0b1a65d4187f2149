"""Everything a sign-in service route needs, bundled once by create_app."""

from __future__ import annotations

from dataclasses import dataclass

from stub_services.common.events import EventLog
from stub_services.common.i18n import LANGS
from stub_services.common.register_client import Register
from stub_services.common.settings import Settings
from stub_services.common.web import Pages
from stub_services.signin.bank_client import BankApi
from stub_services.signin.codes import Codes
from stub_services.signin.id_token import IdTokenVerifier
from stub_services.signin.identity_store import IdentityStore
from stub_services.signin.mail import Mailer
from stub_services.signin.sms_client import SmsGateway
from stub_services.signin.store import Store
from stub_services.signin.terms import Terms


@dataclass(frozen=True)
class Client:
    """A registered OIDC client; redirect URIs are matched exactly."""

    client_id: str
    secret: str
    redirect_uris: frozenset[str]
    post_logout_uris: frozenset[str]


def registered_clients(settings: Settings) -> dict[str, Client]:
    base = settings.etukortti_public_url
    etukortti = Client(
        client_id="s-etukortti",
        secret=settings.etukortti_client_secret,
        redirect_uris=frozenset({f"{base}/callback"}),
        post_logout_uris=frozenset(f"{base}/{lang}/" for lang in LANGS),
    )
    return {etukortti.client_id: etukortti}


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
