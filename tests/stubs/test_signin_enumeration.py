"""No account enumeration, malformed addresses, and mail delivery failure."""

from __future__ import annotations

import re

from .support import Mailbox, TestClient, html_of, set_cookies, sign_up, submit_email, text_of

SARA = "sara.virtanen@example.com"
ELIAS = "elias.nieminen@example.com"


def _page_after(signin: TestClient, email: str) -> tuple[int, int, str, set[str]]:
    sent = submit_email(signin, email)
    page = signin.get(sent.headers["location"])
    # The request ID differs per flow; everything else must be identical.
    text = re.sub(r"request=[A-Za-z]+", "request=ID", page.text)
    text = re.sub(r'name="request" value="[A-Za-z]+"', 'name="request" value="ID"', text)
    return sent.status_code, page.status_code, text, set(set_cookies(sent))


def test_known_and_unknown_addresses_get_the_same_response(
    signin: TestClient, mailbox: Mailbox
) -> None:
    sign_up(signin, mailbox, SARA)
    signin.cookies.clear()
    known = _page_after(signin, SARA)
    signin.cookies.clear()
    unknown = _page_after(signin, ELIAS)
    assert known == unknown
    assert known[0] == 303


def test_unknown_address_gets_the_no_account_mail_with_a_create_link(
    signin: TestClient, mailbox: Mailbox
) -> None:
    submit_email(signin, ELIAS)
    [mail] = mailbox.to(ELIAS)
    assert mail["Subject"] == "Det finns ingen S-inloggning för den här adressen"
    assert "https://login.s-ryhma.test/sv/register?request=" in text_of(mail)
    assert not re.search(r"\d{4}", text_of(mail) + html_of(mail))
    types = [e["type"] for e in signin.get(f"/_control/events?email={ELIAS}").json()]
    assert types == ["no_account_mail_sent"]


def test_any_address_gets_a_code_when_creating(signin: TestClient, mailbox: Mailbox) -> None:
    submit_email(signin, ELIAS, intent="create", lang="fi")
    [mail] = mailbox.to(ELIAS)
    assert mail["Subject"] == "S-kirjautumisen vahvistuskoodisi"
    assert re.search(r"^\d{4}$", text_of(mail), re.MULTILINE)


def test_malformed_address_is_refused_and_kept_in_the_field(signin: TestClient) -> None:
    sent = submit_email(signin, "sara.virtanen@@example")
    assert sent.status_code == 422
    assert "Kontrollera e-postadressen" in sent.text
    assert 'value="sara.virtanen@@example"' in sent.text
    assert "__Host-login_tx" not in set_cookies(sent)


def test_malformed_address_text_is_escaped(signin: TestClient) -> None:
    sent = submit_email(signin, '"><script>x</script>')
    assert sent.status_code == 422
    assert "<script>x</script>" not in sent.text


def test_mail_failure_is_a_503_without_cookie(signin: TestClient, mailbox: Mailbox) -> None:
    mailbox.broken = True
    sent = submit_email(signin, ELIAS, intent="create")
    assert sent.status_code == 503
    assert "Vi kunde inte skicka koden just nu" in sent.text
    assert "__Host-login_tx" not in set_cookies(sent)


def test_addresses_are_case_insensitive(signin: TestClient, mailbox: Mailbox) -> None:
    sign_up(signin, mailbox, SARA)
    signin.cookies.clear()
    submit_email(signin, "Sara.Virtanen@EXAMPLE.com")
    assert mailbox.to(SARA)[-1]["Subject"] == "Din bekräftelsekod för S-inloggning"
