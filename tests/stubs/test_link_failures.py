"""When linking fails (C17): the failure page, owner-customer service, nothing half-linked."""

from __future__ import annotations

import pytest

from stub_services.signin.identity_store import IdentityStore

from .identity_fakes import FakeBank, FakeRegister
from .identity_flows import (
    BUSINESS_ID,
    TESSA,
    VAINO,
    create_s_login,
    events_of,
    link_with_bank,
    start_linking,
)
from .support import Mailbox, TestClient, query_of

SARA = "sara.virtanen@example.com"
SERVICE_TEXTS = (
    "<h1>Vi kunde inte lägga till ditt S-Förmånskort</h1>",
    "010 76 5859",
    "mån–fre 9–16 (lna/mta)",
    '<a href="https://www.s-kanava.fi/sv/responsblankett">responsformuläret</a>',
    "Ägarkundsrelationen, S-Förmånskortet och Bonus",
)


def _failure_page(client: TestClient, callback_location: str, rid: str) -> str:
    assert callback_location.startswith("/sv/link-card/failed?"), callback_location
    assert query_of(callback_location)["request"] == rid
    page = client.get(callback_location)
    assert page.status_code == 200
    for text in SERVICE_TEXTS:
        assert text in page.text
    assert f'<a href="/sv/link-card?request={rid}">Försök igen</a>' in page.text
    return str(page.text)


def test_no_card_for_that_identity(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    rid, _ = create_s_login(s_login, mailbox, SARA)
    callback = link_with_bank(s_login, bank, VAINO, request=rid)
    text = _failure_page(s_login, callback.headers["location"], rid)
    assert "Vi hittade inget S-Förmånskort för den som identifierade sig." in text
    assert register.links == {}
    assert "card_link_failed" in events_of(s_login, SARA)


def test_card_linked_to_another_s_login(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    card = register.add_person(VAINO)
    register.links[card] = "someone-else"
    rid, _ = create_s_login(s_login, mailbox, SARA)
    callback = link_with_bank(s_login, bank, VAINO, request=rid)
    text = _failure_page(s_login, callback.headers["location"], rid)
    assert "Kortet är redan kopplat till en annan S-inloggning." in text
    assert register.links == {card: "someone-else"}


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        ("access_denied", "Bankidentifieringen avbröts."),
        ("server_error", "Bankidentifieringen misslyckades eller tog för lång tid."),
        ("temporarily_unavailable", "Bankidentifieringen misslyckades eller tog för lång tid."),
    ],
)
def test_bank_identification_cancelled_failed_or_too_slow(
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    error: str,
    sentence: str,
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    started = start_linking(s_login, request=rid)
    callback = s_login.get(bank.refuse(started.headers["location"], error))
    assert sentence in _failure_page(s_login, callback.headers["location"], rid)
    assert register.links == {}
    assert "bank_auth_failed" in events_of(s_login, SARA)


@pytest.mark.parametrize("authorised", [TESSA, VAINO])
def test_business_unknown_or_not_authorised(
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    authorised: str,
) -> None:
    if authorised == TESSA:
        register.add_business(BUSINESS_ID, authorised_hetu=TESSA)  # Väinö may not act for it
    rid, _ = create_s_login(s_login, mailbox, SARA)
    callback = link_with_bank(
        s_login, bank, VAINO, request=rid, kind="business", business_id=BUSINESS_ID
    )
    text = _failure_page(s_login, callback.headers["location"], rid)
    assert "Företagskunden hittades inte, eller så har du inte rätt att företräda den." in text
    assert register.links == {}


def test_nothing_half_linked_when_recording_the_link_fails(
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(IdentityStore, "save_link", broken)
    callback = link_with_bank(s_login, bank, VAINO, request=rid)
    _failure_page(s_login, callback.headers["location"], rid)
    assert register.links == {}, "the register still holds a link the S-login does not know"
    assert "card_unlinked" in events_of(s_login, SARA)


def test_register_down_is_a_failure_page_not_a_500(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    register.down = True
    callback = link_with_bank(s_login, bank, VAINO, request=rid)
    assert "Något gick fel" in _failure_page(s_login, callback.headers["location"], rid)


def test_tampered_state_is_refused(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    started = start_linking(s_login, request=rid)
    callback = bank.approve(started.headers["location"], VAINO)
    forged = callback.replace("state=", "state=forged")
    page = s_login.get(forged)
    assert page.status_code == 400
    assert "Identifieringen kunde inte slutföras" in page.text
    assert register.links == {}
    # The transaction is spent: the genuine callback cannot be replayed afterwards either.
    assert s_login.get(callback).status_code == 400


def test_callback_without_the_browser_cookie_is_refused(
    s_login: TestClient, mailbox: Mailbox, bank: FakeBank, register: FakeRegister
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    started = start_linking(s_login, request=rid)
    callback = bank.approve(started.headers["location"], VAINO)
    s_login.cookies.delete("__Host-bank_tx")
    page = s_login.get(callback)
    assert page.status_code == 400
    assert "Identifieringen kunde inte slutföras" in page.text
    assert register.links == {}


@pytest.mark.parametrize(
    "tamper",
    [{"signing_key": "attacker"}, {"nonce": "someone-elses-nonce"}, {"audience": "other"}],
    ids=["bad-signature", "wrong-nonce", "wrong-audience"],
)
def test_unacceptable_id_token_is_refused(
    s_login: TestClient,
    mailbox: Mailbox,
    bank: FakeBank,
    register: FakeRegister,
    tamper: dict[str, str],
) -> None:
    register.add_person(VAINO)
    rid, _ = create_s_login(s_login, mailbox, SARA)
    started = start_linking(s_login, request=rid)
    callback = s_login.get(bank.approve(started.headers["location"], VAINO, **tamper))
    text = _failure_page(s_login, callback.headers["location"], rid)
    assert "Bankidentifieringen misslyckades eller tog för lång tid." in text
    assert register.links == {}
    assert "bank_auth_failed" in events_of(s_login, SARA)


def test_unknown_failure_reason_shows_the_general_sentence(s_login: TestClient) -> None:
    page = s_login.get("/fi/link-card/failed?reason=<script>")
    assert page.status_code == 200
    assert "Kortin lisäämisessä tapahtui virhe." in page.text
    assert "ma–pe 9–16 (pvm/mpm)" in page.text
    assert "<script>" not in page.text
