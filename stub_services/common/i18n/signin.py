"""The sign-in service's own pages: chrome, sign-in, registration, code, failure."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue, same

STRINGS: Final[Catalogue] = {
    # Sign-in service: shared chrome
    "signin.site_name": {
        "sv": "S-inloggning",
        "fi": "S-kirjautuminen",
        "en": "S-login",
    },
    "signin.home_heading": {
        "sv": "S-inloggning",
        "fi": "S-kirjautuminen",
        "en": "S-login",
    },
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
    "signin.sign_out": {
        "sv": "Logga ut",
        "fi": "Kirjaudu ulos",
        "en": "Sign out",
    },
    # Sign-out confirmation (a logout request without a valid id_token_hint)
    "logout.confirm_heading": {
        "sv": "Vill du logga ut från S-inloggning?",
        "fi": "Haluatko kirjautua ulos S-kirjautumisesta?",
        "en": "Do you want to sign out of S-login?",
    },
    "logout.stay_signed_in": {
        "sv": "Förbli inloggad",
        "fi": "Pysy kirjautuneena",
        "en": "Stay signed in",
    },
    # Sign-in page
    "login.heading": {
        "sv": "Logga in",
        "fi": "Kirjaudu sisään",
        "en": "Sign in",
    },
    "login.intro": {
        "sv": "Ange din e-postadress så skickar vi en bekräftelsekod till den.",
        "fi": "Anna sähköpostiosoitteesi, niin lähetämme siihen vahvistuskoodin.",
        "en": "Enter your email address and we will send a confirmation code to it.",
    },
    "login.email_label": {
        "sv": "E-postadress",
        "fi": "Sähköpostiosoite",
        "en": "Email address",
    },
    "login.submit": {
        "sv": "Skicka kod",
        "fi": "Lähetä koodi",
        "en": "Send code",
    },
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
    "code.label": {
        "sv": "Bekräftelsekod",
        "fi": "Vahvistuskoodi",
        "en": "Confirmation code",
    },
    "code.submit": {
        "sv": "Logga in",
        "fi": "Kirjaudu sisään",
        "en": "Sign in",
    },
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
    "failure.retry": {
        "sv": "Försök igen",
        "fi": "Yritä uudelleen",
        "en": "Try again",
    },
    "failure.service_heading": {
        "sv": "Ägarkundtjänst",
        "fi": "Omistaja-asiakaspalvelu",
        "en": "Owner-customer service",
    },
    "failure.phone": same("010 76 5859"),
    "failure.hours": {
        "sv": "mån–fre 9–16",
        "fi": "ma–pe 9–16",
        "en": "Mon–Fri 9–16",
    },
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
}
