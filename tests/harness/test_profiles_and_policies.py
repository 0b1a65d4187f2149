"""Device profiles and cookie policies: valid data, and clear errors for unknown names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cookie_policies import POLICIES, POLICY_WORDS, cookie_policy
from harness.devices import DEVICE_WORDS, DEVICES, device
from harness.matrix import PRESETS, Shard, preset


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
    with pytest.raises(ValueError, match="Valid devices: android-webview, desktop-chrome, "):
        device("nokia-3310")
    with pytest.raises(ValueError, match="Valid policies: allow, block-all, block-signin-site"):
        cookie_policy("maybe")
    with pytest.raises(ValueError, match="Valid presets: default, mobile, nightly"):
        preset("weekly")


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


def test_tablets_drop_mobile_from_the_user_agent_and_webviews_say_wv() -> None:
    assert "Mobile" not in device("samsung-tab-s9-internet-29").user_agent
    assert "SamsungBrowser/27.0 Chrome/125" in device("samsung-s9plus-internet-27").user_agent
    assert "; wv)" in device("android-webview").user_agent
    assert "not WebKit" in device("iphone-15-safari").note


def test_presets_name_real_devices() -> None:
    for chosen in PRESETS.values():
        assert set(chosen.devices) <= set(DEVICES)
    assert set(preset("nightly").devices) == set(DEVICES)


@pytest.mark.parametrize(("policy", "third_party"), [("allow", 0), ("block-third-party", 1)])
def test_third_party_cookies_follow_the_policy(
    tmp_path: Path, policy: str, third_party: int
) -> None:
    cookie_policy(policy).write_profile(tmp_path, "https://login.s-ryhma.test")
    prefs = json.loads((tmp_path / "Default" / "Preferences").read_text())["profile"]
    assert prefs["cookie_controls_mode"] == third_party


def test_session_only_keeps_cookies_until_the_browser_closes(tmp_path: Path) -> None:
    policy = cookie_policy("session-only")
    assert not policy.survives_restart
    policy.write_profile(tmp_path, "https://login.s-ryhma.test")
    prefs = json.loads((tmp_path / "Default" / "Preferences").read_text())["profile"]
    assert prefs["default_content_setting_values"]["cookies"] == 4


def test_any_named_site_can_be_blocked(tmp_path: Path) -> None:
    cookie_policy("block-site:s-etukortti.test").write_profile(tmp_path, "https://x.test")
    prefs = json.loads((tmp_path / "Default" / "Preferences").read_text())["profile"]
    assert prefs["content_settings"]["exceptions"]["cookies"] == {
        "https://s-etukortti.test:443,*": {"setting": 2}
    }
    with pytest.raises(ValueError, match="bare host name"):
        cookie_policy("block-site:https://s-etukortti.test/")


def test_shards_split_every_test_exactly_once() -> None:
    ids = [f"tests/bdd/test_features.py::test_{n}[samsung]" for n in range(200)]
    shards = [Shard.parse(f"{i}/3") for i in (1, 2, 3)]
    owners = [[s.owns(nodeid) for s in shards].count(True) for nodeid in ids]
    assert owners == [1] * len(ids)
    sizes = [sum(s.owns(nodeid) for nodeid in ids) for s in shards]
    assert min(sizes) > 40, f"uneven split {sizes}"


@pytest.mark.parametrize("text", ["3/2", "0/2", "two/4", "1"])
def test_malformed_shards_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--shard"):
        Shard.parse(text)
