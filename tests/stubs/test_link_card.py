"""Linking the S-Förmånskort while creating the S-login (C10, C15) and afterwards (C16)."""

from __future__ import annotations

from urllib.parse import quote

from .identity_fakes import FakeBank, FakeRegister
from .identity_flows import (
    BUSINESS_ID,
    TESSA,
    VAINO,
    back_at_client,
    create_s_login,
    events_of,
    link_with_bank,
    start_linking,
)
from .support import ETUKORTTI_URL, Mailbox, TestClient, query_of, set_cookies

ELIAS = "elias.korhonen@example.com"
AINO = "aino.laine@example.com"


def test_a_new_s_login_is_offered_card_linking_first(s_login: TestClient, mailbox: Mailbox) -> None:
    rid, done = create_s_login(s_login, mailbox, ELIAS)
    assert done.status_code == 303
    assert done.headers["location"] == f"/sv/link-card?request={rid}"
    page = s_login.get(done.headers["location"])
    assert page.status_code == 200
    assert "<h1>Lägg till ditt S-Förmånskort</h1>" in page.text
    assert "<legend>Är du personkund eller företagskund?</legend>" in page.text
    assert '<label for="kind-person">Personkund</label>' in page.text
    assert '<label for="kind-business">Företagskund</label>' in page.text
    assert '<label for="business_id">FO-nummer</label>' in page.text
    assert '<button type="submit">Fortsätt till bankidentifiering</button>' in page.text
    assert ">Hoppa över</a>" in page.text
    assert "style=" not in page.text


def test_skipping_goes_back_to_the_client(s_login: TestClient, mailbox: Mailbox) -> None:
    rid, _ = create_s_login(s_login, mailbox, ELIAS)
    skipped = s_login.get(f"/sv/link-card/continue?request={rid}")
    assert back_at_client(skipped)["state"] == "state-of-sara"


def test_personal_customer_links_card_while_creating(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    card = register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, ELIAS)
    started = start_linking(s_login, request=rid)
    assert started.status_code == 303
    tx = set_cookies(started)["__Host-bank_tx"]
    assert {"secure", "httponly", "path"} <= set(tx.attributes)
    assert tx.attributes["samesite"].lower() == "lax"
    assert tx.attributes["max-age"] == "600"
    callback = s_login.get(bank.approve(started.headers["location"], VAINO))
    assert callback.status_code == 303, callback.text
    assert callback.headers["location"] == f"/sv/link-card/done?request={rid}"
    done = s_login.get(callback.headers["location"])
    assert "<h1>Ditt S-Förmånskort har kopplats</h1>" in done.text
    assert f"6043 •••• •••• {card[-4:]}" in done.text
    assert card not in done.text
    assert "Du är nu identifierad som ägarkund" in done.text
    assert '<button type="submit">Fortsätt</button>' in done.text
    assert list(register.links) == [card]
    back_at_client(s_login.get(f"/sv/link-card/continue?request={rid}"))
    types = events_of(s_login, ELIAS)
    assert [t for t in types if t in {"bank_auth_started", "card_linked"}] == [
        "bank_auth_started",
        "card_linked",
    ]
    assert VAINO not in str(s_login.get(f"/_control/events?email={ELIAS}").json())


