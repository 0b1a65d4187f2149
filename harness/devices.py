"""Device profiles as data: what a browser claims to be and how its screen behaves.

All profiles run in Chromium. A profile that names another engine says so in `note`,
which reports repeat, because emulating its viewport and user agent is not the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DeviceProfile:
    """One device a customer might use."""

    name: str
    label: str
    user_agent: str
    viewport: tuple[int, int]
    device_scale_factor: float
    is_mobile: bool
    has_touch: bool
    note: str = ""

    def context_options(self) -> dict[str, Any]:
        width, height = self.viewport
        return {
            "user_agent": self.user_agent,
            "viewport": {"width": width, "height": height},
            "device_scale_factor": self.device_scale_factor,
            "is_mobile": self.is_mobile,
            "has_touch": self.has_touch,
        }


DEVICES: dict[str, DeviceProfile] = {
    profile.name: profile
    for profile in (
        DeviceProfile(
            name="desktop-chrome",
            label="desktop Chrome",
            user_agent=(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                "(KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36"
            ),
            viewport=(1280, 800),
            device_scale_factor=1,
            is_mobile=False,
            has_touch=False,
        ),
        DeviceProfile(
            # Samsung Internet 29 (Chromium 136) on a Galaxy S24; the UA's platform part
            # has been frozen to "Android 10; K" since v24.
            name="samsung-s24-internet-29",
            label="Samsung Galaxy S24, Samsung Internet 29",
            user_agent=(
                "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                "SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36"
            ),
            viewport=(360, 780),
            device_scale_factor=3,
            is_mobile=True,
            has_touch=True,
        ),
    )
}

# Business words used in feature files, mapped to profiles.
DEVICE_WORDS: dict[str, str] = {
    "computer": "desktop-chrome",
    "Samsung phone": "samsung-s24-internet-29",
}


def device(name: str) -> DeviceProfile:
    """The named profile, or an error that lists the valid names."""
    try:
        return DEVICES[name]
    except KeyError:
        raise ValueError(
            f"Unknown device {name!r}. Valid devices: {', '.join(sorted(DEVICES))}"
        ) from None
