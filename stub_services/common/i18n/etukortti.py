"""S-Etukortti's sign-in, Mina uppgifter and customer-data pages."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    # Account site
    "etukortti.heading": {
        "sv": "S-Etukortti",
        "fi": "S-Etukortti",
        "en": "S-Etukortti",
    },
    "etukortti.intro": {
        "sv": "Se och hantera dina uppgifter som ägarkund.",
        "fi": "Katso ja hallitse omistaja-asiakastietojasi.",
        "en": "View and manage your owner-customer details.",
    },
    "etukortti.login": {
        "sv": "Logga in",
        "fi": "Kirjaudu sisään",
        "en": "Sign in",
    },
    "etukortti.create": {
        "sv": "Skapa S-inloggning",
        "fi": "Luo S-kirjautuminen",
        "en": "Create S-login",
    },
    "profile.heading": {
        "sv": "Mina uppgifter",
        "fi": "Omat tiedot",
        "en": "My details",
    },
    "profile.email": {
        "sv": "E-postadress",
        "fi": "Sähköpostiosoite",
        "en": "Email address",
    },
    "profile.created": {
        "sv": "S-inloggning skapad",
        "fi": "S-kirjautuminen luotu",
        "en": "S-login created",
    },
    "profile.logout": {
        "sv": "Logga ut",
        "fi": "Kirjaudu ulos",
        "en": "Sign out",
    },
    "etukortti.error.heading": {
        "sv": "Inloggningen kunde inte slutföras",
        "fi": "Kirjautumista ei voitu viimeistellä",
        "en": "The sign-in could not be completed",
    },
    "etukortti.error.text": {
        "sv": "Något gick fel när vi tog emot inloggningen. Försök igen.",
        "fi": "Kirjautumisen vastaanotossa tapahtui virhe. Yritä uudelleen.",
        "en": "Something went wrong while receiving the sign-in. Please try again.",
    },
    # S-Etukortti: customer data (C05)
    "customer.heading": {
        "sv": "Kunduppgifter",
        "fi": "Asiakastiedot",
        "en": "Customer data",
    },
    "customer.address": {
        "sv": "Postadress",
        "fi": "Postiosoite",
        "en": "Postal address",
    },
    "customer.no_address": {
        "sv": "Ingen postadress",
        "fi": "Ei postiosoitetta",
        "en": "No postal address",
    },
    "customer.edit": {
        "sv": "Ändra kunduppgifter",
        "fi": "Muuta asiakastietoja",
        "en": "Change customer data",
    },
    "customer.street": {
        "sv": "Gatuadress",
        "fi": "Katuosoite",
        "en": "Street address",
    },
    "customer.postal_code": {
        "sv": "Postnummer",
        "fi": "Postinumero",
        "en": "Postal code",
    },
    "customer.city": {
        "sv": "Postort",
        "fi": "Postitoimipaikka",
        "en": "City",
    },
    "customer.submit": {
        "sv": "Spara",
        "fi": "Tallenna",
        "en": "Save",
    },
    "customer.postal_code_invalid": {
        "sv": "Kontrollera postnumret",
        "fi": "Tarkista postinumero",
        "en": "Check the postal code",
    },
    "customer.required": {
        "sv": "Fyll i uppgiften",
        "fi": "Täytä tieto",
        "en": "Fill in this field",
    },
    "customer.saved": {
        "sv": "Uppgifterna har sparats",
        "fi": "Tiedot on tallennettu",
        "en": "The details have been saved",
    },
    "customer.back": {
        "sv": "Tillbaka till Mina uppgifter",
        "fi": "Takaisin omiin tietoihin",
        "en": "Back to My details",
    },
    "customer.csrf_heading": {
        "sv": "Formuläret kunde inte tas emot",
        "fi": "Lomaketta ei voitu vastaanottaa",
        "en": "The form could not be received",
    },
    "customer.csrf_text": {
        "sv": "Formuläret har gått ut eller kom inte från den här sidan. Öppna det på nytt och "
        "försök igen.",
        "fi": "Lomake on vanhentunut tai ei tullut tältä sivulta. Avaa se uudelleen ja yritä "
        "uudelleen.",
        "en": "The form has expired or did not come from this page. Open it again and try again.",
    },
}
