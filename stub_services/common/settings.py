"""One frozen Settings object for every stub, read from the environment of the contract."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DEV_CLIENT_SECRET = "dev-only-etukortti-secret-not-for-production"  # noqa: S105
DEV_BANK_SECRET = "dev-only-bank-client-secret-not-for-production"  # noqa: S105
DEV_SMS_TOKEN = "dev-only-sms-gateway-token"  # noqa: S105
DEV_REGISTER_TOKEN = "dev-only-register-token"  # noqa: S105


@dataclass(frozen=True)
class Settings:
    """Where state lives, how the sites see each other, and where mail goes."""

    state_dir: Path = Path(".stub-state")
    signin_public_url: str = "https://login.s-ryhma.test"
    signin_internal_url: str = "https://login.s-ryhma.test"
    etukortti_public_url: str = "https://s-etukortti.test"
    ca_file: str | None = None
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    mail_from: str = "S-inloggning <no-reply@s-ryhma.test>"
    etukortti_client_secret: str = DEV_CLIENT_SECRET
    bank_public_url: str = "https://tunnistus.test"
    bank_internal_url: str = "https://tunnistus.test"
    bank_client_secret: str = DEV_BANK_SECRET
    register_internal_url: str = "https://asiakasrekisteri.test"
    register_api_token: str = DEV_REGISTER_TOKEN
    sms_internal_url: str = "https://sms.test"
    sms_api_token: str = DEV_SMS_TOKEN

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
        )
