"""The inbox client against a real Mailpit: exact addresses, waiting, codes, clean-up."""

from __future__ import annotations

import smtplib
import uuid
from email.message import EmailMessage

import pytest

from harness.clients.inbox import Email, MailpitClient
from harness.errors import HarnessSetupError
from harness.tools.mailpit import MailpitEndpoints
from harness.waiting import WaitTimeout


def send(endpoints: MailpitEndpoints, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = "S-inloggning <no-reply@s-ryhma.test>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(endpoints.smtp_host, endpoints.smtp_port, timeout=10) as smtp:
        smtp.send_message(message)


def address(prefix: str = "sara") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.com"


def test_next_message_matches_the_exact_address_only(own_mailpit: MailpitEndpoints) -> None:
    client = MailpitClient(own_mailpit.api_url, timeout_s=5)
    mine = address()
    # Mailpit's to: search is a substring match; this longer address contains mine.
    send(own_mailpit, f"x{mine}", "Not for Sara", "\n1111\n")
    send(own_mailpit, mine, "For Sara", "Din kod:\n\n4821\n")
    email = client.mailbox(mine).next_message()
    assert email.subject == "For Sara"
    assert email.to == (mine,)
    assert email.one_time_code() == "4821"


def test_each_message_is_handed_out_once_oldest_first(own_mailpit: MailpitEndpoints) -> None:
    client = MailpitClient(own_mailpit.api_url, timeout_s=5)
    mailbox = client.mailbox(address())
    send(own_mailpit, mailbox.address, "first", "\n1234\n")
    send(own_mailpit, mailbox.address, "second", "\n5678\n")
    assert [mailbox.next_message().subject, mailbox.next_message().subject] == [
        "first",
        "second",
    ]


def test_timeout_says_what_was_last_seen(own_mailpit: MailpitEndpoints) -> None:
    client = MailpitClient(own_mailpit.api_url, timeout_s=0.5)
    send(own_mailpit, address("olli"), "Someone else's mail", "hello")
    wanted = address("nobody")
    with pytest.raises(WaitTimeout) as failure:
        client.mailbox(wanted).next_message()
    text = str(failure.value)
    assert f"a new email to {wanted}" in text
    assert "Someone else's mail" in text


def test_clear_deletes_only_that_address(own_mailpit: MailpitEndpoints) -> None:
    client = MailpitClient(own_mailpit.api_url, timeout_s=5)
    mine, other = client.mailbox(address()), client.mailbox(address("olli"))
    send(own_mailpit, mine.address, "mine", "x")
    send(own_mailpit, other.address, "other", "x")
    mine.next_message()
    other.next_message()
    mine.clear()
    assert mine.count() == 0
    assert other.count() == 1


def test_a_down_inbox_is_reported_as_such() -> None:
    client = MailpitClient("http://127.0.0.1:9", timeout_s=1)
    with pytest.raises(HarnessSetupError, match="not reachable"):
        client.mailbox(address()).next_message()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Din kod är\n\n0427\n\nGiltig i 10 minuter", "0427"), ("  9931  \n", "9931")],
)
def test_code_is_the_number_alone_on_its_line(text: str, expected: str) -> None:
    assert Email("1", ("a@example.com",), "s", text, "", "").one_time_code() == expected


@pytest.mark.parametrize("text", ["no code here", "\n1234\n5678\n", "kod 1234 i texten"])
def test_missing_or_ambiguous_code_is_an_error(text: str) -> None:
    with pytest.raises(AssertionError, match="exactly one 4-digit code"):
        Email("1", ("a@example.com",), "s", text, "", "").one_time_code()
