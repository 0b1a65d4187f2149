"""The UI texts a customer reads, per language: what the page objects look for.

They are the harness's expectations of the product, kept apart from the stubs on
purpose: if the stub (or staging) changes a label, the scenarios notice.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = {"Swedish": "sv", "Finnish": "fi", "English": "en"}


@dataclass(frozen=True)
class Labels:
    """One language's labels."""

    sign_in: str
    create_s_login: str
    email_field: str
    send_code: str
    code_heading: str
    code_field: str
    confirm_code: str
    wrong_code: str
    too_many_attempts: str
    code_expired: str
    failure_heading: str
    failure_code: str
    service_phone: str
    service_hours: str
    check_email_address: str
    my_details: str
    sign_out: str
    email_row: str


LABELS: dict[str, Labels] = {
    "sv": Labels(
        sign_in="Logga in",
        create_s_login="Skapa S-inloggning",
        email_field="E-postadress",
        send_code="Skicka kod",
        code_heading="Ange bekräftelsekoden",
        code_field="Bekräftelsekod",
        confirm_code="Logga in",
        wrong_code="Fel kod. Försök igen.",
        too_many_attempts="För många felaktiga försök. Begär en ny kod.",
        code_expired="Koden har gått ut. Begär en ny kod.",
        failure_heading="Inloggning misslyckades",
        failure_code="felkod: AUTH-4376",
        service_phone="010 76 5859",
        service_hours="mån–fre 9–16",
        check_email_address="Kontrollera e-postadressen",
        my_details="Mina uppgifter",
        sign_out="Logga ut",
        email_row="E-postadress",
    ),
    "fi": Labels(
        sign_in="Kirjaudu sisään",
        create_s_login="Luo S-kirjautuminen",
        email_field="Sähköpostiosoite",
        send_code="Lähetä koodi",
        code_heading="Syötä vahvistuskoodi",
        code_field="Vahvistuskoodi",
        confirm_code="Kirjaudu sisään",
        wrong_code="Väärä koodi. Yritä uudelleen.",
        too_many_attempts="Liian monta virheellistä yritystä. Pyydä uusi koodi.",
        code_expired="Koodi on vanhentunut. Pyydä uusi koodi.",
        failure_heading="Kirjautuminen epäonnistui",
        failure_code="virhekoodi: AUTH-4376",
        service_phone="010 76 5859",
        service_hours="ma–pe 9–16",
        check_email_address="Tarkista sähköpostiosoite",
        my_details="Omat tiedot",
        sign_out="Kirjaudu ulos",
        email_row="Sähköpostiosoite",
    ),
    "en": Labels(
        sign_in="Sign in",
        create_s_login="Create S-login",
        email_field="Email address",
        send_code="Send code",
        code_heading="Enter the confirmation code",
        code_field="Confirmation code",
        confirm_code="Sign in",
        wrong_code="Wrong code. Try again.",
        too_many_attempts="Too many wrong attempts. Request a new code.",
        code_expired="The code has expired. Request a new code.",
        failure_heading="Sign-in failed",
        failure_code="error code: AUTH-4376",
        service_phone="010 76 5859",
        service_hours="Mon–Fri 9–16",
        check_email_address="Check the email address",
        my_details="My details",
        sign_out="Sign out",
        email_row="Email address",
    ),
}


def labels(language: str) -> Labels:
    try:
        return LABELS[language]
    except KeyError:
        raise ValueError(
            f"Unknown language {language!r}. Valid: {', '.join(sorted(LABELS))}"
        ) from None
