"""S-Etukortti's "Förmåner och tips", coupons and "Bonus", with fakes of the sign-in service
and the register; the fakes and sign-in helper here also serve the household and
back-channel tests."""

from __future__ import annotations

import re
import secrets
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email.message import EmailMessage
from typing import Any

import httpx
import jwt
import pytest

from stub_services.common.i18n import LANGS
from stub_services.common.i18n_benefits import BENEFIT_STRINGS
from stub_services.common.register_client import (
    BonusMonth,
    Coupon,
    CouponNotFound,
    CouponUsed,
    Household,
    HouseholdMember,
    Invitation,
    InvitationInvalid,
    InviteRefused,
    PurchaseReport,
    mask_card,
)
from stub_services.common.settings import Settings
from stub_services.etukortti.app import create_app
from stub_services.etukortti.barcode_svg import check_digit, is_ean13
from stub_services.etukortti.formatting import euros, month_label, percent
from stub_services.etukortti.invitation_mail import Send

from .identity_fakes import FakeRegister, card_number
from .support import ETUKORTTI_URL, SIGNIN_URL, TestClient, query_of

SARA = "sara.virtanen@example.com"
MIKKO = "mikko.virtanen@example.com"


# --- Fakes shared by the S-Etukortti benefit, household and back-channel tests -------------


@dataclass
class FakeSignin:
    """The sign-in service's token and userinfo endpoints; the test plays its pages by
    granting a code for the authorization request the site started."""

    secret: str
    grants: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, dict[str, str]] = field(default_factory=dict)

    def grant(self, authorize_url: str, sub: str, email: str, sid: str | None) -> str:
        """The callback path the browser would be sent to after signing in as `sub`."""
        params = query_of(authorize_url)
        code = secrets.token_urlsafe(12)
        self.grants[code] = {"sub": sub, "email": email, "sid": sid, "nonce": params["nonce"]}
        return f"/callback?code={code}&state={params['state']}"

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/token":
            grant = self.grants.pop(dict(httpx.QueryParams(request.content.decode()))["code"])
            now = int(time.time())
            claims = {
                "iss": SIGNIN_URL,
                "aud": "s-etukortti",
                "sub": grant["sub"],
                "iat": now,
                "exp": now + 300,
                "nonce": grant["nonce"],
                "email": grant["email"],
            }
            if grant["sid"]:
                claims["sid"] = grant["sid"]
            access = secrets.token_urlsafe(12)
            self.users[access] = {"sub": grant["sub"], "email": grant["email"]}
            id_token = jwt.encode(claims, self.secret, algorithm="HS256")
            return httpx.Response(200, json={"id_token": id_token, "access_token": access})
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        user = self.users.get(bearer)
        if request.url.path != "/userinfo" or user is None:
            return httpx.Response(401)
        return httpx.Response(200, json={**user, "created_at": "2026-01-05T10:00:00+00:00"})


