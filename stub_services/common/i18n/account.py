"""The S-login account pages: changing the email address and accepting new terms."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    # Changing the email address (C14)
    "account.change_email": {
        "sv": "Ändra e-postadress",
        "fi": "Muuta sähköpostiosoitetta",
        "en": "Change email address",
    },
    "account.email_changed": {
        "sv": "E-postadressen är ändrad",
        "fi": "Sähköpostiosoite on muutettu",
        "en": "The email address has been changed",
    },
    "emailchange.intro": {
        "sv": "Vi skickar en bekräftelsekod till den nya adressen. Adressen byts när du har "
        "bekräftat den.",
        "fi": "Lähetämme uuteen osoitteeseen vahvistuskoodin. Osoite vaihtuu, kun olet "
        "vahvistanut sen.",
        "en": "We will send a confirmation code to the new address. The address changes once "
        "you have confirmed it.",
    },
    "emailchange.label": {
        "sv": "Ny e-postadress",
        "fi": "Uusi sähköpostiosoite",
        "en": "New email address",
    },
    "emailchange.confirm_heading": {
        "sv": "Bekräfta e-postadressen",
        "fi": "Vahvista sähköpostiosoite",
        "en": "Confirm the email address",
    },
    "emailchange.confirm_intro": {
        "sv": "Om adressen {email} kan användas för S-inloggning har vi skickat en "
        "fyrsiffrig kod till den. Koden gäller i tio minuter.",
        "fi": "Jos osoitetta {email} voi käyttää S-kirjautumiseen, lähetimme siihen "
        "nelinumeroisen koodin. Koodi on voimassa kymmenen minuuttia.",
        "en": "If the address {email} can be used for an S-login, we have sent a four-digit "
        "code to it. The code is valid for ten minutes.",
    },
    # Updated terms of use and privacy notice (C03)
    "terms.heading": {
        "sv": "Vi har uppdaterat våra villkor",
        "fi": "Olemme päivittäneet ehtojamme",
        "en": "We have updated our terms",
    },
    "terms.intro": {
        "sv": "Vi har uppdaterat Användarvillkor för S-gruppens digitala tjänster och "
        "Integritetsmeddelande för kundregistret. Läs dem och godkänn dem för att fortsätta.",
        "fi": "Olemme päivittäneet S-ryhmän digitaalisten palvelujen käyttöehdot ja "
        "asiakasrekisterin tietosuojaselosteen. Lue ja hyväksy ne jatkaaksesi.",
        "en": "We have updated the Terms of use of S Group's digital services and the Privacy "
        "notice of the customer register. Read and accept them to continue.",
    },
    "terms.user_terms_link": {
        "sv": "Användarvillkor",
        "fi": "Käyttöehdot",
        "en": "Terms of use",
    },
    "terms.privacy_link": {
        "sv": "Integritetsmeddelande",
        "fi": "Tietosuojaseloste",
        "en": "Privacy notice",
    },
    "terms.user_terms_title": {
        "sv": "Användarvillkor för S-gruppens digitala tjänster",
        "fi": "S-ryhmän digitaalisten palvelujen käyttöehdot",
        "en": "Terms of use of S Group's digital services",
    },
    "terms.privacy_title": {
        "sv": "Integritetsmeddelande för kundregistret",
        "fi": "Asiakasrekisterin tietosuojaseloste",
        "en": "Privacy notice of the customer register",
    },
    "terms.user_terms_text": {
        "sv": "Villkoren gäller när du använder S-gruppens digitala tjänster med S-inloggning.",
        "fi": "Ehtoja sovelletaan, kun käytät S-ryhmän digitaalisia palveluja S-kirjautumisella.",
        "en": "These terms apply when you use S Group's digital services with an S-login.",
    },
    "terms.privacy_text": {
        "sv": "Meddelandet beskriver hur S-gruppen behandlar personuppgifterna i kundregistret.",
        "fi": "Seloste kertoo, miten S-ryhmä käsittelee asiakasrekisterin henkilötietoja.",
        "en": "This notice describes how S Group processes the personal data in the customer "
        "register.",
    },
    "terms.version": {
        "sv": "Version {version}",
        "fi": "Versio {version}",
        "en": "Version {version}",
    },
    "terms.accept_label": {
        "sv": "Jag har läst de uppdaterade villkoren",
        "fi": "Olen lukenut päivitetyt ehdot",
        "en": "I have read the updated terms",
    },
    "terms.accept_legend": {
        "sv": "Godkännande",
        "fi": "Hyväksyntä",
        "en": "Acceptance",
    },
    "terms.submit": {
        "sv": "Godkänn och fortsätt",
        "fi": "Hyväksy ja jatka",
        "en": "Accept and continue",
    },
    "terms.required": {
        "sv": "Du behöver godkänna villkoren för att fortsätta",
        "fi": "Sinun täytyy hyväksyä ehdot jatkaaksesi",
        "en": "You need to accept the terms to continue",
    },
    "terms.back": {
        "sv": "Tillbaka till villkoren",
        "fi": "Takaisin ehtoihin",
        "en": "Back to the terms",
    },
}
