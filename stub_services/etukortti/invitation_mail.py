"""The household invitation email, and the SMTP outbox it leaves through (Mailpit in the world)."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from html import escape

from contract.sites import ETUKORTTI_HOST
from stub_services.common.i18n import Lang, t
from stub_services.common.smtp import Outbox, Send, mail_message, smtp_outbox
from stub_services.etukortti.formatting import day

__all__ = ["Outbox", "Send", "invitation_mail", "smtp_outbox"]


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
    return mail_message(
        sender=sender,
        to=to,
        subject=t(lang, "invite.mail.subject"),
        text="\n".join(lines),
        html=html,
        domain=ETUKORTTI_HOST,
    )