@dataclass
class OwnersRegister(FakeRegister):
    """The register's owner-customer side: coupons, Bonus months, households, invitations."""

    coupon_book: dict[str, list[Coupon]] = field(default_factory=dict)
    months: dict[str, list[BonusMonth]] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    members: dict[str, list[HouseholdMember]] = field(default_factory=dict)
    invitations: dict[str, dict[str, Any]] = field(default_factory=dict)
    redeemed: list[str] = field(default_factory=list)

    def give_card(self, sub: str, seed: int) -> str:
        card = card_number(seed)
        self.links[card] = sub
        return card

    def add_coupon(self, sub: str, title: str, ean13: str, **extra: Any) -> Coupon:
        coupon = Coupon(
            id=str(len(self.redeemed) + sum(map(len, self.coupon_book.values())) + 101),
            title=title,
            description=extra.get("description", f"Erbjudande för dig: {title}"),
            ean13=ean13,
            valid_until=extra.get("valid_until", date(2026, 12, 31)),
            redeemed_at=extra.get("redeemed_at"),
        )
        self.coupon_book.setdefault(sub, []).append(coupon)
        return coupon

    def record_purchase(self, report: PurchaseReport) -> bool:
        self._up()
        return self.linked_card(report.s_login) is not None

    def bonus_months(self, s_login: str) -> list[BonusMonth]:
        self._up()
        return self.months.get(s_login, [])

    def coupons(self, s_login: str) -> list[Coupon]:
        self._up()
        return list(self.coupon_book.get(s_login, []))

    def redeem_coupon(self, s_login: str, coupon_id: str) -> Coupon:
        self._up()
        book = self.coupon_book.get(s_login, [])
        for i, coupon in enumerate(book):
            if coupon.id == coupon_id:
                if coupon.redeemed_at is not None:
                    raise CouponUsed(coupon_id)
                book[i] = replace(coupon, redeemed_at=datetime.now(UTC))
                self.redeemed.append(coupon_id)
                return book[i]
        raise CouponNotFound(coupon_id)

    def household(self, s_login: str) -> Household:
        self._up()
        card = self.linked_card(s_login)
        if card is None:
            return Household([], False, "no_card")
        members = self.members.setdefault(
            s_login, [HouseholdMember("Sara Virtanen", "owner", mask_card(card))]
        )
        reason = self.refusals.get(s_login)
        return Household(list(members), reason is None, reason)

    def invite(self, s_login: str, email: str) -> Invitation:
        household = self.household(s_login)
        if not household.can_invite:
            raise InviteRefused(household.reason or "not_owner")
        token = secrets.token_urlsafe(24)
        self.invitations[token] = {"owner": s_login, "email": email, "used": False}
        return Invitation(token, datetime(2026, 11, 12, 9, 30, tzinfo=UTC))

    def accept_invitation(self, token: str, s_login: str, name: str) -> str:
        self._up()
        invitation = self.invitations.get(token)
        if invitation is None or invitation["used"]:
            raise InvitationInvalid("used" if invitation else "unknown")
        if self.linked_card(s_login) is not None:
            raise InvitationInvalid("has_card")
        invitation["used"] = True
        card = self.give_card(s_login, 500 + len(self.links))
        owner_members = self.members[invitation["owner"]]
        owner_members.append(HouseholdMember(name, "member", mask_card(card)))
        return card


@dataclass
class FakeOutbox:
    """The SMTP server: `down` refuses the connection; `fails_on_send` drops it mid-way."""

    messages: list[EmailMessage] = field(default_factory=list)
    down: bool = False
    fails_on_send: bool = False

    @contextmanager
    def __call__(self) -> Iterator[Send]:
        if self.down:
            raise ConnectionRefusedError("SMTP is down")

        def send(message: EmailMessage) -> None:
            if self.fails_on_send:
                raise ConnectionResetError("SMTP connection lost")
            self.messages.append(message)

        yield send


@dataclass
class World:
    site: TestClient
    signin: FakeSignin
    register: OwnersRegister
    outbox: FakeOutbox
    app: Any

    def browser(self) -> TestClient:
        """Another browser on the same site: its own cookies."""
        return TestClient(self.app, base_url=ETUKORTTI_URL, follow_redirects=False)


@contextmanager
def etukortti_world(settings: Settings) -> Iterator[World]:
    signin = FakeSignin(settings.etukortti_client_secret)
    register = OwnersRegister()
    outbox = FakeOutbox()
    http = httpx.Client(transport=httpx.MockTransport(signin.handle), base_url=SIGNIN_URL)
    app = create_app(settings, signin_client=http, register=register, outbox=outbox)
    with TestClient(app, base_url=ETUKORTTI_URL, follow_redirects=False) as client:
        yield World(client, signin, register, outbox, app)


def sign_in(
    world: World,
    browser: TestClient,
    sub: str,
    email: str,
    *,
    start: str = "/sv/login",
    sid: str | None = "sid-of-the-signin-session",
) -> httpx.Response:
    """Open `start` (a page or the login), sign in at the (fake) sign-in service, and return
    the callback's response."""
    response = browser.get(start)
    if not response.headers["location"].startswith(SIGNIN_URL):
        response = browser.get(response.headers["location"])
    authorize = response.headers["location"]
    assert authorize.startswith(f"{SIGNIN_URL}/authorize?"), authorize
    callback: httpx.Response = browser.get(world.signin.grant(authorize, sub, email, sid))
    assert callback.status_code == 303, callback.text
    return callback


