"""How the feature files name things, and what the harness calls them: the vocabulary
that steps match and converters turn into typed values."""

from __future__ import annotations

from collections.abc import Iterable

from contract import sites
from harness.clients.identity import BankOutcome
from harness.cookie_policies import POLICIES, POLICY_WORDS, CookiePolicy
from harness.devices import DEVICE_WORDS, DEVICES, DeviceProfile


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation; longest first, so "older Samsung phone" is not read as
    "Samsung phone"."""
    return "|".join(sorted(words, key=len, reverse=True))


DEVICE = alternatives(DEVICE_WORDS)
POLICY = alternatives(POLICY_WORDS)
# The same in the Swedish features' words.
DEVICES_SV = {"Samsung-telefon": "samsung-s24-internet-29", "dator": "desktop-chrome"}
POLICIES_SV = {"blockerar kakor": "block-all", "tillåter kakor": "allow"}


def device_in_words(words: str) -> DeviceProfile:
    """The profile a feature means by "Samsung phone", "computer", "Samsung-telefon" …"""
    return DEVICES[DEVICE_WORDS.get(words) or DEVICES_SV[words]]


def policy_in_words(words: str) -> CookiePolicy:
    """The policy a feature means by "blocks cookies", "tillåter kakor" …"""
    return POLICIES[POLICY_WORDS.get(words) or POLICIES_SV[words]]


# The group's shops and apps as features name them, and their site ids.
SHOPS = {shop.name: shop.id for shop in sites.SHOPS}
APPS = {"ABC": "abc", "S-kaupat": "s-kaupat", "Yhteishyvä": "yhteishyva"}
SHOP = rf"(?P<shop>{alternatives(SHOPS)})"
APP = rf"(?P<app>{alternatives(APPS)})"

# How features name the world's services, and the site names of the manifest.
SERVICES = {
    "sign-in service": "signin",
    "S-Etukortti site": "etukortti",
    "customer register": "register",
    "bank identification service": "bank",
    "text-message service": "sms",
    "shops": "shops",
}
SERVICE = alternatives(SERVICES)

# How a feature says the bank identification will go.
BANK_OUTCOMES = {
    "is cancelled": BankOutcome.CANCEL,
    "fails": BankOutcome.FAIL,
    "takes too long": BankOutcome.TIMEOUT,
}

# What the customer is told, in feature words, and the label that says it on the page.
TOLD = {
    "the code is wrong": "wrong_code",
    "to ask for a new code": "too_many_attempts",
    "the code has expired": "code_expired",
}

# Which field a customer is asked to check: the message that asks, and the field's label.
CHECKS = {
    "the address": ("check_email_address", "email_field"),
    "the email address": ("check_email_address", "new_email"),
    "the phone number": ("check_phone", "phone_field"),
    "the postal code": ("check_postal_code", "postal_code"),
}

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


def month_number(name: str) -> int:
    return MONTHS.index(name.lower()) + 1
