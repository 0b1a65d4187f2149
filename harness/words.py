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
# The same in the Swedish and Finnish features' words (Finnish in the partitive a
# sentence "Sara käyttää …" needs).
DEVICES_SV = {"Samsung-telefon": "samsung-s24-internet-29", "dator": "desktop-chrome"}
POLICIES_SV = {"blockerar kakor": "block-all", "tillåter kakor": "allow"}
DEVICES_FI = {
    "Samsung-puhelinta": "samsung-s24-internet-29",
    "Pixel-puhelinta": "pixel-7-chrome",
    "tietokonetta": "desktop-chrome",
}
POLICIES_FI = {"estää evästeet": "block-all", "sallii evästeet": "allow"}
ALL_DEVICE_WORDS = {**DEVICE_WORDS, **DEVICES_SV, **DEVICES_FI}
ALL_POLICY_WORDS = {**POLICY_WORDS, **POLICIES_SV, **POLICIES_FI}


def device_in_words(words: str) -> DeviceProfile:
    """The profile a feature means by "Samsung phone", "computer", "Samsung-telefon" …"""
    return DEVICES[ALL_DEVICE_WORDS[words]]


def policy_in_words(words: str) -> CookiePolicy:
    """The policy a feature means by "blocks cookies", "tillåter kakor" …"""
    return POLICIES[ALL_POLICY_WORDS[words]]


# Languages as features name them, in each language's own words.
LANGUAGE_WORDS = {
    "Swedish": "Swedish", "Finnish": "Finnish", "English": "English",
    "svenska": "Swedish", "finska": "Finnish", "engelska": "English",
    "ruotsiksi": "Swedish", "suomeksi": "Finnish", "englanniksi": "English",
}  # fmt: skip

# Personal or business customer, and what the customer is identified as, in each language.
CUSTOMER_KINDS = {
    "personal": "personal", "business": "business",
    "privatkund": "personal", "företagskund": "business",
    "henkilöasiakkaana": "personal", "yritysasiakkaana": "business",
}  # fmt: skip
IDENTIFIED_AS = {
    "owner": "owner", "business": "business",
    "ägarkund": "owner", "företagskund": "business",
    "omistaja-asiakkaaksi": "owner", "yritysasiakkaaksi": "business",
}  # fmt: skip


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

# How a feature says the bank identification will go (English, Swedish, Finnish).
BANK_OUTCOMES = {
    "is cancelled": BankOutcome.CANCEL,
    "fails": BankOutcome.FAIL,
    "takes too long": BankOutcome.TIMEOUT,
    "avbryts": BankOutcome.CANCEL,
    "misslyckas": BankOutcome.FAIL,
    "tar för lång tid": BankOutcome.TIMEOUT,
    "keskeytetään": BankOutcome.CANCEL,
    "epäonnistuu": BankOutcome.FAIL,
    "kestää liian kauan": BankOutcome.TIMEOUT,
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
