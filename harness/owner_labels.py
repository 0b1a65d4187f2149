"""UI texts of the shops, benefits, Bonus and household (docs/owner-customer.md), in Swedish.

These scenarios run in Swedish like the identity flows; the stubs' own tests check the
Finnish and English pages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OwnerLabels:
    """Labels a Swedish-speaking customer reads on the shops and S-Etukortti's tabs."""

    sign_in: str = "Logga in"
    sign_out: str = "Logga ut"
    signed_in_as: str = "Inloggad som {email}"
    buy: str = "Köp"
    sign_in_to_shop: str = "Logga in med S-inloggning för att handla"
    owner_customer: str = "Ägarkund"
    owner_price: str = "Ägarkundspris"
    add_card_hint: str = "Lägg till ditt S-Förmånskort för att få Bonus och ägarkundsförmåner"
    order_heading: str = "Tack för din beställning"
    to_pay: str = "Att betala"
    bonus_recorded: str = "Bonus registreras på ditt S-Förmånskort"
    you_saved: str = "Du sparade"
    no_bonus: str = "Ingen Bonus: inget S-Förmånskort är kopplat"
    my_profile: str = "Min profil"
    add_card: str = "Lägg till S-Förmånskort"
    sso_refused: str = (
        "Automatisk inloggning var inte möjlig i den här webbläsaren. Logga in med knappen."
    )
    app_heading: str = "{shop}-appen"
    benefits_tab: str = "Förmåner och tips"
    your_coupons: str = "Dina kuponger"
    your_benefits: str = "Dina förmåner"
    link_card_first: str = "Koppla ditt S-Förmånskort för att se dina förmåner och kuponger."
    redeem: str = "Använd kupongen"
    mobile_only: str = "Kuponger kan användas i mobilvyn eller i appen"
    show_at_checkout: str = "Visa koden i kassan"
    coupon_used: str = "Kupongen har redan använts"
    bonus_tab: str = "Bonus"
    household_tab: str = "Hushåll"
    invite_heading: str = "Bjud in till hushållet"
    invite_email: str = "E-postadress"
    send_invite: str = "Skicka inbjudan"
    invite_sent: str = "Inbjudan har skickats till {email}"
    check_address: str = "Kontrollera e-postadressen"
    invitation_subject: str = "Inbjudan till S-Förmånskortets hushåll"
    join_heading: str = "Gå med i hushållet"
    join: str = "Gå med"
    joined: str = "Du är nu medlem i hushållet"
    invitation_invalid: str = "Inbjudan är inte längre giltig"
    already_has_card: str = "Du har redan ett S-Förmånskort"
    owner_role: str = "Ägare"
    member_role: str = "Medlem"
    refused_no_card: str = "Koppla ditt S-Förmånskort först"
    refused_minor: str = "Endast myndiga ägarkunder kan bjuda in"
    refused_not_owner: str = "Endast hushållets ägarkund kan bjuda in"
    refused_full: str = "Hushållet är fullt"
    invalid_request: str = "Ogiltig inloggningsbegäran"


SV = OwnerLabels()

# How features name the shops and apps, and the site names the environment knows them by.
SHOPS = {
    "Prisma": "prisma",
    "Sokos": "sokos",
    "Sokos Hotels": "sokoshotels",
    "Yhteishyvä": "yhteishyva",
    "S-kaupat": "s-kaupat",
    "ABC": "abc",
}
APPS = {"ABC": "abc", "S-kaupat": "s-kaupat", "Yhteishyvä": "yhteishyva"}
SHOP_WORDS = "|".join(sorted(SHOPS, key=len, reverse=True))
APP_WORDS = "|".join(sorted(APPS, key=len, reverse=True))
