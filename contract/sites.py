"""The stub world's sites: the ids the manifest names them by, their hosts and the shops."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class SiteId(StrEnum):
    """A stub process, as the world's manifest and the harness's control clients name it."""

    SIGNIN = "signin"
    ETUKORTTI = "etukortti"
    BANK = "bank"
    REGISTER = "register"
    SMS = "sms"
    SHOPS = "shops"  # one process serves every storefront, told apart by Host


# Host names of the stub world (a real environment has its own, from its config).
SIGNIN_HOST: Final = "login.s-ryhma.test"
ETUKORTTI_HOST: Final = "s-etukortti.test"
BANK_HOST: Final = "tunnistus.test"
REGISTER_HOST: Final = "asiakasrekisteri.test"
SMS_HOST: Final = "sms.test"
# The domain of the sign-in service's mail (sender and Message-ID).
MAIL_DOMAIN: Final = "s-ryhma.test"


@dataclass(frozen=True)
class Shop:
    """A web shop or app site of the group, each on its own registrable domain."""

    id: str  # also its OIDC client id at the sign-in service
    name: str  # its brand, as features and pages write it; never translated
    host: str  # an A-label: the yhteishyvä site has an internationalised name


SHOPS: Final[tuple[Shop, ...]] = (
    Shop("prisma", "Prisma", "prisma.test"),
    Shop("sokos", "Sokos", "sokos.test"),
    Shop("sokoshotels", "Sokos Hotels", "sokoshotels.test"),
    Shop("yhteishyva", "Yhteishyvä", "xn--yhteishyv-32a.test"),
    Shop("s-kaupat", "S-kaupat", "s-kaupat.test"),
    Shop("abc", "ABC", "abc.test"),
)
SHOP_IDS: Final[tuple[str, ...]] = tuple(shop.id for shop in SHOPS)

# Every host the world's certificate must name.
STUB_HOSTS: Final[tuple[str, ...]] = (
    SIGNIN_HOST,
    ETUKORTTI_HOST,
    BANK_HOST,
    REGISTER_HOST,
    SMS_HOST,
    *(shop.host for shop in SHOPS),
)

# The stub register's development bearer token: the harness's default when
# HARNESS_REGISTER_TOKEN is not set, and the register's own when REGISTER_API_TOKEN is not.
DEV_REGISTER_TOKEN: Final = "dev-only-register-token"  # noqa: S105


def https(host: str) -> str:
    """The origin of a site served on `host`."""
    return f"https://{host}"
