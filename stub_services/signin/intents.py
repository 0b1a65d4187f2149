"""What a sign-in flow is for (`Intent`) and how its code travels (`Via`), parsed once."""

from __future__ import annotations

from enum import StrEnum


class Intent(StrEnum):
    """What a code transaction or authorization request is for; stored by value."""

    LOGIN = "login"
    CREATE = "create"  # sign in, creating the S-login if there is none
    CONFIRM_PHONE = "confirm_phone"
    CHANGE_EMAIL = "change_email"

    @classmethod
    def sign_in(cls, value: str | None) -> Intent:
        """A form's or a prompt's wish: creating an S-login when asked to, else signing in."""
        return cls.CREATE if value == cls.CREATE else cls.LOGIN

    @property
    def page(self) -> str:
        """The email form that starts this intent: the register or the login page."""
        return "register" if self is Intent.CREATE else "login"


# Intents whose right code signs in; the others (confirming a phone, changing the email
# address) never do.
SIGN_IN_INTENTS = frozenset({Intent.LOGIN, Intent.CREATE})


class Via(StrEnum):
    """Where the code of a sign-in went: by email (no marker in URLs) or by text message."""

    EMAIL = ""
    SMS = "sms"

    @classmethod
    def of(cls, value: str) -> Via:
        return cls.SMS if value == cls.SMS else cls.EMAIL
