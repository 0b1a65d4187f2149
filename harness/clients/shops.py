"""Control client of the shops: which orders a shop has taken (stub world only)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from harness.clients.control import ControlToken
from harness.environment import Environment
from harness.errors import HarnessSetupError


@dataclass(frozen=True)
class Order:
    shop: str
    amount_cents: int
    owner_price: bool
    bonus_recorded: bool


class ShopsControl:
    """The shops process's control API (one process serves every storefront)."""

    def __init__(self, environment: Environment) -> None:
        site = next((s for s in environment.shops.values() if s.control_url), None)
        if site is None or site.control_url is None:
            raise HarnessSetupError(
                "The shops have no control API in this environment: scenarios that read a "
                "shop's orders run only against the stub world."
            )
        self._http = httpx.Client(
            base_url=site.control_url,
            verify=environment.verify(),
            timeout=10,
            auth=ControlToken(site),
        )

    def orders(self, email: str) -> list[Order]:
        response = self._http.get("/_control/orders", params={"email": email})
        response.raise_for_status()
        return [
            Order(
                str(o["shop"]),
                int(o["amount_cents"]),
                bool(o["owner_price"]),
                bool(o["bonus_recorded"]),
            )
            for o in response.json()
        ]

    def close(self) -> None:
        self._http.close()
