"""UI texts of the identity flows (docs/identity-flows.md), as a Swedish customer reads them.

The identity-flow scenarios run in Swedish, the support text's language; Finnish and
English pages are checked by the stubs' own tests.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IdentityLabels:
    """Labels of card linking, the bank broker, bank-code and text-message sign-in."""

    link_heading: str = "Lägg till ditt S-Förmånskort"
    personal: str = "Personkund"
    business: str = "Företagskund"
    business_id: str = "FO-nummer"
    to_bank: str = "Fortsätt till bankidentifiering"
    skip: str = "Hoppa över"
    linked_heading: str = "Ditt S-Förmånskort har kopplats"
    owner_customer_now: str = "Du är nu identifierad som ägarkund"
    continue_: str = "Fortsätt"
    failed_heading: str = "Vi kunde inte lägga till ditt S-Förmånskort"
    service_phone: str = "010 76 5859"
    service_hours: str = "mån–fre 9–16 (lna/mta)"
    feedback_form: str = "responsformuläret"
    feedback_topic: str = "Ägarkundsrelationen, S-Förmånskortet och Bonus"
    cards_section: str = "Förmånskort och medlemskap"
    add_card: str = "Lägg till S-Förmånskort"
    owner_customer: str = "Ägarkund"
    bank_choice_heading: str = "Välj identifieringsmetod"
    bank_user: str = "Användar-ID"
    bank_identify: str = "Identifiera"
    bank_cancel: str = "Avbryt"
    bank_too_long: str = "Identifieringen tog för lång tid"
    bank_back: str = "Tillbaka till tjänsten"
    bank_login: str = "Logga in med bankkoder"
    bank_login_unavailable: str = "Inloggning med bankkoder är inte tillgänglig"
    sms_login: str = "Logga in med textmeddelande"
    phone_field: str = "Telefonnummer"
    account_heading: str = "S-inloggningens uppgifter"
    edit_s_login: str = "Ändra S-inloggningens uppgifter"
    add_phone: str = "Lägg till telefonnummer"
    send_confirmation_code: str = "Skicka bekräftelsekod"
    confirm_phone_heading: str = "Bekräfta telefonnumret"
    code_field: str = "Bekräftelsekod"
    confirm: str = "Bekräfta"
    phone_confirmed: str = "Telefonnumret är bekräftat"
    check_phone: str = "Kontrollera telefonnumret"
    sms_unavailable: str = "Vi kunde inte skicka textmeddelandet just nu"
    change_email: str = "Ändra e-postadress"
    new_email: str = "Ny e-postadress"
    confirm_email_heading: str = "Bekräfta e-postadressen"
    email_changed: str = "E-postadressen är ändrad"
    check_email: str = "Kontrollera e-postadressen"
    customer_data: str = "Kunduppgifter"
    change_customer_data: str = "Ändra kunduppgifter"
    street: str = "Gatuadress"
    postal_code: str = "Postnummer"
    city: str = "Postort"
    save: str = "Spara"
    saved: str = "Uppgifterna har sparats"
    check_postal_code: str = "Kontrollera postnumret"
    terms_heading: str = "Vi har uppdaterat våra villkor"
    terms_of_use: str = "Användarvillkor"
    privacy_notice: str = "Integritetsmeddelande"
    terms_read: str = "Jag har läst de uppdaterade villkoren"
    accept_terms: str = "Godkänn och fortsätt"
    must_accept: str = "Du behöver godkänna villkoren för att fortsätta"


SV = IdentityLabels()
