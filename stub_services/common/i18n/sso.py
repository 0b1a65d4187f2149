"""The sign-in service's single sign-on and security pages."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    # Too many wrong codes for one address or from one network address, across transactions.
    "security.rate_limited": {
        "sv": "För många felaktiga försök. Vänta en stund och försök sedan igen.",
        "fi": "Liian monta virheellistä yritystä. Odota hetki ja yritä sitten uudelleen.",
        "en": "Too many wrong attempts. Wait a while and then try again.",
    },
    # A form that came from another site, or without its session-bound token (403).
    "security.forbidden_heading": {
        "sv": "Formuläret kunde inte tas emot",
        "fi": "Lomaketta ei voitu vastaanottaa",
        "en": "The form could not be accepted",
    },
    "security.forbidden_text": {
        "sv": "Formuläret skickades från en annan webbplats eller har gått ut. Ingenting "
        "ändrades. Öppna sidan på nytt och försök igen.",
        "fi": "Lomake lähetettiin toiselta sivustolta tai se on vanhentunut. Mitään ei "
        "muutettu. Avaa sivu uudelleen ja yritä uudelleen.",
        "en": "The form was sent from another site or has expired. Nothing was changed. "
        "Open the page again and try again.",
    },
    "security.home_link": {
        "sv": "Till S-inloggningens startsida",
        "fi": "S-kirjautumisen etusivulle",
        "en": "To the S-login home page",
    },
}
