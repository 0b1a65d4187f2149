"""Every user-visible string of the stubs in Swedish (contract wording), Finnish and English."""

from __future__ import annotations

from typing import Final, Literal, TypeGuard

from stub_services.common.i18n_benefits import BENEFIT_STRINGS
from stub_services.common.i18n_shops import SHOP_STRINGS
from stub_services.common.i18n_sso import SSO_STRINGS

Lang = Literal["sv", "fi", "en"]
LANGS: Final[tuple[Lang, ...]] = ("sv", "fi", "en")
DEFAULT_LANG: Final[Lang] = "sv"

LANGUAGE_NAMES: Final[dict[Lang, str]] = {"sv": "Svenska", "fi": "Suomi", "en": "English"}

PHONE: Final = "010 76 5859"

STRINGS: Final[dict[str, dict[Lang, str]]] = {
    # Sign-in service: shared chrome
    "signin.site_name": {"sv": "S-inloggning", "fi": "S-kirjautuminen", "en": "S-login"},
    "signin.home_heading": {"sv": "S-inloggning", "fi": "S-kirjautuminen", "en": "S-login"},
    "signin.signed_in_as": {
        "sv": "Inloggad som {email}",
        "fi": "Kirjautuneena: {email}",
        "en": "Signed in as {email}",
    },
    "signin.not_signed_in": {
        "sv": "Du är inte inloggad.",
        "fi": "Et ole kirjautunut sisään.",
        "en": "You are not signed in.",
    },
    "signin.sign_out": {"sv": "Logga ut", "fi": "Kirjaudu ulos", "en": "Sign out"},
    # Sign-in page
    "login.heading": {"sv": "Logga in", "fi": "Kirjaudu sisään", "en": "Sign in"},
    "login.intro": {
        "sv": "Ange din e-postadress så skickar vi en bekräftelsekod till den.",
        "fi": "Anna sähköpostiosoitteesi, niin lähetämme siihen vahvistuskoodin.",
        "en": "Enter your email address and we will send a confirmation code to it.",
    },
    "login.email_label": {"sv": "E-postadress", "fi": "Sähköpostiosoite", "en": "Email address"},
    "login.submit": {"sv": "Skicka kod", "fi": "Lähetä koodi", "en": "Send code"},
    "login.create_link": {
        "sv": "Skapa S-inloggning",
        "fi": "Luo S-kirjautuminen",
        "en": "Create S-login",
    },
    # Registration page
    "register.heading": {
        "sv": "Skapa S-inloggning",
        "fi": "Luo S-kirjautuminen",
        "en": "Create S-login",
    },
    "register.intro": {
        "sv": "Ange den e-postadress du vill använda. Vi skickar en bekräftelsekod till den.",
        "fi": "Anna sähköpostiosoite, jota haluat käyttää. Lähetämme siihen vahvistuskoodin.",
        "en": "Enter the email address you want to use. We will send a confirmation code to it.",
    },
    "register.login_link": {
        "sv": "Jag har redan S-inloggning",
        "fi": "Minulla on jo S-kirjautuminen",
        "en": "I already have S-login",
    },
    "email.invalid": {
        "sv": "Kontrollera e-postadressen",
        "fi": "Tarkista sähköpostiosoite",
        "en": "Check the email address",
    },
    "email.send_failed": {
        "sv": "Vi kunde inte skicka koden just nu",
        "fi": "Emme pystyneet lähettämään koodia juuri nyt",
        "en": "We could not send the code right now",
    },
    "email.send_failed_advice": {
        "sv": "Vänta en stund och försök sedan igen.",
        "fi": "Odota hetki ja yritä sitten uudelleen.",
        "en": "Please wait a moment and then try again.",
    },
    # Code page
    "code.heading": {
        "sv": "Ange bekräftelsekoden",
        "fi": "Syötä vahvistuskoodi",
        "en": "Enter the confirmation code",
    },
    "code.intro": {
        "sv": "Vi har skickat ett e-postmeddelande till dig. Ange den fyrsiffriga koden i "
        "meddelandet. Koden gäller i tio minuter.",
        "fi": "Lähetimme sinulle sähköpostiviestin. Syötä viestissä oleva nelinumeroinen "
        "koodi. Koodi on voimassa kymmenen minuuttia.",
        "en": "We have sent you an email. Enter the four-digit code from the message. "
        "The code is valid for ten minutes.",
    },
    "code.label": {"sv": "Bekräftelsekod", "fi": "Vahvistuskoodi", "en": "Confirmation code"},
    "code.submit": {"sv": "Logga in", "fi": "Kirjaudu sisään", "en": "Sign in"},
    "code.new_code_link": {
        "sv": "Skicka en ny kod",
        "fi": "Lähetä uusi koodi",
        "en": "Send a new code",
    },
    "code.wrong": {
        "sv": "Fel kod. Försök igen.",
        "fi": "Väärä koodi. Yritä uudelleen.",
        "en": "Wrong code. Try again.",
    },
    "code.locked": {
        "sv": "För många felaktiga försök. Begär en ny kod.",
        "fi": "Liian monta virheellistä yritystä. Pyydä uusi koodi.",
        "en": "Too many wrong attempts. Request a new code.",
    },
    "code.expired": {
        "sv": "Koden har gått ut. Begär en ny kod.",
        "fi": "Koodi on vanhentunut. Pyydä uusi koodi.",
        "en": "The code has expired. Request a new code.",
    },
    "code.used": {
        "sv": "Koden har redan använts. Begär en ny kod.",
        "fi": "Koodi on jo käytetty. Pyydä uusi koodi.",
        "en": "The code has already been used. Request a new code.",
    },
    # Failure page (AUTH-4376)
    "failure.heading": {
        "sv": "Inloggning misslyckades",
        "fi": "Kirjautuminen epäonnistui",
        "en": "Sign-in failed",
    },
    "failure.code": {
        "sv": "felkod: AUTH-4376",
        "fi": "virhekoodi: AUTH-4376",
        "en": "error code: AUTH-4376",
    },
    "failure.advice": {
        "sv": "Inloggningen kunde inte slutföras i den här webbläsaren. Försök igen, eller "
        "använd en annan webbläsare eller enhet. Kontrollera också att webbläsaren tillåter "
        "cookies.",
        "fi": "Kirjautumista ei voitu viimeistellä tässä selaimessa. Yritä uudelleen tai käytä "
        "toista selainta tai laitetta. Tarkista myös, että selain sallii evästeet.",
        "en": "The sign-in could not be completed in this browser. Try again, or use another "
        "browser or device. Please also check that your browser allows cookies.",
    },
    "failure.retry": {"sv": "Försök igen", "fi": "Yritä uudelleen", "en": "Try again"},
    "failure.service_heading": {
        "sv": "Ägarkundtjänst",
        "fi": "Omistaja-asiakaspalvelu",
        "en": "Owner-customer service",
    },
    "failure.phone": {"sv": PHONE, "fi": PHONE, "en": PHONE},
    "failure.hours": {"sv": "mån–fre 9–16", "fi": "ma–pe 9–16", "en": "Mon–Fri 9–16"},
    # Invalid OIDC request page
    "invalid_request.heading": {
        "sv": "Ogiltig inloggningsbegäran",
        "fi": "Virheellinen kirjautumispyyntö",
        "en": "Invalid sign-in request",
    },
    "invalid_request.text": {
        "sv": "Tjänsten som skickade dig hit är inte registrerad eller angav en felaktig "
        "adress att återvända till.",
        "fi": "Sinut tänne ohjannut palvelu ei ole rekisteröity tai antoi virheellisen "
        "paluuosoitteen.",
        "en": "The service that sent you here is not registered or gave a wrong address "
        "to return to.",
    },
    # Sign-in mail: code
    "mail.code.subject": {
        "sv": "Din bekräftelsekod för S-inloggning",
        "fi": "S-kirjautumisen vahvistuskoodisi",
        "en": "Your S-login confirmation code",
    },
    "mail.greeting": {"sv": "Hej!", "fi": "Hei!", "en": "Hello,"},
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
    "mail.signature": {"sv": "Hälsningar, S-gruppen", "fi": "Terveisin S-ryhmä", "en": "S Group"},
    # Account site
    "etukortti.heading": {"sv": "S-Etukortti", "fi": "S-Etukortti", "en": "S-Etukortti"},
    "etukortti.intro": {
        "sv": "Se och hantera dina uppgifter som ägarkund.",
        "fi": "Katso ja hallitse omistaja-asiakastietojasi.",
        "en": "View and manage your owner-customer details.",
    },
    "etukortti.login": {"sv": "Logga in", "fi": "Kirjaudu sisään", "en": "Sign in"},
    "etukortti.create": {
        "sv": "Skapa S-inloggning",
        "fi": "Luo S-kirjautuminen",
        "en": "Create S-login",
    },
    "etukortti.profile_link": {"sv": "Mina uppgifter", "fi": "Omat tiedot", "en": "My details"},
    "profile.heading": {"sv": "Mina uppgifter", "fi": "Omat tiedot", "en": "My details"},
    "profile.email": {"sv": "E-postadress", "fi": "Sähköpostiosoite", "en": "Email address"},
    "profile.created": {
        "sv": "S-inloggning skapad",
        "fi": "S-kirjautuminen luotu",
        "en": "S-login created",
    },
    "profile.logout": {"sv": "Logga ut", "fi": "Kirjaudu ulos", "en": "Sign out"},
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
}

