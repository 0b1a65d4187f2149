"""The register's coupons: EAN-13 codes, welcome coupons, targeted coupons, single use."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from stub_services.common.register_client import (
    Coupon,
    CouponNotFound,
    CouponUsed,
    HttpRegister,
    RegisterError,
)
from stub_services.common.settings import Settings
from stub_services.register.app import create_app
from stub_services.register.coupons import ean13_check_digit, is_valid_ean13, new_ean13

from .support import TestClient
from .test_register import AUTH, REGISTER_URL, TESSA, TOKEN, VAINO, link, seed_business, seed_person


@pytest.fixture
def register_settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, register_api_token=TOKEN)


@pytest.fixture
def register(register_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(register_settings), base_url=REGISTER_URL) as client:
        yield client


@pytest.fixture
def api(register: TestClient) -> HttpRegister:
    return HttpRegister(register, REGISTER_URL, TOKEN)


def linked_card(client: TestClient, hetu: str = TESSA, s_login: str = "sub-of-tessa") -> str:
    card: str = seed_person(client, hetu)["card_number"]
    assert link(client, card, s_login).status_code == 200
    return card


def coupons(client: TestClient, s_login: str) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/links/{s_login}/coupons", headers=AUTH)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


def redeem(client: TestClient, s_login: str, coupon_id: str) -> Any:
    return client.post(f"/api/v1/links/{s_login}/coupons/{coupon_id}/redeem", headers=AUTH)


def add_coupon(client: TestClient, **holder: str) -> Any:
    body = {"title": "Kaffe −20 %", "description": "Gäller Juhla Mokka 500 g.", **holder}
    return client.post("/_control/coupons", json=body)


def register_today(client: TestClient) -> date:
    return datetime.fromisoformat(client.get("/_control/clock").json()["now"]).date()


def test_ean13_check_digits() -> None:
    assert ean13_check_digit("400638133393") == 1  # the classic example 4006381333931
    assert is_valid_ean13("4006381333931")
    assert not is_valid_ean13("4006381333932")
    assert not is_valid_ean13("400638133393")
    for _ in range(200):
        code = new_ean13()
        assert is_valid_ean13(code)
        assert code.startswith("99")


def test_linking_a_person_card_brings_two_welcome_coupons(register: TestClient) -> None:
    linked_card(register)
    welcome = coupons(register, "sub-of-tessa")
    assert len(welcome) == 2
    assert all(is_valid_ean13(c["ean13"]) for c in welcome)
    assert len({c["ean13"] for c in welcome}) == 2
    valid_until = (register_today(register) + timedelta(days=30)).isoformat()
    assert {c["valid_until"] for c in welcome} == {valid_until}
    assert all(c["title"] and c["description"] and c["redeemed_at"] is None for c in welcome)


def test_relinking_gives_no_more_welcome_coupons(register: TestClient) -> None:
    card = linked_card(register)
    link(register, card, "sub-of-tessa", "DELETE")
    link(register, card, "sub-of-tessa")
    assert len(coupons(register, "sub-of-tessa")) == 2


def test_a_business_card_gets_no_welcome_coupons(register: TestClient) -> None:
    card = seed_business(register, authorised=VAINO)["card_number"]
    link(register, card, "sub-of-vaino")
    assert coupons(register, "sub-of-vaino") == []


def test_a_new_member_card_gets_welcome_coupons(register: TestClient) -> None:
    linked_card(register)
    token = register.post(
        "/api/v1/links/sub-of-tessa/invitations", json={"email": "e@example.test"}, headers=AUTH
    ).json()["token"]
    register.post(
        f"/api/v1/invitations/{token}/accept",
        json={"s_login": "sub-of-elias", "name": "Elias Esimerkki"},
        headers=AUTH,
    )
    assert len(coupons(register, "sub-of-elias")) == 2


def test_without_a_card_there_are_no_coupons(register: TestClient) -> None:
    assert coupons(register, "sub-without-card") == []


def test_targeted_coupons_by_identity_code_or_card(register: TestClient) -> None:
    card = linked_card(register)
    by_hetu = add_coupon(register, hetu=TESSA)
    assert by_hetu.status_code == 200, by_hetu.text
    by_card = add_coupon(register, card_number=card)
    assert by_card.status_code == 200, by_card.text
    listed = coupons(register, "sub-of-tessa")
    assert listed[-2:] == [by_hetu.json(), by_card.json()]
    assert set(by_hetu.json()) == {
        "id",
        "title",
        "description",
        "ean13",
        "valid_until",
        "redeemed_at",
    }
    assert by_hetu.json()["title"] == "Kaffe −20 %"
    assert len({c["ean13"] for c in listed}) == 4


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"hetu": VAINO}, "no customer"),
        ({"card_number": "6043000000000000"}, "no customer"),
        ({"hetu": "nope"}, "DDMMYYCZZZQ"),
        ({}, "exactly one"),
        ({"hetu": TESSA, "title": " "}, "title"),
        ({"hetu": TESSA, "description": ""}, "description"),
    ],
    ids=["unknown-hetu", "unknown-card", "bad-hetu", "no-holder", "no-title", "no-description"],
)
def test_bad_coupon_seeds_are_422_with_a_reason(
    register: TestClient, body: dict[str, str], reason: str
) -> None:
    seed_person(register, TESSA)
    response = add_coupon(register, **body)
    assert response.status_code == 422
    assert reason in response.json()["detail"]


def test_a_coupon_is_redeemed_once(register: TestClient) -> None:
    linked_card(register)
    coupon_id = coupons(register, "sub-of-tessa")[0]["id"]
    used = redeem(register, "sub-of-tessa", coupon_id)
    assert used.status_code == 200
    assert used.json()["redeemed_at"] is not None
    again = redeem(register, "sub-of-tessa", coupon_id)
    assert again.status_code == 409
    listed = {c["id"]: c for c in coupons(register, "sub-of-tessa")}
    assert listed[coupon_id]["redeemed_at"] == used.json()["redeemed_at"]


def test_another_customers_coupon_is_not_found(register: TestClient) -> None:
    linked_card(register)
    linked_card(register, VAINO, "sub-of-vaino")
    tessas = coupons(register, "sub-of-tessa")[0]["id"]
    assert redeem(register, "sub-of-vaino", tessas).status_code == 404
    assert redeem(register, "sub-without-card", tessas).status_code == 404
    assert redeem(register, "sub-of-tessa", "no-such-coupon").status_code == 404
    assert coupons(register, "sub-of-tessa")[0]["redeemed_at"] is None


def test_reseeding_forgets_the_coupons(register: TestClient) -> None:
    linked_card(register)
    old = {c["id"] for c in coupons(register, "sub-of-tessa")}
    linked_card(register)
    new = {c["id"] for c in coupons(register, "sub-of-tessa")}
    assert len(new) == 2
    assert not old & new


def test_http_register_lists_and_redeems_coupons(register: TestClient, api: HttpRegister) -> None:
    linked_card(register)
    linked_card(register, VAINO, "sub-of-vaino")
    targeted = add_coupon(register, hetu=TESSA).json()
    listed = api.coupons("sub-of-tessa")
    assert len(listed) == 3
    assert all(isinstance(c, Coupon) and isinstance(c.valid_until, date) for c in listed)
    assert listed[-1] == Coupon(
        targeted["id"],
        "Kaffe −20 %",
        "Gäller Juhla Mokka 500 g.",
        targeted["ean13"],
        date.fromisoformat(targeted["valid_until"]),
        None,
    )
    used = api.redeem_coupon("sub-of-tessa", targeted["id"])
    assert isinstance(used.redeemed_at, datetime)
    assert used.ean13 == targeted["ean13"]
    with pytest.raises(CouponUsed):
        api.redeem_coupon("sub-of-tessa", targeted["id"])
    with pytest.raises(CouponNotFound) as foreign:
        api.redeem_coupon("sub-of-vaino", listed[0].id)
    assert isinstance(foreign.value, RegisterError)
    assert api.coupons("sub-without-card") == []
