"""Environment profiles: files per environment, variables over single values, no secrets in
files, a served world reused with one variable, and what the claims page says of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import env_profiles
from harness.config import HarnessConfig
from harness.doctor import env_option, target_line
from harness.environment import StartDeadline, running_world, world_progress
from harness.errors import HarnessSetupError
from harness.living_docs.claims_page import real_environments
from harness.report import ScenarioResult

REMOTE = """
kind = "remote"
[sites]
signin = "https://login.staging.example"
etukortti = "https://etukortti.staging.example"
[inbox]
api_url = "http://mail.staging.example:8025"
[mail]
domain = "qa.staging.example"
[tags]
unsupported = ["@C06"]
[timeouts]
email_s = 60
"""


def write(tmp_path: Path, text: str, name: str = "staging.toml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_every_shipped_environment_file_loads() -> None:
    kinds = {name: env_profiles.load(name, {}).kind for name in env_profiles.available()}
    assert kinds == {"stub": "stub", "served": "served", "example-staging": "remote"}


def test_a_remote_file_is_read_and_variables_override_single_values(tmp_path: Path) -> None:
    path = write(tmp_path, REMOTE)
    env = {"SLOGIN_SIGNIN_URL": "https://login.other.example/", "HARNESS_EMAIL_TIMEOUT": "90"}
    profile = env_profiles.load(str(path), env)
    assert profile.sites == {
        "signin": "https://login.other.example",
        "etukortti": "https://etukortti.staging.example",
    }
    assert profile.email_timeout_s == 90.0
    assert profile.mail_domain == "qa.staging.example"
    assert profile.skipped_tags == ("stub_only", "C06")
    assert profile.where("sites.signin") == "SLOGIN_SIGNIN_URL"
    assert profile.where("sites.etukortti") == (
        f"sites.etukortti in {path} (or SLOGIN_ETUKORTTI_URL)"
    )


def test_the_environment_is_chosen_by_option_then_variable(tmp_path: Path) -> None:
    path = write(tmp_path, REMOTE)
    assert env_profiles.load(None, {"HARNESS_ENV": str(path)}).kind == "remote"
    assert env_profiles.load("served", {"HARNESS_ENV": str(path)}).kind == "served"
    assert env_option(["-k", "x", "--env", "served"]) == "served"
    assert env_option(["--env=staging"]) == "staging"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (REMOTE.replace("[mail]", "[inbox2]"), "unknown key 'inbox2'"),
        (REMOTE.replace("email_s", "mail_s"), "unknown key timeouts.mail_s"),
        (REMOTE + '[users.Sara]\nemail = "s@x.example"\npassword = "hunter2"\n', "secret"),
        (REMOTE.replace('api_url = "http://', 'api_url = "http://u:p@'), "inbox.auth_env"),
        (REMOTE.replace('api_url = "http://mail.staging.example:8025"', ""), "names no inbox"),
        (REMOTE.replace("https://login", "http://login"), "is not an https:// URL"),
        (REMOTE.replace('"remote"', '"staging"'), "give one of stub, served, remote"),
        (REMOTE.replace("email_s = 60", "email_s = -5"), "number of seconds"),
    ],
    ids=[
        "unknown table",
        "unknown key",
        "literal secret",
        "credentials in a URL",
        "no inbox",
        "plain http site",
        "unknown kind",
        "negative deadline",
    ],
)
def test_a_wrong_file_is_refused_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ValueError, match=r"staging\.toml") as refused:
        env_profiles.load(str(path), {})
    assert message in str(refused.value)


def test_an_unknown_environment_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="--env='staging2'") as refused:
        env_profiles.load("staging2", {})
    assert "example-staging, served, stub" in str(refused.value)


def test_the_manifest_variable_alone_means_the_served_world(tmp_path: Path) -> None:
    manifest = tmp_path / "world.json"
    config = HarnessConfig.from_env(env={"SLOGIN_WORLD_MANIFEST": str(manifest)})
    assert config.target.kind == "served"
    assert target_line(config.target).startswith(f"Target: the stub world of {manifest}")


def test_url_variables_cannot_quietly_turn_the_stub_world_remote() -> None:
    with pytest.raises(ValueError, match="SLOGIN_SIGNIN_URL is set, but environment 'stub'"):
        env_profiles.load("stub", {"SLOGIN_SIGNIN_URL": "https://login.example"})


def test_a_served_world_that_names_no_mailpit_says_how_to_get_one(tmp_path: Path) -> None:
    manifest = write(tmp_path, json.dumps({"sites": {}}), "world.json")
    with pytest.raises(HarnessSetupError, match=r"does not name its Mailpit.*\./qa serve"):
        running_world(manifest)


def test_secrets_come_from_the_variable_the_file_names(tmp_path: Path) -> None:
    path = write(tmp_path, REMOTE.replace("[mail]", 'auth_env = "STAGING_INBOX"\n[mail]'))
    inbox = env_profiles.load(str(path), {}).inbox
    assert inbox.auth({"STAGING_INBOX": "qa:s3cret"}) == ("qa", "s3cret")
    with pytest.raises(ValueError, match="STAGING_INBOX, which is not set"):
        inbox.auth({})


def test_the_start_deadline_is_the_configured_one_or_grows_with_load() -> None:
    assert StartDeadline.choose(75).seconds == 75
    adaptive = StartDeadline.choose(None)
    assert adaptive.seconds >= 40
    assert "load" in adaptive.why


def test_a_late_world_says_which_stubs_it_was_waiting_for() -> None:
    log = "stub world: signin ready (1.0 s)\nstub world: etukortti ready (2.1 s)\n"
    assert world_progress(log) == (
        "Ready: signin, etukortti; still waiting for: bank, register, sms, shops."
    )


def result(name: str, tags: list[str]) -> ScenarioResult:
    return ScenarioResult(name, "f", "f.feature", name, tags, "passed", 1.0)


def test_the_claims_page_says_which_scenarios_run_against_real_environments() -> None:
    both = [result("Sign in", ["C09"]), result("Code expires", ["C09", "stub_only"])]
    assert real_environments(both) == (
        "1 of 2; stub world only (@stub_only):<ul><li>Code expires</li></ul>"
    )
    assert real_environments(both[:1]) == "yes, all 1"
    assert real_environments(both[1:]) == "no: stub world only (@stub_only)"


def test_the_url_variables_alone_need_an_inbox_but_no_smtp() -> None:
    env = {
        "SLOGIN_SIGNIN_URL": "https://login.staging.example",
        "SLOGIN_ETUKORTTI_URL": "https://etukortti.staging.example",
    }
    with pytest.raises(ValueError, match="names no inbox: set MAILPIT_URL"):
        env_profiles.load(None, env)
    profile = env_profiles.load(None, {**env, "MAILPIT_URL": "http://mail.staging.example"})
    assert (profile.kind, profile.inbox.smtp) == ("remote", None)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'etukortti = "https://etukortti.staging.example"',
            'etukortti = "ftp://etukortti.staging.example"',
            "sites.etukortti='ftp://etukortti.staging.example' in {where} is not an https:// "
            "URL of a site (for example https://login.staging.example.fi).",
        ),
        (
            'api_url = "http://mail.staging.example:8025"',
            'api_url = " mail.staging.example:8025 "',
            "inbox.api_url=' mail.staging.example:8025 ' in {where} is not the http(s):// URL "
            "of a Mailpit API (for example http://127.0.0.1:8025).",
        ),
        (
            "[mail]",
            'smtp = "mail.staging.example:70000"\n[mail]',
            "inbox.smtp='mail.staging.example:70000' in {where} is not HOST:PORT "
            "(for example 127.0.0.1:1025).",
        ),
    ],
    ids=["site", "inbox API", "SMTP"],
)
def test_a_malformed_address_names_the_setting_the_value_and_what_it_takes(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    path = write(tmp_path, REMOTE.replace(old, new))
    with pytest.raises(ValueError, match="is not") as refused:
        env_profiles.load(str(path), {})
    assert str(refused.value) == expected.format(where=env_profiles.shown_path(path.resolve()))


def test_credentials_in_a_site_url_are_refused_without_repeating_them(tmp_path: Path) -> None:
    """Refusing a password must not print it into a terminal or a CI log."""
    path = write(tmp_path, REMOTE.replace("https://login", "https://qa:hunter2@login"))
    with pytest.raises(ValueError, match=r"sites\.signin in .* carries credentials") as refused:
        env_profiles.load(str(path), {})
    assert "hunter2" not in str(refused.value)
