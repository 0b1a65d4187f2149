"""One frozen Settings object for every stub, read from the environment of the contract."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from contract.sites import (
    BANK_HOST,
    ETUKORTTI_HOST,
    MAIL_DOMAIN,
    REGISTER_HOST,
    SHOPS,
    SIGNIN_HOST,
    SMS_HOST,
    https,
)
from contract.sites import DEV_REGISTER_TOKEN as DEV_REGISTER_TOKEN  # also the harness's

DEV_CLIENT_SECRET = "dev-only-etukortti-secret-not-for-production"  # noqa: S105
DEV_BANK_SECRET = "dev-only-bank-client-secret-not-for-production"  # noqa: S105
DEV_SMS_TOKEN = "dev-only-sms-gateway-token"  # noqa: S105
DEV_SHOP_SECRET = "dev-only-shop-client-secret-not-for-production"  # noqa: S105

# The group's web shops and app sites, each on its own registrable domain.
SHOP_PUBLIC_URLS: dict[str, str] = {shop.id: https(shop.host) for shop in SHOPS}
# Bonus on the household's monthly purchases: (from euros, percent), domain-facts 5.
BONUS_TABLE = "50:1,200:1.5,300:2,400:2.5,500:3,600:3.5,700:4,800:4.5,900:5"


def _pairs(text: str) -> dict[str, str]:
    """`name=url,name=url` as a dict (empty text: empty dict)."""
    out: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise ValueError(f"expected NAME=URL, got {item!r}")
        out[name.strip()] = value.strip().rstrip("/")
    return out


@dataclass(frozen=True)
class Settings:
    """Where state lives, how the sites see each other, and where mail goes."""

    state_dir: Path = Path(".stub-state")
    signin_public_url: str = https(SIGNIN_HOST)
    signin_internal_url: str = https(SIGNIN_HOST)
    etukortti_public_url: str = https(ETUKORTTI_HOST)
    ca_file: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    mail_from: str = f"S-inloggning <no-reply@{MAIL_DOMAIN}>"
    etukortti_client_secret: str = DEV_CLIENT_SECRET
    bank_public_url: str = https(BANK_HOST)
    bank_internal_url: str = https(BANK_HOST)
    bank_client_secret: str = DEV_BANK_SECRET
    register_internal_url: str = https(REGISTER_HOST)
    register_api_token: str = DEV_REGISTER_TOKEN
    sms_internal_url: str = https(SMS_HOST)
    sms_api_token: str = DEV_SMS_TOKEN
    etukortti_internal_url: str = https(ETUKORTTI_HOST)
    etukortti_mail_from: str = f"S-Etukortti <no-reply@{ETUKORTTI_HOST}>"
    shop_public_urls: dict[str, str] = field(default_factory=lambda: dict(SHOP_PUBLIC_URLS))
    shops_internal_url: str | None = None
    shop_client_secret: str = DEV_SHOP_SECRET
    bonus_table: str = BONUS_TABLE
    household_max_members: int = 8
    # A developer's own OIDC clients of the sign-in service (docs/stub-world.md):
    # "ID|SECRET|REDIRECT_URI[ REDIRECT_URI…][|POST_LOGOUT_URI…]", several separated by ";".
    signin_extra_clients: str = ""
    # Code sends an hour from one client address (signin/limits.py); 0: no per-client cap.
    signin_client_send_limit: int = 300
    # The bearer token every `/_control/…` request must carry (common/control.py). Empty:
    # the stub makes one up when it starts (and `python -m stub_services.NAME` prints it).
    control_token: str = ""
    # Seconds a client may take to send a request's head (slowloris; common/server.py).
    header_timeout_s: float = 10.0

    def shop_secret(self, shop: str) -> str:
        """Each shop's own client secret at the sign-in service."""
        return f"{self.shop_client_secret}-{shop}"

    def shop_of_host(self, host: str) -> str | None:
        """The shop served on `host` (an A-label host name, any case), if any."""
        wanted = host.split(":")[0].lower()
        for name, url in self.shop_public_urls.items():
            if urlsplit(url).hostname == wanted:
                return name
        return None

    def server_route(self, public_url: str) -> tuple[str, str | None]:
        """How a server reaches `public_url` (an https URL of a site of this world): the URL
        to connect to and the Host header to send (None: the URL's own). The shops share
        one process, told apart by Host; every other site has its own internal URL."""
        parts = urlsplit(public_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rest = public_url[len(origin) :]
        if origin in self.shop_public_urls.values() and self.shops_internal_url:
            return self.shops_internal_url + rest, parts.netloc
        internal = {
            self.signin_public_url: self.signin_internal_url,
            self.etukortti_public_url: self.etukortti_internal_url,
            self.bank_public_url: self.bank_internal_url,
        }.get(origin)
        return (internal + rest, None) if internal else (public_url, None)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read the variables documented in docs/stub-world.md, falling back to defaults."""
        e = os.environ if env is None else env
        signin_public = e.get("SIGNIN_PUBLIC_URL", cls.signin_public_url).rstrip("/")
        bank_public = e.get("BANK_PUBLIC_URL", cls.bank_public_url).rstrip("/")
        return cls(
            state_dir=Path(e.get("STUB_STATE_DIR", str(cls.state_dir))),
            signin_public_url=signin_public,
            signin_internal_url=e.get("SIGNIN_INTERNAL_URL", signin_public).rstrip("/"),
            etukortti_public_url=e.get("ETUKORTTI_PUBLIC_URL", cls.etukortti_public_url).rstrip(
                "/"
            ),
            ca_file=e.get("STUB_CA_FILE") or None,
            smtp_host=e.get("SMTP_HOST", cls.smtp_host),
            smtp_port=int(e.get("SMTP_PORT", str(cls.smtp_port))),
            mail_from=e.get("MAIL_FROM", cls.mail_from),
            etukortti_client_secret=e.get("ETUKORTTI_CLIENT_SECRET", cls.etukortti_client_secret),
            bank_public_url=bank_public,
            bank_internal_url=e.get("BANK_INTERNAL_URL", bank_public).rstrip("/"),
            bank_client_secret=e.get("BANK_CLIENT_SECRET", cls.bank_client_secret),
            register_internal_url=e.get("REGISTER_INTERNAL_URL", cls.register_internal_url).rstrip(
                "/"
            ),
            register_api_token=e.get("REGISTER_API_TOKEN", cls.register_api_token),
            sms_internal_url=e.get("SMS_INTERNAL_URL", cls.sms_internal_url).rstrip("/"),
            sms_api_token=e.get("SMS_API_TOKEN", cls.sms_api_token),
            etukortti_internal_url=e.get(
                "ETUKORTTI_INTERNAL_URL", e.get("ETUKORTTI_PUBLIC_URL", cls.etukortti_public_url)
            ).rstrip("/"),
            etukortti_mail_from=e.get("ETUKORTTI_MAIL_FROM", cls.etukortti_mail_from),
            shop_public_urls=_pairs(e["SHOP_PUBLIC_URLS"])
            if e.get("SHOP_PUBLIC_URLS")
            else dict(SHOP_PUBLIC_URLS),
            shops_internal_url=(e.get("SHOPS_INTERNAL_URL") or "").rstrip("/") or None,
            shop_client_secret=e.get("SHOP_CLIENT_SECRET", cls.shop_client_secret),
            bonus_table=e.get("BONUS_TABLE", cls.bonus_table),
            household_max_members=int(
                e.get("HOUSEHOLD_MAX_MEMBERS", str(cls.household_max_members))
            ),
            signin_client_send_limit=int(e.get("SIGNIN_CLIENT_SEND_LIMIT", "300")),
            signin_extra_clients=e.get("SIGNIN_EXTRA_CLIENTS", ""),
            control_token=e.get("STUB_CONTROL_TOKEN", ""),
            header_timeout_s=float(e.get("STUB_HEADER_TIMEOUT", str(cls.header_timeout_s))),
        )
