"""Device profiles and cookie policies: valid data, and clear errors for unknown names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cookie_policies import POLICIES, POLICY_WORDS, cookie_policy
from harness.devices import DEVICE_WORDS, DEVICES, device


def test_samsung_profile_is_samsung_internet_29_on_a_galaxy_s24() -> None:
    samsung = device("samsung-s24-internet-29")
    assert "SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile" in samsung.user_agent
    assert samsung.viewport == (360, 780)
    assert samsung.device_scale_factor == 3
    assert samsung.is_mobile
    assert samsung.has_touch


def test_business_words_name_real_profiles_and_policies() -> None:
    assert set(DEVICE_WORDS.values()) <= set(DEVICES)
    assert set(POLICY_WORDS.values()) <= set(POLICIES)


def test_unknown_names_list_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="Valid devices: desktop-chrome, samsung"):
        device("nokia-3310")
    with pytest.raises(ValueError, match="Valid policies: allow, block-all, block-signin-site"):
        cookie_policy("maybe")


@pytest.mark.parametrize(("name", "setting"), [("allow", 1), ("block-all", 2)])
def test_policy_sets_chromiums_default_cookie_setting(
    tmp_path: Path, name: str, setting: int
) -> None:
    cookie_policy(name).write_profile(tmp_path, "https://login.s-ryhma.test")
    prefs = json.loads((tmp_path / "Default" / "Preferences").read_text())
    assert prefs["profile"]["default_content_setting_values"]["cookies"] == setting


def test_blocking_the_sign_in_site_is_a_per_site_exception(tmp_path: Path) -> None:
    cookie_policy("block-signin-site").write_profile(tmp_path, "https://login.s-ryhma.test")
    prefs = json.loads((tmp_path / "Default" / "Preferences").read_text())["profile"]
    assert prefs["default_content_setting_values"]["cookies"] == 1
    assert prefs["content_settings"]["exceptions"]["cookies"] == {
        "https://login.s-ryhma.test:443,*": {"setting": 2}
    }