# ---------------------------------------------------------------------------------------
# Bank authentication broker (stub_services/bank): its own block, kept apart from the
# sign-in service's and the account site's labels above.
STRINGS.update(
    {
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
        "bank.cancel": {"sv": "Avbryt", "fi": "Peruuta", "en": "Cancel"},
        "bank.page.intro": {
            "sv": "Testbank: ange testanvändarens personbeteckning som användar-ID.",
            "fi": "Testipankki: anna testikäyttäjän henkilötunnus käyttäjätunnukseksi.",
            "en": "Test bank: enter the test user's personal identity code as the user ID.",
        },
        "bank.user_label": {"sv": "Användar-ID", "fi": "Käyttäjätunnus", "en": "User ID"},
        "bank.submit": {"sv": "Identifiera", "fi": "Tunnistaudu", "en": "Identify"},
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
)
# End of the bank broker's block.
# ---------------------------------------------------------------------------------------


# --- Identity flows of the sign-in service and the account site (docs/identity-flows.md):
# --- card linking, bank-code sign-in, phone confirmation and text-message sign-in.
FEEDBACK_FORM_URL: Final = "https://www.s-kanava.fi/sv/responsblankett"

_IDENTITY_FLOW_STRINGS: Final[dict[str, dict[Lang, str]]] = {
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
    "linkcard.kind_person": {"sv": "Personkund", "fi": "Henkilöasiakas", "en": "Personal customer"},
    "linkcard.kind_business": {
        "sv": "Företagskund",
        "fi": "Yritysasiakas",
        "en": "Business customer",
    },
    "linkcard.business_id": {"sv": "FO-nummer", "fi": "Y-tunnus", "en": "Business ID"},
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
    "linkcard.skip": {"sv": "Hoppa över", "fi": "Ohita", "en": "Skip"},
    "linkcard.done_heading": {
        "sv": "Ditt S-Förmånskort har kopplats",
        "fi": "S-Etukorttisi on liitetty",
        "en": "Your S-Etukortti card has been linked",
    },
    "linkcard.card_number": {"sv": "Kortnummer", "fi": "Kortin numero", "en": "Card number"},
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
    "linkcard.continue": {"sv": "Fortsätt", "fi": "Jatka", "en": "Continue"},
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
    "account.phone": {"sv": "Telefonnummer", "fi": "Puhelinnumero", "en": "Phone number"},
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
    "phone.confirm_submit": {"sv": "Bekräfta", "fi": "Vahvista", "en": "Confirm"},
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
    "profile.card": {"sv": "S-Förmånskort", "fi": "S-Etukortti", "en": "S-Etukortti card"},
    "profile.relation": {"sv": "Kundrelation", "fi": "Asiakkuus", "en": "Customer relationship"},
    "profile.owner": {"sv": "Ägarkund", "fi": "Omistaja-asiakas", "en": "Owner-customer"},
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
if set(_IDENTITY_FLOW_STRINGS) & set(STRINGS):
    raise RuntimeError(f"duplicate keys: {set(_IDENTITY_FLOW_STRINGS) & set(STRINGS)}")
STRINGS.update(_IDENTITY_FLOW_STRINGS)
# --- end of the identity-flow block.


# --- Profile and terms (docs/identity-flows.md, C03, C05, C14): changing the S-login's
# --- email address, customer data on S-Etukortti and updated terms of use.
_PROFILE_AND_TERMS_STRINGS: Final[dict[str, dict[Lang, str]]] = {
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
    "terms.user_terms_link": {"sv": "Användarvillkor", "fi": "Käyttöehdot", "en": "Terms of use"},
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
    "terms.accept_legend": {"sv": "Godkännande", "fi": "Hyväksyntä", "en": "Acceptance"},
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
    # S-Etukortti: customer data (C05)
    "customer.heading": {"sv": "Kunduppgifter", "fi": "Asiakastiedot", "en": "Customer data"},
    "customer.address": {"sv": "Postadress", "fi": "Postiosoite", "en": "Postal address"},
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
    "customer.street": {"sv": "Gatuadress", "fi": "Katuosoite", "en": "Street address"},
    "customer.postal_code": {"sv": "Postnummer", "fi": "Postinumero", "en": "Postal code"},
    "customer.city": {"sv": "Postort", "fi": "Postitoimipaikka", "en": "City"},
    "customer.submit": {"sv": "Spara", "fi": "Tallenna", "en": "Save"},
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
if set(_PROFILE_AND_TERMS_STRINGS) & set(STRINGS):
    raise RuntimeError(f"duplicate keys: {set(_PROFILE_AND_TERMS_STRINGS) & set(STRINGS)}")
STRINGS.update(_PROFILE_AND_TERMS_STRINGS)

# Owner-customer life (docs/owner-customer.md): each area keeps its strings in its own module.
for _more in (BENEFIT_STRINGS, SHOP_STRINGS, SSO_STRINGS):
    if set(_more) & set(STRINGS):
        raise RuntimeError(f"duplicate keys: {set(_more) & set(STRINGS)}")
    STRINGS.update(_more)
# --- end of the profile-and-terms block.


def is_lang(value: str) -> TypeGuard[Lang]:
    return value in LANGS


def as_lang(value: str | None) -> Lang:
    """The language named by a path segment or `ui_locales`, else the default."""
    for token in (value or "").replace(",", " ").split():
        base = token.split("-")[0].lower()
        if is_lang(base):
            return base
    return DEFAULT_LANG


def t(lang: Lang, key: str, **values: str) -> str:
    """The string `key` in `lang`, with `{placeholders}` filled in."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def catalog(lang: Lang) -> dict[str, str]:
    """All strings of one language, for templates."""
    return {key: texts[lang] for key, texts in STRINGS.items()}
