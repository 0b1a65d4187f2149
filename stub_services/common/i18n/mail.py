"""The sign-in service's mails: the code, no account, address changed, address in use."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    # Sign-in mail: code
    "mail.code.subject": {
        "sv": "Din bekräftelsekod för S-inloggning",
        "fi": "S-kirjautumisen vahvistuskoodisi",
        "en": "Your S-login confirmation code",
    },
    "mail.greeting": {
        "sv": "Hej!",
        "fi": "Hei!",
        "en": "Hello,",
    },
    "mail.code.intro": {
        "sv": "Din bekräftelsekod för S-inloggning är:",
        "fi": "S-kirjautumisen vahvistuskoodisi on:",
        "en": "Your S-login confirmation code is:",
    },
    "mail.code.validity": {
        "sv": "Koden gäller i tio minuter och kan användas en gång.",
        "fi": "Koodi on voimassa kymmenen minuuttia, ja sen voi käyttää kerran.",
        "en": "The code is valid for ten minutes and can be used once.",
    },
    "mail.code.ignore": {
        "sv": "Om det inte var du som försökte logga in kan du bortse från det här meddelandet.",
        "fi": "Jos et yrittänyt kirjautua, voit jättää tämän viestin huomiotta.",
        "en": "If you did not try to sign in, you can ignore this message.",
    },
    # Sign-in mail: no account for the address
    "mail.noaccount.subject": {
        "sv": "Det finns ingen S-inloggning för den här adressen",
        "fi": "Tälle osoitteelle ei ole S-kirjautumista",
        "en": "There is no S-login for this address",
    },
    "mail.noaccount.body": {
        "sv": "Någon försökte logga in med den här e-postadressen, men det finns ingen "
        "S-inloggning kopplad till den.",
        "fi": "Joku yritti kirjautua tällä sähköpostiosoitteella, mutta siihen ei ole "
        "liitetty S-kirjautumista.",
        "en": "Someone tried to sign in with this email address, but there is no S-login "
        "linked to it.",
    },
    "mail.noaccount.cta": {
        "sv": "Du kan skapa en S-inloggning här:",
        "fi": "Voit luoda S-kirjautumisen täällä:",
        "en": "You can create an S-login here:",
    },
    "mail.noaccount.link": {
        "sv": "Skapa S-inloggning",
        "fi": "Luo S-kirjautuminen",
        "en": "Create S-login",
    },
    "mail.signature": {
        "sv": "Hälsningar, S-gruppen",
        "fi": "Terveisin S-ryhmä",
        "en": "S Group",
    },
    "mail.changed.subject": {
        "sv": "E-postadressen för din S-inloggning har ändrats",
        "fi": "S-kirjautumisesi sähköpostiosoite on muutettu",
        "en": "The email address of your S-login has been changed",
    },
    "mail.changed.body": {
        "sv": "E-postadressen för din S-inloggning har ändrats. Den här adressen används inte "
        "längre för att logga in.",
        "fi": "S-kirjautumisesi sähköpostiosoite on muutettu. Tätä osoitetta ei enää käytetä "
        "kirjautumiseen.",
        "en": "The email address of your S-login has been changed. This address is no longer "
        "used to sign in.",
    },
    "mail.changed.help": {
        "sv": "Om det inte var du som ändrade adressen, kontakta ägarkundstjänsten.",
        "fi": "Jos et itse muuttanut osoitetta, ota yhteyttä omistaja-asiakaspalveluun.",
        "en": "If you did not change the address, contact owner-customer service.",
    },
    "mail.inuse.subject": {
        "sv": "Någon försökte använda din e-postadress",
        "fi": "Joku yritti käyttää sähköpostiosoitettasi",
        "en": "Someone tried to use your email address",
    },
    "mail.inuse.body": {
        "sv": "Någon försökte använda den här e-postadressen för en S-inloggning. Adressen "
        "hör redan till en S-inloggning, så ingenting har ändrats.",
        "fi": "Joku yritti käyttää tätä sähköpostiosoitetta S-kirjautumiseen. Osoite kuuluu jo "
        "S-kirjautumiseen, joten mitään ei muutettu.",
        "en": "Someone tried to use this email address for an S-login. The address already "
        "belongs to an S-login, so nothing has changed.",
    },
    "mail.inuse.ignore": {
        "sv": "Om det var du kan du bortse från det här meddelandet.",
        "fi": "Jos se olit sinä, voit jättää tämän viestin huomiotta.",
        "en": "If it was you, you can ignore this message.",
    },
}
