"""Sign-in mail: language, a code alone on its line, and no other 4-digit number."""

from __future__ import annotations

import re

import pytest

from stub_services.common.i18n import LANGS, Lang
from stub_services.signin.mail import code_mail, no_account_mail

from .support import html_of, text_of

SENDER = "S-inloggning <no-reply@s-ryhma.test>"


@pytest.mark.parametrize("lang", LANGS)
def test_code_mail_has_the_code_alone_and_nothing_else_four_digit(lang: Lang) -> None:
    mail = code_mail(lang, SENDER, "sara@example.com", "0427")
    text, html = text_of(mail), html_of(mail)
    assert re.findall(r"^\d{4}$", text, re.MULTILINE) == ["0427"]
    assert re.findall(r"\d{4}", text + html + str(mail["Subject"])) == ["0427", "0427"]
    assert "0427" not in str(mail["Subject"])
    assert f'lang="{lang}"' in html
    assert mail.get_content_type() == "multipart/alternative"


def test_mail_language_follows_the_flow() -> None:
    subjects = {lang: str(code_mail(lang, SENDER, "a@b.test", "1111")["Subject"]) for lang in LANGS}
    assert subjects == {
        "sv": "Din bekräftelsekod för S-inloggning",
        "fi": "S-kirjautumisen vahvistuskoodisi",
        "en": "Your S-login confirmation code",
    }


def test_raw_no_account_mail_holds_no_four_digit_number() -> None:
    mail = no_account_mail(
        "en", SENDER, "elias@example.com", "https://login.s-ryhma.test/en/register?request=abc"
    )
    body = mail.as_string().split("\n\n", 1)[1]
    assert not re.search(r"\d{4}", body)
    assert "https://login.s-ryhma.test/en/register?request=abc" in text_of(mail)
