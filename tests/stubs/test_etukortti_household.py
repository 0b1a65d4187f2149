"""S-Etukortti's "Hushåll": members, who may invite, the invitation email, and joining."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from stub_services.common.register_client import HouseholdMember
from stub_services.common.settings import Settings

from .etukortti_fakes import MIKKO, SARA, World, csrf_of, etukortti_world, sign_in
from .support import ETUKORTTI_URL, TestClient, html_of, query_of, text_of

JOIN_LINK = re.compile(
    rf"^({re.escape(ETUKORTTI_URL)}/(sv|fi|en)/household/join\?token=(\S+))$", re.M
)


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    with etukortti_world(settings) as built:
        yield built


@pytest.fixture
def sara(world: World) -> TestClient:
    """Sara, signed in, the owner-customer of her household."""
    world.register.give_card("sub-sara", 1)
    sign_in(world, world.site, "sub-sara", SARA)
    return world.site


@pytest.fixture
def mikko(world: World) -> TestClient:
    """Mikko in a browser of his own, not signed in yet."""
    return world.browser()


def invite(browser: TestClient, email: str, lang: str = "sv") -> httpx.Response:
    token = csrf_of(browser, f"/{lang}/household")
    response: httpx.Response = browser.post(
        f"/{lang}/household/invitations", data={"email": email, "csrf_token": token}
    )
    return response


def invitation_link(world: World) -> str:
    match = JOIN_LINK.search(text_of(world.outbox.messages[-1]))
    assert match, text_of(world.outbox.messages[-1])
    return match.group(1)


def join(world: World, browser: TestClient, link: str) -> httpx.Response:
    path = link.removeprefix(ETUKORTTI_URL)
    token = csrf_of(browser, path)
    invitation = path.partition("token=")[2]
    lang = path[1:3]
    response: httpx.Response = browser.post(
        f"/{lang}/household/join", data={"token": invitation, "csrf_token": token}
    )
    return response


def test_household_lists_the_members_and_offers_the_invitation(
    world: World, sara: TestClient
) -> None:
    world.register.members["sub-sara"] = [
        HouseholdMember("Sara Virtanen", "owner", "6043 •••• •••• 0017"),
        HouseholdMember("Pekka Virtanen", "member", "6043 •••• •••• 5021"),
    ]
    page = sara.get("/sv/household")
    assert page.status_code == 200
    assert "<h1>Hushåll</h1>" in page.text
    rows = re.findall(r"<tr data-member>(.*?)</tr>", page.text)
    cells = [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in rows]
    assert cells == [
        ["Sara Virtanen", "Ägare", "6043 •••• •••• 0017"],
        ["Pekka Virtanen", "Medlem", "6043 •••• •••• 5021"],
    ]
    assert '<h2 id="invite-heading">Bjud in till hushållet</h2>' in page.text
    assert '<label for="invite-email">E-postadress</label>' in page.text
    assert '<button type="submit">Skicka inbjudan</button>' in page.text


@pytest.mark.parametrize(
    ("reason", "text"),
    [
        ("minor", "Endast myndiga ägarkunder kan bjuda in"),
        ("not_owner", "Endast hushållets ägarkund kan bjuda in"),
        ("full", "Hushållet är fullt"),
    ],
)
def test_who_may_not_invite_is_told_why(
    world: World, sara: TestClient, reason: str, text: str
) -> None:
    world.register.refusals["sub-sara"] = reason
    page = sara.get("/sv/household")
    assert f'<p class="household-reason" role="status">{text}</p>' in page.text
    assert "Skicka inbjudan" not in page.text
    assert "Bjud in till hushållet" not in page.text
    refused = sara.post("/sv/household/invitations", data={"email": MIKKO, "csrf_token": "x"})
    assert refused.status_code == 403  # the form's token, not the page's, is missing


def test_without_a_card_the_household_asks_for_one_first(world: World) -> None:
    sign_in(world, world.site, "sub-elias", "elias@example.com")
    page = world.site.get("/sv/household")
    assert "Koppla ditt S-Förmånskort först" in page.text
    assert ">Lägg till S-Förmånskort</a>" in page.text
    assert "Skicka inbjudan" not in page.text
    assert "data-member" not in page.text


def test_register_refusing_the_invitation_shows_its_reason(world: World, sara: TestClient) -> None:
    token = csrf_of(sara, "/sv/household")
    world.register.refusals["sub-sara"] = "full"  # filled up meanwhile
    refused = sara.post("/sv/household/invitations", data={"email": MIKKO, "csrf_token": token})
    assert refused.status_code == 403
    assert "Hushållet är fullt" in refused.text
    assert world.outbox.messages == []


def test_invitation_email_carries_the_inviters_name_and_the_link(
    world: World, sara: TestClient, settings: Settings
) -> None:
    sent = invite(sara, "  Mikko.Virtanen@Example.com ")
    assert sent.status_code == 200, sent.text
    assert '<p class="notice" role="status">Inbjudan har skickats till ' + MIKKO in sent.text
    [mail] = world.outbox.messages
    assert mail["From"] == settings.etukortti_mail_from
    assert mail["To"] == MIKKO
    assert mail["Subject"] == "Inbjudan till S-Förmånskortets hushåll"
    text = text_of(mail)
    assert "Sara har bjudit in dig till sitt hushåll" in text
    assert "Virtanen" not in text  # the first name only
    link = invitation_link(world)
    token = link.partition("token=")[2]
    [(issued, invitation)] = world.register.invitations.items()
    assert token == issued
    assert invitation["email"] == MIKKO
    assert link.startswith(f"{ETUKORTTI_URL}/sv/household/join?token=")
    assert "Inbjudan gäller till 12.11.2026." in text
    assert f'<a href="{link}">Gå med i hushållet</a>' in html_of(mail)


def test_invitation_in_finnish(world: World, sara: TestClient) -> None:
    sent = invite(sara, MIKKO, lang="fi")
    assert "Kutsu on lähetetty osoitteeseen " + MIKKO in sent.text
    mail = world.outbox.messages[-1]
    assert mail["Subject"] == "Kutsu S-Etukortin talouteen"
    assert "/fi/household/join?token=" in invitation_link(world)


@pytest.mark.parametrize("typed", ["mikko@example", "mikko", "", "mikko virtanen@example.com"])
def test_malformed_address_is_asked_again_and_nothing_is_sent(
    world: World, sara: TestClient, typed: str
) -> None:
    page = invite(sara, typed)
    assert page.status_code == 422
    error = '<p class="error" role="alert" id="invite-email-error">Kontrollera e-postadressen</p>'
    assert error in page.text
    assert f'name="email" value="{typed}"' in page.text
    assert world.outbox.messages == []
    assert world.register.invitations == {}


def test_mail_server_down_creates_no_invitation(world: World, sara: TestClient) -> None:
    world.outbox.down = True
    page = invite(sara, MIKKO)
    assert page.status_code == 503
    assert '<p class="error" role="alert">Vi kunde inte skicka inbjudan just nu</p>' in page.text
    assert "Inbjudan skickades inte." in page.text
    assert f'value="{MIKKO}"' in page.text  # ready to try again
    assert "Inbjudan har skickats" not in page.text
    assert world.register.invitations == {}
    assert "invitation_not_sent" in [e["type"] for e in sara.get("/_control/events").json()]


def test_mail_lost_after_the_invitation_was_made_is_reported_and_never_delivered(
    world: World, sara: TestClient
) -> None:
    world.outbox.fails_on_send = True
    page = invite(sara, MIKKO)
    assert page.status_code == 503
    assert "Vi kunde inte skicka inbjudan just nu" in page.text
    assert world.outbox.messages == []  # the token reached no one and expires unused


def test_inviting_needs_the_forms_csrf_token(world: World, sara: TestClient) -> None:
    for data in ({"email": MIKKO}, {"email": MIKKO, "csrf_token": "0" * 64}):
        refused = sara.post("/sv/household/invitations", data=data)
        assert refused.status_code == 403
        assert "<h1>Formuläret kunde inte tas emot</h1>" in refused.text
        assert '<a href="/sv/household">Försök igen</a>' in refused.text
    assert world.outbox.messages == []
    assert world.register.invitations == {}


def test_register_down_while_inviting_is_a_clear_page(world: World, sara: TestClient) -> None:
    token = csrf_of(sara, "/sv/household")
    world.register.down = True
    assert sara.get("/sv/household").status_code == 503
    page = sara.post("/sv/household/invitations", data={"email": MIKKO, "csrf_token": token})
    assert page.status_code == 503
    assert "<h1>Tjänsten är inte tillgänglig just nu</h1>" in page.text
    assert world.outbox.messages == []


def test_joining_signs_in_first_and_gives_a_card_of_ones_own(
    world: World, sara: TestClient, mikko: TestClient
) -> None:
    invite(sara, MIKKO)
    link = invitation_link(world)
    path = link.removeprefix(ETUKORTTI_URL)
    asked = mikko.get(path)
    assert asked.status_code == 303
    back = asked.headers["location"]
    assert back.startswith("/sv/login?next=/sv/household/join%3Ftoken%3D")
    assert query_of(back)["next"] == path
    callback = sign_in(world, mikko, "sub-mikko", MIKKO, start=path)
    assert callback.headers["location"] == path
    offer = mikko.get(path)
    assert "<h1>Gå med i hushållet</h1>" in offer.text
    assert '<button type="submit">Gå med</button>' in offer.text
    joined = join(world, mikko, link)
    assert joined.status_code == 200, joined.text
    assert "<h1>Du är nu medlem i hushållet</h1>" in joined.text
    card = world.register.linked_card("sub-mikko")
    assert card is not None
    assert f"<dd>6043 •••• •••• {card[-4:]}</dd>" in joined.text
    members = world.register.members["sub-sara"]
    assert [(m.name, m.role) for m in members] == [
        ("Sara Virtanen", "owner"),
        ("Mikko Virtanen", "member"),  # read from the address: S-login knows no name
    ]
    assert "Medlem" in sara.get("/sv/household").text


def test_an_invitation_works_once(world: World, sara: TestClient, mikko: TestClient) -> None:
    invite(sara, MIKKO)
    link = invitation_link(world)
    sign_in(world, mikko, "sub-mikko", MIKKO)
    assert join(world, mikko, link).status_code == 200
    liisa = world.browser()
    sign_in(world, liisa, "sub-liisa", "liisa@example.com")
    again = join(world, liisa, link)
    assert again.status_code == 410
    assert "<h1>Inbjudan är inte längre giltig</h1>" in again.text
    assert world.register.linked_card("sub-liisa") is None


def test_unknown_or_missing_invitation_is_no_longer_valid(world: World, mikko: TestClient) -> None:
    sign_in(world, mikko, "sub-mikko", MIKKO)
    unknown = join(world, mikko, f"{ETUKORTTI_URL}/sv/household/join?token=made-up")
    assert unknown.status_code == 410
    assert "Inbjudan är inte längre giltig" in unknown.text
    missing = mikko.get("/sv/household/join")
    assert missing.status_code == 410
    assert "Inbjudan är inte längre giltig" in missing.text
    assert "Gå med</button>" not in missing.text


def test_someone_with_a_card_cannot_join(world: World, sara: TestClient) -> None:
    invite(sara, MIKKO)
    link = invitation_link(world)
    pekka = world.browser()
    world.register.give_card("sub-pekka", 3)
    sign_in(world, pekka, "sub-pekka", "pekka@example.com")
    refused = join(world, pekka, link)
    assert refused.status_code == 409
    assert "<h1>Du har redan ett S-Förmånskort</h1>" in refused.text
    assert not world.register.invitations[link.partition("token=")[2]]["used"]


def test_joining_needs_the_forms_csrf_token(
    world: World, sara: TestClient, mikko: TestClient
) -> None:
    invite(sara, MIKKO)
    token = invitation_link(world).partition("token=")[2]
    sign_in(world, mikko, "sub-mikko", MIKKO)
    refused = mikko.post("/sv/household/join", data={"token": token, "csrf_token": "0" * 64})
    assert refused.status_code == 403
    assert world.register.linked_card("sub-mikko") is None
    signed_out = world.browser().post("/sv/household/join", data={"token": token})
    assert signed_out.headers["location"].startswith("/sv/login?next=/sv/household/join")
