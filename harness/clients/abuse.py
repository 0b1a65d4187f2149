"""What anyone on the internet can send the sign-in service without a browser: code
requests for somebody else's address and guesses at codes that went to her. Used to show
that the service's limits hold (features/security), in the stub world or a real one."""

from __future__ import annotations

import httpx

from harness.clients.site_http import site_client
from harness.environment import Environment


class Stranger:
    """A script with no cookies of its own between requests, as a flood would be sent."""

    def __init__(self, environment: Environment, language: str = "sv") -> None:
        self._http = site_client(environment.signin, environment)
        self._language = language

    def close(self) -> None:
        self._http.close()

    def ask_for_code(self, address: str) -> httpx.Response:
        """One submission of the plain sign-in form, without cookie or request id."""
        self._http.cookies.clear()
        response = self._http.post(
            f"/{self._language}/login/email", data={"email": address, "request": ""}
        )
        if response.status_code != 303:
            raise AssertionError(
                f"Asking for a code for {address} answered {response.status_code}, not the "
                f"code page's redirect.\n{response.text[:500]}"
            )
        return response

    def guess_codes(self, address: str, guesses: int) -> list[int]:
        """Wrong codes for `address`, five to a transaction (a code takes no more); the
        statuses the code form answered."""
        statuses: list[int] = []
        attempt = 0
        while len(statuses) < guesses:
            self.ask_for_code(address)
            for _ in range(min(5, guesses - len(statuses))):
                attempt += 1
                # Codes are 4 digits; "0000"-style guesses are as likely as any to be wrong.
                code = f"{(attempt * 7919) % 10_000:04d}"
                page = self._http.post(
                    f"/{self._language}/login/code", data={"code": code, "request": ""}
                )
                statuses.append(page.status_code)
        return statuses
