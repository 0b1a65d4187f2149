"""The one SMTP sender of the stub world (Mailpit in the world, any SMTP server elsewhere)."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

Send = Callable[[EmailMessage], None]
# Opens a connection to the mail server and yields the function that sends over it. A
# caller that must not leave state behind when mail is down opens it before writing.
Outbox = Callable[[], AbstractContextManager[Send]]


def smtp_outbox(host: str, port: int, timeout: float = 10.0) -> Outbox:
    """An Outbox over plain SMTP; raises OSError/SMTPException when the server fails."""

    @contextmanager
    def connection() -> Iterator[Send]:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.ehlo()

            def send(message: EmailMessage) -> None:
                smtp.send_message(message)

            yield send

    return connection


def smtp_mailer(host: str, port: int, timeout: float = 10.0) -> Send:
    """Sends each message over a connection of its own."""
    outbox = smtp_outbox(host, port, timeout)

    def send(message: EmailMessage) -> None:
        with outbox() as deliver:
            deliver(message)

    return send


def mail_message(
    *, sender: str, to: str, subject: str, text: str, html: str, domain: str
) -> EmailMessage:
    """A text + HTML message with the headers every stub mail carries."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(text, charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message
