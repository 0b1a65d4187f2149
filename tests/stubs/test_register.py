"""The customer register: card numbers, seeding with validated ids, card look-ups and links."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest

from stub_services.common.register_client import mask_card
from stub_services.common.settings import Settings
from stub_services.register.app import create_app
from stub_services.register.cards import is_valid, luhn_check_digit, new_card_number

from .support import TestClient

REGISTER_URL = "https://asiakasrekisteri.test"
TOKEN = "register-token-in-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TESSA = "010280-952L"
VAINO = "070770-905D"
BUSINESS = "2077474-0"


@pytest.fixture
def register_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, register_api_token=TOKEN)


@pytest.fixture
def register(register_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(register_settings), base_url=REGISTER_URL) as client:
        yield client


def seed_person(client: TestClient, hetu: str = TESSA) -> dict[str, Any]:
    response = client.post(
        "/_control/customers",
        json={"kind": "person", "hetu": hetu, "given_name": "Tessa", "family_name": "Testilä"},
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def seed_business(client: TestClient, authorised: str = VAINO) -> dict[str, Any]:
    response = client.post(
        "/_control/customers",
        json={
            "kind": "business",
            "business_id": BUSINESS,
            "name": "Tunnistus Oy",
            "authorised_hetu": authorised,
        },
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def link(client: TestClient, card: str, s_login: str, method: str = "POST") -> Any:
    return client.request(
        method, f"/api/v1/cards/{card}/link", json={"s_login": s_login}, headers=AUTH
    )


def test_card_numbers_are_16_digits_with_prefix_and_luhn_check_digit() -> None:
    for _ in range(200):
        number = new_card_number()
        assert len(number) == 16
        assert number.startswith("6043")
        assert is_valid(number)
    # The classic Luhn example: 7992739871 + check digit 3.
    assert luhn_check_digit("7992739871") == 3
    number = new_card_number()
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not is_valid(wrong)
    assert mask_card("6043123412341234") == "6043 •••• •••• 1234"


def test_seeded_person_has_a_valid_card(register: TestClient) -> None:
    seeded = seed_person(register)
    assert set(seeded) == {"customer_id", "card_number"}
    assert is_valid(seeded["card_number"])
    found = register.get(f"/api/v1/persons/{TESSA}/card", headers=AUTH)
    assert found.status_code == 200
    assert found.json() == seeded


def test_person_without_card_is_404(register: TestClient) -> None:
    assert register.get(f"/api/v1/persons/{VAINO}/card", headers=AUTH).status_code == 404


def test_seeding_again_gives_a_fresh_card_without_the_old_link(register: TestClient) -> None:
    first = seed_person(register)
    assert link(register, first["card_number"], "sub-of-tessa").status_code == 200
    second = seed_person(register)
    assert second["card_number"] != first["card_number"]
    assert register.get("/api/v1/links/sub-of-tessa", headers=AUTH).status_code == 404


@pytest.mark.parametrize(
    "payload",
    [
        {"kind": "person", "hetu": "010280-952K", "given_name": "T", "family_name": "T"},
        {"kind": "person", "hetu": "310280-952L", "given_name": "T", "family_name": "T"},
        {"kind": "person", "hetu": "010280Z952L", "given_name": "T", "family_name": "T"},
        {"kind": "person", "hetu": TESSA, "given_name": "", "family_name": "T"},
        {"kind": "business", "business_id": "2077474-1", "name": "X", "authorised_hetu": TESSA},
        {"kind": "business", "business_id": "207747-0", "name": "X", "authorised_hetu": TESSA},
        {"kind": "business", "business_id": BUSINESS, "name": "X", "authorised_hetu": "nope"},
        {"kind": "robot", "hetu": TESSA},
    ],
    ids=[
        "hetu-check-char",
        "hetu-date",
        "hetu-century-sign",
        "missing-name",
        "ytunnus-check-digit",
        "ytunnus-format",
        "authorised-hetu",
        "unknown-kind",
    ],
)
def test_invalid_seeds_are_422_with_a_reason(register: TestClient, payload: dict[str, str]) -> None:
    response = register.post("/_control/customers", json=payload)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_new_century_signs_are_accepted(register: TestClient) -> None:
    seed_person(register, "100190Y999P")
    seed_person(register, "030516D9026")
    assert register.get("/api/v1/persons/100190Y999P/card", headers=AUTH).status_code == 200
    assert register.get("/api/v1/persons/100190-999P/card", headers=AUTH).status_code == 404


def test_business_card_only_for_its_authorised_person(register: TestClient) -> None:
    seeded = seed_business(register, authorised=VAINO)
    assert is_valid(seeded["card_number"])
    ok = register.get(
        f"/api/v1/businesses/{BUSINESS}/card", params={"authorised_hetu": VAINO}, headers=AUTH
    )
    assert ok.status_code == 200
    assert ok.json() == seeded
    other = register.get(
        f"/api/v1/businesses/{BUSINESS}/card", params={"authorised_hetu": TESSA}, headers=AUTH
    )
    assert other.status_code == 403
    unknown = register.get(
        "/api/v1/businesses/1572860-0/card", params={"authorised_hetu": VAINO}, headers=AUTH
    )
    assert unknown.status_code == 404


def test_link_is_idempotent_for_the_same_s_login_and_409_for_another(
    register: TestClient,
) -> None:
    card = seed_person(register)["card_number"]
    assert link(register, card, "sub-of-tessa").status_code == 200
    assert link(register, card, "sub-of-tessa").status_code == 200
    taken = link(register, card, "sub-of-someone-else")
    assert taken.status_code == 409
    assert taken.json() == {"linked_to_other": True}
    mine = register.get("/api/v1/links/sub-of-tessa", headers=AUTH)
    assert mine.json() == {"card_number": card}
    assert register.get("/api/v1/links/sub-of-someone-else", headers=AUTH).status_code == 404


def test_unlink_leaves_nothing_behind_and_never_undoes_another_link(
    register: TestClient,
) -> None:
    card = seed_person(register)["card_number"]
    link(register, card, "sub-of-tessa")
    assert link(register, card, "sub-of-someone-else", "DELETE").status_code == 409
    assert link(register, card, "sub-of-tessa", "DELETE").status_code == 200
    assert register.get("/api/v1/links/sub-of-tessa", headers=AUTH).status_code == 404
    assert link(register, card, "sub-of-someone-else").status_code == 200


def test_linking_an_unknown_card_is_404(register: TestClient) -> None:
    assert link(register, new_card_number(), "sub-of-tessa").status_code == 404


def test_server_api_needs_the_bearer_token(register: TestClient) -> None:
    card = seed_person(register)["card_number"]
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        assert register.get(f"/api/v1/persons/{TESSA}/card", headers=headers).status_code == 401
        response = register.post(
            f"/api/v1/cards/{card}/link", json={"s_login": "x"}, headers=headers
        )
        assert response.status_code == 401


def test_links_survive_a_restart(register_settings: Settings, register: TestClient) -> None:
    card = seed_person(register)["card_number"]
    link(register, card, "sub-of-tessa")
    with TestClient(create_app(register_settings), base_url=REGISTER_URL) as restarted:
        assert restarted.get("/api/v1/links/sub-of-tessa", headers=AUTH).json() == {
            "card_number": card
        }
        assert link(restarted, card, "sub-of-someone-else").status_code == 409


def test_reset_forgets_customers_and_links(register: TestClient) -> None:
    card = seed_person(register)["card_number"]
    link(register, card, "sub-of-tessa")
    register.post("/_control/reset")
    assert register.get(f"/api/v1/persons/{TESSA}/card", headers=AUTH).status_code == 404
    assert register.get("/api/v1/links/sub-of-tessa", headers=AUTH).status_code == 404
