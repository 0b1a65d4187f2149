"""Cookie policies enforced by Chromium itself through its profile preferences.

Playwright has no switch to refuse cookies (microsoft/playwright#28597); a Chromium
profile does. The policy is written into `<profile>/Default/Preferences` before the
persistent context starts, so the browser, not the harness, refuses the cookie.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ALLOW, BLOCK, SESSION_ONLY = 1, 2, 4
# profile.cookie_controls_mode: 0 lets third-party cookies through, 1 blocks them.
THIRD_PARTY_ALLOWED, THIRD_PARTY_BLOCKED = 0, 1
SIGNIN_SITE = "@signin"
BLOCK_SITE_PREFIX = "block-site:"


@dataclass(frozen=True)
class CookiePolicy:
    """What the browser does with cookies, in a customer's words and in preferences."""

    name: str
    label: str
    default_setting: int
    third_party: int = THIRD_PARTY_ALLOWED
    blocked_site: str | None = None

    def __str__(self) -> str:
        return self.name

    @property
    def survives_restart(self) -> bool:
        return self.default_setting != SESSION_ONLY

    def blocked_host(self, signin_url: str) -> str | None:
        if self.blocked_site == SIGNIN_SITE:
            return urlsplit(signin_url).hostname
        return self.blocked_site

    def preferences(self, signin_url: str) -> dict[str, Any]:
        profile: dict[str, Any] = {
            "default_content_setting_values": {"cookies": self.default_setting},
            "cookie_controls_mode": self.third_party,
        }
        host = self.blocked_host(signin_url)
        if host:
            pattern = f"https://{host}:443,*"
            profile["content_settings"] = {"exceptions": {"cookies": {pattern: {"setting": 2}}}}
        # A pooled profile outlives its scenarios: with history, a page one scenario visited
        # is a visited link (another colour) in the next, which no clean-up command clears.
        return {"profile": profile, "history": {"saving_disabled": True}}

    def write_profile(self, user_data_dir: Path, signin_url: str) -> None:
        default = user_data_dir / "Default"
        default.mkdir(parents=True, exist_ok=True)
        (default / "Preferences").write_text(json.dumps(self.preferences(signin_url)))


POLICIES: dict[str, CookiePolicy] = {
    policy.name: policy
    for policy in (
        CookiePolicy("allow", "allows cookies", ALLOW),
        CookiePolicy("block-all", "blocks cookies", BLOCK, THIRD_PARTY_BLOCKED),
        CookiePolicy(
            "block-signin-site",
            "blocks cookies from the sign-in site",
            ALLOW,
            blocked_site=SIGNIN_SITE,
        ),
        CookiePolicy("block-third-party", "blocks third-party cookies", ALLOW, THIRD_PARTY_BLOCKED),
        CookiePolicy("session-only", "keeps cookies only until it is closed", SESSION_ONLY),
    )
}

# Business words used in feature files, mapped to policies.
POLICY_WORDS: dict[str, str] = {policy.label: policy.name for policy in POLICIES.values()}


def cookie_policy(name: str) -> CookiePolicy:
    """The named policy (or `block-site:HOST`), or an error that lists the valid names."""
    if name.startswith(BLOCK_SITE_PREFIX):
        host = name.removeprefix(BLOCK_SITE_PREFIX).strip().lower()
        if not host or "/" in host or ":" in host:
            raise ValueError(f"{name!r}: give a bare host name, e.g. block-site:s-etukortti.test")
        return CookiePolicy(name, f"blocks cookies from {host}", ALLOW, blocked_site=host)
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(
            f"Unknown cookie policy {name!r}. Valid policies: {', '.join(sorted(POLICIES))}, "
            f"or {BLOCK_SITE_PREFIX}HOST"
        ) from None
