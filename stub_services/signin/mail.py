"""Sign-in mail: code, no-account and address notices, sent over SMTP (Mailpit in the world)."""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

from contract.sites import MAIL_DOMAIN
from stub_services.common.i18n import Lang, t
from stub_services.common.smtp import Send, mail_message, smtp_mailer

Mailer = Send
__all__ = ["Mailer", "smtp_mailer"]

# A fixed boundary without digits: the raw message then holds no stray 4-digit numbers.
_BOUNDARY = "s-login-alternative-part"


def _message(sender: str, to: str, subject: str, text: str, html: str) -> EmailMessage:
    message = mail_message(
        sender=sender, to=to, subject=subject, text=text, html=html, domain=MAIL_DOMAIN
    )
    message.set_boundary(_BOUNDARY)
    return message


def _compose(
    lang: Lang, sender: str, to: str, subject_key: str, parts: list[tuple[str, str]]
) -> EmailMessage:
    """Greeting, `parts` (each as plain text and as HTML) and signature, a blank line apart."""
    greeting, signature = t(lang, "mail.greeting"), t(lang, "mail.signature")
    text = "\n\n".join([greeting, *(plain for plain, _ in parts), signature]) + "\n"
    paragraphs = [_p(greeting), *(html for _, html in parts), _p(signature)]
    body = "\n".join(paragraphs)
    html = (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family: sans-serif; color: #1d1d1b;">\n{body}\n</body></html>\n'
    )
    return _message(sender, to, t(lang, subject_key), text, html)


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _said(lang: Lang, *keys: str) -> tuple[str, str]:
    """Labels on lines of their own, in one part."""
    lines = [t(lang, key) for key in keys]
    return "\n".join(lines), "\n".join(_p(line) for line in lines)


def code_mail(lang: Lang, sender: str, to: str, code: str) -> EmailMessage:
    """The code stands alone on its own line; no other 4-digit number appears."""
    big = '<p style="font-size: 2em; font-weight: bold; letter-spacing: 0.2em;">'
    parts = [
        _said(lang, "mail.code.intro"),
        (code, f"{big}{code}</p>"),
        _said(lang, "mail.code.validity", "mail.code.ignore"),
    ]
    return _compose(lang, sender, to, "mail.code.subject", parts)


def no_account_mail(lang: Lang, sender: str, to: str, register_url: str) -> EmailMessage:
    """Tells an unknown address there is no S-login for it, with a link to create one."""
    cta, link = t(lang, "mail.noaccount.cta"), t(lang, "mail.noaccount.link")
    parts = [
        _said(lang, "mail.noaccount.body"),
        (
            f"{cta}\n{register_url}",
            f'<p>{escape(cta)} <a href="{escape(register_url)}">{escape(link)}</a></p>',
        ),
        _said(lang, "mail.code.ignore"),
    ]
    return _compose(lang, sender, to, "mail.noaccount.subject", parts)


def address_changed_mail(lang: Lang, sender: str, to: str) -> EmailMessage:
    """To the old address: the S-login now uses another one."""
    parts = [_said(lang, "mail.changed.body"), _said(lang, "mail.changed.help")]
    return _compose(lang, sender, to, "mail.changed.subject", parts)


def address_in_use_mail(lang: Lang, sender: str, to: str) -> EmailMessage:
    """To an address of another S-login that someone tried to move an S-login to."""
    parts = [_said(lang, "mail.inuse.body"), _said(lang, "mail.inuse.ignore")]
    return _compose(lang, sender, to, "mail.inuse.subject", parts)
