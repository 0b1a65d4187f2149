"""Everything a broker route needs, bundled once by create_app and read from `app.state`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from stub_services.bank.keys import SigningKey
from stub_services.bank.store import Store
from stub_services.common.events import EventLog
from stub_services.common.settings import Settings
from stub_services.common.web import Pages

CLIENT_ID = "s-login"


@dataclass(frozen=True)
class Client:
    """The one registered client: the sign-in service; its redirect URI is matched exactly."""

    client_id: str
    secret: str
    redirect_uri: str


@dataclass(frozen=True)
class Broker:
    settings: Settings
    store: Store
    events: EventLog
    pages: Pages
    key: SigningKey
    client: Client


def registered_client(settings: Settings) -> Client:
    return Client(
        CLIENT_ID, settings.bank_client_secret, f"{settings.signin_public_url}/bank/callback"
    )


def get_broker(request: Request) -> Broker:
    broker: Broker = request.app.state.broker
    return broker


# A route that declares `broker: BrokerDep` gets the app's context (as `SessionDep` in
# full-stack-fastapi-template): its signature shows it works on the broker's state.
BrokerDep = Annotated[Broker, Depends(get_broker)]
