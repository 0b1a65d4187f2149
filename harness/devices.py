"""Device profiles as data: what a browser claims to be and how its screen behaves.

All profiles run in Chromium. A profile that names another engine says so in `note`,
which reports repeat, because emulating its viewport and user agent is not the engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from harness.lookup import named


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

    def __str__(self) -> str:
        return self.name

    def context_options(self) -> dict[str, Any]:
        width, height = self.viewport
        return {
            "user_agent": self.user_agent,
            "viewport": {"width": width, "height": height},
            "device_scale_factor": self.device_scale_factor,
            "is_mobile": self.is_mobile,
            "has_touch": self.has_touch,
        }


# Chrome-based user agents since Chrome 110 report a frozen platform, "Android 10; K";
# Samsung Internet has done the same since v24. Tablets drop "Mobile" (Samsung's UA rule).
_ANDROID = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"


def _handheld(
    name: str, label: str, user_agent: str, viewport: tuple[int, int], scale: float, note: str = ""
) -> DeviceProfile:
    """A phone or tablet: a mobile viewport with touch."""
    return DeviceProfile(name, label, user_agent, viewport, scale, True, True, note)


_SAMSUNG_29 = "SamsungBrowser/29.0 Chrome/136.0.0.0"
DEVICES: dict[str, DeviceProfile] = {
    profile.name: profile
    for profile in (
        DeviceProfile(
            "desktop-chrome",
            "desktop Chrome",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/136.0.0.0 Safari/537.36",
            (1280, 800),
            1,
            is_mobile=False,
            has_touch=False,
        ),
        # Samsung Internet 29 is built on Chromium 136; Galaxy S24 screen.
        _handheld("samsung-s24-internet-29", "Samsung Galaxy S24, Samsung Internet 29",
                  f"{_ANDROID} {_SAMSUNG_29} Mobile Safari/537.36", (360, 780), 3),
        _handheld("samsung-tab-s9-internet-29", "Samsung Galaxy Tab S9, Samsung Internet 29",
                  f"{_ANDROID} {_SAMSUNG_29} Safari/537.36", (640, 1024), 2.5),
        # An older phone that was never updated: Samsung Internet 27 = Chromium 125.
        _handheld("samsung-s9plus-internet-27", "Samsung Galaxy S9+, Samsung Internet 27",
                  f"{_ANDROID} SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
                  (320, 658), 4.5),
        _handheld("pixel-7-chrome", "Google Pixel 7, Chrome",
                  f"{_ANDROID} Chrome/136.0.0.0 Mobile Safari/537.36", (412, 839), 2.625),
        # The group's apps sign in inside an Android WebView: "; wv" and "Version/4.0".
        _handheld("android-webview", "Android in-app browser (WebView)",
                  "Mozilla/5.0 (Linux; Android 14; SM-S921B Build/UP1A.231005.007; wv) "
                  "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/136.0.7103.125 "
                  "Mobile Safari/537.36", (360, 780), 3),
        _handheld("iphone-15-safari", "iPhone 15, Safari (emulated in Chromium)",
                  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                  "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", (393, 659), 3,
                  note="approximation: Chromium with an iPhone's screen and user agent, not "
                  "WebKit; Safari's own cookie rules (ITP) are not reproduced"),
    )
}  # fmt: skip

# Business words used in feature files, mapped to profiles.
DEVICE_WORDS: dict[str, str] = {
    "computer": "desktop-chrome",
    "Samsung phone": "samsung-s24-internet-29",
    "Samsung tablet": "samsung-tab-s9-internet-29",
    "older Samsung phone": "samsung-s9plus-internet-27",
    "Pixel phone": "pixel-7-chrome",
    "in-app browser": "android-webview",
    "iPhone": "iphone-15-safari",
}


def device(name: str) -> DeviceProfile:
    """The named profile, or an error that lists the valid names."""
    return named(DEVICES, name, "device")
