"""The register's Bonus: the step table, household months, idempotent purchases, seeding."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from stub_services.common.register_client import BonusMonth, HttpRegister, PurchaseReport
from stub_services.common.settings import BONUS_TABLE, Settings
from stub_services.register.app import create_app
from stub_services.register.bonus import BonusTable, InvalidBonusTable

from .support import TestClient
from .test_register import AUTH, REGISTER_URL, TESSA, TOKEN, VAINO, link, seed_person

DEFAULT = BonusTable.parse(BONUS_TABLE)


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


def linked_card(client: TestClient, hetu: str, s_login: str) -> str:
    card: str = seed_person(client, hetu)["card_number"]
    assert link(client, card, s_login).status_code == 200
    return card


def report(client: TestClient, s_login: str, order_ref: str, **fields: Any) -> Any:
    body = {
        "s_login": s_login,
        "shop": "prisma",
        "order_ref": order_ref,
        "amount_cents": 1000,
        "owner_saving_cents": 0,
        "purchased_on": "2026-11-02",
        **fields,
    }
    return client.post("/api/v1/purchases", json=body, headers=AUTH)


def till(client: TestClient, **fields: Any) -> Any:
    body = {"shop": "Prisma Kamppi", "owner_saving_cents": 0, **fields}
    return client.post("/_control/purchases", json=body)


def months(client: TestClient, s_login: str) -> list[dict[str, Any]]:
    response = client.get(f"/api/v1/links/{s_login}/bonus", headers=AUTH)
    assert response.status_code == 200, response.text
    body: list[dict[str, Any]] = response.json()
    return body


@pytest.mark.parametrize(
    ("total_cents", "percent"),
    [
        (0, "0"),
        (4999, "0"),
        (5000, "1"),
        (19999, "1"),
        (20000, "1.5"),
        (29999, "1.5"),
        (30000, "2"),
        (39999, "2"),
        (40000, "2.5"),
        (49999, "2.5"),
        (50000, "3"),
        (59999, "3"),
        (60000, "3.5"),
        (69999, "3.5"),
        (70000, "4"),
        (79999, "4"),
        (80000, "4.5"),
        (89999, "4.5"),
        (90000, "5"),
        (250000, "5"),
    ],
)
def test_every_step_of_the_default_table_starts_exactly_at_its_threshold(
    total_cents: int, percent: str
) -> None:
    assert DEFAULT.percent_for(total_cents) == Decimal(percent)


@pytest.mark.parametrize(
    ("total_cents", "bonus_cents"),
    [(4999, 0), (5000, 50), (5050, 51), (20010, 300), (20100, 302), (90000, 4500)],
)
def test_bonus_is_rounded_half_up_to_whole_cents(total_cents: int, bonus_cents: int) -> None:
    # 1 % of 50,50 € is 50.5 cents: half up gives 51 where banker's rounding would give 50.
    assert DEFAULT.bonus_cents(total_cents) == bonus_cents


def test_a_custom_table_in_any_order() -> None:
    table = BonusTable.parse(" 1000:7.25 , 0:0.5,100:2 ")
    assert [step.from_euros for step in table.steps] == [0, 100, 1000]
    assert table.percent_for(0) == Decimal("0.5")
    assert table.percent_for(9999) == Decimal("0.5")
    assert table.percent_for(10000) == Decimal(2)
    assert table.percent_for(100000) == Decimal("7.25")
    assert table.bonus_cents(100000) == 7250
    assert table.bonus_cents(101) == 1  # 0.505 cents, half up


@pytest.mark.parametrize(
    "text",
    ["", " , ", "50", "50:x", "x:1", "50:1,50:2", "50:-1", "-5:1", "50:101", "NaN:1", "50:inf"],
)
def test_a_malformed_table_is_refused_with_a_reason(text: str) -> None:
    with pytest.raises(InvalidBonusTable, match="BONUS_TABLE"):
        BonusTable.parse(text)


def test_a_malformed_table_stops_the_register_at_start_up(settings: Settings) -> None:
    with pytest.raises(ValueError, match="BONUS_TABLE step '200:lots'"):
        create_app(dataclasses.replace(settings, bonus_table="50:1,200:lots"))
    with pytest.raises(ValueError, match="HOUSEHOLD_MAX_MEMBERS"):
        create_app(dataclasses.replace(settings, household_max_members=0))


def test_months_are_calendar_months_newest_first() -> None:
    summaries = DEFAULT.months(
        [
            (date(2026, 10, 31), 4000, 100),
            (date(2026, 11, 1), 3000, 50),
            (date(2026, 10, 1), 1000, 20),
            (date(2025, 12, 31), 90000, 0),
            (date(2026, 11, 30), 2000, 0),
        ]
    )
    assert [
        (m.month, m.purchases_cents, m.bonus_percent, m.bonus_cents, m.savings_cents)
        for m in summaries
    ] == [
        ("2026-11", 5000, Decimal(1), 50, 50),
        ("2026-10", 5000, Decimal(1), 50, 120),
        ("2025-12", 90000, Decimal(5), 4500, 0),
    ]


def test_the_bonus_page_data_comes_from_reported_purchases(register: TestClient) -> None:
    linked_card(register, TESSA, "sub-of-tessa")
    assert (
        report(
            register, "sub-of-tessa", "o-1", amount_cents=15000, owner_saving_cents=120
        ).status_code
        == 200
    )
    report(register, "sub-of-tessa", "o-2", amount_cents=5000, owner_saving_cents=80)
    report(register, "sub-of-tessa", "o-3", amount_cents=4999, purchased_on="2026-10-31")
    assert months(register, "sub-of-tessa") == [
        {
            "month": "2026-11",
            "purchases_cents": 20000,
            "bonus_percent": "1.5",
            "bonus_cents": 300,
            "savings_cents": 200,
        },
        {
            "month": "2026-10",
            "purchases_cents": 4999,
            "bonus_percent": "0",
            "bonus_cents": 0,
            "savings_cents": 0,
        },
    ]


def test_reporting_an_order_again_counts_it_once(register: TestClient) -> None:
    linked_card(register, TESSA, "sub-of-tessa")
    first = report(register, "sub-of-tessa", "order-42", amount_cents=6000)
    again = report(register, "sub-of-tessa", "order-42", amount_cents=6000)
    assert first.json() == {"recorded": True, "duplicate": False}
    assert again.status_code == 200
    assert again.json() == {"recorded": True, "duplicate": True}
    # The same reference at another shop is another order.
    report(register, "sub-of-tessa", "order-42", shop="sokos", amount_cents=1000)
    assert months(register, "sub-of-tessa")[0]["purchases_cents"] == 7000


def test_without_a_card_nothing_is_recorded_and_there_are_no_months(
    register: TestClient,
) -> None:
    response = report(register, "sub-without-card", "o-1")
    assert response.status_code == 404
    assert months(register, "sub-without-card") == []


@pytest.mark.parametrize(
    "fields",
    [
        {"amount_cents": -1},
        {"owner_saving_cents": -5},
        {"purchased_on": "2026-13-01"},
        {"shop": " "},
    ],
    ids=["negative-amount", "negative-saving", "malformed-date", "no-shop"],
)
def test_bad_reports_are_422(register: TestClient, fields: dict[str, Any]) -> None:
    linked_card(register, TESSA, "sub-of-tessa")
    assert report(register, "sub-of-tessa", "o-1", **fields).status_code == 422


def test_purchases_api_needs_the_bearer_token(register: TestClient) -> None:
    assert register.get("/api/v1/links/sub-of-tessa/bonus").status_code == 401
    response = register.post("/api/v1/purchases", json={}, headers={"Authorization": "Bearer x"})
    assert response.status_code == 401


def test_till_purchases_are_seeded_by_identity_code_or_card(register: TestClient) -> None:
    card = linked_card(register, TESSA, "sub-of-tessa")
    by_hetu = till(register, hetu=TESSA, amount_cents=3000, purchased_on="2026-11-05")
    assert by_hetu.status_code == 200, by_hetu.text
    assert by_hetu.json()["card_number"] == card
    by_card = till(
        register,
        card_number=card,
        amount_cents=2000,
        owner_saving_cents=99,
        purchased_on="2026-11-06",
    )
    assert by_card.status_code == 200, by_card.text
    again = till(
        register, card_number=card, amount_cents=2000, purchased_on="2026-11-06", order_ref="r-1"
    )
    assert again.json()["duplicate"] is False
    assert (
        till(
            register,
            card_number=card,
            amount_cents=2000,
            purchased_on="2026-11-06",
            order_ref="r-1",
        ).json()["duplicate"]
        is True
    )
    assert months(register, "sub-of-tessa")[0] == {
        "month": "2026-11",
        "purchases_cents": 7000,
        "bonus_percent": "1",
        "bonus_cents": 70,
        "savings_cents": 99,
    }


def test_a_till_purchase_needs_no_linked_card(register: TestClient) -> None:
    card = seed_person(register, TESSA)["card_number"]
    assert (
        till(register, hetu=TESSA, amount_cents=9000, purchased_on="2026-11-05").status_code == 200
    )
    link(register, card, "sub-of-tessa")
    assert months(register, "sub-of-tessa")[0]["bonus_cents"] == 90


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"hetu": VAINO}, "no customer"),
        ({"card_number": "6043000000000000"}, "no customer"),
        ({"hetu": "010280-952K"}, "check character"),
        ({}, "exactly one"),
        ({"hetu": TESSA, "card_number": "6043000000000000"}, "exactly one"),
        ({"hetu": TESSA, "amount_cents": -100}, "negative"),
        ({"hetu": TESSA, "owner_saving_cents": -1}, "negative"),
        ({"hetu": TESSA, "purchased_on": "5.11.2026"}, "YYYY-MM-DD"),
        ({"hetu": TESSA, "shop": ""}, "shop"),
    ],
    ids=[
        "unknown-hetu",
        "unknown-card",
        "bad-hetu",
        "no-holder",
        "two-holders",
        "negative-amount",
        "negative-saving",
        "malformed-date",
        "no-shop",
    ],
)
def test_bad_till_purchases_are_422_with_a_reason(
    register: TestClient, fields: dict[str, Any], reason: str
) -> None:
    seed_person(register, TESSA)
    body = {"amount_cents": 1000, "purchased_on": "2026-11-05", **fields}
    response = till(register, **body)
    assert response.status_code == 422
    assert reason in response.json()["detail"]


def test_a_custom_table_applies_to_the_household_months(register_settings: Settings) -> None:
    custom = dataclasses.replace(register_settings, bonus_table="0:10,100:20")
    with TestClient(create_app(custom), base_url=REGISTER_URL) as client:
        linked_card(client, TESSA, "sub-of-tessa")
        report(client, "sub-of-tessa", "o-1", amount_cents=9999)
        report(client, "sub-of-tessa", "o-2", amount_cents=1, purchased_on="2026-12-01")
        assert [(m["bonus_percent"], m["bonus_cents"]) for m in months(client, "sub-of-tessa")] == [
            ("10", 0),
            ("10", 1000),
        ]


def test_http_register_records_purchases_and_reads_bonus_months(
    register: TestClient, api: HttpRegister
) -> None:
    linked_card(register, TESSA, "sub-of-tessa")
    order = PurchaseReport("sub-of-tessa", "prisma", "o-1", 20000, 150, date(2026, 11, 3))
    assert api.record_purchase(order)
    assert api.record_purchase(order)  # reported again: harmless
    assert not api.record_purchase(
        PurchaseReport("sub-without-card", "prisma", "o-2", 100, 0, date(2026, 11, 3))
    )
    assert api.bonus_months("sub-of-tessa") == [
        BonusMonth("2026-11", 20000, Decimal("1.5"), 300, 150)
    ]
    assert api.bonus_months("sub-without-card") == []
