"""The cookies the stubs set and the tests look for (all `__Host-`: Secure, Path=/, no Domain)."""

from __future__ import annotations

from typing import Final

# The sign-in service
LOGIN_TX: Final = "__Host-login_tx"  # a sign-in in progress, set when the address is sent
EMAIL_TX: Final = "__Host-email_tx"  # a change of email address in progress
PHONE_TX: Final = "__Host-phone_tx"  # a phone-number confirmation in progress
BANK_TX: Final = "__Host-bank_tx"  # a bank identification in progress
SESSION: Final = "__Host-sid"  # the S-login session (SameSite=Lax)
SSO: Final = "__Host-login_sso"  # the same session for shops' iframes (SameSite=None)

# S-Etukortti
ETUKORTTI_SESSION: Final = "__Host-etukortti_sid"
ETUKORTTI_RP: Final = "__Host-etukortti_rp"  # binds a sign-in to the browser that began it

# The shops
SHOP_SESSION: Final = "__Host-shop_sid"
SHOP_LOGIN: Final = "__Host-shop_rp"  # binds a top-level sign-in to the browser (Lax)
SHOP_SSO: Final = "__Host-shop_sso_rp"  # binds the iframe's silent check (SameSite=None)
SHOP_CSRF: Final = "__Host-shop_csrf"
SHOP_SSO_CHECKED: Final = "__Host-shop_sso_checked"
