"""The web shops and app sites."""

from __future__ import annotations

from typing import Final

from contract.sites import SHOPS
from stub_services.common.i18n.languages import Catalogue, same

STRINGS: Final[Catalogue] = {
    # The shops' names (brands, as the contract writes them): every page shows one.
    **{f"shop.name.{shop.id}": same(shop.name) for shop in SHOPS},
    # Shared chrome: sign-in state and navigation
    "shop.login": {
        "sv": "Logga in",
        "fi": "Kirjaudu sisään",
        "en": "Sign in",
    },
    "shop.logout": {
        "sv": "Logga ut",
        "fi": "Kirjaudu ulos",
        "en": "Sign out",
    },
    "shop.signed_in_as": {
        "sv": "Inloggad som {email}",
        "fi": "Kirjautuneena: {email}",
        "en": "Signed in as {email}",
    },
    "shop.nav.label": {
        "sv": "Butiken",
        "fi": "Kauppa",
        "en": "Shop",
    },
    "shop.nav.profile": {
        "sv": "Min profil",
        "fi": "Oma profiili",
        "en": "My profile",
    },
    # Silent single sign-on check (hidden iframe)
    "shop.sso.frame_title": {
        "sv": "Kontroll av S-inloggning",
        "fi": "S-kirjautumisen tarkistus",
        "en": "S-login check",
    },
    "shop.sso.notice": {
        "sv": "Automatisk inloggning var inte möjlig i den här webbläsaren. Logga in med knappen.",
        "fi": "Automaattinen kirjautuminen ei ollut mahdollista tässä selaimessa. Kirjaudu "
        "sisään painikkeella.",
        "en": "Automatic sign-in was not possible in this browser. Sign in with the button.",
    },
    # Front page and catalogue
    "shop.intro.prisma": {
        "sv": "Dagligvaror och mycket mer, hemkört eller att hämta.",
        "fi": "Päivittäistavarat ja paljon muuta, kotiin kuljetettuna tai noudettuna.",
        "en": "Groceries and much more, delivered or to collect.",
    },
    "shop.intro.sokos": {
        "sv": "Mode, skönhet och hem från Sokos varuhus.",
        "fi": "Muotia, kauneutta ja kodin tuotteita Sokoksen tavarataloista.",
        "en": "Fashion, beauty and home from the Sokos department stores.",
    },
    "shop.intro.sokoshotels": {
        "sv": "Boka en natt på ett Sokos Hotels-hotell.",
        "fi": "Varaa yö Sokos Hotelsin hotellista.",
        "en": "Book a night at a Sokos Hotels hotel.",
    },
    "shop.intro.yhteishyva": {
        "sv": "Tidningen för S-gruppens ägarkunder: mat, boende och vardag.",
        "fi": "S-ryhmän omistaja-asiakkaiden lehti: ruokaa, asumista ja arkea.",
        "en": "The S Group's magazine for owner-customers: food, home and everyday life.",
    },
    "shop.intro.s-kaupat": {
        "sv": "Beställ matkassen från din närmaste S-butik.",
        "fi": "Tilaa ruokaostokset lähimmästä S-ryhmän ruokakaupasta.",
        "en": "Order your groceries from your nearest S Group food store.",
    },
    "shop.intro.abc": {
        "sv": "ABC-stationer: bränsle, laddning, mat och kaffe längs vägen.",
        "fi": "ABC-asemat: polttoainetta, latausta, ruokaa ja kahvia matkan varrella.",
        "en": "ABC stations: fuel, charging, food and coffee along the way.",
    },
    "shop.products_heading": {
        "sv": "Sortiment",
        "fi": "Valikoima",
        "en": "Products",
    },
    "shop.buy": {
        "sv": "Köp",
        "fi": "Osta",
        "en": "Buy",
    },
    "shop.gate": {
        "sv": "Logga in med S-inloggning för att handla",
        "fi": "Kirjaudu S-kirjautumisella tehdäksesi ostoksia",
        "en": "Sign in with S-login to shop",
    },
    "shop.owner_customer": {
        "sv": "Ägarkund",
        "fi": "Omistaja-asiakas",
        "en": "Owner-customer",
    },
    "shop.owner_price": {
        "sv": "Ägarkundspris {price}",
        "fi": "Omistaja-asiakashinta {price}",
        "en": "Owner-customer price {price}",
    },
    "shop.add_card_hint": {
        "sv": "Lägg till ditt S-Förmånskort för att få Bonus och ägarkundsförmåner",
        "fi": "Lisää S-Etukorttisi saadaksesi Bonusta ja omistaja-asiakasetuja",
        "en": "Add your S-Etukortti card to get Bonus and owner-customer benefits",
    },
    "shop.cards_unavailable": {
        "sv": "Ägarkundsuppgifterna kan inte visas just nu.",
        "fi": "Omistaja-asiakastietoja ei voida näyttää juuri nyt.",
        "en": "Owner-customer details cannot be shown right now.",
    },
    # Products (catalogue.py): Prisma, Sokos, S-kaupat and Sokos Hotels
    "shop.product.prisma-coffee": {
        "sv": "Kaffe 500 g",
        "fi": "Kahvi 500 g",
        "en": "Coffee 500 g",
    },
    "shop.product.prisma-oats": {
        "sv": "Havregryn 1 kg",
        "fi": "Kaurahiutaleet 1 kg",
        "en": "Rolled oats 1 kg",
    },
    "shop.product.prisma-detergent": {
        "sv": "Diskmedel 750 ml",
        "fi": "Astianpesuaine 750 ml",
        "en": "Washing-up liquid 750 ml",
    },
    "shop.product.sokos-towel": {
        "sv": "Badlakan",
        "fi": "Kylpypyyhe",
        "en": "Bath towel",
    },
    "shop.product.sokos-perfume": {
        "sv": "Parfym 50 ml",
        "fi": "Hajuvesi 50 ml",
        "en": "Perfume 50 ml",
    },
    "shop.product.sokos-socks": {
        "sv": "Ullsockor",
        "fi": "Villasukat",
        "en": "Wool socks",
    },
    "shop.product.s-kaupat-milk": {
        "sv": "Mjölk 1 l",
        "fi": "Maito 1 l",
        "en": "Milk 1 l",
    },
    "shop.product.s-kaupat-bread": {
        "sv": "Rågbröd 500 g",
        "fi": "Ruisleipä 500 g",
        "en": "Rye bread 500 g",
    },
    "shop.product.s-kaupat-apples": {
        "sv": "Äpplen 1 kg",
        "fi": "Omenat 1 kg",
        "en": "Apples 1 kg",
    },
    "shop.product.sokoshotels-night": {
        "sv": "Hotellnatt",
        "fi": "Hotelliyö",
        "en": "Hotel night",
    },
    # Content pages: Yhteishyvä (magazine) and ABC (service stations)
    "shop.articles_heading": {
        "sv": "Senaste artiklarna",
        "fi": "Uusimmat jutut",
        "en": "Latest articles",
    },
    "shop.article.soup.title": {
        "sv": "Värmande soppor för höstkvällar",
        "fi": "Lämmittäviä keittoja syysiltoihin",
        "en": "Warming soups for autumn evenings",
    },
    "shop.article.soup.text": {
        "sv": "Fem recept som blir klara på en halvtimme.",
        "fi": "Viisi reseptiä, jotka valmistuvat puolessa tunnissa.",
        "en": "Five recipes ready in half an hour.",
    },
    "shop.article.bonus.title": {
        "sv": "Så fungerar Bonus",
        "fi": "Näin Bonus toimii",
        "en": "How Bonus works",
    },
    "shop.article.bonus.text": {
        "sv": "Hushållets inköp varje månad avgör hur mycket Bonus du får.",
        "fi": "Talouden kuukausiostot ratkaisevat, paljonko Bonusta saat.",
        "en": "Your household's purchases each month decide how much Bonus you get.",
    },
    "shop.stations_heading": {
        "sv": "Stationer",
        "fi": "Asemat",
        "en": "Stations",
    },
    "shop.stations_text": {
        "sv": "Hitta närmaste ABC-station och se bränslepriserna i ABC-appen.",
        "fi": "Löydä lähin ABC-asema ja katso polttoaineiden hinnat ABC-sovelluksesta.",
        "en": "Find the nearest ABC station and see fuel prices in the ABC app.",
    },
    # App entry page (opened in the group's apps' in-app browser)
    "shop.app.heading": {
        "sv": "{shop}-appen",
        "fi": "{shop}-sovellus",
        "en": "{shop} app",
    },
    "shop.app.intro": {
        "sv": "Här öppnas {shop} i appen. Du loggar in med samma S-inloggning som på webben.",
        "fi": "Tässä {shop} avautuu sovelluksessa. Kirjaudut samalla S-kirjautumisella kuin "
        "verkossa.",
        "en": "This is {shop} in the app. You sign in with the same S-login as on the web.",
    },
    "shop.app.to_shop": {
        "sv": "Till webbutiken",
        "fi": "Verkkokauppaan",
        "en": "To the web shop",
    },
    # Order confirmation
    "shop.order.heading": {
        "sv": "Tack för din beställning",
        "fi": "Kiitos tilauksestasi",
        "en": "Thank you for your order",
    },
    "shop.order.number": {
        "sv": "Ordernummer",
        "fi": "Tilausnumero",
        "en": "Order number",
    },
    "shop.order.product": {
        "sv": "Produkt",
        "fi": "Tuote",
        "en": "Product",
    },
    "shop.order.to_pay": {
        "sv": "Att betala {amount}",
        "fi": "Maksettavaa {amount}",
        "en": "To pay {amount}",
    },
    "shop.order.bonus": {
        "sv": "Bonus registreras på ditt S-Förmånskort",
        "fi": "Bonus kirjataan S-Etukortillesi",
        "en": "Bonus is recorded on your S-Etukortti card",
    },
    "shop.order.saved": {
        "sv": "Du sparade {saving}",
        "fi": "Säästit {saving}",
        "en": "You saved {saving}",
    },
    "shop.order.no_bonus": {
        "sv": "Ingen Bonus: inget S-Förmånskort är kopplat",
        "fi": "Ei Bonusta: S-Etukorttia ei ole liitetty",
        "en": "No Bonus: no S-Etukortti card is linked",
    },
    "shop.order.back": {
        "sv": "Fortsätt handla",
        "fi": "Jatka ostoksia",
        "en": "Continue shopping",
    },
    # Min profil
    "shop.profile.heading": {
        "sv": "Min profil",
        "fi": "Oma profiili",
        "en": "My profile",
    },
    "shop.profile.email": {
        "sv": "E-postadress",
        "fi": "Sähköpostiosoite",
        "en": "Email address",
    },
    "shop.profile.card": {
        "sv": "S-Förmånskort",
        "fi": "S-Etukortti",
        "en": "S-Etukortti card",
    },
    "shop.profile.add_card": {
        "sv": "Lägg till S-Förmånskort",
        "fi": "Lisää S-Etukortti",
        "en": "Add S-Etukortti card",
    },
    # Refusals: every unexpected input gets one of these, never a server error
    "shop.error.not_found": {
        "sv": "Sidan hittades inte",
        "fi": "Sivua ei löytynyt",
        "en": "Page not found",
    },
    "shop.error.not_found_text": {
        "sv": "Adressen finns inte i den här butiken.",
        "fi": "Osoitetta ei ole tässä kaupassa.",
        "en": "This address does not exist in this shop.",
    },
    "shop.error.bad_request": {
        "sv": "Begäran kunde inte behandlas",
        "fi": "Pyyntöä ei voitu käsitellä",
        "en": "The request could not be handled",
    },
    "shop.error.bad_request_text": {
        "sv": "Något i begäran saknades eller var fel. Gå tillbaka och försök igen.",
        "fi": "Pyynnöstä puuttui jotain tai siinä oli virhe. Palaa takaisin ja yritä uudelleen.",
        "en": "Something in the request was missing or wrong. Go back and try again.",
    },
    "shop.error.csrf": {
        "sv": "Formuläret har gått ut",
        "fi": "Lomake on vanhentunut",
        "en": "The form has expired",
    },
    "shop.error.csrf_text": {
        "sv": "Formuläret kom inte från den här sidan eller har gått ut. Ladda om sidan och "
        "försök igen.",
        "fi": "Lomake ei tullut tältä sivulta tai se on vanhentunut. Lataa sivu uudelleen ja "
        "yritä uudelleen.",
        "en": "The form did not come from this page or has expired. Reload the page and try again.",
    },
    "shop.error.sign_in": {
        "sv": "Inloggningen misslyckades",
        "fi": "Kirjautuminen epäonnistui",
        "en": "Sign-in failed",
    },
    "shop.error.sign_in_text": {
        "sv": "Inloggningen kunde inte slutföras. Försök logga in igen.",
        "fi": "Kirjautumista ei voitu viedä loppuun. Yritä kirjautua uudelleen.",
        "en": "The sign-in could not be completed. Please sign in again.",
    },
    "shop.error.back": {
        "sv": "Till butikens startsida",
        "fi": "Kaupan etusivulle",
        "en": "To the shop's front page",
    },
}
