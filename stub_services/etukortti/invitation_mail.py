"""The household invitation email, and the SMTP outbox it leaves through (Mailpit in the world)."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from html import escape

from stub_services.common.i18n import Lang, t
from stub_services.etukortti.formatting import day

Send = Callable[[EmailMessage], None]
# Opens a connection to the mail server and yields the function that sends over it. The
# connection is opened before the register creates the invitation, so a mail server that
# is down leaves no invitation behind (see household_pages.invite).
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


def first_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[0] if parts else full_name


def invitation_mail(
    lang: Lang, sender: str, to: str, inviter: str, link: str, expires: date
) -> EmailMessage:
    """Subject per the contract; the inviter's first name; the join link on its own line."""
    name = first_name(inviter)
    lines = [
        t(lang, "invite.mail.greeting"),
        "",
        t(lang, "invite.mail.body", name=name),
        "",
        t(lang, "invite.mail.cta"),
        link,
        "",
        t(lang, "invite.mail.validity", date=day(expires)),
        "",
        t(lang, "invite.mail.signature"),
        "",
    ]
    paragraphs = [
        t(lang, "invite.mail.greeting"),
        t(lang, "invite.mail.body", name=name),
        t(lang, "invite.mail.cta"),
    ]
    html = "\n".join(
        [
            f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"></head><body>',
            *(f"<p>{escape(p)}</p>" for p in paragraphs),
            f'<p><a href="{escape(link)}">{escape(t(lang, "invite.mail.link"))}</a></p>',
            f"<p>{escape(t(lang, 'invite.mail.validity', date=day(expires)))}</p>",
            f"<p>{escape(t(lang, 'invite.mail.signature'))}</p>",
            "</body></html>\n",
        ]
    )
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = t(lang, "invite.mail.subject")
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain="s-etukortti.test")
    message.set_content("\n".join(lines), charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    return message
