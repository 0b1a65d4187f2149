"""Sign-in mail: code, no-account and address notices, sent over SMTP (Mailpit in the world)."""

from __future__ import annotations

from email.message import EmailMessage
from html import escape

from stub_services.common.i18n import Lang, t
from stub_services.common.smtp import Send, mail_message, smtp_mailer

Mailer = Send
__all__ = ["Mailer", "smtp_mailer"]

# A fixed boundary without digits: the raw message then holds no stray 4-digit numbers.
_BOUNDARY = "s-login-alternative-part"


def _message(sender: str, to: str, subject: str, text: str, html: str) -> EmailMessage:
    message = mail_message(
        sender=sender, to=to, subject=subject, text=text, html=html, domain="s-ryhma.test"
    )
    message.set_boundary(_BOUNDARY)
    return message


def _html(lang: Lang, paragraphs: list[str]) -> str:
    body = "\n".join(paragraphs)
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>\n'
        f'<body style="font-family: sans-serif; color: #1d1d1b;">\n{body}\n</body></html>\n'
    )


def code_mail(lang: Lang, sender: str, to: str, code: str) -> EmailMessage:
    """The code stands alone on its own line; no other 4-digit number appears."""
    text = "\n".join(
        [
            t(lang, "mail.greeting"),
            "",
            t(lang, "mail.code.intro"),
            "",
            code,
            "",
            t(lang, "mail.code.validity"),
            t(lang, "mail.code.ignore"),
            "",
            t(lang, "mail.signature"),
            "",
        ]
    )
    html = _html(
        lang,
        [
            f"<p>{escape(t(lang, 'mail.greeting'))}</p>",
            f"<p>{escape(t(lang, 'mail.code.intro'))}</p>",
            f'<p style="font-size: 2em; font-weight: bold; letter-spacing: 0.2em;">{code}</p>',
            f"<p>{escape(t(lang, 'mail.code.validity'))}</p>",
            f"<p>{escape(t(lang, 'mail.code.ignore'))}</p>",
            f"<p>{escape(t(lang, 'mail.signature'))}</p>",
        ],
    )
    return _message(sender, to, t(lang, "mail.code.subject"), text, html)


def no_account_mail(lang: Lang, sender: str, to: str, register_url: str) -> EmailMessage:
    """Tells an unknown address there is no S-login for it, with a link to create one."""
    text = "\n".join(
        [
            t(lang, "mail.greeting"),
            "",
            t(lang, "mail.noaccount.body"),
            "",
            t(lang, "mail.noaccount.cta"),
            register_url,
            "",
            t(lang, "mail.code.ignore"),
            "",
            t(lang, "mail.signature"),
            "",
        ]
    )
    html = _html(
        lang,
        [
            f"<p>{escape(t(lang, 'mail.greeting'))}</p>",
            f"<p>{escape(t(lang, 'mail.noaccount.body'))}</p>",
            f"<p>{escape(t(lang, 'mail.noaccount.cta'))} "
            f'<a href="{escape(register_url)}">{escape(t(lang, "mail.noaccount.link"))}</a></p>',
            f"<p>{escape(t(lang, 'mail.code.ignore'))}</p>",
            f"<p>{escape(t(lang, 'mail.signature'))}</p>",
        ],
    )
    return _message(sender, to, t(lang, "mail.noaccount.subject"), text, html)


def _notice_mail(
    lang: Lang, sender: str, to: str, subject_key: str, keys: list[str]
) -> EmailMessage:
    """A plain notice: greeting, the paragraphs `keys`, signature; never a code."""
    paragraphs = [t(lang, key) for key in ["mail.greeting", *keys, "mail.signature"]]
    text = "\n\n".join(paragraphs) + "\n"
    html = _html(lang, [f"<p>{escape(p)}</p>" for p in paragraphs])
    return _message(sender, to, t(lang, subject_key), text, html)


def address_changed_mail(lang: Lang, sender: str, to: str) -> EmailMessage:
    """To the old address: the S-login now uses another one."""
    keys = ["mail.changed.body", "mail.changed.help"]
    return _notice_mail(lang, sender, to, "mail.changed.subject", keys)


def address_in_use_mail(lang: Lang, sender: str, to: str) -> EmailMessage:
    """To an address of another S-login that someone tried to move an S-login to."""
    keys = ["mail.inuse.body", "mail.inuse.ignore"]
    return _notice_mail(lang, sender, to, "mail.inuse.subject", keys)
