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


@dataclass(frozen=True)
class CookiePolicy:
    """What the browser does with cookies, in a customer's words and in preferences."""

    name: str
    label: str
    default_setting: int
    blocks_signin_site: bool = False

    def preferences(self, signin_url: str) -> dict[str, Any]:
        profile: dict[str, Any] = {
            "default_content_setting_values": {"cookies": self.default_setting},
            # 1 = block third-party cookies, as a fresh Chromium profile does anyway.
            "cookie_controls_mode": 1,
        }
        if self.blocks_signin_site:
            parts = urlsplit(signin_url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
            pattern = f"{parts.scheme}://{parts.hostname}:{port},*"
            profile["content_settings"] = {"exceptions": {"cookies": {pattern: {"setting": 2}}}}
        return {"profile": profile}

    def write_profile(self, user_data_dir: Path, signin_url: str) -> None:
        default = user_data_dir / "Default"
        default.mkdir(parents=True, exist_ok=True)
        (default / "Preferences").write_text(json.dumps(self.preferences(signin_url)))


POLICIES: dict[str, CookiePolicy] = {
    policy.name: policy
    for policy in (
        CookiePolicy("allow", "allows cookies", ALLOW),
        CookiePolicy("block-all", "blocks all cookies", BLOCK),
        CookiePolicy(
            "block-signin-site",
            "blocks cookies from the sign-in site",
            ALLOW,
            blocks_signin_site=True,
        ),
    )
}

# Business words used in feature files, mapped to policies.
POLICY_WORDS: dict[str, str] = {
    "allows cookies": "allow",
    "blocks cookies": "block-all",
    "blocks cookies from the sign-in site": "block-signin-site",
}


def cookie_policy(name: str) -> CookiePolicy:
    """The named policy, or an error that lists the valid names."""
    try:
        return POLICIES[name]
    except KeyError:
        raise ValueError(
            f"Unknown cookie policy {name!r}. Valid policies: {', '.join(sorted(POLICIES))}"
        ) from None
