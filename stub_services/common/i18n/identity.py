"""Identity flows (docs/identity-flows.md): card linking, bank codes, phone, texts."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

FEEDBACK_FORM_URL: Final = "https://www.s-kanava.fi/sv/responsblankett"

STRINGS: Final[Catalogue] = {
    # Sign-in page: other ways in
    "login.bank_link": {
        "sv": "Logga in med bankkoder",
        "fi": "Kirjaudu pankkitunnuksilla",
        "en": "Sign in with online banking codes",
    },
    "login.sms_link": {
        "sv": "Logga in med textmeddelande",
        "fi": "Kirjaudu tekstiviestillä",
        "en": "Sign in with a text message",
    },
    # Linking the card (C10, C15, C16)
    "linkcard.heading": {
        "sv": "Lägg till ditt S-Förmånskort",
        "fi": "Lisää S-Etukorttisi",
        "en": "Add your S-Etukortti card",
    },
    "linkcard.intro": {
        "sv": "Med ditt S-Förmånskort identifieras du som ägarkund, så att Bonus och förmåner "
        "gäller också för dina köp på nätet. Därefter följer stark identifiering med bankkoder.",
        "fi": "S-Etukortilla sinut tunnistetaan omistaja-asiakkaaksi, jolloin Bonus ja edut "
        "koskevat myös verkko-ostoksiasi. Seuraavaksi tunnistaudut vahvasti pankkitunnuksilla.",
        "en": "With your S-Etukortti card you are identified as an owner-customer, so Bonus and "
        "benefits apply to your online purchases too. Strong identification with online "
        "banking codes follows next.",
    },
    "linkcard.kind_legend": {
        "sv": "Är du personkund eller företagskund?",
        "fi": "Oletko henkilöasiakas vai yritysasiakas?",
        "en": "Are you a personal customer or a business customer?",
    },
    "linkcard.kind_person": {
        "sv": "Personkund",
        "fi": "Henkilöasiakas",
        "en": "Personal customer",
    },
    "linkcard.kind_business": {
        "sv": "Företagskund",
        "fi": "Yritysasiakas",
        "en": "Business customer",
    },
    "linkcard.business_id": {
        "sv": "FO-nummer",
        "fi": "Y-tunnus",
        "en": "Business ID",
    },
    "linkcard.business_id_hint": {
        "sv": "Endast för företagskunder, till exempel 1234567-8.",
        "fi": "Vain yritysasiakkaille, esimerkiksi 1234567-8.",
        "en": "Business customers only, for example 1234567-8.",
    },
    "linkcard.business_id_invalid": {
        "sv": "Kontrollera FO-numret",
        "fi": "Tarkista Y-tunnus",
        "en": "Check the business ID",
    },
    "linkcard.submit": {
        "sv": "Fortsätt till bankidentifiering",
        "fi": "Jatka pankkitunnistautumiseen",
        "en": "Continue to bank identification",
    },
    "linkcard.skip": {
        "sv": "Hoppa över",
        "fi": "Ohita",
        "en": "Skip",
    },
    "linkcard.done_heading": {
        "sv": "Ditt S-Förmånskort har kopplats",
        "fi": "S-Etukorttisi on liitetty",
        "en": "Your S-Etukortti card has been linked",
    },
    "linkcard.card_number": {
        "sv": "Kortnummer",
        "fi": "Kortin numero",
        "en": "Card number",
    },
    "linkcard.done_person": {
        "sv": "Du är nu identifierad som ägarkund",
        "fi": "Sinut on nyt tunnistettu omistaja-asiakkaaksi",
        "en": "You are now identified as an owner-customer",
    },
    "linkcard.done_business": {
        "sv": "Du är nu identifierad som företagskund",
        "fi": "Sinut on nyt tunnistettu yritysasiakkaaksi",
        "en": "You are now identified as a business customer",
    },
    "linkcard.continue": {
        "sv": "Fortsätt",
        "fi": "Jatka",
        "en": "Continue",
    },
    # Linking failed (C17)
    "linkcard.failed_heading": {
        "sv": "Vi kunde inte lägga till ditt S-Förmånskort",
        "fi": "Emme voineet lisätä S-Etukorttiasi",
        "en": "We could not add your S-Etukortti card",
    },
    "linkcard.reason.no_card": {
        "sv": "Vi hittade inget S-Förmånskort för den som identifierade sig.",
        "fi": "Tunnistautuneelle henkilölle ei löytynyt S-Etukorttia.",
        "en": "We found no S-Etukortti card for the person who identified.",
    },
    "linkcard.reason.linked_to_other": {
        "sv": "Kortet är redan kopplat till en annan S-inloggning.",
        "fi": "Kortti on jo liitetty toiseen S-kirjautumiseen.",
        "en": "The card is already linked to another S-login.",
    },
    "linkcard.reason.cancelled": {
        "sv": "Bankidentifieringen avbröts.",
        "fi": "Pankkitunnistautuminen keskeytettiin.",
        "en": "The bank identification was cancelled.",
    },
    "linkcard.reason.bank_failed": {
        "sv": "Bankidentifieringen misslyckades eller tog för lång tid.",
        "fi": "Pankkitunnistautuminen epäonnistui tai kesti liian kauan.",
        "en": "The bank identification failed or took too long.",
    },
    "linkcard.reason.business": {
        "sv": "Företagskunden hittades inte, eller så har du inte rätt att företräda den.",
        "fi": "Yritysasiakasta ei löytynyt, tai sinulla ei ole oikeutta asioida sen puolesta.",
        "en": "The business customer was not found, or you may not act for it.",
    },
    "linkcard.reason.unexpected": {
        "sv": "Något gick fel när kortet skulle läggas till.",
        "fi": "Kortin lisäämisessä tapahtui virhe.",
        "en": "Something went wrong while adding the card.",
    },
    "linkcard.service_intro": {
        "sv": "Ägarkundtjänsten hjälper dig:",
        "fi": "Omistaja-asiakaspalvelu auttaa sinua:",
        "en": "Owner-customer service can help you:",
    },
    "linkcard.service_hours": {
        "sv": "mån–fre 9–16 (lna/mta)",
        "fi": "ma–pe 9–16 (pvm/mpm)",
        "en": "Mon–Fri 9–16 (local/mobile network charge)",
    },
    "linkcard.form_before": {
        "sv": "Du kan också skriva till oss via",
        "fi": "Voit myös kirjoittaa meille",
        "en": "You can also write to us using the",
    },
    "linkcard.form_link": {
        "sv": "responsformuläret",
        "fi": "palautelomakkeella",
        "en": "feedback form",
    },
    "linkcard.topic_intro": {
        "sv": "Välj ämnet",
        "fi": "Valitse aiheeksi",
        "en": "Choose the topic",
    },
    "linkcard.topic": {
        "sv": "Ägarkundsrelationen, S-Förmånskortet och Bonus",
        "fi": "Omistaja-asiakkuus, S-Etukortti ja Bonus",
        "en": "Owner-customer relationship, S-Etukortti card and Bonus",
    },
    # Bank-code sign-in (C06)
    "banklogin.unavailable_heading": {
        "sv": "Inloggning med bankkoder är inte tillgänglig",
        "fi": "Kirjautuminen pankkitunnuksilla ei ole käytettävissä",
        "en": "Signing in with online banking codes is not available",
    },
    "banklogin.unavailable_text": {
        "sv": "Bankkoder fungerar för inloggning först när du har lagt till ditt "
        "S-Förmånskort i din S-inloggning. Logga in med e-post och lägg till kortet under "
        "Mina uppgifter.",
        "fi": "Pankkitunnuksilla voi kirjautua vasta, kun olet liittänyt S-Etukorttisi "
        "S-kirjautumiseesi. Kirjaudu sähköpostilla ja lisää kortti Omat tiedot -sivulla.",
        "en": "Online banking codes work for signing in only after you have linked your "
        "S-Etukortti card to your S-login. Sign in with email and add the card under "
        "My details.",
    },
    "banklogin.email_link": {
        "sv": "Logga in med e-post",
        "fi": "Kirjaudu sähköpostilla",
        "en": "Sign in with email",
    },
    "banklogin.error_heading": {
        "sv": "Identifieringen kunde inte slutföras",
        "fi": "Tunnistautumista ei voitu viimeistellä",
        "en": "The identification could not be completed",
    },
    "banklogin.error_text": {
        "sv": "Vi kunde inte ta emot identifieringen från banken i den här webbläsaren. "
        "Börja om från början.",
        "fi": "Emme voineet vastaanottaa pankin tunnistusta tässä selaimessa. Aloita alusta.",
        "en": "We could not receive the identification from the bank in this browser. "
        "Please start again.",
    },
    # The sign-in service's own account page and the phone number (C04)
    "account.heading": {
        "sv": "S-inloggningens uppgifter",
        "fi": "S-kirjautumisen tiedot",
        "en": "S-login details",
    },
    "account.phone": {
        "sv": "Telefonnummer",
        "fi": "Puhelinnumero",
        "en": "Phone number",
    },
    "account.no_phone": {
        "sv": "Inget telefonnummer",
        "fi": "Ei puhelinnumeroa",
        "en": "No phone number",
    },
    "account.add_phone": {
        "sv": "Lägg till telefonnummer",
        "fi": "Lisää puhelinnumero",
        "en": "Add a phone number",
    },
    "account.phone_confirmed": {
        "sv": "Telefonnumret är bekräftat",
        "fi": "Puhelinnumero on vahvistettu",
        "en": "The phone number is confirmed",
    },
    "phone.intro": {
        "sv": "Vi skickar en bekräftelsekod till numret i ett textmeddelande. Med ett bekräftat "
        "nummer kan du också logga in med textmeddelande.",
        "fi": "Lähetämme numeroon vahvistuskoodin tekstiviestillä. Vahvistetulla numerolla voit "
        "myös kirjautua tekstiviestillä.",
        "en": "We will send a confirmation code to the number in a text message. With a "
        "confirmed number you can also sign in with a text message.",
    },
    "phone.hint": {
        "sv": "Finskt mobilnummer, till exempel 040 123 4567",
        "fi": "Suomalainen matkapuhelinnumero, esimerkiksi 040 123 4567",
        "en": "A Finnish mobile number, for example 040 123 4567",
    },
    "phone.submit": {
        "sv": "Skicka bekräftelsekod",
        "fi": "Lähetä vahvistuskoodi",
        "en": "Send confirmation code",
    },
    "phone.invalid": {
        "sv": "Kontrollera telefonnumret",
        "fi": "Tarkista puhelinnumero",
        "en": "Check the phone number",
    },
    "phone.send_failed": {
        "sv": "Vi kunde inte skicka textmeddelandet just nu",
        "fi": "Emme pystyneet lähettämään tekstiviestiä juuri nyt",
        "en": "We could not send the text message right now",
    },
    "phone.confirm_heading": {
        "sv": "Bekräfta telefonnumret",
        "fi": "Vahvista puhelinnumero",
        "en": "Confirm the phone number",
    },
    "phone.confirm_intro": {
        "sv": "Vi har skickat ett textmeddelande till {phone}. Ange den fyrsiffriga koden i "
        "meddelandet. Koden gäller i tio minuter.",
        "fi": "Lähetimme tekstiviestin numeroon {phone}. Syötä viestissä oleva nelinumeroinen "
        "koodi. Koodi on voimassa kymmenen minuuttia.",
        "en": "We have sent a text message to {phone}. Enter the four-digit code from the "
        "message. The code is valid for ten minutes.",
    },
    "phone.confirm_submit": {
        "sv": "Bekräfta",
        "fi": "Vahvista",
        "en": "Confirm",
    },
    "phone.back": {
        "sv": "Tillbaka till S-inloggningens uppgifter",
        "fi": "Takaisin S-kirjautumisen tietoihin",
        "en": "Back to S-login details",
    },
    # Text-message sign-in (C04)
    "smslogin.intro": {
        "sv": "Ange ditt bekräftade telefonnummer så skickar vi en bekräftelsekod till det.",
        "fi": "Anna vahvistettu puhelinnumerosi, niin lähetämme siihen vahvistuskoodin.",
        "en": "Enter your confirmed phone number and we will send a confirmation code to it.",
    },
    "code.intro_sms": {
        "sv": "Om numret är bekräftat för en S-inloggning har vi skickat ett textmeddelande till "
        "det. Ange den fyrsiffriga koden i meddelandet. Koden gäller i tio minuter.",
        "fi": "Jos numero on vahvistettu S-kirjautumiseen, lähetimme siihen tekstiviestin. Syötä "
        "viestissä oleva nelinumeroinen koodi. Koodi on voimassa kymmenen minuuttia.",
        "en": "If the number is confirmed for an S-login, we have sent a text message to it. "
        "Enter the four-digit code from the message. The code is valid for ten minutes.",
    },
    # S-Etukortti: "Mina uppgifter" (C16, C04)
    "profile.cards_heading": {
        "sv": "Förmånskort och medlemskap",
        "fi": "Etukortti ja jäsenyys",
        "en": "Loyalty card and membership",
    },
    "profile.card": {
        "sv": "S-Förmånskort",
        "fi": "S-Etukortti",
        "en": "S-Etukortti card",
    },
    "profile.relation": {
        "sv": "Kundrelation",
        "fi": "Asiakkuus",
        "en": "Customer relationship",
    },
    "profile.owner": {
        "sv": "Ägarkund",
        "fi": "Omistaja-asiakas",
        "en": "Owner-customer",
    },
    "profile.add_card": {
        "sv": "Lägg till S-Förmånskort",
        "fi": "Lisää S-Etukortti",
        "en": "Add an S-Etukortti card",
    },
    "profile.cards_unavailable": {
        "sv": "Kortuppgifterna kan inte visas just nu.",
        "fi": "Korttitietoja ei voida näyttää juuri nyt.",
        "en": "The card details cannot be shown right now.",
    },
    "profile.edit_login": {
        "sv": "Ändra S-inloggningens uppgifter",
        "fi": "Muuta S-kirjautumisen tietoja",
        "en": "Change S-login details",
    },
}