def csrf_of(browser: TestClient, path: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', browser.get(path).text)
    assert match, f"{path} carries no CSRF token"
    return match.group(1)


# --- Tests ---------------------------------------------------------------------------------


@pytest.fixture
def world(settings: Settings) -> Iterator[World]:
    with etukortti_world(settings) as built:
        yield built


@pytest.fixture
def sara(world: World) -> TestClient:
    """Sara, signed in, with a linked card."""
    world.register.give_card("sub-sara", 1)
    sign_in(world, world.site, "sub-sara", SARA)
    return world.site


def ean13(first12: str) -> str:
    return first12 + str(check_digit(first12))


COFFEE = ean13("200000012345")
ICE_CREAM = ean13("200000067890")


def test_signed_in_pages_carry_the_menu(sara: TestClient) -> None:
    for path in ("/sv/", "/sv/profile", "/sv/benefits", "/sv/bonus", "/sv/household"):
        page = sara.get(path)
        assert page.status_code == 200, path
        menu = re.search(r'<nav class="site-menu" aria-label="Meny">(.*?)</nav>', page.text, re.S)
        assert menu, f"{path} has no menu"
        links = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', menu.group(1))
        assert links == [
            ("/sv/profile", "Mina uppgifter"),
            ("/sv/benefits", "Förmåner och tips"),
            ("/sv/bonus", "Bonus"),
            ("/sv/household", "Hushåll"),
        ]
        if path != "/sv/":
            assert f'<a href="{path}" aria-current="page">' in menu.group(1)
    # The home page shows the menu instead of its own "Mina uppgifter" link.
    assert sara.get("/sv/").text.count(">Mina uppgifter</a>") == 1


def test_signed_out_pages_have_no_menu(world: World) -> None:
    assert "site-menu" not in world.site.get("/sv/").text


def test_menu_in_finnish_and_english(sara: TestClient) -> None:
    assert ">Edut ja vinkit</a>" in sara.get("/fi/benefits").text
    assert (
        '<a href="/en/household" aria-current="page">Household</a>'
        in sara.get("/en/household").text
    )


@pytest.mark.parametrize("page", ["/sv/benefits", "/sv/bonus", "/sv/household", "/fi/coupons/7"])
def test_signed_out_visit_signs_in_and_comes_back(world: World, page: str) -> None:
    asked = world.site.get(page)
    lang = page[1:3]
    assert asked.headers["location"] == f"/{lang}/login?next={page}"
    callback = sign_in(world, world.site, "sub-sara", SARA, start=page)
    assert callback.headers["location"] == page


@pytest.mark.parametrize(
    "next_path",
    [
        "//evil.test",
        "https://evil.test",
        "/\\evil.test",
        "/\t/evil.test",
        "///evil.test",
        "evil.test/sv/benefits",
        "",
    ],
)
def test_return_path_outside_the_site_goes_to_the_profile(world: World, next_path: str) -> None:
    start = "/sv/login?" + str(httpx.QueryParams({"next": next_path}))
    callback = sign_in(world, world.site, "sub-sara", SARA, start=start)
    assert callback.headers["location"] == "/sv/profile"
    # Signed in already, the login page refuses it the same way.
    assert world.site.get(start).headers["location"] == "/sv/profile"


def test_signed_in_login_goes_straight_to_a_same_site_path(sara: TestClient) -> None:
    assert sara.get("/sv/login?next=/sv/bonus").headers["location"] == "/sv/bonus"


def test_without_a_card_the_tabs_say_how_to_get_benefits(world: World) -> None:
    sign_in(world, world.site, "sub-elias", "elias@example.com")
    for path in ("/sv/benefits", "/sv/bonus"):
        page = world.site.get(path)
        assert page.status_code == 200
        assert "Koppla ditt S-Förmånskort för att se dina förmåner och kuponger." in page.text
        back = httpx.QueryParams({"return": f"{ETUKORTTI_URL}{path}"})
        link = f'<a href="{SIGNIN_URL}/sv/link-card?{back}">Lägg till S-Förmånskort</a>'
        assert link.replace("&", "&amp;") in page.text
        assert "Dina kuponger" not in page.text
        assert "<table" not in page.text


def test_benefits_list_the_unredeemed_coupons_and_the_benefits(
    world: World, sara: TestClient
) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    world.register.add_coupon(
        "sub-sara", "Bröd 1 €", ean13("200000011111"), redeemed_at=datetime.now(UTC)
    )
    world.register.give_card("sub-mikko", 2)
    world.register.add_coupon("sub-mikko", "Glass 2 för 1", ICE_CREAM)
    page = sara.get("/sv/benefits")
    assert "<h1>Förmåner och tips</h1>" in page.text
    coupons = re.search(r'<ul class="coupons"[^>]*>(.*?)</ul>', page.text, re.S)
    assert coupons, page.text
    assert coupons.group(1).count("<li>") == 1
    assert f'<a href="/sv/coupons/{coffee.id}">Kaffe -30 %</a>' in coupons.group(1)
    assert "Erbjudande för dig: Kaffe -30 %" in coupons.group(1)
    assert '<time datetime="2026-12-31">Giltig till 31.12.2026</time>' in coupons.group(1)
    assert "Bröd 1 €" not in page.text
    assert "Glass 2 för 1" not in page.text
    assert '<h2 id="benefits-list-heading">Dina förmåner</h2>' in page.text
    assert "Ägarkundspriser i S-gruppens butiker och webbutiker" in page.text


def test_no_coupons_is_said_plainly(sara: TestClient) -> None:
    assert "Du har inga kuponger just nu." in sara.get("/sv/benefits").text


def test_coupon_page_offers_the_button_only_in_the_mobile_view(
    world: World, sara: TestClient
) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    page = sara.get(f"/sv/coupons/{coffee.id}")
    assert "<h1>Kaffe -30 %</h1>" in page.text
    form = re.search(r'<form class="coupon-use" method="post" action="([^"]+)">', page.text)
    assert form, page.text
    assert form.group(1) == f"/sv/coupons/{coffee.id}/redeem"
    assert '<button type="submit">Använd kupongen</button>' in page.text
    note = '<p class="coupon-desktop-note">Kuponger kan användas i mobilvyn eller i appen</p>'
    assert note in page.text
    assert "style=" not in page.text  # the CSP forbids inline styles
    css = world.site.get("/assets/etukortti.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    rules = re.sub(r"\s+", " ", css.text)
    assert ".coupon-use { display: none; }" in rules
    assert (
        "@media (max-width: 720px) { .coupon-use { display: block; } "
        ".coupon-desktop-note { display: none; } }"
    ) in rules
    assert '<link rel="stylesheet" href="/assets/etukortti.css">' in page.text


def test_a_coupon_is_used_once(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    path = f"/sv/coupons/{coffee.id}"
    token = csrf_of(sara, path)
    used = sara.post(f"{path}/redeem", data={"csrf_token": token})
    assert used.status_code == 200, used.text
    assert '<h2 id="code-heading">Visa koden i kassan</h2>' in used.text
    assert f'<img class="barcode" src="{path}/barcode.svg" alt="{COFFEE}">' in used.text
    assert f'<dd class="code-digits">{COFFEE}</dd>' in used.text
    assert "Använd kupongen" not in used.text
    assert world.register.redeemed == [coffee.id]

    again = sara.post(f"{path}/redeem", data={"csrf_token": token})
    assert again.status_code == 409
    assert "Kupongen har redan använts" in again.text
    assert "<button" not in again.text.split("<main", 1)[1].split("Logga ut")[0]
    assert world.register.redeemed == [coffee.id]
    later = sara.get(path)
    assert later.status_code == 200
    assert "Kupongen har redan använts" in later.text
    assert "Använd kupongen" not in later.text
    assert "Kaffe -30 %" not in sara.get("/sv/benefits").text


def test_coupon_used_meanwhile_elsewhere_is_a_409(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    token = csrf_of(sara, f"/sv/coupons/{coffee.id}")
    real = world.register.redeem_coupon

    def used_in_the_app(s_login: str, coupon_id: str) -> Coupon:
        raise CouponUsed(coupon_id)

    world.register.redeem_coupon = used_in_the_app  # type: ignore[method-assign]
    refused = sara.post(f"/sv/coupons/{coffee.id}/redeem", data={"csrf_token": token})
    world.register.redeem_coupon = real  # type: ignore[method-assign]
    assert refused.status_code == 409
    assert "Kupongen har redan använts" in refused.text


def test_another_customers_coupon_is_not_found(world: World, sara: TestClient) -> None:
    world.register.give_card("sub-mikko", 2)
    mikkos = world.register.add_coupon("sub-mikko", "Glass 2 för 1", ICE_CREAM)
    page = sara.get(f"/sv/coupons/{mikkos.id}")
    assert page.status_code == 404
    assert "<h1>Kupongen hittades inte</h1>" in page.text
    assert "Glass 2 för 1" not in page.text
    token = csrf_of(sara, "/sv/profile/customer-data")  # one token a session
    posted = sara.post(f"/sv/coupons/{mikkos.id}/redeem", data={"csrf_token": token})
    assert posted.status_code == 404
    assert sara.get(f"/sv/coupons/{mikkos.id}/barcode.svg").status_code == 404
    assert world.register.redeemed == []
    assert sara.get("/sv/coupons/no-such-coupon").status_code == 404


def test_redeeming_needs_the_forms_csrf_token(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    for data in ({}, {"csrf_token": "0" * 64}):
        refused = sara.post(f"/sv/coupons/{coffee.id}/redeem", data=data)
        assert refused.status_code == 403
        assert "<h1>Formuläret kunde inte tas emot</h1>" in refused.text
    assert world.register.redeemed == []


def test_redeeming_signed_out_goes_through_sign_in_to_the_coupon(world: World) -> None:
    posted = world.site.post("/sv/coupons/101/redeem", data={"csrf_token": "x"})
    assert posted.headers["location"] == "/sv/login?next=/sv/coupons/101"


# EAN-13 symbology: the left half's digits in L or G code (the pattern of L/G gives the
# first digit), the right half's in R code; L = inverted R, G = reversed R.
_R_CODES = ["1110010", "1100110", "1101100", "1000010", "1011100",
            "1001110", "1010000", "1000100", "1001000", "1110100"]  # fmt: skip
_FIRST_DIGIT = ["LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL"]  # fmt: skip


def decode_ean13(root: ET.Element) -> str:
    """Read the digits back from the bars the SVG draws (a rect a run of dark modules)."""
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("width") != "100%"]
    spans = [
        (float(str(r.get("x")).removesuffix("mm")), float(str(r.get("width")).removesuffix("mm")))
        for r in bars
    ]
    module = min(width for _, width in spans)
    start = min(x for x, _ in spans)
    dark = {
        round((x - start) / module) + i for x, width in spans for i in range(round(width / module))
    }
    modules = "".join("1" if i in dark else "0" for i in range(95))
    guards = (modules[:3], modules[45:50], modules[92:])
    assert guards == ("101", "01010", "101"), modules
    left = [modules[3 + 7 * i : 10 + 7 * i] for i in range(6)]
    right = [modules[50 + 7 * i : 57 + 7 * i] for i in range(6)]
    l_codes = ["".join("1" if b == "0" else "0" for b in r) for r in _R_CODES]
    g_codes = [r[::-1] for r in _R_CODES]
    digits, parity = "", ""
    for code in left:
        if code in l_codes:
            digits, parity = digits + str(l_codes.index(code)), parity + "L"
        else:
            digits, parity = digits + str(g_codes.index(code)), parity + "G"
    digits += "".join(str(_R_CODES.index(code)) for code in right)
    return str(_FIRST_DIGIT.index(parity)) + digits


def test_barcode_is_an_svg_of_the_coupons_ean13(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    path = f"/sv/coupons/{coffee.id}"
    assert sara.get(f"{path}/barcode.svg").status_code == 404  # not before it is used
    sara.post(f"{path}/redeem", data={"csrf_token": csrf_of(sara, path)})
    image = sara.get(f"{path}/barcode.svg")
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/svg+xml"
    assert "script-src" not in image.headers["content-security-policy"]
    assert image.headers["content-security-policy"].startswith("default-src 'none'")
    root = ET.fromstring(image.content)  # noqa: S314 - the stub's own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert decode_ean13(root) == COFFEE
    world.site.cookies.clear()
    assert world.site.get(f"{path}/barcode.svg").status_code == 404


def test_a_code_with_a_wrong_check_digit_is_not_drawn(world: World, sara: TestClient) -> None:
    wrong = COFFEE[:12] + str((int(COFFEE[12]) + 1) % 10)
    coupon = world.register.add_coupon(
        "sub-sara", "Kaffe -30 %", wrong, redeemed_at=datetime.now(UTC)
    )
    assert sara.get(f"/sv/coupons/{coupon.id}/barcode.svg").status_code == 404


def test_ean13_check_digit() -> None:
    assert is_ean13("4006381333931")
    assert not is_ean13("4006381333932")
    assert not is_ean13("400638133393")
    assert not is_ean13("４００６３８１３３３９３１")


def test_bonus_table_rows_newest_first(world: World, sara: TestClient) -> None:
    world.register.months["sub-sara"] = [
        BonusMonth("2026-11", 9_500, Decimal("1"), 95, 0),
        BonusMonth("2026-10", 123_450, Decimal("5"), 6_173, 1_240),
        BonusMonth("2026-09", 25_000, Decimal("1.5"), 375, 12_345_678),
        BonusMonth("2026-08", 4_999, Decimal("0"), 0, 0),
    ]
    page = sara.get("/sv/bonus")
    assert "<h1>Bonus</h1>" in page.text
    headers = re.findall(r'<th scope="col">([^<]+)</th>', page.text)
    assert headers == ["Månad", "Inköp", "Bonus %", "Bonus", "Övriga prisförmåner"]
    rows = [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
        for row in re.findall(r"<tr>\s*(<th scope=\"row\">.*?)</tr>", page.text, re.S)
    ]
    assert rows == [
        ["November 2026", "95,00 €", "1 %", "0,95 €", "0,00 €"],
        ["Oktober 2026", "1 234,50 €", "5 %", "61,73 €", "12,40 €"],
        ["September 2026", "250,00 €", "1,5 %", "3,75 €", "123 456,78 €"],
        ["Augusti 2026", "49,99 €", "0 %", "0,00 €", "0,00 €"],
    ]
    assert '<time datetime="2026-11">November 2026</time>' in page.text


def test_bonus_without_purchases_says_so(sara: TestClient) -> None:
    page = sara.get("/sv/bonus")
    assert "Inga inköp har registrerats ännu." in page.text
    assert "<table" not in page.text


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0,00 €"),
        (5, "0,05 €"),
        (99_999, "999,99 €"),
        (123_450, "1 234,50 €"),
        (123_456_789, "1 234 567,89 €"),
        (-1_250, "-12,50 €"),
    ],
)
def test_euros_are_written_the_finnish_way(cents: int, text: str) -> None:
    assert euros(cents) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(Decimal("1.5"), "1,5 %"), (Decimal("1.50"), "1,5 %"), ("0", "0 %"), ("5.0", "5 %")],
)
def test_bonus_percent_is_written_the_finnish_way(value: Decimal | str, text: str) -> None:
    assert percent(value) == text


def test_month_names_per_language() -> None:
    assert month_label("2026-03", "sv") == "Mars 2026"
    assert month_label("2026-03", "fi") == "Maaliskuu 2026"
    assert month_label("2026-03", "en") == "March 2026"
    assert month_label("not-a-month", "sv") == "not-a-month"


def test_a_register_that_is_down_gives_a_clear_page(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon("sub-sara", "Kaffe -30 %", COFFEE)
    token = csrf_of(sara, f"/sv/coupons/{coffee.id}")
    world.register.down = True
    for page in (
        sara.get("/sv/benefits"),
        sara.get("/sv/bonus"),
        sara.get(f"/sv/coupons/{coffee.id}"),
        sara.post(f"/sv/coupons/{coffee.id}/redeem", data={"csrf_token": token}),
    ):
        assert page.status_code == 503
        assert "<h1>Tjänsten är inte tillgänglig just nu</h1>" in page.text
        assert 'aria-label="Meny"' in page.text
    assert sara.get(f"/sv/coupons/{coffee.id}/barcode.svg").status_code == 503
    assert world.register.redeemed == []


def test_benefit_strings_are_complete_and_in_their_areas() -> None:
    prefixes = ("benefits.", "coupon.", "bonus.", "household.", "invite.")
    for key, texts in BENEFIT_STRINGS.items():
        assert key.startswith(prefixes), key
        assert set(texts) == set(LANGS), key
        assert all(text.strip() for text in texts.values()), key
    assert len(BENEFIT_STRINGS["bonus.month_names"]["fi"].split(",")) == 12


def test_coupon_page_in_finnish(world: World, sara: TestClient) -> None:
    coffee = world.register.add_coupon(
        "sub-sara", "Kahvi -30 %", COFFEE, valid_until=date.today() + timedelta(days=3)
    )
    page = sara.get(f"/fi/coupons/{coffee.id}")
    assert '<html lang="fi">' in page.text
    assert "Käytä kuponki" in page.text
    assert "Kuponkeja voi käyttää mobiilinäkymässä tai sovelluksessa" in page.text
