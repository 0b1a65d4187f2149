"""S-Etukortti's benefits, coupons, Bonus and household pages."""

from __future__ import annotations

from typing import Final

from stub_services.common.i18n.languages import Catalogue

STRINGS: Final[Catalogue] = {
    # The signed-in menu on every S-Etukortti page
    "benefits.menu.label": {
        "sv": "Meny",
        "fi": "Valikko",
        "en": "Menu",
    },
    "benefits.menu.profile": {
        "sv": "Mina uppgifter",
        "fi": "Omat tiedot",
        "en": "My details",
    },
    "benefits.menu.benefits": {
        "sv": "Förmåner och tips",
        "fi": "Edut ja vinkit",
        "en": "Benefits and tips",
    },
    "benefits.menu.bonus": {
        "sv": "Bonus",
        "fi": "Bonus",
        "en": "Bonus",
    },
    "benefits.menu.household": {
        "sv": "Hushåll",
        "fi": "Talous",
        "en": "Household",
    },
    # "Förmåner och tips"
    "benefits.heading": {
        "sv": "Förmåner och tips",
        "fi": "Edut ja vinkit",
        "en": "Benefits and tips",
    },
    "benefits.coupons_heading": {
        "sv": "Dina kuponger",
        "fi": "Kuponkisi",
        "en": "Your coupons",
    },
    "benefits.no_coupons": {
        "sv": "Du har inga kuponger just nu.",
        "fi": "Sinulla ei ole kuponkeja juuri nyt.",
        "en": "You have no coupons right now.",
    },
    "benefits.valid_until": {
        "sv": "Giltig till {date}",
        "fi": "Voimassa {date} asti",
        "en": "Valid until {date}",
    },
    "benefits.list_heading": {
        "sv": "Dina förmåner",
        "fi": "Etusi",
        "en": "Your benefits",
    },
    "benefits.item.bonus": {
        "sv": "Bonus på hushållets inköp i S-gruppen, upp till 5 % per månad",
        "fi": "Bonusta talouden ostoista S-ryhmässä, jopa 5 % kuukaudessa",
        "en": "Bonus on your household's purchases in the S Group, up to 5% a month",
    },
    "benefits.item.owner_prices": {
        "sv": "Ägarkundspriser i S-gruppens butiker och webbutiker",
        "fi": "Omistaja-asiakashinnat S-ryhmän kaupoissa ja verkkokaupoissa",
        "en": "Owner-customer prices in the S Group's shops and web shops",
    },
    "benefits.no_card": {
        "sv": "Koppla ditt S-Förmånskort för att se dina förmåner och kuponger.",
        "fi": "Liitä S-Etukorttisi, niin näet etusi ja kuponkisi.",
        "en": "Link your S-Etukortti card to see your benefits and coupons.",
    },
    "benefits.add_card": {
        "sv": "Lägg till S-Förmånskort",
        "fi": "Lisää S-Etukortti",
        "en": "Add an S-Etukortti card",
    },
    "benefits.unavailable_heading": {
        "sv": "Tjänsten är inte tillgänglig just nu",
        "fi": "Palvelu ei ole käytettävissä juuri nyt",
        "en": "The service is not available right now",
    },
    "benefits.unavailable_text": {
        "sv": "Vi kan inte visa dina förmånsuppgifter just nu. Försök igen om en stund.",
        "fi": "Emme voi näyttää etutietojasi juuri nyt. Yritä hetken kuluttua uudelleen.",
        "en": "We cannot show your benefit details right now. Please try again in a moment.",
    },
    # Not "… Förmåner och tips": link names are matched as substrings, and the menu has that.
    "benefits.back": {
        "sv": "Tillbaka till kupongerna",
        "fi": "Takaisin kuponkeihin",
        "en": "Back to the coupons",
    },
    "benefits.try_again": {
        "sv": "Försök igen",
        "fi": "Yritä uudelleen",
        "en": "Try again",
    },
    # Coupon page
    "coupon.use": {
        "sv": "Använd kupongen",
        "fi": "Käytä kuponki",
        "en": "Use the coupon",
    },
    "coupon.mobile_only": {
        "sv": "Kuponger kan användas i mobilvyn eller i appen",
        "fi": "Kuponkeja voi käyttää mobiilinäkymässä tai sovelluksessa",
        "en": "Coupons can be used in the mobile view or in the app",
    },
    "coupon.show_at_till": {
        "sv": "Visa koden i kassan",
        "fi": "Näytä koodi kassalla",
        "en": "Show the code at the checkout",
    },
    "coupon.code": {
        "sv": "Kupongkod",
        "fi": "Kuponkikoodi",
        "en": "Coupon code",
    },
    "coupon.used": {
        "sv": "Kupongen har redan använts",
        "fi": "Kuponki on jo käytetty",
        "en": "The coupon has already been used",
    },
    "coupon.not_found_heading": {
        "sv": "Kupongen hittades inte",
        "fi": "Kuponkia ei löytynyt",
        "en": "Coupon not found",
    },
    "coupon.not_found_text": {
        "sv": "Det finns ingen sådan kupong bland dina kuponger.",
        "fi": "Kuponkiesi joukossa ei ole tällaista kuponkia.",
        "en": "There is no such coupon among your coupons.",
    },
    # Bonus page
    "bonus.heading": {
        "sv": "Bonus",
        "fi": "Bonus",
        "en": "Bonus",
    },
    "bonus.caption": {
        "sv": "Hushållets Bonus per månad, den senaste först",
        "fi": "Talouden Bonus kuukausittain, uusin ensin",
        "en": "The household's Bonus by month, latest first",
    },
    "bonus.month": {
        "sv": "Månad",
        "fi": "Kuukausi",
        "en": "Month",
    },
    "bonus.purchases": {
        "sv": "Inköp",
        "fi": "Ostot",
        "en": "Purchases",
    },
    "bonus.percent": {
        "sv": "Bonus %",
        "fi": "Bonus-%",
        "en": "Bonus %",
    },
    "bonus.bonus": {
        "sv": "Bonus",
        "fi": "Bonus",
        "en": "Bonus",
    },
    "bonus.savings": {
        "sv": "Övriga prisförmåner",
        "fi": "Muut hintaedut",
        "en": "Other price benefits",
    },
    "bonus.none": {
        "sv": "Inga inköp har registrerats ännu.",
        "fi": "Ostoja ei ole vielä kirjattu.",
        "en": "No purchases have been recorded yet.",
    },
    "bonus.month_names": {
        "sv": "januari,februari,mars,april,maj,juni,juli,augusti,september,oktober,november,"
        "december",
        "fi": "tammikuu,helmikuu,maaliskuu,huhtikuu,toukokuu,kesäkuu,heinäkuu,elokuu,syyskuu,"
        "lokakuu,marraskuu,joulukuu",
        "en": "January,February,March,April,May,June,July,August,September,October,November,"
        "December",
    },
    # Household page
    "household.heading": {
        "sv": "Hushåll",
        "fi": "Talous",
        "en": "Household",
    },
    "household.members": {
        "sv": "Medlemmar",
        "fi": "Jäsenet",
        "en": "Members",
    },
    "household.name": {
        "sv": "Namn",
        "fi": "Nimi",
        "en": "Name",
    },
    "household.role": {
        "sv": "Roll",
        "fi": "Rooli",
        "en": "Role",
    },
    "household.card": {
        "sv": "S-Förmånskort",
        "fi": "S-Etukortti",
        "en": "S-Etukortti card",
    },
    "household.role.owner": {
        "sv": "Ägare",
        "fi": "Omistaja",
        "en": "Owner",
    },
    "household.role.member": {
        "sv": "Medlem",
        "fi": "Jäsen",
        "en": "Member",
    },
    "household.reason.no_card": {
        "sv": "Koppla ditt S-Förmånskort först",
        "fi": "Liitä ensin S-Etukorttisi",
        "en": "Link your S-Etukortti card first",
    },
    "household.reason.minor": {
        "sv": "Endast myndiga ägarkunder kan bjuda in",
        "fi": "Vain täysi-ikäiset omistaja-asiakkaat voivat kutsua",
        "en": "Only adult owner-customers can invite",
    },
    "household.reason.not_owner": {
        "sv": "Endast hushållets ägarkund kan bjuda in",
        "fi": "Vain talouden omistaja-asiakas voi kutsua",
        "en": "Only the household's owner-customer can invite",
    },
    "household.reason.full": {
        "sv": "Hushållet är fullt",
        "fi": "Talous on täynnä",
        "en": "The household is full",
    },
    # Inviting
    "invite.heading": {
        "sv": "Bjud in till hushållet",
        "fi": "Kutsu talouteen",
        "en": "Invite to the household",
    },
    "invite.email": {
        "sv": "E-postadress",
        "fi": "Sähköpostiosoite",
        "en": "Email address",
    },
    "invite.submit": {
        "sv": "Skicka inbjudan",
        "fi": "Lähetä kutsu",
        "en": "Send invitation",
    },
    "invite.email_invalid": {
        "sv": "Kontrollera e-postadressen",
        "fi": "Tarkista sähköpostiosoite",
        "en": "Check the email address",
    },
    "invite.sent": {
        "sv": "Inbjudan har skickats till {email}",
        "fi": "Kutsu on lähetetty osoitteeseen {email}",
        "en": "The invitation has been sent to {email}",
    },
    "invite.send_failed": {
        "sv": "Vi kunde inte skicka inbjudan just nu",
        "fi": "Emme pystyneet lähettämään kutsua juuri nyt",
        "en": "We could not send the invitation right now",
    },
    "invite.send_failed_advice": {
        "sv": "Inbjudan skickades inte. Försök igen om en stund.",
        "fi": "Kutsua ei lähetetty. Yritä hetken kuluttua uudelleen.",
        "en": "The invitation was not sent. Please try again in a moment.",
    },
    # The invitation email
    "invite.mail.subject": {
        "sv": "Inbjudan till S-Förmånskortets hushåll",
        "fi": "Kutsu S-Etukortin talouteen",
        "en": "Invitation to an S-Etukortti household",
    },
    "invite.mail.greeting": {
        "sv": "Hej!",
        "fi": "Hei!",
        "en": "Hello,",
    },
    "invite.mail.body": {
        "sv": "{name} har bjudit in dig till sitt hushåll i S-Förmånskortet. Hushållets "
        "medlemmar samlar Bonus tillsammans och får var sitt eget kort.",
        "fi": "{name} on kutsunut sinut S-Etukortin talouteensa. Talouden jäsenet keräävät "
        "Bonusta yhdessä ja saavat kukin oman kortin.",
        "en": "{name} has invited you to their S-Etukortti household. The members of a "
        "household collect Bonus together and each get a card of their own.",
    },
    "invite.mail.cta": {
        "sv": "Öppna länken och logga in med S-inloggning för att gå med:",
        "fi": "Avaa linkki ja kirjaudu S-kirjautumisella liittyäksesi:",
        "en": "Open the link and sign in with S-login to join:",
    },
    "invite.mail.link": {
        "sv": "Gå med i hushållet",
        "fi": "Liity talouteen",
        "en": "Join",
    },
    "invite.mail.validity": {
        "sv": "Inbjudan gäller till {date}. Om du inte väntade dig den kan du lämna den obesvarad.",
        "fi": "Kutsu on voimassa {date} asti. Jos et odottanut sitä, voit jättää sen huomiotta.",
        "en": "The invitation is valid until {date}. If you did not expect it, you can ignore it.",
    },
    "invite.mail.signature": {
        "sv": "Hälsningar, S-Förmånskortet",
        "fi": "Terveisin S-Etukortti",
        "en": "S-Etukortti",
    },
    # Joining
    "invite.join.heading": {
        "sv": "Gå med i hushållet",
        "fi": "Liity talouteen",
        "en": "Join the household",
    },
    "invite.join.intro": {
        "sv": "Du har bjudits in till ett hushåll. Som medlem får du ett eget S-Förmånskort, "
        "och hushållets inköp räknas ihop för Bonus.",
        "fi": "Sinut on kutsuttu talouteen. Jäsenenä saat oman S-Etukortin, ja talouden "
        "ostot lasketaan yhteen Bonusta varten.",
        "en": "You have been invited to a household. As a member you get an S-Etukortti card "
        "of your own, and the household's purchases count together for Bonus.",
    },
    "invite.join.submit": {
        "sv": "Gå med",
        "fi": "Liity",
        "en": "Join",
    },
    "invite.joined": {
        "sv": "Du är nu medlem i hushållet",
        "fi": "Olet nyt talouden jäsen",
        "en": "You are now a member of the household",
    },
    "invite.invalid": {
        "sv": "Inbjudan är inte längre giltig",
        "fi": "Kutsu ei ole enää voimassa",
        "en": "The invitation is no longer valid",
    },
    "invite.invalid_text": {
        "sv": "Be den som bjöd in dig att skicka en ny inbjudan.",
        "fi": "Pyydä kutsujaa lähettämään uusi kutsu.",
        "en": "Ask the person who invited you to send a new invitation.",
    },
    "invite.has_card": {
        "sv": "Du har redan ett S-Förmånskort",
        "fi": "Sinulla on jo S-Etukortti",
        "en": "You already have an S-Etukortti card",
    },
    "invite.has_card_text": {
        "sv": "Ett S-Förmånskort är redan kopplat till din S-inloggning, så du kan inte gå med "
        "i ett annat hushåll med den här inbjudan.",
        "fi": "S-kirjautumiseesi on jo liitetty S-Etukortti, joten et voi liittyä toiseen "
        "talouteen tällä kutsulla.",
        "en": "An S-Etukortti card is already linked to your S-login, so you cannot join "
        "another household with this invitation.",
    },
}