def test_business_customer_links_the_company_card(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    card = register.add_business(BUSINESS_ID, authorised_hetu=TESSA)
    rid, _ = create_s_login(s_login, mailbox, AINO)
    callback = link_with_bank(
        s_login, bank, TESSA, request=rid, kind="business", business_id=BUSINESS_ID
    )
    assert callback.headers["location"] == f"/sv/link-card/done?request={rid}"
    done = s_login.get(callback.headers["location"])
    assert "Du är nu identifierad som företagskund" in done.text
    assert register.links == {card: register.links[card]}


def test_invalid_business_id_is_asked_again_with_the_value_kept(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    rid, _ = create_s_login(s_login, mailbox, AINO)
    for bad in ("2077474-1", "207747-0", "FI20774740", ""):
        page = start_linking(s_login, request=rid, kind="business", business_id=bad)
        assert page.status_code == 422
        assert "Kontrollera FO-numret" in page.text
        assert f'value="{bad}"' in page.text
        assert 'id="kind-business" name="kind" value="business" checked' in page.text


def test_linked_account_is_visible_on_the_account_site_at_once(
    card_site: TestClient,
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
) -> None:
    card = register.add_person(VAINO)
    start = card_site.get("/sv/login?create=1")
    register_page = s_login.get(start.headers["location"]).headers["location"]
    rid = query_of(register_page)["request"]
    s_login.post("/sv/login/email", data={"email": ELIAS, "intent": "create", "request": rid})
    s_login.post("/sv/login/code", data={"code": mailbox.latest_code(ELIAS), "request": rid})
    link_with_bank(s_login, bank, VAINO, request=rid)
    back = s_login.get(f"/sv/link-card/continue?request={rid}")
    assert card_site.get(back.headers["location"]).status_code == 303
    profile = card_site.get("/sv/profile")
    assert '<h2 id="cards-heading">Förmånskort och medlemskap</h2>' in profile.text
    assert f"6043 •••• •••• {card[-4:]}" in profile.text
    assert "<dd>Ägarkund</dd>" in profile.text
    assert "Lägg till S-Förmånskort" not in profile.text


def _signed_in_on_card_site(card_site: TestClient, s_login: TestClient, mailbox: Mailbox) -> None:
    start = card_site.get("/sv/login?create=1")
    rid = query_of(s_login.get(start.headers["location"]).headers["location"])["request"]
    s_login.post("/sv/login/email", data={"email": ELIAS, "intent": "create", "request": rid})
    s_login.post("/sv/login/code", data={"code": mailbox.latest_code(ELIAS), "request": rid})
    back = s_login.get(f"/sv/link-card/continue?request={rid}")
    assert card_site.get(back.headers["location"]).status_code == 303


def test_card_linked_afterwards_from_mina_uppgifter(
    card_site: TestClient,
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
) -> None:
    card = register.add_person(VAINO)
    _signed_in_on_card_site(card_site, s_login, mailbox)
    profile = card_site.get("/sv/profile")
    return_url = f"{ETUKORTTI_URL}/sv/profile"
    link = f"https://login.s-ryhma.test/sv/link-card?return={quote(return_url, safe='')}"
    assert f'<a href="{link}">Lägg till S-Förmånskort</a>' in profile.text
    assert ">Ändra S-inloggningens uppgifter</a>" in profile.text
    form = s_login.get(link)
    assert form.status_code == 200
    assert f'name="return" value="{return_url}"' in form.text
    started = start_linking(s_login, return_url=return_url)
    callback = s_login.get(bank.approve(started.headers["location"], VAINO))
    done = s_login.get(callback.headers["location"])
    assert "Ditt S-Förmånskort har kopplats" in done.text
    onward = s_login.get(f"/sv/link-card/continue?return={quote(return_url, safe='')}")
    assert onward.headers["location"] == return_url
    again = card_site.get("/sv/profile")
    assert f"6043 •••• •••• {card[-4:]}" in again.text
    assert "<dd>Ägarkund</dd>" in again.text


def test_return_urls_outside_the_registered_clients_are_refused(s_login: TestClient) -> None:
    evil = [
        "https://evil.test/sv/profile",
        "https://s-etukortti.test.evil.test/",
        "https://s-etukortti.test@evil.test/",
        "http://s-etukortti.test/sv/profile",
        "//evil.test/",
        "javascript:alert(1)",
        "https://s-etukortti.test\\@evil.test/",
    ]
    for url in evil:
        for path in ("/sv/link-card", "/sv/link-card/continue", "/sv/link-card/failed"):
            page = s_login.get(path, params={"return": url})
            assert page.status_code == 400, (path, url)
            assert "location" not in page.headers
            assert "Ogiltig inloggningsbegäran" in page.text
    posted = start_linking(s_login, return_url=evil[0])
    assert posted.status_code == 400


def test_linking_needs_a_session_and_comes_back_after_sign_in(
    s_login: TestClient, mailbox: Mailbox
) -> None:
    return_url = f"{ETUKORTTI_URL}/sv/profile"
    first = s_login.get("/sv/link-card", params={"return": return_url})
    assert first.status_code == 303
    rid = query_of(first.headers["location"])["request"]
    assert first.headers["location"] == f"/sv/login?request={rid}"
    create_s_login(s_login, mailbox, ELIAS)  # an account to sign in to
    s_login.cookies.clear()
    s_login.post("/sv/login/email", data={"email": ELIAS, "intent": "login", "request": rid})
    done = s_login.post("/sv/login/code", data={"code": mailbox.latest_code(ELIAS), "request": rid})
    assert done.headers["location"] == f"/sv/link-card?return={quote(return_url, safe='')}"
