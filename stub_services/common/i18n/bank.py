"""The bank authentication broker's pages (stub_services/bank)."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    "bank.site_name": {
        "sv": "Bankidentifiering",
        "fi": "Pankkitunnistus",
        "en": "Bank identification",
    },
    "bank.select.heading": {
        "sv": "Välj identifieringsmetod",
        "fi": "Valitse tunnistustapa",
        "en": "Choose an identification method",
    },
    "bank.select.intro": {
        "sv": "Identifiera dig med dina bankkoder.",
        "fi": "Tunnistaudu pankkitunnuksillasi.",
        "en": "Identify yourself with your online banking codes.",
    },
    "bank.cancel": {
        "sv": "Avbryt",
        "fi": "Peruuta",
        "en": "Cancel",
    },
    "bank.page.intro": {
        "sv": "Testbank: ange testanvändarens personbeteckning som användar-ID.",
        "fi": "Testipankki: anna testikäyttäjän henkilötunnus käyttäjätunnukseksi.",
        "en": "Test bank: enter the test user's personal identity code as the user ID.",
    },
    "bank.user_label": {
        "sv": "Användar-ID",
        "fi": "Käyttäjätunnus",
        "en": "User ID",
    },
    "bank.submit": {
        "sv": "Identifiera",
        "fi": "Tunnistaudu",
        "en": "Identify",
    },
    "bank.unknown_user": {
        "sv": "Okänt användar-ID",
        "fi": "Tuntematon käyttäjätunnus",
        "en": "Unknown user ID",
    },
    "bank.timeout": {
        "sv": "Identifieringen tog för lång tid",
        "fi": "Tunnistautuminen kesti liian kauan",
        "en": "The identification took too long",
    },
    "bank.back_to_service": {
        "sv": "Tillbaka till tjänsten",
        "fi": "Palaa palveluun",
        "en": "Back to the service",
    },
    "bank.invalid_request.heading": {
        "sv": "Ogiltig identifieringsbegäran",
        "fi": "Virheellinen tunnistuspyyntö",
        "en": "Invalid identification request",
    },
    "bank.invalid_request.text": {
        "sv": "Tjänsten som skickade dig hit är inte registrerad, angav en felaktig adress "
        "att återvända till, eller så är identifieringen redan avslutad.",
        "fi": "Sinut tänne ohjannut palvelu ei ole rekisteröity, antoi virheellisen "
        "paluuosoitteen, tai tunnistautuminen on jo päättynyt.",
        "en": "The service that sent you here is not registered, gave a wrong address to "
        "return to, or the identification has already ended.",
    },
}
