"""Strings of the sign-in service's single sign-on and sign-out pages (sv, fi, en); merged into i18n.STRINGS."""

from __future__ import annotations

from typing import Final, Literal

SSO_STRINGS: Final[dict[str, dict[Literal["sv", "fi", "en"], str]]] = {}
