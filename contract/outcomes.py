"""Outcomes a test scripts in a stub or reads from a page."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal


class BankOutcome(StrEnum):
    """What the stub bank does with the next identification (scripted over its control API)."""

    APPROVE = "approve"
    CANCEL = "cancel"
    FAIL = "fail"
    TIMEOUT = "timeout"


# How a shop's silent single sign-on check ended, in its page's `data-sso-check`.
SsoCheck = Literal["pending", "signed_in", "login_required"]
SSO_PENDING: Final[SsoCheck] = "pending"
SSO_SIGNED_IN: Final[SsoCheck] = "signed_in"
SSO_LOGIN_REQUIRED: Final[SsoCheck] = "login_required"
