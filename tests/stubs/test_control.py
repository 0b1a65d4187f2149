"""Health and control endpoints of both stubs, and state that survives a restart."""

from __future__ import annotations

from datetime import datetime

from stub_services.common.settings import Settings
from stub_services.signin.app import create_app as create_signin

from .support import SIGNIN_URL, Mailbox, TestClient, set_cookies, sign_up

SARA = "sara.virtanen@example.com"


def test_health(signin: TestClient, etukortti: TestClient) -> None:
    assert signin.get("/healthz").json() == {"status": "ok", "service": "signin"}
    assert etukortti.get("/healthz").json() == {"status": "ok", "service": "etukortti"}


def test_clock_advances_by_the_given_seconds(signin: TestClient) -> None:
    before = datetime.fromisoformat(signin.get("/_control/clock").json()["now"])
    after = datetime.fromisoformat(
        signin.post("/_control/clock/advance", json={"seconds": 3600}).json()["now"]
    )
    assert 3600 <= (after - before).total_seconds() < 3660


def test_events_are_per_address_oldest_first_and_hold_no_codes(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    events = signin.get(f"/_control/events?email={SARA}").json()
    assert [e["type"] for e in events] == ["code_sent", "account_created", "signed_in"]
    assert all(set(e) == {"type", "email", "at", "detail"} for e in events)
    assert mailbox.latest_code(SARA) not in str(events)
    assert signin.get("/_control/events?email=nobody@example.com").json() == []


def test_reset_wipes_accounts_sessions_events_and_clock(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    signin.post("/_control/clock/advance", json={"seconds": 86_400})
    assert signin.post("/_control/reset").status_code == 200
    assert "Inloggad som" not in signin.get("/sv/").text
    assert signin.get(f"/_control/events?email={SARA}").json() == []
    now = datetime.fromisoformat(signin.get("/_control/clock").json()["now"])
    assert abs((now - datetime.now(now.tzinfo)).total_seconds()) < 60


def test_accounts_sessions_and_clock_survive_a_restart(
    settings: Settings, signin: TestClient, mailbox: Mailbox
) -> None:
    sid = set_cookies(sign_up(signin, mailbox, SARA))["__Host-sid"].value
    signin.post("/_control/clock/advance", json={"seconds": 7200})
    restarted = TestClient(create_signin(settings, mailer=mailbox.send), base_url=SIGNIN_URL)
    restarted.cookies.set("__Host-sid", sid, domain="login.s-ryhma.test")
    assert f"Inloggad som {SARA}" in restarted.get("/sv/").text
    now = datetime.fromisoformat(restarted.get("/_control/clock").json()["now"])
    assert (now - datetime.now(now.tzinfo)).total_seconds() > 7000
    # The known account still gets a code mail, not the no-account mail.
    restarted.cookies.clear()
    restarted.post("/sv/login/email", data={"email": SARA, "intent": "login"})
    assert mailbox.to(SARA)[-1]["Subject"] == "Din bekräftelsekod för S-inloggning"


def test_settings_read_the_documented_environment() -> None:
    settings = Settings.from_env(
        {
            "STUB_STATE_DIR": "/srv/stub-state",
            "SIGNIN_PUBLIC_URL": "https://login.example.test/",
            "SMTP_HOST": "mail",
            "SMTP_PORT": "2525",
            "STUB_CA_FILE": "/srv/stub-state/tls/ca.pem",
        }
    )
    assert settings.signin_public_url == "https://login.example.test"
    assert settings.signin_internal_url == "https://login.example.test"
    assert (settings.smtp_host, settings.smtp_port) == ("mail", 2525)
    assert settings.ca_file == "/srv/stub-state/tls/ca.pem"
    assert Settings.from_env({}).mail_from == "S-inloggning <no-reply@s-ryhma.test>"
