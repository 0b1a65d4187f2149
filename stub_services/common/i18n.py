"""Every user-visible string of the stubs in Swedish (contract wording), Finnish and English."""

from __future__ import annotations

from typing import Final, Literal, TypeGuard

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
